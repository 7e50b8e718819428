"""Vietnamese words and accents of a query, from the index's own statistics (no model is loaded).

A Vietnamese word is one or more syllables ("báo cáo viên" is one word of three). Where a typed run
of syllables divides into words is decided by underthesea on the run's accented form (as typed, or
restored from the index below), then checked against the compounds underthesea found in the
indexed text (the ``seg`` field, folded). So accented and accentless queries divide the same way,
and folded text is never segmented.

An accentless syllable gets its likely accented form by a bigram Viterbi over the accented forms
the index holds for it: unigram counts from the ``body`` field, pair counts from ``pairs``. A
syllable typed with accents keeps them, so a half-accented query is honoured where it has accents.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from search.indexing import lexicon
from search.indexing.analysis import FOLD_MARK, folded_term, pair_term, word_lengths
from search.retrieval import ranking
from search.text import fold_word, has_diacritics


@dataclass(frozen=True)
class Word:
    """Syllables that must stand together (``field``: only in the title or body)."""

    syllables: tuple[str, ...]
    field: str | None = None
    prefix: bool = False  # the last syllable is a prefix ("tuyen*")


class Vocabulary:
    """Statistics of one index generation for dividing and accenting queries (shared by threads)."""

    def __init__(self, reader_factory: object):
        self._reader = reader_factory  # a callable giving this thread's reader
        self._forms: dict[str, list[tuple[str, int]]] | None = None
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str], int] = {}  # a generation's counts never change

    def _df(self, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        found = self._counts.get(key)
        if found is None:
            if len(self._counts) > ranking.MAX_CACHED_COUNTS:  # a bound, not a policy
                self._counts.clear()
            found = self._counts[key] = int(self._reader().doc_frequency(fieldname, text))  # type: ignore[operator]
        return found

    def _prefetch(self, fieldname: str, texts: Sequence[str]) -> None:
        """Ask for many document counts at once where the reader can (the Solr backend's statistics:
        one request instead of one a term); a Whoosh reader answers each from memory anyway."""
        prefetch = getattr(self._reader(), "prefetch", None)  # type: ignore[operator]
        if prefetch is not None and texts:
            prefetch(fieldname, list(texts))

    # -- words ----------------------------------------------------------------------------------
    def compound_df(self, syllables: Sequence[str]) -> int:
        return self._df("seg", "_".join(fold_word(s) for s in syllables))

    def divide(self, syllables: Sequence[str], accented: Sequence[str] | None = None) -> list[tuple[str, ...]]:
        """Words of a run, as typed: the domain lexicon, then underthesea on its accented form, checked
        against the index.

        ``accented`` is the run with its accents (as typed, or restored by :meth:`restore`); the
        segmenter never sees folded text. A name of the lexicon ("ủy ban nhân dân") is one word
        whatever the statistics say. Elsewhere, neighbouring words that the indexed text holds as one
        compound are joined ("nam" "định" -> "nam định"); long words made of two compounds are split
        ("bảo hiểm xã hội" -> "bảo hiểm" "xã hội"); two syllables that nearly always stand side by
        side where both occur are one word.
        """
        form = tuple(accented or syllables)
        out: list[tuple[str, ...]] = []
        for start, end, is_name in lexicon.spans(form):
            part = tuple(syllables[start:end])
            if is_name:
                out.append(part)
            elif is_name is False:  # a term of the genre: a word unless the index shows two
                out.extend(self._minimal(part) if len(part) >= 4 else [part])
            else:
                out.extend(self._divide_free(part, form[start:end]))
        return out

    def _divide_free(self, syllables: tuple[str, ...], accented: tuple[str, ...]) -> list[tuple[str, ...]]:
        lengths = word_lengths(accented)
        if lengths is None:
            out = self._compounds(syllables)
        else:
            out, i = [], 0
            for n in lengths:
                out.append(tuple(syllables[i : i + n]))
                i += n
            out = self._join_compounds(out)
            out = [part for word in out for part in (self._minimal(word) if len(word) >= 4 else [word])]
        merged: list[tuple[str, ...]] = []
        for group in out:
            if merged and len(group) == 1 and len(merged[-1]) == 1 and self.sticky(merged[-1][0], group[0]):
                merged[-1] = (merged[-1][0], group[0])
            else:
                merged.append(group)
        return merged

    def _join_compounds(self, words: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for word in words:
            joined = (*out[-1], *word) if out else ()
            if out and len(joined) <= ranking.MAX_WORD_SYLLABLES and self.is_compound(joined):
                out[-1] = joined
            else:
                out.append(word)
        return out

    def sticky(self, a: str, b: str) -> bool:
        """Whether the index holds a and b side by side in most of the documents holding the rarer one."""
        together = self._df("pairs", pair_term(a, b))
        if not together:
            return False
        rarer = min(self._df("body", folded_term(a)), self._df("body", folded_term(b))) or 1
        return together / rarer >= ranking.STICKY_SHARE

    def is_compound(self, syllables: Sequence[str]) -> bool:
        """Whether underthesea took this span for a word in a fair share of the documents holding it
        side by side in the opening it segments (``seg`` holds both counts; see ``compound_counts``)."""
        found = self.compound_df(syllables)
        if found < ranking.MIN_COMPOUND_DF:
            return False
        together = min(self._df("seg", pair_term(a, b)) for a, b in zip(syllables, syllables[1:], strict=False))
        return found >= ranking.COMPOUND_SHARE * together

    def _minimal(self, span: Sequence[str]) -> list[tuple[str, ...]]:
        """A long compound made of two shorter ones counts as those two words ("bảo hiểm" "xã hội").

        The segmenter joins names and set phrases; requiring the parts to stand together only where
        each is a word of its own keeps "bảo hiểm ... xã hội" in the count, and costs little for names,
        whose parts seldom occur apart.
        """
        for cut in range(2, len(span) - 1):
            if self.is_compound(span[:cut]) and self.is_compound(span[cut:]):
                return [tuple(span[:cut]), tuple(span[cut:])]
        return [tuple(span)]

    def _compounds(self, syllables: Sequence[str]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        i = 0
        n = len(syllables)
        while i < n:
            for size in range(min(ranking.MAX_WORD_SYLLABLES, n - i), 1, -1):
                span = syllables[i : i + size]
                if self.is_compound(span):
                    out.extend(self._minimal(span))
                    i += size
                    break
            else:
                out.append((syllables[i],))
                i += 1
        return out

    # -- accents --------------------------------------------------------------------------------
    def forms(self, folded: str) -> list[tuple[str, int]]:
        """Accented forms of a folded syllable seen in the index, with their document counts."""
        if self._forms is None:
            with self._lock:
                if self._forms is None:
                    table: dict[str, list[tuple[str, int]]] = defaultdict(list)
                    for raw, info in self._reader().iter_field("body"):  # type: ignore[operator]
                        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                        if term.startswith(FOLD_MARK) or not term.isalpha():
                            continue
                        table[fold_word(term)].append((term, int(info.doc_frequency())))
                    for options in table.values():
                        options.sort(key=lambda t: -t[1])
                    self._forms = dict(table)
        return self._forms.get(folded, [])

    def _lattice(self, syllables: Sequence[str]) -> tuple[list[list[tuple[str, int]]], int]:
        """Each syllable's accented forms with their document counts (one, as typed, when it has
        accents), and the count that makes them probabilities; the pairs between them are fetched."""
        lattice = [
            [(s, max(1, self._df("body", s)))]
            if has_diacritics(s) or not s.isalpha()
            else self.forms(s)[: ranking.MAX_ACCENT_FORMS] or [(s, 1)]
            for s in syllables
        ]
        self._prefetch(
            "pairs", [f"{a}_{b}" for i in range(1, len(lattice)) for a, _ in lattice[i - 1] for b, _ in lattice[i]]
        )
        total = max(1, int(self._reader().doc_count()), *(c for column in lattice for _, c in column))  # type: ignore[operator]
        return lattice, total

    def _step(self, prev: tuple[str, int], this: tuple[str, int], total: int) -> float:
        """log P(this | prev) of the bigram model over document counts: P(b | a) = (c(a b) + k P(b)) /
        (c(a) + k), with P(b) = c(b) / N, so the likeliest sequence is the one the index holds
        together most often."""
        k = ranking.PAIR_SMOOTHING
        together = self._df("pairs", f"{prev[0]}_{this[0]}")
        return math.log((together + k * this[1] / total) / (prev[1] + k))

    def restore(self, syllables: Sequence[str]) -> list[str]:
        """The likely accented form of each syllable; those typed with accents are kept as typed."""
        if not syllables:
            return []
        lattice, total = self._lattice(syllables)
        # Viterbi over the bigram model of :meth:`_step`.
        best: list[dict[str, tuple[float, str | None]]] = [{f: (math.log(c / total), None) for f, c in lattice[0]}]
        for i in range(1, len(lattice)):
            counts = dict(lattice[i - 1])
            column: dict[str, tuple[float, str | None]] = {}
            for option in lattice[i]:
                column[option[0]] = max(
                    (score + self._step((prev, counts[prev]), option, total), prev)
                    for prev, (score, _) in best[-1].items()
                )
            best.append(column)
        form = max(best[-1], key=lambda f: best[-1][f][0])
        out = [form]
        for i in range(len(best) - 1, 0, -1):
            back = best[i][form][1]
            if back is None:
                break
            out.append(back)
            form = back
        return out[::-1]

    def readings(self, syllables: Sequence[str]) -> list[list[str]]:
        """The accented forms of a short run that the index holds as written, likeliest first.

        Only the reader knows whether "tuyen duong" meant "tuyến đường" or "tuyên dương"; the
        page offers these beside the one ranking chose. Scored by the bigram model of
        :meth:`restore`; a form the index never writes (a pair no article holds), or one far less
        likely than the best, is left out.
        """
        if not syllables or len(syllables) > ranking.MAX_READING_SYLLABLES:
            return []
        lattice, total = self._lattice(syllables)
        # Left to right, a prefix grows only by forms it stands beside somewhere in the index: most
        # pairs of forms are never written, so few prefixes survive.
        scored: list[tuple[float, list[str]]] = [(math.log(c / total), [f]) for f, c in lattice[0]]
        for i in range(1, len(lattice)):
            counts = dict(lattice[i - 1])
            scored = [
                (score + self._step((forms[-1], counts[forms[-1]]), option, total), [*forms, option[0]])
                for score, forms in scored
                for option in lattice[i]
                if self._df("pairs", f"{forms[-1]}_{option[0]}")
            ]
        scored.sort(key=lambda t: -t[0])
        floor = scored[0][0] + math.log(ranking.MIN_READING_SHARE) if scored else 0.0
        return [forms for score, forms in scored[: ranking.MAX_READINGS] if score >= floor]
