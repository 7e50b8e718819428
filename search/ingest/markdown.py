"""Markdown posts of static-site generators: front matter into fields, the body as plain text.

Every front-matter variant the generators write is one row of :data:`FENCES` (YAML ``---``, TOML
``+++``, fenced ``---json``/``---yaml``/``---toml``, ``;;;`` JSON) or a bare JSON object; keys are
mapped by the one table of :mod:`search.ingest.records`. The body is rendered by markdown-it-py
(raw HTML passes through, as portal exports write HTML bodies) and read as text like any page.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from search.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, read_capped
from search.ingest.html import html_to_text
from search.ingest.pdf import pdf_text
from search.ingest.readers import reader
from search.ingest.records import canonical_fields
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults
from search.text import normalize

_TOML_ERR_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_JSON_OPEN = re.compile(r"\A\s*\{\s*[\"}]")
# Hugo shortcodes and Liquid tags: template code, never text.
_TEMPLATE = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


class FrontMatterError(ValueError):
    """A front-matter block that does not parse; ``line`` is the file's line (1-based)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _yaml(block: str) -> Any:
    try:
        return yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(str(problem), mark.line + 1 if mark is not None else None) from exc


def _toml(block: str) -> Any:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_ERR_LINE.search(str(exc))
        raise FrontMatterError(
            _TOML_ERR_LINE.sub("", str(exc)).strip(), int(found.group(1)) if found else None
        ) from exc


def _json(block: str) -> Any:
    try:
        return json.loads(block)
    except json.JSONDecodeError as exc:
        raise FrontMatterError(exc.msg, exc.lineno) from exc


@dataclass(frozen=True)
class Fence:
    """One front-matter style: the line that opens it, the line that closes it, and its parser."""

    name: str
    opening: re.Pattern[str]
    closing: re.Pattern[str]
    parse: Callable[[str], Any]


def _line(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^{pattern}[ \t]*\r?$", re.MULTILINE)


# The explicit fences first: "---json" must not be read as YAML's "---".
FENCES: tuple[Fence, ...] = (
    Fence("JSON", _line(r"---[ \t]*json"), _line(r"---"), _json),
    Fence("YAML", _line(r"---[ \t]*ya?ml"), _line(r"---|\.\.\."), _yaml),
    Fence("TOML", _line(r"---[ \t]*toml"), _line(r"---"), _toml),
    Fence("JSON", _line(r";;;"), _line(r";;;"), _json),
    Fence("YAML", _line(r"---"), _line(r"---|\.\.\."), _yaml),
    Fence("TOML", _line(r"\+\+\+"), _line(r"\+\+\+"), _toml),
)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body). Raises SkipFile naming the format and the file's line of a parse error."""
    for fence in FENCES:
        opened = fence.opening.match(text)
        if not opened:
            continue
        start = opened.end() + 1
        closed = fence.closing.search(text, start)
        if closed is None:
            raise SkipFile(f"invalid {fence.name} front matter: opened at line 1 and never closed", "front_matter")
        try:
            meta = fence.parse(text[start : closed.start()])
        except FrontMatterError as exc:
            where = f" at line {exc.line + 1}" if exc.line else ""  # the opening fence is line 1
            raise SkipFile(f"invalid {fence.name} front matter{where}: {exc}", "front_matter") from exc
        return _mapping(meta, fence.name), text[closed.end() + 1 :]
    if _JSON_OPEN.match(text):  # a bare JSON object (Hugo): the body follows its closing brace
        begin = len(text) - len(text.lstrip())
        try:
            meta, end = json.JSONDecoder().raw_decode(text, begin)
        except json.JSONDecodeError as exc:
            raise SkipFile(f"invalid JSON front matter at line {exc.lineno}: {exc.msg}", "front_matter") from exc
        return _mapping(meta, "JSON"), text[end:]
    return {}, text


def _mapping(meta: Any, fmt: str) -> dict[str, Any]:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise SkipFile(
            f"invalid {fmt} front matter: expected key/value pairs, got {type(meta).__name__}", "front_matter"
        )
    return meta


@functools.cache
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def markdown_to_text(body: str) -> str:
    """Plain text of a Markdown (or HTML) body: paragraphs on one line each, markup and shortcodes gone."""
    body = _TEMPLATE.sub("", body)
    if not body.strip():
        return ""
    return html_to_text(_renderer().render(body))


# Front-matter keys naming a file attached to the page (a portal's notice is often only its PDF).
ATTACHMENT_KEYS = ("attachment", "attachments", "file", "files", "tai_lieu_dinh_kem", "tep_dinh_kem")
ATTACHMENT_DEPTH = 4  # folders above the page searched for a site-absolute path ("/img/qd-01.pdf")


def _attachments(path: Path, meta: dict[str, Any], report: LoadReport) -> list[str]:
    """The text of the PDFs the front matter attaches, found beside the page or under the site's root."""
    out = []
    for key in ATTACHMENT_KEYS:
        value = meta.get(key)
        for ref in value if isinstance(value, list) else [value]:
            if not isinstance(ref, str) or not ref.lower().endswith(".pdf") or "://" in ref:
                continue
            rel = ref.lstrip("/")
            roots = [path.parent, *list(path.parents)[:ATTACHMENT_DEPTH]]
            found = next((r / sub / rel for r in roots for sub in ("", "static") if (r / sub / rel).is_file()), None)
            if found is None:
                report.note(path, f"attachment {ref} not found beside the page: the page is read without it")
                continue
            try:
                text = pdf_text(read_capped(found))
            except SkipFile as exc:
                report.note(found, f"attachment not read: {exc.reason}")
                continue
            if text:
                out.append(f"Tài liệu đính kèm ({Path(ref).name}):\n\n{text}")
            else:
                report.note(found, "attachment without a text layer (a scan? it needs OCR first): not read")
    return out


def _markdown_document(origin: str, text: str, site: SiteDefaults, report: LoadReport | None = None) -> RawDocument:
    text = text.lstrip("\ufeff")
    meta, body = split_front_matter(text)
    fields = canonical_fields(meta) if meta else {}
    plain = normalize(markdown_to_text(body)).strip()
    if meta and report is not None:
        plain = "\n\n".join([plain, *_attachments(Path(origin), meta, report)]).strip()
    lead: str = fields["lead"] if isinstance(fields.get("lead"), str) else ""
    if not plain and not lead:
        title = fields.get("title")
        if not (isinstance(title, str) and title.strip()):
            raise SkipFile("no text (empty body, no title and no summary)", "no_text")
    return RawDocument(origin=origin, text=plain or lead, kind="record", fields=fields, site=site)


@reader(".md", ".markdown", ".mdown", ".mkd")
def read_markdown(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    yield _markdown_document(str(path), decode_bytes(read_capped(path, max_bytes)), site, report)
