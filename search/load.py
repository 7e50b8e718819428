"""Files and folders -> RawDocuments, one bad file never stopping the rest.

Real corpora are scraped pages (.txt), saved pages (.html), exported posts with front matter (.md)
and dumps with one article per line (.jsonl). They come in UTF-8, UTF-16 and the Windows Vietnamese
code page cp1258 (which writes tones as combining marks), and some files are empty, binary, huge or
cut short. Each file either yields documents or leaves a :class:`Skip` in the :class:`LoadReport`
that names it and says why; everything loaded goes through :func:`search.text.normalize`.

Site metadata (source URL, province, district, unit) comes from ``sources.toml`` files
(:mod:`search.sources`), overridden field by field by an explicit ``site``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from search.model import RawDocument, SiteDefaults
from search.sources import SOURCES_FILE, SourceRule, SourcesError, load_sources, merge_site, site_for
from search.text import normalize

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}

# Canonical record keys and the names exports use for them, in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "source_url", "sourceurl", "canonical_url"),
    "title": ("title", "headline"),
    "date": ("date", "published", "pubdate", "published_at", "publish_date", "time"),
    "body": ("body", "content", "text", "html"),
    "lead": ("lead", "sapo", "summary", "description"),
    "author": ("author", "authors"),
    "province": ("province",),
    "district": ("district",),
    "unit": ("unit",),
    "id": ("id",),
}
_ALIAS_OF = {alias: canon for canon, aliases in ALIASES.items() for alias in aliases}
_VERBATIM = {"url", "id", "permalink"}  # not run through normalize (it unescapes "&copy=" in URLs)

# How skips are counted in the summary: kind -> (one, many).
SKIP_KINDS = {
    "empty": ("empty file", "empty files"),
    "binary": ("binary file", "binary files"),
    "undecodable": ("undecodable file", "undecodable files"),
    "too_large": ("file too large", "files too large"),
    "vanished": ("vanished file", "vanished files"),
    "unreadable": ("unreadable file", "unreadable files"),
    "missing": ("missing path", "missing paths"),
    "front_matter": ("file with invalid front matter", "files with invalid front matter"),
    "bad_line": ("malformed line", "malformed lines"),
    "bad_json": ("invalid JSON file", "invalid JSON files"),
    "bad_record": ("unusable record", "unusable records"),
    "no_text": ("file without text", "files without text"),
    "sources": ("invalid sources.toml", "invalid sources.toml files"),
    "not_file": ("not a regular file", "not regular files"),
    "broken_link": ("broken link", "broken links"),
    "error": ("unexpected error", "unexpected errors"),
}


@dataclass
class Skip:
    """A file (``path``) or a line of one (``path:LINE``) that gave no document, and why."""

    path: str
    reason: str
    kind: str = ""  # a SKIP_KINDS key; others are counted by the reason's first words

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class LoadReport:
    loaded: int = 0
    skipped: list[Skip] = field(default_factory=list)
    files: int = 0

    def skip(self, path: str | Path, reason: str, kind: str = "error") -> None:
        self.skipped.append(Skip(str(path), reason, kind))

    def summary(self) -> str:
        """One headline ("loaded 5 documents from 7 files; skipped 2: ...") and one line per skip."""
        docs, files = _plural(self.loaded, "document", "documents"), _plural(self.files, "file", "files")
        head = f"loaded {docs} from {files}"
        if not self.skipped:
            return head
        counts = Counter(s.kind or s.reason.split(":")[0].split(" (")[0] for s in self.skipped)
        parts = []
        for kind, n in counts.most_common():
            one, many = SKIP_KINDS.get(kind, (kind, kind))
            parts.append(f"{n} {one if n == 1 else many}")
        lines = [f"{head}; skipped {len(self.skipped)}: {', '.join(parts)}"]
        lines += [f"  {s}" for s in self.skipped]
        return "\n".join(lines)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SkipFile(Exception):
    """Raised inside a format reader: the whole file is skipped with this reason."""

    def __init__(self, reason: str, kind: str):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


# --------------------------------------------------------------------------- walking


def iter_documents(
    paths: Iterable[str | Path] | str | Path,
    report: LoadReport,
    site: SiteDefaults | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument]:
    """Yield the documents of files and folders (recursively, sorted), recording every skip in ``report``.

    Lazy: a JSONL file is read one line at a time, other files one at a time. ``max_bytes`` caps a
    whole-file read (and each JSONL line); larger files are skipped without being read.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    rules_cache: dict[Path, list[SourceRule]] = {}
    for given in paths:
        root = Path(given)
        try:
            is_dir = root.is_dir()
            exists = is_dir or root.exists() or root.is_symlink()
        except OSError as exc:
            report.skip(root, f"cannot access ({exc.strerror or exc})", "unreadable")
            continue
        if not exists:
            report.skip(root, "no such file or folder", "missing")
            continue
        if root.is_symlink() and not root.exists():
            report.files += 1
            report.skip(root, "broken symbolic link", "broken_link")
            continue
        if is_dir:
            for path in _walk(root, report, set()):
                yield from _load_file(path, rules_cache, report, site, max_bytes)
        else:
            yield from _load_file(root, rules_cache, report, site, max_bytes)


def _ignored(name: str) -> bool:
    lower = name.lower()
    return name.startswith(".") or lower.endswith(".toml") or lower.startswith("readme") or name.endswith("~")


def _walk(folder: Path, report: LoadReport, seen: set[str]) -> Iterator[Path]:
    seen.add(os.path.realpath(folder))
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except FileNotFoundError:
        report.skip(folder, "folder vanished", "vanished")
        return
    except OSError as exc:
        report.skip(folder, f"cannot list folder ({exc.strerror or exc})", "unreadable")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real not in seen:  # a symlink loop is walked once
                    yield from _walk(path, report, seen)
                continue
            is_file = entry.is_file()
        except OSError as exc:
            report.skip(path, f"cannot access ({exc.strerror or exc})", "unreadable")
            continue
        if _ignored(entry.name):
            continue
        if is_file:
            yield path
        elif entry.is_symlink():
            report.files += 1
            report.skip(path, "broken symbolic link", "broken_link")
        else:
            report.files += 1
            report.skip(path, "not a regular file", "not_file")


def _folder_chain(folder: Path) -> list[Path]:
    """Every folder from the top down to ``folder``: a sources.toml applies to all files under it."""
    folder = folder.resolve()
    return [*reversed(folder.parents), folder]


def _rules_for(
    folders: list[Path], cache: dict[Path, list[SourceRule]], report: LoadReport
) -> list[SourceRule]:
    rules: list[SourceRule] = []
    for folder in folders:
        if folder not in cache:
            try:
                cache[folder] = load_sources(folder)
            except SourcesError as exc:
                cache[folder] = []
                where = f" at line {exc.line}" if exc.line else ""
                report.skip(
                    exc.path,
                    f"invalid {SOURCES_FILE}{where}: {exc.message}; its rules are ignored",
                    "sources",
                )
        rules.extend(cache[folder])
    return rules


def _load_file(
    path: Path,
    cache: dict[Path, list[SourceRule]],
    report: LoadReport,
    explicit: SiteDefaults | None,
    max_bytes: int,
) -> Iterator[RawDocument]:
    rules = _rules_for(_folder_chain(path.parent), cache, report)
    site = merge_site(site_for(path, rules) if rules else SiteDefaults(), explicit)
    report.files += 1
    try:
        for doc in _read_documents(path, site, report, max_bytes):
            report.loaded += 1
            yield doc
    except SkipFile as skip:
        report.skip(path, skip.reason, skip.kind)
    except FileNotFoundError:
        report.skip(path, "file vanished", "vanished")
    except IsADirectoryError:
        report.skip(path, "not a regular file", "not_file")
    except OSError as exc:
        report.skip(path, f"cannot read ({exc.strerror or exc})", "unreadable")
    except Exception as exc:  # one odd file must never end a whole load
        report.skip(path, f"could not load ({type(exc).__name__}: {exc})", "error")


def _read_documents(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int
) -> Iterator[RawDocument]:
    suffix = path.suffix.lower()
    origin = str(path)
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
        raise SkipFile("not a regular file", "not_file")
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, site, report, max_bytes)
        return
    data = _read_capped(path, info.st_size, max_bytes)
    if suffix in JSON_SUFFIXES:
        yield from _json_documents(origin, decode_bytes(data), site, report)
    elif suffix in MARKDOWN_SUFFIXES:
        yield _markdown_document(origin, decode_bytes(data), site)
    elif suffix in HTML_SUFFIXES:
        yield _html_document(origin, decode_bytes(data, _declared_charset(data)), site)
    else:  # .txt, and any other name that turns out to be text
        text = decode_bytes(data)
        if _looks_like_html_page(text):
            yield _html_document(origin, text, site)
        else:
            yield RawDocument(origin=origin, text=normalize(text), kind="text", site=site)


def _read_capped(path: Path, size: int, max_bytes: int) -> bytes:
    """The whole file, unless it is bigger than ``max_bytes`` (then it is not read at all)."""
    if size > max_bytes:
        raise SkipFile(_too_large("file", size, max_bytes), "too_large")
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew after stat
        raise SkipFile(_too_large("file", len(data), max_bytes), "too_large")
    return data


def _too_large(what: str, size: int, limit: int) -> str:
    return f"{what} too large ({_size(size)} > {_size(limit)})"


def _size(n: int) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


# --------------------------------------------------------------------------- encodings

_UNDECODABLE = "undecodable text (tried utf-8, utf-16, cp1258)"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text of a file in whichever of UTF-8, UTF-16, cp1258 (or what charset-normalizer finds) it is in.

    Raises SkipFile for empty, binary and undecodable input. The text is not normalised yet.
    """
    if not data.strip():
        raise SkipFile("empty file", "empty")
    text = _decode(data, declared)
    if not text.strip():
        raise SkipFile("empty file", "empty")
    if len(_CONTROL.findall(text[:65536])) > 0.01 * min(len(text), 65536):
        raise SkipFile("binary file", "binary")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SkipFile(
                    f"undecodable text (broken {encoding} after its byte order mark)", "undecodable"
                ) from exc
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise SkipFile("binary file", "binary")
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise SkipFile("binary file", "binary") from exc
    text = _utf8(data)
    if text is not None:
        return text
    for encoding in (declared, "cp1258"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.chaos <= 0.2:
        return str(best)
    raise SkipFile(_UNDECODABLE, "undecodable")


def _utf8(data: bytes) -> str | None:
    """UTF-8 text, also when cut mid-character at the end or with a few corrupt bytes in much Vietnamese."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8", errors="replace").replace("\ufffd", "")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127) - bad
    if multibyte >= 20 * bad:  # clearly UTF-8 with some damage; cp1258 would garble all of it
        return text.replace("\ufffd", "")
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 by the NUL pattern: ASCII letters and spaces put a NUL on one side of every pair."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0) / pairs
    odd = sample[1 : pairs * 2 : 2].count(0) / pairs
    if odd > 0.2 and even < 0.05:
        return "utf-16-le"
    if even > 0.2 and odd < 0.05:
        return "utf-16-be"
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_CHARSET = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# --------------------------------------------------------------------------- HTML

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


def _looks_like_html_page(text: str) -> bool:
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


def _html_document(origin: str, html_text: str, site: SiteDefaults) -> RawDocument:
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
    return RawDocument(origin=origin, text=text, kind="html", fields=_clean_fields(fields), site=site)


def _html_title(html_text: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html_text[:200_000], re.IGNORECASE | re.DOTALL)
    if not m:
        return None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(1))).strip() or None


# --------------------------------------------------------------------------- records


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
    out = _clean_fields(out)
    for key, value in texts.items():  # markup is reduced before normalize unescapes its entities
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)  # paragraphs as an array
        out[key] = _plain(value) if isinstance(value, str) else _clean_value(value)
    return out


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: _clean_value(value, verbatim=key in _VERBATIM) for key, value in fields.items()}


def _clean_value(value: Any, verbatim: bool = False) -> Any:
    if isinstance(value, str):
        return value.strip() if verbatim else normalize(value).strip()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_clean_value(v, verbatim) for v in value]
    if isinstance(value, dict):
        return {str(k): _clean_value(v, verbatim) for k, v in value.items()}
    return value


def _record_document(origin: str, record: Any, site: SiteDefaults) -> RawDocument:
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


def _jsonl_documents(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int
) -> Iterator[RawDocument]:
    """One document per line, read one line at a time; a bad line is skipped and the rest goes on."""
    with open(path, "rb") as f:
        head = f.read(8192)
        f.seek(0)
        if not head.strip():
            raise SkipFile("empty file", "empty")
        encoding = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
        if encoding is None and b"\x00" in head:
            encoding = _utf16_without_bom(head)
            if encoding is None:
                raise SkipFile("binary file", "binary")
        seen_text = False
        for lineno, line in _lines(f, encoding, max_bytes):
            where = f"{path}:{lineno}"
            if isinstance(line, int):
                report.skip(where, _too_large("line", line, max_bytes), "bad_line")
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
                yield _record_document(where, record, site)
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
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                size += len(rest)
            size += len(rest)
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
        raise SkipFile(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "bad_json"
        ) from exc
    if isinstance(data, dict) and not any(str(k).lower() in _ALIAS_OF for k in data):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1:  # {"articles": [...]}
            data = lists[0]
    if isinstance(data, dict):
        try:
            yield _record_document(origin, data, site)
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
            yield _record_document(where, item, site)
        except ValueError as exc:
            report.skip(where, str(exc), "bad_record")


# --------------------------------------------------------------------------- Markdown with front matter

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
    lead = fields.get("lead") if isinstance(fields.get("lead"), str) else ""
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
