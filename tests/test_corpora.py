"""Robustness on ~3,800 real news articles from ../shared/corpora (skipped when absent)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from search import ingest as load
from search.extract import dates, extract, titles
from search.model import Article, SiteDefaults
from search.text import fold

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
    # Every dantri article carries its date; the baomoi export has none, and stays undated.
    assert share["year"] > 0.6
    assert share["province"] > 0.3


def _part(article: Article) -> str:
    return next(p for p in ("baomoi-2017", "dantri-2021", "daksong-portal") if p in article.origin)


@pytest.fixture(scope="module")
def real() -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {}
    for raw in load.iter_documents([CORPORA], load.LoadReport(0, [])):
        article = extract(raw)
        out.setdefault(_part(article), []).append(article)
    return out


def test_no_real_article_is_dated_outside_its_corpus(real: dict[str, list[Article]]) -> None:
    """baomoi-2017 is news of January to July 2017 (a lead's own full date may name an event of the
    weeks before); dantri's URLs carry their dates; the portal's front matter runs 2017 to 2021."""
    baomoi = [a.date for a in real["baomoi-2017"] if a.date]
    assert all(dt.date(2016, 12, 1) <= d <= dt.date(2017, 7, 31) for d in baomoi), sorted(baomoi)[:3]
    for a in real["dantri-2021"]:
        assert a.date is not None and a.date_source == "metadata"
        on_url = dates.url_date(a.source_url)
        assert on_url is None or a.date.year == on_url.year, (a.source_url, a.date)
    portal = [a.date for a in real["daksong-portal"] if a.date]
    assert len(portal) == 76 and all(2017 <= d.year <= 2021 for d in portal)


def test_no_real_title_is_a_caption_or_a_paragraph(real: dict[str, list[Article]]) -> None:
    for part, articles in real.items():
        for a in articles:
            assert not titles.is_caption(a.title), (part, a.title)
            if a.title_source != "metadata":  # a document's own long title is kept as it is
                assert len(a.title.split()) <= titles.MAX_WORDS, (part, a.title)
    assert all(a.title_source == "metadata" for a in real["daksong-portal"])  # from the ---json front matter


LABELS = Path(__file__).resolve().parents[1] / "bench" / "labels"
UNIT_LABELS = LABELS / "daksong-units.toml"


def test_portal_event_kinds_against_the_hand_labels() -> None:
    labels = tomllib.loads((LABELS / "daksong-events.toml").read_text(encoding="utf-8"))
    found = {
        Path(raw.origin).name: extract(raw).event_kinds
        for raw in load.iter_documents([CORPORA / "daksong-portal"], load.LoadReport(0, []))
    }
    tp = fp = fn = 0
    for name, entry in labels.items():
        want, got = set(entry["kinds"]), set(found[name])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    print(f"\nevent kinds: precision {tp / (tp + fp):.2f}, recall {tp / (tp + fn):.2f} over {len(labels)} pages")
    assert tp / (tp + fp) >= 0.75 and tp / (tp + fn) >= 0.85


def test_portal_units_against_the_hand_labels() -> None:
    """Units of the portal's news pages, the site's place given as an operator would (sources.toml)."""
    labels = tomllib.loads(UNIT_LABELS.read_text(encoding="utf-8"))
    site = SiteDefaults(province="Đắk Nông", district="Đắk Song")
    found = {
        Path(raw.origin).name: extract(raw).units
        for raw in load.iter_documents([CORPORA / "daksong-portal"], load.LoadReport(0, []), site=site)
    }
    tp = fp = fn = hit = 0
    for name, entry in labels.items():
        want = {fold(u["name"]) for u in entry["units"]}
        got = {fold(u) for u in found[name]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        hit += bool(got & want)
    labelled = sum(1 for e in labels.values() if e["units"])
    print(
        f"\nunits: {hit}/{labelled} labelled pages with a correct unit, precision {tp / (tp + fp):.2f}, "
        f"recall {tp / (tp + fn):.2f}"
    )
    assert tp / (tp + fp) >= 0.6 and hit >= 0.6 * labelled


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
