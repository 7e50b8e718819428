"""The Engine contract on SolrCloud: :meth:`SolrEngine.search` gives the Results the Whoosh engine gives.

The same parsed query and the same :class:`~search.retrieval.plan.Plan` (divided into words and given
its accents from the collection's own statistics, read through :class:`Statistics`); facets are JSON
Facet API terms facets with ``excludeTags``, so each is counted without its own filter; the ranking
rules are sort functions. Features this backend does not offer yet raise a SearchError that says so.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from search import registry
from search.indexing.analysis import FOLD_MARK, syllable_counts
from search.retrieval import facets as facet_mod
from search.retrieval import ranking, suggest, verify
from search.retrieval.engine import document_data, make_hit, parse_request
from search.retrieval.plan import Plan, make_plan, marked_words
from search.retrieval.plan import order as rank_order
from search.retrieval.request import SearchError, SearchRequest
from search.retrieval.results import Copy, Hit, Results
from search.retrieval.words import Vocabulary
from search.solr.client import TIMEOUT, Address, SolrClient, parse_address
from search.solr.documents import SCORED, keyword_field, length_field, stored_fields, text_field
from search.solr.queries import Compiler, Params
from search.text import fold

MAX_COPIES = 10_000  # copies listed under the stories of one page
STATS_SECONDS = 30.0  # how often the collection is asked whether it changed (statistics are kept until it does)
DATE_TAG = "dates"
ROW_FIELDS = "id,seq,story_n,date_ord"  # a row's story and place: what ordering and grouping read
STORY_FIELDS = f"{ROW_FIELDS},stored_json"  # and what a hit renders from


def _reads_head(plan: Plan, request: SearchRequest) -> bool:
    """Whether the ranking's head is read whole from the first place: phrases of three syllables or
    more are checked in the text, as the Whoosh engine does, before a page is cut."""
    return bool(plan.searches) and request.sort == "relevance" and any(len(r) >= 3 for r in plan.runs)


class _Info:
    def __init__(self, df: int):
        self._df = df

    def doc_frequency(self) -> int:
        return self._df


class Statistics:
    """What :class:`Vocabulary` reads from a Whoosh reader, read from the collection (cached)."""

    def __init__(self, client: SolrClient):
        self.client = client
        self._df: dict[tuple[str, str], int] = {}
        self._cf: dict[tuple[str, str], int] = {}
        self._count: int | None = None
        self._lengths: dict[str, float] | None = None
        self._lock = threading.Lock()

    def doc_count(self) -> int:
        if self._count is None:
            self._count = int(self.client.query({"query": "*:*", "limit": 0})["response"]["numFound"])
        return self._count

    def doc_frequency(self, fieldname: str, text: str) -> int:
        key = (fieldname, text)
        if key not in self._df:
            self.prefetch(fieldname, [text])
        return self._df.get(key, 0)  # a term with a comma cannot be asked for (terms.list splits on it)

    def _listed(self, fieldname: str, texts: list[str], **extra: str) -> Iterator[tuple[str, Any]]:
        """Solr's terms component on a list of terms, 500 a request: each term found, with its value."""
        for start in range(0, len(texts), 500):
            chunk = texts[start : start + 500]
            data = {"terms.fl": text_field(fieldname), "terms.list": ",".join(chunk), "terms.limit": len(chunk)}
            r = self.client.request("POST", "/terms", data={**data, **extra})
            flat = r.get("terms", {}).get(text_field(fieldname), [])
            yield from ((flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2))

    def _fill(self, cache: dict[tuple[str, str], int], fieldname: str, texts: list[str], **extra: str) -> None:
        """Read the terms ``cache`` lacks (a term the field lacks counts 0; one with a comma cannot be asked)."""
        wanted = list(dict.fromkeys(t for t in texts if (fieldname, t) not in cache and "," not in t))
        found = {
            term: int(value.get("ttf", 0) if isinstance(value, dict) else value)
            for term, value in self._listed(fieldname, wanted, **extra)
        }
        with self._lock:
            for t in wanted:
                cache[(fieldname, t)] = found.get(t, 0)

    def prefetch(self, fieldname: str, texts: list[str]) -> None:
        """The document counts of many terms at once."""
        self._fill(self._df, fieldname, texts)

    def average_length(self, fieldname: str) -> float:
        """The mean length of the field over the collection, as the Whoosh engine has it (at least 1)."""
        if self._lengths is None:
            facet = {name: f"avg({length_field(name)})" for name in SCORED}
            r = self.client.query({"query": "*:*", "limit": 0, "facet": facet})
            self._lengths = {name: float(r.get("facets", {}).get(name) or 1.0) for name in SCORED}
        return max(self._lengths.get(fieldname, 1.0), 1.0)

    def iter_field(self, fieldname: str) -> Iterator[tuple[str, _Info]]:
        """The field's terms with their document frequencies (accented syllables: folded ones are skipped)."""
        r = self.client.request(
            "GET",
            "/terms",
            timeout=120.0,
            params={
                "terms.fl": text_field(fieldname),
                "terms.limit": -1,
                "terms.sort": "index",
                "terms.regex": f"[^{FOLD_MARK}].*",
            },
        )
        flat = r.get("terms", {}).get(text_field(fieldname), [])
        for i in range(0, len(flat) - 1, 2):
            yield flat[i], _Info(int(flat[i + 1]))

    def expand_prefix(self, fieldname: str, prefix: str) -> Iterator[str]:
        """The field's terms starting with ``prefix``, in index order (the first 2,000), as Whoosh's
        reader gives them; their document frequencies are kept for :meth:`doc_frequency`."""
        r = self.client.request(
            "GET",
            "/terms",
            params={
                "terms.fl": text_field(fieldname),
                "terms.prefix": prefix,
                "terms.limit": 2000,
                "terms.sort": "index",
            },
        )
        flat = r.get("terms", {}).get(text_field(fieldname), [])
        with self._lock:
            for i in range(0, len(flat) - 1, 2):
                self._df[(fieldname, flat[i])] = int(flat[i + 1])
        yield from (flat[i] for i in range(0, len(flat) - 1, 2))

    def collection_frequencies(self, fieldname: str, texts: list[str]) -> dict[str, int]:
        """Total occurrences of each term in the collection (Solr's total term frequency), kept like the
        document counts: the articles shown beside a document share most of their syllables."""
        self._fill(self._cf, fieldname, texts, **{"terms.ttf": "true"})
        return {t: n for t in texts if (n := self._cf.get((fieldname, t), 0))}

    def expand(self, fieldname: str, prefix: str, limit: int) -> list[str]:
        r = self.client.request(
            "GET",
            "/terms",
            params={
                "terms.fl": text_field(fieldname),
                "terms.prefix": prefix,
                "terms.limit": limit,
                "terms.sort": "count",
            },
        )
        flat = r.get("terms", {}).get(text_field(fieldname), [])
        return [flat[i] for i in range(0, len(flat) - 1, 2)]


class SolrEngine:
    """Searches a SolrCloud collection; the web layer cannot tell it from the Whoosh engine."""

    backend = "solr"

    def __init__(self, address: Address | str, timeout: float | None = None):
        self.address = parse_address(address) if isinstance(address, str) else address
        self.client = SolrClient(self.address, timeout=timeout or TIMEOUT)
        self._lock = threading.Lock()
        self._checked = -math.inf  # when the collection's version was last asked
        self._version: tuple[int, int] | None = None
        self._stats: tuple[Statistics, Vocabulary] | None = None
        self._values: dict[str, facet_mod.Column] | None = None
        self._counts: dict[str, list[tuple[str, int]]] = {}

    # -- statistics ------------------------------------------------------------------------------
    def _current(self) -> None:
        """Drop the cached statistics and facet values when the collection has changed: asked at most
        every STATS_SECONDS, with one cheap request (the document count and the newest _version_).
        Reading them again costs a scan of the term dictionary, so it is done only when needed."""
        now = time.monotonic()
        if now - self._checked < STATS_SECONDS:
            return
        with self._lock:
            if now - self._checked < STATS_SECONDS:
                return
            r = self.client.query({"query": "*:*", "limit": 1, "sort": "_version_ desc", "fields": "_version_"})
            docs = r["response"]["docs"]
            version = (int(r["response"]["numFound"]), int(docs[0]["_version_"]) if docs else 0)
            if version != self._version:
                self._version, self._stats, self._values = version, None, None
            self._checked = now

    def _vocabulary(self) -> tuple[Statistics, Vocabulary]:
        self._current()
        cached = self._stats
        if cached is None:
            stats = Statistics(self.client)
            cached = self._stats = (stats, Vocabulary(lambda: stats))
        return cached

    def _columns(self) -> dict[str, facet_mod.Column]:
        """Every facet's values (for filters typed without accents), read with one facet request."""
        self._current()
        cached = self._values
        if cached is None:
            facet = {
                name: {"type": "terms", "field": keyword_field(name), "limit": -1, "mincount": 1, "sort": "index asc"}
                for name in registry.facet_names()
            }
            r = self.client.query({"query": "*:*", "limit": 0, "facet": facet})
            columns = {}
            counts: dict[str, list[tuple[str, int]]] = {}
            for name in registry.facet_names():
                buckets = r.get("facets", {}).get(name, {}).get("buckets", [])
                counts[name] = [(b["val"], int(b["count"])) for b in buckets]
                values = [b["val"] for b in buckets]
                values.sort(key=lambda v: v.encode("utf-8"))
                lookup = {v: i for i, v in enumerate(values)}
                folded: dict[str, int] = {}
                for i, v in enumerate(values):
                    folded.setdefault(fold(v), i)
                empty = np.zeros(0, dtype=np.int32)
                columns[name] = facet_mod.Column(values, empty, empty, lookup, folded)
            self._counts = counts
            cached = self._values = columns
        return cached

    def _value_counts(self) -> dict[str, list[tuple[str, int]]]:
        self._columns()
        return self._counts

    # -- search ----------------------------------------------------------------------------------
    def search(self, request: SearchRequest | str = "", filters: Any = None, **params: Any) -> Results:
        if not isinstance(request, SearchRequest):
            request = SearchRequest.build(request, filters, **params)
        elif params or filters is not None:
            raise TypeError("pass either a SearchRequest or its fields, not both")
        started = time.perf_counter()
        parsed, filters = parse_request(request)
        stats, vocabulary = self._vocabulary()
        plan = make_plan(parsed, vocabulary, restore=request.restore_accents)
        mode = "strict"
        answer = self._grouped(plan, request, filters, stats, loose=False)
        if (
            plan.searches
            and answer["response"]["numFound"] == 0
            and sum(len(w.syllables) for c in plan.clauses for option in c for w in option) > 1
        ):
            loose = self._grouped(plan, request, filters, stats, loose=True)
            if loose["response"]["numFound"]:
                answer, mode = loose, "loose"
        facets_out = answer.get("facets", {})
        total = int(answer["response"]["numFound"])
        facet_results = self._facet_results(request, filters, facets_out)
        words = marked_words(plan, loose=mode == "loose")
        hits = self._hits(answer, plan, request, words)
        self._stories(hits, answer, listed=request.group)
        results = Results(
            query=request.q,
            total=total,
            page=request.page,
            per_page=request.per_page,
            hits=hits,
            facets=facet_results,
            sort=request.sort,
            filters=filters,
            date_from=request.date_from,
            date_to=request.date_to,
        )
        results.match = mode
        if request.group or request.count_stories:
            # Each story with copies among the matches counts once: n articles, n - 1 fewer stories.
            copies = facets_out.get("_copies", {}).get("buckets", [])
            results.stories = total - sum(int(b["count"]) - 1 for b in copies)
        results.grouped = request.group
        if request.date_from or request.date_to:
            axis = facets_out.get("_years", {}).get("buckets", [])
            results.years = {b["val"]: int(b["count"]) for b in axis if b["count"]}
        results.months = {
            k[2:]: int(facets_out.get(k, {}).get("count", 0)) for k in sorted(facets_out) if k.startswith("_m")
        }
        results.interpreted = plan.interpreted
        results.readings = plan.readings
        results.notices = plan.notices + (["loose_match"] if mode == "loose" else [])
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def pages(self, request: SearchRequest, first: Results | None = None) -> Iterator[Results]:
        """Every page of a search, read with Solr's cursorMark: deep pages cost what the first does,
        however many rows an export has. Phrases of three syllables or more are not re-checked in the
        text here (that happens for a page of results, not for an export)."""
        del first  # a cursor starts from its own first page
        parsed, filters = parse_request(request)
        stats, vocabulary = self._vocabulary()
        plan = make_plan(parsed, vocabulary, restore=request.restore_accents)
        request = replace(request, page=1, facets=())
        loose = False
        if plan.searches and sum(len(w.syllables) for c in plan.clauses for o in c for w in o) > 1:
            probe = self._ask(plan, replace(request, per_page=1), filters, stats, loose=False)
            loose = probe["response"]["numFound"] == 0
        words = marked_words(plan, loose=loose)
        cursor = "*"
        while True:
            answer = self._ask(plan, request, filters, stats, loose=loose, cursor=cursor)
            total = int(answer["response"]["numFound"])
            hits = [make_hit(stored_fields(d), d.get("r_bm25"), words) for d in answer["response"]["docs"]]
            yield Results(query=request.q, total=total, page=1, per_page=request.per_page, hits=hits, facets={},
                          sort=request.sort, filters=filters)  # fmt: skip
            nxt = answer.get("nextCursorMark", cursor)
            if nxt == cursor or not hits:
                return
            cursor = nxt

    def _ask(
        self,
        plan: Plan,
        request: SearchRequest,
        filters: dict[str, list[str]],
        stats: Statistics,
        loose: bool,
        cursor: str | None = None,
        window: tuple[int, int] | None = None,
        rows_only: bool = False,
    ) -> dict[str, Any]:
        """One request to Solr: the page's rows (grouped, the rows of ``window``, with no facets when
        ``rows_only``), its facets, and the match set where _stories finds the copies."""
        p = Params()
        compiler = Compiler(p, stats)
        query = compiler.match(plan, loose) if plan.searches else p.every()
        body: dict[str, Any] = {"query": "{!query v=" + query + "}", "filter": [], "facet": {}}
        columns = self._columns()
        for name, wanted in filters.items():
            if not wanted or name not in columns:
                continue
            col = columns[name]
            chosen = [col.values[o] for v in dict.fromkeys(wanted) if (o := col.ordinal(v)) is not None]
            body["filter"].append(
                "{!query v=" + p.any_of([p.term(keyword_field(name), v) for v in chosen], tag=name) + "}"
            )
        dates = _date_range(request.date_from, request.date_to)
        if dates:
            body["filter"].append("{!query v=" + p.tagged(p.add(dates), DATE_TAG) + "}")
        for name in request.facet_names:
            body["facet"][name] = {
                "type": "terms",
                "field": keyword_field(name),
                "limit": -1,
                "mincount": 1,
                "domain": {"excludeTags": name},
            }
        if dates and "year" in request.facet_names:
            body["facet"]["_years"] = {
                "type": "terms",
                "field": keyword_field("year"),
                "limit": -1,
                "mincount": 1,
                "domain": {"excludeTags": f"year,{DATE_TAG}"},
            }
        for key, (first, last) in _month_ranges(filters.get("year"), request.date_from, request.date_to).items():
            body["facet"][f"_m{key}"] = {
                "type": "query",
                "q": f"date_ord:[{first} TO {last}]",
            }
        sort = request.sort if plan.searches else ("oldest" if request.sort == "oldest" else "newest")
        offset = (request.page - 1) * request.per_page
        # Rows read beyond the page (stories grouped, phrases checked) come without their stored
        # fields, which are most of a reply's bytes: _stored reads them for the rows shown.
        shown = cursor is not None or not (request.group or _reads_head(plan, request))
        row_fields = STORY_FIELDS if shown else ROW_FIELDS
        if sort == "relevance":
            rules = Compiler(p, stats).rules(plan, loose)
            body["sort"] = ", ".join(f"{f} desc" for f in rules.values()) + ", id asc"
            body["fields"] = ",".join([row_fields, *(f"r_{name}:{f}" for name, f in rules.items())])
            if _reads_head(plan, request):  # phrases checked in the text: the head of the ranking is read whole
                body["offset"], body["limit"] = 0, offset + request.per_page + min(ranking.VERIFY_LIMIT, 100)
            else:
                body["offset"], body["limit"] = offset, request.per_page
        else:
            undated_last = "if(gt(date_ord,0),date_ord,2147483647) asc" if sort == "oldest" else "date_ord desc"
            body["sort"] = f"{undated_last}, id asc"
            body["fields"] = row_fields
            body["offset"], body["limit"] = offset, request.per_page
        body["params"] = dict(p.values)
        if window is not None:  # grouped: rows read in windows until the page has its stories
            body["offset"], body["limit"] = window
        if rows_only:
            body["facet"] = {}
        if (request.group or request.count_stories) and cursor is None and not rows_only:
            body["facet"]["_copies"] = {  # the stories with copies among the matches, each with its count
                "type": "terms",
                "field": "story_n",
                "limit": -1,
                "mincount": 2,
                "domain": {"filter": "{!frange l=1}field(story_n)"},
            }
        if cursor is not None:  # a cursor walks from the start, a page at a time
            body["offset"], body["limit"] = 0, request.per_page
            body["params"]["cursorMark"] = cursor
        answer = self.client.query(body)
        answer["matched"] = {"query": body["query"], "filter": body["filter"], "params": body["params"]}
        return answer

    def _grouped(
        self, plan: Plan, request: SearchRequest, filters: dict[str, list[str]], stats: Statistics, loose: bool
    ) -> dict[str, Any]:
        """``_ask``; grouped, the best placed copy of each story: every copy is a row of the ranking,
        read in growing windows from the first place (facets with the first) until the page has its
        stories. Solr's collapse would do this per shard, but it ranks every match a second time."""
        if not request.group:
            return self._ask(plan, request, filters, stats, loose)
        offset = (request.page - 1) * request.per_page
        head = _reads_head(plan, request)
        need = offset + request.per_page + (min(ranking.VERIFY_LIMIT, 100) if head else 0)
        answer = self._ask(plan, request, filters, stats, loose, window=(0, 2 * need))
        total = int(answer["response"]["numFound"])
        seen: set[int] = set()
        kept: list[dict[str, Any]] = []
        docs, start = answer["response"]["docs"], 0
        while True:
            for d in docs:
                n = int(d.get("story_n", 0))
                if n > 0 and n in seen:
                    continue
                seen.add(n)
                kept.append(d)
            start += len(docs)
            if len(kept) >= need or not docs or start >= total:
                break
            more = self._ask(plan, request, filters, stats, loose, window=(start, 2 * start), rows_only=True)
            docs = more["response"]["docs"]
        answer["response"]["docs"] = kept if head else kept[offset : offset + request.per_page]
        return answer

    def _hits(self, answer: dict[str, Any], plan: Plan, request: SearchRequest, words: Any) -> list[Hit]:
        docs = answer["response"]["docs"]
        if not docs or "r_bm25" not in docs[0]:  # a date order
            self._stored(docs)
            return [make_hit(stored_fields(d), None, words) for d in docs if d["stored_json"]]
        scores = [float(d.get("r_bm25", 0.0)) for d in docs]
        runs = [tuple(r) for r in plan.runs]
        if not any(len(r) >= 3 for r in runs):
            self._stored(docs)
            return [make_hit(stored_fields(d), s, words) for d, s in zip(docs, scores, strict=True) if d["stored_json"]]
        # The head of the ranking was read from the first place: check its phrases as the Whoosh engine
        # does, reading the stored text of the rows checked, a page of them at a time.
        offset = (request.page - 1) * request.per_page
        columns = {name: np.array([float(d.get(f"r_{name}", 0.0)) for d in docs]) for name in ranking.RULE_NAMES}

        def stored(i: int) -> dict[str, Any]:
            if "stored_json" not in docs[i]:
                self._stored([d for d in docs[i:] if "stored_json" not in d][: request.per_page])
            return stored_fields(docs[i])

        ranked = verify.rerank(columns, np.arange(len(docs)), runs, offset + request.per_page, stored, rank_order)
        chosen = [int(i) for i in ranked[offset : offset + request.per_page]]
        self._stored([docs[i] for i in chosen])
        return [make_hit(stored_fields(docs[i]), scores[i], words) for i in chosen if docs[i]["stored_json"]]

    def _stored(self, rows: list[dict[str, Any]]) -> None:
        """Give these rows their stored fields, read in one request by id (None for a row removed from
        the collection since it was ranked: it is not shown)."""
        missing = [d for d in rows if "stored_json" not in d]
        if not missing:
            return
        p = Params()
        query = p.any_of([p.term("id", d["id"]) for d in missing])
        body = {"query": "{!query v=" + query + "}", "fields": "id,stored_json", "limit": len(missing)}
        found = {
            d["id"]: d.get("stored_json") for d in self.client.query({**body, "params": p.values})["response"]["docs"]
        }
        for d in missing:
            d["stored_json"] = found.get(d["id"])

    def _stories(self, hits: list[Hit], answer: dict[str, Any], listed: bool) -> None:
        """Each hit's story (the id of its first article, when it has copies anywhere in the collection)
        and, ``listed``, the other copies among the matches, oldest first (undated last)."""
        docs = {d["id"]: d for d in answer["response"]["docs"]}
        numbers = {h.id: n for h in hits if h.id in docs and (n := int(docs[h.id].get("story_n", 0))) > 0}
        if not numbers:
            return
        wanted = sorted(set(numbers.values()))
        p = Params()
        query = p.any_of([p.term("seq", str(n)) for n in wanted])
        body = {"query": "{!query v=" + query + "}", "fields": "id,seq", "limit": len(wanted), "params": p.values}
        r = self.client.query(body)
        head = {int(d["seq"]): d["id"] for d in r["response"]["docs"]}
        copies: dict[int, list[dict[str, Any]]] = {}
        if listed:  # every copy of these stories among the matches, whichever shard holds it
            matched = answer["matched"]
            r = self.client.query(
                {
                    **matched,
                    "filter": [*matched["filter"], f"story_n:({' OR '.join(str(n) for n in wanted)})"],
                    "fields": STORY_FIELDS,
                    "sort": "id asc",
                    "limit": MAX_COPIES,
                }
            )
            for d in r["response"]["docs"]:
                copies.setdefault(int(d["story_n"]), []).append(d)
        for hit in hits:
            if hit.id not in numbers:
                continue
            n = numbers[hit.id]
            hit.story = head.get(n)
            if not listed:
                continue
            others = [d for d in copies.get(n, []) if d["id"] != hit.id]
            ordered = sorted(others, key=lambda d: (int(d.get("date_ord", 0)) or 10**9, d["id"]))
            hit.copies += [Copy.of(stored_fields(d)) for d in ordered]

    def _facet_results(
        self, request: SearchRequest, filters: dict[str, list[str]], facets_out: dict[str, Any]
    ) -> dict[str, facet_mod.FacetResult]:
        columns = self._columns()
        out: dict[str, facet_mod.FacetResult] = {}
        for name in request.facet_names:
            col = columns[name]
            limit = request.facet_limit or registry.FACETS[name].limit
            buckets = facets_out.get(name, {}).get("buckets", [])
            counts = {b["val"]: int(b["count"]) for b in buckets}
            picked = {col.values[o] for v in filters.get(name, []) if (o := col.ordinal(v)) is not None}
            ordered = sorted(counts, key=lambda v: (-counts[v], v.encode("utf-8")))
            values = [facet_mod.FacetCount(v, counts[v], v in picked) for v in ordered[:limit]]
            shown = {v.value for v in values}
            for wanted in dict.fromkeys(filters.get(name, [])):
                o = col.ordinal(wanted)
                label = col.values[o] if o is not None else wanted
                if label not in shown:
                    values.append(facet_mod.FacetCount(label, counts.get(label, 0), True))
                    shown.add(label)
            out[name] = facet_mod.FacetResult(name, values, len(counts))
        return out

    # -- documents and the rest of the contract --------------------------------------------------
    def document(self, doc_id: str) -> dict[str, Any] | None:
        row: dict[str, Any] = {"id": doc_id}
        self._stored([row])
        return document_data(stored_fields(row)) if row["stored_json"] else None

    def words(self, q: str) -> list[tuple[str, ...]]:
        from search.retrieval import query

        try:
            parsed = query.parse(q)
        except query.QueryTooLong:
            return []
        return marked_words(make_plan(parsed, self._vocabulary()[1]))

    def updated(self) -> str | None:
        return None  # Solr keeps no publication time of ours; feeds use each entry's own date

    def about(self, top_sources: int = 30) -> dict[str, Any]:
        """The collection's size, how complete each field is, and sources by year (as the Whoosh engine)."""
        names = registry.facet_names()
        facet: dict[str, Any] = {
            name: {"type": "terms", "field": keyword_field(name), "limit": -1, "mincount": 1} for name in names
        }
        facet.update({f"_has_{name}": {"type": "query", "q": f"{keyword_field(name)}:[* TO *]"} for name in names})
        facet["_by_source"] = {
            "type": "terms",
            "field": keyword_field("source"),
            "limit": top_sources,
            "facet": {"years": {"type": "terms", "field": keyword_field("year"), "limit": -1, "sort": "index asc"}},
        }
        r = self.client.query({"query": "*:*", "limit": 0, "facet": facet})
        out = r.get("facets", {})
        values = {}
        for name in names:
            buckets = out.get(name, {}).get("buckets", [])
            buckets.sort(key=lambda b: (-int(b["count"]), str(b["val"]).encode("utf-8")))
            values[name] = {b["val"]: int(b["count"]) for b in buckets}
        return {
            "documents": int(r["response"]["numFound"]),
            "generation": str(self.address),
            "updated": None,
            "coverage": {name: int(out.get(f"_has_{name}", {}).get("count", 0)) for name in names},
            "values": values,
            "sources_by_year": {
                b["val"]: {y["val"]: int(y["count"]) for y in b.get("years", {}).get("buckets", [])}
                for b in out.get("_by_source", {}).get("buckets", [])
            },
        }

    def health(self) -> dict[str, Any]:
        """For load balancers: which backend, which collection, how many documents (raises when down)."""
        r = self.client.query({"query": "*:*", "limit": 0})
        return {"backend": "solr", "generation": str(self.address), "documents": int(r["response"]["numFound"])}

    def complete(self, prefix: str, limit: int = 8) -> list[suggest.Suggestion]:
        """Terms people search beginning with what was typed, from the collection's facets and terms."""
        stats, vocabulary = self._vocabulary()
        counts = self._value_counts()
        return suggest.terms(stats, lambda name: counts.get(name, []), vocabulary, prefix, limit)

    def more_like_this(self, doc_id: str, limit: int = 5) -> list[Hit]:
        """Articles sharing this one's most telling words: the Whoosh engine's method on Solr's counts
        (Whoosh's Bo1 key terms of the title and opening, the folded ones, then BM25 over the body)."""
        found = self.document(doc_id)
        if found is None:
            return []
        stats, _ = self._vocabulary()
        text = f"{found.get('title') or ''}\n{(found.get('body') or '')[:5000]}"
        counts = {t: n for t, n in syllable_counts(text).items() if "," not in t}
        frequencies = stats.collection_frequencies("body", list(counts))
        n = max(1, stats.doc_count())
        scored = []
        for term, weight in counts.items():
            cf = frequencies.get(term)
            if cf:
                f = cf / n
                scored.append((weight * math.log2((1.0 + f) / f) + math.log2(1.0 + f), term))
        scored.sort(key=lambda x: (-x[0], x[1]))
        words = [t for _, t in scored[:30] if t.startswith(FOLD_MARK)][:15]
        if not words:
            return []
        stats.prefetch("body", words)  # one request for the words' document counts
        p = Params()
        compiler = Compiler(p, stats)
        scores = [b for w in words if (b := compiler._bm25("body", w, 1.0))]
        match = p.without(p.any_of([p.term(text_field("body"), w) for w in words]), [p.term("id", doc_id)])
        body = {
            "query": "{!query v=" + match + "}",
            "sort": f"{Compiler._sum(scores)} desc, id asc",
            "fields": f"id,stored_json,r_bm25:{Compiler._sum(scores)}",
            "limit": limit,
            "params": p.values,
        }
        docs = self.client.query(body)["response"]["docs"]
        return [make_hit(stored_fields(d), float(d.get("r_bm25", 0.0)), []) for d in docs]

    def _not_here(self, *args: Any, **kwargs: Any) -> Any:
        raise SearchError("not_on_backend", backend="Solr")

    attention = notable = coverage = directive_keys = _not_here


def _date_range(date_from: dt.date | None, date_to: dt.date | None) -> str | None:
    """Dated articles within the range (an undated article is in no range), as the Whoosh engine has it."""
    if date_from is None and date_to is None:
        return None
    low = max(1, date_from.toordinal()) if date_from else 1
    high = date_to.toordinal() if date_to else "*"
    return f"date_ord:[{low} TO {high}]"


def _month_ranges(
    years: Sequence[str] | None, date_from: dt.date | None, date_to: dt.date | None
) -> dict[str, tuple[int, int]]:
    """Month by month of the one year a search is about (see the Whoosh engine's ``_months``)."""
    year = None
    if years and len(years) == 1 and years[0].isdigit():
        year = int(years[0])
    elif date_from and date_to and date_from.year == date_to.year:
        year = date_from.year
    if year is None or not dt.MINYEAR <= year <= dt.MAXYEAR - 1:
        return {}
    out = {}
    for m in range(1, 13):
        first = dt.date(year, m, 1)
        nxt = dt.date(year + (m == 12), m % 12 + 1, 1)
        out[f"{year}-{m:02d}"] = (first.toordinal(), nxt.toordinal() - 1)
    return out
