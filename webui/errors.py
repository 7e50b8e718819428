"""Every failure is a page a person can act on (or JSON for the API), never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from search.indexing.store import IndexMissing, IndexOutdated
from search.retrieval.request import SearchError
from search.solr.client import BackendUnavailable
from webui import i18n, roles

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    @app.errorhandler(SearchError)
    def _bad_request(exc: SearchError) -> Response:
        return error_response(400, i18n.error_message(getattr(g, "lang", "vi"), exc.code, exc.params))

    @app.errorhandler(IndexMissing)
    def _no_index(exc: IndexMissing) -> Response:
        # The reader gets what to do in their language; the server's folders stay in the server's log.
        current_app.logger.warning("search unavailable: %s", exc)
        if isinstance(exc, BackendUnavailable):
            key = "error_backend_unavailable"
        else:
            key = "error_index_outdated" if isinstance(exc, IndexOutdated) else "error_no_index"
        return error_response(503, i18n.translate(getattr(g, "lang", "vi"), key))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        code = exc.code or 500
        if code == 400 and exc.description and "browser" in exc.description:
            message = "Yêu cầu không hợp lệ / bad request"
        else:
            message = _title(code)
        response = error_response(code, message)
        if code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.full_path)
        return error_response(500, _title(500))


def _title(code: int) -> str:
    lang = getattr(g, "lang", "vi")
    key = f"error_{code}" if f"error_{code}" in i18n.MESSAGES else "error_title"
    return i18n.translate(lang, key)


def error_response(code: int, message: str) -> Response:
    kind = roles.current(current_app._get_current_object()).errors  # type: ignore[attr-defined]
    if kind == "json":
        response = jsonify({"error": message, "status": code})
    elif kind == "text":
        response = Response(message + "\n", mimetype="text/plain")
    elif kind == "page":
        from webui.views.search import error_page

        response = error_page(request.endpoint or "", code, message)
    else:
        response = Response(render_template("error.html", code=code, message=message))
    response.status_code = code
    if code >= 500:
        response.headers["Cache-Control"] = "no-store"
    current_app.logger.debug("error %s on %s: %s", code, request.path, message)
    return response
