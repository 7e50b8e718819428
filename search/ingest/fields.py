"""Field values of any reader made plain: strings normalised (URLs and ids kept verbatim), dates as ISO text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from search.text import normalize

VERBATIM = {"url", "id", "permalink"}  # not run through normalize (it unescapes "&copy=" in URLs)


def clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: clean_value(value, verbatim=key in VERBATIM) for key, value in fields.items()}


def clean_value(value: Any, verbatim: bool = False) -> Any:
    if isinstance(value, str):
        return value.strip() if verbatim else normalize(value).strip()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [clean_value(v, verbatim) for v in value]
    if isinstance(value, dict):
        return {str(k): clean_value(v, verbatim) for k, v in value.items()}
    return value
