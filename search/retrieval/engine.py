"""The Engine facade: one call from a SearchRequest to Results over the current index generation.

The work itself lives in its own modules: parsing (:mod:`query`), matching and scoring
(:mod:`matching`, with the constants of :mod:`ranking`), facet counts (:mod:`facets`), snippets
(:mod:`highlight`), suggestions (:mod:`suggest`). The engine opens generations, picks up a new one
without a restart, and assembles :class:`~search.retrieval.results.Results`.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from search import registry
from search.indexing import stories
from search.indexing.analysis import FOLD_MARK
from search.indexing.store import IndexMissing, Store
from search.retrieval import attention as attention_mod
from search.retrieval import facets as facet_mod
from search.retrieval import highlight, query, suggest, verify
from search.retrieval import notable as notable_mod
from search.retrieval.attention import Attention
from search.retrieval.matching import TermIndex
from search.retrieval.plan import Plan, make_plan, marked_words, match, rule_columns
from search.retrieval.plan import order as rank_order
from search.retrieval.request import SearchError, SearchRequest
from search.retrieval.results import Copy, Coverage, FirstReport, Hit, Results, title_of
from search.retrieval.words import Vocabulary
from search.text import fold

__all__ = ["Engine", "Hit", "Results", "SearchError", "SearchRequest", "title_of"]


def _months(
    days: np.ndarray, years: list[str] | None, date_from: dt.date | None, date_to: dt.date | None
) -> dict[str, int]:
    """Articles per month of the one year a search is about (a year filter, or a range within a year)."""
    year = None
    if years and len(years) == 1 and years[0].isdigit():
        year = int(years[0])
    elif date_from and date_to and date_from.year == date_to.year:
        year = date_from.year
    if year is None or not dt.MINYEAR <= year <= dt.MAXYEAR:  # "year=0" names no calendar year
        return {}
    counts = dict.fromkeys((f"{year}-{m:02d}" for m in range(1, 13)), 0)
    dated = days[days > 0].astype(np.int64) - _EPOCH_ORDINAL  # day ordinals as numpy days since 1970
    months, n = np.unique(dated.astype("datetime64[D]").astype("datetime64[M]"), return_counts=True)
    for month, count in zip(months.astype(str), n, strict=True):
        if month in counts:
            counts[month] = int(count)
    return counts


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _first_of_each_story(ranked: np.ndarray, labels: np.ndarray, need: int) -> np.ndarray:
    """The first ``need`` positions of ``ranked`` whose story is not already placed (a walk down the
    ranking, a chunk at a time: a page needs a few dozen, not a sort of every match)."""
    seen: set[int] = set()
    kept: list[int] = []
    for start in range(0, len(ranked), 512):
        chunk = ranked[start : start + 512]
        for position, label in zip(chunk.tolist(), labels[chunk].tolist(), strict=True):
            if label not in seen:
                seen.add(label)
                kept.append(position)
                if len(kept) == need:
                    return np.array(kept, dtype=np.int64)
    return np.array(kept, dtype=np.int64)


def parse_request(request: SearchRequest) -> tuple[query.ParsedQuery, dict[str, list[str]]]:
    """The parsed query, and the request's filters with those typed in the query (``tỉnh:"Nam Định"``)."""
    try:
        parsed = query.parse(request.q)
    except query.QueryTooLong:
        raise SearchError("query_too_long", max=query.MAX_QUERY_CHARS) from None
    filters = {k: list(v) for k, v in request.filters.items()}
    for name, values in parsed.filters.items():
        filters.setdefault(name, []).extend(values)
    return parsed, filters


def make_hit(stored: dict[str, Any], score: float | None, words: highlight.Words) -> Hit:
    """A result from a document's stored fields (any backend stores the same ones)."""
    doc = stored.get("doc", {})
    return Hit(
        id=stored["id"],
        origin=doc.get("origin", ""),  # relative to the indexed folder: never a server path
        title=stored.get("title", ""),
        date=doc.get("date"),
        year=doc.get("year"),
        province=doc.get("province"),
        province_2025=doc.get("province_2025"),
        district=doc.get("district"),
        units=doc.get("units", []),
        directives=doc.get("directives", []),
        source_url=doc.get("source_url"),
        snippet_html=highlight.snippet(stored.get("body", ""), words),
        title_html=highlight.mark(stored.get("title", ""), words),
        score=None if score is None else round(score, 4),
        source=doc.get("source"),
        level=doc.get("level"),
        author=doc.get("author"),
        date_source=doc.get("date_source", "none"),
        event_kinds=doc.get("event_kinds", []),
    )


def document_data(stored: dict[str, Any]) -> dict[str, Any]:
    """A document page's data from its stored fields."""
    data = dict(stored.get("doc", {}))
    data.update(id=stored["id"], origin=data.get("origin"), title=stored.get("title"), body=stored.get("body", ""))
    data["directive_titles"] = {d: t for d in data.get("directives", []) if (t := title_of(d))}
    return data


@dataclass
class _Generation:
    name: str
    ix: whoosh_index.Index
    columns: facet_mod.Columns
    terms: TermIndex
    vocabulary: Vocabulary
    frequencies: dict[tuple[str, str], int] = field(default_factory=dict)  # document frequencies read
    compounds: dict[str, int] | None = None  # the seg field's words, for notable words


class Engine:
    """Searches the current generation of an index folder; picks up a new one without a restart."""

    def __init__(self, index_dir: str):
        self.store = Store(index_dir)
        self._lock = threading.Lock()
        self._gen: _Generation | None = None
        self._old: list[_Generation] = []
        self._local = threading.local()

    # -- generations -----------------------------------------------------------------------------
    def _generation(self) -> _Generation:
        name = self.store.current_name()
        gen = self._gen
        if gen is not None and gen.name == name:
            return gen
        with self._lock:
            if self._gen is None or self._gen.name != name:
                if name is None:
                    raise IndexMissing(f"no index in {self.store.root}: build one with `vnsearch index`")
                ix = self.store.open_generation(name)
                searcher = ix.searcher()
                columns = facet_mod.Columns(searcher.reader(), self.store.root / name)
                columns.stories = stories.read_labels(self.store.root / name, columns.size)
                if self._gen is not None:
                    self._old = [self._gen]  # older readers finish on it; the one before is dropped
                gen = _Generation(name, ix, columns, TermIndex(searcher, columns.live), None)  # type: ignore[arg-type]
                gen.vocabulary = Vocabulary(lambda gen=gen: self._searcher(gen).reader())
                self._gen = gen
            return self._gen

    def about(self, top_sources: int = 30) -> dict[str, Any]:
        """What a researcher cites about the collection: its size, sources and years, how complete each
        field is, and which index generation answers."""
        gen = self._generation()
        cols = gen.columns
        live = cols.live
        total = int(np.count_nonzero(live))
        names = registry.facet_names()
        _final, facets = facet_mod.count(cols, live.copy(), {}, names, {n: 100_000 for n in names})
        coverage = {}
        for name in names:
            column = cols.columns[name]
            has = np.zeros(cols.size, dtype=bool)
            has[column.pair_doc] = True
            coverage[name] = int(np.count_nonzero(has & live))
        by_source: dict[str, dict[str, int]] = {}
        year_column = cols.columns["year"]
        for value in facets["source"].values[:top_sources]:
            mask = live.copy()
            mask &= facet_mod.value_mask(cols.columns["source"], value.value, cols.size)
            years: dict[str, int] = {}
            for i, year in enumerate(year_column.values):
                n = int(np.count_nonzero(mask[year_column.docs_of(i)]))
                if n:
                    years[year] = n
            by_source[value.value] = dict(sorted(years.items()))
        return {
            "documents": total,
            "generation": gen.name,
            "updated": self.updated(),
            "coverage": coverage,
            "values": {name: {v.value: v.count for v in facets[name].values} for name in names},
            "sources_by_year": by_source,
        }

    def health(self) -> dict[str, Any]:
        """For load balancers: which backend, which index generation, how many documents (raises when none)."""
        gen = self._generation()
        return {"backend": "whoosh", "generation": gen.name, "documents": int(np.count_nonzero(gen.columns.live))}

    def updated(self) -> str | None:
        """When the index last changed (UTC, ISO 8601): the honest "updated" of an undated entry."""
        stamp = self.store.published_at()
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else None

    def _searcher(self, gen: _Generation) -> Searcher:
        cached = getattr(self._local, "searcher", None)
        if cached is not None and cached[0] == gen.name:
            return cached[1]
        if cached is not None:
            cached[1].close()
        searcher = gen.ix.searcher()
        self._local.searcher = (gen.name, searcher)
        return searcher

    # -- search ----------------------------------------------------------------------------------
    def search(self, request: SearchRequest | str = "", filters: Any = None, **params: Any) -> Results:
        """Search with a SearchRequest, or with its fields (``engine.search("chi thi 05", per_page=5)``)."""
        if not isinstance(request, SearchRequest):
            request = SearchRequest.build(request, filters, **params)
        elif params or filters is not None:
            raise TypeError("pass either a SearchRequest or its fields, not both")
        started = time.perf_counter()
        parsed, filters = parse_request(request)
        gen = self._generation()
        searcher = self._searcher(gen)
        cols = gen.columns
        plan = make_plan(parsed, gen.vocabulary, restore=request.restore_accents)
        mode, masks = "strict", list[np.ndarray]()
        base = cols.live.copy()
        if plan.searches:
            base, mode, masks = match(gen.terms, plan)
        date_mask = cols.date_mask(request.date_from, request.date_to)
        axis: dict[str, int] = {}
        if date_mask is not None:
            if "year" in request.facet_names:
                _, around = facet_mod.count(cols, base, filters, ("year",), {"year": 1_000_000})
                axis = {v.value: v.count for v in around["year"].values if v.count}
            base &= date_mask
        names = request.facet_names
        limits = {n: request.facet_limit or registry.FACETS[n].limit for n in names}
        story_of = cols.stories if request.count_stories else None
        final, facet_results = facet_mod.count(cols, base, filters, names, limits, stories=story_of)
        total = int(np.count_nonzero(final))
        n_stories = None
        if request.group or request.count_stories:  # distinct labels, counted without a sort
            n_stories = int(np.count_nonzero(np.bincount(cols.stories[final], minlength=1)))
        sort = request.sort
        effective_sort = sort if plan.searches else ("oldest" if sort == "oldest" else "newest")
        offset = (request.page - 1) * request.per_page
        docnums: list[tuple[int, float | None]] = []
        if offset < (n_stories if request.group and n_stories is not None else total):
            docnums = self._page(gen, plan, masks, final, effective_sort, offset, request.per_page, request.group)
        words = marked_words(plan, loose=mode == "loose")
        hits = [self._hit(searcher, d, s, words) for d, s in docnums]
        for hit, (docnum, _) in zip(hits, docnums, strict=True):
            self._copies(searcher, cols, final, docnum, hit, listed=request.group)
        results = Results(
            query=request.q,
            total=total,
            page=request.page,
            per_page=request.per_page,
            hits=hits,
            facets=facet_results,
            sort=sort,
            filters=filters,
            date_from=request.date_from,
            date_to=request.date_to,
        )
        results.match = mode
        results.stories = n_stories
        results.grouped = request.group
        results.years = axis
        results.months = _months(cols.date_ord[final], filters.get("year"), request.date_from, request.date_to)
        results.interpreted = plan.interpreted
        results.readings = plan.readings
        results.notices = plan.notices + (["loose_match"] if mode == "loose" else [])
        if plan.searches and total < 3:
            results.suggestion = suggest.did_you_mean(searcher, parsed)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def pages(self, request: SearchRequest, first: Results | None = None) -> Iterator[Results]:
        """Every page of a search, in order, from page 1 (``first``: page 1, already searched): what
        exports and ``vnsearch watch`` read. Pages are ``request.per_page`` long."""
        results = first or self.search(replace(request, page=1))
        page = 1
        while True:
            yield results
            if page * request.per_page >= results.total or not results.hits:
                return
            page += 1
            results = self.search(replace(request, page=page))

    def attention(self, requests: Sequence[SearchRequest], interval: str | None = None) -> Attention:
        """Matches per period for up to five searches, each beside its denominator: the same filters
        and dates without the query text (see :mod:`search.retrieval.attention`)."""
        started = time.perf_counter()
        if not 1 <= len(requests) <= attention_mod.MAX_SERIES:
            raise SearchError("too_many_series", max=attention_mod.MAX_SERIES)
        if interval and interval not in attention_mod.INTERVALS:
            raise SearchError("bad_interval", intervals=", ".join(attention_mod.INTERVALS))
        gen = self._generation()
        cols = gen.columns
        found = []
        for request in requests:
            parsed, filters = parse_request(request)
            plan = make_plan(parsed, gen.vocabulary, restore=request.restore_accents)
            base = match(gen.terms, plan)[0] if plan.searches else cols.live.copy()
            everything = cols.live.copy()
            date_mask = cols.date_mask(request.date_from, request.date_to)
            if date_mask is not None:
                base &= date_mask
                everything &= date_mask
            final, _ = facet_mod.count(cols, base, filters, ())
            denominator, _ = facet_mod.count(cols, everything, filters, ())
            found.append((request, filters, final, denominator))
        firsts, lasts = [], []
        for request, _, _, denominator in found:
            days = cols.date_ord[denominator]
            days = days[days > 0]
            if request.date_from or len(days):
                firsts.append(request.date_from or dt.date.fromordinal(int(days.min())))
            if request.date_to or len(days):
                lasts.append(request.date_to or dt.date.fromordinal(int(days.max())))
        if firsts and lasts and min(firsts) <= max(lasts):
            first, last = min(firsts), max(lasts)
            auto = attention_mod.choose_interval(first, last)
            chosen = interval or auto
            periods = attention_mod.buckets(first, last, chosen)
        else:  # nothing dated to place on an axis: the series keep their totals, with no periods
            first = last = dt.date.today()
            auto = chosen = interval or "year"
            periods = []
        if len(periods) > attention_mod.MAX_BUCKETS:
            raise SearchError("too_many_buckets", interval=chosen, max=attention_mod.MAX_BUCKETS)
        series = []
        for request, filters, final, denominator in found:
            days = cols.date_ord[final]
            series.append(
                attention_mod.Series(
                    query=request.q,
                    filters=filters,
                    counts=attention_mod.counts_per_bucket(days, first, len(periods), chosen),
                    totals=attention_mod.counts_per_bucket(cols.date_ord[denominator], first, len(periods), chosen),
                    matched=len(days),
                    undated=int(np.count_nonzero(days == 0)),
                    base=int(np.count_nonzero(denominator)),
                )
            )
        result = Attention(chosen, auto, periods, series, first if periods else None, last if periods else None)
        result.took_ms = (time.perf_counter() - started) * 1000
        return result

    def _match_set(self, request: SearchRequest) -> tuple[_Generation, Plan, np.ndarray]:
        """The documents a request matches, every filter and the date range applied."""
        parsed, filters = parse_request(request)
        gen = self._generation()
        plan = make_plan(parsed, gen.vocabulary, restore=request.restore_accents)
        base = match(gen.terms, plan)[0] if plan.searches else gen.columns.live.copy()
        date_mask = gen.columns.date_mask(request.date_from, request.date_to)
        if date_mask is not None:
            base &= date_mask
        final, _ = facet_mod.count(gen.columns, base, filters, ())
        return gen, plan, final

    def notable(self, request: SearchRequest, limit: int = 20) -> notable_mod.Notable:
        """Words, people and places over-represented in what a search matches (see :mod:`notable`)."""
        started = time.perf_counter()
        gen, plan, final = self._match_set(request)
        searcher = self._searcher(gen)
        texts = []
        for docnum in notable_mod.sample(final):
            stored = searcher.stored_fields(int(docnum))
            texts.append((stored.get("title", ""), stored.get("body", "")))
        reader = searcher.reader()
        cache = gen.frequencies
        if len(cache) > 500_000:  # a bound, not a policy: the words of a few thousand searches
            cache.clear()
        compounds = self._compounds(gen, reader)

        def doc_frequency(fieldname: str, term: str) -> int:
            if fieldname == "seg" and not term.startswith(FOLD_MARK):
                return compounds.get(term, 0)
            key = (fieldname, term)
            if key not in cache:
                cache[key] = int(reader.doc_frequency(fieldname, term))
            return cache[key]

        total = int(np.count_nonzero(gen.columns.live))
        matched = int(np.count_nonzero(final))
        if matched == total:  # the whole index set against itself: nothing stands out
            return notable_mod.Notable(matched, 0, total, took_ms=(time.perf_counter() - started) * 1000)
        typed = {fold(s) for run in (*plan.runs, *plan.targets) for s in run}
        found = notable_mod.find(texts, doc_frequency, total, matched, typed, limit)
        found.took_ms = (time.perf_counter() - started) * 1000
        return found

    def _compounds(self, gen: _Generation, reader: Any) -> dict[str, int]:
        """The words the segmenter found at least twice in the indexed text, with their document
        counts: read once per generation, on the first request that needs them (one pass over the
        ``seg`` lexicon instead of a lookup per candidate)."""
        if gen.compounds is None:
            with self._lock:
                if gen.compounds is None:
                    found: dict[str, int] = {}
                    for leaf, _ in reader.leaf_readers():
                        for raw, info in leaf.iter_field("seg"):
                            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                            if not term.startswith(FOLD_MARK):  # the pairs beside them: looked up one by one
                                found[term] = found.get(term, 0) + info.doc_frequency()
                    gen.compounds = {t: n for t, n in found.items() if n >= 2}
        return gen.compounds

    def directive_keys(self, code: str) -> list[tuple[str, int]]:
        """The index's facet keys for a code ("05-CT/TW", "05-CT/TW (2021)") with their article counts."""
        gen = self._generation()
        column = gen.columns.columns["directive"]
        keys = [v for v in column.values if v == code or v.startswith(code + " (")]
        counts = np.bincount(column.pair_val, minlength=len(column.values))
        return [(k, int(counts[column.lookup[k]])) for k in keys]

    def coverage(self, key: str, province_facet: str = "province") -> Coverage:
        """How a directive's coverage spread: the first dated report in each province, the articles
        undated or without a province, and the directives cited in the same articles."""
        gen = self._generation()
        cols = gen.columns
        mask = facet_mod.value_mask(cols.columns["directive"], key, cols.size) & cols.live
        total = int(np.count_nonzero(mask))
        dates = cols.date_ord
        column = cols.columns[province_facet]
        vals, docs = column.value_pairs(mask)
        counts = np.bincount(vals, minlength=len(column.values))
        dated = dates[docs] > 0
        order = np.lexsort((docs[dated], dates[docs[dated]], vals[dated]))
        first_vals, first_at = np.unique(vals[dated][order], return_index=True)
        searcher = self._searcher(gen)
        firsts = []
        for val, at in zip(first_vals, first_at, strict=True):
            docnum = int(docs[dated][order][at])
            stored = searcher.stored_fields(docnum)
            firsts.append(
                FirstReport(
                    province=column.values[val],
                    date=dt.date.fromordinal(int(dates[docnum])),
                    doc_id=stored["id"],
                    title=stored.get("title", ""),
                    articles=int(counts[val]),
                )
            )
        firsts.sort(key=lambda f: (f.date, f.province))
        with_province = np.zeros(cols.size, dtype=bool)
        with_province[docs] = True
        undated_only = [
            (column.values[v], int(counts[v])) for v in np.flatnonzero(counts) if v not in set(first_vals.tolist())
        ]
        _, together = facet_mod.count(cols, mask, {}, ("directive",), {"directive": 11})
        cited = [(v.value, v.count) for v in together["directive"].values if v.value != key][:10]
        return Coverage(
            key=key,
            total=total,
            undated=int(np.count_nonzero(mask & (dates == 0))),
            without_province=int(np.count_nonzero(mask & ~with_province)),
            firsts=firsts,
            undated_provinces=undated_only,
            cited_with=cited,
        )

    def _page(
        self,
        gen: _Generation,
        plan: Plan,
        masks: list[np.ndarray],
        final: np.ndarray,
        sort: str,
        offset: int,
        per_page: int,
        group: bool = False,
    ) -> list[tuple[int, float | None]]:
        """The page's documents in order; grouped, one per story: its best placed copy leads."""
        idx = np.flatnonzero(final)
        dates = gen.columns.date_ord
        scores: np.ndarray | None = None
        if sort == "relevance":
            columns = rule_columns(gen.terms, plan, idx, masks, dates)
            searcher = self._searcher(gen)
            runs = [tuple(r) for r in plan.runs]
            need = (offset + per_page) * (3 if group else 1)  # copies take places before the collapse
            ranked = verify.rerank(columns, idx, runs, need, searcher.stored_fields, rank_order)
            scores = columns["bm25"]
        else:
            day = dates[idx]
            if sort == "newest":
                ranked = np.lexsort((idx, -day))
            else:  # oldest first; undated last
                ranked = np.lexsort((idx, np.where(day > 0, day, np.iinfo(np.int32).max)))
        if group:
            ranked = _first_of_each_story(ranked, gen.columns.stories[idx], offset + per_page)
        ranked = ranked[offset : offset + per_page]
        return [(int(idx[i]), None if scores is None else float(scores[i])) for i in ranked]

    def _copies(
        self, searcher: Searcher, cols: facet_mod.Columns, final: np.ndarray, docnum: int, hit: Hit, listed: bool
    ) -> None:
        """The hit's story, and (``listed``) the other copies among the matches, oldest first."""
        label = int(cols.stories[docnum])
        members = np.flatnonzero(cols.stories == label)
        if len(members) <= 1:
            return
        hit.story = searcher.stored_fields(label)["id"]
        if not listed:
            return
        others = [(int(d), searcher.stored_fields(int(d))) for d in members if d != docnum and final[d]]
        others.sort(key=lambda c: (cols.date_ord[c[0]] or 10**9, c[1]["id"]))  # ties by id, as on Solr
        hit.copies += [Copy.of(stored) for _, stored in others]

    def _hit(self, searcher: Searcher, docnum: int, score: float | None, words: highlight.Words) -> Hit:
        return make_hit(searcher.stored_fields(docnum), score, words)

    # -- documents -------------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict[str, Any] | None:
        gen = self._generation()
        searcher = self._searcher(gen)
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        return document_data(searcher.stored_fields(docnum))

    def more_like_this(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """Articles sharing this one's most telling words (scored in numpy, like a search)."""
        gen = self._generation()
        searcher = self._searcher(gen)
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return []
        stored = searcher.stored_fields(docnum)
        text = f"{stored.get('title', '')}\n{stored.get('body', '')[:5000]}"
        words = [w for w, _ in searcher.key_terms_from_text("body", text, numterms=30) if w.startswith(FOLD_MARK)]
        if not words:
            return []
        scores = gen.terms.bm25([("body", w, 1.0) for w in words[:15]])
        scores[~gen.columns.live] = 0
        scores[docnum] = 0
        top = np.argsort(-scores)[:limit]
        return [self._hit(searcher, int(d), float(scores[d]), []) for d in top if scores[d] > 0]

    def words(self, q: str) -> list[tuple[str, ...]]:
        """The words a query looks for, as the results mark them (for a document page)."""
        try:
            parsed = query.parse(q)
        except query.QueryTooLong:
            return []
        return marked_words(make_plan(parsed, self._generation().vocabulary))

    def complete(self, prefix: str, limit: int = 8) -> list[suggest.Suggestion]:
        """Terms people search beginning with what was typed, for suggestions as you type."""
        gen = self._generation()
        return suggest.terms(
            self._searcher(gen).reader(),
            lambda name: suggest.value_counts(gen.columns, name),
            gen.vocabulary,
            prefix,
            limit,
        )
