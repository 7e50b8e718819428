"""Bytes to text: UTF-8 (with or without BOM, slightly damaged), UTF-16, cp1258, or what charset-normalizer finds."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from search.ingest.report import SkipFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_capped(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole file, unless it is bigger than ``max_bytes`` (then it is not read at all)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise SkipFile(too_large("file", size, max_bytes), "too_large")
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew after stat
        raise SkipFile(too_large("file", len(data), max_bytes), "too_large")
    return data


def too_large(what: str, size: int, limit: int) -> str:
    return f"{what} too large ({_size(size)} > {_size(limit)})"


def _size(n: int) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


_UNDECODABLE = "undecodable text (tried utf-8, utf-16, cp1258)"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
BOMS = (
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
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SkipFile(
                    f"undecodable text (broken {encoding} after its byte order mark)", "undecodable"
                ) from exc
    if b"\x00" in data:
        utf16 = utf16_without_bom(data)
        if utf16 is None:
            raise SkipFile("binary file", "binary")
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise SkipFile("binary file", "binary") from exc
    text = _utf8(data)
    if text is not None:
        return text
    for candidate in (declared, "cp1258"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
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


def utf16_without_bom(data: bytes) -> str | None:
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


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
