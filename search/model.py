"""The records that flow through the pipeline: RawDocument (loaded) -> Article (extracted)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SiteDefaults:
    """What a portal's folder or file tells about every page in it (from sources.toml or the domain)."""

    source_url: str | None = None
    site_name: str | None = None
    province: str | None = None
    district: str | None = None
    unit: str | None = None


@dataclass
class RawDocument:
    """One input record before extraction.

    ``kind`` says how ``text`` is to be read: "text" (a scraped page), "html" (a whole page, main
    content still to be found) or "record" (JSONL/front matter, where ``fields`` hold the structure).
    """

    origin: str
    text: str
    kind: str = "text"
    fields: dict[str, Any] = field(default_factory=dict)
    site: SiteDefaults = field(default_factory=SiteDefaults)


@dataclass(frozen=True)
class Directive:
    """A Party or State document cited by an article: "05-CT/TW", with its year and title where known."""

    code: str
    year: int | None = None
    title: str | None = None

    @property
    def key(self) -> str:
        """Facet value: the code, plus the year where numbers restart each term ("01-KL/TW (2021)")."""
        return f"{self.code} ({self.year})" if self.year else self.code

    @property
    def label(self) -> str:
        return f"{self.key} — {self.title}" if self.title else self.key


@dataclass
class Article:
    id: str
    origin: str
    title: str
    body: str
    date: dt.date | None = None
    event_date: dt.date | None = None
    province: str | None = None
    province_2025: str | None = None
    district: str | None = None
    units: list[str] = field(default_factory=list)
    unit_kinds: list[str] = field(default_factory=list)  # party, state, front, armed, other: one per unit
    level: str | None = None
    event_kinds: list[str] = field(default_factory=list)  # "tổng kết", "triển khai", ... (search.extract.events)
    period: str | None = None  # what the meeting is about: "năm 2021", "quý II năm 2022"
    directives: list[Directive] = field(default_factory=list)
    author: str | None = None
    source_url: str | None = None
    source: str | None = None
    # Where the title and the date were read: "metadata", "page", "lead", "url" or "none".
    title_source: str = "none"
    date_source: str = "none"
    date_rejected: str | None = None  # a date found and refused ("metadata 2030-05-15 future")

    @property
    def year(self) -> int | None:
        day = self.date or self.event_date
        return day.year if day else None

    def to_json(self) -> dict[str, Any]:
        """The shape `vnsearch extract` prints: dates as YYYY-MM-DD, lists as arrays."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["event_date"] = self.event_date.isoformat() if self.event_date else None
        data["year"] = self.year
        data["directives"] = [d.key for d in self.directives]
        data["directive_titles"] = {d.key: d.title for d in self.directives if d.title}
        return data
