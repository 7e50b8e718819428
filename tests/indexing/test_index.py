"""Building and updating the index: replace by id, remove what is gone, one writer, no half-written index."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search.indexing.build import build
from search.indexing.store import IndexBusy, Store
from search.model import SiteDefaults
from search.retrieval.engine import Engine

ROOT = Path(__file__).resolve().parents[2]


def make_corpus(folder: Path, n: int, words: int = 40) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sample = (ROOT / "corpus" / "000_b785964de9fa904d.txt").read_text(encoding="utf-8")
    prose = [line for line in sample.splitlines() if len(line) > 200]
    for i in range(n):
        body = " ".join(prose[i % len(prose)].split()[:words])
        (folder / f"doc{i:05d}.txt").write_text(
            f"Bài số {i} về công tác Tuyên giáo huyện Nam Trực\n\nSáng ngày {1 + i % 28}/3/2022, {body}.\n",
            encoding="utf-8",
        )
    return folder


def titles(index_dir: Path, q: str = "") -> set[str]:
    results = Engine(str(index_dir)).search(q, per_page=100)
    return {h.title for h in results.hits}


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_rebuild_replaces_updates_and_removes(tmp_path: Path, workers: int) -> None:
    """The same with one process writing and with two writing segments of their own."""
    corpus = make_corpus(tmp_path / "corpus", 6)
    index_dir = tmp_path / "index"
    first = build([corpus], index_dir, workers=workers, progress=False)
    assert (first.added, first.updated, first.removed) == (6, 0, 0)

    again = build([corpus], index_dir, workers=workers, progress=False)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)  # unchanged: not analysed again

    (corpus / "doc00001.txt").write_text(
        "Tiêu đề mới hoàn toàn về báo cáo viên\n\nNgày 2/4/2022, nội dung mới về báo cáo viên.\n", encoding="utf-8"
    )
    (corpus / "doc00002.txt").unlink()
    third = build([corpus], index_dir, workers=workers, progress=False)
    assert (third.added, third.updated, third.removed, third.unchanged) == (0, 1, 0, 4)  # nothing removed unasked
    assert "Bài số 2 về công tác Tuyên giáo huyện Nam Trực" in titles(index_dir)
    assert Engine(str(index_dir)).search("", per_page=1).total == 6  # the old version of doc00001 is gone
    pruned = build([corpus], index_dir, workers=workers, progress=False, prune=True)
    assert (pruned.added, pruned.updated, pruned.removed, pruned.unchanged) == (0, 0, 1, 5)
    found = titles(index_dir)
    assert "Tiêu đề mới hoàn toàn về báo cáo viên" in found
    assert "Bài số 2 về công tác Tuyên giáo huyện Nam Trực" not in found
    assert len(found) == 5


def run_index(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "search", "index", *args, "--quiet", "--workers", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_a_mistyped_path_or_one_new_file_keeps_every_document(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 4)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    before = titles(index_dir)
    typo = run_index(str(tmp_path / "corpsu"), "--index", str(index_dir))
    assert typo.returncode == 2 and "no such file or folder" in typo.stderr and "corpsu" in typo.stderr
    assert titles(index_dir) == before
    new = tmp_path / "new.txt"
    new.write_text("Bài mới về công tác Tuyên giáo\n\nNgày 3/5/2023, hội nghị tuyên giáo.\n", encoding="utf-8")
    one = run_index(str(new), "--index", str(index_dir))
    assert one.returncode == 0, one.stderr
    assert titles(index_dir) == before | {"Bài mới về công tác Tuyên giáo"}


def test_pruning_most_of_the_index_needs_yes(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 4)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    before = titles(index_dir)
    for f in sorted(corpus.glob("*.txt"))[:3]:
        f.unlink()
    refused = run_index(str(corpus), "--index", str(index_dir), "--prune")
    assert refused.returncode == 2 and "would remove 3 of 4" in refused.stderr and "--yes" in refused.stderr
    assert titles(index_dir) == before
    done = run_index(str(corpus), "--index", str(index_dir), "--prune", "--yes")
    assert done.returncode == 0 and "3 removed" in done.stderr
    assert len(titles(index_dir)) == 1


def test_previous_generation_stays_intact_after_an_update(tmp_path: Path) -> None:
    """Generations share segment files by hard link; updating one must not change the other."""
    corpus = make_corpus(tmp_path / "corpus", 4)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    store = Store(index_dir)
    old = store.current_path()
    (corpus / "doc00000.txt").unlink()
    build([corpus], index_dir, workers=1, progress=False, prune=True)
    assert store.current_path() != old
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(old)).searcher() as s:
        assert s.doc_count() == 4
    with whoosh_index.open_dir(str(store.current_path())).searcher() as s:
        assert s.doc_count() == 3


def test_second_writer_fails_fast_with_a_clear_message(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 2)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    before = titles(index_dir)
    with Store(index_dir).writing():
        with pytest.raises(IndexBusy, match="being updated"):
            build([corpus], index_dir, workers=1, progress=False)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "search", "index", str(corpus), "--index", str(index_dir), "--quiet"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert time.perf_counter() - started < 30
        assert proc.returncode == 3
        assert "being updated" in proc.stderr
    assert titles(index_dir) == before


@pytest.mark.slow
def test_killed_build_leaves_the_previous_index_searchable(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 3)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    before = Engine(str(index_dir)).search("tuyen giao", per_page=50)
    big = make_corpus(tmp_path / "big", 400, words=150)
    old_generation = (index_dir / "CURRENT").read_text().strip()
    killed_mid_build = 0
    for pause in (0.0, 0.5, 1.5):
        proc = subprocess.Popen(
            [sys.executable, "-m", "search", "index", str(big), "--index", str(index_dir), "--quiet", "--workers", "1"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Wait until the build has started a new generation, then let it write a while before the kill.
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if len(list(index_dir.glob("gen-*"))) > 1:
                break
            time.sleep(0.02)
        time.sleep(pause)
        if proc.poll() is None and (index_dir / "CURRENT").read_text().strip() == old_generation:
            os.kill(proc.pid, signal.SIGKILL)
            killed_mid_build += 1
        proc.wait()
        after = Engine(str(index_dir)).search("tuyen giao", per_page=50)
        assert after.total in (before.total, before.total + 400)  # the old index, or a finished new one
        if after.total == before.total:
            assert [h.id for h in after.hits] == [h.id for h in before.hits]
    assert killed_mid_build >= 1, "no kill landed while a build was writing"
    # The next build completes and cleans the half-written generation.
    done = build([big], index_dir, workers=1, progress=False)
    assert done.added + done.unchanged == 400
    assert Engine(str(index_dir)).search("tuyen giao").total == before.total + 400
    assert len(list(index_dir.glob("gen-*"))) <= 2


def test_unwritable_index_folder_is_a_clear_error(tmp_path: Path) -> None:
    from search.indexing.store import IndexUnwritable

    corpus = make_corpus(tmp_path / "corpus", 2)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    before = titles(index_dir)
    if os.geteuid() == 0:  # root ignores permission bits: make the folder a file's child instead
        blocked = tmp_path / "file"
        blocked.write_text("x")
        with pytest.raises(IndexUnwritable):
            build([corpus], blocked / "index", workers=1, progress=False)
    else:
        os.chmod(index_dir, 0o500)
        try:
            with pytest.raises(IndexUnwritable, match="read-only|cannot write"):
                build([corpus], index_dir, workers=1, progress=False)
        finally:
            os.chmod(index_dir, 0o700)
    assert titles(index_dir) == before
    shutil.rmtree(tmp_path / "file", ignore_errors=True)


def test_a_schema_change_rebuilds_from_scratch(tmp_path: Path) -> None:
    from search.indexing import store

    corpus = make_corpus(tmp_path / "corpus", 3)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    current = Store(index_dir).current_path()
    (current / store.VERSION_FILE).write_text("0", encoding="utf-8")  # as if built by an older release
    again = build([corpus], index_dir, workers=1, progress=False)
    assert (again.added, again.unchanged) == (3, 0)
    assert (Store(index_dir).current_path() / store.VERSION_FILE).read_text() == store.schema_version()
    assert len(titles(index_dir)) == 3


def test_an_index_of_another_schema_version_asks_to_be_rebuilt(tmp_path: Path) -> None:
    from search.indexing.store import VERSION_FILE, IndexOutdated

    corpus = make_corpus(tmp_path / "corpus", 2)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    (Store(index_dir).current_path() / VERSION_FILE).write_text("1:old", encoding="utf-8")
    with pytest.raises(IndexOutdated, match="build it again"):
        Engine(str(index_dir)).search("tuyen giao")
    report = build([corpus], index_dir, workers=1, progress=False)  # the next build starts afresh
    assert report.added == 2
    assert Engine(str(index_dir)).search("tuyen giao").total == 2


@pytest.mark.slow
def test_two_writing_processes_give_the_index_one_process_gives(tmp_path: Path) -> None:
    """Segments written in parallel hold what one writer would: the same hits, totals and facet counts."""
    corpus = make_corpus(tmp_path / "corpus", 80, words=60)
    one, two = tmp_path / "one", tmp_path / "two"
    build([corpus], one, workers=1, progress=False)
    report = build([corpus], two, workers=2, progress=False)
    assert report.added == 80 and not report.skipped
    with Store(two).open().searcher() as s:
        assert len(s.reader().leaf_readers()) == 2  # a segment from each worker, none merged at the end
    for q in ("", "tuyên giáo", "tuyen giao", '"Nam Trực"', "báo cáo viên"):
        a, b = Engine(str(one)).search(q, per_page=100), Engine(str(two)).search(q, per_page=100)
        assert a.total == b.total
        assert sorted(h.title for h in a.hits) == sorted(h.title for h in b.hits)
        assert {n: [(v.value, v.count) for v in f.values] for n, f in a.facets.items()} == {
            n: [(v.value, v.count) for v in f.values] for n, f in b.facets.items()
        }


def write_jsonl(path: Path, n: int, start: int = 0, bad_line: bool = False) -> Path:
    import json

    lines = [
        json.dumps(
            {
                "url": f"https://tinhuy.example.vn/tin/{i}",
                "title": f"Hội nghị tuyên giáo số {i}",
                "date": "2022-03-01",
                "body": f"Sáng ngày 1/3/2022, Ban Tuyên giáo Huyện ủy tổ chức hội nghị lần {i}.",
            },
            ensure_ascii=False,
        )
        for i in range(start, start + n)
    ]
    if bad_line:
        lines.insert(1, "{not json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_unchanged_record_file_is_not_read_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_jsonl(corpus / "a.jsonl", 5)
    write_jsonl(corpus / "b.jsonl", 3, start=100, bad_line=True)
    index_dir = tmp_path / "index"
    first = build([corpus], index_dir, workers=1, progress=False)
    assert first.added == 8 and len(first.skipped) == 1

    again = build([corpus], index_dir, workers=1, progress=False)
    assert again.unchanged == 8 and again.added == 0
    # a.jsonl is not read at all; b.jsonl, which had a bad line, is read and its line reported again
    assert again.load_report.loaded == 3
    assert [s.path.endswith("b.jsonl:2") for s in again.skipped] == [True]

    write_jsonl(corpus / "a.jsonl", 6)  # one more article: the file is read, one document added
    third = build([corpus], index_dir, workers=1, progress=False)
    assert (third.added, third.unchanged) == (1, 8)
    assert Engine(str(index_dir)).search("", per_page=1).total == 9
    pruned = build([corpus / "a.jsonl"], index_dir, workers=1, progress=False, prune=True)
    assert pruned.removed == 0 and pruned.unchanged == 6  # skipped files still count as present
    placed = build([corpus], index_dir, site=SiteDefaults(province="Nam Định"), workers=1, progress=False)
    assert placed.load_report.loaded == 9 and placed.updated == 9  # other settings: every file read again


def test_after_an_update_postings_are_still_read_by_blocks_and_old_versions_not_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A segment with deletions wraps its postings; the engine reads them whole and drops the deleted."""
    corpus = make_corpus(tmp_path / "corpus", 6)
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    (corpus / "doc00003.txt").write_text(
        "Bài số 3 về công tác Tuyên giáo huyện Nam Trực\n\nNgày 9/5/2023, nội dung mới.\n", encoding="utf-8"
    )
    build([corpus], index_dir, workers=1, progress=False)
    with Store(index_dir).open().searcher() as s:
        assert s.reader().has_deletions()
    caplog.set_level("WARNING")
    results = Engine(str(index_dir)).search("tuyên giáo", per_page=100)
    assert "one at a time" not in caplog.text
    assert results.total == 6
    years = {v.value: v.count for v in results.facets["year"].values}
    assert years == {"2022": 5, "2023": 1}  # the old 2022 version of doc 3 is not counted
