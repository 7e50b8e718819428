"""Checking a phrase of three or more syllables in the text itself, for the documents shown first.

Phrases are pair terms (no positions are indexed), and for two syllables a pair is the phrase. For
three or more, holding every pair is not holding the phrase: "vi phạm", "phạm pháp" and "pháp luật"
can stand in three places. Ranking puts such a document in the "phrase" tier; before a page is
shown, the candidates that would fill it are read back and those without the phrase drop a tier.
Only the head of the ranking is read (at most ``ranking.VERIFY_LIMIT`` documents), so the cost
grows with the page, not with the match set.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from search.retrieval import ranking
from search.text import any_accent, fold_word

# What may stand between two syllables of one phrase: the pair fields' rule (search.indexing.analysis)
# spelled as a pattern. Body: spaces (no line break), hyphens, slashes. Title: anything but a sentence end.
_BODY_GAP = r"(?:[^\S\n]|[\-/\u2010-\u2013])+"
_TITLE_GAP = r"[^\w.!?;\u2026\n]+"


@functools.lru_cache(maxsize=256)
def _pattern(run: tuple[str, ...], gap: str) -> re.Pattern[str]:
    body = (r"(?:" + gap + r")").join(any_accent(fold_word(s)) for s in run)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def holds(stored: dict[str, Any], runs: Sequence[tuple[str, ...]]) -> bool:
    """Whether the title or body holds every run as contiguous syllables, accents ignored."""
    title = stored.get("title") or ""
    body = stored.get("body") or ""
    return all(_pattern(r, _TITLE_GAP).search(title) or _pattern(r, _BODY_GAP).search(body) for r in runs)


def rerank(
    columns: dict[str, np.ndarray],
    idx: np.ndarray,
    runs: Sequence[tuple[str, ...]],
    need: int,
    stored: Callable[[int], dict[str, Any]],
    order: Callable[[dict[str, np.ndarray], np.ndarray], np.ndarray],
) -> np.ndarray:
    """The ranking with the "phrase" rule checked for the first ``need`` places; ``columns`` is updated."""
    ranked = order(columns, idx)
    long_runs = [r for r in runs if len(r) >= 3]
    if not long_runs:
        return ranked
    phrase = columns["phrase"]
    checked = np.zeros(len(idx), dtype=bool)
    budget = ranking.VERIFY_LIMIT
    while budget > 0:
        head = ranked[:need]
        todo = head[(phrase[head] > 0) & ~checked[head]][:budget]
        if not len(todo):
            break
        dropped = False
        for i in todo:
            checked[i] = True
            if not holds(stored(int(idx[i])), long_runs):
                phrase[i] = 0
                dropped = True
        budget -= len(todo)
        if not dropped:
            break
        ranked = order(columns, idx)
    return ranked
