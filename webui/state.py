"""The search state is the query string: parsed once, and every link is built from a changed copy.

One canonical order and no defaults in URLs, so the page, its htmx fragment and its twins
(.json, .csv, .atom) are addressed by the same string, and toggling a value twice gives back
the URL you started from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search import registry
from search.retrieval.request import SearchRequest, parse_count
from webui.urls import here

LANGS = ("vi", "en")
PROVINCE_VIEWS = ("then", "2025")


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    lang: str = "vi"
    province_by: str = "then"
    exact: bool = False  # rank by what was typed, not by its restored accents
    all_copies: bool = False  # every republished copy as its own result (default: one per story)
    count_stories: bool = False  # facet counts of stories, republished copies counted once
    default_per_page: int = 20

    # -- parsing -------------------------------------------------------------------------------
    @classmethod
    def from_args(cls, args: MultiDict, default_per_page: int = 20, lang: str | None = None) -> SearchState:
        """Read the query string; raise SearchError (a code the page translates) for what a person has to fix.

        Validation is SearchRequest's, so the page, the CLI and the engine refuse the same input.
        Parameters this page does not know (utm_*, fbclid ...) are ignored, like any web page does.
        """
        request = SearchRequest.build(
            q=args.get("q") or "",
            filters={name: args.getlist(name) for name in registry.facet_names()},
            sort=args.get("sort") or registry.DEFAULT_SORT,
            page=args.get("page"),
            per_page=parse_count(args.get("per_page"), "per_page", default_per_page),
            date_from=args.get("from"),
            date_to=args.get("to"),
        )
        chosen_lang = lang or args.get("lang", "vi")
        province_by = args.get("province_by", "then")
        return cls(
            q=request.q,
            filters=dict(request.filters),
            date_from=request.date_from,
            date_to=request.date_to,
            sort=request.sort,
            page=request.page,
            per_page=request.per_page,
            lang=chosen_lang if chosen_lang in LANGS else "vi",
            province_by=province_by if province_by in PROVINCE_VIEWS else "then",
            exact=args.get("exact") == "1",
            all_copies=args.get("copies") == "all",
            count_stories=args.get("count") == "stories",
            default_per_page=default_per_page,
        )

    # -- the engine's view -----------------------------------------------------------------------
    def request(self, facets: tuple[str, ...] | None = None, **changes: Any) -> SearchRequest:
        """The SearchRequest this state asks for (``changes`` override page, per_page or sort)."""
        fields: dict[str, Any] = {
            "q": self.q,
            "filters": self.filters,
            "sort": self.sort,
            "page": self.page,
            "per_page": self.per_page,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "group": not self.all_copies,
            "count_stories": self.count_stories,
        }
        return SearchRequest.build(**(fields | changes), facets=facets, restore_accents=not self.exact)

    @property
    def province_facet(self) -> str:
        return "province_2025" if self.province_by == "2025" else "province"

    def selected(self, name: str, value: str) -> bool:
        return value in self.filters.get(name, ())

    # -- changed copies ----------------------------------------------------------------------------
    def toggle(self, name: str, value: str) -> SearchState:
        """The state with ``value`` of facet ``name`` switched on or off, back on page 1."""
        current = self.filters.get(name, ())
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        filters = {k: v for k, v in self.filters.items() if k != name}
        if values:
            filters[name] = values
        return replace(self, filters=filters, page=1)

    def only(self, name: str, value: str) -> SearchState:
        """Just this one filter (for metadata links on a document page), keeping the language."""
        return SearchState(
            filters={name: (value,)},
            lang=self.lang,
            default_per_page=self.default_per_page,
            per_page=self.default_per_page,
            province_by="2025" if name == "province_2025" else "then",
        )

    def cleared(self) -> SearchState:
        return replace(self, filters={}, date_from=None, date_to=None, page=1)

    def with_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> SearchState:
        return replace(self, date_from=date_from, date_to=date_to, page=1)

    def with_page(self, page: int) -> SearchState:
        return replace(self, page=page)

    def with_q(self, q: str) -> SearchState:
        return replace(self, q=q, page=1)

    def as_typed(self) -> SearchState:
        """The same search ranked by exactly what was typed (no restored accents)."""
        return replace(self, exact=True, page=1)

    def with_lang(self, lang: str) -> SearchState:
        return replace(self, lang=lang)

    def with_copies(self, all_copies: bool) -> SearchState:
        return replace(self, all_copies=all_copies, page=1)

    def with_story_counts(self, on: bool) -> SearchState:
        return replace(self, count_stories=on)

    # -- serialising -----------------------------------------------------------------------------
    def pairs(self, paging: bool = True, lang: bool = True) -> list[tuple[str, str]]:
        """Canonical (name, value) pairs: fixed order, defaults left out."""
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        for name in registry.facet_names():
            out.extend((name, v) for v in self.filters.get(name, ()))
        if self.date_from:
            out.append(("from", self.date_from.isoformat()))
        if self.date_to:
            out.append(("to", self.date_to.isoformat()))
        if self.sort != "relevance":
            out.append(("sort", self.sort))
        if paging and self.page > 1:
            out.append(("page", str(self.page)))
        if paging and self.per_page != self.default_per_page:
            out.append(("per_page", str(self.per_page)))
        if self.exact:
            out.append(("exact", "1"))
        if self.all_copies:
            out.append(("copies", "all"))
        if self.count_stories:
            out.append(("count", "stories"))
        if self.province_by != "then":
            out.append(("province_by", self.province_by))
        if lang and self.lang != "vi":
            out.append(("lang", self.lang))
        return out

    def hidden_fields(
        self, shown: Collection[str] = (), shown_values: Collection[tuple[str, str]] = ()
    ) -> list[tuple[str, str]]:
        """What a form must carry as hidden inputs: the state its visible controls do not hold.

        ``shown`` names parameters the form has controls for, ``shown_values`` single filter values
        it shows as checkboxes. The page number is left out: a changed search starts on page 1.
        """
        return [(n, v) for n, v in self.pairs() if n != "page" and n not in shown and (n, v) not in shown_values]

    def query_string(self, **kw: bool) -> str:
        return urlencode(self.pairs(**kw))

    def url(self, path: str, **kw: bool) -> str:
        """The link to ``path`` with this state, under the app's mount point (webui.urls)."""
        qs = self.query_string(**kw)
        return here(f"{path}?{qs}" if qs else path)
