"""Normalisation: every way a portal writes a word becomes one spelling."""

import unicodedata

import pytest

from search.text import fold, has_diacritics, normalize


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("Huyện uỷ", "Huyện ủy"),
        ("hoà bình", "hòa bình"),
        ("sức khoẻ", "sức khỏe"),
        ("Qúy I/2019", "Quý I/2019"),  # tone on the u of "qu" is a typo
        ("thuyết phục", "thuyết phục"),  # closed syllables are the same in both styles
        ("hoàn thành", "hoàn thành"),
        ("người", "người"),
        ("giữa", "giữa"),
        ("ngoài", "ngoài"),
    ],
)
def test_one_tone_placement_style(written: str, expected: str) -> None:
    assert normalize(written) == expected


def test_nfd_text_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Ban Tuyên giáo Huyện ủy Đầm Hà")
    assert nfd != "Ban Tuyên giáo Huyện ủy Đầm Hà"
    assert normalize(nfd) == "Ban Tuyên giáo Huyện ủy Đầm Hà"


def test_lookalike_eth_zero_width_and_entities() -> None:
    assert normalize("\u00d0ảng") == "Đảng"
    assert normalize("Tuy\u200bên gi\ufeffáo") == "Tuyên giáo"
    assert normalize("c&ocirc;ng t&aacute;c") == "công tác"
    assert normalize("a\u00a0b") == "a b"


def test_normalize_is_idempotent() -> None:
    text = "Hội nghị tổng kết công tác Tuyên giáo năm 2021 — Thanh Hoá, uỷ ban"
    assert normalize(normalize(text)) == normalize(text)


def test_fold_for_accentless_typing() -> None:
    assert fold("Đảng") == "dang"
    assert fold("Tuyên giáo") == "tuyen giao"
    assert fold("Thanh Hoá") == fold("Thanh Hóa") == "thanh hoa"


def test_has_diacritics() -> None:
    assert has_diacritics("tuyên giáo")
    assert has_diacritics("Đ")
    assert not has_diacritics("tuyen giao 05-CT/TW")
