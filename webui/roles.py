"""What kind of route each view is, declared at the view; error format, framing, CORS and rate limits follow.

A new machine route is ``@role("api")`` on its view: it then answers errors in JSON, may be read
cross-origin by the allowed origins, and is rate limited, without a list to keep in step elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask, request

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Role:
    name: str
    errors: str  # "page" (the search form with the message), "html", "json" or "text"
    cors: bool  # other origins on CORS_ORIGINS may read it
    frameable: bool  # /embed only: other sites may frame it
    rate_limit: str | None  # the config key holding its flask-limiter limit


ROLES = {
    r.name: r
    for r in (
        Role("page", "html", cors=False, frameable=False, rate_limit=None),
        Role("search_page", "page", cors=False, frameable=False, rate_limit=None),
        Role("embed", "page", cors=False, frameable=True, rate_limit=None),
        Role("api", "json", cors=True, frameable=False, rate_limit="RATELIMIT_API"),
        Role("feed", "text", cors=True, frameable=False, rate_limit="RATELIMIT_API"),
        Role("export", "text", cors=True, frameable=False, rate_limit="RATELIMIT_EXPORT"),
        Role("suggest", "json", cors=True, frameable=False, rate_limit="RATELIMIT_SUGGEST"),
        Role("description", "text", cors=True, frameable=False, rate_limit=None),
    )
}
DEFAULT = ROLES["page"]


def role(name: str) -> Callable[[F], F]:
    """Declare the decorated view's role (a key of ROLES)."""
    if name not in ROLES:
        raise ValueError(f"unknown route role {name!r}")

    def mark(view: F) -> F:
        view.route_role = name  # type: ignore[attr-defined]
        return view

    return mark


def role_of_endpoint(app: Flask, endpoint: str | None) -> Role:
    view = app.view_functions.get(endpoint or "")
    return ROLES[getattr(view, "route_role", DEFAULT.name)]


def current(app: Flask) -> Role:
    """The role of the view answering this request (a path no view matched: JSON if it asks for .json)."""
    if request.endpoint is None and request.path.endswith(".json"):
        return ROLES["api"]
    return role_of_endpoint(app, request.endpoint)
