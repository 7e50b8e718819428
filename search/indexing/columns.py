"""Each segment's keyword columns (facets and dates), read from its postings once and kept beside it.

Opening a generation used to read every facet value's postings in every segment: about ten
thousand term lookups at 10,000 articles, 2.2 s, growing with values times segments. Whoosh never
rewrites a segment, so its columns never change either: the build writes them to
``<segment>.columns.npz`` (hard-linked into later generations with the segment's own files), and
the engine reads arrays. Deletions are not in the file; the engine applies the live mask. A segment
without the file (an index built before, or a read-only copy) is read from its postings as before.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from search import registry
from search.retrieval.matching import leaf_postings

SUFFIX = ".columns.npz"


def column_names() -> tuple[str, ...]:
    """The keyword fields read as columns: every registered facet, and the date."""
    return (*registry.facet_names(), "date")


@dataclass
class SegmentColumn:
    """One keyword field of one segment: its values in lexicon order, and each value's documents."""

    values: list[str]
    docs: np.ndarray  # int32 segment-local document numbers, value after value
    counts: np.ndarray  # int32 documents per value, parallel to values


def read_leaf(leaf: Any, name: str) -> SegmentColumn:
    """The column from the segment's postings, a block at a time (deleted documents included)."""
    values: list[str] = []
    docs: list[np.ndarray] = []
    for raw in leaf.lexicon(name):
        values.append(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
        docs.append(leaf_postings(leaf, name, raw)[0].astype(np.int32))
    return SegmentColumn(
        values,
        np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32),
        np.array([len(d) for d in docs], dtype=np.int32),
    )


def _path(folder: Path, leaf: Any) -> Path:
    return folder / f"{leaf.segment().segment_id()}{SUFFIX}"


def load(folder: Path | None, leaf: Any) -> dict[str, SegmentColumn]:
    """A segment's columns: from its file in ``folder`` when it has one for these fields, else from its postings."""
    names = column_names()
    if folder is not None:
        try:
            with np.load(_path(folder, leaf), allow_pickle=False) as saved:
                if tuple(str(n) for n in saved["names"]) == names:
                    return {
                        name: SegmentColumn(
                            [str(v) for v in saved[f"{name}.values"]], saved[f"{name}.docs"], saved[f"{name}.counts"]
                        )
                        for name in names
                    }
        except (OSError, KeyError, ValueError):
            pass
    return {name: read_leaf(leaf, name) for name in names}


def write_missing(folder: Path, reader: Any) -> int:
    """Write the file of every segment of ``reader`` that lacks one, and drop files of merged-away segments.

    Returns how many were written. Written whole under a temporary name, then renamed: a reader
    never sees half a file.
    """
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    wanted = {_path(folder, leaf).name for leaf in leaves}
    for stale in folder.glob(f"*{SUFFIX}"):
        if stale.name not in wanted:
            stale.unlink(missing_ok=True)
    written = 0
    names = column_names()
    for leaf in leaves:
        path = _path(folder, leaf)
        if path.exists():
            continue
        arrays: dict[str, np.ndarray] = {"names": np.array(names, dtype=str)}
        for name in names:
            column = read_leaf(leaf, name)
            arrays[f"{name}.values"] = np.array(column.values, dtype=str)
            arrays[f"{name}.docs"] = column.docs
            arrays[f"{name}.counts"] = column.counts
        tmp = path.with_name(path.name + ".tmp")
        try:
            with open(tmp, "wb") as fh:
                np.savez(fh, **arrays)  # type: ignore[arg-type]
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        written += 1
    return written
