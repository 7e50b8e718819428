"""Republished copies: articles that are one story, found at index time and kept as a label per document.

Portals republish central and neighbouring articles under their own header and footer, often cut or
with a paragraph added. Each article gets a MinHash signature (datasketch) of its body's syllable
pairs, folded so that a copy retyped with other accent placement still matches. Candidate pairs
come from banding the signatures (LSH); a candidate is the same story when the estimated Jaccard
similarity is high, or when the shorter text is nearly contained in the longer (a cut copy).

The signatures live beside the index (``signatures.npz``), carried from generation to generation, so
an update hashes only its new articles. The labels (``stories.npy``, one per document number of the
generation: the number of the story's representative, the member with the smallest id) are redone
whole on every build: banding is a sort over arrays, about a second at 100,000 articles, where
datasketch's dictionary-based ``MinHashLSH`` took half a minute.
"""

from __future__ import annotations

import functools
import os
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from search.text import fold_word

NUM_PERM = 128
SEED = 1
# Syllable pairs, not longer runs: a copy "lightly edited" by a portal (a word changed every sentence or
# two, sentences reordered) keeps most of its pairs but loses most of its 4-grams. On the labelled
# real pairs (make eval-stories) 4-grams found 31% of the same-story pairs at 67% precision, pairs
# 69% at 69%, with the generated republications at 100% precision and 98% recall either way.
SHINGLE = 2  # syllables per shingle
SCHEME = f"minhash-{NUM_PERM}-{SEED}-{SHINGLE}"  # part of every content hash: a change re-signs everything
CANDIDATE_THRESHOLD = 0.35  # LSH is tuned to bring pairs from this Jaccard up; the checks below decide
BUCKET_PAIRS = 32  # a band shared by more articles links them in a chain and a star, not all pairs
SAME_JACCARD = 0.46
SAME_CONTAINMENT = 0.7  # the shorter text's shingles found in the longer one (a cut or extended copy)
MIN_SHARE = 0.7  # ... when the shorter is at least 70% of the longer: a short report quoted whole inside
# a longer, different one (a follow-up that repeats the first report as background) is not a copy
MIN_SHINGLES = 8  # shorter texts (a caption, a title alone) are never grouped: too little to tell
SIGNATURES = "signatures.npz"
STORIES = "stories.npy"
_SYLLABLE = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = [fold_word(w) for w in _SYLLABLE.findall(text.lower())]
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> tuple[np.ndarray, int]:
    """The MinHash of a body (uint32 × NUM_PERM) and how many shingles it has."""
    found = shingles(text)
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    sketch.update_batch(list(found))
    return sketch.hashvalues.astype(np.uint32), len(found)


@dataclass
class Signatures:
    """Every document's signature, by id; what a generation carries to the next."""

    ids: list[str]
    sigs: np.ndarray  # (n, NUM_PERM) uint32
    sizes: np.ndarray  # (n,) int32 shingle counts

    @classmethod
    def empty(cls) -> Signatures:
        return cls([], np.zeros((0, NUM_PERM), dtype=np.uint32), np.zeros(0, dtype=np.int32))

    @classmethod
    def load(cls, gen: Path) -> Signatures:
        try:
            with np.load(gen / SIGNATURES, allow_pickle=False) as data:
                return cls([str(i) for i in data["ids"]], data["sigs"], data["sizes"])
        except (OSError, KeyError, ValueError):
            return cls.empty()

    def save(self, gen: Path) -> None:
        # A new file replaces the hard link shared with the previous generation; that one is untouched.
        tmp = gen / f".{SIGNATURES}.tmp.npz"
        np.savez(tmp, ids=np.array(self.ids, dtype=str), sigs=self.sigs, sizes=self.sizes)
        os.replace(tmp, gen / SIGNATURES)

    def updated(self, new: dict[str, tuple[np.ndarray, int]], keep: Callable[[str], bool]) -> Signatures:
        """These signatures with ``new`` ones replacing or adding, and those ``keep`` refuses dropped."""
        rows = [i for i, doc_id in enumerate(self.ids) if doc_id not in new and keep(doc_id)]
        ids = [self.ids[i] for i in rows] + list(new)
        fresh = np.array([s for s, _ in new.values()], dtype=np.uint32).reshape(-1, NUM_PERM)
        sigs = np.concatenate([self.sigs[rows], fresh])
        sizes = np.concatenate([self.sizes[rows], np.array([n for _, n in new.values()], dtype=np.int32)])
        return Signatures(ids, sigs, sizes)


@functools.lru_cache(maxsize=64)
def _triangle(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, k=1)


def candidate_pairs(sigs: np.ndarray) -> np.ndarray:
    """Pairs (i < j) whose signatures agree on a whole band: the LSH candidates, as an (m, 2) array."""
    bands, rows = _optimal_param(CANDIDATE_THRESHOLD, NUM_PERM, 0.5, 0.5)
    n = len(sigs)
    found: list[np.ndarray] = []
    for b in range(bands):
        band = np.zeros(n, dtype=np.uint64)
        for k in range(b * rows, (b + 1) * rows):  # the band's values as one 64-bit key
            band = band * np.uint64(0x100000001B3) + sigs[:, k].astype(np.uint64)
        order = np.argsort(band, kind="stable")
        keys = band[order]
        starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        lengths = np.diff(np.concatenate([starts, [n]]))
        two = starts[lengths == 2]  # most shared bands hold two articles: their pairs in one step
        found.append(np.sort(np.stack([order[two], order[two + 1]], axis=1), axis=1))
        for start, length in zip(starts[lengths > 2], lengths[lengths > 2], strict=True):
            members = np.sort(order[start : start + length])
            if length > BUCKET_PAIRS:
                # A stock passage in many articles, or a story republished many times: a chain and a
                # star from the first, not every pair. The star lets each copy join the story of
                # its first article (story_labels), which a chain alone splits into pairs.
                found.append(np.stack([members[:-1], members[1:]], axis=1))
                found.append(np.stack([np.full(length - 2, members[0]), members[2:]], axis=1))
                continue
            i, j = _triangle(int(length))
            found.append(np.stack([members[i], members[j]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    keys = np.unique(pairs[:, 0] * n + pairs[:, 1])  # one int64 per pair: a flat sort, not a row sort
    return np.stack([keys // n, keys % n], axis=1)


def same_story(signatures: Signatures, pairs: np.ndarray) -> np.ndarray:
    """Which candidate pairs are one story: Jaccard estimated from the signatures, or containment."""
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    a, b = pairs[:, 0], pairs[:, 1]  # vectorised form of _similarity
    jaccard = (signatures.sigs[a] == signatures.sigs[b]).mean(axis=1)
    size_a, size_b = signatures.sizes[a].astype(float), signatures.sizes[b].astype(float)
    shared = jaccard * (size_a + size_b) / (1 + jaccard)  # |A ∩ B| from J and the two sizes
    containment = shared / np.maximum(np.minimum(size_a, size_b), 1)
    big_enough = np.minimum(size_a, size_b) >= MIN_SHINGLES
    comparable = np.minimum(size_a, size_b) >= MIN_SHARE * np.maximum(size_a, size_b)
    return big_enough & ((jaccard >= SAME_JACCARD) | (comparable & (containment >= SAME_CONTAINMENT)))


def _similarity(signatures: Signatures, a: int, b: int) -> tuple[float, float]:
    """Estimated Jaccard similarity and containment (of the shorter in the longer) of two documents."""
    jaccard = float((signatures.sigs[a] == signatures.sigs[b]).mean())
    size_a, size_b = float(signatures.sizes[a]), float(signatures.sizes[b])
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return jaccard, shared / max(min(size_a, size_b), 1.0)


def story_labels(signatures: Signatures) -> dict[str, str]:
    """id -> the id that names its story; single articles are left out.

    Stories are stars, not chains: articles are taken in id order, and one joins a story only when it
    is a copy of the story's first article itself. Joining every pair of copies transitively would
    chain a report to its follow-up through a third article that quotes both.
    """
    # In id order, so the stories depend on which articles there are, never on the order they were
    # read in (a chain through a crowded band follows the row order): both backends label alike.
    by_id = sorted(range(len(signatures.ids)), key=signatures.ids.__getitem__)
    signatures = Signatures([signatures.ids[i] for i in by_id], signatures.sigs[by_id], signatures.sizes[by_id])
    eligible = np.flatnonzero(signatures.sizes >= MIN_SHINGLES)  # an empty body matches every other
    pairs = eligible[candidate_pairs(signatures.sigs[eligible])]
    pairs = pairs[same_story(signatures, pairs)]
    if not len(pairs):
        return {}
    neighbours: dict[int, list[int]] = {}
    for a, b in pairs.tolist():
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    order = sorted(neighbours, key=lambda i: signatures.ids[i])
    rank = {i: n for n, i in enumerate(order)}
    leader: dict[int, int] = {}
    for i in order:
        earlier = sorted((j for j in neighbours[i] if rank[j] < rank[i]), key=lambda j: rank[j])
        for j in earlier:
            head = leader[j]
            if head == j or head in neighbours[i]:  # a copy of the story's first article
                leader[i] = head
                break
        else:
            leader[i] = i
    members: dict[int, int] = {}
    for head in leader.values():
        members[head] = members.get(head, 0) + 1
    return {signatures.ids[i]: signatures.ids[head] for i, head in leader.items() if members[head] > 1}


def write_labels(gen: Path, docnums: Iterable[tuple[str, int]], size: int, labels: dict[str, str]) -> None:
    """``stories.npy``: for each document number, the document number of its story's representative."""
    by_id = dict(docnums)
    out = np.arange(size, dtype=np.int32)
    for doc_id, name in labels.items():
        if doc_id in by_id and name in by_id:
            out[by_id[doc_id]] = by_id[name]
    tmp = gen / f".{STORIES}.tmp.npy"
    np.save(tmp, out)
    os.replace(tmp, gen / STORIES)


def read_labels(gen: Path, size: int) -> np.ndarray:
    """The labels of a generation; every document its own story where they are missing (an older index)."""
    try:
        labels = np.load(gen / STORIES, allow_pickle=False)
        if labels.shape == (size,):
            return labels.astype(np.int32)
    except (OSError, ValueError):
        pass
    return np.arange(size, dtype=np.int32)
