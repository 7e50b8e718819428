"""Notable words of a search: the page and its JSON twin. Each word links to the search narrowed by it."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, render_template

from search.retrieval.notable import Notable
from webui.roles import role
from webui.state import SearchState
from webui.views.search import SEARCH_PATH, absolute, bp, chips, engine, read_state

PATH = "/notable"


def narrowed(state: SearchState, text: str) -> SearchState:
    """The search with one more word: quoted when it has several syllables, so it stays a phrase."""
    term = f'"{text}"' if " " in text else text
    return state.with_q(f"{state.q} {term}".strip())


def context(state: SearchState, found: Notable) -> dict[str, Any]:
    def items(terms: list[Any]) -> list[dict[str, Any]]:
        return [{"term": t, "url": narrowed(state, t.text).url(SEARCH_PATH)} for t in terms]

    return {
        "state": state,
        "found": found,
        "words": items(found.words),
        "people": items(found.people),
        "places": items(found.places),
        "chips": chips(state, PATH),
        "back_url": state.url(SEARCH_PATH),
        "json_url": state.url(PATH + ".json", paging=False),
        "lang_url": state.with_lang("en" if state.lang == "vi" else "vi").url(PATH, paging=False),
    }


@bp.get(PATH)
@role("search_page")
def notable_page() -> Response:
    state = read_state()
    found = engine().notable(state.request(facets=()))
    return Response(render_template("notable.html", **context(state, found)))


@bp.get(PATH + ".json")
@role("api")
def notable_json() -> Response:
    state = read_state()
    data = engine().notable(state.request(facets=())).to_json()
    for kind in ("words", "people", "places"):
        for item in data[kind]:
            item["search_url"] = absolute(narrowed(state, item["text"]).url("/search.json"))
    return jsonify(data)
