"""The search page, its htmx fragment, the compact /embed page, the "more" facet lists and the twins.

All of them read one SearchState from the query string and render one engine Results object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, abort, current_app, g, jsonify, render_template, request
from flask_htmx import make_response as htmx_response
from jinja2_fragments.flask import render_block, render_blocks

from search import registry
from search.indexing.store import IndexMissing
from search.retrieval import facets as facet_mod
from search.retrieval.engine import Engine, Results, SearchError, title_of
from webui import facets as facet_views
from webui import i18n
from webui.hx import htmx
from webui.render import TWINS, Twin, twin_url
from webui.roles import role
from webui.state import SearchState
from webui.urls import here

bp = Blueprint("search", __name__)

SEARCH_PATH = "/search"
EMBED_PATH = "/embed"


def engine() -> Engine:
    return current_app.extensions["vnsearch"].engine


def is_fragment_request() -> bool:
    """An htmx swap gets only the results block; a history restore after a cache miss needs the page."""
    return bool(htmx) and not htmx.history_restore_request


def absolute(url: str) -> str:
    """A link as written in a page (already under the mount point) as a full URL, for other sites."""
    return request.host_url.rstrip("/") + url


def doc_path(doc_id: str, state: SearchState | None = None) -> str:
    path = "/doc/" + quote(doc_id, safe="")
    if state is None:
        return here(path)
    params = [("q", state.q)] if state.q else []
    if state.lang != "vi":
        params.append(("lang", state.lang))
    return here(f"{path}?{urlencode(params)}" if params else path)


def read_state(default_per_page: int | None = None) -> SearchState:
    per_page = default_per_page or current_app.config["PER_PAGE"]
    return SearchState.from_args(request.args, default_per_page=per_page)


def fallback_state(default_per_page: int | None = None) -> SearchState:
    """What can be kept of a query string that did not parse: the words and the language."""
    q = " ".join((request.args.get("q") or "").replace("\x00", " ").split())[:500]
    per_page = default_per_page or current_app.config["PER_PAGE"]
    return SearchState(q=q, lang=getattr(g, "lang", "vi"), per_page=per_page, default_per_page=per_page)


# -- the page ------------------------------------------------------------------------------------
def pagination(state: SearchState, results: Results, path: str) -> list[dict[str, Any]]:
    if results.pages <= 1:
        return []
    current = min(state.page, results.pages)
    wanted = {1, results.pages, *range(current - 2, current + 3)}
    items: list[dict[str, Any]] = []
    last = 0
    for n in sorted(p for p in wanted if 1 <= p <= results.pages):
        if n - last > 1:
            items.append({"gap": True})
        items.append({"page": n, "url": state.with_page(n).url(path), "current": n == state.page})
        last = n
    return items


def chips(state: SearchState, path: str) -> list[dict[str, Any]]:
    lang = state.lang
    out: list[dict[str, Any]] = []
    for name in registry.facet_names():
        for value in state.filters.get(name, ()):
            out.append(
                {
                    "facet": i18n.translate(lang, f"facet_{name}"),
                    "label": i18n.facet_label(lang, name, value),
                    "detail": title_of(value) if name == "directive" else None,
                    "url": state.toggle(name, value).url(path),
                }
            )
    if state.date_from or state.date_to:
        label = f"{i18n.day(lang, state.date_from) or '…'} – {i18n.day(lang, state.date_to) or '…'}"
        out.append(
            {
                "facet": i18n.translate(lang, "date_range"),
                "label": label,
                "detail": None,
                "url": state.with_dates(None, None).url(path),
            }
        )
    return out


def page_context(
    state: SearchState,
    results: Results | None,
    error: str | None = None,
    path: str = SEARCH_PATH,
    error_code: int = 400,
) -> dict[str, Any]:
    def url_for_state(s: SearchState) -> str:
        return s.url(path)

    views = facet_views.sidebar(state, results, url_for_state) if results else {}
    other = _hidden_province(state)
    rendered = {(name, v.value) for name, view in views.items() if name != other for v in view.values + view.rest}
    # Provinces chosen in the other reading (then / now) stay in view, ticked, when the switch is turned.
    kept = [v for v in views[other].values + views[other].rest if v.selected] if other in views else []
    rendered |= {(other, v.value) for v in kept}
    year = views.get("year")
    return {
        "state": state,
        "results": results,
        "error": error,
        "error_code": error_code,
        "facets": views,
        "province_facet": state.province_facet,
        "kept_provinces": (other, kept),
        "bars": facet_views.histogram(
            year,
            results.years if results else None,
            state.date_from,
            state.date_to,
            lambda a, b: state.with_dates(a, b).url(path),
        )
        if year
        else [],
        "month_bars": facet_views.month_bars(
            results.months, lambda a, b: state.with_dates(a, b).url(path), state.date_from, state.date_to
        )
        if results
        else [],
        "shown_filters": rendered,
        "chips": chips(state, path),
        "clear_url": state.cleared().url(path),
        "pages": pagination(state, results, path) if results else [],
        "first_page_url": state.with_page(1).url(path),
        "suggestion_url": state.with_q(results.suggestion).url(path) if results and results.suggestion else None,
        "as_typed_url": state.as_typed().url(path) if results and results.interpreted else None,
        "readings": [(r, state.with_q(r).url(path)) for r in results.readings] if results else [],
        "twins": [(t.label, twin_url(state, t.ext), t.attachment) for t in TWINS.values()],
        "attention_url": research_url("/attention", state),
        "notable_url": research_url("/notable", state),
        "copies_url": state.with_copies(not state.all_copies).url(path),
        "count_url": state.with_story_counts(not state.count_stories).url(path),
        "feed_url": absolute(twin_url(state, "atom")),
        "permalink": absolute(state.with_page(1).url(path, paging=False)),
        "lang_url": state.with_lang("en" if state.lang == "vi" else "vi").url(path),
        "doc_url": lambda doc_id: doc_path(doc_id, state),
        "filter_url": lambda name, value: state.toggle(name, value).url(path),
        # A browse (no query) is ordered by date whatever the URL says, so its menu offers the date
        # orders; its "newest" is the default value "", so typing a query then gets the best match.
        "sort_options": sort_options(state),
        "shown_sort": state.sort if state.q else ("oldest" if state.sort == "oldest" else ""),
        "list_facets": [f.name for f in registry.FACETS.values() if f.sidebar == "list"],
        "today": dt.date.today().isoformat(),
    }


def research_url(path: str, state: SearchState) -> str:
    """This search, its filters and dates, on a page that studies its whole match set (over time,
    notable words): the order and the paging do not matter there."""
    pairs = [(k, v) for k, v in state.pairs(paging=False) if k not in ("sort", "exact")]
    return here(f"{path}?{urlencode(pairs)}") if pairs else here(path)


def sort_options(state: SearchState) -> list[tuple[str, str]]:
    """(value, label key) of the sort menu: every sort with a query; the date orders for a browse."""
    if state.q:
        return [(name, "sort_" + name) for name in registry.SORTS]
    return [("", "sort_newest"), *((n, "sort_" + n) for n, s in registry.SORTS.items() if s.by_date and n != "newest")]


def _hidden_province(state: SearchState) -> str:
    return "province" if state.province_facet == "province_2025" else "province_2025"


def _search_response(
    state: SearchState, results: Results | None, error: str | None = None, status: int = 200
) -> Response:
    ctx = page_context(state, results, error, error_code=status)
    if is_fragment_request():
        body = render_blocks("search.html", ["results", "lang_switch"], fragment=True, **ctx)
        response = htmx_response(body, status, push_url=state.url(SEARCH_PATH))
    else:
        response = Response(render_template("search.html", fragment=False, **ctx), status=status)
    response.vary.add("HX-Request")
    return response


@bp.get("/")
@bp.get("/search")
@role("search_page")
def search() -> Response:
    state = read_state()
    results = engine().search(state.request())
    return _search_response(state, results)


@bp.get("/embed")
@role("embed")
def embed() -> Response:
    per_page = current_app.config["EMBED_PER_PAGE"]
    state = read_state(per_page)
    results = engine().search(state.request(facets=()))
    return Response(render_template("embed.html", **_embed_context(state, results)))


def _embed_context(
    state: SearchState, results: Results | None, error: str | None = None, error_code: int = 400
) -> dict[str, Any]:
    ctx = page_context(state, results, error, path=EMBED_PATH, error_code=error_code)
    ctx["full_url"] = state.url(SEARCH_PATH, paging=False)
    return ctx


def error_page(endpoint: str, code: int, message: str) -> Response:
    """The page with the form kept and the message where the results would be."""
    if endpoint == "search.embed":
        state = fallback_state(current_app.config["EMBED_PER_PAGE"])
        return Response(render_template("embed.html", **_embed_context(state, None, message, code)), status=code)
    state = fallback_state()
    results = None
    if code == 400:  # a bad date or value: the message, and the filters of what can be kept, not a bare page
        try:
            results = engine().search(state.request())
        except (SearchError, IndexMissing):
            results = None
    return _search_response(state, results, message, status=code)


# -- the "more" view of one facet -------------------------------------------------------------------
def facet_state(name: str) -> tuple[SearchState, facet_mod.FacetResult]:
    """The state and every value of one facet, for both renderings of the "more" view."""
    if name not in registry.FACETS:
        abort(404)
    state = read_state()
    return state, facet_views.all_values(engine(), state, name)


@bp.get("/facet/<name>")
@role("search_page")
def facet(name: str) -> Response:
    state, full = facet_state(name)
    values = facet_views.more_values(full) if is_fragment_request() else full.values
    views = [
        facet_views.value_view(state, name, v.value, v.count, v.selected, lambda s: s.url(SEARCH_PATH)) for v in values
    ]
    ctx = {
        "state": state,
        "name": name,
        "values": views,
        "total": full.total_values,
        "back_url": state.url(SEARCH_PATH),
        "lang_url": state.with_lang("en" if state.lang == "vi" else "vi").url(f"/facet/{name}"),
    }
    if is_fragment_request():
        return Response(render_block("facet.html", "values", fragment=True, **ctx))
    return Response(render_template("facet.html", fragment=False, **ctx))


@bp.get("/facet/<name>.json")
@role("api")
def facet_json(name: str) -> Response:
    state, full = facet_state(name)
    return jsonify(
        {
            "facet": name,
            "total_values": full.total_values,
            "values": [
                v.to_json() | {"toggle_url": absolute(state.toggle(name, v.value).url("/search.json"))}
                for v in full.values
            ],
        }
    )


def _twin_view(t: Twin) -> Callable[[], Response]:
    def view() -> Response:
        return t.render(engine(), read_state())

    view.__name__ = "search_" + t.ext.replace(".", "_")
    return role(t.role)(view)


def register_twins() -> None:
    """One route per registered twin (called once the renderers module has registered them)."""
    from webui.views import twins  # noqa: F401 - registers the renderers

    for t in TWINS.values():
        endpoint = "search_" + t.ext.replace(".", "_")  # "csl.json": an endpoint holds no dot
        bp.add_url_rule(f"/search.{t.ext}", endpoint=endpoint, view_func=_twin_view(t))


register_twins()

from webui.views import notable as _notable  # noqa: E402,F401 - its routes live on this blueprint
