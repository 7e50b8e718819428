"""The gazetteer: provinces old and new, districts, and where an article or a portal belongs."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.extract.places import (
    Place,
    canonical_district,
    canonical_province,
    district_provinces,
    districts_of,
    find_place,
    place_from_domain,
    province_2025,
    provinces,
    provinces_2025,
)
from search.text import fold

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


# --- provinces ---------------------------------------------------------------------------------


def test_63_provinces_before_and_34_after_the_reorganisation():
    assert len(provinces()) == len(set(provinces())) == 63
    assert len(provinces_2025()) == len(set(provinces_2025())) == 34


def test_province_names_are_short_and_in_the_engines_spelling():
    names = provinces()
    for name in ["Nam Định", "Thanh Hóa", "Hà Nội", "Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Hòa Bình"]:
        assert name in names
    assert "Thanh Hoá" not in names  # one tone style everywhere
    assert not any(n.startswith(("Tỉnh", "Thành phố")) for n in names)


def test_every_old_province_lands_in_one_of_the_34():
    new = set(provinces_2025())
    assert {province_2025(p) for p in provinces()} == new
    for name in new:  # today's names map to themselves
        assert province_2025(name) == name


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Nam Định", "Ninh Bình"),
        ("Bắc Kạn", "Thái Nguyên"),
        ("Quảng Ninh", "Quảng Ninh"),
        ("Thanh Hóa", "Thanh Hóa"),
        ("Hưng Yên", "Hưng Yên"),
        ("Thái Bình", "Hưng Yên"),
        ("Hà Giang", "Tuyên Quang"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("tinh nam dinh", "Ninh Bình"),
        ("Tỉnh Thanh Hoá", "Thanh Hóa"),
    ],
)
def test_province_2025(old, new):
    assert province_2025(old) == new


@pytest.mark.parametrize(
    "written",
    ["nam dinh", "Nam Định", "NAM ĐỊNH", "Tỉnh Nam Định", "tỉnh Nam Định", "namdinh"],
)
def test_canonical_province_accepts_any_spelling(written):
    assert canonical_province(written) == "Nam Định"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("HCM", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),  # the province's name among the 63; today's city is "Huế"
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("ha noi", "Hà Nội"),
    ],
)
def test_canonical_province_common_forms(written, canonical):
    assert canonical_province(written) == canonical


@pytest.mark.parametrize("junk", ["", "Trung Quốc", "Ban Tuyên giáo", "xyz"])
def test_unknown_province_is_none(junk):
    assert canonical_province(junk) is None
    assert province_2025(junk) is None


# --- districts ---------------------------------------------------------------------------------


def test_districts_of_a_province_are_short_names():
    assert "Nam Trực" in districts_of("Nam Định")
    assert "Đầm Hà" in districts_of("tỉnh Quảng Ninh")
    assert "Thọ Xuân" in districts_of("thanh hoa")
    assert not any(d.startswith("Huyện") for d in districts_of("Nam Định"))
    assert districts_of("Atlantis") == []


def test_a_shared_district_name_lists_every_province():
    found = district_provinces("Châu Thành")
    assert len(found) > 3
    assert {"Tiền Giang", "Bến Tre", "An Giang"} <= set(found)
    assert district_provinces("chau thanh") == found


def test_a_unique_district_name_has_one_province():
    assert district_provinces("Nam Trực") == ["Nam Định"]
    assert district_provinces("nam truc") == ["Nam Định"]
    assert district_provinces("huyện Đầm Hà") == ["Quảng Ninh"]
    assert district_provinces("Không Có") == []


def test_accents_tell_apart_districts_that_fold_the_same():
    assert district_provinces("Phù Ninh") == ["Phú Thọ"]
    assert district_provinces("Phú Ninh") == ["Quảng Nam"]
    assert set(district_provinces("Phu Ninh")) == {"Phú Thọ", "Quảng Nam"}


def test_canonical_district():
    assert canonical_district("nam truc") == "Nam Trực"
    assert canonical_district("Huyện Thọ Xuân") == "Thọ Xuân"
    assert canonical_district("Châu Thành") is None  # ten provinces have one: do not guess
    assert canonical_district("Châu Thành", "Tiền Giang") == "Châu Thành"
    assert canonical_district("Nam Trực", "Quảng Ninh") is None
    # Today's province covers the old ones merged into it.
    assert canonical_district("Nam Trực", "Ninh Bình") == "Nam Trực"


# --- find_place --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Sáng ngày 6-1-2022, Ban Tuyên giáo Huyện ủy Nam Trực tổ chức hội nghị tổng kết công tác.",
            Place("Nam Định", "Nam Trực"),
        ),
        (
            "Thường trực Huyện ủy Thọ Xuân làm việc với Ban Tuyên giáo Huyện ủy và các đơn vị có liên quan.",
            Place("Thanh Hóa", "Thọ Xuân"),
        ),
        (
            "Chủ đề công tác năm 2020: Huyện Đầm Hà tự hào tiến bước dưới cờ Đảng",
            Place("Quảng Ninh", "Đầm Hà"),
        ),
        ("Sáng ngày 05/4/2022, Ban Tuyên giáo Tỉnh ủy Bắc Kạn tổ chức Hội nghị", Place("Bắc Kạn", None)),
        ("Hưng Yên triển khai nhiệm vụ công tác Tuyên giáo năm 2021", Place("Hưng Yên", None)),
        ("ĐẢNG BỘ, CHÍNH QUYỀN VÀ NHÂN DÂN HUYỆN NAM TRỰC QUYẾT TÂM", Place("Nam Định", "Nam Trực")),
        ("Đoàn công tác của TP.HCM thăm quận Gò Vấp", Place("Hồ Chí Minh", "Gò Vấp")),
        ("Hội nghị tại thành phố Thanh Hoá", Place("Thanh Hóa", "Thanh Hóa")),
        ("UBND huyện Thạnh Hóa triển khai", Place("Long An", "Thạnh Hóa")),  # not Thanh Hóa
        ("Thường trực Thành ủy Hà Nội làm việc", Place("Hà Nội", None)),
    ],
)
def test_find_place_in_short_news_sentences(text, place):
    assert find_place(text) == place


def test_find_place_without_accents():
    assert find_place("Ban Tuyen giao Huyen uy Nam Truc to chuc hoi nghi") == Place("Nam Định", "Nam Trực")
    assert find_place("thuong truc huyen uy tho xuan lam viec") == Place("Thanh Hóa", "Thọ Xuân")
    assert find_place("Ban Tuyen giao Tinh uy Hung Yen") == Place("Hưng Yên", None)


def test_a_shared_district_needs_a_province_to_be_named():
    text = "Huyện ủy Châu Thành tổ chức hội nghị quán triệt Nghị quyết."
    assert find_place(text) == Place(None, None)
    assert find_place(text, hint_province="Tiền Giang") == Place("Tiền Giang", "Châu Thành")
    assert find_place(text, hint_province="ben tre") == Place("Bến Tre", "Châu Thành")
    assert find_place("Huyện ủy Châu Thành, tỉnh An Giang họp") == Place("An Giang", "Châu Thành")


def test_the_hint_fills_in_when_the_text_names_no_place():
    assert find_place("Ban Tuyên giáo Huyện ủy tổ chức hội nghị", hint_province="Nam Định") == Place("Nam Định")
    assert find_place("", hint_province="nam dinh") == Place("Nam Định")
    assert find_place("Huyện ủy Nam Trực họp", hint_province="Nam Định") == Place("Nam Định", "Nam Trực")


def test_a_hint_with_todays_province_keeps_the_old_one_the_text_names():
    assert find_place("Huyện ủy Nam Trực họp", hint_province="Ninh Bình") == Place("Nam Định", "Nam Trực")


@pytest.mark.parametrize(
    "text",
    [
        "Ban Tuyên giáo Huyện ủy tổ chức hội nghị tổng kết.",  # a unit word alone is no place
        "Ban Thường vụ Huyện ủy thống nhất chủ trương.",  # "Thống Nhất" is a district, "thống nhất" is not
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",  # the President, not the city
        "Tàu chở hàng vượt Thái Bình Dương.",  # the Pacific
        "Phó Thủ tướng Trương Hòa Bình phát biểu.",  # a person
        "Cơ quan Tổ chức Hội nghị Toàn quốc.",  # capitalised common words
        "",
    ],
)
def test_things_that_are_not_places(text):
    assert find_place(text) == Place(None, None)


def test_unit_words_are_matched_case_insensitively_but_names_must_be_capitalised():
    assert find_place("UBND HUYỆN Thọ Xuân") == Place("Thanh Hóa", "Thọ Xuân")
    assert find_place("Lãnh đạo huyện thọ xuân và Huyện ủy") == Place(None, None)
    # Text with no capitals at all (typed in a hurry) is taken as it is.
    assert find_place("huyen uy nam truc") == Place("Nam Định", "Nam Trực")


def test_the_unit_word_tells_apart_same_named_districts():
    assert find_place("Quận ủy Hoàng Mai") == Place("Hà Nội", "Hoàng Mai")
    assert find_place("Thị ủy Hoàng Mai") == Place("Nghệ An", "Hoàng Mai")
    assert find_place("thành phố Hòa Bình") == Place("Hòa Bình", "Hòa Bình")


def test_keyword_mentions_outweigh_bare_ones():
    text = "Đoàn công tác tỉnh Nghệ An thăm Hà Nội. Tỉnh ủy Nghệ An cảm ơn."
    assert find_place(text).province == "Nghệ An"


def test_the_most_frequent_district_wins():
    text = "Huyện ủy Nam Trực làm việc với huyện Ý Yên. Huyện Nam Trực đạt nông thôn mới."
    assert find_place(text) == Place("Nam Định", "Nam Trực")


def test_a_province_level_article_does_not_become_a_districts():
    text = (
        "Tại Trụ sở Tỉnh ủy Hưng Yên, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị. 25 năm tái lập tỉnh Hưng Yên. "
        "Bài viết khác: Thường trực HĐND tỉnh làm việc với huyện Ân Thi."
    )
    assert find_place(text) == Place("Hưng Yên", None)


def test_find_place_ignores_tone_style_and_decomposed_text():
    import unicodedata

    text = "Ban Tuyên giáo Huyện uỷ Thọ Xuân, tỉnh Thanh Hoá"
    assert find_place(text) == Place("Thanh Hóa", "Thọ Xuân")
    assert find_place(unicodedata.normalize("NFD", text)) == Place("Thanh Hóa", "Thọ Xuân")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_the_seed_documents():
    expected = {
        "000": ("Nam Định", "Nam Trực"),
        "001": ("Quảng Ninh", "Đầm Hà"),
        "002": ("Thanh Hóa", "Thọ Xuân"),
        "003": ("Bắc Kạn", None),
        "004": ("Hưng Yên", None),
    }
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        place = find_place(text)
        province, district = expected[path.name[:3]]
        assert place.province == province, path.name
        if district:
            assert place.district == district, path.name
        assert find_place(fold(text)).province == province, path.name


def test_find_place_handles_a_long_page():
    sentence = (
        "Chiều 31/01/2023, Thường trực Huyện ủy Thọ Xuân tổ chức buổi làm việc với Ban Tuyên giáo "
        "Huyện ủy và các cơ quan, đơn vị của tỉnh Thanh Hóa; Nguyễn Văn A, Hà Nội, quan tâm tinh thần. "
    )
    text = (sentence * (50_000 // len(sentence) + 1))[:50_000]
    # Speed is measured by the benchmarks (bench/), not asserted here.
    assert find_place(text) == Place("Thanh Hóa", "Thọ Xuân")


# --- portals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "place"),
    [
        ("namtruc.namdinh.gov.vn", Place("Nam Định", "Nam Trực")),
        ("tuyengiaohungyen.vn", Place("Hưng Yên")),
        ("www.tuyengiaohungyen.vn", Place("Hưng Yên")),
        ("thoxuan.thanhhoa.gov.vn", Place("Thanh Hóa", "Thọ Xuân")),
        ("damha.quangninh.gov.vn", Place("Quảng Ninh", "Đầm Hà")),
        ("backan.gov.vn", Place("Bắc Kạn")),
        ("http://www.hanoi.gov.vn/x", Place("Hà Nội")),
        ("https://namtruc.namdinh.gov.vn/tin-tuc/hoi-nghi-123.html", Place("Nam Định", "Nam Trực")),
        ("NAMDINH.GOV.VN:8080", Place("Nam Định")),
        ("chauthanh.tiengiang.gov.vn", Place("Tiền Giang", "Châu Thành")),
        ("thoxuan.gov.vn", Place("Thanh Hóa", "Thọ Xuân")),  # unique in the country
        ("hochiminhcity.gov.vn", Place("Hồ Chí Minh")),
    ],
)
def test_place_from_domain(host, place):
    assert place_from_domain(host) == place


@pytest.mark.parametrize(
    "host",
    ["chauthanh.gov.vn", "dantri.com.vn", "vnexpress.net", "baomoi.com", "tuoitre.vn", "", "localhost"],
)
def test_domains_that_name_no_place(host):
    assert place_from_domain(host) == Place(None, None)


def test_districts_merged_away_before_2025_still_give_their_province():
    # Mỹ Lộc joined the city of Nam Định; Quận 2 and Quận 9 became Thủ Đức. Old articles still name them,
    # and the district they were merged into would be a wrong answer for those years.
    assert find_place("UBND huyện Mỹ Lộc tổ chức hội nghị") == Place("Nam Định", None)
    assert find_place("Quận ủy Quận 2 họp") == Place("Hồ Chí Minh", None)
    assert place_from_domain("myloc.namdinh.gov.vn") == Place("Nam Định", None)


def test_spelling_variants_of_a_district_are_the_same_district():
    assert find_place("huyện Mang Yang") == Place("Gia Lai", "Mang Yang")
    assert find_place("thị xã Kỳ Anh, tỉnh Hà Tĩnh") == Place("Hà Tĩnh", "Kỳ Anh")
    assert find_place("thị xã Tân Uyên phát triển công nghiệp") == Place("Bình Dương", "Tân Uyên")
