"""The web UI: a Flask application factory; the engine does the searching, this package renders it.

Blueprints: ``search`` (the page, its htmx fragment, /embed and the .json/.csv/.atom twins),
``docs`` (document pages and their JSON), ``meta`` (suggestions, OpenSearch, the embed snippets).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from search.backends import open_engine
from search.indexing.analysis import warm_up
from search.retrieval.engine import Engine, title_of
from webui import errors, i18n, limits, render, security, urls
from webui.config import DEFAULTS, origin_list
from webui.hx import htmx

__all__ = ["create_app"]


@dataclass
class Services:
    """What the views share; one per application, nothing global."""

    engine: Engine


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. Settings: DEFAULTS, then VNSEARCH_* environment variables, then ``config``."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("VNSEARCH")
    app.config.update(config or {})
    app.config["FRAME_ANCESTORS"] = origin_list(app.config["FRAME_ANCESTORS"], "FRAME_ANCESTORS", allow_star=True)
    app.config["CORS_ORIGINS"] = origin_list(app.config["CORS_ORIGINS"], "CORS_ORIGINS", allow_star=True)
    hops = int(app.config["PROXY_FIX"] or 0)
    if hops:  # behind a portal's reverse proxy, mounted where it says (X-Forwarded-Prefix: /tra-cuu)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)  # type: ignore[method-assign]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.debug = False  # never the debugger: it runs code typed into a browser

    engine = open_engine(str(app.config["INDEX_DIR"]), app.config["BACKEND"] or None)
    app.extensions["vnsearch"] = Services(engine=engine)
    # The word segmenter takes seconds to load: load it now, not in the first visitor's request.
    threading.Thread(target=warm_up, name="segmenter-warm-up", daemon=True).start()
    htmx.init_app(app)

    from webui.views import attention, directives, docs, meta, search

    app.register_blueprint(search.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(meta.bp)
    app.register_blueprint(attention.bp)
    app.register_blueprint(directives.bp)
    security.init_app(app)
    errors.init_app(app)
    limits.init_app(app)
    _init_templates(app)
    return app


def _init_templates(app: Flask) -> None:
    static_versions: dict[str, str] = {}

    def static_url(filename: str) -> str:
        """A static URL that changes when the file does, so browsers never keep a stale script."""
        if filename not in static_versions:
            path = os.path.join(app.static_folder or "", filename)
            try:
                static_versions[filename] = format(int(os.stat(path).st_mtime), "x")
            except OSError:
                static_versions[filename] = "0"
        return url_for("static", filename=filename, v=static_versions[filename])

    @app.before_request
    def _language() -> None:
        lang = request.args.get("lang", "vi")
        g.lang = lang if lang in ("vi", "en") else "vi"

    @app.context_processor
    def _helpers() -> dict[str, Any]:
        lang = getattr(g, "lang", "vi")
        return {
            "_": lambda key, **kw: i18n.translate(lang, key, **kw),
            "lang": lang,
            "prefix": urls.root(),  # the mount point: every literal path in a template starts with it
            "fmt_number": lambda n: i18n.number(lang, n),
            "fmt_day": lambda d: i18n.day(lang, d),
            "static_url": static_url,
            "directive_title": title_of,
            "facet_label": lambda name, value: i18n.facet_label(lang, name, value),
        }

    app.jinja_env.filters["xml_safe"] = render.xml_safe
    app.jinja_env.filters["marks"] = render.merge_marks
    app.jinja_env.filters["readable_url"] = render.readable_url
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
