"""Pure judgement and metric functions: no engine, no files, so tests can import and check them.

Texts are compared as syllable sequences (see :mod:`bench.eval.text`): a phrase is "contained" when
its syllables stand together, in order, anywhere in the text. ``Haystack`` precomputes both the exact
and the folded sequence of one document, since every query is judged against every document.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bench.eval.text import fold_all, syllables


def joined(sylls: Sequence[str]) -> str:
    """Syllables as one space-padded string, so a substring test is a contiguous-run test."""
    return " " + " ".join(sylls) + " "


@dataclass(frozen=True)
class Haystack:
    """A document's lowercase syllables, exact and folded, each as a padded string."""

    exact: str
    folded: str

    @classmethod
    def of(cls, text: str) -> Haystack:
        sylls = syllables(text)
        return cls(joined(sylls), joined(fold_all(sylls)))


def run_key(phrase: str, *, folded: bool = False) -> str | None:
    """The padded syllable string to look for; None when the phrase has no syllable."""
    sylls = syllables(phrase)
    if not sylls:
        return None
    return joined(fold_all(sylls) if folded else sylls)


def has_run(hay: Haystack, phrase: str, *, folded: bool = False) -> bool:
    """True when ``phrase``'s syllables stand together in the document (accent-insensitive if ``folded``)."""
    key = run_key(phrase, folded=folded)
    return key is not None and key in (hay.folded if folded else hay.exact)


def contains_phrase(text: str, phrase: str, *, folded: bool = False) -> bool:
    """True when ``text`` holds ``phrase`` as contiguous syllables (exact accents unless ``folded``)."""
    return has_run(Haystack.of(text), phrase, folded=folded)


def has_every_word(hay: Haystack, words: Iterable[str]) -> bool:
    """The strict reading of a query: every word present with its syllables together, accents ignored."""
    return all(has_run(hay, w, folded=True) for w in words)


def contains_every_word(text: str, words: Iterable[str]) -> bool:
    """:func:`has_every_word` on raw text."""
    return has_every_word(Haystack.of(text), words)


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int = 10) -> float | None:
    """Relevant in the top ``k`` over what could be there (min(k, |relevant|)); None when nothing is relevant."""
    if not relevant:
        return None
    hits = sum(1 for doc in ranked[:k] if doc in relevant)
    return hits / min(k, len(relevant))


def reciprocal_rank(ranked: Sequence[str], target: str, depth: int = 100) -> float:
    """1/rank of ``target`` within the first ``depth`` results, else 0."""
    for rank, doc in enumerate(ranked[:depth], start=1):
        if doc == target:
            return 1.0 / rank
    return 0.0


def success_at_1(ranked: Sequence[str], target: str) -> float:
    """1.0 when ``target`` is the first result."""
    return 1.0 if ranked and ranked[0] == target else 0.0


def count_precision(reported: Collection[str], strict: Collection[str]) -> float:
    """Share of the reported match set that truly holds every word.

    An empty report is exact when nothing should match (1.0) and wrong when something should (0.0):
    a count of zero is then as misleading as a count full of noise.
    """
    if not reported:
        return 1.0 if not strict else 0.0
    strict_set = set(strict)
    return sum(1 for d in set(reported) if d in strict_set) / len(set(reported))


def count_recall(reported: Collection[str], strict: Collection[str]) -> float:
    """Share of the truly matching documents the count includes (1.0 when nothing should match)."""
    if not strict:
        return 1.0
    reported_set = set(reported)
    return sum(1 for d in set(strict) if d in reported_set) / len(set(strict))


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined values; None when there are none (a metric with no eligible query)."""
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else None


def median(values: Iterable[float]) -> float | None:
    """Median, or None for no values."""
    kept = list(values)
    return statistics.median(kept) if kept else None
