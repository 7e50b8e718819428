"""HTML pages and fragments: main content (trafilatura), else the visible text of the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from search.ingest.decode import DEFAULT_MAX_BYTES, declared_charset, decode_bytes, read_capped
from search.ingest.fields import clean_fields
from search.ingest.readers import reader
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults
from search.text import normalize

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_HTML_HINT = re.compile(
    r"</?(?:p|div|br|span|h[1-6]|ul|ol|li|table|tr|td|img|a|strong|em|b|i|figure|figcaption|blockquote"
    r"|section|article|font)\b[^>]*>",
    re.IGNORECASE,
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "blockquote", "pre",
    "figure", "figcaption", "form", "address", "hr", "center",
}  # fmt: skip
_BREAK = "\x00"
_PARA = "\x01"


def looks_like_html_page(text: str) -> bool:
    return bool(_HTML_START.match(text[:1024]))


def looks_like_html(text: str) -> bool:
    """True when a record body is markup rather than plain text."""
    return bool(_HTML_HINT.search(text[:20000]))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page or fragment: block elements become paragraphs, <br> a line break."""
    import lxml.html
    from lxml import etree

    markup = _XML_DECL.sub("", markup)
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    parts: list[str] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append(_PARA)
            elif tag in {"td", "th"}:
                parts.append(" ")
            if tag is not None and el.text:
                parts.append(_collapse(el.text))
        else:
            if tag in _BLOCK_TAGS:
                parts.append(_PARA)
            elif tag == "br":
                parts.append(_BREAK)
            if el is not body and el.tail:
                parts.append(_collapse(el.tail))
    return _tidy("".join(parts))


def _collapse(text: str) -> str:
    """HTML whitespace: runs become one space, a blank line in the source still ends a paragraph."""
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*", _PARA, text)
    return re.sub(r"[^\S\x00\x01]+", " ", text)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]*\x01[\s\x00\x01]*", "\n\n", text)
    text = text.replace(_BREAK, "\n")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_document(origin: str, html_text: str, site: SiteDefaults) -> RawDocument:
    """Main content of a saved page (trafilatura), else all of its <body>; page metadata into fields."""
    fields: dict[str, Any] = {}
    text = ""
    try:
        import trafilatura
        from trafilatura.settings import set_date_params

        doc = trafilatura.bare_extraction(
            html_text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params=set_date_params(False),  # no guessing from the crawl-time header
        )
    except Exception:  # trafilatura gives up on some broken pages: the body fallback still works
        doc = None
    if doc is not None:
        text = (getattr(doc, "text", None) or "").strip()
        for name in ("title", "date", "author", "url"):
            value = getattr(doc, name, None)
            if value:
                fields[name] = value
    if not text:
        text = html_to_text(html_text)
        fields.setdefault("extractor", "body")
        if "title" not in fields and (title := _html_title(html_text)):
            fields["title"] = title
    else:
        fields["extractor"] = "trafilatura"
    text = normalize(text).strip()
    if not text:
        raise SkipFile("no text found in HTML", "no_text")
    return RawDocument(origin=origin, text=text, kind="html", fields=clean_fields(fields), site=site)


def _html_title(html_text: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html_text[:200_000], re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(1))).strip() or None


@reader(".html", ".htm", ".xhtml")
def read_html(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    data = read_capped(path, max_bytes)
    yield html_document(str(path), decode_bytes(data, declared_charset(data)), site)
