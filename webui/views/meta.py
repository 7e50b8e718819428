"""What other programs and sites use: suggestions, the OpenSearch description, the embed snippets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from search.indexing.store import IndexMissing
from search.solr.client import BackendUnavailable
from webui import facets as facet_views
from webui import i18n
from webui.roles import role
from webui.state import SearchState
from webui.urls import here
from webui.views.search import EMBED_PATH, SEARCH_PATH, absolute, engine

bp = Blueprint("meta", __name__)

SUGGESTIONS = 8
SYNTAX_PATH = "/cu-phap"
# The syntax page's examples, each one runnable: (query, key of its explanation in webui.i18n).
SYNTAX_EXAMPLES = (
    ("tuyen giao", "accents"),
    ("hội nghị tổng kết", "words"),
    ('"công tác tuyên giáo"', "phrase"),
    ("tuyen giao -huyen", "exclude"),
    ("tuyen giao NOT Hung Yen", "not"),
    ('"Thọ Xuân" OR "Đầm Hà"', "or"),
    ("tuyen giao AND thong tin", "and"),
    ("tuyen*", "prefix"),
    ('title:"hội nghị"', "title_field"),
    ('tuyen giao province:"Nam Định"', "facet"),
    ("tuyen giao year:2022", "year"),
    ("chi thi 05", "directive"),
)
EMBED_SCOPES = ("province", "unit")


@bp.get("/suggest")
@role("suggest")
def suggest() -> Response:
    """OpenSearch suggestions: ``[query, [term, ...], [kind, ...]]``, terms people search."""
    q = " ".join((request.args.get("q") or "").split())[:100]
    lang = _lang()
    try:
        found = engine().complete(q, SUGGESTIONS) if q else []
    except IndexMissing:
        found = []
    texts = [s.text for s in found]
    kinds = [i18n.translate(lang, "kind_" + s.kind) + (f": {s.detail}" if s.detail else "") for s in found]
    response = jsonify([q, texts, kinds] if found else [q, texts])
    response.mimetype = "application/x-suggestions+json"
    return response


@bp.get("/opensearch.xml")
@role("description")
def opensearch() -> Response:
    body = render_template("opensearch.xml", root=absolute(here("")))
    return Response(body, mimetype="application/opensearchdescription+xml")


@bp.get("/embed-code")
def embed_code() -> Response:
    """Copy-paste snippets for a portal: a plain form, and an iframe of /embed, optionally scoped."""
    per_page = current_app.config["EMBED_PER_PAGE"]
    scope = {name: request.args.get(name, "").strip()[:200] for name in EMBED_SCOPES}
    state = SearchState(
        filters={k: (v,) for k, v in scope.items() if v},
        lang=_lang(),
        per_page=per_page,
        default_per_page=per_page,
    )
    options = {}
    try:
        for name in EMBED_SCOPES:
            full = facet_views.all_values(engine(), SearchState(), name)
            options[name] = sorted(v.value for v in full.values if v.count > 0)
    except IndexMissing:
        options = {name: [] for name in EMBED_SCOPES}
    root = absolute(here(""))
    other = "en" if state.lang == "vi" else "vi"
    lang_state = {k: v for k, v in scope.items() if v}
    lang_qs = urlencode({**lang_state, **({"lang": other} if other != "vi" else {})})
    return Response(
        render_template(
            "embed_code.html",
            state=state,
            scope=scope,
            options=options,
            root=root,
            form_action=root + SEARCH_PATH,
            iframe_src=absolute(state.url(EMBED_PATH)),
            preview_src=state.url(EMBED_PATH),
            frame_ancestors=current_app.config["FRAME_ANCESTORS"],
            lang_url=here("/embed-code" + (f"?{lang_qs}" if lang_qs else "")),
            fragment=False,
        )
    )


def _syntax_examples(lang: str) -> list[dict[str, str]]:
    suffix = {"lang": "en"} if lang == "en" else {}
    return [
        {"query": q, "key": key, "url": here(SEARCH_PATH + "?" + urlencode({"q": q, **suffix}))}
        for q, key in SYNTAX_EXAMPLES
    ]


ABOUT_PATH = "/about"


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "vi"


def _info_page(template: str, path: str, json_url: str, **context: Any) -> Response:
    """An information page (about, API, syntax): back to the search, the language switch, its JSON twin."""
    en = _lang() == "en"
    return Response(
        render_template(
            template,
            back_url=here(SEARCH_PATH + ("?lang=en" if en else "")),
            lang_url=here(path + ("" if en else "?lang=en")),
            json_url=here(json_url),
            fragment=False,
            **context,
        )
    )


def _about_data() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    data = engine().about()
    try:
        data["software"] = f"vnsearch {version('vnsearch')}"
    except PackageNotFoundError:  # run from a checkout that was never installed
        data["software"] = "vnsearch"
    return data


@bp.get(ABOUT_PATH)
def about() -> Response:
    """ "Về dữ liệu": sources, counts per source and year, how complete each field is, which index
    generation answers: what a researcher cites."""
    lang = _lang()
    data = _about_data()
    years = sorted({y for per in data["sources_by_year"].values() for y in per})
    total = max(data["documents"], 1)
    coverage = [
        {"name": name, "label": i18n.translate(lang, "facet_" + name), "n": n, "share": n / total}
        for name, n in data["coverage"].items()
        if name not in ("date_source", "title_source")  # every article has one: shown below instead
    ]
    return _info_page("about.html", ABOUT_PATH, ABOUT_PATH + ".json", data=data, years=years, coverage=coverage)


@bp.get(ABOUT_PATH + ".json")
@role("api")
def about_json() -> Response:
    return jsonify(_about_data())


@bp.get("/healthz")
@role("api")
def healthz() -> Response:
    """For load balancers and monitors: 200 with the backend, the index generation (or collection) and
    the number of documents when searching works; 503 when it does not (no index, no Solr node)."""
    try:
        data = {"status": "ok", **engine().health()}
        code = 200
    except IndexMissing as exc:
        reason = "backend_unavailable" if isinstance(exc, BackendUnavailable) else "no_index"
        data, code = {"status": "unavailable", "error": reason}, 503
    response = jsonify(data)
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/openapi.json")
@role("description")
def openapi_json() -> Response:
    """The API description, generated from the routes and registries (webui.openapi)."""
    from webui.openapi import spec

    data = spec(current_app)
    data["servers"] = [{"url": absolute(here(""))}]
    return jsonify(data)


@bp.get("/api")
def api_page() -> Response:
    """The API description as a page a person reads: each route, its parameters and formats."""
    from webui.openapi import spec

    return _info_page("api.html", "/api", "/openapi.json", spec=spec(current_app))


@bp.get(SYNTAX_PATH)
def syntax() -> Response:
    """ "Cú pháp tìm kiếm": what can be typed in the search box, each example a link that runs it."""
    lang = _lang()
    suffix = "?lang=en" if lang == "en" else ""
    return _info_page("syntax.html", SYNTAX_PATH, SYNTAX_PATH + ".json" + suffix, examples=_syntax_examples(lang))


@bp.get(SYNTAX_PATH + ".json")
@role("api")
def syntax_json() -> Response:
    lang = _lang()
    return jsonify(
        [
            ex | {"meaning": i18n.translate(lang, "syntax_" + ex["key"]), "url": absolute(ex["url"])}
            for ex in _syntax_examples(lang)
        ]
    )
