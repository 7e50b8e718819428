"""The researcher pages through Flask's test client, over the researcher corpus (tests/research_corpus.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from webui import create_app


@pytest.fixture(scope="module")
def client(research_index: Path):
    return create_app({"INDEX_DIR": str(research_index), "RATELIMIT_ENABLED": False}).test_client()


def test_the_attention_table_holds_the_counts_and_shares(client) -> None:
    page = client.get("/attention?q=chỉ+thị+05&province=Nam+Định&interval=month")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.data)
    rows = [[c.text_content().strip() for c in tr.xpath("th|td")] for tr in doc.cssselect(".attention-table tbody tr")]
    assert rows == [["2021-01", "1", "4", "25 %"], ["2021-02", "0", "0", "—"], ["2021-03", "2", "2", "100 %"]]
    assert len(doc.cssselect("svg.chart polyline.series-0")) == 2  # February has no share: the line breaks
    legend = doc.cssselect(".legend li")[0].text_content()
    assert "chỉ thị 05 · Nam Định" in legend and "4 bài khớp" in legend and "1 bài không rõ ngày" in legend
    # a period's count opens the search of that period
    link = doc.cssselect(".attention-table tbody tr")[2].cssselect("td a")[0].get("href")
    params = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == "/search"
    assert params["from"] == ["2021-03-01"] and params["to"] == ["2021-03-31"] and params["province"] == ["Nam Định"]
    assert client.get(link).status_code == 200


def test_the_json_and_csv_twins_say_the_same(client) -> None:
    url = '?q=chỉ+thị+05&q=tỉnh:"Thái+Bình"+chỉ+thị+05&interval=month'
    data = json.loads(client.get("/attention.json" + url).data)
    assert [b["key"] for b in data["buckets"]] == ["2021-01", "2021-02", "2021-03"]
    first, second = data["series"]
    assert first["counts"] == [6, 0, 2] and first["totals"] == [14, 0, 2]
    assert second["counts"] == [5, 0, 0] and second["totals"] == [10, 0, 0] and second["shares"][1] is None
    assert second["filters"] == {"province": ["Thái Bình"]}  # the query's own filter, named in its label
    assert "Thái Bình" in second["label"]
    body = client.get("/attention.csv" + url)
    assert body.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(body.data.decode("utf-8-sig"))))
    assert len(rows) == 6  # two series × three months, one tidy table
    march = [r for r in rows if r["series"] == "1" and r["period"] == "2021-03"][0]
    assert (march["count"], march["total"], march["share"]) == ("2", "2", "1.000000")
    assert [r["share"] for r in rows if r["series"] == "2"] == ["0.500000", "", ""]


def test_the_search_page_links_to_its_attention(client) -> None:
    doc = lxml.html.fromstring(client.get("/search?q=chỉ+thị+05&province=Nam+Định&sort=newest").data)
    href = doc.cssselect("a.attention-link")[0].get("href")
    assert parse_qs(urlsplit(href).query) == {"q": ["chỉ thị 05"], "province": ["Nam Định"]}
    assert client.get(href).status_code == 200


@pytest.mark.parametrize(
    "query, code",
    [
        ("interval=fortnight", "Khoảng thời gian phải là"),
        ("q=1&q=2&q=3&q=4&q=5&q=6", "So sánh từ 1 đến 5"),
        ("from=2021-03-01&to=2021-01-01", "'from' phải trước 'to'"),
        ("interval=day&from=2000-01-01&to=2021-01-01", "Quá nhiều khoảng"),
    ],
)
def test_bad_attention_parameters_get_a_message_and_the_form(client, query: str, code: str) -> None:
    page = client.get("/attention?" + query)
    assert page.status_code == 400
    doc = lxml.html.fromstring(page.data)
    assert code in doc.cssselect(".notice-error")[0].text_content()
    assert doc.cssselect("form.attention-form input[name=q]")  # the form is still there to fix it
    api = client.get("/attention.json?" + query)
    assert api.status_code == 400 and code in json.loads(api.data)["error"]
