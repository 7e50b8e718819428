"""Postings as numpy arrays, read once per index generation, and what is built on them: masks and BM25.

Plain Whoosh walks every matching posting in Python for each query: fine for ten thousand
articles, a second or more at a hundred thousand. Here each term's postings become two arrays
(document numbers, weights) read once and cached; matching becomes mask arithmetic and BM25
vectorised arithmetic. Phrases and proximity are terms of the pair fields, so no positions are
ever decoded.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from search.retrieval.ranking import K1, B

log = logging.getLogger(__name__)
CACHE_TERMS = 8192
MAX_EXPANSION = 5000  # terms of a prefix looked at before the most frequent are kept


class TermIndex:
    """Term postings and field lengths of one generation, as arrays (shared by all threads)."""

    def __init__(self, searcher: Any, live: np.ndarray):
        self.size = len(live)
        self.live = live
        self.doc_count = max(1, int(np.count_nonzero(live)))
        self._leaves = [(leaf, offset) for leaf, offset in searcher.reader().leaf_readers()]
        self._searcher = searcher
        self._lock = threading.Lock()
        self._terms: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}

    # -- reading --------------------------------------------------------------------------------
    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        key = (field, text)
        with self._lock:  # least recently used goes first: a hot term stays however old it is
            hit = self._terms.get(key)
            if hit is not None:
                self._terms.move_to_end(key)
                return hit
            hit = self._read(field, text)
            self._terms[key] = hit
            if len(self._terms) > CACHE_TERMS:
                self._terms.popitem(last=False)
        return hit

    def _read(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for leaf, offset in self._leaves:
            if (field, text) not in leaf:
                continue
            a, w = leaf_postings(leaf, field, text)
            ids.append(a + offset)
            weights.append(w)
        if not ids:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        return np.concatenate(ids).astype(np.int32), np.concatenate(weights).astype(np.float32)

    def lengths(self, field: str) -> tuple[np.ndarray, float]:
        hit = self._lengths.get(field)
        if hit is None:
            with self._lock:
                out = np.zeros(self.size, dtype=np.float32)
                for leaf, offset in self._leaves:
                    out[offset : offset + leaf.doc_count_all()] = leaf_lengths(leaf, field)
                avg = float(out[self.live].mean()) if self.live.any() else 1.0
                hit = self._lengths[field] = (out, max(avg, 1.0))
        return hit

    def mask(self, field: str, text: str) -> np.ndarray:
        """The documents holding one term (deleted ones included; callers AND with the live mask)."""
        out = np.zeros(self.size, dtype=bool)
        out[self.postings(field, text)[0]] = True
        return out

    def df(self, field: str, text: str) -> int:
        return len(self.postings(field, text)[0])

    def expand(self, field: str, prefix: str, limit: int) -> list[str]:
        """The ``limit`` most frequent terms of ``field`` starting with ``prefix``."""
        with self._lock:
            reader = self._searcher.reader()
            raw = list(itertools.islice(reader.expand_prefix(field, prefix), MAX_EXPANSION))
            counted = [(reader.doc_frequency(field, t), t.decode() if isinstance(t, bytes) else t) for t in raw]
        counted.sort(key=lambda c: -c[0])
        return [t for _, t in counted[:limit]]

    # -- scoring --------------------------------------------------------------------------------
    def bm25(self, terms: list[tuple[str, str, float]]) -> np.ndarray:
        """BM25 summed over (field, term, weight) triples, as a dense array over the index."""
        out = np.zeros(self.size, dtype=np.float32)
        for fieldname, text, weight in terms:
            ids, tf = self.postings(fieldname, text)
            if not len(ids):
                continue
            lengths, avg = self.lengths(fieldname)
            idf = math.log(self.doc_count / (len(ids) + 1)) + 1.0
            norm = tf + K1 * ((1 - B) + B * lengths[ids] / avg)
            out[ids] += weight * idf * tf * (K1 + 1) / norm  # ids are unique within a term
        return out


_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def leaf_lengths(leaf: Any, field: str) -> np.ndarray:
    """Every document's length in ``field`` for one segment, read as one block of bytes.

    The W3 codec keeps lengths as one byte a document in a column file; reading the whole column
    at once costs milliseconds at a million documents, where asking document by document cost
    seconds. Another codec falls back to the slow way. An empty field has length 0, never None.
    """
    n = leaf.doc_count_all()
    try:
        column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(n, dtype=np.float32)
        raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
        codes = np.zeros(n, dtype=np.uint8)
        codes[: min(n, len(raw))] = raw[:n]
        return _BYTE_TO_LENGTH[codes]
    except AttributeError:
        return np.array([leaf.doc_field_length(d, field, 0) or 0 for d in range(n)], dtype=np.float32)


_BLOCK_API = ("_read_ids", "_read_weights", "_next_block", "_atend", "_ids", "_weights", "_i")
_warned = False


def reads_blocks(m: Any) -> bool:
    """Whether a leaf matcher offers the pinned Whoosh codec's block reads (tests/retrieval checks it does)."""
    return all(hasattr(m, name) for name in _BLOCK_API)


def leaf_postings(leaf: Any, field: str, text: Any) -> tuple[np.ndarray, np.ndarray]:
    """One segment's postings of a term as (ids, weights), deleted documents included."""
    return _drain(leaf.postings(field, text))


def _drain(m: Any) -> tuple[np.ndarray, np.ndarray]:
    """All (id, weight) pairs of one leaf matcher, a block at a time where the codec allows.

    The block attributes are the W3 codec's own (private); another Whoosh would fall back to one
    posting at a time, correct but slow, so that is logged once and a test pins the fast path.
    """
    global _warned
    ids: list[Any] = []
    weights: list[Any] = []
    if isinstance(m, FilterMatcher) and m._exclude:  # noqa: SLF001
        # A segment with deletions wraps its postings to skip them one by one; read the postings
        # whole instead, since every caller ANDs with the live mask.
        m = m.child
    if reads_blocks(m):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.append(np.asarray(m._ids, dtype=np.int64)[m._i :])
            weights.append(np.asarray(m._weights, dtype=np.float32)[m._i :])
            m._next_block()
    else:  # any other matcher: one posting at a time
        if not _warned:
            _warned = True
            log.warning("postings read one at a time (%s has no block reads): searches will be slow", type(m))
        a, w = [], []
        while m.is_active():
            a.append(m.id())
            w.append(m.weight())
            m.next()
        ids.append(np.asarray(a, dtype=np.int64))
        weights.append(np.asarray(w, dtype=np.float32))
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)
