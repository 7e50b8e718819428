"""The machine twins of a search: a registry of renderers, and the pieces they share (JSON with links, CSV rows).

Each twin is one function registered with :func:`twin` (Datasette's output renderers): it gets the
engine and the SearchState and returns a Response; the route ``/search.<ext>``, its role (error
format, CORS, rate limit) and the page's download links all come from the registration.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import Response
from markupsafe import Markup

from search.retrieval.engine import Engine, Hit, Results
from search.retrieval.request import MAX_PER_PAGE
from webui.state import SearchState

CSV_COLUMNS = (
    "id",
    "date",
    "title",
    "province",
    "province_2025",
    "district",
    "units",
    "directives",
    "source_url",
    "url",
)


@dataclass(frozen=True)
class Twin:
    ext: str  # /search.<ext>
    label: str  # the link text on the page
    role: str  # a webui.roles key
    paging: bool  # whether the page number belongs in its URL (an export has every row)
    attachment: bool  # a download (the link says so), not a page to read
    render: Callable[[Engine, SearchState], Response]


TWINS: dict[str, Twin] = {}


def twin(
    ext: str, label: str, role: str, paging: bool = True, attachment: bool = False
) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    """Register the decorated function as the renderer of ``/search.<ext>``."""

    def register(fn: Callable[[Engine, SearchState], Response]) -> Callable[[Engine, SearchState], Response]:
        TWINS[ext] = Twin(ext, label, role, paging, attachment, fn)
        return fn

    return register


def twin_url(state: SearchState, ext: str) -> str:
    return state.url(f"/search.{ext}", paging=TWINS[ext].paging)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """Drop the characters XML 1.0 cannot carry at all (escaping is the template's job)."""
    return _XML_INVALID.sub("", "" if text is None else str(text))


def merge_marks(html: str) -> Markup:
    """Engine HTML is escaped text plus <mark> (adjacent words already share one mark): trust it as markup."""
    return Markup(str(html))


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run: formulas get a leading apostrophe (OWASP)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def safe_http_url(url: str | None) -> str | None:
    """Only http(s) links leave this site; anything else (javascript:, data:) is shown as text."""
    if url and re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def results_json(
    results: Results, state: SearchState, absolute: Callable[[str], str], doc_path: Callable[[str], str]
) -> dict[str, Any]:
    """The engine's JSON (same keys as `vnsearch query --json`) plus the URLs that navigate it."""
    data = results.to_json()
    for name, values in data["facets"].items():
        for value in values:
            toggled = state.toggle(name, value["value"])
            value["toggle_url"] = absolute(toggled.url("/search.json"))
    for hit in data["hits"]:
        hit["url"] = absolute(doc_path(hit["id"]))
        hit["json_url"] = absolute(doc_path(hit["id"]) + ".json")
    links: dict[str, str | None] = {"self": absolute(state.url("/search.json")), "html": absolute(state.url("/search"))}
    links |= {ext: absolute(twin_url(state, ext)) for ext in TWINS if ext != "json"}
    links |= {"next": None, "prev": None}
    if results.page < results.pages:
        links["next"] = absolute(state.with_page(results.page + 1).url("/search.json"))
    if results.page > 1:
        links["prev"] = absolute(state.with_page(min(results.page - 1, results.pages)).url("/search.json"))
    data["pages"] = results.pages
    data["links"] = links
    return data


def _row(hit: Hit, url: str) -> list[str]:
    return [
        safe_cell(v)
        for v in (
            hit.id,
            hit.date,
            hit.title,
            hit.province,
            hit.province_2025,
            hit.district,
            "; ".join(hit.units),
            "; ".join(hit.directives),
            hit.source_url,
            url,
        )
    ]


def csv_stream(engine: Engine, state: SearchState, first: Results, doc_url: Callable[[str], str]) -> Iterator[str]:
    """Every matching row, page by page, UTF-8 with a BOM so Excel reads Vietnamese correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")

    def flush() -> str:
        text = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + flush()
    results, page = first, 1
    while True:
        for hit in results.hits:
            writer.writerow(_row(hit, doc_url(hit.id)))
        yield flush()
        if page * MAX_PER_PAGE >= results.total or not results.hits:
            return
        page += 1
        results = engine.search(state.request(facets=(), page=page, per_page=MAX_PER_PAGE))
