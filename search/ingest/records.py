"""Article records: JSON Lines dumps and JSON files, their keys mapped to canonical names."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from search.ingest.decode import BOMS, DEFAULT_MAX_BYTES, decode_bytes, read_capped, too_large, utf16_without_bom
from search.ingest.fields import clean_fields, clean_value
from search.ingest.html import html_to_text, looks_like_html
from search.ingest.readers import reader
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults
from search.text import normalize

# Canonical record keys and the names exports use for them, in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "source_url", "sourceurl", "canonical_url", "duong_dan"),
    "title": ("title", "headline", "tieu_de", "tieude"),
    "date": (
        "date",
        "published",
        "pubdate",
        "published_at",
        "publish_date",
        "date_published",
        "datepublished",
        "created",
        "created_at",
        "time",
        "ngay",
        "ngay_dang",
    ),
    "updated": ("updated", "lastmod", "modified", "date_modified", "updated_at"),
    "body": ("body", "content", "text", "html", "noi_dung", "noidung"),
    "lead": ("lead", "sapo", "summary", "description", "excerpt", "tom_tat"),
    "tags": ("tags", "tag", "categories", "category", "keywords"),
    "author": ("author", "authors", "tac_gia"),
    "source": ("source", "publisher", "nguon"),
    "province": ("province",),
    "district": ("district",),
    "unit": ("unit",),
    "id": ("id",),
}
_ALIAS_OF = {alias: canon for canon, aliases in ALIASES.items() for alias in aliases}


def canonical_fields(record: dict[str, Any]) -> dict[str, Any]:
    """A record's keys under canonical names (url, title, date, body, lead, ...); others kept as they are."""
    out: dict[str, Any] = {}
    ranks: dict[str, int] = {}
    extras: dict[str, Any] = {}
    for key, value in record.items():
        canon = _ALIAS_OF.get(str(key).lower())
        if canon is None:
            extras[str(key)] = value
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        rank = ALIASES[canon].index(str(key).lower())
        if canon not in out or rank < ranks[canon]:
            out[canon], ranks[canon] = value, rank
    url = out.get("url")
    if url is not None and not re.match(r"^[a-z][a-z0-9+.-]*://", str(url).strip(), re.IGNORECASE):
        extras.setdefault("permalink", out.pop("url"))  # Hugo's "url" is a site path, not a source URL
    for key, value in extras.items():
        out.setdefault(key, value)
    texts = {key: out.pop(key) for key in ("body", "lead") if key in out}
    out = clean_fields(out)
    for key, value in texts.items():  # markup is reduced before normalize unescapes its entities
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # paragraphs as an array
        out[key] = _plain(value) if isinstance(value, str) else clean_value(value)
    return out


def record_document(origin: str, record: Any, site: SiteDefaults) -> RawDocument:
    """One article record (JSONL line, JSON item). Raises ValueError with a reason when unusable."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {_json_type(record)}")
    fields = canonical_fields(record)
    body = fields.get("body")
    if body is not None and not isinstance(body, str):
        raise ValueError(f"body is {_json_type(body)}, not text")
    if not body:
        fields.pop("body", None)
    text = body or (fields.get("lead") if isinstance(fields.get("lead"), str) else "")
    if not text:
        raise ValueError("record has no text (no body/content/text/html or lead)")
    return RawDocument(origin=origin, text=text, kind="record", fields=fields, site=site)


def _plain(text: str) -> str:
    """Normalised text of a body or lead that may be HTML."""
    return normalize(html_to_text(text) if looks_like_html(text) else text).strip()


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


@reader(".jsonl", ".ndjson")
def read_jsonl(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    """One document per line, read one line at a time; a bad line is skipped and the rest goes on."""
    with open(path, "rb") as f:
        head = f.read(8192)
        f.seek(0)
        if not head.strip():
            raise SkipFile("empty file", "empty")
        encoding = next((enc for bom, enc in BOMS if head.startswith(bom)), None)
        if encoding is None and b"\x00" in head:
            encoding = utf16_without_bom(head)
            if encoding is None:
                raise SkipFile("binary file", "binary")
        seen_text = False
        for lineno, line in _lines(f, encoding, max_bytes):
            where = f"{path}:{lineno}"
            if isinstance(line, int):
                report.skip(where, too_large("line", line, max_bytes), "bad_line")
                continue
            if not line.strip():
                continue
            seen_text = True
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                report.skip(where, f"invalid JSON: {exc.msg} (column {exc.colno})", "bad_line")
                continue
            try:
                yield record_document(where, record, site)
            except ValueError as exc:
                report.skip(where, str(exc), "bad_line")
        if not seen_text:
            raise SkipFile("empty file", "empty")


def _lines(f: BinaryIO, encoding: str | None, max_bytes: int) -> Iterator[tuple[int, str | int]]:
    """(line number, text) pairs; an over-long line comes as its size in bytes instead of its text."""
    if encoding is not None:  # UTF-16/32 or UTF-8 with BOM: let the codec split lines
        import io

        reader = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline=None)
        limit = max_bytes // 2 + 1
        lineno = 0
        while True:
            line = reader.readline(limit)
            if not line:
                return
            lineno += 1
            if len(line) >= limit and not line.endswith("\n"):
                size = len(line) * 2
                while (rest := reader.readline(limit)) and not rest.endswith("\n"):
                    size += len(rest) * 2
                size += len(rest) * 2
                yield lineno, size
                continue
            yield lineno, line.lstrip("\ufeff")
    lineno = 0
    while True:
        raw = f.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes:
            size = len(raw)
            while (more := f.readline(1 << 20)) and not more.endswith(b"\n"):
                size += len(more)
            size += len(more)
            yield lineno, size
            continue
        yield lineno, _decode_line(raw)


def _decode_line(raw: bytes) -> str:
    """A JSONL line is UTF-8; exports from old Windows tools are cp1258."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258")
    except UnicodeDecodeError:
        # json.loads still reads it; the bad bytes show as U+FFFD.
        return raw.decode("utf-8", errors="replace")


def _json_documents(origin: str, text: str, site: SiteDefaults, report: LoadReport) -> Iterator[RawDocument]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SkipFile(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "bad_json") from exc
    if isinstance(data, dict) and not any(str(k).lower() in _ALIAS_OF for k in data):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1:  # {"articles": [...]}
            data = lists[0]
    if isinstance(data, dict):
        try:
            yield record_document(origin, data, site)
        except ValueError as exc:
            raise SkipFile(str(exc), "bad_record") from exc
        return
    if not isinstance(data, list):
        raise SkipFile(f"expected a JSON object or an array of objects, got {_json_type(data)}", "bad_json")
    if not data:
        raise SkipFile("empty file (an empty JSON array)", "empty")
    for n, item in enumerate(data, 1):
        where = f"{origin}#{n}"
        try:
            yield record_document(where, item, site)
        except ValueError as exc:
            report.skip(where, str(exc), "bad_record")


@reader(".json")
def read_json(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    yield from _json_documents(str(path), decode_bytes(read_capped(path, max_bytes)), site, report)
