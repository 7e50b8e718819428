"""Suggestions from words that exist in the index: "did you mean" for a query that finds little, and completions."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from search.extract.directives import directive_title
from search.indexing.analysis import FOLD_MARK
from search.retrieval import query
from search.text import fold, has_diacritics


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def did_you_mean(searcher: Searcher, parsed: query.ParsedQuery) -> str | None:
    """A corrected query from words that exist in the index ("Có phải bạn muốn tìm ...").

    A word typed with accents is corrected among accented index words; one typed without,
    among the folded twins, so the suggestion is spelled the way the person types.
    """
    words = parsed.positive_text().split()
    if not words:
        return None
    reader = searcher.reader()
    corrector = searcher.corrector("body")
    changed = False
    out: list[str] = []
    for word in words:
        low = word.lower()
        accented = has_diacritics(word)
        key = low if accented else FOLD_MARK + low
        if not low.isalpha() or reader.doc_frequency("body", key) > 0:
            out.append(word)
            continue
        # Whoosh ranks candidates by frequency alone: ask for the nearest edit distance first.
        candidates = corrector.suggest(key, limit=8, maxdist=1) or corrector.suggest(key, limit=8, maxdist=2)
        candidates = [c for c in candidates if c.startswith(FOLD_MARK) != accented]
        # Among equally near words, the one sharing the longest start with what was typed.
        pick = max(candidates, key=lambda c: _common_prefix(c, key), default=None)
        if pick:
            out.append(pick.removeprefix(FOLD_MARK))
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


# What people search, by kind, each from its facet (or the index's compounds): one table.
SUGGEST_FACETS: tuple[tuple[str, str], ...] = (
    ("directive", "directive"),
    ("unit", "unit"),
    ("province", "place"),
    ("district", "place"),
    ("event", "event"),
)


# How people name a kind of document before its number ("chi thi 05" -> the CT codes).
DOCUMENT_WORDS = {
    "chi thi": "ct",
    "nghi quyet": "nq",
    "ket luan": "kl",
    "quyet dinh": "qd",
    "thong bao": "tb",
    "huong dan": "hd",
    "quy dinh": "qd",
}


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "directive", "unit", "place", "event" or "word"
    count: int  # documents holding it
    detail: str | None = None  # a directive's title


def _directive_match(typed: str, code: str) -> bool:
    """ "05" or "05-ct" match "05-CT/TW" by their start; "chi thi 05" too, by the kind's letters."""
    key = fold(code)
    if key.startswith(typed.replace(" ", "-")):
        return True
    for words, letters in DOCUMENT_WORDS.items():
        if typed == words or typed.startswith(words + " "):
            number = typed[len(words) :].strip()
            return f"-{letters}/" in key and key.startswith(number)
    return False


def value_counts(columns: Any, name: str) -> list[tuple[str, int]]:
    """Every value of a facet with its count of live documents."""
    col = columns.columns[name]
    if not len(col.pair_doc):
        return []
    counts = np.bincount(col.pair_val[columns.live[col.pair_doc]], minlength=len(col.values))
    return [(v, int(n)) for v, n in zip(col.values, counts, strict=False) if n]


def _word_start(needle: str, hay: str) -> bool:
    return hay.startswith(needle) or f" {needle}" in hay


def terms(
    reader: Any, values: Callable[[str], list[tuple[str, int]]], vocab: Any, prefix: str, limit: int = 8
) -> list[Suggestion]:
    """Terms people search that begin with what was typed (accents aside): directive codes, units,
    places and kinds of event from the facets, words and compounds from the index; by frequency.

    ``reader`` offers ``expand_prefix`` and ``doc_frequency`` (a Whoosh reader, or the Solr backend's
    statistics); ``values(facet)`` gives every value of a facet with its count."""
    typed = " ".join(fold(prefix).split())
    if len(typed) < 2 or len(typed) > 100:
        return []
    found: dict[str, Suggestion] = {}
    for name, kind in SUGGEST_FACETS:
        for value, n in values(name):
            key = fold(value)
            hit = _directive_match(typed, value) if kind == "directive" else _word_start(typed, key)
            if hit and (key not in found or found[key].count < n):
                text = value.split(" (")[0] if kind == "directive" else value  # "28-NQ/TW", not "… (2022)"
                found[key] = Suggestion(text, kind, n, directive_title(value) if kind == "directive" else None)
    syllables = typed.replace("-", " ").split()
    compound = "_".join(syllables)
    candidates: list[tuple[int, list[str]]] = []
    for raw in itertools.islice(reader.expand_prefix("seg", compound), 2000):
        term = raw.decode() if isinstance(raw, bytes) else raw
        candidates.append((int(reader.doc_frequency("seg", term)), term.split("_")))
    if len(syllables) == 1:  # a word of one syllable: the body's own (folded) syllables
        for raw in itertools.islice(reader.expand_prefix("body", FOLD_MARK + syllables[0]), 2000):
            term = raw.decode() if isinstance(raw, bytes) else raw
            if term[1:].isalpha():
                candidates.append((int(reader.doc_frequency("body", term)), [term[1:]]))
    candidates.sort(key=lambda c: -c[0])
    for n, sylls in candidates[: limit * 3]:
        key = " ".join(sylls)
        if key not in found:
            found[key] = Suggestion(" ".join(vocab.restore(sylls)), "word", n)
        elif found[key].count < n:  # "tổng kết" as a kind of event, counted as the word it also is
            found[key] = Suggestion(found[key].text, found[key].kind, n, found[key].detail)
    # A directive the query names comes first; then by how many documents hold it.
    ranked = sorted(found.values(), key=lambda s: (s.kind != "directive", -s.count, s.text))
    return ranked[:limit]
