"""The naive baseline: the same queries through plain Whoosh on the same index, no caches.

What a Whoosh application does out of the box: one ``searcher.search(..., groupedby=...)`` for the
top 10 and the counts of every facet, then, for disjunctive counts, one more search per facet that
has a selection, grouped by that facet and filtered by the other facets' selections only. The Whoosh
query is the project's own plan (``search.retrieval.plan``) written as Whoosh query objects, so both
sides match the same documents; only how matching, scoring and counting are done differs.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as Q
from whoosh import sorting
from whoosh.searching import Searcher

from search import registry
from search.indexing.analysis import folded_term, pair_term
from search.retrieval import query
from search.retrieval.plan import PAIR_FIELD, SYLLABLE_FIELDS, Plan, make_plan
from search.retrieval.words import Vocabulary, Word


@dataclass
class NaiveResults:
    total: int
    hits: list[int]  # document numbers of the page
    facets: dict[str, dict[str, int]]  # facet -> value -> count (disjunctive)


def facet(name: str) -> sorting.FieldFacet:
    return sorting.FieldFacet(name, allow_overlap=registry.FACETS[name].multi)  # several values: overlap


def _filter_query(filters: dict[str, list[str]], skip: str | None = None) -> Q.Query | None:
    """AND across facets, OR within one; ``skip`` leaves one facet's own selection out."""
    parts = [Q.Or([Q.Term(name, v) for v in values]) for name, values in filters.items() if values and name != skip]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _word(w: Word) -> Q.Query:
    if len(w.syllables) == 1:
        return Q.Or([Q.Term(f, folded_term(w.syllables[0])) for f in ((w.field,) if w.field else SYLLABLE_FIELDS)])
    pairs = zip(w.syllables, w.syllables[1:], strict=False)
    return Q.And([Q.Term(PAIR_FIELD[w.field], pair_term(a, b)) for a, b in pairs])


def whoosh_query(plan: Plan) -> Q.Query | None:
    """The plan's strict reading as Whoosh query objects."""
    if not plan.searches:
        return None
    clauses = [Q.Or([Q.And([_word(w) for w in option]) for option in options]) for options in plan.clauses]
    main: Q.Query = Q.And(clauses) if clauses else Q.Every()
    if plan.directive:
        main = Q.Or([main, Q.Term("dcode", plan.directive.lower())])
    if plan.excluded:
        main = Q.AndNot(main, Q.Or([_word(w) for w in plan.excluded]))
    return main


def _counts(results, name: str) -> dict[str, int]:
    groups = results.groups(name)
    return {str(k): len(v) for k, v in groups.items() if k not in (None, "")}


def search(
    searcher: Searcher,
    q: str,
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    limit: int = 10,
    facet_names: tuple[str, ...] | None = None,
) -> NaiveResults:
    facet_names = registry.facet_names() if facet_names is None else facet_names
    filters = {k: list(v) for k, v in (filters or {}).items() if v}
    parsed = query.parse(q or "")
    for name, values in parsed.filters.items():
        filters.setdefault(name, []).extend(values)
    reader = searcher.reader()
    wq = whoosh_query(make_plan(parsed, Vocabulary(lambda: reader), restore=False))
    if wq is None:
        wq = Q.Every()
        sort = "oldest" if sort == "oldest" else "newest"
    sort_args = {} if sort == "relevance" else {"sortedby": "date", "reverse": sort == "newest"}
    # Facets without a selection are counted in the main search: there, disjunctive = conjunctive.
    plain = [n for n in facet_names if not filters.get(n)]
    main = searcher.search(
        wq,
        limit=limit,
        filter=_filter_query(filters),
        groupedby={n: facet(n) for n in plain} or None,
        **sort_args,
    )
    counts = {n: _counts(main, n) for n in plain}
    total = len(main)
    hits = [hit.docnum for hit in main]
    for name in facet_names:
        if name in counts:
            continue
        other = searcher.search(wq, limit=1, filter=_filter_query(filters, skip=name), groupedby={name: facet(name)})
        counts[name] = _counts(other, name)
    return NaiveResults(total, hits, counts)
