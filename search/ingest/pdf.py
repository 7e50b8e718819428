"""PDF files (attachments of notices and decisions): the text of their text layer, by pypdf.

A scanned PDF has no text layer: it is reported as such (it would need OCR), never indexed empty.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

from search.ingest.decode import DEFAULT_MAX_BYTES, read_capped
from search.ingest.readers import reader
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults
from search.text import normalize

MIN_CHARS = 20  # fewer letters than this in the whole file: no usable text layer


def pdf_text(data: bytes) -> str:
    """The text of every page, a blank line between pages; "" when there is no text layer."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every odd object it skips
    try:
        pages = PdfReader(io.BytesIO(data)).pages
        text = "\n\n".join((page.extract_text() or "").strip() for page in pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SkipFile(f"unreadable PDF ({exc})", "unreadable") from exc
    text = normalize(text).strip()
    return text if sum(ch.isalpha() for ch in text) >= MIN_CHARS else ""


@reader(".pdf")
def read_pdf(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    text = pdf_text(read_capped(path, max_bytes))
    if not text:
        raise SkipFile("PDF without a text layer (a scan? it needs OCR first)", "no_text_layer")
    yield RawDocument(origin=str(path), text=text, kind="text", fields={}, site=site)
