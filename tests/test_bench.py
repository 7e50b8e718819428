"""The benchmark's own smoke test: generated articles read like real ones, and a tiny run reports every key."""

from __future__ import annotations

import json
from pathlib import Path

from bench import generate, naive, run
from search import ingest as load
from search.extract import extract
from search.extract.directives import extract_directives


def test_generated_articles_load_and_extract(tmp_path: Path) -> None:
    info = generate.generate(30, tmp_path, seed=3)
    assert info["docs"] == 30 and info["words"] > 30 * 250
    report = load.LoadReport(0, [])
    articles = [extract(raw) for raw in load.iter_documents([tmp_path], report)]
    assert len(articles) == 30 and not report.skipped
    with_province = sum(1 for a in articles if a.province)
    with_year = sum(1 for a in articles if a.year and 2010 <= a.year <= 2025)
    with_directive = sum(1 for a in articles if a.directives)
    assert with_province == 30
    assert with_year == 30
    assert with_directive >= 24
    assert all(300 <= len(f"{a.title} {a.body}".split()) <= 3100 for a in articles)
    assert len({a.id for a in articles}) == 30


def test_generation_is_deterministic_and_extendable(tmp_path: Path) -> None:
    assert generate.article(7, seed=1) == generate.article(7, seed=1)
    assert generate.article(7, seed=1) != generate.article(7, seed=2)
    generate.generate(3, tmp_path / "a", seed=1)
    generate.generate(2, tmp_path / "b", seed=1, start=3)
    urls = [json.loads(line)["url"] for p in sorted(tmp_path.rglob("*.jsonl")) for line in p.open(encoding="utf-8")]
    assert len(set(urls)) == 5


def test_every_written_form_of_a_directive_is_extracted() -> None:
    world = generate.world()
    assert len(world.directives) >= 55 and len(world.units) == 50
    for directive in world.directives:
        for form in directive.forms():
            found = [d.code for d in extract_directives(f"Hội nghị đã quán triệt {form}.", 2024)]
            assert directive.code in found, (form, found)


def test_tiny_run_reports_every_key(tmp_path: Path) -> None:
    stages: list[dict] = []
    result = run.measure(
        40,
        queries=20,
        workdir=tmp_path,
        workers=1,
        http=False,
        add_docs=10,
        checkpoint=lambda r: stages.append(dict(r)),
    )
    # a run cut short keeps what it measured: the first checkpoint has the build and nothing after it
    assert stages[0]["index_seconds"] > 0 and "reindex_seconds" not in stages[0] and "add_seconds" not in stages[-1]
    for key in run.REQUIRED_KEYS:
        assert key in result, key
    for key in ("p50", "p95", "p99"):
        assert result["query_ms"][key] > 0
        assert result["baseline_query_ms"][key] > 0
    assert result["indexed"] == 40 and result["reindex_unchanged"] == 40 and result["add_added"] == 10
    assert result["baseline_same_total"] >= 0.9  # both sides match the same documents
    assert sum(result["query_kinds"].values()) == 20
    assert 1 <= result["filters_per_query"] <= 2
    assert result["attention_ms"]["p95"] > 0 and result["notable_ms"]["p95"] > 0  # the researcher features
    json.dumps(result)  # a results file can hold it

    path = run.write_results([result], tmp_path / "results")
    assert json.loads(path.read_text(encoding="utf-8"))["runs"][0]["docs"] == 40
    readme = tmp_path / "README.md"
    readme.write_text(f"# B\n\n{run.TABLE_START}\nold\n{run.TABLE_END}\n\nafter\n", encoding="utf-8")
    run.update_readme(readme, tmp_path / "results")
    text = readme.read_text(encoding="utf-8")
    assert "| 40 |" in text and "old" not in text and text.endswith("after\n")


def test_naive_counts_match_the_engine(engine, sample_index: Path) -> None:
    from search.indexing.store import Store

    with Store(sample_index).open().searcher() as searcher:
        ours = engine.search("tuyên giáo", {"province": ["Nam Định"]})
        theirs = naive.search(searcher, "tuyên giáo", {"province": ["Nam Định"]})
    assert theirs.total == ours.total
    for name, facet in ours.facets.items():
        for value in facet.values:
            assert theirs.facets[name].get(value.value, 0) == value.count, (name, value)
