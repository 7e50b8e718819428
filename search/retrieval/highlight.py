"""Snippets and highlighting that work for queries typed with or without accents.

Whoosh's highlighter only knows the terms of the field it highlights; here a syllable is marked when
its folded form matches a folded query syllable, so "tuyen giao" marks "Tuyên giáo". Output is
HTML-escaped text with only ``<mark>`` tags added.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right

from search.text import fold_word

_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def query_terms(text: str) -> set[str]:
    return {fold_word(m.group()) for m in _SYLLABLE.finditer(text)}


_JOINER = re.compile(r"[\s\-/.]*")


def _spans(text: str, terms: set[str], min_run: int = 1) -> list[tuple[int, int]]:
    """Matching syllables; with ``min_run`` > 1 only runs of that many adjacent ones, or numbers.

    A directive query ("chi thi 05") should mark "Chỉ thị số 05-CT/TW", not every "thị" of "thị trấn".
    """
    if not terms:
        return []
    hits = [(m.start(), m.end()) for m in _SYLLABLE.finditer(text) if fold_word(m.group()) in terms]
    if min_run <= 1:
        return hits
    runs: list[list[tuple[int, int]]] = []
    for s, e in hits:
        if runs and _JOINER.fullmatch(text, runs[-1][-1][1], s):
            runs[-1].append((s, e))
        else:
            runs.append([(s, e)])
    return [span for run in runs if len(run) >= min_run or any(text[a:b].isdigit() for a, b in run) for span in run]


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


def mark(text: str, terms: set[str], min_run: int = 1) -> str:
    """The whole text, escaped, with matching syllables wrapped in <mark>."""
    return _render(text, _spans(text, terms, min_run), 0, len(text))


def snippet(text: str, terms: set[str], width: int = 260, min_run: int = 1) -> str:
    """The stretch of ``text`` with the most distinct query syllables, escaped and marked."""
    scan = text[:20000]
    spans = _spans(scan, terms, min_run)
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
