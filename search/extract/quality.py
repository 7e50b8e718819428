"""The data-quality view of a run: per field, how many articles got it, from which source, and which lack it.

People check this before they trust a facet: "units on 62 % of pages" or "dated from the URL on
2,400 articles" is what decides whether a count per unit or per year means anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Field -> the key of the article's JSON holding where it came from (None: no provenance kept).
FIELDS: dict[str, str | None] = {
    "title": "title_source",
    "date": "date_source",
    "province": None,
    "district": None,
    "units": None,
    "directives": None,
    "author": None,
    "source_url": None,
}
EXAMPLES = 5  # files named per field that lacks a value


@dataclass
class Quality:
    articles: int = 0
    present: Counter[str] = field(default_factory=Counter)
    sources: dict[str, Counter[str]] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, "metadata 2030-05-15 future")

    def add(self, doc: dict[str, Any]) -> None:
        """Count one article (its JSON form, as `vnsearch extract` prints it)."""
        self.articles += 1
        origin = str(doc.get("origin", "?"))
        for name, source_key in FIELDS.items():
            value = doc.get(name)
            has = bool(value) and not (name == "title" and doc.get("title_source") == "none")
            if has:
                self.present[name] += 1
            else:
                examples = self.missing.setdefault(name, [])
                if len(examples) < EXAMPLES:
                    examples.append(origin)
            if source_key:
                self.sources.setdefault(name, Counter())[str(doc.get(source_key) or "none")] += 1
        if doc.get("date_rejected"):
            self.rejected.append((origin, str(doc["date_rejected"])))

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "fields": {
                name: {
                    "present": self.present[name],
                    "sources": dict(self.sources.get(name, {})),
                    "missing_examples": self.missing.get(name, []),
                }
                for name in FIELDS
            },
            "dates_rejected": [{"origin": o, "reason": r} for o, r in self.rejected],
        }

    def render(self) -> str:
        """A plain-text table: one line a field, then the files that lack it and the refused dates."""
        n = max(self.articles, 1)
        lines = [f"data quality: {self.articles} articles", f"  {'field':<11} {'have':>7} {'share':>6}  sources"]
        for name in FIELDS:
            have = self.present[name]
            sources = ", ".join(f"{k} {v}" for k, v in self.sources.get(name, Counter()).most_common())
            lines.append(f"  {name:<11} {have:>7} {have / n:>6.0%}  {sources}")
        for name in FIELDS:
            if self.missing.get(name) and self.present[name] < self.articles:
                lines.append(f"  without {name} ({self.articles - self.present[name]}), e.g.:")
                lines += [f"    {origin}" for origin in self.missing[name]]
        if self.rejected:
            lines.append(f"  dates refused ({len(self.rejected)}):")
            lines += [f"    {origin}: {reason}" for origin, reason in self.rejected[:20]]
        return "\n".join(lines)
