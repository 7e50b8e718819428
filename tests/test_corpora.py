"""Robustness on ~3,800 real news articles from ../shared/corpora (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search import ingest as load
from search.extract import extract

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

pytestmark = [
    pytest.mark.corpora,
    pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not here (a fresh clone)"),
]


def test_every_real_article_loads_and_gets_a_title(capsys: pytest.CaptureFixture[str]) -> None:
    report = load.LoadReport(0, [])
    articles = [extract(raw) for raw in load.iter_documents([CORPORA], report)]
    assert report.skipped == []
    assert len(articles) > 3000
    assert all(a.title.strip() for a in articles)
    assert len({a.id for a in articles}) == len(articles)
    n = len(articles)
    share = {
        "year": sum(a.year is not None for a in articles) / n,
        "province": sum(a.province is not None for a in articles) / n,
        "directive": sum(bool(a.directives) for a in articles) / n,
    }
    with capsys.disabled():
        print(f"\n{n} real articles: " + ", ".join(f"{k} {v:.0%}" for k, v in share.items()))
    # Every dantri article carries its date; the baomoi export has none, so dates come from the text.
    assert share["year"] > 0.6
    assert share["province"] > 0.3


@pytest.mark.slow
def test_all_real_articles_index_and_answer(tmp_path: Path) -> None:
    from search.indexing.build import build
    from search.retrieval.engine import Engine

    report = build([CORPORA], tmp_path / "index", progress=False)
    assert report.skipped == []
    assert report.added > 3000
    engine = Engine(str(tmp_path / "index"))
    directive = engine.search("chi thi 05")
    assert directive.total > 10
    assert all("05-CT/TW" in h.directives or "<mark>" in h.snippet_html for h in directive.hits)
    accentless = engine.search("hoc tap va lam theo tu tuong dao duc phong cach Ho Chi Minh")
    assert accentless.total > 10
    assert "Hồ Chí Minh" in accentless.hits[0].title + accentless.hits[0].snippet_html
    assert engine.search("covid", sort="newest").hits[0].date >= "2020-01-01"
