"""Facet view models: labels, order, toggle URLs, the year histogram, and the "more" lists."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from search import registry
from search.retrieval import facets as facet_mod
from search.retrieval.engine import Engine, Results, title_of
from webui.state import SearchState

YEAR_VISIBLE = 10

UrlFor = Callable[[SearchState], str]


@dataclass
class ValueView:
    value: str
    count: int
    selected: bool
    toggle_url: str
    detail: str | None = None  # a directive's catalogue title
    input_id: str = ""


@dataclass
class FacetView:
    name: str
    values: list[ValueView]
    total_values: int
    rest: list[ValueView] = field(default_factory=list)  # already known, shown under "more" (years)
    hidden: int = 0  # values not in this page, fetched by the "more" view


@dataclass
class Bar:
    year: str
    count: int
    selected: bool
    toggle_url: str
    input_id: str
    x: float
    width: float
    height: float
    start: str = ""  # the bar's period as ISO dates: a drag across bars sets the date range
    end: str = ""
    in_range: bool = False  # inside the chosen from–to range, drawn as the selection on the axis


def period_of(year: int, month: int | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of a year, or of one of its months."""
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if month == 12:  # not "1 January next year, less a day": there is no year after 9999
        return dt.date(year, 12, 1), dt.date(year, 12, 31)
    return dt.date(year, month, 1), dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def overlaps(first: dt.date, last: dt.date, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    """True when a range is chosen and this period lies (at least in part) inside it."""
    if date_from is None and date_to is None:
        return False
    return (date_from is None or last >= date_from) and (date_to is None or first <= date_to)


def input_id(name: str, value: str) -> str:
    """Stable per value, so htmx puts the focus back on the same checkbox after a swap."""
    return f"f-{name}-{hashlib.sha1(value.encode('utf-8')).hexdigest()[:10]}"


def value_view(state: SearchState, name: str, value: str, count: int, selected: bool, url_for: UrlFor) -> ValueView:
    return ValueView(
        value=value,
        count=count,
        selected=selected,
        toggle_url=url_for(state.toggle(name, value)),
        detail=title_of(value) if name == "directive" else None,
        input_id=input_id(name, value),
    )


def facet_view(state: SearchState, result: facet_mod.FacetResult, url_for: UrlFor) -> FacetView:
    values = [value_view(state, result.name, v.value, v.count, v.selected, url_for) for v in result.values]
    shown = sum(1 for v in values if v.count > 0)
    view = FacetView(result.name, values, result.total_values, hidden=max(0, result.total_values - shown))
    if result.name == "year":
        ordered = sorted(values, key=lambda v: v.value, reverse=True)
        view.values, view.rest = ordered[:YEAR_VISIBLE], ordered[YEAR_VISIBLE:]
    return view


def sidebar(state: SearchState, results: Results, url_for: UrlFor) -> dict[str, FacetView]:
    return {name: facet_view(state, f, url_for) for name, f in results.facets.items()}


def histogram(
    view: FacetView,
    axis: dict[str, int] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    range_url: Callable[[dt.date, dt.date], str] | None = None,
    width: float = 100.0,
    height: float = 40.0,
) -> list[Bar]:
    """Bars for every year from the first to the last, in order: a time axis, a year with no article a
    gap at zero (SVG coordinates; no script, no inline style).

    With a from–to range chosen, ``axis`` holds the counts around it, the bars inside it are marked,
    and a bar's link moves the range to that year; without one, a bar toggles its year's filter.
    """
    facet = {int(v.value): v for v in view.values + view.rest if v.value.isdigit()}
    counts = {int(y): n for y, n in axis.items() if y.isdigit()} if axis else {y: v.count for y, v in facet.items()}
    # A chosen year the index lacks ("year=0", or a typo) is shown with its zero in the list below,
    # but it must not stretch the axis to it, and no calendar has a year 0.
    counts = {y: n for y, n in counts.items() if n and dt.MINYEAR <= y <= dt.MAXYEAR}
    if not counts:
        return []
    span = range(min(counts), max(counts) + 1)
    top = max(counts.values()) or 1
    step = width / max(len(span), 8)  # a few years do not become a few very wide bars
    left = (width - step * len(span)) / 2
    bars = []
    for i, year in enumerate(span):
        count = counts.get(year, 0)
        first, last = period_of(year)
        v = facet.get(year)
        if axis and range_url:
            link, box = (range_url(first, last) if count else ""), ""
        else:
            link, box = (v.toggle_url, v.input_id) if v and count else ("", "")
        bars.append(
            Bar(
                str(year),
                count,
                bool(v and v.selected),
                link,
                box,
                x=round(left + i * step + step * 0.1, 2),
                width=round(step * 0.8, 2),
                height=round(max(1.5 if count else 0.4, count / top * height), 2),
                start=first.isoformat(),
                end=last.isoformat(),
                in_range=overlaps(first, last, date_from, date_to),
            )
        )
    return bars


def month_bars(
    months: dict[str, int],
    url_of: Callable[[dt.date, dt.date], str],
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    width: float = 100.0,
    height: float = 40.0,
) -> list[Bar]:
    """The twelve months of the one year searched, each bar a link to that month as a date range."""
    if not months:
        return []
    top = max(months.values()) or 1
    step = width / len(months)
    bars = []
    for i, (key, count) in enumerate(sorted(months.items())):
        year, month = (int(p) for p in key.split("-"))
        first, last = period_of(year, month)
        bars.append(
            Bar(
                key,
                count,
                False,
                url_of(first, last) if count else "",
                "",
                x=round(i * step + step * 0.1, 2),
                width=round(step * 0.8, 2),
                height=round(max(1.5 if count else 0.4, count / top * height), 2),
                start=first.isoformat(),
                end=last.isoformat(),
                # the whole year is the range when only its months are shown: mark only a narrower one
                in_range=overlaps(first, last, date_from, date_to) and (date_from, date_to) != period_of(year),
            )
        )
    return bars


def all_values(engine: Engine, state: SearchState, name: str) -> facet_mod.FacetResult:
    """Every value of one facet under the current state, for the "more" view."""
    return engine.search(state.request(facets=(name,), page=1, per_page=1, facet_limit=100_000)).facets[name]


def more_values(full: facet_mod.FacetResult) -> list[facet_mod.FacetCount]:
    """The values the sidebar does not already show: past the top ones, not selected."""
    top = {v.value for v in full.values[: registry.FACETS[full.name].limit] if v.count > 0}
    return [v for v in full.values if v.value not in top and not v.selected and v.count > 0]
