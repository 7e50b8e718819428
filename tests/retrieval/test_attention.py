"""Attention over time on the researcher corpus (tests/research_corpus.py): every count is known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from search.retrieval import attention
from search.retrieval.engine import Engine, SearchError, SearchRequest


@pytest.fixture(scope="module")
def engine(research_index: Path) -> Engine:
    return Engine(str(research_index))


def test_shares_divide_by_the_same_filters_without_the_query(engine: Engine) -> None:
    found = engine.attention([SearchRequest.build("chỉ thị 05", {"province": ["Nam Định"]})], "month")
    assert [b.key for b in found.buckets] == ["2021-01", "2021-02", "2021-03"]  # February kept, at zero
    (series,) = found.series
    assert series.counts == [1, 0, 2]
    assert series.totals == [4, 0, 2]  # Nam Định's articles, not the whole index's
    assert series.shares == [0.25, None, 1.0]  # no articles in February: no share, not 0 %
    assert (series.matched, series.undated, series.base) == (4, 1, 7)


def test_without_filters_the_denominator_is_every_article(engine: Engine) -> None:
    (series,) = engine.attention([SearchRequest.build("chỉ thị 05")], "month").series
    assert series.counts == [6, 0, 2]
    assert series.totals == [14, 0, 2]


def test_a_query_operator_filters_the_denominator_too(engine: Engine) -> None:
    """`tỉnh:"Thái Bình"` typed in the query is a filter, so it narrows the share's base as well."""
    (series,) = engine.attention([SearchRequest.build('chỉ thị 05 tỉnh:"Thái Bình"')], "month").series
    assert series.counts[0] == 5 and series.totals[0] == 10


def test_several_searches_share_one_axis(engine: Engine) -> None:
    found = engine.attention(
        [SearchRequest.build("chỉ thị 05", {"province": [p]}) for p in ("Nam Định", "Thái Bình")], "month"
    )
    assert [s.counts for s in found.series] == [[1, 0, 2], [5, 0, 0]]
    assert found.date_from == dt.date(2021, 1, 2) and found.date_to == dt.date(2021, 3, 2)


def test_the_interval_follows_the_span_and_a_date_range(engine: Engine) -> None:
    assert engine.attention([SearchRequest.build("")]).interval == "day"  # two months of news: days
    found = engine.attention([SearchRequest.build("", date_from="2019-01-01", date_to="2021-12-31")])
    assert found.interval == "month" and len(found.buckets) == 36  # the range, not the data, is the axis
    weeks = engine.attention([SearchRequest.build("chỉ thị 05", {"province": ["Nam Định"]})], "week")
    # Nam Định's first article is on Sunday 10 January 2021: ISO week 1, from Monday the 4th.
    assert weeks.buckets[0].key == "2021-W01" and weeks.buckets[0].start == dt.date(2021, 1, 4)
    assert sum(weeks.series[0].counts) == 3


def test_bad_intervals_and_too_many_series_are_refused(engine: Engine) -> None:
    with pytest.raises(SearchError) as bad:
        engine.attention([SearchRequest.build("")], "fortnight")
    assert bad.value.code == "bad_interval"
    with pytest.raises(SearchError) as many:
        engine.attention([SearchRequest.build(str(i)) for i in range(6)])
    assert many.value.code == "too_many_series"
    with pytest.raises(SearchError) as fine:
        engine.attention([SearchRequest.build("", date_from="2000-01-01", date_to="2021-12-31")], "day")
    assert fine.value.code == "too_many_buckets"


@pytest.mark.parametrize("interval", attention.INTERVALS)
def test_every_day_falls_in_the_bucket_that_holds_it(interval: str) -> None:
    days = [dt.date(2019, 12, 30) + dt.timedelta(n) for n in range(0, 800, 7)]
    periods = attention.buckets(days[0], days[-1], interval)
    counts = attention.counts_per_bucket(np.array([d.toordinal() for d in days]), days[0], len(periods), interval)
    assert sum(counts) == len(days)
    for d in days:
        (holder,) = [i for i, b in enumerate(periods) if b.start <= d <= b.end]
        assert counts[holder] > 0
    assert all(a.end + dt.timedelta(1) == b.start for a, b in zip(periods, periods[1:], strict=False))
