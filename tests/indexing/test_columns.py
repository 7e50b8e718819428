"""Segment column files: opening a generation reads them, and the facets are what the postings say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from search.indexing.build import build
from search.indexing.columns import SUFFIX
from search.indexing.store import Store
from search.retrieval.engine import Engine
from search.retrieval.facets import Columns
from tests import research_corpus


def _columns_both_ways(index_dir: Path) -> tuple[Columns, Columns]:
    store = Store(index_dir)
    gen = index_dir / store.current_name()
    reader = whoosh_index.open_dir(str(gen)).reader()
    return Columns(reader, gen), Columns(reader)  # from the files; from the postings


def _same(a: Columns, b: Columns) -> None:
    assert a.columns.keys() == b.columns.keys()
    for name in a.columns:
        x, y = a.columns[name], b.columns[name]
        assert x.values == y.values, name
        assert np.array_equal(x.pair_doc, y.pair_doc), name
        assert np.array_equal(x.pair_val, y.pair_val), name
    assert np.array_equal(a.date_ord, b.date_ord)
    assert np.array_equal(a.live, b.live)


def _facet(engine: Engine, name: str) -> dict[str, int]:
    return {c.value: c.count for c in engine.search("").facets[name].values}


def test_build_writes_a_file_per_segment_and_opening_reads_it(tmp_path: Path) -> None:
    corpus = research_corpus.write(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    build([corpus], index_dir, workers=1, progress=False)
    gen = index_dir / Store(index_dir).current_name()
    segments = {p.name.split(".")[0] for p in gen.glob("*.seg")}
    assert {p.name.removesuffix(SUFFIX) for p in gen.glob(f"*{SUFFIX}")} == segments
    from_files, from_postings = _columns_both_ways(index_dir)
    _same(from_files, from_postings)
    assert _facet(Engine(str(index_dir)), "province") == {"Thái Bình": 10, "Nam Định": 7}

    # Change one article's province and remove another: the old segment keeps its file, the
    # deletions come from the live mask, and the new segment gets a file of its own.
    records = [json.loads(line) for line in (corpus / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    moved = next(r for r in records if r["province"] == "Thái Bình")
    moved["province"] = "Nam Định"
    records.remove(next(r for r in records if r["province"] == "Thái Bình" and r is not moved))
    (corpus / "news.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    build([corpus], index_dir, workers=1, progress=False, prune=True)
    from_files, from_postings = _columns_both_ways(index_dir)
    _same(from_files, from_postings)
    assert _facet(Engine(str(index_dir)), "province") == {"Thái Bình": 8, "Nam Định": 8}


def test_a_segment_without_its_file_is_read_from_postings(tmp_path: Path) -> None:
    """An index built before the files (or a copy without them) opens with the same facets."""
    index_dir = tmp_path / "index"
    build([research_corpus.write(tmp_path / "corpus")], index_dir, workers=1, progress=False)
    expected = _facet(Engine(str(index_dir)), "province")
    copy = tmp_path / "copy"
    shutil.copytree(index_dir, copy)
    for f in copy.glob(f"*/*{SUFFIX}"):
        f.write_bytes(b"not a column file")
    assert _facet(Engine(str(copy)), "province") == expected
    for f in copy.glob(f"*/*{SUFFIX}"):
        f.unlink()
    assert _facet(Engine(str(copy)), "province") == expected
