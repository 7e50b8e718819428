"""Where the app is mounted: every path it writes starts with the script root.

Behind a portal's reverse proxy the app may live under ``/tra-cuu/``: the WSGI server's
``SCRIPT_NAME`` (waitress ``--url-prefix``), or ``X-Forwarded-Prefix`` through werkzeug's ProxyFix
when ``PROXY_FIX`` trusts that many proxies. Views and templates build paths with :func:`here`, so
no link, form, feed id or twin forgets the prefix.
"""

from __future__ import annotations

from flask import has_request_context, request


def root() -> str:
    """The mount point ("" at the top of the host, "/tra-cuu" under a prefix)."""
    return request.script_root if has_request_context() else ""


def here(path: str) -> str:
    """An app path ("/search?q=…") as the browser must ask for it."""
    return root() + path
