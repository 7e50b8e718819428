"""The search state is the query string: parsed once, and every link is built from a changed copy.

One canonical order and no defaults in URLs, so the page, its htmx fragment and its twins
(.json, .csv, .atom) are addressed by the same string, and toggling a value twice gives back
the URL you started from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.retrieval.engine import SORTS, BadRequest, parse_day

FACET_PARAMS = ("province", "province_2025", "district", "year", "unit", "directive", "level", "source")
LANGS = ("vi", "en")
PROVINCE_VIEWS = ("then", "2025")
MAX_VALUES_PER_FACET = 50
MAX_VALUE_CHARS = 200
MAX_PAGE = 10**9


def _int(args: MultiDict, name: str, default: int) -> int:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise BadRequest(f"'{name}' phải là số nguyên dương / '{name}' must be a positive whole number")
    return int(raw)


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
    default_per_page: int = 20

    # -- parsing -------------------------------------------------------------------------------
    @classmethod
    def from_args(cls, args: MultiDict, default_per_page: int = 20, lang: str | None = None) -> SearchState:
        """Read the query string; raise BadRequest (bilingual) for what a person has to fix.

        Parameters this page does not know (utm_*, fbclid ...) are ignored, like any web page does.
        """
        q = " ".join((args.get("q") or "").replace("\x00", " ").split())
        filters: dict[str, tuple[str, ...]] = {}
        for name in FACET_PARAMS:
            values = [" ".join(v.replace("\x00", " ").split()) for v in args.getlist(name)]
            values = list(dict.fromkeys(v for v in values if v))
            if len(values) > MAX_VALUES_PER_FACET:
                raise BadRequest(f"Quá nhiều giá trị cho '{name}' / too many values for '{name}'")
            if any(len(v) > MAX_VALUE_CHARS for v in values):
                raise BadRequest(f"Giá trị quá dài cho '{name}' / value too long for '{name}'")
            if values:
                filters[name] = tuple(values)
        date_from = parse_day(args.get("from"), "from")
        date_to = parse_day(args.get("to"), "to")
        if date_from and date_to and date_from > date_to:
            raise BadRequest("'from' phải trước 'to' / 'from' must not be after 'to'")
        sort = (args.get("sort") or "relevance").strip()
        if sort not in SORTS:
            raise BadRequest(f"Cách sắp xếp không hợp lệ / sort must be one of {', '.join(SORTS)}")
        page = _int(args, "page", 1)
        per_page = _int(args, "per_page", default_per_page)
        if page < 1 or not 1 <= per_page <= 100:
            raise BadRequest("'page' ≥ 1 và 1 ≤ 'per_page' ≤ 100 / 'page' must be ≥ 1 and 'per_page' 1–100")
        chosen_lang = lang or args.get("lang", "vi")
        province_by = args.get("province_by", "then")
        return cls(
            q=q,
            filters=filters,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            page=min(page, MAX_PAGE),
            per_page=per_page,
            lang=chosen_lang if chosen_lang in LANGS else "vi",
            province_by=province_by if province_by in PROVINCE_VIEWS else "then",
            default_per_page=default_per_page,
        )

    # -- the engine's view -----------------------------------------------------------------------
    def engine_kwargs(self) -> dict:
        return {
            "q": self.q,
            "filters": {k: list(v) for k, v in self.filters.items()},
            "sort": self.sort,
            "page": self.page,
            "per_page": self.per_page,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }

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

    def with_lang(self, lang: str) -> SearchState:
        return replace(self, lang=lang)

    # -- serialising -----------------------------------------------------------------------------
    def pairs(self, paging: bool = True, lang: bool = True) -> list[tuple[str, str]]:
        """Canonical (name, value) pairs: fixed order, defaults left out."""
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        for name in FACET_PARAMS:
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
        if self.province_by != "then":
            out.append(("province_by", self.province_by))
        if lang and self.lang != "vi":
            out.append(("lang", self.lang))
        return out

    def query_string(self, **kw: bool) -> str:
        return urlencode(self.pairs(**kw))

    def url(self, path: str, **kw: bool) -> str:
        qs = self.query_string(**kw)
        return f"{path}?{qs}" if qs else path
