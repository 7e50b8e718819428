"""The same searches on two engines, compared: totals, every facet count, and the overlap of the first
page (``vnsearch solr compare``, and the parity tests). Used to check a Solr collection against the
Whoosh index of the same corpus before switching a site over."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.retrieval.request import SearchRequest

TOP = 10


@dataclass
class Difference:
    request: str
    what: str


@dataclass
class Comparison:
    searches: int = 0
    totals_equal: int = 0
    facets_equal: int = 0
    stories_equal: int = 0  # the count of stories, and each shared hit's story and copies
    overlaps: list[float] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)

    @property
    def overlap(self) -> float:
        return round(sum(self.overlaps) / len(self.overlaps), 4) if self.overlaps else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "searches": self.searches,
            "totals_equal": self.totals_equal,
            "facets_equal": self.facets_equal,
            "stories_equal": self.stories_equal,
            f"top{TOP}_overlap": self.overlap,
            "differences": [f"{d.request}: {d.what}" for d in self.differences],
        }


def load_requests(path: Path) -> list[SearchRequest]:
    """Searches from a TOML file: ``[[search]]`` tables with q, filters, sort, from, to."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data.get("search", []):
        out.append(
            SearchRequest.build(
                item.get("q", ""),
                {k: list(v) if isinstance(v, list) else [v] for k, v in item.get("filters", {}).items()},
                sort=item.get("sort", "relevance"),
                date_from=_day(item.get("from")),
                date_to=_day(item.get("to")),
                per_page=TOP,
                group=bool(item.get("group", False)),
            )
        )
    return out


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def describe(request: SearchRequest) -> str:
    parts = [repr(request.q)]
    parts += [f"{k}={'|'.join(v)}" for k, v in request.filters.items() if v]
    if request.date_from or request.date_to:
        parts.append(f"{request.date_from or ''}..{request.date_to or ''}")
    if request.sort != "relevance":
        parts.append(f"sort={request.sort}")
    if request.group:
        parts.append("grouped")
    return " ".join(parts)


def compare(first: Any, second: Any, requests: list[SearchRequest]) -> Comparison:
    """``first`` and ``second`` are engines; ``first`` is taken as the reference."""
    out = Comparison()
    for request in requests:
        a, b = first.search(request), second.search(request)
        name = describe(request)
        out.searches += 1
        if a.total == b.total:
            out.totals_equal += 1
        else:
            out.differences.append(Difference(name, f"total {a.total} vs {b.total}"))
        fa = {n: [(v.value, v.count, v.selected) for v in f.values] for n, f in a.facets.items()}
        fb = {n: [(v.value, v.count, v.selected) for v in f.values] for n, f in b.facets.items()}
        if fa == fb:
            out.facets_equal += 1
        else:
            wrong = [n for n in fa if fa[n] != fb.get(n)]
            out.differences.append(Difference(name, f"facets differ: {', '.join(wrong)}"))
        copies_a = {h.id: (h.story, [c.id for c in h.copies]) for h in a.hits}
        copies_b = {h.id: (h.story, [c.id for c in h.copies]) for h in b.hits}
        shared = copies_a.keys() & copies_b.keys()
        if a.stories == b.stories and all(copies_a[i] == copies_b[i] for i in shared):
            out.stories_equal += 1
        else:
            wrong = [i for i in shared if copies_a[i] != copies_b[i]]
            out.differences.append(Difference(name, f"stories {a.stories} vs {b.stories}; copies differ for {wrong}"))
        ids_a = [h.id for h in a.hits[:TOP]]
        ids_b = [h.id for h in b.hits[:TOP]]
        if ids_a or ids_b:
            overlap = len(set(ids_a) & set(ids_b)) / max(len(ids_a), len(ids_b))
            out.overlaps.append(overlap)
            if overlap < 1:
                out.differences.append(Difference(name, f"top {TOP} overlap {overlap:.2f}"))
    return out
