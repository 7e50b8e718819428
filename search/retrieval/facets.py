"""Disjunctive facet counts from columns read once per index generation.

Each facet field becomes two parallel arrays of (document, value ordinal) pairs, put together when
a generation is opened from each segment's column file (search.indexing.columns). Counting a
facet is then one boolean mask and one ``numpy.bincount``: OR within a facet, AND across facets,
each facet counted with every other facet's filter applied but not its own (Solr's tag/exclude,
Algolia's disjunctive facets).

A search matching few documents is counted from the other side: each column also lists its values
per document, so the cost grows with the matches, not with the index (a million articles hold
millions of pairs, a search often a few hundred documents).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from search import registry
from search.indexing import columns as segment_columns
from search.text import fold

# A match set smaller than this share of the index is counted document by document (see above).
SPARSE_SHARE = 0.25


@dataclass
class Column:
    values: list[str]  # value ordinal -> value
    pair_doc: np.ndarray  # int32 document numbers, value after value (documents in order within one)
    pair_val: np.ndarray  # int32 value ordinals, parallel to pair_doc (sorted)
    lookup: dict[str, int]  # exact value -> ordinal
    folded: dict[str, int]  # folded value -> ordinal, for filters typed without accents
    size: int = 0  # documents in the reader
    _by_doc: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def ordinal(self, value: str) -> int | None:
        hit = self.lookup.get(value)
        return hit if hit is not None else self.folded.get(fold(value).strip())

    def docs_of(self, ordinal: int) -> np.ndarray:
        """The documents holding one value: a slice, since pairs are sorted by value."""
        lo, hi = np.searchsorted(self.pair_val, [ordinal, ordinal + 1])
        return self.pair_doc[lo:hi]

    def docs_with(self, ordinals: list[int], size: int) -> np.ndarray:
        mask = np.zeros(size, dtype=bool)
        for o in ordinals:
            mask[self.docs_of(o)] = True
        return mask

    def by_doc(self) -> tuple[np.ndarray, np.ndarray]:
        """(offsets, value ordinals): document d holds ``values[offsets[d]:offsets[d + 1]]``; built
        on the first small search, not when a generation opens."""
        if self._by_doc is None:
            order = np.argsort(self.pair_doc, kind="stable")
            offsets = np.zeros(self.size + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.pair_doc, minlength=self.size), out=offsets[1:])
            self._by_doc = (offsets, self.pair_val[order])
        return self._by_doc

    def value_pairs(self, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(value ordinals, documents) of the pairs whose document is in ``mask``, by whichever side
        is cheaper: the pairs of the whole index, or the values of the matching documents."""
        matched = int(np.count_nonzero(mask))
        if matched >= SPARSE_SHARE * max(1, len(mask)) or not len(self.pair_doc):
            inside = mask[self.pair_doc]
            return self.pair_val[inside], self.pair_doc[inside]
        docs = np.flatnonzero(mask)
        offsets, vals = self.by_doc()
        starts = offsets[docs]
        lengths = offsets[docs + 1] - starts
        total = int(lengths.sum())
        if not total:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
        positions = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        return vals[positions], np.repeat(docs, lengths).astype(np.int32)


class Columns:
    """Facet columns, the live-document mask and dates of one reader (immutable once built)."""

    def __init__(self, reader: object, folder: Path | None = None):
        """``folder`` is the generation's: segments' column files there are read instead of postings."""
        self.size: int = reader.doc_count_all()  # type: ignore[attr-defined]
        self.live = np.zeros(self.size, dtype=bool)
        live_ids = np.fromiter(reader.all_doc_ids(), dtype=np.int64)  # type: ignore[attr-defined]
        self.live[live_ids] = True
        leaves = [
            (segment_columns.load(folder, leaf), offset)
            for leaf, offset in reader.leaf_readers()  # type: ignore[attr-defined]
        ]
        self.columns = {name: _combine(name, leaves, self.live) for name in registry.facet_names()}
        self.date_ord = np.zeros(self.size, dtype=np.int32)  # 0 = no date
        date_col = _combine("date", leaves, self.live)
        ords = np.array([_ordinal(v) for v in date_col.values], dtype=np.int32)
        if len(date_col.pair_doc):
            self.date_ord[date_col.pair_doc] = ords[date_col.pair_val]
        # Per document, the number of its story's representative (republished copies share one);
        # the engine sets it from the generation's labels (search.indexing.stories).
        self.stories = np.arange(self.size, dtype=np.int32)

    def date_mask(self, date_from: dt.date | None, date_to: dt.date | None) -> np.ndarray | None:
        if not date_from and not date_to:
            return None
        mask = self.date_ord > 0
        if date_from:
            mask &= self.date_ord >= date_from.toordinal()
        if date_to:
            mask &= self.date_ord <= date_to.toordinal()
        return mask


def _ordinal(value: str) -> int:
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return 0


def _combine(name: str, leaves: list[tuple[dict[str, segment_columns.SegmentColumn], int]], live: np.ndarray) -> Column:
    """One keyword field over all segments, as (document, value) pairs of live documents.

    Values are in the lexicon's (UTF-8) order, and a value found only in deleted documents is left out.
    """
    every = sorted({v for columns, _ in leaves for v in columns[name].values}, key=lambda v: v.encode("utf-8"))
    ordinal = {v: i for i, v in enumerate(every)}
    docs: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for columns, offset in leaves:
        column = columns[name]
        local = np.array([ordinal[v] for v in column.values], dtype=np.int32)
        ids = column.docs.astype(np.int32) + offset
        keep = live[ids]
        docs.append(ids[keep])
        vals.append(np.repeat(local, column.counts)[keep])
    pair_doc = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32)
    pair_val = np.concatenate(vals) if vals else np.zeros(0, dtype=np.int32)
    order = np.argsort(pair_val, kind="stable")  # value after value; within one, segment and document order
    pair_doc, pair_val = pair_doc[order], pair_val[order]
    used = np.flatnonzero(np.bincount(pair_val, minlength=len(every)))  # values only in deleted documents go
    renumber = np.zeros(len(every), dtype=np.int32)
    renumber[used] = np.arange(len(used), dtype=np.int32)
    pair_val = renumber[pair_val]
    values = [every[i] for i in used]
    lookup = {v: i for i, v in enumerate(values)}
    folded: dict[str, int] = {}
    for i, v in enumerate(values):
        folded.setdefault(fold(v), i)
    return Column(values, pair_doc, pair_val, lookup, folded, size=len(live))


def value_mask(column: Column, value: str, size: int) -> np.ndarray:
    """The documents holding one value of a facet column."""
    out = np.zeros(size, dtype=bool)
    i = column.lookup.get(value)
    if i is not None:
        out[column.docs_of(i)] = True
    return out


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "count": self.count, "selected": self.selected}


@dataclass
class FacetResult:
    name: str
    values: list[FacetCount]
    total_values: int


def count(
    columns: Columns,
    base: np.ndarray,
    selected: dict[str, list[str]],
    names: tuple[str, ...] | None = None,
    limits: dict[str, int] | None = None,
    stories: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[str, FacetResult]]:
    """Counts for each facet in ``names``, and the mask of documents passing every filter.

    ``base`` is the query's match mask (already ANDed with live documents and the date range);
    ``selected`` maps a facet to the values a person chose in it (a value the index lacks matches
    nothing and is still shown, with count 0). With ``stories`` (each document's story label) a value
    counts the distinct stories it holds, so republished copies count once.
    """
    chosen: dict[str, list[tuple[str, int | None]]] = {}
    masks: dict[str, np.ndarray] = {}
    for name, wanted in selected.items():
        if not wanted or name not in columns.columns:
            continue
        col = columns.columns[name]
        pairs = [(v, col.ordinal(v)) for v in dict.fromkeys(wanted)]
        chosen[name] = pairs
        masks[name] = col.docs_with([o for _, o in pairs if o is not None], columns.size)
    final = base.copy()
    for m in masks.values():
        final &= m
    results: dict[str, FacetResult] = {}
    for name in registry.facet_names() if names is None else names:
        col = columns.columns[name]
        mask = base.copy()
        for other, m in masks.items():
            if other != name:
                mask &= m
        vals, docs = col.value_pairs(mask)
        if stories is None:
            counts = np.bincount(vals, minlength=len(col.values))
        else:
            keyed = np.unique(vals.astype(np.int64) << 32 | stories[docs].astype(np.int64))
            counts = np.bincount(keyed >> 32, minlength=len(col.values))
        picked = {o for _, o in chosen.get(name, []) if o is not None}
        order = np.argsort(-counts, kind="stable")
        limit = (limits or {}).get(name, 10)
        values = [FacetCount(col.values[i], int(counts[i]), int(i) in picked) for i in order[:limit] if counts[i] > 0]
        shown = {v.value for v in values}
        for value, o in chosen.get(name, []):
            label = col.values[o] if o is not None else value
            if label not in shown:
                values.append(FacetCount(label, int(counts[o]) if o is not None else 0, True))
                shown.add(label)
        results[name] = FacetResult(name, values, int(np.count_nonzero(counts)))
    return final, results
