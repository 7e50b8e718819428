"""Snippets and highlighting that work for queries typed with or without accents.

Whoosh's highlighter only knows the terms of the field it highlights; here the query's words (from
its plan) are marked where their syllables stand in a row, accents ignored, so "tuyen giao" marks
"Tuyên giáo" and "chi thi 05" does not mark the "thị" of "thị trấn". Output is HTML-escaped text
with only ``<mark>`` tags added.
"""

from __future__ import annotations

import functools
import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from search.text import any_accent, fold_word

_SYLLABLE = re.compile(r"\w+", re.UNICODE)


Words = Sequence[tuple[str, ...]]  # folded syllables of each word to mark; a last syllable "x*" is a prefix


def query_words(text: str) -> list[tuple[str, ...]]:
    """Every syllable of ``text`` as a word of its own (for text without a query plan)."""
    return [(fold_word(m.group()),) for m in _SYLLABLE.finditer(text)]


# Between two syllables of one marked word: spaces, hyphens, slashes, dots ("05-CT/TW", "Tuyên giáo").
_JOINER = r"[\s\-/.]+"


@functools.lru_cache(maxsize=512)
def _words_pattern(words: tuple[tuple[str, ...], ...]) -> re.Pattern[str] | None:
    """One regex for every word to mark, longest first: the stored text is searched as it is, accents
    matched by letter classes, so no folding pass over a whole body is needed."""
    alternatives = []
    for w in sorted({w for w in words if w}, key=len, reverse=True):
        parts = [
            any_accent(syl[:-1]) + r"\w*" if syl.endswith("*") and k == len(w) - 1 else any_accent(syl)
            for k, syl in enumerate(w)
        ]
        alternatives.append(_JOINER.join(parts))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _spans(text: str, words: Words) -> list[tuple[int, int]]:
    """Where the words stand in ``text``: each word's syllables in a row, accents ignored.

    "chi thi 05" marks "Chỉ thị" and "05", not the "thị" of "thị trấn"; "bao cao vien" marks
    "báo cáo viên", not a lone "báo". The spans are those of the syllables.
    """
    pattern = _words_pattern(tuple(tuple(w) for w in words)) if words else None
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        spans.extend((m.start() + s.start(), m.start() + s.end()) for s in _SYLLABLE.finditer(m.group()))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """Escaped text with marks; syllables separated only by spaces share one mark ("Tuyên giáo")."""
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if joined and not text[joined[-1][1] : s].strip():
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    spans = joined
    out: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def mark(text: str, words: Words) -> str:
    """The whole text, escaped, with the query's words wrapped in <mark>."""
    return _render(text, _spans(text, words), 0, len(text))


def snippet(text: str, words: Words, width: int = 260) -> str:
    """The stretch of ``text`` with the most distinct query syllables, escaped and marked."""
    scan = text[:20000]
    spans = _spans(scan, words)
    if not spans:
        end = _word_end(text, width)
        return html.escape(text[:end]) + ("…" if end < len(text) else "")
    best, best_score = 0, -1
    starts = [a for a, _ in spans]
    for i, (s, _) in enumerate(spans[:300]):
        lo = max(0, s - width // 4)
        hi = lo + width
        inside = [(a, b) for a, b in spans[bisect_left(starts, lo) : bisect_right(starts, hi)] if b <= hi]
        together = sum(1 for (_, e1), (s2, _) in zip(inside, inside[1:], strict=False) if not scan[e1:s2].strip())
        score = len({fold_word(scan[a:b]) for a, b in inside}) * 10 + len(inside) + together * 15
        if score > best_score:
            best, best_score = i, score
    anchor = spans[best][0]
    start = _word_start(scan, max(0, anchor - width // 4))
    end = _word_end(scan, min(len(scan), start + width))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + _render(scan, spans, start, end) + suffix


def _word_start(text: str, i: int) -> int:
    while 0 < i < len(text) and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace():
        i += 1
    return i
