"""Suggestions from words that exist in the index: "did you mean" for a query that finds little, and completions."""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from search.indexing.analysis import FOLD_MARK, folded_term
from search.retrieval import query
from search.retrieval.matching import TermIndex
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


def complete(searcher: Searcher, terms: TermIndex, live: np.ndarray, prefix: str, limit: int = 8) -> list[str]:
    """Titles containing what was typed, the last syllable as a prefix, for suggestions as you type."""
    prefix = prefix.strip()
    if not prefix or len(prefix) > 100:
        return []
    syllables = [folded_term(s) for s in query.query_syllables(prefix)]
    if not syllables:
        return []
    last = terms.expand("title", syllables[-1], 20)
    if not last:
        return []
    mask = live.copy()
    for s in syllables[:-1]:
        mask &= terms.mask("title", s)
    any_last = np.zeros(terms.size, dtype=bool)
    for t in last:
        any_last |= terms.mask("title", t)
    mask &= any_last
    scores = np.where(mask, terms.bm25([("title", t, 1.0) for t in [*syllables[:-1], *last]]), 0)
    typed = fold(prefix)
    titles: list[str] = []
    for d in np.argsort(-scores)[: limit * 5]:
        if scores[d] <= 0:
            break
        title = searcher.stored_fields(int(d)).get("title", "")
        if title not in titles:
            titles.append(title)
    # Titles holding what was typed as one stretch come first ("hội ngh" -> "hội nghị ...").
    titles.sort(key=lambda t: typed not in fold(t))
    return titles[:limit]
