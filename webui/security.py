"""Security headers on every response, framing only for /embed, and CORS only for allowed origins.

No page has inline script or inline style, so the policy can be strict: a government portal can
embed /embed and nothing here can be turned into a script by what a person types.
"""

from __future__ import annotations

from flask import Flask, Response, request

from webui import roles
from webui.hx import htmx

_BASE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def content_security_policy(frame_ancestors: str) -> str:
    return f"{_BASE_CSP}; frame-ancestors {frame_ancestors}"


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(response: Response) -> Response:
        route = roles.current(app)
        headers = response.headers
        if route.frameable:
            allowed = app.config["FRAME_ANCESTORS"]
            if "*" in allowed:  # read-only: any portal may embed it
                headers["Content-Security-Policy"] = content_security_policy("*")
            else:
                headers["Content-Security-Policy"] = content_security_policy(" ".join(["'self'", *allowed]))
                if not allowed:
                    headers["X-Frame-Options"] = "SAMEORIGIN"
        else:
            headers["Content-Security-Policy"] = content_security_policy("'none'")
            headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if route.cors:
            _cors(app, response)
        _whole_page_for_htmx(response)
        return response


def _whole_page_for_htmx(response: Response) -> None:
    """A full page answering an htmx request (a boosted link that left the search) replaces the body,
    never the results block it was aimed at."""
    if (
        htmx
        and not htmx.history_restore_request
        and "HX-Push-Url" not in response.headers
        and response.mimetype == "text/html"
        and not response.is_streamed
        and response.get_data(as_text=False).lstrip()[:15].lower().startswith(b"<!doctype html")
    ):
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML show:window:top"


def _cors(app: Flask, response: Response) -> None:
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if not origin:
        return
    allowed = app.config["CORS_ORIGINS"]
    if "*" in allowed:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin.lower().rstrip("/") in allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
    else:
        return  # no CORS headers: the browser keeps the response from the other site's script
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Max-Age"] = "600"
    if request.method == "OPTIONS" and request.headers.get("Access-Control-Request-Headers"):
        response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Language"
