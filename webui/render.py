"""The machine twins of a search: a registry of renderers, and the pieces they share (JSON with links, CSV rows).

Each twin is one function registered with :func:`twin` (Datasette's output renderers): it gets the
engine and the SearchState and returns a Response; the route ``/search.<ext>``, its role (error
format, CORS, rate limit) and the page's download links all come from the registration.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from flask import Response
from markupsafe import Markup

from search.retrieval.engine import Engine, Hit, Results
from search.retrieval.request import MAX_PER_PAGE
from webui.state import SearchState

# The columns of every spreadsheet export (CSV, XLSX), in order: what a researcher cites and counts.
EXPORT_COLUMNS: tuple[tuple[str, Callable[[Hit, str], str | None]], ...] = (
    ("id", lambda h, url: h.id),
    ("date", lambda h, url: h.date),
    ("date_source", lambda h, url: h.date_source),
    ("title", lambda h, url: h.title),
    ("source", lambda h, url: h.source),
    ("province", lambda h, url: h.province),
    ("province_2025", lambda h, url: h.province_2025),
    ("district", lambda h, url: h.district),
    ("units", lambda h, url: "; ".join(h.units)),
    ("directives", lambda h, url: "; ".join(h.directives)),
    ("events", lambda h, url: "; ".join(h.event_kinds)),
    ("snippet", lambda h, url: plain_snippet(h.snippet_html)),
    ("story", lambda h, url: h.story),  # the id naming its story when republished copies are indexed
    ("source_url", lambda h, url: h.source_url),
    ("url", lambda h, url: url),
)
CSV_COLUMNS = tuple(name for name, _ in EXPORT_COLUMNS)


def plain_snippet(snippet_html: str) -> str:
    """A snippet without its marks, for a spreadsheet cell."""
    return html.unescape(re.sub(r"<[^>]+>", "", snippet_html))


def result_pages(engine: Engine, state: SearchState, first: Results | None = None) -> Iterator[list[Hit]]:
    """Every matching hit, a page of MAX_PER_PAGE at a time (each page read once): what exports stream.

    Exports hold every copy of a republished story, each with its story id, whatever the page groups."""
    request = state.request(facets=(), page=1, per_page=MAX_PER_PAGE, group=False)
    for results in engine.pages(request, first):
        yield results.hits


def export_rows(
    engine: Engine, state: SearchState, first: Results, doc_url: Callable[[str], str]
) -> Iterator[list[str | None]]:
    """Every matching hit as export values, page by page."""
    for hits in result_pages(engine, state, first):
        for hit in hits:
            url = doc_url(hit.id)
            yield [get(hit, url) for _, get in EXPORT_COLUMNS]


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


def readable_url(url: str) -> str:
    """A URL as people read it (Vietnamese letters, not %E1%BB%99); browsers and feed readers take it."""
    return unquote(url)


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
    for n, row in enumerate(export_rows(engine, state, first, doc_url), start=1):
        writer.writerow([safe_cell(v) for v in row])
        if n % MAX_PER_PAGE == 0:
            yield flush()
    yield flush()
