"""A directive's page: what the catalogue knows of it, and how its coverage spread over time and provinces.

``/directive/05-CT/TW`` is keyed like the directive facet. A number that names several documents
(Party numbers restart each term) lists them all, with their article counts, to choose from.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, abort, jsonify, render_template

from search.extract import places
from search.extract.directives import catalogue, describe
from search.retrieval.engine import SearchRequest, title_of
from webui import charts, i18n
from webui.roles import role
from webui.state import SearchState
from webui.urls import here
from webui.views.search import SEARCH_PATH, absolute, doc_path, engine, fallback_state

bp = Blueprint("directives", __name__)


def directive_path(key: str) -> str:
    return here("/directive/" + quote(key, safe="/"))


def _key(code: str) -> str:
    if len(code) > 200:
        abort(404)
    return " ".join(code.split())


def _choices(key: str) -> list[dict[str, Any]]:
    """Every document the number may name: the index's keys and the catalogue's entries under it."""
    about = describe(key)
    counted = dict(engine().directive_keys(about.code))
    out: dict[str, dict[str, Any]] = {}
    for k, n in counted.items():
        d = describe(k)
        out[k] = {"key": k, "year": d.year, "title": d.title, "articles": n}
    for entry in catalogue().by_code.get(about.code, ()):
        k = next((k for k in counted if describe(k).year == entry.year), f"{entry.code} ({entry.year})")
        out.setdefault(k, {"key": k, "year": entry.year, "title": entry.title or None, "articles": 0})
    return sorted(out.values(), key=lambda c: (c["year"] or 0, c["key"]))


def context(key: str, lang: str) -> dict[str, Any]:
    about = describe(key)
    choices = _choices(key)
    known = key in dict(engine().directive_keys(about.code))
    coverage = engine().coverage(key)
    state = SearchState(filters={"directive": (key,)}, lang=lang)
    found = engine().attention([state.request(facets=())]) if coverage.total else None
    chart = None
    if found and found.buckets:
        chart = charts.build(
            found,
            "count",
            lambda v: i18n.decimal(lang, v, "#,##0.#"),
            lambda i: state.with_dates(found.buckets[i].start, found.buckets[i].end).url(SEARCH_PATH),
        )
    covered = {f.province: f for f in coverage.firsts}
    undated = dict(coverage.undated_provinces)
    grid = [
        {"name": name, "first": covered.get(name), "undated": undated.get(name)}
        for name in places.provinces()  # the official order, north to south: reads like a map
    ]
    return {
        "key": key,
        "about": about,
        "known": known or bool(about.title),
        "choices": choices if len(choices) > 1 else [],
        "coverage": coverage,
        "found": found,
        "chart": chart,
        "grid": grid,
        "search_url": state.url(SEARCH_PATH),
        "attention_url": here("/attention?" + state.query_string(paging=False)),
        "province_url": lambda p: SearchState(filters={"directive": (key,), "province": (p,)}, lang=lang).url(
            SEARCH_PATH
        ),
        "directive_url": directive_path,
        "both_url": lambda other: SearchState(filters={"directive": (key, other)}, lang=lang).url(SEARCH_PATH),
        "doc_url": lambda doc_id: doc_path(doc_id, SearchState(lang=lang)),
        "json_url": here("/directive/" + quote(key, safe="/") + ".json"),
        "lang_url": directive_path(key) + ("" if lang == "en" else "?lang=en"),
        "title_of": title_of,
    }


@bp.get("/directive/<path:code>")
@role("page")
def page(code: str) -> Response:
    key = _key(code)
    lang = fallback_state().lang
    ctx = context(key, lang)
    if not ctx["known"] and not ctx["coverage"].total and not ctx["choices"]:
        abort(404)
    return Response(render_template("directive.html", **ctx))


@bp.get("/directive/<path:code>.json")
@role("api")
def as_json(code: str) -> Response:
    key = _key(code)
    about = describe(key)
    coverage = engine().coverage(key)
    if not coverage.total and not about.title:
        abort(404)
    data = coverage.to_json()
    data |= {
        "code": about.code,
        "year": about.year,
        "term": about.term,
        "kind": about.kind[1] if about.kind else None,
        "issuer": about.issuer[1] if about.issuer else None,
        "documents": _choices(key),
        "links": {"html": absolute(directive_path(key)), "search": absolute(
            SearchState(filters={"directive": (key,)}).url("/search.json"))},
    }  # fmt: skip
    found = engine().attention([SearchRequest.build(filters={"directive": [key]}, facets=())])
    data["timeline"] = {"interval": found.interval, "buckets": [b.key for b in found.buckets],
                        "counts": found.series[0].counts if found.series else []}  # fmt: skip
    for first in data["first_reports"]:
        first["url"] = absolute(doc_path(first["id"]))
    return jsonify(data)
