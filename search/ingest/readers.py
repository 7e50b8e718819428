"""Which reader turns a file into documents, by its suffix: a new input format is one new module.

A reader takes (path, site defaults, load report, byte cap) and yields RawDocuments; it raises
:class:`~search.ingest.report.SkipFile` to skip the whole file, or records a skipped line in the
report and goes on. Readers register themselves with :func:`reader`; the package imports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from search.ingest.report import LoadReport
from search.model import RawDocument, SiteDefaults

Reader = Callable[[Path, SiteDefaults, LoadReport, int], Iterator[RawDocument]]
READERS: dict[str, Reader] = {}
FALLBACK = ""  # the reader of any suffix nobody registered (plain text, sniffed for HTML)


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of these suffixes (".md"; "" for the fallback)."""

    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            if suffix in READERS:
                raise ValueError(f"two readers for {suffix!r}")
            READERS[suffix] = fn
        return fn

    return register


def reader_for(path: Path) -> Reader:
    """The reader of the longest registered suffix ("a.warc.gz" -> ".warc.gz", else ".gz")."""
    suffixes = [s.lower() for s in path.suffixes]
    for n in range(min(len(suffixes), 2), 0, -1):
        found = READERS.get("".join(suffixes[-n:]))
        if found is not None:
            return found
    return READERS[FALLBACK]
