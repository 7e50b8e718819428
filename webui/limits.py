"""Rate limits on the machine API and suggestions (flask-limiter), configurable per deployment.

The HTML pages are what a person clicks through; the JSON/CSV/feed twins and /suggest are what a
script can hammer, so those carry a per-client limit. Limits are flask-limiter strings
("300 per minute; 20 per second"); RATELIMIT_ENABLED=False switches them off (e.g. for a load test).
"""

from __future__ import annotations

from flask import Flask

# endpoint -> config key holding its limit
LIMITED = {
    "search.search_json": "RATELIMIT_API",
    "search.search_csv": "RATELIMIT_EXPORT",
    "search.search_atom": "RATELIMIT_API",
    "search.facet_json": "RATELIMIT_API",
    "docs.doc_json": "RATELIMIT_API",
    "meta.suggest": "RATELIMIT_SUGGEST",
}


def init_app(app: Flask) -> None:
    if not app.config.get("RATELIMIT_ENABLED"):
        return
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    limiter = Limiter(get_remote_address, app=app, default_limits=[])
    for endpoint, key in LIMITED.items():
        view = app.view_functions.get(endpoint)
        if view is not None:
            app.view_functions[endpoint] = limiter.limit(app.config[key])(view)
    app.extensions["vnsearch_limiter"] = limiter
