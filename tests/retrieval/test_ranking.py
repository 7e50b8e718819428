"""Ranking invariants on small corpora written here: what a person would notice if it broke."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.indexing.build import build
from search.retrieval.engine import Engine
from search.retrieval.ranking import RULE_NAMES
from search.text import fold, normalize

FILLER = "Buổi sáng có nhiều người tham dự và phát biểu ý kiến về nhiều vấn đề của địa phương."

ARTICLES = {
    "scattered-title": ("Tuyên dương giáo viên giỏi của huyện", f"{FILLER} Huyện tuyên dương các giáo viên."),
    "phrase-body": ("Một buổi làm việc", f"{FILLER} Ban Tuyên giáo Huyện ủy đã báo cáo. {FILLER}"),
    "phrase-title": ("Ban Tuyên giáo tổ chức hội nghị", f"{FILLER} {FILLER}"),
    "recruit": ("Thông báo tuyển giáo viên năm học mới", f"{FILLER} Huyện tuyển giáo viên tiểu học."),
    "three": ("Tập huấn báo cáo viên cấp huyện", f"{FILLER} Lớp tập huấn dành cho báo cáo viên."),
    "split": ("Báo cáo tình hình quý", f"{FILLER} Đồng chí trình bày báo cáo. Sau đó viên chức phát biểu."),
    "comma": ("Hội nghị, tổng kết và khen thưởng", f"{FILLER} Phần thưởng cho tập thể."),
    "meeting": ("Hội nghị tổng kết công tác năm 2022", f"{FILLER} Hội nghị tổng kết được tổ chức long trọng."),
    "empty-body": ("Lễ kỷ niệm ngày thành lập", ""),
    "title-only-word": ("Giao ban báo chí tháng Tư", f"{FILLER}"),
    "punctuated": ("Bộ trưởng Giao thông: 'Mở rộng sân bay về phía Bắc'", f"{FILLER} Sân bay cần thêm đường băng."),
    # Every pair of "vi phạm pháp luật" in three places: holding all pairs is not holding the phrase.
    "pairs-apart": (
        "Phạm pháp, vi phạm và pháp luật",
        f"{FILLER} Người vi phạm bị phạt. Kẻ phạm pháp bị bắt. Pháp luật nghiêm minh.",
    ),
    "law-phrase": ("Một buổi sinh hoạt", f"{FILLER} Xử lý nghiêm các hành vi vi phạm pháp luật. {FILLER}"),
    "people-committee": ("Lịch tiếp dân", f"{FILLER} Ủy ban nhân dân huyện tiếp công dân. {FILLER}"),
    "committee-apart": ("Ủy ban họp", f"{FILLER} Ủy ban lắng nghe nhân dân góp ý. {FILLER}"),
    "rival": ("Tin vắn trong ngày", f"{FILLER} Ông cho biết bộ trưởng giao thông mở rộng sân bay ở phía Nam."),
}


def write_corpus(folder: Path, articles: dict[str, tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as f:
        for key, (title, body) in articles.items():
            record = {"url": f"https://example.gov.vn/{key}", "title": title, "body": body or title}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("ranking")
    build([write_corpus(root / "corpus", ARTICLES)], root / "index", workers=1, progress=False)
    return Engine(str(root / "index"))


def keys(results) -> list[str]:
    return [h.source_url.rsplit("/", 1)[1] for h in results.hits]


def syllables(text: str) -> list[str]:
    return [fold(normalize(m.group()).lower()) for m in re.finditer(r"\w+", text)]


def holds(key: str, phrase: str) -> bool:
    title, body = ARTICLES[key]
    return f" {' '.join(syllables(phrase))} " in f" {' '.join(syllables(title + ' ' + body))} "


def test_the_exact_phrase_ranks_above_scattered_syllables(small: Engine) -> None:
    found = keys(small.search("tuyen giao"))
    assert "scattered-title" not in found  # "Tuyên dương giáo viên" holds no "tuyên giáo"
    assert found[:2] == ["phrase-title", "phrase-body"]  # the phrase in the title, then in the body


def test_typed_accents_put_exactly_those_forms_first(small: Engine) -> None:
    assert keys(small.search("tuyên giáo"))[0] == "phrase-title"
    assert keys(small.search("tuyển giáo"))[0] == "recruit"
    assert keys(small.search("tuyen giao"))[-1] == "recruit"  # restored as "tuyên giáo": the exact form first


def test_a_title_typed_without_accents_finds_its_article_first(small: Engine) -> None:
    for key in ("meeting", "three", "title-only-word", "empty-body"):
        title = ARTICLES[key][0]
        assert keys(small.search(fold(title)))[0] == key, title
        assert keys(small.search(title))[0] == key, title


def test_a_title_typed_without_its_punctuation_is_still_a_phrase(small: Engine) -> None:
    for q in ("bo truong giao thong mo rong san bay", "Bộ trưởng Giao thông Mở rộng sân bay"):
        assert keys(small.search(q))[:2] == ["punctuated", "rival"], q


def test_counts_are_the_strict_match_set(small: Engine) -> None:
    """A multi-syllable word matches only where its syllables stand together, punctuation included."""
    three = small.search("bao cao vien")
    assert sorted(keys(three)) == ["three"] and three.total == 1  # not "báo cáo. Sau đó viên chức"
    meeting = small.search("hoi nghi tong ket")
    assert keys(meeting) == ["meeting", "comma"]  # two words: "Hội nghị, tổng kết" holds both, not the phrase
    for q in ("tuyen giao", "bao cao", "giao vien", "hoi nghi"):
        expected = {k for k in ARTICLES if holds(k, q)}
        assert set(keys(small.search(q, per_page=50))) == expected, q


def test_a_phrase_of_three_syllables_is_checked_not_assumed_from_its_pairs(small: Engine) -> None:
    """A title holding every pair of the query (in the wrong places) does not outrank the phrase itself."""
    for q in ("vi pham phap luat", "vi phạm pháp luật"):
        found = keys(small.search(q))
        assert found[0] == "law-phrase", q
        assert "pairs-apart" in found  # it holds every word: it is counted, just not ranked as the phrase


def test_a_name_typed_in_lower_case_is_one_word(small: Engine) -> None:
    """ "Ủy ban nhân dân" is one body: "ủy ban ... nhân dân" elsewhere in the text is not it."""
    for q in ("uy ban nhan dan", "ủy ban nhân dân", "Ủy ban nhân dân"):
        assert small.words(q) == [("uy", "ban", "nhan", "dan")], q
        assert keys(small.search(q)) == ["people-committee"], q


def test_a_set_phrase_is_not_one_word(small: Engine) -> None:
    """ "học tập và làm theo" is four words: a query must not require them verbatim."""
    assert len(small.words("hoc tap va lam theo")) == 4


def test_a_loose_match_is_said(small: Engine) -> None:
    strict = small.search("tuyen giao")
    assert strict.match == "strict" and "loose_match" not in strict.notices
    loose = small.search('"viên báo cáo"')  # every syllable is there, never in this order
    assert loose.match == "loose" and "loose_match" in loose.notices and loose.total >= 1


def test_restored_accents_are_shown(small: Engine) -> None:
    assert small.search("hoi nghi tong ket").interpreted == "hội nghị tổng kết"
    assert small.search("hội nghị tổng kết").interpreted is None


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"tuyên giáo"', {"phrase-body", "phrase-title", "recruit"}),  # accents rank, they do not filter
        ("tuyen giao AND ban", {"phrase-body", "phrase-title"}),
        ("tuyen giao -hoi", {"phrase-body", "recruit"}),
        ("tuyen giao NOT hoi", {"phrase-body", "recruit"}),
        ("bao cao vien OR giao ban", {"three", "title-only-word"}),
        ('title:"tuyên giáo"', {"phrase-title", "recruit"}),
        ("title:tuyen", {"phrase-title", "scattered-title", "recruit"}),
        ("ky niem*", {"empty-body"}),
        ("khen thuo*", {"comma"}),
    ],
)
def test_operators(small: Engine, q: str, expected: set[str]) -> None:
    results = small.search(q, per_page=50)
    assert set(keys(results)) == expected
    assert all(h.score is not None and h.score > 0 for h in results.hits)  # a fielded phrase is scored too


def test_an_operator_that_cannot_be_honoured_is_said(small: Engine) -> None:
    assert "operators_ignored" in small.search("(tuyen giao) NEAR hoi").notices
    assert small.search("tuyen giao").notices == []


def test_the_rules_are_one_ordered_list() -> None:
    assert RULE_NAMES[:4] == ("directive", "words", "phrase", "proximity")
    assert RULE_NAMES.index("exactness") < RULE_NAMES.index("title") < RULE_NAMES.index("bm25")


QUERY_SYLLABLES = st.sampled_from(
    ["tuyen", "giao", "tuyên", "giáo", "bao", "cao", "viên", "hoi", "nghị", "tong", "ket", "lễ", "xyz", "2022"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(QUERY_SYLLABLES, min_size=1, max_size=5), quoted=st.booleans())
def test_no_score_is_ever_nan_or_infinite(small: Engine, words: list[str], quoted: bool) -> None:
    q = " ".join(words)
    results = small.search(f'"{q}"' if quoted else q, per_page=50)
    assert all(h.score is not None and math.isfinite(h.score) for h in results.hits)


def test_an_accentless_query_offers_the_other_readings_the_index_holds(tmp_path: Path) -> None:
    """ "tuyen duong" reads as "tuyến đường" (more articles) and offers "tuyên dương", which then
    ranks its own article first; forms no article holds are never offered."""
    articles = {f"road-{i}": (f"Sửa tuyến đường số {i}", f"{FILLER} Tuyến đường được mở rộng.") for i in range(3)}
    articles["praise"] = ("Tuyên dương học sinh giỏi", f"{FILLER} Huyện tuyên dương học sinh.")
    build([write_corpus(tmp_path / "corpus", articles)], tmp_path / "index", workers=1, progress=False)
    engine = Engine(str(tmp_path / "index"))
    found = engine.search("tuyen duong")
    assert found.interpreted == "tuyến đường" and found.readings == ["tuyên dương"]
    assert keys(engine.search(found.readings[0]))[0] == "praise"
    assert engine.search("tuyên duong").readings == []  # the accent typed settles it
    assert engine.search('"tuyen duong"').readings == []  # a quoted phrase is taken as typed
