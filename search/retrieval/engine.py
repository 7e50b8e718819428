"""One function from (query, filters, sort, page) to Results: the CLI and the web layer render it."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from search.extract.directives import directive_title
from search.indexing.analysis import FOLD_MARK, folded_term
from search.indexing.store import FACET_FIELDS, IndexMissing, Store
from search.retrieval import facets as facet_mod
from search.retrieval import highlight, query
from search.retrieval.matching import SearchTimeout, TermIndex
from search.text import fold, has_diacritics

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
FACET_LIMITS = {"year": 100}
DEFAULT_FACET_LIMIT = 10


class BadRequest(ValueError):
    """A parameter a person can fix; the message says how (Vietnamese / English)."""


@dataclass
class Hit:
    id: str
    origin: str
    title: str
    date: str | None
    year: int | None
    province: str | None
    province_2025: str | None
    district: str | None
    units: list[str]
    directives: list[str]
    source_url: str | None
    snippet_html: str
    title_html: str
    score: float | None
    source: str | None = None
    level: str | None = None
    author: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "id",
                "origin",
                "title",
                "date",
                "year",
                "province",
                "province_2025",
                "district",
                "units",
                "directives",
                "source_url",
                "snippet_html",
                "score",
            )
        }


@dataclass
class Results:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, facet_mod.FacetResult]
    suggestion: str | None = None
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    took_ms: float = 0.0
    message: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "sort": self.sort,
            "filters": self.filters,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "hits": [h.to_json() for h in self.hits],
            "facets": {name: [v.to_json() for v in f.values] for name, f in self.facets.items()},
            "facet_totals": {name: f.total_values for name, f in self.facets.items()},
            "directive_titles": {
                v.value: t
                for v in self.facets.get("directive", facet_mod.FacetResult("", [], 0)).values
                if (t := title_of(v.value))
            },
            "suggestion": self.suggestion,
            "message": self.message,
            "took_ms": round(self.took_ms, 1),
        }


def title_of(directive_key: str) -> str | None:
    """Catalogue title of a directive facet value ("01-KL/TW (2021)")."""
    code, _, rest = directive_key.partition(" (")
    digits = rest.rstrip(")")
    year = int(digits) if digits.isascii() and digits.isdigit() else None
    return directive_title(code, year)


@dataclass
class _Generation:
    name: str
    ix: whoosh_index.Index
    columns: facet_mod.Columns
    terms: TermIndex


def parse_day(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"Ngày không hợp lệ cho '{name}': dùng YYYY-MM-DD / invalid date for '{name}'") from None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class Engine:
    """Searches the current generation of an index folder; picks up a new one without a restart."""

    def __init__(self, index_dir: str, time_budget: float = 5.0):
        self.store = Store(index_dir)
        self.time_budget = time_budget
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
                columns = facet_mod.Columns(searcher.reader())
                if self._gen is not None:
                    self._old = [self._gen]  # older readers finish on it; the one before is dropped
                self._gen = _Generation(name, ix, columns, TermIndex(searcher, columns.live))
            return self._gen

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
    def search(
        self,
        q: str = "",
        filters: dict[str, list[str]] | None = None,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        facet_names: tuple[str, ...] = FACET_FIELDS,
        facet_limit: int | None = None,
    ) -> Results:
        """Search; ``facet_limit`` caps the values returned per facet (None: the top ten, every year)."""
        started = time.perf_counter()
        filters = {k: [v for v in vs if v] for k, vs in (filters or {}).items()}
        unknown = set(filters) - set(FACET_FIELDS)
        if unknown:
            raise BadRequest(f"Không có bộ lọc '{sorted(unknown)[0]}' / unknown facet '{sorted(unknown)[0]}'")
        if sort not in SORTS:
            raise BadRequest(f"Cách sắp xếp không hợp lệ / sort must be one of {', '.join(SORTS)}")
        page = max(1, int(page))
        per_page = min(MAX_PER_PAGE, max(1, int(per_page)))
        try:
            parsed = query.parse(q or "")
        except query.QueryTooLong as exc:
            raise BadRequest(str(exc)) from None
        for name, values in parsed.filters.items():
            filters.setdefault(name, []).extend(values)

        gen = self._generation()
        searcher = self._searcher(gen)
        cols = gen.columns
        reader = searcher.reader()

        def has_term(fieldname: str, text: str) -> bool:
            return reader.doc_frequency(fieldname, text) > 0

        wq = query.build(parsed, has_term)
        base = cols.live.copy()
        if wq is not None:
            try:
                base &= gen.terms.mask(wq, deadline=time.monotonic() + self.time_budget)
            except SearchTimeout:
                raise BadRequest(
                    "Truy vấn mất quá nhiều thời gian, hãy bớt cụm từ trong ngoặc kép / "
                    "the query took too long: try fewer quoted phrases"
                ) from None
        date_mask = cols.date_mask(date_from, date_to)
        if date_mask is not None:
            base &= date_mask
        limits = {n: facet_limit or FACET_LIMITS.get(n, DEFAULT_FACET_LIMIT) for n in facet_names}
        final, facet_results = facet_mod.count(cols, base, filters, facet_names, limits)
        total = int(np.count_nonzero(final))
        effective_sort = sort if wq is not None else ("oldest" if sort == "oldest" else "newest")
        offset = (page - 1) * per_page
        docnums: list[tuple[int, float | None]] = []
        if offset < total:
            docnums = self._page(searcher, gen, wq, final, effective_sort, offset, per_page)
        terms = highlight.query_terms(parsed.positive_text())
        min_run = 2 if parsed.directive else 1  # "chi thi 05": mark the directive, not every "thị"
        hits = [self._hit(searcher, d, s, terms, min_run) for d, s in docnums]
        results = Results(
            query=q or "",
            total=total,
            page=page,
            per_page=per_page,
            hits=hits,
            facets=facet_results,
            sort=sort,
            filters=filters,
            date_from=date_from,
            date_to=date_to,
        )
        if wq is not None and total < 3:
            results.suggestion = self._suggest(searcher, parsed)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    def _page(
        self,
        searcher: Searcher,
        gen: _Generation,
        wq: Any,
        final: np.ndarray,
        sort: str,
        offset: int,
        per_page: int,
    ) -> list[tuple[int, float | None]]:
        idx = np.flatnonzero(final)
        if sort == "relevance":
            # BM25F in numpy over cached postings; pairs carry phrase and proximity, so no positions.
            scores = gen.terms.scores(wq)[idx]
            want = offset + per_page
            top = np.argpartition(-scores, want - 1)[:want] if want < len(idx) else np.arange(len(idx))
            order = top[np.lexsort((idx[top], -scores[top]))]
            return [(int(idx[i]), float(scores[i])) for i in order[offset:want]]
        dates = gen.columns.date_ord[idx]
        if sort == "newest":
            order = np.lexsort((idx, -dates))
        else:  # oldest first; undated last
            order = np.lexsort((idx, np.where(dates > 0, dates, np.iinfo(np.int32).max)))
        return [(int(d), None) for d in idx[order[offset : offset + per_page]]]

    def _hit(self, searcher: Searcher, docnum: int, score: float | None, terms: set[str], min_run: int = 1) -> Hit:
        stored = searcher.stored_fields(docnum)
        doc = stored.get("doc", {})
        return Hit(
            id=stored["id"],
            origin=stored.get("origin", ""),
            title=stored.get("title", ""),
            date=doc.get("date"),
            year=doc.get("year"),
            province=doc.get("province"),
            province_2025=doc.get("province_2025"),
            district=doc.get("district"),
            units=doc.get("units", []),
            directives=doc.get("directives", []),
            source_url=doc.get("source_url"),
            snippet_html=highlight.snippet(stored.get("body", ""), terms, min_run=min_run),
            title_html=highlight.mark(stored.get("title", ""), terms, min_run),
            score=None if score is None else round(score, 4),
            source=doc.get("source"),
            level=doc.get("level"),
            author=doc.get("author"),
        )

    def _suggest(self, searcher: Searcher, parsed: query.ParsedQuery) -> str | None:
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

    # -- documents -------------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict[str, Any] | None:
        gen = self._generation()
        searcher = self._searcher(gen)
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        data = dict(stored.get("doc", {}))
        data.update(
            id=stored["id"], origin=stored.get("origin"), title=stored.get("title"), body=stored.get("body", "")
        )
        data["directive_titles"] = {d: t for d in data.get("directives", []) if (t := title_of(d))}
        return data

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
        q = query.Q.Or([query.Q.Term("body", w) for w in words[:15]])
        scores = gen.terms.scores(q)
        scores[~gen.columns.live] = 0
        scores[docnum] = 0
        top = np.argsort(-scores)[:limit]
        return [self._hit(searcher, int(d), float(scores[d]), set()) for d in top if scores[d] > 0]

    def complete(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles containing what was typed, the last syllable as a prefix, for suggestions as you type."""
        prefix = prefix.strip()
        if not prefix or len(prefix) > 100:
            return []
        gen = self._generation()
        searcher = self._searcher(gen)
        syllables = [folded_term(s) for s in query.query_syllables(prefix)]
        if not syllables:
            return []
        reader = searcher.reader()
        last = [t.decode() if isinstance(t, bytes) else t for t in reader.expand_prefix("title", syllables[-1])]
        last = sorted(last, key=lambda t: -reader.doc_frequency("title", t))[:20]
        if not last:
            return []
        parts = [query.Q.Term("title", s) for s in syllables[:-1]] + [
            query.Q.Or([query.Q.Term("title", t) for t in last])
        ]
        q = query.Q.And(parts)
        mask = gen.terms.mask(q) & gen.columns.live
        scores = np.where(mask, gen.terms.scores(q), 0)
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
        found = titles[:limit]
        return found
