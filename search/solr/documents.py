"""An analysed row (the Whoosh row of :func:`search.indexing.build.article_fields`) as a Solr document.

Every text field is sent as the exact terms the Whoosh schema indexes for it, each repeated as often
as it occurs, so term and document frequencies and field lengths are the same in both backends.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from whoosh import fields
from whoosh.util.numeric import byte_to_length, length_to_byte

from search.indexing.postings import CountedText
from search.indexing.schema import make_schema

SCORED = ("title", "body", "meta")  # the fields BM25 scores (search.retrieval.plan.SYLLABLE_FIELDS)
STORED = ("id", "hash", "origin", "doc", "title", "body", "date")  # what hits render from


@cache
def _fields() -> tuple[dict[str, CountedText], tuple[str, ...]]:
    schema = make_schema()
    text = {name: f for name, f in schema.items() if isinstance(f, CountedText)}
    keywords = tuple(name for name, f in schema.items() if isinstance(f, fields.KEYWORD))
    return text, keywords


def text_field(name: str) -> str:
    return f"t_{name}"


def length_field(name: str) -> str:
    return f"len_{name}"


def keyword_field(name: str) -> str:
    return f"f_{name}"


def terms_string(counts: dict[str, int]) -> str:
    return " ".join(" ".join([term] * n) for term, n in counts.items())


def solr_document(row: dict[str, Any]) -> dict[str, Any]:
    text, keywords = _fields()
    out: dict[str, Any] = {"id": row["id"], "hash": row.get("hash"), "origin": row.get("origin")}
    for name, field in text.items():
        counts = field.counts(row.get(name) or "")
        if counts:
            out[text_field(name)] = terms_string(counts)
        if name == "title":
            out["title_len"] = sum(counts.values())
        if name in SCORED:  # the length BM25 uses, as Whoosh keeps it (one byte, decoded)
            out[length_field(name)] = byte_to_length(length_to_byte(sum(counts.values())))
    for name in keywords:
        raw = row.get(name) or ""
        values = [v.strip() for v in raw.split(",") if v.strip()]
        if name == "dcode":
            values = [v.lower() for v in values]
        if values:
            out[keyword_field(name)] = values
    date = row.get("date") or ""
    out["date_ord"] = dt.date.fromisoformat(date).toordinal() if date else 0
    out["stored_json"] = json.dumps({k: row[k] for k in STORED if k in row}, ensure_ascii=False, default=str)
    return out


def stored_fields(solr_doc: dict[str, Any]) -> dict[str, Any]:
    """What the Whoosh backend's ``searcher.stored_fields`` gives for the same document."""
    return dict(json.loads(solr_doc.get("stored_json") or "{}"))
