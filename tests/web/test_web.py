"""The web UI through Flask's test client, over a real index built from corpus/ (see conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.etree
import lxml.html
import pytest

from search.text import fold
from webui import create_app
from webui.render import CSV_COLUMNS, safe_cell, safe_http_url
from webui.state import SearchState

ATOM = "{http://www.w3.org/2005/Atom}"
EVIL_TITLE = "Tuyên giáo <script>alert(1)</script> hội nghị"


@pytest.fixture(scope="session")
def app(sample_index: Path):
    return create_app(
        {
            "INDEX_DIR": str(sample_index),
            "CORS_ORIGINS": ["https://portal.example.gov.vn"],
            "FRAME_ANCESTORS": "https://portal.example.gov.vn http://127.0.0.1:9999",
            "RATELIMIT_ENABLED": False,  # limits have their own test; this client makes many calls
        }
    )


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def evil_client(tmp_path_factory: pytest.TempPathFactory):
    """An index whose documents try markup and spreadsheet formulas in their titles."""
    from search.indexing.build import build

    corpus = tmp_path_factory.mktemp("evil-corpus")
    (corpus / "a.txt").write_text(
        f"{EVIL_TITLE}\n\nSáng ngày 2/5/2023, Ban Tuyên giáo Huyện ủy tổ chức hội nghị <script>alert(4)</script>"
        ' về công tác tuyên giáo & "dư luận" xã hội.\n',
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        '=HYPERLINK("http://evil.example","tuyên giáo") hội nghị\n\nNgày 3/5/2023, hội nghị tuyên giáo '
        "của Ban Tuyên giáo Tỉnh ủy Nam Định.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path_factory.mktemp("evil-index")
    build([corpus], index_dir, workers=1, progress=False)
    return create_app({"INDEX_DIR": str(index_dir)}).test_client()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def page(html: str) -> lxml.html.HtmlElement:
    """The parsed page (or fragment: lxml wraps it in <html><body>), to query with .cssselect()."""
    return lxml.html.fromstring(html)


def hit_titles(html: str) -> list[str]:
    return [a.text_content() for a in page(html).cssselect("h3.hit-title > a")]


def checked_values(doc: lxml.html.HtmlElement, name: str) -> set[str]:
    """The values of the ticked checkboxes called `name`."""
    return {
        box.get("value") for box in doc.cssselect(f'input[type="checkbox"][name="{name}"]') if "checked" in box.attrib
    }


def facet_counts(doc: lxml.html.HtmlElement, name: str) -> dict[str, str]:
    """Each value of facet `name` (its checkbox) with the count shown beside it."""
    counts = {}
    for item in doc.cssselect("li.facet-value"):
        for box in item.cssselect(f'input[type="checkbox"][name="{name}"]'):
            (count,) = item.cssselect(".count")
            counts[box.get("value")] = count.text_content().strip()
    return counts


def is_boosted(element: lxml.html.HtmlElement) -> bool:
    """Whether htmx boosts `element`: the nearest hx-boost on it or an ancestor says "true"."""
    for el in (element, *element.iterancestors()):
        boost = el.get("hx-boost", el.get("data-hx-boost"))
        if boost is not None:
            return boost == "true"
    return False


def assert_no_inline_code(doc: lxml.html.HtmlElement) -> None:
    """Only external scripts from /static/, no event-handler attributes, no inline styles (the CSP forbids them)."""
    elements = list(doc.iter(lxml.etree.Element))
    scripts = [el for el in elements if el.tag == "script"]
    assert [el.get("src", "") for el in scripts if not el.get("src", "").startswith("/static/")] == []
    assert [lxml.html.tostring(el, encoding="unicode") for el in scripts if el.text_content().strip() or len(el)] == []
    handlers = ("on", "hx-on", "data-hx-on")
    assert [(el.tag, name) for el in elements for name in el.attrib if name.lower().startswith(handlers)] == []
    assert [el.tag for el in elements if "style" in el.attrib] == []
    assert [el.tag for el in elements if el.tag == "style"] == []


# -- the page and its fragment --------------------------------------------------------------------------
def test_home_lists_newest_articles_with_facets(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<html lang="vi"' in html
    assert "5 kết quả" in html
    assert len(hit_titles(html)) == 5
    assert 'rel="search" type="application/opensearchdescription+xml"' in html
    assert '"includeIndicatorStyles": false' in html
    assert "/static/vendor/htmx.min.js" in html
    for legend in ("Tỉnh, thành phố", "Năm", "Đơn vị", "Văn bản chỉ đạo"):
        assert legend in html
    assert '<figure class="histogram">' in html and "<rect " in html


def test_query_without_accents_finds_and_marks_results(client):
    html = client.get("/search?q=tuyen+giao").get_data(as_text=True)
    assert "5 kết quả" in html
    assert "<mark>Tuyên giáo</mark>" in html  # adjacent syllables marked as one


def test_search_page_works_without_javascript(client):
    html = client.get("/search?q=tuyen+giao").get_data(as_text=True)
    (form,) = page(html).cssselect("form#search-form")
    assert form.get("action") == "/search" and form.get("method") == "get"
    assert form.get("hx-get") == "/search" and form.get("hx-trigger") == "change, submit"
    assert form.get("hx-push-url") == "true"
    assert form.cssselect('input[type="checkbox"][name="province"]')
    assert form.cssselect('.nojs-only.apply-row button[type="submit"]')  # an Apply button for browsers without script


def test_htmx_request_gets_the_results_block_of_the_same_template(client):
    full = client.get("/search?q=tuyen+giao").get_data(as_text=True)
    r = client.get("/search?q=tuyen+giao&sort=relevance&from=&to=", headers={"HX-Request": "true"})
    fragment = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<html" not in fragment and "<head" not in fragment
    assert fragment.lstrip().startswith("<title>tuyen giao — ")  # htmx sets document.title from it
    assert r.headers["HX-Push-Url"] == "/search?q=tuyen+giao"  # canonical: no empty or default fields
    assert "HX-Request" in r.headers["Vary"]
    assert hit_titles(fragment) and hit_titles(fragment) == hit_titles(full)

    # The block is the page's own markup, not a copy: the page contains it apart from the <title>;
    # after it come only out-of-band swaps, among them the language switch.
    title, block, *oob = lxml.html.fragments_fromstring(fragment)
    assert title.tag == "title" and block.tag == "div" and block.get("id") == "search-main"
    assert "lang-switch" in [el.get("id") for el in oob]
    assert all(el.get("hx-swap-oob") == "true" for el in oob)

    def normal(element: lxml.html.HtmlElement) -> str:
        for took in element.cssselect("span.took"):  # the timing differs between the two requests
            took.drop_tree()
        return " ".join(lxml.html.tostring(element, encoding="unicode", with_tail=False).split())

    (main,) = page(full).cssselect("div#search-main")
    assert normal(block) == normal(main)


def test_history_restore_gets_the_full_page(client):
    r = client.get("/search?q=tuyen", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in r.get_data(as_text=True) and "HX-Retarget" not in r.headers


def test_hit_titles_are_not_boosted_and_whole_pages_replace_the_body(client, engine):
    doc = page(client.get("/search?q=tuyen").get_data(as_text=True))
    hits = doc.cssselect("li.hit") + doc.cssselect("h3.hit-title > a")
    assert hits and not any(is_boosted(el) for el in hits)
    r = client.get(f"/doc/{seed(engine, '000')}", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert r.headers["HX-Retarget"] == "body"


def test_facet_values_carry_toggle_urls_and_are_disjunctive(client):
    start = page(client.get("/search").get_data(as_text=True))
    (nam_dinh,) = [a.get("href") for a in start.cssselect("a.facet-toggle") if a.text_content() == "Nam Định"]
    assert query_of(nam_dinh) == {"province": ["Nam Định"]}
    html = client.get(nam_dinh).get_data(as_text=True)
    assert "1 kết quả" in html
    # Selected values stay, and the other provinces keep their counts (OR within a facet).
    assert checked_values(page(html), "province") == {"Nam Định"}
    assert "Thanh Hóa" in facet_counts(page(html), "province")
    assert facet_counts(page(html), "province") == facet_counts(start, "province")
    both = client.get("/search?province=Nam+Định&province=Thanh+Hóa").get_data(as_text=True)
    assert "2 kết quả" in both
    assert checked_values(page(both), "province") == {"Nam Định", "Thanh Hóa"}
    # Across facets filters AND: no 2019 article in Nam Định.
    assert "0 kết quả" in client.get("/search?province=Nam+Định&year=2019").get_data(as_text=True)


def test_toggling_twice_returns_to_the_start():
    state = SearchState.from_args(_args("q=hội nghị&province=Nam Định&sort=newest"))
    again = state.toggle("year", "2022").toggle("year", "2022")
    assert again.url("/search") == state.url("/search")
    assert state.toggle("province", "Nam Định").filters == {}


def test_selected_filters_show_as_removable_chips_with_clear_all(client):
    url = "/search?q=tuyen&province=Nam+Định&directive=05-CT/TW&from=2020-01-01"
    html = client.get(url).get_data(as_text=True)
    chips = [a.get("href") for a in page(html).cssselect("a.chip")]
    assert len(chips) == 3
    removed = []
    for href in chips:  # each chip drops its own filter and keeps the rest
        (gone,) = query_of(url).keys() - query_of(href).keys()
        assert query_of(href) == {k: v for k, v in query_of(url).items() if k != gone}
        removed.append(gone)
    assert sorted(removed) == ["directive", "from", "province"]
    assert [a.get("href") for a in page(html).cssselect("a.clear-all")] == ["/search?q=tuyen"]
    assert "học tập và làm theo tư tưởng" in html  # directive with its catalogue title


def test_province_switch_shows_todays_provinces(client):
    html = client.get("/search?province_by=2025").get_data(as_text=True)
    assert 'name="province_2025" value="Ninh Bình"' in html
    assert 'name="province" value=' not in html
    # A filter on the other province facet stays in the form, as a ticked box in view (not hidden).
    html = client.get("/search?province_by=2025&province=Nam+Định").get_data(as_text=True)
    assert 'name="province" value="Nam Định" checked' in html


def test_sort_pagination_and_per_page(client):
    html = client.get("/search?sort=oldest&per_page=2").get_data(as_text=True)
    titles = hit_titles(html)
    assert len(titles) == 2 and "năm 2019" in titles[0]
    assert 'aria-label="Phân trang"' in html
    assert "/search?sort=oldest&amp;page=2&amp;per_page=2" in html
    page3 = client.get("/search?sort=oldest&per_page=2&page=3").get_data(as_text=True)
    assert len(hit_titles(page3)) == 1


def test_english_interface(client):
    html = client.get("/search?q=tuyen&lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "5 results" in html and "Sort" in html
    assert '<ol class="hits" lang="vi"' in html
    assert 'href="/search?q=tuyen"' in html  # the switch back to Vietnamese keeps the query


def test_did_you_mean(client):
    html = client.get("/search?q=tuyen+giaoo").get_data(as_text=True)
    assert "Có phải bạn muốn tìm" in html
    (hint,) = page(html).cssselect("p.did-you-mean")
    assert (hint.text or "").strip() == "Có phải bạn muốn tìm:" and hint[0].tag == "a"
    assert query_of(hint[0].get("href"))["q"] == ["tuyen giao"]


def test_unknown_facet_value_gives_an_empty_result_with_its_chip(client):
    html = client.get("/search?province=Atlantis").get_data(as_text=True)
    assert "0 kết quả" in html and "Không tìm thấy" in html
    assert "Atlantis" in html and "Xóa tất cả" in html


def test_more_view_lists_every_value(client, engine):
    r = client.get("/facet/unit")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert html.count('<li class="facet-value') == engine.search("").facets["unit"].total_values
    assert 'class="facet-filter"' in html
    fragment = client.get("/facet/unit", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and 'class="facet-filter"' in fragment
    assert client.get("/facet/nonsense").status_code == 404
    data = client.get("/facet/unit.json?q=tuyen").get_json()
    assert data["facet"] == "unit" and len(data["values"]) == data["total_values"]
    assert all("toggle_url" in v for v in data["values"])


def test_api_and_suggestions_are_rate_limited_by_default(sample_index):
    c = create_app(
        {"INDEX_DIR": str(sample_index), "RATELIMIT_API": "2 per minute", "RATELIMIT_SUGGEST": "1 per minute"}
    ).test_client()
    assert [c.get("/search.json?q=tuyen").status_code for _ in range(3)] == [200, 200, 429]
    refused = c.get("/search.json")
    assert refused.status_code == 429 and "Quá nhiều yêu cầu" in refused.get_json()["error"]
    assert [c.get("/suggest?q=hoi").status_code for _ in range(2)] == [200, 429]
    # People browsing the HTML pages are not limited; static files never are.
    assert all(c.get("/search?q=tuyen").status_code == 200 for _ in range(5))
    assert c.get("/static/app.css").status_code == 200
    off = create_app({"INDEX_DIR": str(sample_index), "RATELIMIT_ENABLED": False}).test_client()
    assert all(off.get("/search.json").status_code == 200 for _ in range(5))


# -- twins ------------------------------------------------------------------------------------------------
def test_json_twin_has_the_engine_shape_and_toggle_urls(client, engine):
    data = client.get("/search.json?q=tuyen+giao&per_page=2").get_json()
    expected = set(engine.search("tuyen giao").to_json())
    assert expected <= set(data)
    assert data["total"] == 5 and len(data["hits"]) == 2 and data["pages"] == 3
    assert data["links"]["next"].endswith("/search.json?q=tuyen+giao&page=2&per_page=2")
    assert data["hits"][0]["url"].startswith("http://localhost/doc/")
    for name, values in data["facets"].items():
        for value in values:
            assert value["value"] in query_of(value["toggle_url"]).get(name, [])
    province = data["facets"]["province"][0]
    toggled = client.get(province["toggle_url"]).get_json()
    assert toggled["filters"] == {"province": [province["value"]]}
    assert toggled["total"] == province["count"]


def test_csv_streams_every_row_with_bom(client):
    r = client.get("/search.csv?q=tuyen+giao&per_page=1")
    raw = r.get_data()
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(CSV_COLUMNS)
    assert {"date_source", "source", "snippet", "source_url", "url"} <= set(rows[0])
    assert len(rows) == 6  # every matching row, not one page
    assert all(r[-1].startswith("http://localhost/doc/") for r in rows[1:])
    snippets = [r[rows[0].index("snippet")] for r in rows[1:]]
    assert all(snippets) and not any("<mark>" in s for s in snippets)


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The cells of the first sheet (inline strings and numbers), read straight from the zip."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            shared = [
                "".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", ns)
            ]
    rows = []
    for row in sheet.iter(f"{{{ns['m']}}}row"):
        cells = []
        for c in row.findall("m:c", ns):
            if c.get("t") == "inlineStr":
                cells.append("".join(t.text or "" for t in c.iter(f"{{{ns['m']}}}t")))
            elif c.get("t") == "s":
                cells.append(shared[int(c.find("m:v", ns).text)])
            else:
                cells.append(c.find("m:v", ns).text if c.find("m:v", ns) is not None else "")
            assert c.find("m:f", ns) is None  # no formula, whatever a title says
        rows.append(cells)
    return rows


def test_xlsx_has_every_row_with_vietnamese_intact_and_no_formulas(client, evil_client):
    r = client.get("/search.xlsx?q=tuyen+giao&per_page=1")
    assert r.status_code == 200 and "spreadsheetml" in r.mimetype
    assert "attachment" in r.headers["Content-Disposition"]
    rows = xlsx_rows(r.get_data())
    assert rows[0] == list(CSV_COLUMNS) and len(rows) == 6
    titles = [row[CSV_COLUMNS.index("title")] for row in rows[1:]]
    assert any("Tuyên giáo" in t for t in titles)
    evil = xlsx_rows(evil_client.get("/search.xlsx").get_data())
    assert any(row[CSV_COLUMNS.index("title")].startswith("=HYPERLINK") for row in evil[1:])  # text, not a formula


def test_csv_neutralises_formulas(evil_client):
    raw = evil_client.get("/search.csv").get_data().decode("utf-8-sig")
    titles = [row[CSV_COLUMNS.index("title")] for row in csv.reader(io.StringIO(raw))][1:]
    assert any(t.startswith("'=HYPERLINK") for t in titles)
    assert not any(t[:1] in "=+-@" for t in titles)
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", None)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        "",
    ]


def test_atom_feed_is_valid_and_escaped(client, evil_client):
    r = client.get("/search.atom?q=tuyen+giao")
    assert r.mimetype == "application/atom+xml"
    feed = ET.fromstring(r.get_data())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    dates = [e.find(f"{ATOM}published").text for e in entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/search.atom?q=tuyen+giao")
    raw = evil_client.get("/search.atom").get_data(as_text=True)
    assert "<script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    titles = [e.find(f"{ATOM}title").text for e in ET.fromstring(raw).findall(f"{ATOM}entry")]
    assert EVIL_TITLE in titles


def test_suggest_uses_the_opensearch_format(client):
    r = client.get("/suggest?q=hoi+ngh")
    data = r.get_json(force=True)
    assert r.mimetype == "application/x-suggestions+json"
    assert data[0] == "hoi ngh" and data[1][0] == "hội nghị" and data[2][0] == "từ"  # a term, not a sentence
    assert all(len(t.split()) <= 6 for t in data[1])
    assert client.get("/suggest").get_json(force=True) == ["", []]


def test_suggestions_are_terms_people_search_with_their_kind(client):
    q, terms, kinds = client.get("/suggest?q=chi+thi+05").get_json(force=True)
    assert terms[0] == "05-CT/TW" and kinds[0].startswith("văn bản: về đẩy mạnh học tập")
    _, terms, kinds = client.get("/suggest?q=nam+d").get_json(force=True)
    assert ("Nam Định", "địa danh") in list(zip(terms, kinds, strict=True))
    _, terms, kinds = client.get("/suggest?q=ban+tuyen&lang=en").get_json(force=True)
    assert "unit" in kinds and all(fold(t).startswith("ban tuyen") or " ban tuyen" in fold(t) for t in terms)


def test_opensearch_description(client):
    r = client.get("/opensearch.xml")
    assert r.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(r.get_data())
    urls = {u.get("type"): u.get("template") for u in root.findall("{http://a9.com/-/spec/opensearch/1.1/}Url")}
    assert urls["text/html"] == "http://localhost/search?q={searchTerms}"
    assert urls["application/x-suggestions+json"] == "http://localhost/suggest?q={searchTerms}"


# -- documents ---------------------------------------------------------------------------------------------
def seed(engine, prefix: str) -> str:
    return next(h.id for h in engine.search("", per_page=10).hits if Path(h.origin).name.startswith(prefix))


def test_document_page(client, engine):
    doc_id = seed(engine, "000")
    r = client.get(f"/doc/{doc_id}?q=bao+cao+vien")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Hội nghị tổng kết công tác Tuyên giáo năm 2021" in html
    assert "<mark>báo cáo viên</mark>" in html
    assert 'href="/search?province=Nam+%C4%90%E1%BB%8Bnh"' in html
    assert 'href="/search?province_2025=Ninh+B%C3%ACnh&amp;province_by=2025"' in html
    assert "/search?unit=Ban+Tuy" in html and "/search?directive=05-CT%2FTW" in html
    assert "Ninh Bình" in html and "Nam Trực" in html
    assert 'rel="noopener noreferrer nofollow"' in html  # the source link
    assert "Bài viết tương tự" in html
    assert html.count("<p>") > 5  # paragraphs, not one block


def test_document_json_and_404(client, engine):
    doc_id = seed(engine, "001")
    data = client.get(f"/doc/{doc_id}.json").get_json()
    assert data["id"] == doc_id and data["province"] == "Quảng Ninh" and data["body"]
    assert data["url"] == f"http://localhost/doc/{doc_id}"
    assert client.get("/doc/nope").status_code == 404
    r = client.get("/doc/nope.json")
    assert r.status_code == 404 and r.get_json()["status"] == 404


def test_source_links_only_for_http():
    assert safe_http_url("https://x.gov.vn/a?b=1") == "https://x.gov.vn/a?b=1"
    assert safe_http_url("javascript:alert(1)") is None
    assert safe_http_url("data:text/html,<script>") is None
    assert safe_http_url(None) is None


# -- embedding ------------------------------------------------------------------------------------------------
def test_embed_page_is_compact_and_frameable_by_allowed_origins(client):
    r = client.get("/embed?q=tuyen+giao&province=Nam+Định")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "site-header" not in html and 'class="sidebar"' not in html
    assert '<input type="hidden" name="province" value="Nam Định">' in html
    assert 'target="_blank" rel="noopener"' in html
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://portal.example.gov.vn http://127.0.0.1:9999" in csp
    assert "X-Frame-Options" not in r.headers


def test_embed_is_frameable_by_any_site_by_default_and_nothing_else_is(sample_index):
    """/embed is read-only: a portal embeds it with no setting; every other page refuses any frame."""
    client = create_app({"INDEX_DIR": str(sample_index)}).test_client()
    r = client.get("/embed")
    assert r.headers["Content-Security-Policy"].endswith("frame-ancestors *")
    assert "X-Frame-Options" not in r.headers
    for path in ("/search", "/embed-code", "/cu-phap"):
        other = client.get(path)
        assert other.headers["Content-Security-Policy"].endswith("frame-ancestors 'none'"), path
        assert other.headers["X-Frame-Options"] == "DENY"


def test_an_empty_allow_list_makes_embed_same_origin_only(sample_index):
    r = create_app({"INDEX_DIR": str(sample_index), "FRAME_ANCESTORS": []}).test_client().get("/embed")
    assert r.headers["Content-Security-Policy"].endswith("frame-ancestors 'self'")
    assert r.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_embed_code_page_gives_both_snippets(client):
    html = client.get("/embed-code?province=Nam+Định").get_data(as_text=True)
    assert "&lt;form action=&#34;http://localhost/search&#34; method=&#34;get&#34;" in html
    assert "&lt;iframe src=&#34;http://localhost/embed?province=Nam+%C4%90%E1%BB%8Bnh&#34;" in html
    assert "&lt;input type=&#34;hidden&#34; name=&#34;province&#34; value=&#34;Nam Định&#34;&gt;" in html
    assert '<iframe class="embed-preview" src="/embed?province=Nam+%C4%90%E1%BB%8Bnh"' in html


def test_origin_lists_refuse_what_is_not_an_origin(sample_index):
    with pytest.raises(ValueError):
        create_app({"INDEX_DIR": str(sample_index), "FRAME_ANCESTORS": ["https://ok.vn; script-src *"]})


# -- bad input never breaks anything -------------------------------------------------------------------------
TWINS = ["/search", "/search.json", "/search.csv", "/search.atom", "/embed", "/facet/unit"]


@pytest.mark.parametrize("path", TWINS)
@pytest.mark.parametrize(
    "query, status, names",
    [
        ("page=1000000000", 200, None),
        ("page=99999999999999999999", 400, ("'page' phải", "'page' must")),
        ("page=abc", 400, ("'page' phải", "'page' must")),
        ("page=-1", 400, ("'page' phải", "'page' must")),
        ("per_page=0", 400, ("'per_page' phải", "'per_page' must")),
        ("per_page=1000", 400, ("'per_page' phải", "'per_page' must")),
        ("from=2022-13-01", 400, ("Ngày không hợp lệ cho 'from'", "Invalid date for 'from'")),
        ("to=yesterday", 400, ("Ngày không hợp lệ cho 'to'", "Invalid date for 'to'")),
        ("from=2023-01-01&to=2022-01-01", 400, ("'from' phải trước 'to'", "'from' must not be after 'to'")),
        ("sort=random", 400, ("Cách sắp xếp không hợp lệ", "Sort must be one of")),
        ("bogus_facet=x&utm_source=mail", 200, None),
        ("year=abc&province=", 200, None),
        ("q=%22%28%28%28+OR+-+%3A+province%3A", 200, None),
        ("q=" + "a" * 600, 400, ("Câu truy vấn quá dài", "Query too long")),
        ("q=%00%ff%fe", 200, None),
        ("q=" + "+".join(["dang"] * 60), 200, None),
        ("province=" + "&province=".join(str(i) for i in range(60)), 400, ("Quá nhiều giá trị", "Too many values")),
        ("lang=xx&province_by=1999", 200, None),
    ],
)
def test_bad_parameters_give_400_or_empty_never_500(client, path, query, status, names):
    r = client.get(f"{path}?{query}")
    assert r.status_code == status, r.get_data(as_text=True)[:500]
    if status == 400:
        vi, en = names
        body = r.get_data(as_text=True)
        assert vi in html_unescape(body) and en not in body  # the reader's language only, naming the parameter
        english = html_unescape(client.get(f"{path}?{query}&lang=en").get_data(as_text=True))
        assert en in english
        if path.endswith(".json"):
            assert r.get_json()["status"] == 400


def test_huge_page_is_an_empty_page_with_a_way_back(client):
    html = client.get("/search?page=1000000000").get_data(as_text=True)
    assert "Trang này không có kết quả" in html and 'href="/search"' in html
    data = client.get("/search.json?page=1000000000").get_json()
    assert data["hits"] == [] and data["total"] == 5


def test_malformed_date_keeps_the_form_and_explains(client):
    r = client.get("/search?q=tuyen&from=2022-02-30")
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert 'role="alert"' in html and "YYYY-MM-DD" in html
    assert 'value="tuyen"' in html  # what the person typed is kept
    r = client.get("/search?q=tuyen&from=2022-02-30", headers={"HX-Request": "true"})
    assert r.status_code == 400 and "<html" not in r.get_data(as_text=True)


def test_method_not_allowed_and_not_found(client):
    assert client.post("/search").status_code == 405
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Không tìm thấy trang" in r.get_data(as_text=True)


def test_missing_index_is_explained(tmp_path):
    c = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    r = c.get("/search?q=x")
    body = r.get_data(as_text=True)
    assert r.status_code == 503 and "Chưa có chỉ mục tìm kiếm" in body and "vnsearch index" in body
    assert str(tmp_path) not in body  # the server's folders are not shown to visitors
    assert c.get("/search.json").get_json()["status"] == 503


def test_an_outdated_index_asks_to_be_rebuilt_without_showing_server_paths(tmp_path):
    from search.indexing.build import build
    from search.indexing.store import VERSION_FILE, Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tin tuyên giáo\n\nNgày 2/5/2023, hội nghị tuyên giáo.\n", encoding="utf-8")
    build([corpus], tmp_path / "index", workers=1, progress=False)
    (Store(tmp_path / "index").current_path() / VERSION_FILE).write_text("1:old", encoding="utf-8")
    c = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    r = c.get("/search?q=tuyen&lang=en")
    body = r.get_data(as_text=True)
    assert r.status_code == 503 and "built by another version" in body and str(tmp_path) not in body
    assert c.get("/suggest?q=x").get_json(force=True) == ["x", []]


# -- security ------------------------------------------------------------------------------------------------
ALL_ROUTES = [
    "/",
    "/search?q=tuyen",
    "/search.json",
    "/search.csv",
    "/search.atom",
    "/suggest?q=hoi",
    "/opensearch.xml",
    "/embed-code",
    "/facet/unit",
    "/static/app.css",
    "/no-such-page",
]


@pytest.mark.parametrize("path", ALL_ROUTES)
def test_security_headers_everywhere(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=tuyen&province=Nam+Định",
        "/embed",
        "/embed-code",
        "/facet/unit",
        "/search?page=abc",
        "/no-such-page",
    ],
)
def test_no_inline_script_or_style(client, path, engine):
    assert_no_inline_code(page(client.get(path).get_data(as_text=True)))


def test_document_page_has_no_inline_script(client, engine):
    assert_no_inline_code(page(client.get(f"/doc/{seed(engine, '002')}").get_data(as_text=True)))


def test_cors_only_for_allowed_origins(client):
    allowed = client.get("/search.json?q=x", headers={"Origin": "https://portal.example.gov.vn"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://portal.example.gov.vn"
    assert "Origin" in allowed.headers["Vary"]
    other = client.get("/search.json?q=x", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    page = client.get("/search?q=x", headers={"Origin": "https://portal.example.gov.vn"})
    assert "Access-Control-Allow-Origin" not in page.headers
    preflight = client.options(
        "/suggest?q=x", headers={"Origin": "https://portal.example.gov.vn", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://portal.example.gov.vn"


def test_script_in_the_query_is_inert(client):
    payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    for path in ("/search", "/embed"):
        html = client.get(path, query_string={"q": payload, "province": payload}).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = client.get("/search.json", query_string={"q": payload}).get_data(as_text=True)
    assert json.loads(data)["query"] == payload
    assert client.get("/search.json", query_string={"q": payload}).mimetype == "application/json"


def test_script_in_a_document_title_is_inert(evil_client):
    html = evil_client.get("/search?q=tuyen+giao").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert EVIL_TITLE in hit_titles(html)  # shown as text
    links = [urlsplit(a.get("href")).path for a in page(html).cssselect("h3.hit-title > a")]
    assert links and all(link.startswith("/doc/") for link in links)
    doc_link = links[0]
    doc_html = evil_client.get(doc_link + "?q=script").get_data(as_text=True)
    assert "<script>alert" not in doc_html
    assert (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in doc_html
        or "&lt;script&gt;alert(1)&lt;/script&gt;" in doc_html
    )


def test_never_debug_mode(app):
    assert app.debug is False


def _args(qs: str):
    from werkzeug.datastructures import MultiDict

    return MultiDict([tuple(p.split("=", 1)) for p in qs.split("&")])


def test_restored_accents_are_shown_with_a_way_to_search_as_typed(client):
    html = client.get("/search?q=hoi+nghi+tong+ket").get_data(as_text=True)
    doc = page(html)
    line = doc.cssselect("p.interpreted")[0]
    assert line.cssselect("strong")[0].text_content() == "hội nghị tổng kết"
    as_typed = line.cssselect("a")[0].get("href")
    assert parse_qs(urlsplit(as_typed).query) == {"q": ["hoi nghi tong ket"], "exact": ["1"]}
    again_html = client.get(as_typed).get_data(as_text=True)
    assert not page(again_html).cssselect("p.interpreted")
    assert set(hit_titles(again_html)) == set(hit_titles(html))  # the same articles, ranked by the typed form
    data = client.get("/search.json?q=hoi+nghi+tong+ket").get_json()
    assert data["interpreted"] == "hội nghị tổng kết" and data["match"] == "strict" and data["notices"] == []
    assert client.get("/search.json?q=hội+nghị+tổng+kết").get_json()["interpreted"] is None


def test_a_loose_match_and_an_unsupported_operator_are_said(client):
    doc = page(client.get('/search?q="giáo+tuyên"').get_data(as_text=True))  # never in this order
    assert doc.cssselect("p.notice-loose_match")
    data = client.get('/search.json?q="giáo+tuyên"').get_json()
    assert data["match"] == "loose" and data["total"] > 0 and "loose_match" in data["notices"]
    english = page(client.get("/search?q=(tuyen+giao)&lang=en").get_data(as_text=True))
    assert "not supported" in english.cssselect("p.notice-operators_ignored")[0].text_content()


def test_the_syntax_page_lists_examples_that_run(client):
    doc = page(client.get("/search").get_data(as_text=True))
    assert doc.cssselect("#q-hint a")[0].get("href") == "/cu-phap"
    syntax = page(client.get("/cu-phap").get_data(as_text=True))
    assert syntax.cssselect("h1")[0].text_content() == "Cú pháp tìm kiếm"
    links = syntax.cssselect("a.syntax-example")
    assert len(links) >= 10
    for link in links:
        query = link.text_content()
        data = client.get(link.get("href").replace("/search?", "/search.json?")).get_json()
        assert data["query"] == query and data["total"] > 0, query  # every example finds something in the sample
    english = client.get("/cu-phap.json?lang=en").get_json()
    assert [e["query"] for e in english] == [link.text_content() for link in links]
    assert all(e["meaning"] and e["url"].startswith("http") and "lang=en" in e["url"] for e in english)


@pytest.fixture(scope="session")
def undated_client(tmp_path_factory: pytest.TempPathFactory):
    """Two records: one dated in its metadata, one whose only years are the body's goals."""
    from search.indexing.build import build

    corpus = tmp_path_factory.mktemp("undated-corpus")
    rows = [
        {"title": "Hội nghị tuyên giáo có ngày", "date": "2023-05-02", "body": "Hội nghị tuyên giáo đã diễn ra."},
        {
            "title": "Hội nghị tuyên giáo không rõ ngày",
            "body": "Sáng 18/5, hội nghị tuyên giáo đặt mục tiêu đến năm 2030 hoàn thành, đến năm 2045 vượt.",
        },
        {"title": "Hội nghị tuyên giáo ngày sai", "date": "2099-01-01", "body": "Hội nghị tuyên giáo năm ấy."},
    ]
    (corpus / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("undated-index")
    build([corpus], index_dir, workers=1, progress=False)
    return create_app({"INDEX_DIR": str(index_dir), "RATELIMIT_ENABLED": False}).test_client()


def test_undated_articles_never_head_newest_and_get_no_invented_feed_date(undated_client):
    newest = undated_client.get("/search.json?q=tuyen+giao&sort=newest").get_json()
    assert [h["title"] for h in newest["hits"]][0] == "Hội nghị tuyên giáo có ngày"
    assert {h["title"]: h["date"] for h in newest["hits"]}["Hội nghị tuyên giáo không rõ ngày"] is None
    feed = ET.fromstring(undated_client.get("/search.atom?q=tuyen+giao").get_data())
    updated = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry")}
    assert updated["Hội nghị tuyên giáo có ngày"] == "2023-05-02T00:00:00Z"
    # The undated entry carries the time the index last changed, the feed's own <updated>: not a day made up.
    assert updated["Hội nghị tuyên giáo không rõ ngày"] == feed.find(f"{ATOM}updated").text
    assert not updated["Hội nghị tuyên giáo không rõ ngày"].endswith("T00:00:00Z")


def test_the_document_page_says_where_its_title_and_date_came_from(undated_client):
    hits = undated_client.get("/search.json?q=tuyen+giao").get_json()["hits"]
    ids = {h["title"]: h["id"] for h in hits}
    dated = undated_client.get(f"/doc/{ids['Hội nghị tuyên giáo có ngày']}.json").get_json()
    assert (dated["date"], dated["date_source"], dated["title_source"]) == ("2023-05-02", "metadata", "metadata")
    undated = undated_client.get(f"/doc/{ids['Hội nghị tuyên giáo không rõ ngày']}.json").get_json()
    assert (undated["date"], undated["date_source"]) == (None, "none")
    page_text = page(undated_client.get(f"/doc/{ids['Hội nghị tuyên giáo không rõ ngày']}").get_data(as_text=True))
    assert "Không rõ ngày đăng" in page_text.text_content()
    wrong = undated_client.get(f"/doc/{ids['Hội nghị tuyên giáo ngày sai']}")
    text = page(wrong.get_data(as_text=True)).text_content()
    assert "Ngày bị loại" in text and "ở tương lai" in text


def test_about_page_and_its_twin_say_what_a_researcher_cites(client):
    data = client.get("/about.json").get_json()
    assert data["documents"] == 5 and data["generation"] and data["updated"].endswith("Z")
    assert data["software"].startswith("vnsearch")
    assert data["coverage"]["year"] == sum(data["values"]["year"].values())  # one year an article
    assert sum(data["values"]["date_source"].values()) == 5
    per_source = data["sources_by_year"]
    assert sum(sum(years.values()) for years in per_source.values()) <= 5 and per_source
    doc = page(client.get("/about").get_data(as_text=True))
    text = doc.text_content()
    assert "Về dữ liệu" in text and "Bài viết theo nguồn và năm" in text
    rows = doc.cssselect(".about-table tbody tr")
    assert len(rows) >= len(per_source)
    assert client.get("/about?lang=en").get_data(as_text=True).count("About this data") >= 1


def test_no_server_path_is_ever_shown(client, sample_index):
    """`origin` says where a document came from relative to the folder indexed, never /home/... ."""
    hits = client.get("/search.json?q=tuyen+giao").get_json()["hits"]
    assert hits and all(not h["origin"].startswith("/") and h["origin"].startswith("corpus/") for h in hits)
    doc = client.get(f"/doc/{hits[0]['id']}.json").get_json()
    assert doc["origin"] == hits[0]["origin"]
    assert str(Path(__file__).resolve().parents[2]) not in json.dumps(doc)  # the checkout's path


def test_a_browse_shows_the_date_order_it_uses(client):
    doc = page(client.get("/search").get_data(as_text=True))
    options = {o.get("value"): o.get("selected") is not None for o in doc.cssselect("select[name=sort] option")}
    assert "relevance" not in options and options[""]  # nothing to match: no "Phù hợp nhất"; newest
    assert doc.cssselect("select[name=sort] option[value='']")[0].text_content() == "Mới nhất"
    doc = page(client.get("/search?q=tuyen+giao").get_data(as_text=True))
    options = {o.get("value"): o.get("selected") is not None for o in doc.cssselect("select[name=sort] option")}
    assert options["relevance"]


def test_retry_after_only_on_a_refusal(sample_index):
    limited = create_app({"INDEX_DIR": str(sample_index), "RATELIMIT_API": "2 per minute"}).test_client()
    ok = limited.get("/search.json?q=a")
    assert ok.status_code == 200 and "Retry-After" not in ok.headers and "X-RateLimit-Limit" in ok.headers
    limited.get("/search.json?q=b")
    refused = limited.get("/search.json?q=c")
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_english_plurals_numbers_and_dates_follow_the_locale(client, engine):
    one = page(client.get("/search?province=Nam+%C4%90%E1%BB%8Bnh&lang=en").get_data(as_text=True))
    assert one.cssselect(".result-count strong")[0].text_content() == "1 result"
    many = page(client.get("/search?lang=en").get_data(as_text=True))
    assert many.cssselect(".result-count strong")[0].text_content() == "5 results"
    assert (
        page(client.get("/search").get_data(as_text=True)).cssselect(".result-count strong")[0].text_content()
        == "5 kết quả"
    )
    from webui import i18n

    assert (i18n.number("vi", 12345), i18n.number("en", 12345)) == ("12.345", "12,345")
    assert (i18n.day("vi", "2022-01-06"), i18n.day("en", "2022-01-06")) == ("06/01/2022", "Jan 6, 2022")


def test_a_bad_date_keeps_the_filters_in_view(client):
    r = client.get("/search?q=tuyen+giao&from=2022-13-45")
    doc = page(r.get_data(as_text=True))
    assert r.status_code == 400
    assert doc.cssselect(".notice-error")  # the message where the results would be
    assert doc.cssselect("aside.sidebar .facet-value")  # and the filters, of the words that can be kept


def test_the_year_histogram_is_a_time_axis_with_gaps_at_zero(client):
    """The seeds hold 2019, 2021, 2022 and 2023: 2020 is on the axis as an empty bar, in its place."""
    doc = page(client.get("/search").get_data(as_text=True))
    titles = [t.text_content() for t in doc.cssselect(".histogram svg title")]
    years = [t.split(":")[0] for t in titles]
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    assert "2020: 0" in titles
    assert doc.cssselect(".histogram .bar-empty") and not doc.cssselect(".histogram .bar-empty[href]")


def test_one_year_chosen_shows_its_months_each_a_date_range(client):
    doc = page(client.get("/search?year=2022").get_data(as_text=True))
    months = doc.cssselect(".histogram-months svg title")
    assert [t.text_content().split(":")[0] for t in months] == [f"2022-{m:02d}" for m in range(1, 13)]
    links = doc.cssselect(".histogram-months a.bar")
    assert links and all("from=2022-" in a.get("href") and "to=2022-" in a.get("href") for a in links)
    april = next(a.get("href") for a in links if "from=2022-04-01" in a.get("href"))
    assert "to=2022-04-30" in april
    assert client.get("/search.json?year=2022").get_json()["months"]["2022-04"] == 1
    assert not page(client.get("/search").get_data(as_text=True)).cssselect(".histogram-months")


def test_turning_the_province_switch_keeps_the_chosen_province_ticked(client):
    """Nam Định chosen as the province at publication stays in view, ticked, under today's provinces."""
    html = client.get("/search?province=Nam+%C4%90%E1%BB%8Bnh&province_by=2025").get_data(as_text=True)
    doc = page(html)
    kept = doc.cssselect('.kept-provinces input[name="province"][value="Nam Định"]')
    assert kept and kept[0].get("checked") is not None
    assert not doc.cssselect('input[type=hidden][name="province"]')  # shown once, as the ticked box
    assert doc.cssselect('input[name="province_2025"]')  # today's list is the one offered


PREFIXED = re.compile(r'(?:href|src|action|hx-get)="([^"]*)"')


def test_under_a_path_prefix_every_link_form_and_twin_keeps_it(app):
    """Behind a portal's proxy at /tra-cuu/: no link, form, htmx request, feed id or twin forgets the prefix."""
    client = app.test_client()
    html = client.get("/search?q=tuyen+giao", base_url="http://localhost/tra-cuu/").get_data(as_text=True)
    assert 'data-root="/tra-cuu"' in html
    for url in PREFIXED.findall(html):
        if url.startswith(("http", "#", "mailto:")) or not url:
            continue
        assert url.startswith("/tra-cuu/"), url
    data = client.get("/search.json?q=tuyen+giao", base_url="http://localhost/tra-cuu/").get_json()
    assert data["links"]["self"].startswith("http://localhost/tra-cuu/search.json")
    assert all(h["url"].startswith("http://localhost/tra-cuu/doc/") for h in data["hits"])
    feed = ET.fromstring(client.get("/search.atom", base_url="http://localhost/tra-cuu/").get_data())
    assert feed.find(f"{ATOM}id").text.startswith("http://localhost/tra-cuu/search.atom")
    doc_html = client.get(
        data["hits"][0]["url"].replace("http://localhost/tra-cuu", ""), base_url="http://localhost/tra-cuu/"
    )
    assert doc_html.status_code == 200
    assert all(u.startswith(("/tra-cuu/", "http", "#")) for u in PREFIXED.findall(doc_html.get_data(as_text=True)) if u)


def test_a_trusted_proxy_mounts_the_app_where_it_says(sample_index):
    behind = create_app({"INDEX_DIR": str(sample_index), "PROXY_FIX": 1, "RATELIMIT_ENABLED": False}).test_client()
    headers = {"X-Forwarded-Prefix": "/tra-cuu", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "portal.gov.vn"}
    data = behind.get("/search.json?q=tuyen", headers=headers).get_json()
    assert data["links"]["self"].startswith("https://portal.gov.vn/tra-cuu/search.json")
    direct = create_app({"INDEX_DIR": str(sample_index), "RATELIMIT_ENABLED": False}).test_client()
    data = direct.get("/search.json?q=tuyen", headers=headers).get_json()  # not trusted: ignored
    assert data["links"]["self"].startswith("http://localhost/search.json")


def test_timings_and_counts_show_as_whole_numbers():
    from webui import i18n

    assert (i18n.number("vi", 68.941), i18n.number("en", 1234.6)) == ("69", "1,235")


def test_the_chosen_range_is_marked_on_the_time_axis(client):
    """Each bar carries its period (for the drag selection), and the bars inside from–to are marked."""
    doc = page(client.get("/search?from=2020-06-01&to=2021-03-31").get_data(as_text=True))
    bars = doc.cssselect(".histogram:not(.histogram-months) svg [data-from]")
    marked = [b.get("data-from")[:4] for b in bars if "in-range" in b.get("class")]
    assert marked == ["2020", "2021"]
    assert [b.get("data-from")[:4] for b in bars] == ["2019", "2020", "2021", "2022", "2023"]  # the years around
    assert bars[0].get("data-to").endswith("-12-31")
    outside = next(b for b in bars if b.get("data-from") == "2022-01-01")
    assert "from=2022-01-01" in outside.get("href") and "to=2022-12-31" in outside.get("href")  # moves the range
    twin = client.get("/search.json?from=2020-06-01&to=2021-03-31").get_json()
    assert twin["years"]["2022"] == 2 and set(twin["years"]) == {"2019", "2021", "2022", "2023"}
    plain = page(client.get("/search").get_data(as_text=True))
    assert not plain.cssselect(".histogram .in-range")


def test_an_undated_similar_article_shows_no_stray_separator(tmp_path):
    """ "· Đắk Nông" with nothing before the dot read as a missing field; the place stands alone."""
    from search.indexing.build import build
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "Ban Tuyên giáo Huyện ủy Nam Trực tổ chức hội nghị tổng kết công tác tuyên giáo, học tập Chỉ thị 05."
    (corpus / "a.md").write_text(f"---\ntitle: Hội nghị tuyên giáo A\ndate: 2022-01-06\n---\n{body}\n", "utf-8")
    (corpus / "b.md").write_text(
        f"---\ntitle: Hội nghị tuyên giáo B\nprovince: Nam Định\n---\n{body} Lần hai.\n", "utf-8"
    )
    build([corpus], tmp_path / "index", workers=1, progress=False)
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "TESTING": True, "RATELIMIT_ENABLED": False})
    other = app.test_client()
    hits = other.get("/search.json?q=Hội+nghị+tuyên+giáo+A").get_json()["hits"]
    doc_id = next(h["id"] for h in hits if h["title"].endswith("A"))
    metas = [
        m.text_content().strip()
        for m in page(other.get(f"/doc/{doc_id}").get_data(as_text=True)).cssselect(".more-meta")
    ]
    assert metas and all(not m.startswith("·") for m in metas)
    assert "Nam Định" in metas


def test_a_chosen_year_the_index_lacks_does_not_break_the_axis(client):
    """Found by the property test in a clean clone: year=0 made the time axis ask for 1 January of year 0."""
    for year in ("0", "1", "9999", "2019"):
        r = client.get(f"/?year={year}")
        assert r.status_code == 200, year
    page = client.get("/?year=0").get_data(as_text=True)
    assert "0" in page and "year 0 is out of range" not in page


def test_other_accented_readings_of_an_accentless_query_are_offered(client):
    """ "tuyen" is "tuyên" here most often, but "tuyến" too: one tap searches the other reading."""
    doc = page(client.get("/search?q=tuyen").get_data(as_text=True))
    links = doc.cssselect("p.readings a")
    assert [a.text_content() for a in links] == ["tuyến"]
    assert parse_qs(urlsplit(links[0].get("href")).query)["q"] == ["tuyến"]
    assert client.get("/search.json?q=tuyen").get_json()["readings"] == ["tuyến"]
    chosen = client.get(links[0].get("href")).get_data(as_text=True)
    assert not page(chosen).cssselect("p.readings")  # typed with accents: nothing to choose
    assert client.get("/search.json?q=tuyên").get_json()["readings"] == []
