"""Rate limiting: off until an issue turns it on; the hook is here so only this file has to change.

flask-limiter reads RATELIMIT_* from the app config (RATELIMIT_DEFAULT, RATELIMIT_STORAGE_URI,
RATELIMIT_HEADERS_ENABLED); set RATELIMIT_ENABLED (or VNSEARCH_RATELIMIT_ENABLED=true) to use it.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    if not app.config.get("RATELIMIT_ENABLED"):
        return
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    limiter = Limiter(get_remote_address, app=app, default_limits=[app.config["RATELIMIT_DEFAULT"]])
    limiter.exempt(app.view_functions["static"])
    app.extensions["vnsearch_limiter"] = limiter
