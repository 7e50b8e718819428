"""Attention over time on a corpus built here, where every count and denominator is known."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from search.indexing.build import build
from search.retrieval import attention
from search.retrieval.engine import Engine, SearchError, SearchRequest

ON_05 = "Ban Tuyên giáo quán triệt Chỉ thị 05-CT/TW của Bộ Chính trị về học tập và làm theo Bác."
OTHER = "Hội nông dân xã tổ chức lớp tập huấn kỹ thuật trồng lúa cho bà con."


def record(n: int, province: str, date: str | None, about_05: bool) -> dict[str, str]:
    out = {
        "url": f"https://{'namdinh' if province == 'Nam Định' else 'thaibinh'}.example.vn/tin/{n}",
        "title": f"Tin số {n} của {province}",
        "province": province,
        "body": f"{ON_05 if about_05 else OTHER} Bài số {n}.",
    }
    if date:
        out["date"] = date
    return out


# Nam Định: January 2021 four articles (one on 05), none in February, March two (both on 05), one
# undated on 05. Thái Bình: January ten articles, five on 05.
RECORDS = (
    [record(i, "Nam Định", "2021-01-1" + str(i), i == 0) for i in range(4)]
    + [record(10 + i, "Nam Định", "2021-03-0" + str(i + 1), True) for i in range(2)]
    + [record(20, "Nam Định", None, True)]
    + [record(30 + i, "Thái Bình", f"2021-01-{i + 2:02d}", i % 2 == 0) for i in range(10)]
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("attention")
    (root / "corpus").mkdir()
    lines = (json.dumps(r, ensure_ascii=False) for r in RECORDS)
    (root / "corpus" / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build([root / "corpus"], root / "index", workers=1, progress=False)
    return Engine(str(root / "index"))


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
