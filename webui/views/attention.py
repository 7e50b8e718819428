"""Attention over time: one search or up to five compared on one axis; the page, its JSON and its CSV.

The URL is the comparison: ``q`` once per series (a query may carry its own filters, ``tỉnh:"Nam Định"``),
the page's filters and dates shared by all, ``interval`` and ``measure``. Shares are the default, as
researchers of news attention ask for: raw counts mostly measure how much a portal publishes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, g, jsonify, render_template, request

from search import registry
from search.retrieval import attention as attention_mod
from search.retrieval.attention import Attention
from search.retrieval.engine import SearchError, SearchRequest
from webui import charts, i18n
from webui.render import safe_cell
from webui.roles import role
from webui.state import SearchState
from webui.urls import here
from webui.views.search import SEARCH_PATH, absolute, chips, engine, fallback_state

bp = Blueprint("attention", __name__)

PATH = "/attention"
MEASURES = ("share", "count")
CSV_COLUMNS = ("series", "label", "query", "filters", "interval", "period", "start", "end", "count", "total", "share")


@dataclass(frozen=True)
class Comparison:
    """What the attention page shows: the queries, the shared filters (a SearchState), the axis."""

    queries: tuple[str, ...]
    shared: SearchState  # filters, dates, language; its own q is not used
    interval: str = ""  # "" lets the span choose
    measure: str = "share"

    @classmethod
    def from_args(cls) -> Comparison:
        args = request.args
        shared = SearchState.from_args(args)
        queries = tuple(dict.fromkeys(q for q in (" ".join(v.split()) for v in args.getlist("q")) if q))
        if len(queries) > attention_mod.MAX_SERIES:
            raise SearchError("too_many_series", max=attention_mod.MAX_SERIES)
        interval = (args.get("interval") or "").strip()
        if interval and interval not in attention_mod.INTERVALS:
            raise SearchError("bad_interval", intervals=", ".join(attention_mod.INTERVALS))
        measure = args.get("measure", "share")
        return cls(queries or ("",), replace(shared, q=""), interval, measure if measure in MEASURES else "share")

    def requests(self) -> list[SearchRequest]:
        return [self.search_state(q).request(facets=()) for q in self.queries]

    def search_state(self, q: str, bucket: attention_mod.Bucket | None = None) -> SearchState:
        """The search behind one series (and one period of it): what a click on the chart opens."""
        state = replace(self.shared, q=q, page=1)
        return state.with_dates(bucket.start, bucket.end) if bucket else state

    def pairs(self, lang: bool = True, **changes: Any) -> list[tuple[str, str]]:
        me = replace(self, **changes) if changes else self
        out = [("q", q) for q in me.queries if q]
        out += [(k, v) for k, v in me.shared.pairs(paging=False, lang=False) if k not in ("q", "sort")]
        if me.interval:
            out.append(("interval", me.interval))
        if me.measure != "share":
            out.append(("measure", me.measure))
        if lang and me.shared.lang != "vi":
            out.append(("lang", me.shared.lang))
        return out

    def url(self, path: str = PATH, **changes: Any) -> str:
        qs = urlencode(self.pairs(**changes))
        return here(f"{path}?{qs}" if qs else path)


def series_label(lang: str, q: str, filters: dict[str, list[str]]) -> str:
    """How a series is named in the legend, the table and the CSV: its words, then its filters."""
    parts = [q or i18n.translate(lang, "attention_all")]
    for name in registry.facet_names():
        parts += [i18n.facet_label(lang, name, v) for v in filters.get(name, ())]
    return " · ".join(parts)


def filters_text(filters: dict[str, list[str]]) -> str:
    return "; ".join(f"{name}={v}" for name in registry.facet_names() for v in filters.get(name, ()))


def _percent(lang: str, value: float) -> str:
    return i18n.decimal(lang, value, "#,##0.#") + " %"


def page_context(cmp: Comparison, found: Attention | None, error: str | None = None) -> dict[str, Any]:
    lang = cmp.shared.lang
    fmt = (lambda v: _percent(lang, v)) if cmp.measure == "share" else (lambda v: i18n.decimal(lang, v, "#,##0.#"))
    chart = None
    rows: list[dict[str, Any]] = []
    if found and found.buckets:
        chart = charts.build(
            found, cmp.measure, fmt, lambda i: cmp.search_state(cmp.queries[0], found.buckets[i]).url(SEARCH_PATH)
        )
        for i, bucket in enumerate(found.buckets):
            cells = []
            for q, series in zip(cmp.queries, found.series, strict=True):
                share = series.shares[i]
                cells.append(
                    {
                        "count": series.counts[i],
                        "total": series.totals[i],
                        "share": None if share is None else _percent(lang, share * 100),
                        "url": cmp.search_state(q, bucket).url(SEARCH_PATH) if series.counts[i] else None,
                    }
                )
            rows.append({"bucket": bucket, "cells": cells})
    legend = []
    for n, q in enumerate(cmp.queries):
        data = found.series[n] if found else None
        legend.append(
            {
                "n": n,
                "q": q,
                "label": series_label(
                    lang, q, data.filters if data else {k: list(v) for k, v in cmp.shared.filters.items()}
                ),
                "data": data,
                "search_url": cmp.search_state(q).url(SEARCH_PATH),
                "remove_url": cmp.url(queries=tuple(x for x in cmp.queries if x != q))
                if len(cmp.queries) > 1
                else None,
            }
        )
    return {
        "cmp": cmp,
        "state": cmp.shared,
        "found": found,
        "error": error,
        "chart": chart,
        "rows": rows,
        "series": legend,
        "chips": chips(cmp.shared, PATH),
        "intervals": attention_mod.INTERVALS,
        "interval_urls": {i: cmp.url(interval=i) for i in ("", *attention_mod.INTERVALS)},
        "measure_urls": {m: cmp.url(measure=m) for m in MEASURES},
        "can_add": len([q for q in cmp.queries if q]) < attention_mod.MAX_SERIES,
        "json_url": cmp.url(PATH + ".json"),
        "csv_url": cmp.url(PATH + ".csv", lang=False),
        "lang_url": replace(cmp, shared=cmp.shared.with_lang("en" if lang == "vi" else "vi")).url(),
        "hidden": [(k, v) for k, v in cmp.pairs() if k not in ("q", "interval", "measure", "from", "to")],
    }


def counted() -> tuple[Comparison, Attention]:
    """The comparison this request asks for, and the engine's counts of it (every rendering starts here)."""
    cmp = Comparison.from_args()
    return cmp, engine().attention(cmp.requests(), cmp.interval or None)


@bp.get(PATH)
@role("page")
def page() -> Response:
    try:
        cmp, found = counted()
    except SearchError as exc:
        state = fallback_state()
        cmp = Comparison((state.q,), state)
        message = i18n.error_message(getattr(g, "lang", "vi"), exc.code, exc.params)
        return Response(render_template("attention.html", **page_context(cmp, None, message)), status=400)
    return Response(render_template("attention.html", **page_context(cmp, found)))


@bp.get(PATH + ".json")
@role("api")
def as_json() -> Response:
    cmp, found = counted()
    data = found.to_json()
    for n, series in enumerate(data["series"]):
        q = cmp.queries[n]
        series["label"] = series_label(cmp.shared.lang, q, series["filters"])
        series["search_url"] = absolute(cmp.search_state(q).url("/search.json"))
    data["measure"] = cmp.measure
    data["links"] = {
        "self": absolute(cmp.url(PATH + ".json")),
        "html": absolute(cmp.url()),
        "csv": absolute(cmp.url(PATH + ".csv")),
    }
    return jsonify(data)


@bp.get(PATH + ".csv")
@role("export")
def as_csv() -> Response:
    """One tidy table for every series: a row per series and period (what pandas and R read straight)."""
    cmp, found = counted()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, series in enumerate(found.series):
        label = series_label(cmp.shared.lang, series.query, series.filters)
        for bucket, count, total, share in zip(found.buckets, series.counts, series.totals, series.shares, strict=True):
            where = [found.interval, bucket.key, bucket.start, bucket.end]
            row = [n + 1, label, series.query, filters_text(series.filters), *where, count, total]
            writer.writerow([safe_cell(v) for v in [*row, "" if share is None else f"{share:.6f}"]])
    name = "vnsearch-attention-" + found.interval + ".csv"
    return Response(
        "\ufeff" + buf.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
