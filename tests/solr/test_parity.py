"""One corpus in both backends answers the committed searches alike: the same totals, the same count
for every facet value, and first pages that overlap (tests/solr/searches.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.retrieval.engine import Engine
from search.solr.cloud import SolrCloud
from search.solr.engine import SolrEngine
from search.solr.parity import compare, load_requests
from tests.solr.conftest import indexed_pair

SEARCHES = load_requests(Path(__file__).with_name("searches.toml"))
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"

pytestmark = pytest.mark.slow


def _check(index: Path, address: str) -> None:
    result = compare(Engine(str(index)), SolrEngine(address), SEARCHES)
    report = "\n".join(f"  {d.request}: {d.what}" for d in result.differences)
    assert result.totals_equal == result.searches, f"totals differ:\n{report}"
    assert result.facets_equal == result.searches, f"facet counts differ:\n{report}"
    assert result.stories_equal == result.searches, f"republished copies differ:\n{report}"
    assert result.overlap >= 0.9, f"top-10 overlap {result.overlap}:\n{report}"


def test_generated_corpus_gives_the_same_answers_on_both_backends(generated_pair: tuple[Path, str]) -> None:
    _check(*generated_pair)


def test_real_corpora_give_the_same_answers_on_both_backends(
    solr_cloud: SolrCloud, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpora is not here")
    root = tmp_path_factory.mktemp("real")
    _check(*indexed_pair(solr_cloud, SHARED, root, "real"))


def test_an_accentless_query_is_accented_from_the_collections_statistics(generated_pair: tuple[Path, str]) -> None:
    index, address = generated_pair
    whoosh, solr = Engine(str(index)).search("tuyen giao"), SolrEngine(address).search("tuyen giao")
    assert solr.total > 0
    assert solr.interpreted == whoosh.interpreted == "tuyên giáo"
    assert [h.title for h in solr.hits[:3]] == [h.title for h in whoosh.hits[:3]]
    assert "<mark>" in solr.hits[0].snippet_html + solr.hits[0].title_html


def test_reindexing_sends_nothing_unchanged_and_a_bad_path_changes_nothing(
    generated_pair: tuple[Path, str], tmp_path: Path
) -> None:
    from search.indexing.build import MissingPath
    from search.solr import indexing
    from search.solr.client import parse_address

    index, address = generated_pair
    before = SolrEngine(address).search("").total
    corpus = index.parent / "corpus"
    report = indexing.build([corpus], parse_address(address), workers=1, progress=False)
    assert (report.added, report.updated, report.unchanged) == (0, 0, before)
    with pytest.raises(MissingPath):
        indexing.build([tmp_path / "corpsu"], parse_address(address), workers=1, progress=False)
    assert SolrEngine(address).search("").total == before


def test_every_page_of_an_export_holds_each_match_once(generated_pair: tuple[Path, str]) -> None:
    from search.retrieval.request import SearchRequest

    index, address = generated_pair
    for q, sort in (("tuyen giao", "relevance"), ("hội nghị", "newest"), ("", "oldest")):
        request = SearchRequest.build(q, sort=sort, per_page=7, facets=())
        solr_pages = list(SolrEngine(address).pages(request))
        ids = [h.id for page in solr_pages for h in page.hits]
        whoosh_ids = [h.id for page in Engine(str(index)).pages(request) for h in page.hits]
        assert len(ids) == len(set(ids)) == solr_pages[0].total > 7, q
        assert set(ids) == set(whoosh_ids), q
        if sort == "relevance":
            assert ids[:7] == whoosh_ids[:7], q


def test_suggestions_and_more_like_this_match_the_whoosh_engine(generated_pair: tuple[Path, str]) -> None:
    index, address = generated_pair
    whoosh, solr = Engine(str(index)), SolrEngine(address)
    for typed in ("tuy", "ban tuyen", "chi thi 05", "nam d"):
        expected = [(s.text, s.kind, s.count) for s in whoosh.complete(typed)]
        assert expected and [(s.text, s.kind, s.count) for s in solr.complete(typed)] == expected, typed
    shared = total = 0
    for hit in whoosh.search("", per_page=10).hits:
        a = [h.id for h in whoosh.more_like_this(hit.id)]
        b = [h.id for h in solr.more_like_this(hit.id)]
        assert hit.id not in b
        shared, total = shared + len(set(a) & set(b)), total + len(a)
    assert total and shared / total >= 0.9


def test_a_story_copied_many_times_fills_grouped_pages_as_on_whoosh(
    solr_cloud: SolrCloud, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """One story republished by 40 portals leads the ranking: its copies take the first rows read,
    so the grouped page has to read on past them for its other stories, page after page."""
    import json

    from bench.generate import article

    root = tmp_path_factory.mktemp("copies")
    (root / "corpus").mkdir()
    story = article(0, seed=3)
    story["title"] = "Hội nghị báo cáo viên tuyên giáo toàn tỉnh: " + story["title"]
    rows = [
        {**story, "url": f"https://portal{i}.example.vn/tin/{i}.html", "body": f"{story['body']}\n\nNguồn: cổng {i}."}
        for i in range(40)
    ]
    rows += [article(i, seed=3) for i in range(1, 61)]
    with open(root / "corpus" / "articles.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    index, address = indexed_pair(solr_cloud, root / "corpus", root, "copies")
    whoosh, solr = Engine(str(index)), SolrEngine(address)
    for q in ("báo cáo viên tuyên giáo", "hoi nghi", ""):
        for page in (1, 2, 3):
            a = whoosh.search(q, page=page, per_page=5, group=True)
            b = solr.search(q, page=page, per_page=5, group=True)
            assert (b.total, b.stories) == (a.total, a.stories), (q, page)
            # Copies that tie on every rule may lead in another order: the stories are compared.
            assert [h.story or h.id for h in b.hits] == [h.story or h.id for h in a.hits], (q, page)
            assert [len(h.copies) for h in b.hits] == [len(h.copies) for h in a.hits], (q, page)
    first = solr.search("báo cáo viên tuyên giáo", per_page=5, group=True)
    assert len(first.hits[0].copies) == 39
    crowded = solr.search("hoi nghi", per_page=5, group=True)
    assert crowded.stories > 5 and len(crowded.hits) == 5
