"""The Whoosh schema: the analysed text fields, and one keyword column per registered facet."""

from __future__ import annotations

from typing import Any

from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter

from search import registry
from search.indexing.analysis import (
    compound_analyzer,
    compound_counts,
    pair_analyzer,
    pair_counts,
    syllable_counts,
    title_pair_counts,
    vietnamese_analyzer,
)
from search.indexing.postings import CountedText

SCHEMA_VERSION = "12"


def schema_version() -> str:
    """Changes when the fields change (a new facet too): an index of another version is rebuilt from scratch."""
    return f"{SCHEMA_VERSION}:{','.join(registry.facet_names())}"


class IndexCodec(W3Codec):
    """Whoosh's format, written for how this engine reads it (a third less writing CPU, the same size).

    No per-block field-length statistics: they serve Whoosh's own block-skipping scorers, and the
    engine reads whole posting lists and its own length arrays. Level-1 compression: the blocks are
    small pickles, and level 3 bought nothing over 1 but time.
    """

    length_stats = False

    def __init__(self) -> None:
        super().__init__(blocklimit=256, compression=1)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


SMALL_BLOCK = 2  # postings in a block written without compression


class _PostingsWriter(W3PostingsWriter):
    """Blocks of a few postings are stored as they are (each block says whether it is compressed).

    Most terms have one or two postings; zlib's header made their blocks larger, not smaller, and
    cost a call each.
    """

    def _write_block(self, last: bool = False) -> None:
        level: int = self._compression  # type: ignore[has-type]
        if len(self._ids) <= SMALL_BLOCK:
            self._compression = 0
        try:
            super()._write_block(last)
        finally:
            self._compression = level


def make_schema() -> fields.Schema:
    text = vietnamese_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        hash=fields.STORED(),
        origin=fields.STORED(),
        doc=fields.STORED(),  # the Article's metadata as JSON-ready dict, for rendering hits
        # Field weights are the ranking's (search.retrieval.ranking), never baked into the index.
        # No positions: phrases and proximity are pair terms, so nothing decodes positions.
        title=CountedText(syllable_counts, analyzer=text, stored=True, phrase=False),
        body=CountedText(syllable_counts, analyzer=text, stored=True, phrase=False),
        # Where and by whom, as words: "Nam Trực" finds the district's articles even when the body
        # says only "huyện" (a portal never names its own district).
        meta=CountedText(syllable_counts, analyzer=text, phrase=False),
        seg=CountedText(compound_counts, analyzer=compound_analyzer(), phrase=False),
        # Adjacent syllables of the whole article (title, body, meta), of the title (where only sentence
        # ends break them), and of the lead.
        pairs=CountedText(pair_counts, analyzer=pair_analyzer(), phrase=False),
        tpairs=CountedText(title_pair_counts, analyzer=pair_analyzer(sentences_only=True), phrase=False),
        lpairs=CountedText(pair_counts, analyzer=pair_analyzer(), phrase=False),
        dcode=fields.KEYWORD(lowercase=True, commas=True),  # bare directive codes, for queries
        date=fields.ID(stored=True, sortable=True),
        **{name: fields.KEYWORD(stored=True, commas=True, scorable=False) for name in registry.facet_names()},
    )
