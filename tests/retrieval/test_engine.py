"""The search core on the sample corpus: what a person typing a query would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.retrieval.engine import SearchError


def seeds(results) -> list[str]:
    return [Path(h.origin).name[:3] for h in results.hits]


@pytest.mark.parametrize(
    ("q", "must_find"),
    [
        ("tuyen giao", {"000", "001", "002", "003", "004"}),
        ("chi thi 05", {"000", "001", "002", "003", "004"}),
        ("Chỉ thị 05-CT/TW", {"000", "001", "002", "003", "004"}),
        ("ct 05", {"000", "001", "002", "003", "004"}),
        ("ct05", {"000", "001", "002", "003", "004"}),
        ("dam ha", {"001"}),
        ("Đầm Hà", {"001"}),
        ("Nam Truc", {"000"}),
        ("thong tin doi ngoai", {"004"}),
        ("238-QĐ/TW", {"002", "003"}),
    ],
)
def test_queries_find_their_documents(engine, q: str, must_find: set[str]) -> None:
    found = set(seeds(engine.search(q, per_page=20)))
    assert must_find <= found, f"{q!r} found {sorted(found)}"


def test_place_queries_rank_the_place_first(engine) -> None:
    # "dam" is also "đảm" and "nam" also "năm": the document about the place must still come first.
    assert seeds(engine.search("dam ha"))[0] == "001"
    assert seeds(engine.search("Nam Truc"))[0] == "000"
    assert seeds(engine.search("Nam Trực"))[0] == "000"


def test_accented_query_ranks_exact_accents_first(engine) -> None:
    # "Thọ Xuân" (002) and a folded lookalike: the exact accented document must come first.
    results = engine.search("Thọ Xuân")
    assert seeds(results)[0] == "002"


def test_syllables_together_rank_above_scattered(engine) -> None:
    results = engine.search("thông tin đối ngoại")
    assert seeds(results)[0] == "004"
    phrase = engine.search('"hội nghị tổng kết"')
    assert {"000", "004"} <= set(seeds(phrase))


def test_quotes_exclusion_or_and_fields(engine) -> None:
    everything = set(seeds(engine.search("tuyen giao")))
    without = set(seeds(engine.search("tuyen giao -hung")))
    assert "004" in everything and "004" not in without
    either = set(seeds(engine.search('"Thọ Xuân" OR "Đầm Hà"')))
    assert either == {"001", "002"}
    fielded = engine.search('tuyen giao province:"Nam Định"')
    assert seeds(fielded) == ["000"]
    accentless_field = engine.search('tuyen giao province:nam-dinh province:"nam dinh"')
    assert seeds(accentless_field) == ["000"]
    title_only = set(seeds(engine.search("title:quý")))
    assert title_only == {"003"}


@pytest.mark.parametrize("q", ['"', "-", "((", "*", "\x00\x07", "🙂", "  ", "::"])
def test_queries_without_words_browse_everything(engine, q: str) -> None:
    """Punctuation alone is no query: the person sees every article, newest first, not an error."""
    results = engine.search(q)
    assert results.total == 5
    assert [h.date for h in results.hits] == sorted((h.date for h in results.hits), reverse=True)


@pytest.mark.parametrize(
    ("q", "total"),
    [('"unbalanced', 0), ('"tuyen giao', 5), ("a:b:c", 0), ("-tuyen", 0), ("tuyen -khongco", 5)],
)
def test_odd_queries_with_words_match_those_words(engine, q: str, total: int) -> None:
    """An unclosed quote or an unknown field is read as words; every seed speaks of tuyên giáo."""
    assert engine.search(q).total == total


def test_overlong_query_is_a_clear_error(engine) -> None:
    with pytest.raises(SearchError, match="too long"):
        engine.search("tuyên " * 200)


def test_disjunctive_facets(engine) -> None:
    base = engine.search("")
    provinces = {v.value: v.count for v in base.facets["province"].values}
    assert provinces == {"Nam Định": 1, "Quảng Ninh": 1, "Thanh Hóa": 1, "Bắc Kạn": 1, "Hưng Yên": 1}

    two = engine.search("", {"province": ["Nam Định", "Thanh Hóa"]})
    assert two.total == 2
    after = {v.value: (v.count, v.selected) for v in two.facets["province"].values}
    # Choosing provinces does not hide the others (OR within the facet, counted without its own filter) ...
    assert after["Nam Định"] == (1, True) and after["Thanh Hóa"] == (1, True)
    assert after["Hưng Yên"] == (1, False)
    # ... but narrows the other facets (AND across facets).
    years = {v.value: v.count for v in two.facets["year"].values}
    assert years == {"2022": 1, "2023": 1}
    directives = {v.value for v in two.facets["directive"].values}
    assert "101-QĐ/TW" not in directives and "05-CT/TW" in directives


def test_selected_values_stay_visible_with_zero(engine) -> None:
    results = engine.search("Đầm Hà", {"province": ["Nam Định"]})
    assert results.total == 0
    chosen = [v for v in results.facets["province"].values if v.selected]
    assert [(v.value, v.count) for v in chosen] == [("Nam Định", 0)]
    missing = engine.search("", {"province": ["Atlantis"]})
    assert missing.total == 0
    assert [(v.value, v.count, v.selected) for v in missing.facets["province"].values if v.selected] == [
        ("Atlantis", 0, True)
    ]


def test_today_province_and_year_range(engine) -> None:
    results = engine.search("", {"province_2025": ["Thái Nguyên"]})
    assert seeds(results) == ["003"]
    import datetime as dt

    ranged = engine.search("", date_from=dt.date(2021, 1, 1), date_to=dt.date(2022, 1, 31))
    assert set(seeds(ranged)) == {"000", "004"}


def test_sort_and_pagination(engine) -> None:
    newest = engine.search("", sort="newest", per_page=2)
    assert newest.total == 5 and newest.pages == 3
    assert seeds(newest) == ["002", "003"]
    oldest = engine.search("tuyen giao", sort="oldest", per_page=5)
    assert seeds(oldest) == ["001", "004", "000", "003", "002"]
    far = engine.search("tuyen giao", page=10**9)
    assert far.hits == [] and far.total == 5
    with pytest.raises(SearchError):
        engine.search("", sort="sideways")
    with pytest.raises(SearchError):
        engine.search("", {"colour": ["red"]})


def test_snippets_highlight_accentless_queries_and_escape(engine) -> None:
    hit = engine.search("dam ha").hits[0]
    assert "<mark>Đầm Hà</mark>" in hit.snippet_html
    assert "<mark>" not in hit.snippet_html.replace("<mark>", "").replace("</mark>", "")
    title_hit = engine.search("tuyen giao").hits[0]
    assert "<mark>" in title_hit.title_html


def test_did_you_mean(engine) -> None:
    results = engine.search("tuyen giaoo")
    assert results.total == 0
    assert results.suggestion == "tuyen giao"
    accented = engine.search("Đầm Hàa")
    assert accented.suggestion and "hà" in accented.suggestion.lower()


def test_more_like_this_and_document(engine) -> None:
    from tests.conftest import seed_id

    doc_id = seed_id(engine, "003")
    doc = engine.document(doc_id)
    assert doc["title"] == "Hội nghị triển khai nhiệm vụ công tác Tuyên giáo quý II"
    assert doc["directive_titles"]["05-CT/TW"].startswith("về đẩy mạnh học tập")
    similar = engine.more_like_this(doc_id)
    assert similar and all(h.id != doc_id for h in similar)
    assert engine.document("nope") is None


def test_directive_queries_mark_the_directive_not_every_syllable(engine) -> None:
    for hit in engine.search("chi thi 05").hits:
        assert "<mark>thị</mark> trấn" not in hit.snippet_html.lower()
    assert any("<mark>Chỉ thị" in h.snippet_html and "05" in h.snippet_html for h in engine.search("chi thi 05").hits)


def test_marks_are_whole_words() -> None:
    from search.retrieval.highlight import mark

    text = "Các xã, thị trấn thực hiện Chỉ thị số 05-CT/TW; báo chí và báo cáo viên"
    marked = mark(text, [("chi", "thi"), ("05",), ("bao", "cao", "vien")])
    assert "<mark>thị</mark> trấn" not in marked and "<mark>Chỉ thị</mark>" in marked and "<mark>05</mark>" in marked
    assert "<mark>báo cáo viên</mark>" in marked and "<mark>báo</mark> chí" not in marked
    assert "<mark>báo chí</mark>" in mark(text, [("bao*",), ("chi",)])  # a prefix word, then a word


def test_pages_mark_the_words_of_the_query(engine) -> None:
    hits = engine.search("bao cao vien").hits
    assert hits and all("<mark>báo cáo</mark>" not in h.snippet_html.lower() for h in hits)
    assert any("<mark>báo cáo viên</mark>" in h.snippet_html.lower() for h in hits)
    assert engine.words("bao cao vien") == [("bao", "cao", "vien")]
