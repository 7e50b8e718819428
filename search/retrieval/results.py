"""What a search returns: hits and facet counts, ready for any rendering (the web layer only renders these)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from search.extract.directives import directive_title
from search.retrieval import facets as facet_mod


@dataclass
class Copy:
    """Another copy of a hit's story: where and when it was (re)published."""

    id: str
    title: str
    source: str | None
    province: str | None
    date: str | None

    @classmethod
    def of(cls, stored: dict[str, Any]) -> Copy:
        """From a document's stored fields (either backend)."""
        doc = stored.get("doc", {})
        return cls(stored["id"], stored.get("title", ""), doc.get("source"), doc.get("province"), doc.get("date"))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "province": self.province, "date": self.date}


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
    date_source: str = "none"  # where the date was read (metadata, page, lead, url, none)
    event_kinds: list[str] = field(default_factory=list)
    story: str | None = None  # the id naming its story, when other copies of it are indexed
    copies: list[Copy] = field(default_factory=list)  # the other matching copies (grouped results)

    def to_json(self) -> dict[str, Any]:
        return {"story": self.story, "copies": [c.to_json() for c in self.copies]} | {
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
                "source",
                "date_source",
                "event_kinds",
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
    match: str = "strict"  # "loose": nothing held the words together, so syllables anywhere were used
    interpreted: str | None = None  # the accented form ranking used for an accentless query
    readings: list[str] = field(default_factory=list)  # its other accented forms the index holds
    notices: list[str] = field(default_factory=list)  # codes: loose_match, operators_ignored
    # Articles per month ("2022-04": 12), every month of the year, when the search is within one year.
    months: dict[str, int] = field(default_factory=dict)
    stories: int | None = None  # distinct stories among the matches (asked for with grouping or counting)
    grouped: bool = False  # one hit per story, its other copies under it; pages count stories
    # Articles per year for the time axis, under every filter but the date range: a from–to range is
    # a selection on this axis, so the axis keeps the years around it ({} when no range is set).
    years: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        shown = self.stories if self.grouped and self.stories is not None else self.total
        return max(1, -(-shown // self.per_page))

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
            "match": self.match,
            "stories": self.stories,
            "grouped": self.grouped,
            "interpreted": self.interpreted,
            "readings": self.readings,
            "notices": self.notices,
            "months": self.months,
            "years": self.years,
            "message": self.message,
            "took_ms": round(self.took_ms, 1),
        }


@dataclass
class FirstReport:
    province: str
    date: dt.date
    doc_id: str
    title: str
    articles: int  # every article of that province citing the directive

    def to_json(self) -> dict[str, Any]:
        return {
            "province": self.province,
            "date": self.date.isoformat(),
            "id": self.doc_id,
            "title": self.title,
            "articles": self.articles,
        }


@dataclass
class Coverage:
    """How one directive was covered: see :meth:`search.retrieval.engine.Engine.coverage`."""

    key: str
    total: int
    undated: int
    without_province: int
    firsts: list[FirstReport]  # the first dated report in each province, earliest first
    undated_provinces: list[tuple[str, int]]  # provinces whose reports are all undated
    cited_with: list[tuple[str, int]]  # other directives in the same articles, most often first

    def to_json(self) -> dict[str, Any]:
        return {
            "directive": self.key,
            "title": title_of(self.key),
            "total": self.total,
            "undated": self.undated,
            "without_province": self.without_province,
            "first_reports": [f.to_json() for f in self.firsts],
            "undated_provinces": [{"province": p, "articles": n} for p, n in self.undated_provinces],
            "cited_with": [{"directive": k, "title": title_of(k), "articles": n} for k, n in self.cited_with],
        }


def title_of(directive_key: str) -> str | None:
    """Catalogue title of a directive facet value ("01-KL/TW (2021)")."""
    code, _, rest = directive_key.partition(" (")
    digits = rest.rstrip(")")
    year = int(digits) if digits.isascii() and digits.isdigit() else None
    return directive_title(code, year)
