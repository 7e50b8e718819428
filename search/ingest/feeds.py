"""RSS and Atom feed files: one article per entry, with the feed's own title, link and date.

feedparser reads every RSS and Atom dialect; an entry's date is its ``published`` (else
``updated``) as the feed states it, never the time the file was fetched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from search.ingest.decode import DEFAULT_MAX_BYTES, read_capped
from search.ingest.html import html_to_text
from search.ingest.readers import FALLBACK, READERS, reader
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults
from search.text import normalize


def _day(entry: Any, name: str) -> str | None:
    parsed = entry.get(f"{name}_parsed")
    if parsed:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return entry.get(name)


def feed_documents(origin: str, data: bytes, site: SiteDefaults, report: LoadReport) -> Iterator[RawDocument]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        raise SkipFile(f"no entries in the feed{problem}", "bad_record")
    for i, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{i}"
        content = entry.get("content") or []
        markup = content[0].get("value", "") if content else entry.get("summary", "")
        text = normalize(html_to_text(markup)).strip() if markup else ""
        title = normalize(entry.get("title", "")).strip()
        if not text and not title:
            report.skip(where, "feed entry without a title or text", "bad_record")
            continue
        fields = {
            k: v
            for k, v in {
                "title": title,
                "url": entry.get("link"),
                "date": _day(entry, "published") or _day(entry, "updated"),
                "author": entry.get("author"),
            }.items()
            if v
        }
        yield RawDocument(origin=where, text=text or title, kind="record", fields=fields, site=site)


@reader(".rss", ".atom")
def read_feed(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    yield from feed_documents(str(path), read_capped(path, max_bytes), site, report)


@reader(".xml")
def read_xml(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    """An ".xml" file is a feed when it opens like one; anything else is read as any unknown file."""
    data = read_capped(path, max_bytes)
    head = data[:2048].lower()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        yield from feed_documents(str(path), data, site, report)
    else:
        yield from READERS[FALLBACK](path, site, report, max_bytes)
