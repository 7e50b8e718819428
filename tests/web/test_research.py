"""The researcher pages through Flask's test client, over the researcher corpus (tests/research_corpus.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import bibtexparser
import lxml.html
import pytest
import rispy

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
    href = doc.cssselect("a.attention-link:not(.notable-link)")[0].get("href")
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


def _doc_id(client, q: str, **filters: str) -> str:
    params = "&".join([f"q={q}", *(f"{k}={v}" for k, v in filters.items())])
    return json.loads(client.get("/search.json?" + params).data)["hits"][0]["id"]


def test_a_document_page_carries_citation_metadata_zotero_reads(client) -> None:
    doc_id = _doc_id(client, "Tin+số+10")
    doc = lxml.html.fromstring(client.get(f"/doc/{doc_id}").data)
    meta = {m.get("name"): m.get("content") for m in doc.cssselect("meta[name]")}
    assert meta["citation_title"] == "Tin số 10 của Nam Định" == meta["DC.title"]
    assert meta["citation_publication_date"] == "2021/03/01" and meta["DC.date"] == "2021-03-01"
    assert meta["citation_public_url"].endswith(f"/doc/{doc_id}")
    assert meta["DC.source"] == "https://namdinh.example.vn/tin/10"
    cite = doc.cssselect(".cite-text")[0].text_content()
    assert "(2021" in cite and "Tin số 10 của Nam Định" in cite and "https://namdinh.example.vn/tin/10" in cite
    assert doc.cssselect(".cite-actions button[data-copy-target=cite-text]")


def test_references_download_in_three_formats_that_read_back(client) -> None:
    doc_id = _doc_id(client, "Tin+số+10")
    ris = client.get(f"/doc/{doc_id}.ris")
    assert ris.headers["Content-Disposition"].startswith("attachment")
    (record,) = rispy.loads(ris.data.decode())
    assert record["type_of_reference"] == "NEWS" and record["title"] == "Tin số 10 của Nam Định"
    assert record["date"] == "2021/03/01" and record["urls"] == ["https://namdinh.example.vn/tin/10"]
    (entry,) = bibtexparser.parse_string(client.get(f"/doc/{doc_id}.bib").data.decode()).entries
    assert entry["title"] == "{Tin số 10 của Nam Định}" and entry["year"] == "2021"
    (item,) = json.loads(client.get(f"/doc/{doc_id}.csl.json").data)
    assert item["issued"] == {"date-parts": [[2021, 3, 1]]} and item["type"] == "article-newspaper"


def test_an_undated_article_is_cited_without_a_date(client) -> None:
    doc_id = _doc_id(client, "Tin+số+20")
    (item,) = json.loads(client.get(f"/doc/{doc_id}.csl.json").data)
    assert "issued" not in item
    (record,) = rispy.loads(client.get(f"/doc/{doc_id}.ris").data.decode())
    assert "date" not in record and "year" not in record
    cite = lxml.html.fromstring(client.get(f"/doc/{doc_id}").data).cssselect(".cite-text")[0].text_content()
    assert "không ngày" in cite  # APA's "n.d.", in Vietnamese


def test_every_result_of_a_search_exports_as_references(client) -> None:
    total = json.loads(client.get("/search.json?q=chỉ+thị+05").data)["total"]
    assert total == 9
    ris = client.get("/search.ris?q=chỉ+thị+05")
    assert len(rispy.loads(ris.data.decode())) == total
    assert len(json.loads(client.get("/search.csl.json?q=chỉ+thị+05").data)) == total
    bib = bibtexparser.parse_string(client.get("/search.bib?q=chỉ+thị+05").data.decode())
    assert len(bib.entries) == total and len({e.key for e in bib.entries}) == total  # keys are unique
    links = lxml.html.fromstring(client.get("/search?q=chỉ+thị+05").data).cssselect(".twins a")
    assert {"RIS", "BibTeX", "CSL-JSON"} <= {a.text_content() for a in links}


def test_follow_offers_the_feed_and_a_permanent_link(client) -> None:
    import feedparser

    doc = lxml.html.fromstring(client.get("/search?q=chỉ+thị+05&province=Nam+Định&page=2&per_page=2").data)
    feed = doc.cssselect("#follow-feed")[0]
    permalink = doc.cssselect("#follow-permalink")[0]
    assert feed.text_content().startswith("http://localhost/search.atom?q=chỉ+thị+05&province=Nam+Định")
    assert "page=" not in permalink.get("href")  # the search, not the page of it one was on
    assert doc.cssselect(".follow button[data-copy-target=follow-feed]")
    parsed = feedparser.parse(client.get(urlsplit(feed.get("href")).path + "?" + urlsplit(feed.get("href")).query).data)
    assert len(parsed.entries) == 4 and not parsed.bozo
    assert "vnsearch watch" in doc.cssselect(".follow-hint")[0].text_content()


def test_a_directive_page_shows_where_coverage_began(client) -> None:
    page = client.get("/directive/05-CT/TW")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.data)
    assert "về đẩy mạnh học tập và làm theo tư tưởng" in doc.cssselect(".directive-title")[0].text_content()
    meta = doc.cssselect(".directive-meta")[0].text_content()
    assert "Trung ương Đảng" in meta and "2016" in meta and "9 bài viết nêu văn bản" in meta
    assert "khóa XII" in doc.cssselect(".doc-kicker")[0].text_content()
    rows = [[c.text_content().strip() for c in tr.xpath("th|td")] for tr in doc.cssselect(".directive-firsts tbody tr")]
    assert rows == [
        ["Thái Bình", "02/01/2021", "Tin số 30 của Thái Bình", "5"],  # the earliest report, first
        ["Nam Định", "10/01/2021", "Tin số 0 của Nam Định", "4"],  # 4: its undated report counts too
    ]
    covered = [li.cssselect(".province-name")[0].text for li in doc.cssselect(".province-grid li.is-covered")]
    assert covered == ["Thái Bình", "Nam Định"]  # in the official order (north to south), like a map
    assert len(doc.cssselect(".province-grid li")) == 63
    # the number also names a 2021 directive: offered as a choice
    choices = doc.cssselect(".directive-choices li")
    assert len(choices) == 2 and "giảm nghèo bền vững" in choices[1].text_content()
    assert choices[1].cssselect("a")[0].get("href") == "/directive/05-CT/TW%20%282021%29"
    together = doc.cssselect(".directive-together li")
    assert len(together) == 1 and together[0].cssselect("a")[0].text_content() == "35-NQ/TW"
    assert client.get(together[0].cssselect("a")[1].get("href")).status_code == 200


def test_the_directive_json_twin_and_unknown_codes(client) -> None:
    data = json.loads(client.get("/directive/05-CT/TW.json").data)
    assert data["total"] == 9 and data["undated"] == 1 and data["term"] == "XII" and data["year"] == 2016
    assert [(f["province"], f["date"]) for f in data["first_reports"]] == [
        ("Thái Bình", "2021-01-02"),
        ("Nam Định", "2021-01-10"),
    ]
    assert sum(data["timeline"]["counts"]) == 8  # the dated ones
    assert [d["key"] for d in data["documents"]] == ["05-CT/TW", "05-CT/TW (2021)"]
    assert client.get("/directive/999-CT/XX").status_code == 404
    assert client.get("/directive/999-CT/XX.json").status_code == 404
    # a catalogued document nobody cited yet still has its page
    empty = lxml.html.fromstring(client.get("/directive/05-CT/TW (2021)").data)
    assert "giảm nghèo bền vững" in empty.cssselect(".directive-title")[0].text_content()


def test_notable_words_add_themselves_to_the_search(client) -> None:
    doc = lxml.html.fromstring(client.get("/notable?province=Nam+Định").data)
    words = {a.text_content(): a.get("href") for a in doc.cssselect(".notable-list li a")}
    assert {"ban tuyên giáo", "bộ chính trị", "chỉ thị", "học tập"} <= set(words)  # what Nam Định is about
    assert "tin" not in words  # in every title of both provinces: no news
    link = words["chỉ thị"]
    assert parse_qs(urlsplit(link).query)["q"] == ['"chỉ thị"']
    assert parse_qs(urlsplit(link).query)["province"] == ["Nam Định"] and "q" in parse_qs(urlsplit(link).query)
    assert client.get(link).status_code == 200
    data = json.loads(client.get("/notable.json?province=Nam+Định").data)
    assert data["matched"] == 7 and data["sample"] == 7 and data["total"] == 17
    assert [w["text"] for w in data["words"]] == [a for a in words if a in {w["text"] for w in data["words"]}]
    assert "notable" in lxml.html.fromstring(client.get("/search?q=chỉ+thị").data).cssselect("a.attention-link")[0].get(
        "href"
    )


@pytest.mark.parametrize(
    "query", ["from=9990-01-01&interval=day", "from=9999-01-01&to=9999-12-31", "from=0001-01-01&to=0001-12-31"]
)
def test_attention_at_the_ends_of_the_calendar(client, query: str) -> None:
    """Dates with no article, up to the last day there is: a message or an axis, never a 500."""
    page = client.get("/attention?" + query)
    assert page.status_code == 200
    data = json.loads(client.get("/attention.json?" + query).data)
    assert all(s["counts"] == [0] * len(data["buckets"]) for s in data["series"])
