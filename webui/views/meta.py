"""What other programs and sites use: suggestions, the OpenSearch description, the embed snippets."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from search.indexing.store import IndexMissing
from webui import facets as facet_views
from webui.roles import role
from webui.state import SearchState
from webui.views.search import EMBED_PATH, SEARCH_PATH, absolute, engine

bp = Blueprint("meta", __name__)

SUGGESTIONS = 8
EMBED_SCOPES = ("province", "unit")


@bp.get("/suggest")
@role("suggest")
def suggest() -> Response:
    """OpenSearch suggestions: ``[query, [completion, ...]]``."""
    q = " ".join((request.args.get("q") or "").split())[:100]
    try:
        found = engine().complete(q, SUGGESTIONS) if q else []
    except IndexMissing:
        found = []
    response = jsonify([q, found])
    response.mimetype = "application/x-suggestions+json"
    return response


@bp.get("/opensearch.xml")
@role("description")
def opensearch() -> Response:
    body = render_template("opensearch.xml", root=absolute(""))
    return Response(body, mimetype="application/opensearchdescription+xml")


@bp.get("/embed-code")
def embed_code() -> Response:
    """Copy-paste snippets for a portal: a plain form, and an iframe of /embed, optionally scoped."""
    per_page = current_app.config["EMBED_PER_PAGE"]
    scope = {name: request.args.get(name, "").strip()[:200] for name in EMBED_SCOPES}
    state = SearchState(
        filters={k: (v,) for k, v in scope.items() if v},
        lang="en" if request.args.get("lang") == "en" else "vi",
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
    root = absolute("")
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
            iframe_src=root + state.url(EMBED_PATH),
            preview_src=state.url(EMBED_PATH),
            frame_ancestors=current_app.config["FRAME_ANCESTORS"],
            lang_url="/embed-code" + (f"?{lang_qs}" if lang_qs else ""),
            fragment=False,
        )
    )
