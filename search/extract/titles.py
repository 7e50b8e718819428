"""Choosing an article's title, and saying where it came from.

Precedence: the metadata's title; else the page's own heading; else the URL slug turned back into
an accented title by finding its folded syllables in the article's own text. A caption ("(Ảnh: …)",
"Ảnh minh họa") or a paragraph of more than ``MAX_WORDS`` words is never a title when a better
source exists: exports often put a photo caption or the lead where the headline should be.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from unidecode import unidecode

from search.extract import accents

MAX_WORDS = 30
UNTITLED = "(không có tiêu đề)"

_CAPTION = re.compile(
    r"\(\s*(?:ảnh|nguồn|video|clip|đồ\s+họa)\s*:|^\s*(?:ảnh|video)\s*:|ảnh\s+minh\s+họa|^\s*\(?ảnh\s+chụp\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
_ID_TAIL = re.compile(r"(?:[-_.](?:\d{5,}|[0-9a-f]{8,}|[a-z]?\d+[a-z]?\d*))+$", re.IGNORECASE)
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?|jsp|epi|vnp|htm)$", re.IGNORECASE)


def is_caption(line: str) -> bool:
    return bool(_CAPTION.search(line))


def usable(title: str | None) -> bool:
    """A title a reader would accept: some words, not a caption, not a paragraph."""
    if not title or not title.strip():
        return False
    words = len(title.split())
    return 0 < words <= MAX_WORDS and not is_caption(title)


def _key(text: str) -> str:
    return "".join(_WORD.findall(unidecode(text).lower()))


def slug_words(url: str | None) -> list[str]:
    """The words of a URL's last path segment ("…/vinamilk-lot-top-1000-…-20201001163534963.htm").

    Empty when the segment is an id ("22308329.epi") or too short to be a title.
    """
    if not url:
        return []
    path = re.sub(r"[?#].*$", "", url.strip())
    segment = unquote(path.rstrip("/").rsplit("/", 1)[-1])
    segment = _EXTENSION.sub("", segment)
    segment = _ID_TAIL.sub("", segment)
    words = [w for w in re.split(r"[-_+\s]+", unidecode(segment).lower()) if w]
    if len(words) < 3 or sum(1 for w in words if w.isalpha()) < 2:
        return []
    return words


def matches_slug(line: str, slug: list[str]) -> bool:
    """Whether a line is the title the slug was made from (accents and punctuation aside; a slug may
    be cut short)."""
    return bool(slug) and _key(line).startswith("".join(slug))


def trusted_line(line: str | None, url: str | None) -> bool:
    """A guessed title (a record's first line): the slug confirms it, or there is no slug and it reads
    as a title."""
    if not line or is_caption(line):
        return False
    slug = slug_words(url)
    return matches_slug(line, slug) if slug else usable(line)


def choose(
    metadata: str | None, heading: str | None, first_line: str | None, url: str | None, text: str
) -> tuple[str, str]:
    """(title, source), source one of "metadata", "page", "url", "none".

    ``heading`` is a headline the page marks as one (above its lead); ``first_line`` is a guess (the
    first line of a record without a title). A heading the slug confirms is kept however long.
    """
    if usable(metadata):
        return metadata.strip(), "metadata"  # type: ignore[union-attr]
    slug = slug_words(url)
    for line in (heading, first_line):
        if line and not is_caption(line) and matches_slug(line, slug):
            return line.strip(), "page"
    if usable(heading):
        return heading.strip(), "page"  # type: ignore[union-attr]
    if not slug and usable(first_line):
        return first_line.strip(), "page"  # type: ignore[union-attr]
    if slug:
        return accents.restore(slug, text), "url"
    for fallback, source in ((metadata, "metadata"), (heading, "page")):
        if fallback and fallback.strip():
            return fallback.strip(), source  # a long or caption-like title beats none at all
    return UNTITLED, "none"
