"""The API description (OpenAPI 3.1), generated from the code: routes and their roles, the facet and
sort registries, the request limits. Nothing here is kept by hand next to what it describes.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from flask import Flask

from search import registry
from search.retrieval.attention import INTERVALS, MAX_SERIES
from search.retrieval.request import MAX_PER_PAGE
from webui import citations, roles
from webui.render import TWINS

MACHINE_ROLES = ("api", "feed", "export", "suggest", "description")
MEDIA = {
    "json": "application/json",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "atom": "application/atom+xml",
} | {f.ext: f.mimetype for f in citations.FORMATS.values()}
ERROR = {"type": "object", "required": ["error", "status"], "properties": {
    "error": {"type": "string"}, "status": {"type": "integer"}}}  # fmt: skip
HIT = {
    "type": "object",
    "required": ["id", "title", "date", "province", "units", "directives", "snippet_html"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "date": {"type": ["string", "null"], "format": "date"},
        "province": {"type": ["string", "null"]},
        "units": {"type": "array", "items": {"type": "string"}},
        "directives": {"type": "array", "items": {"type": "string"}},
        "snippet_html": {"type": "string"},
        "url": {"type": "string"},
    },
}
RESULTS = {
    "type": "object",
    "required": ["query", "total", "page", "per_page", "hits", "facets", "match", "links"],
    "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "hits": {"type": "array", "items": HIT},
        "facets": {"type": "object", "additionalProperties": {"type": "array"}},
        "match": {"enum": ["strict", "loose"]},
        "interpreted": {"type": ["string", "null"], "description": "the accented form ranked for an accentless query"},
        "readings": {"type": "array", "items": {"type": "string"}, "description": "its other accented forms"},
        "months": {"type": "object", "additionalProperties": {"type": "integer"}},
        "years": {"type": "object", "additionalProperties": {"type": "integer"}},
        "links": {"type": "object"},
    },
}


def _search_parameters() -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500},
         "description": "Words, \"phrases\", -exclusions, OR, field:value (see /cu-phap)"},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}},
        {"name": "sort", "in": "query", "schema": {"enum": list(registry.SORTS)}},
        {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
        {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
        {"name": "lang", "in": "query", "schema": {"enum": ["vi", "en"]}},
    ]  # fmt: skip
    for facet in registry.FACETS.values():
        params.append(
            {
                "name": facet.name,
                "in": "query",
                "description": f"{facet.label[1]} ({facet.label[0]}): OR within the facet, AND across facets",
                "schema": {"type": "array", "items": {"type": "string", "maxLength": 200}, "maxItems": 20},
                "style": "form",
                "explode": True,
            }
        )
    return params


def _responses(media: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": "OK", "content": {media: {"schema": schema or {}}}}
    out = {"200": ok, "400": {"description": "A bad parameter", "content": {"application/json": {"schema": ERROR}}}}
    if media != "application/json":
        out["400"] = {"description": "A bad parameter", "content": {"text/plain": {"schema": {"type": "string"}}}}
    out["429"] = {"description": "Too many requests"}
    out["503"] = {"description": "No usable index yet"}
    return out


def _rule(path: str) -> str:
    """An OpenAPI path as the Flask rule it describes."""
    return path.replace("{doc_id}", "<doc_id>").replace("{name}", "<name>").replace("{code}", "<path:code>")


def spec(app: Flask) -> dict[str, Any]:
    """The description of every machine route the app has (by role), with its parameters."""
    paths: dict[str, Any] = {}
    for ext, twin in TWINS.items():
        paths[f"/search.{ext}"] = {
            "get": {
                "summary": f"Search results as {twin.label}",
                "parameters": _search_parameters(),
                "responses": _responses(MEDIA.get(ext, "application/octet-stream"), RESULTS if ext == "json" else None),
            }
        }
    paths["/doc/{doc_id}.json"] = {
        "get": {
            "summary": "One article: its text, metadata and provenance",
            "parameters": [{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object",
                        "required": ["id", "title", "body"]}}}},
                "404": {"description": "No such article", "content": {"application/json": {"schema": ERROR}}},
            },
        }
    }  # fmt: skip
    for fmt in citations.FORMATS.values():
        paths[f"/doc/{{doc_id}}.{fmt.ext}"] = {
            "get": {
                "summary": f"One article's reference as {fmt.label}",
                "parameters": [{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "OK", "content": {fmt.mimetype: {"schema": {}}}},
                    "404": {
                        "description": "No such article",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                },
            }
        }
    paths["/notable.json"] = {
        "get": {
            "summary": "Words, people and places over-represented in the search's matches against the whole index",
            "parameters": [p for p in _search_parameters() if p["name"] not in ("page", "per_page", "sort")],
            "responses": _responses("application/json"),
        }
    }
    paths["/directive/{code}.json"] = {
        "get": {
            "summary": "One directive: what the catalogue knows, the first report in each province, the timeline, "
            "the directives cited with it, and the other documents its number names",
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"},
                            "description": "A directive facet value, e.g. 05-CT/TW or 05-CT/TW (2021)"}],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object",
                        "required": ["directive", "total", "first_reports", "documents"]}}}},
                "404": {"description": "Neither cited nor catalogued",
                        "content": {"application/json": {"schema": ERROR}}},
            },
        }
    }  # fmt: skip
    paths["/suggest"] = {
        "get": {
            "summary": "OpenSearch suggestions: [query, [term, ...], [kind, ...]]",
            "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200}},
                           {"name": "lang", "in": "query", "schema": {"enum": ["vi", "en"]}}],
            "responses": {"200": {"description": "OK", "content": {"application/x-suggestions+json": {
                "schema": {"type": "array", "minItems": 2, "maxItems": 3}}}}},
        }
    }  # fmt: skip
    for path, summary in (("/about.json", "About this data"), ("/cu-phap.json", "Query syntax, with examples")):
        paths[path] = {"get": {"summary": summary, "responses": {"200": {"description": "OK",
                       "content": {"application/json": {"schema": {}}}}}}}  # fmt: skip
    paths["/healthz"] = {
        "get": {
            "summary": "Health for load balancers: the backend, the index generation (or Solr collection), documents",
            "responses": {
                "200": {
                    "description": "Searching works",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "required": ["status", "backend", "generation", "documents"]}
                        }
                    },
                },
                "503": {
                    "description": "No index, or no Solr node answering",
                    "content": {"application/json": {"schema": {"type": "object", "required": ["status", "error"]}}},
                },
            },
        }
    }
    paths["/facet/{name}.json"] = {
        "get": {
            "summary": "Every value of one facet under the search's other parameters",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"enum": list(registry.FACETS)}},
                           *_search_parameters()],
            "responses": _responses("application/json"),
        }
    }  # fmt: skip
    attention_params = [
        {"name": "q", "in": "query", "style": "form", "explode": True, "description": "One search per series",
         "schema": {"type": "array", "items": {"type": "string", "maxLength": 500}, "maxItems": MAX_SERIES}},
        {"name": "interval", "in": "query", "schema": {"enum": list(INTERVALS)},
         "description": "Periods of the axis (default: chosen from the span)"},
        {"name": "measure", "in": "query", "schema": {"enum": ["share", "count"]}},
        *(p for p in _search_parameters() if p["name"] not in ("q", "page", "per_page", "sort")),
    ]  # fmt: skip
    for ext in ("json", "csv"):
        paths[f"/attention.{ext}"] = {
            "get": {
                "summary": "Matching articles per period for up to five searches, with the same filters' totals"
                + (" (one row per series and period)" if ext == "csv" else ""),
                "parameters": attention_params,
                "responses": _responses(MEDIA[ext]),
            }
        }
    known = {r.rule for r in app.url_map.iter_rules()}
    described = {_rule(p) for p in paths}
    missing = [
        r.rule
        for r in app.url_map.iter_rules()
        if roles.role_of_endpoint(app, r.endpoint).name in MACHINE_ROLES
        and r.rule not in described
        and r.rule not in ("/opensearch.xml", "/openapi.json")
    ]
    if missing:  # a new machine route must be described: the test suite fails on this
        raise RuntimeError(f"machine routes without a description: {missing}")
    paths = {p: v for p, v in paths.items() if _rule(p) in known}
    try:
        ver = version("vnsearch")
    except PackageNotFoundError:
        ver = "0"
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "vnsearch",
            "version": ver,
            "description": "Search over Vietnamese provincial and district news: the same parameters as the "
            "search page, in machine formats.",
            "license": {"name": "GPL-3.0-or-later", "identifier": "GPL-3.0-or-later"},
        },
        "paths": paths,
    }
