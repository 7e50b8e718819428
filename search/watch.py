"""Following searches without accounts: what is new for a few saved queries, for staff who run it from cron.

``vnsearch watch "chỉ thị 05" "tuyên giáo" --since 7d --seen watch.json --digest digest.md`` prints the
articles dated since a day (or not yet reported, with ``--seen``) and writes them as a Markdown digest.
Files are replaced whole (written beside, then renamed), so a digest being read is never half written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from search.retrieval.engine import Engine, Hit, SearchRequest
from search.retrieval.request import MAX_PER_PAGE

_RELATIVE = re.compile(r"^(\d{1,4})([dw])$")


def parse_since(value: str, today: dt.date | None = None) -> dt.date:
    """A day (2026-11-01) or a span back from today (7d, 2w)."""
    value = value.strip()
    relative = _RELATIVE.match(value)
    if relative:
        n, unit = int(relative.group(1)), relative.group(2)
        return (today or dt.date.today()) - dt.timedelta(days=n * (7 if unit == "w" else 1))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--since {value!r}: use a day (2026-11-01) or a span back from today (7d, 2w)") from None


@dataclass
class Watched:
    query: str
    total: int  # every match under the date limit, reported before or not
    new: list[Hit]


def _all_hits(engine: Engine, request: SearchRequest) -> Iterator[tuple[int, Hit]]:
    every = SearchRequest.build(
        request.q, request.filters, sort="newest", per_page=MAX_PER_PAGE, date_from=request.date_from, facets=()
    )
    for results in engine.pages(every):
        for hit in results.hits:
            yield results.total, hit


def watch(
    engine: Engine,
    queries: Sequence[str],
    since: dt.date | None = None,
    filters: Mapping[str, list[str]] | None = None,
    seen: set[str] | None = None,
) -> list[Watched]:
    """For each query, its matches dated from ``since`` (newest first) that are not in ``seen``."""
    out = []
    for q in queries:
        request = SearchRequest.build(q, filters, date_from=since)
        total, new = 0, []
        for matched, hit in _all_hits(engine, request):
            total = matched
            if seen is None or hit.id not in seen:
                new.append(hit)
        out.append(Watched(q, total, new))
    return out


def link(hit: Hit, base_url: str | None) -> str:
    """The article's page on our site when its address is known, else its source."""
    if base_url:
        return base_url.rstrip("/") + "/doc/" + quote(hit.id, safe="")
    return hit.source_url or hit.origin


def digest(found: list[Watched], since: dt.date | None, base_url: str | None, now: dt.datetime) -> str:
    """The new articles as Markdown, one section per search (readable as plain text too)."""
    when = f" từ ngày / since {since.isoformat()}" if since else ""
    lines = [f"# Bài mới / New articles{when}", "", f"_{now.strftime('%Y-%m-%d %H:%M')}_", ""]
    for w in found:
        lines.append(f"## {w.query or '(mọi bài / every article)'}: {len(w.new)}")
        lines.append("")
        for hit in w.new:
            where = " · ".join(x for x in (hit.date or "không rõ ngày / undated", hit.province, hit.source) if x)
            title = hit.title.replace("[", "(").replace("]", ")")
            lines.append(f"- [{title}]({link(hit, base_url)}) — {where}")
        if not w.new:
            lines.append("- không có bài mới / nothing new")
        lines.append("")
    return "\n".join(lines)


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole: a reader sees the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def load_seen(path: Path) -> set[str]:
    """The ids already reported; a missing file is a first run, an unreadable one is an error (never
    silently empty, which would report everything again)."""
    if not path.exists():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return set(data["seen"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a watch file ({exc}); move it away to start afresh") from None


def save_seen(path: Path, seen: set[str], now: dt.datetime) -> None:
    replace_file(path, json.dumps({"updated": now.isoformat(timespec="seconds"), "seen": sorted(seen)}, indent=0))
