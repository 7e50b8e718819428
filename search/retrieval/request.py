"""One validated, frozen description of a search, built the same way by the web layer, the CLI and the benchmarks.

Out-of-range input is refused with a :class:`SearchError` whose ``code`` the caller translates (the web
layer into the reader's language); nothing is silently clamped, so a URL means one thing everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from search import registry

MAX_PER_PAGE = 100
MAX_PAGE = 10**9
MAX_QUERY_CHARS = 500
MAX_VALUES_PER_FACET = 50
MAX_VALUE_CHARS = 200

# code -> English text with {placeholders}; the web layer has the translations of every code.
ERRORS = {
    "not_on_backend": "not offered on the {backend} backend yet",
    "unknown_facet": "unknown facet '{facet}'",
    "bad_sort": "sort must be one of {sorts}",
    "bad_page": "'page' must be a whole number from 1",
    "bad_per_page": "'per_page' must be a whole number from 1 to {max}",
    "bad_date": "invalid date for '{name}': use YYYY-MM-DD",
    "date_order": "'from' must not be after 'to'",
    "too_many_values": "too many values for '{facet}' (at most {max})",
    "value_too_long": "value too long for '{facet}' (at most {max} characters)",
    "query_too_long": "query too long (at most {max} characters)",
    "too_many_series": "compare from 1 to {max} searches",
    "bad_interval": "interval must be one of {intervals}",
    "too_many_buckets": "too many {interval} periods for this span (at most {max}): choose a longer interval",
}


class SearchError(ValueError):
    """A parameter a person can fix: ``code`` (a key of ERRORS) and the values its message names."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(ERRORS[code].format(**params))


def parse_day(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise SearchError("bad_date", name=name) from None


def parse_count(value: str | int | None, name: str, default: int) -> int:
    """A page number or page size as typed in a URL or on a command line."""
    if value is None or value == "":
        return default
    if isinstance(value, int):
        return value
    raw = value.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise SearchError("bad_page" if name == "page" else "bad_per_page", max=MAX_PER_PAGE)
    return int(raw)


def _clean(value: str) -> str:
    return " ".join(value.replace("\x00", " ").split())


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = registry.DEFAULT_SORT
    page: int = 1
    per_page: int = 10
    facets: tuple[str, ...] | None = None  # which facets to count (None: every registered one)
    facet_limit: int | None = None  # values per facet (None: each facet's own limit)
    restore_accents: bool = True  # rank by the likely accented form of an accentless query
    group: bool = False  # one hit per story (republished copies under it); the web page's default
    count_stories: bool = False  # facet counts of distinct stories rather than articles

    @classmethod
    def build(
        cls,
        q: str = "",
        filters: Mapping[str, Iterable[str]] | None = None,
        sort: str = registry.DEFAULT_SORT,
        page: int | str | None = 1,
        per_page: int | str | None = 10,
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        facets: Iterable[str] | None = None,
        facet_limit: int | None = None,
        restore_accents: bool = True,
        group: bool = False,
        count_stories: bool = False,
    ) -> SearchRequest:
        """Validate everything once; raise SearchError naming what to fix."""
        q = _clean(q or "")
        if len(q) > MAX_QUERY_CHARS:
            raise SearchError("query_too_long", max=MAX_QUERY_CHARS)
        known = registry.facet_names()
        clean: dict[str, tuple[str, ...]] = {}
        for name, values in (filters or {}).items():
            if name not in known:
                raise SearchError("unknown_facet", facet=name)
            kept = tuple(dict.fromkeys(v for v in (_clean(v) for v in values) if v))
            if len(kept) > MAX_VALUES_PER_FACET:
                raise SearchError("too_many_values", facet=name, max=MAX_VALUES_PER_FACET)
            if any(len(v) > MAX_VALUE_CHARS for v in kept):
                raise SearchError("value_too_long", facet=name, max=MAX_VALUE_CHARS)
            if kept:
                clean[name] = kept
        chosen = tuple(facets) if facets is not None else None
        for name in chosen or ():
            if name not in known:
                raise SearchError("unknown_facet", facet=name)
        sort = (sort or registry.DEFAULT_SORT).strip()
        if sort not in registry.SORTS:
            raise SearchError("bad_sort", sorts=", ".join(registry.SORTS))
        page_n = parse_count(page, "page", 1)
        size = parse_count(per_page, "per_page", 10)
        if not 1 <= page_n <= MAX_PAGE:
            raise SearchError("bad_page")
        if not 1 <= size <= MAX_PER_PAGE:
            raise SearchError("bad_per_page", max=MAX_PER_PAGE)
        start, end = parse_day(date_from, "from"), parse_day(date_to, "to")
        if start and end and start > end:
            raise SearchError("date_order")
        return cls(q, clean, start, end, sort, page_n, size, chosen, facet_limit, restore_accents, group, count_stories)

    @property
    def facet_names(self) -> tuple[str, ...]:
        return self.facets if self.facets is not None else registry.facet_names()
