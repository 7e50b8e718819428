"""Markdown posts of static-site generators: front matter into fields, the body as plain text."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from search.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, read_capped
from search.ingest.readers import reader
from search.ingest.records import canonical_fields
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults
from search.text import normalize

_YAML_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_OPEN = re.compile(r"\A\+\+\+[ \t]*\r?\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_JSON_OPEN = re.compile(r"\A\s*\{\s*[\"}]")
_TOML_ERR_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _markdown_document(origin: str, text: str, site: SiteDefaults) -> RawDocument:
    """A Hugo/Jekyll post: front matter (YAML ---, TOML +++ or JSON {}) into fields, body as plain text."""
    text = text.lstrip("\ufeff")
    meta, body = split_front_matter(text)
    fields = canonical_fields(meta) if meta else {}
    plain = normalize(markdown_to_text(body)).strip()
    lead: str = fields["lead"] if isinstance(fields.get("lead"), str) else ""
    if not plain and not lead:
        raise SkipFile("no text (empty body and no summary)", "no_text")
    return RawDocument(origin=origin, text=plain or lead, kind="record", fields=fields, site=site)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body). Raises SkipFile naming the format and file line of a parse error."""
    if m := _YAML_OPEN.match(text):
        close = _YAML_CLOSE.search(text, m.end())
        if close is None:
            raise SkipFile(
                "invalid YAML front matter: opened at line 1 and never closed with ---", "front_matter"
            )
        block, body = text[m.end() : close.start()], text[close.end() :]
        try:
            meta = yaml.safe_load(block)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise SkipFile(f"invalid YAML front matter{where}: {problem}", "front_matter") from exc
        return _front_matter_mapping(meta, "YAML"), body
    if m := _TOML_OPEN.match(text):
        close = _TOML_CLOSE.search(text, m.end())
        if close is None:
            raise SkipFile(
                "invalid TOML front matter: opened at line 1 and never closed with +++", "front_matter"
            )
        block, body = text[m.end() : close.start()], text[close.end() :]
        try:
            meta = tomllib.loads(block)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_ERR_LINE.search(str(exc))
            where = f" at line {int(found.group(1)) + 1}" if found else ""
            message = _TOML_ERR_LINE.sub("", str(exc)).strip()
            raise SkipFile(f"invalid TOML front matter{where}: {message}", "front_matter") from exc
        return meta, body
    if _JSON_OPEN.match(text):
        start = len(text) - len(text.lstrip())
        try:
            meta, end = json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise SkipFile(
                f"invalid JSON front matter at line {exc.lineno}: {exc.msg}", "front_matter"
            ) from exc
        return _front_matter_mapping(meta, "JSON"), text[end:]
    return {}, text


def _front_matter_mapping(meta: Any, fmt: str) -> dict[str, Any]:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise SkipFile(
            f"invalid {fmt} front matter: expected key/value pairs, got {type(meta).__name__}", "front_matter"
        )
    return meta


_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE), ""),
    (re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL), ""),  # Hugo shortcodes, Liquid
    (re.compile(r"<br\s*/?>", re.IGNORECASE), "  \n"),
    (
        re.compile(
            r"</?(?:p|div|h[1-6]|li|ul|ol|tr|table|blockquote|section|article|figure|figcaption)\b[^>]*>",
            re.I,
        ),
        "\n\n",
    ),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images (alt is mostly a file name)
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])"), r"\1"),
]
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_RULE_LINE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$|^\s{0,3}=+\s*$|^\s*```.*$|^\s*~~~.*$")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_ORDERED = re.compile(r"^\s*\d+[.)]\s+")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_to_text(body: str) -> str:
    """Plain text of a Markdown (or HTML) body: paragraphs on one line each, markup and shortcodes gone."""
    for pattern, repl in _MD_RULES:
        body = pattern.sub(repl, body)
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in body.splitlines():
        hard_break = raw.endswith("  ") or raw.endswith("\\")
        line = _MD_QUOTE.sub("", raw).rstrip("\\").strip()
        if not line or _MD_RULE_LINE.match(line) or _MD_LINK_DEF.match(line) or _MD_TABLE_SEP.match(line):
            flush()
            continue
        if heading := _MD_HEADING.match(line):
            flush()
            blocks.append(heading.group(1))
            continue
        if _MD_BULLET.match(line) or _MD_ORDERED.match(line) or line.startswith("|"):
            flush()
            line = _MD_BULLET.sub("", line)
            if line.startswith("|"):
                line = " ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
        current.append(line)
        if hard_break:
            flush()
    flush()
    return "\n\n".join(re.sub(r"[ \t]+", " ", b).strip() for b in blocks if b.strip())


@reader(".md", ".markdown", ".mdown", ".mkd")
def read_markdown(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    yield _markdown_document(str(path), decode_bytes(read_capped(path, max_bytes)), site)
