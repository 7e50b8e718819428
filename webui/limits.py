"""Rate limits on the machine API and suggestions (flask-limiter), configurable per deployment.

The HTML pages are what a person clicks through; the JSON/CSV/feed twins and /suggest are what a
script can hammer, so those carry a per-client limit. Limits are flask-limiter strings
("300 per minute; 20 per second"); RATELIMIT_ENABLED=False switches them off (e.g. for a load test).
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from webui import roles


def init_app(app: Flask) -> None:
    if not app.config.get("RATELIMIT_ENABLED"):
        return
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    # Registered before the limiter: Flask runs after-request hooks last-registered first.
    @app.after_request
    def _retry_after_only_when_limited(response: Any) -> Any:
        """flask-limiter sends Retry-After on every answer; it means "wait" only on a 429."""
        if response.status_code != 429:
            response.headers.pop("Retry-After", None)
        return response

    limiter = Limiter(get_remote_address, app=app, default_limits=[])
    for endpoint, view in list(app.view_functions.items()):
        key = roles.role_of_endpoint(app, endpoint).rate_limit
        if key:
            limited: Any = limiter.limit(app.config[key])(view)
            limited.route_role = roles.role_of_endpoint(app, endpoint).name
            app.view_functions[endpoint] = limited
    app.extensions["vnsearch_limiter"] = limiter
