"""Document pages: clean text with the query marked, metadata that links back into the facets."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template
from markupsafe import Markup

from search.retrieval.highlight import mark
from webui import citations
from webui.i18n import translate
from webui.render import merge_marks, safe_http_url
from webui.roles import role
from webui.state import SearchState
from webui.views.directives import directive_path
from webui.views.search import SEARCH_PATH, absolute, doc_path, engine, fallback_state

bp = Blueprint("docs", __name__)

_PARAGRAPHS = re.compile(r"\n\s*\n")
MORE_LIKE_THIS = 5


def paragraphs(body: str, q: str) -> list[Markup]:
    """The body as paragraphs, escaped, with the query's words in <mark> where they stand whole."""
    words = engine().words(q) if q else []
    parts = _PARAGRAPHS.split(body.strip()) if _PARAGRAPHS.search(body) else body.strip().split("\n")
    return [merge_marks(mark(" ".join(p.split()), words)) for p in parts if p.strip()]


def _load(doc_id: str) -> dict[str, Any]:
    if len(doc_id) > 200:
        abort(404)
    doc = engine().document(doc_id)
    if doc is None:
        abort(404)
    return doc


def metadata(doc: dict[str, Any], state: SearchState) -> list[dict[str, Any]]:
    """Rows of the metadata table; each value links to the search filtered by it."""

    def link(name: str, value: str, detail: str | None = None) -> dict[str, Any]:
        return {"text": value, "url": state.only(name, value).url(SEARCH_PATH), "detail": detail}

    def one(name: str, key: str) -> list[dict[str, Any]]:
        return [link(name, doc[key])] if doc.get(key) else []

    titles = doc.get("directive_titles") or {}
    year = str(doc["year"]) if doc.get("year") else None
    lang = state.lang

    def _(key: str) -> str:
        return translate(lang, key)

    date_from = _("from_" + doc.get("date_source", "none"))
    rows = [
        (
            "doc_date",
            [
                {
                    "text": doc["date"],
                    "url": state.only("year", year).url(SEARCH_PATH) if year else None,
                    "detail": date_from,
                    "date": True,
                }
            ]
            if doc.get("date")
            else [{"text": _("doc_undated"), "url": None, "detail": None}],
        ),
        ("doc_date_rejected", _rejected(lang, doc.get("date_rejected"))),
        (
            "doc_title_source",
            [{"text": _("from_" + doc["title_source"]), "url": None, "detail": None}]
            if doc.get("title_source") and doc["title_source"] != "metadata"
            else [],
        ),
        (
            "doc_event_date",
            [{"text": doc["event_date"], "url": None, "detail": None, "date": True}]
            if doc.get("event_date") and doc.get("event_date") != doc.get("date")
            else [],
        ),
        ("doc_province", one("province", "province")),
        ("doc_province_2025", one("province_2025", "province_2025")),
        ("doc_district", one("district", "district")),
        ("doc_units", [link("unit", u) for u in doc.get("units") or []]),
        (
            "doc_directives",
            [
                link("directive", d, titles.get(d)) | {"page_url": directive_path(d)}
                for d in doc.get("directives") or []
            ],
        ),
        ("doc_event", [link("event", k, doc.get("period")) for k in doc.get("event_kinds") or []]),
        ("doc_author", [{"text": doc["author"], "url": None, "detail": None}] if doc.get("author") else []),
    ]
    return [{"key": key, "values": values} for key, values in rows if values]


def _rejected(lang: str, reason: str | None) -> list[dict[str, Any]]:
    """ "metadata 2030-05-15 future" -> the refused date, with where it was found and why."""
    if not reason:
        return []
    source, _sep, rest = reason.partition(" ")
    day, _sep, why = rest.partition(" ")
    detail = f"{translate(lang, 'from_' + source)}, {translate(lang, 'rejected_' + why)}"
    return [{"text": day, "url": None, "detail": detail, "date": True}]


@bp.get("/doc/<doc_id>")
def doc(doc_id: str) -> Response:
    data = _load(doc_id)
    state = fallback_state()  # only the words (to mark them) and the language matter here
    source = data.get("source_url")
    more = engine().more_like_this(doc_id, MORE_LIKE_THIS)
    other = "en" if state.lang == "vi" else "vi"
    lang_url = doc_path(doc_id, state.with_lang(other))
    item = citation_item(doc_id, data)
    return Response(
        render_template(
            "doc.html",
            doc=data,
            state=state,
            paragraphs=paragraphs(data.get("body", ""), state.q),
            rows=metadata(data, state),
            source_url=safe_http_url(source),
            source_text=source,
            more=[(h, doc_path(h.id, state.with_q(""))) for h in more if h.id != doc_id],
            back_url=state.url(SEARCH_PATH),
            json_url=doc_path(doc_id) + ".json",
            meta_tags=citations.meta_tags(item),
            citation=citations.formatted(item, state.lang),
            citation_links=[(f.label, doc_path(doc_id) + "." + f.ext) for f in citations.FORMATS.values()],
            lang_url=lang_url,
            fragment=False,
        )
    )


def citation_item(doc_id: str, data: dict[str, Any]) -> dict[str, Any]:
    return citations.csl_item(data, absolute(doc_path(doc_id)))


def _citation_view(fmt: citations.Format) -> Callable[[str], Response]:
    def view(doc_id: str) -> Response:
        text = fmt.render([citation_item(doc_id, _load(doc_id))])
        name = re.sub(r"[^A-Za-z0-9_-]", "", doc_id)[:40] or "article"
        return Response(
            text,
            mimetype=fmt.mimetype,
            headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.ext}"'},
        )

    view.__name__ = "doc_" + fmt.ext.replace(".", "_")
    return role("export")(view)


for _fmt in citations.FORMATS.values():
    bp.add_url_rule(
        f"/doc/<doc_id>.{_fmt.ext}", endpoint=f"doc_{_fmt.ext.replace('.', '_')}", view_func=_citation_view(_fmt)
    )


@bp.get("/doc/<doc_id>.json")
@role("api")
def doc_json(doc_id: str) -> Response:
    data = _load(doc_id)
    data["url"] = absolute(doc_path(doc_id))
    data["more_like_this"] = [
        {"id": h.id, "title": h.title, "date": h.date, "url": absolute(doc_path(h.id))}
        for h in engine().more_like_this(doc_id, MORE_LIKE_THIS)
        if h.id != doc_id
    ]
    return jsonify(data)
