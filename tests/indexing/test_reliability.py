"""Bad input loses nothing; readers never see a broken index; a full disk is a clear error."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import ingest as load
from search import registry
from search.indexing.build import build
from search.indexing.store import IndexUnwritable
from search.retrieval.engine import Engine, SearchError
from search.retrieval.request import ERRORS
from tests.indexing.test_index import make_corpus

ROOT = Path(__file__).resolve().parents[1]

QUERY_ALPHABET = st.characters(blacklist_categories=("Cs",))
OPERATORS = st.sampled_from(['"', "-", "OR", ":", "province:", "title:", "(", ")", "*", "~", "\\", "\x00", " "])
queries = st.lists(st.one_of(st.text(QUERY_ALPHABET, max_size=12), OPERATORS), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=queries, page=st.integers(min_value=-5, max_value=10**12), per_page=st.integers(-5, 10**6))
def test_any_query_gives_results_or_a_clear_message(engine: Engine, q: str, page: int, per_page: int) -> None:
    started = time.perf_counter()
    try:
        results = engine.search(q, page=page, per_page=per_page)
    except SearchError as exc:
        assert exc.code in ERRORS and str(exc)  # a code the web layer translates, and an English message
    else:
        assert results.total >= 0 and len(results.hits) <= 100
        for hit in results.hits:
            assert "<script" not in hit.snippet_html.lower()
    assert time.perf_counter() - started < 5


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.dictionaries(
        st.sampled_from(registry.facet_names()), st.lists(st.text(QUERY_ALPHABET, max_size=30), max_size=4), max_size=4
    )
)
def test_any_filter_values_are_safe(engine: Engine, values: dict[str, list[str]]) -> None:
    results = engine.search("tuyen giao", values)
    for name, chosen in values.items():
        shown = {v.value for v in results.facets[name].values if v.selected}
        typed = {" ".join(c.replace("\x00", " ").split()) for c in chosen} - {""}  # read as the web layer reads them
        assert typed <= shown


def test_hundred_kilobyte_query_is_refused_quickly(engine: Engine) -> None:
    started = time.perf_counter()
    with pytest.raises(SearchError, match="too long"):
        engine.search("tuyên giáo " * 10_000)
    assert time.perf_counter() - started < 1


def test_bad_corpus_is_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (corpus / "empty.txt").write_text("")
    (corpus / "broken.html").write_text("<html><body><p>Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị<div><p", "utf-8")
    (corpus / "bad.md").write_text("---\ntitle: [unclosed\n---\nNội dung\n", "utf-8")
    (corpus / "dup.jsonl").write_text(
        '{"url": "https://x.vn/a", "title": "Hội nghị A", "body": "Nội dung A về tuyên giáo"}\n'
        "{not json}\n"
        '{"url": "https://x.vn/a", "title": "Hội nghị A lặp", "body": "Bản lặp"}\n',
        "utf-8",
    )
    mixed = "Tiêu đề tiếng Việt\n\n".encode() + "Nội dung cp1258".encode("cp1258", "replace")
    (corpus / "mixed.txt").write_bytes(mixed)
    with open(corpus / "huge.txt", "wb") as f:  # 50 MB: refused by size, never read whole
        f.truncate(50 * 1024 * 1024)
    report = build([corpus], tmp_path / "index", workers=1, progress=False)
    reasons = "\n".join(f"{s.path}: {s.reason}" for s in report.skipped)
    for name in ("binary.txt", "empty.txt", "bad.md", "dup.jsonl:2", "dup.jsonl:3", "huge.txt"):
        assert name in reasons, f"{name} not reported:\n{reasons}"
    assert "duplicate id" in reasons and "too large" in reasons
    engine = Engine(str(tmp_path / "index"))
    titles = {h.title for h in engine.search("", per_page=50).hits}
    assert "Hội nghị A" in titles and "Hội nghị A lặp" not in titles
    assert len(titles) == report.added
    assert "skipped" in report.summary()


def test_files_vanishing_during_a_run_are_reported(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 5)
    report = load.LoadReport(0, [])
    docs = load.iter_documents([corpus], report)
    first = next(docs)
    (corpus / "doc00003.txt").unlink()
    rest = list(docs)
    assert first and len(rest) == 3
    assert any("doc00003" in s.path and "vanished" in s.reason for s in report.skipped)


def test_server_side_engine_picks_up_a_new_index_and_readers_never_fail(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 20)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    engine = Engine(str(index_dir))
    assert engine.search("tuyen giao").total == 20
    errors: list[BaseException] = []
    totals: set[int] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                totals.add(engine.search("tuyen giao", per_page=5).total)
            except BaseException as exc:  # noqa: BLE001 - any error at all is the failure
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for n in range(21, 24):
            make_corpus(corpus, n)
            build([corpus], index_dir, workers=1, progress=False)
            time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert totals <= {20, 21, 22, 23}
    assert engine.search("tuyen giao").total == 23  # the new index, without a restart


@pytest.mark.slow
def test_full_disk_is_a_clear_error_and_the_old_index_stays(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        small = make_corpus(tmp_path / "small_corpus", 2, words=20)
        build([small], mnt / "index", workers=1, progress=False)
        before = {h.title for h in Engine(str(mnt / "index")).search("").hits}
        big = make_corpus(tmp_path / "big_corpus", 300, words=150)
        with pytest.raises(IndexUnwritable, match="full|cannot write|failed"):
            build([big], mnt / "index", workers=1, progress=False)
        assert {h.title for h in Engine(str(mnt / "index")).search("").hits} == before
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
