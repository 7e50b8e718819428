"""Boilerplate a site repeats on its pages, learned from the pages themselves.

A mirror of a portal (``wget --mirror``, HTTrack) holds hundreds of pages with the same menus,
visitor counters and "Bài viết khác" lists around each article. trafilatura drops most of it page by
page; what it keeps, a site gives away by repeating. A line that stands on at least ``SHARE`` of a
folder's HTML pages (and on ``MIN_PAGES`` of them at least) is the site's, not the article's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from search.model import RawDocument

MIN_PAGES = 3
SHARE = 0.5
MIN_SITE = 4  # fewer pages than this teach nothing


def _key(line: str) -> str:
    return " ".join(line.split()).lower()


def repeated_lines(texts: Iterable[str], pages: int) -> set[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({_key(line) for line in text.splitlines() if line.strip()})
    floor = max(MIN_PAGES, SHARE * pages)
    return {line for line, n in counts.items() if n >= floor}


def strip_site_boilerplate(docs: list[RawDocument]) -> list[RawDocument]:
    """The pages with the lines their site repeats taken out (a page left empty keeps its text)."""
    if len(docs) < MIN_SITE:
        return docs
    repeated = repeated_lines((d.text for d in docs), len(docs))
    if not repeated:
        return docs
    for doc in docs:
        kept = [line for line in doc.text.splitlines() if _key(line) not in repeated]
        if any(line.strip() for line in kept):
            doc.text = "\n".join(kept)
    return docs
