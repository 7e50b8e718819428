"""Scraped pages saved as text (.txt, and any suffix no other reader claims)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from search.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, read_capped
from search.ingest.html import html_document, looks_like_html_page
from search.ingest.readers import FALLBACK, reader
from search.ingest.report import LoadReport
from search.model import RawDocument, SiteDefaults
from search.text import normalize


@reader(".txt", ".text", FALLBACK)
def read_text(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    """A page saved as text; a whole HTML page with a .txt name is read as HTML."""
    text = decode_bytes(read_capped(path, max_bytes))
    if looks_like_html_page(text):
        yield html_document(str(path), text, site)
    else:
        yield RawDocument(origin=str(path), text=normalize(text), kind="text", site=site)
