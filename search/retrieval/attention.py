"""Attention over time: how many articles match per day, week, month or year, raw and as a share.

A share divides by every article under the same filters and date range but without the query text, so
"chỉ thị 05" in Nam Định reads as a share of Nam Định's coverage, not of what Nam Định publishes
(Media Cloud's normalised attention). Buckets are calendar periods with the empty ones kept: a gap is
a zero, never a missing point. Undated articles are counted apart; they have no place on the axis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

INTERVALS = ("day", "week", "month", "year")
MAX_SERIES = 5
MAX_BUCKETS = 1500  # a day axis over four years; finer than that is refused, not thinned
_EPOCH = dt.date(1970, 1, 1).toordinal()


def choose_interval(first: dt.date, last: dt.date) -> str:
    """The finest calendar period that keeps the axis readable: at most about sixty points."""
    days = (last - first).days + 1
    if days <= 62:
        return "day"
    if days <= 7 * 60:
        return "week"
    if days <= 366 * 5:
        return "month"
    return "year"


def bucket_index(ordinals: np.ndarray, interval: str) -> np.ndarray:
    """Each date ordinal's period as a whole number that counts up one period at a time."""
    ords = ordinals.astype(np.int64)
    if interval == "day":
        return ords
    if interval == "week":  # 0001-01-01 was a Monday, so this is the ISO week (Monday first)
        return (ords - 1) // 7
    days = (ords - _EPOCH).astype("datetime64[D]")
    unit = "datetime64[M]" if interval == "month" else "datetime64[Y]"
    return days.astype(unit).astype(np.int64)


def bucket_start(index: int, interval: str) -> dt.date:
    if interval == "day":
        return dt.date.fromordinal(index)
    if interval == "week":
        return dt.date.fromordinal(index * 7 + 1)
    if interval == "month":
        return dt.date(1970 + index // 12, index % 12 + 1, 1)
    return dt.date(1970 + index, 1, 1)


def bucket_key(start: dt.date, interval: str) -> str:
    """How a period is written in URLs, CSV and JSON: 2021, 2021-03, 2021-W09, 2021-03-04."""
    if interval == "year":
        return str(start.year)
    if interval == "month":
        return start.strftime("%Y-%m")
    if interval == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()


@dataclass(frozen=True)
class Bucket:
    key: str
    start: dt.date
    end: dt.date  # the period's last day

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "start": self.start.isoformat(), "end": self.end.isoformat()}


def buckets(first: dt.date, last: dt.date, interval: str) -> list[Bucket]:
    """Every period from the one holding ``first`` to the one holding ``last``."""
    lo, hi = (int(bucket_index(np.array([d.toordinal()]), interval)[0]) for d in (first, last))
    out = []
    for i in range(lo, hi + 1):
        start = bucket_start(i, interval)
        try:
            end = bucket_start(i + 1, interval) - dt.timedelta(days=1)
        except (ValueError, OverflowError):  # the period that ends the calendar (December 9999)
            end = dt.date.max
        out.append(Bucket(bucket_key(start, interval), start, end))
    return out


def counts_per_bucket(ordinals: np.ndarray, first: dt.date, n_buckets: int, interval: str) -> list[int]:
    """Dated articles (ordinal > 0) per period, the first period being the one holding ``first``."""
    dated = ordinals[ordinals > 0]
    lo = int(bucket_index(np.array([first.toordinal()]), interval)[0])
    idx = bucket_index(dated, interval) - lo
    idx = idx[(idx >= 0) & (idx < n_buckets)]
    return [int(c) for c in np.bincount(idx, minlength=n_buckets)[:n_buckets]]


@dataclass
class Series:
    """One query's counts; ``totals`` are the same filters without the query text (the denominator)."""

    query: str
    filters: dict[str, list[str]]
    counts: list[int]
    totals: list[int]
    matched: int  # every matching article, dated or not
    undated: int  # of which without a date (not on the axis)
    base: int  # every article under the filters, the query aside

    @property
    def shares(self) -> list[float | None]:
        """Matches as a share of each period's articles (None: the period has none to share)."""
        return [c / t if t else None for c, t in zip(self.counts, self.totals, strict=True)]

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "filters": self.filters,
            "counts": self.counts,
            "totals": self.totals,
            "shares": [None if s is None else round(s, 6) for s in self.shares],
            "matched": self.matched,
            "undated": self.undated,
            "base": self.base,
        }


@dataclass
class Attention:
    interval: str
    auto_interval: str  # what the span alone would choose
    buckets: list[Bucket]
    series: list[Series] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    took_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "interval": self.interval,
            "auto_interval": self.auto_interval,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "buckets": [b.to_json() for b in self.buckets],
            "series": [s.to_json() for s in self.series],
            "took_ms": round(self.took_ms, 1),
        }
