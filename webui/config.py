"""Configuration defaults and the checks that keep allow-lists from becoming header injections."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

DEFAULTS: dict[str, Any] = {
    "INDEX_DIR": "index",
    "BACKEND": "",  # solr://host:port/solr/collection to search a SolrCloud instead of INDEX_DIR
    # Origins (scheme://host[:port]) allowed to put /embed in an <iframe>. "*" (the default): any site,
    # since /embed is read-only; a list narrows it. Every other page can never be framed.
    "FRAME_ANCESTORS": ["*"],
    # Origins allowed to read the JSON/CSV/Atom twins and /suggest cross-origin. "*" means anyone.
    "CORS_ORIGINS": [],
    # Proxies in front of the app to trust for X-Forwarded-For/-Proto/-Host/-Prefix (werkzeug's
    # ProxyFix). 0: none, the headers are ignored (anyone could send them).
    "PROXY_FIX": 0,
    "PER_PAGE": 20,
    "EMBED_PER_PAGE": 8,
    "FEED_SIZE": 30,
    # Per-client limits on the machine API and suggestions (webui/limits.py; flask-limiter syntax).
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_API": "300 per minute; 30 per second",
    "RATELIMIT_EXPORT": "30 per minute",
    "RATELIMIT_SUGGEST": "600 per minute; 30 per second",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
}

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def origin_list(value: str | Iterable[str] | None, name: str, allow_star: bool = False) -> list[str]:
    """Origins from a list or a comma/space separated string; anything that is not an origin is refused."""
    if value is None:
        return []
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        item = str(item).strip().rstrip("/")
        if not item:
            continue
        if item == "*" and allow_star:
            out.append(item)
        elif _ORIGIN.match(item):
            out.append(item.lower())
        else:
            raise ValueError(f"{name}: {item!r} is not an origin like https://portal.example.gov.vn")
    return list(dict.fromkeys(out))
