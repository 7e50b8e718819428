"""The Whoosh schema: the analysed text fields, and one keyword column per registered facet."""

from __future__ import annotations

from whoosh import fields

from search import registry
from search.indexing.analysis import compound_analyzer, pair_analyzer, vietnamese_analyzer

SCHEMA_VERSION = "5"


def schema_version() -> str:
    """Changes when the fields change (a new facet too): an index of another version is rebuilt from scratch."""
    return f"{SCHEMA_VERSION}:{','.join(registry.facet_names())}"


def make_schema() -> fields.Schema:
    text = vietnamese_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        hash=fields.STORED(),
        origin=fields.STORED(),
        doc=fields.STORED(),  # the Article's metadata as JSON-ready dict, for rendering hits
        title=fields.TEXT(analyzer=text, stored=True, field_boost=3.0),
        body=fields.TEXT(analyzer=text, stored=True),
        # Where and by whom, as words: "Nam Trực" finds the district's articles even when the body
        # says only "huyện" (a portal never names its own district).
        meta=fields.TEXT(analyzer=text, field_boost=2.0),
        seg=fields.TEXT(analyzer=compound_analyzer(), phrase=False),
        pairs=fields.TEXT(analyzer=pair_analyzer(), phrase=False),  # adjacent syllables, for phrases
        dcode=fields.KEYWORD(lowercase=True, commas=True),  # bare directive codes, for queries
        date=fields.ID(stored=True, sortable=True),
        **{name: fields.KEYWORD(stored=True, commas=True, scorable=False) for name in registry.facet_names()},
    )
