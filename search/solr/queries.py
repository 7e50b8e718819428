"""A :class:`~search.retrieval.plan.Plan` compiled to Solr: the match set as nested ``{!bool}``/``{!term}``
queries, the ranking rules as an ordered list of sort functions.

Each piece is a request parameter (``$p12``) that others refer to, so nothing is ever quoted or
escaped: a term is passed as it is, and a query of any depth is a tree of parameter names. The
functions mirror :func:`search.retrieval.plan.rule_columns`, rule for rule.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol

from search.indexing.analysis import folded_term, pair_term
from search.retrieval import ranking
from search.retrieval.plan import PAIR_FIELD, SYLLABLE_FIELDS, Plan
from search.retrieval.ranking import K1, B
from search.retrieval.words import Word
from search.solr.documents import keyword_field, length_field, text_field

Expand = Callable[[str, str, int], list[str]]  # (Whoosh field, prefix, limit) -> most frequent terms


class Stats(Protocol):
    """The collection statistics BM25 needs (search.solr.engine.Statistics)."""

    def doc_count(self) -> int: ...
    def doc_frequency(self, fieldname: str, text: str) -> int: ...
    def average_length(self, fieldname: str) -> float: ...
    def expand(self, fieldname: str, prefix: str, limit: int) -> list[str]: ...


class Params:
    """Request parameters, each named once; a query is the name of the parameter holding it."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self._memo: dict[str, str] = {}

    def add(self, value: str) -> str:
        hit = self._memo.get(value)
        if hit is None:
            hit = f"$p{len(self.values)}"
            self.values[hit[1:]] = value
            self._memo[value] = hit
        return hit

    def term(self, field: str, text: str) -> str:
        return self.add(f"{{!term f={field} v={self.add(text)}}}")

    def every(self) -> str:
        return self.add("*:*")

    def nothing(self) -> str:
        return self.add(f"{{!bool must_not={self.every()}}}")

    def all_of(self, queries: Sequence[str]) -> str:
        queries = list(dict.fromkeys(queries))
        if not queries:
            return self.every()
        if len(queries) == 1:
            return queries[0]
        return self.add("{!bool " + " ".join(f"filter={q}" for q in queries) + "}")

    def any_of(self, queries: Sequence[str], tag: str | None = None) -> str:
        queries = list(dict.fromkeys(queries))
        tagged = f"tag={tag} " if tag else ""
        if not queries:
            return self.add(f"{{!bool {tagged}must_not={self.every()}}}") if tag else self.nothing()
        if len(queries) == 1 and not tag:
            return queries[0]
        return self.add(f"{{!bool {tagged}" + " ".join(f"should={q}" for q in queries) + "}")

    def without(self, base: str, excluded: Sequence[str]) -> str:
        if not excluded:
            return base
        return self.add(f"{{!bool filter={base} " + " ".join(f"must_not={q}" for q in excluded) + "}")

    def tagged(self, query: str, tag: str) -> str:
        return self.add(f"{{!bool tag={tag} filter={query}}}")


class Compiler:
    """Queries and sort functions of one plan (one request's parameters)."""

    def __init__(self, params: Params, stats: Stats):
        self.p = params
        self.stats = stats
        self.expand: Expand = stats.expand

    # -- matching: search.retrieval.plan.word_mask and match, as queries ---------------------------
    def word(self, word: Word) -> str:
        s = word.syllables
        if len(s) == 1:
            fields = (word.field,) if word.field else SYLLABLE_FIELDS
            texts = self._prefixed("body", folded_term(s[0])) if word.prefix else [folded_term(s[0])]
            return self.p.any_of([self.p.term(text_field(f), t) for f in fields for t in texts])
        pair_field = PAIR_FIELD[word.field]
        parts = []
        for i, (a, b) in enumerate(zip(s, s[1:], strict=False)):
            if word.prefix and i == len(s) - 2:
                parts.append(
                    self.p.any_of(
                        [self.p.term(text_field(pair_field), t) for t in self._prefixed(pair_field, pair_term(a, b))]
                    )
                )
            else:
                parts.append(self.p.term(text_field(pair_field), pair_term(a, b)))
        return self.p.all_of(parts)

    def _prefixed(self, field: str, text: str) -> list[str]:
        return self.expand(field, text, ranking.MAX_PREFIX_TERMS) or [text]

    def loose_word(self, word: Word) -> str:
        return self.p.all_of(
            [self.word(Word((s,), word.field, word.prefix and s == word.syllables[-1])) for s in word.syllables]
        )

    def clauses(self, plan: Plan, loose: bool = False) -> list[str]:
        one = self.loose_word if loose else self.word
        return [
            self.p.any_of([self.p.all_of([one(w) for w in option]) for option in options]) for options in plan.clauses
        ]

    def directive(self, plan: Plan) -> str | None:
        return self.p.term(keyword_field("dcode"), plan.directive.lower()) if plan.directive else None

    def match(self, plan: Plan, loose: bool = False) -> str:
        base = self.p.all_of(self.clauses(plan, loose))
        directive = self.directive(plan)
        found = self.p.any_of([base, directive]) if directive and not loose else base
        return self.p.without(found, [self.word(w) for w in plan.excluded])

    # -- ranking: search.retrieval.plan.rule_columns, as functions ----------------------------------
    def _has(self, query: str) -> str:
        return f"if(exists(query({query})),1,0)"

    def _has_any(self, queries: Sequence[str]) -> str:
        return self._has(self.p.any_of(queries))

    @staticmethod
    def _sum(parts: Sequence[str]) -> str:
        if not parts:
            return "0"
        return parts[0] if len(parts) == 1 else f"sum({','.join(parts)})"

    def rules(self, plan: Plan, loose: bool = False) -> dict[str, str]:
        """Each rule's function (larger is better), in ranking.RULES order."""
        p = self.p
        directive = self.directive(plan)
        cols: dict[str, str] = {"directive": self._has(directive) if directive else "0"}
        cols["words"] = self._sum([self._has(c) for c in self.clauses(plan, loose)])
        adjacency = [(a, b) for run in plan.runs for a, b in zip(run, run[1:], strict=False)]
        exact_pairs = [(a, b) for run in plan.targets for a, b in zip(run, run[1:], strict=False)]
        singles = [run[0] for run in plan.runs if len(run) == 1]
        exact_singles = [run[0] for run in plan.targets if len(run) == 1]
        together, in_title, in_lead, exact = [], [], [], []
        for a, b in adjacency:
            t = pair_term(a, b)
            title_pair = p.term(text_field("tpairs"), t)
            together.append(self._has_any([p.term(text_field("pairs"), t), title_pair]))
            in_title.append(self._has(title_pair))
            in_lead.append(self._has(p.term(text_field("lpairs"), t)))
        for a, b in exact_pairs:
            exact.append(
                self._has_any([p.term(text_field("pairs"), f"{a}_{b}"), p.term(text_field("tpairs"), f"{a}_{b}")])
            )
        for s in singles:
            in_title.append(self._has(p.term(text_field("title"), folded_term(s))))
        for s in exact_singles:
            exact.append(self._has_any([p.term(text_field(f), s) for f in ("title", "body", "meta")]))
        units = len(adjacency) + len(singles)
        cols["phrase"] = f"if(eq({self._sum(together)},{len(adjacency)}),1,0)" if adjacency else "1"
        cols["proximity"] = self._sum(together)
        syllables = sum(len(r) for r in plan.runs)
        cols["title_exact"] = (
            f"if(and(eq({self._sum(in_title)},{units}),eq(field(title_len),{2 * syllables})),1,0)" if units else "0"
        )
        cols["title"] = self._sum(in_title)
        cols["lead"] = self._sum(in_lead)
        cols["exactness"] = self._sum(exact)
        weights = ranking.FIELD_WEIGHTS
        bm25 = [self._bm25(f, folded_term(s), weights[f]) for run in plan.runs for s in run for f in SYLLABLE_FIELDS]
        cols["bm25"] = self._sum([b for b in bm25 if b])
        cols["recency"] = "field(date_ord)"
        return {name: cols[name] for name in ranking.RULE_NAMES}

    def _bm25(self, field: str, term: str, weight: float) -> str | None:
        """One (field, term) of :meth:`search.retrieval.matching.TermIndex.bm25`, as a function: the same
        idf from the same counts, the same lengths, so the same score."""
        df = self.stats.doc_frequency(field, term)
        if not df:
            return None
        idf = math.log(max(1, self.stats.doc_count()) / (df + 1)) + 1.0
        avg = self.stats.average_length(field)
        tf = f"termfreq({text_field(field)},{self.p.add(term)})"
        norm = f"sum({tf},product({K1},sum({1 - B},product({B / avg},field({length_field(field)})))))"
        return f"product({weight * idf * (K1 + 1)},div({tf},{norm}))"
