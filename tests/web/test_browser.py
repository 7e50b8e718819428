"""The real server (waitress, started like `vnsearch serve`) driven by Debian's chromium through Playwright."""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from search.text import fold

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(os.environ.get("VNSEARCH_SHOTS", "/tmp/shots"))
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from tests.web.servers import free_port, start_vnsearch, stop  # noqa: E402 - after the skips

expect = sync_api.expect


class Portal:
    """A second local origin (another port) serving a page that frames /embed."""

    def __init__(self, folder: Path, embed_url: str, port: int | None = None, after: str = ""):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "portal.html").write_text(
            "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Cổng thông tin</title></head>"
            f"<body><h1>Cổng thông tin huyện</h1><iframe id='vnsearch' src='{embed_url}' title='Tìm kiếm'"
            f" width='600' height='500'></iframe>{after}</body></html>",
            encoding="utf-8",
        )
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    folder = tmp_path_factory.mktemp("portals")
    # The two portals need the app's address and the app needs the allowed portal's: reserve it first.
    allowed_port = free_port()
    proc, base = start_vnsearch(sample_index, args=("--frame-ancestors", f"http://127.0.0.1:{allowed_port}"))
    allowed = Portal(folder / "allowed", base + "/embed?q=tuyen+giao", port=allowed_port)
    other = Portal(folder / "other", base + "/embed?q=tuyen+giao")
    try:
        yield {"base": base, "allowed": allowed.origin, "other": other.origin}
    finally:
        allowed.close()
        other.close()
        stop(proc)


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a small index whose one article has a <script> in its title."""
    from search.indexing.build import build

    corpus = tmp_path_factory.mktemp("evil-corpus")
    (corpus / "evil.txt").write_text(
        "Hội nghị <script>alert(1)</script> tuyên giáo\n\nSáng ngày 2/5/2023, Ban Tuyên giáo Huyện ủy tổ chức "
        "hội nghị <img src=x onerror=alert(2)> về công tác tuyên giáo.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path_factory.mktemp("evil-index")
    build([corpus], index_dir, workers=1, progress=False)
    proc, base = start_vnsearch(index_dir)
    try:
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.csp_errors = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    pg.js_errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda exc: pg.js_errors.append(str(exc)))
    yield pg
    assert pg.csp_errors == [], "the page broke its own Content-Security-Policy"
    assert pg.js_errors == []
    context.close()


def sized_page(browser, width: int, height: int, clipboard_for: str | None = None) -> tuple[object, object]:
    """A Vietnamese-locale page at one of the two widths the UI is made for (desktop, phone)."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    if clipboard_for:  # the copy buttons are checked by reading the clipboard back
        origin = "/".join(clipboard_for.split("/")[:3])
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    return context, pg


def result_count(pg) -> object:
    return pg.locator(".result-count strong")


def checkbox(pg, name: str, value: str) -> object:
    return pg.locator(f'#search-main input[name="{name}"][value="{value}"]')


def test_query_typed_without_accents_finds_results(page, site):
    page.goto(site["base"] + "/search")
    box = page.locator("#q")
    box.press_sequentially("tuyen giao", delay=40)
    expect(page.locator("#q-listbox [role=option]").first).to_be_visible()  # suggestions as you type
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=tuyen\+giao$"))
    expect(result_count(page)).to_have_text("5 kết quả")
    expect(page.locator(".hit-title mark").first).to_contain_text("Tuyên giáo")
    assert page.evaluate("document.title").startswith("tuyen giao")


def test_suggestion_is_chosen_with_the_keyboard(page, site):
    page.goto(site["base"] + "/search")
    page.locator("#q").press_sequentially("hoi ngh", delay=40)
    first = page.locator("#q-listbox [role=option]").first
    expect(first).to_be_visible()
    title = first.get_attribute("data-value")
    expect(first.locator(".suggest-kind")).not_to_be_empty()  # each term says what it is
    page.keyboard.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page.locator("#q")).to_have_value(title)
    expect(page).to_have_url(re.compile(r"q=[Hh]"))


def test_two_provinces_stay_ticked_and_back_restores_the_state(page, site):
    page.goto(site["base"] + "/search")
    expect(result_count(page)).to_have_text("5 kết quả")
    checkbox(page, "province", "Nam Định").click()
    expect(page).to_have_url(re.compile(r"province=Nam\+%C4%90%E1%BB%8Bnh$"))
    expect(result_count(page)).to_have_text("1 kết quả")
    checkbox(page, "province", "Thanh Hóa").click()
    expect(page).to_have_url(re.compile(r"province=Nam.*&province=Thanh"))
    expect(result_count(page)).to_have_text("2 kết quả")
    expect(checkbox(page, "province", "Nam Định")).to_be_checked()
    expect(checkbox(page, "province", "Thanh Hóa")).to_be_checked()
    # Other provinces stay offered (OR within the facet) ...
    expect(checkbox(page, "province", "Quảng Ninh")).not_to_be_checked()
    # ... and other facets narrow (AND across facets): only the two articles' years are left.
    years = page.locator('#search-main input[name="year"]')
    expect(years).to_have_count(2)
    expect(page.locator(".chip")).to_have_count(2)

    page.go_back()
    expect(page).to_have_url(re.compile(r"province=Nam\+%C4%90%E1%BB%8Bnh$"))
    expect(result_count(page)).to_have_text("1 kết quả")
    expect(checkbox(page, "province", "Nam Định")).to_be_checked()
    expect(checkbox(page, "province", "Thanh Hóa")).not_to_be_checked()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/search$"))
    expect(result_count(page)).to_have_text("5 kết quả")
    page.go_forward()
    expect(result_count(page)).to_have_text("1 kết quả")

    page.reload()  # the URL alone restores the state
    expect(checkbox(page, "province", "Nam Định")).to_be_checked()
    expect(result_count(page)).to_have_text("1 kết quả")


def test_chips_clear_all_and_sort(page, site):
    page.goto(site["base"] + "/search?q=tuyen&province=Nam+Định&year=2022")
    expect(page.locator(".chip")).to_have_count(2)
    page.locator(".clear-all").click()
    expect(page).to_have_url(re.compile(r"/search\?q=tuyen$"))
    expect(page.locator(".chip")).to_have_count(0)
    page.locator('select[name="sort"]').select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator(".hit time").first).to_have_attribute("datetime", "2019-04-10")


def test_document_page_and_its_facet_links(page, site):
    page.goto(site["base"] + "/search?q=bao+cao+vien")
    page.locator(".hit-title a").first.click()
    expect(page).to_have_url(re.compile(r"/doc/\w+\?q=bao\+cao\+vien"))
    expect(page.locator("h1.doc-title")).to_be_visible()
    expect(page.locator(".site-header")).to_have_count(1)  # a whole page, not one inside the results
    expect(page.locator(".doc-body mark").first).to_be_visible()
    expect(page.locator(".meta-table")).to_contain_text("Tỉnh (hiện nay)")
    page.locator(".meta-table a", has_text="Nam Định").first.click()
    expect(page).to_have_url(re.compile(r"/search\?province=Nam"))
    expect(checkbox(page, "province", "Nam Định")).to_be_checked()


def test_form_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(site["base"] + "/search")
        pg.locator("#q").fill("tuyen giao")
        pg.locator(".searchbar button[type=submit]").click()
        expect(pg).to_have_url(re.compile(r"q=tuyen\+giao"))
        expect(result_count(pg)).to_have_text("5 kết quả")
        pg.locator('input[name="year"][value="2022"]').check()
        pg.locator(".apply-row button").click()
        expect(pg).to_have_url(re.compile(r"year=2022"))
        expect(result_count(pg)).to_have_text("2 kết quả")
        pg.locator("a.facet-toggle", has_text="2023").click()  # the value's own toggle link
        expect(pg).to_have_url(re.compile(r"year=2022&year=2023"))
        expect(result_count(pg)).to_have_text("3 kết quả")
    finally:
        context.close()


def test_embed_is_framed_only_by_allowed_origins(page, site):
    page.goto(site["allowed"] + "/portal.html")
    frame = page.frame_locator("#vnsearch")
    expect(frame.locator(".embed-form")).to_be_visible()
    expect(frame.locator(".result-count strong")).to_have_text("5 kết quả")
    frame.locator("#embed-q").fill("chi thi 05")
    frame.locator("#embed-q").press("Enter")
    expect(frame.locator(".hit").first).to_be_visible()

    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "frame-ancestors" in m.text else None)
    page.goto(site["other"] + "/portal.html")
    page.wait_for_load_state("load")
    child = page.frame(url=re.compile(r"/embed|chrome-error"))
    deadline = time.time() + 5
    while not blocked and time.time() < deadline:
        page.wait_for_timeout(100)
    assert blocked, "chromium did not report the refused frame"
    assert child is None or child.locator(".embed-form").count() == 0
    page.csp_errors.clear()  # the refusal is the point here


@pytest.fixture(scope="module")
def default_site(sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`vnsearch serve` as an operator first starts it: no setting at all."""
    proc, base = start_vnsearch(sample_index)
    portal = Portal(tmp_path_factory.mktemp("portal"), base + "/embed?q=tuyen+giao")
    resizing = Portal(
        tmp_path_factory.mktemp("resizing"),
        base + "/embed?q=tuyen+giao",
        after=f"<script src='{base}/static/embed-resize.js'></script>",
    )
    try:
        yield {"base": base, "portal": portal.origin, "resizing": resizing.origin}
    finally:
        portal.close()
        resizing.close()
        stop(proc)


def test_embed_works_on_any_site_by_default_and_other_pages_never_frame(page, default_site):
    page.goto(default_site["portal"] + "/portal.html")
    frame = page.frame_locator("#vnsearch")
    expect(frame.locator(".result-count strong")).to_have_text("5 kết quả")
    with urllib.request.urlopen(default_site["base"] + "/search?q=tuyen+giao") as r:
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    with urllib.request.urlopen(default_site["base"] + "/embed-code") as r:
        code_page = r.read().decode("utf-8")
    assert "--frame-ancestors" in code_page and "VNSEARCH_FRAME_ANCESTORS" in code_page


def test_script_in_the_query_renders_as_text(page, site):
    payload = "<script>alert(1)</script>"
    page.goto(site["base"] + "/search?q=" + urllib.request.quote(payload))
    expect(page.locator("#q")).to_have_value(payload)
    expect(page.locator(".empty h3")).to_contain_text(payload)
    page.locator("#q").fill(payload + " <img src=x onerror=alert(2)>")
    page.locator("#q").press("Enter")
    expect(page.locator(".empty h3")).to_contain_text("onerror")
    assert page.dialogs == []


def test_script_in_a_document_title_renders_as_text(page, evil_site):
    page.goto(evil_site + "/search?q=tuyen+giao")
    title = page.locator(".hit-title a").first
    expect(title).to_contain_text("<script>alert(1)</script>")
    title.click()
    expect(page.locator("h1.doc-title")).to_have_text("Hội nghị <script>alert(1)</script> tuyên giáo")
    expect(page.locator(".doc-body")).to_contain_text("<img src=x onerror=alert(2)>")
    assert page.evaluate("document.querySelectorAll('.doc script, .doc img').length") == 0
    assert page.dialogs == []


def test_more_values_load_into_the_sidebar_and_apply(page, site):
    page.goto(site["base"] + "/search")
    more = page.locator("details.facet-more:not(.facet-more-local)").first
    expect(more).to_be_visible()
    more.locator("summary").click()
    extra = more.locator(".facet-more-body .facet-value input")
    expect(extra.first).to_be_visible()
    name, value = extra.first.get_attribute("name"), extra.first.get_attribute("value")
    assert page.url.endswith("/search")  # loading the list is not a navigation
    extra.first.click()
    expect(page).to_have_url(re.compile(rf"{name}="))
    expect(page.locator(f'#search-main input[name="{name}"][value="{value}"]').first).to_be_checked()


def test_more_values_view_filters_its_list(page, site):
    page.goto(site["base"] + "/facet/unit")
    items = page.locator(".facet-value")
    total = items.count()
    assert total >= 5
    page.locator(".facet-filter").fill("tho xuan")  # typed without accents
    expect(page.locator(".facet-value:visible")).to_have_count(2)
    page.locator(".facet-filter").fill("")
    expect(page.locator(".facet-value:visible")).to_have_count(total)


def test_filters_collapse_on_phones(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        pg.goto(site["base"] + "/search?q=tuyen+giao")
        panel = pg.locator(".filters-panel")
        expect(panel).not_to_have_attribute("open", "")
        pg.locator(".filters-summary").click()
        expect(panel).to_have_attribute("open", "")
        expect(checkbox(pg, "province", "Nam Định")).to_be_visible()
    finally:
        context.close()


def test_screenshots(browser, site):
    """The pages at desktop and phone width fit the screen and show what was asked (images kept for review)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, width, height in (("desktop", 1366, 900), ("phone", 390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        pg = context.new_page()
        pg.goto(site["base"] + "/search?q=tuyen+giao&province=Nam+Định&province=Thanh+Hóa")
        pg.wait_for_load_state("networkidle")
        assert pg.evaluate("document.documentElement.scrollWidth") <= width  # nothing runs off the side
        expect(pg.locator(".hit-title a")).to_have_count(2)
        pg.screenshot(path=str(SHOTS / f"search-{name}.png"), full_page=True)
        pg.locator(".hit-title a").first.click()
        expect(pg.locator("h1.doc-title")).to_be_visible()
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        pg.screenshot(path=str(SHOTS / f"doc-{name}.png"), full_page=name == "desktop")
        pg.goto(site["base"] + "/search?q=tuyen+giaoo")
        expect(pg.locator(".did-you-mean a").first).to_have_text("tuyen giao")
        pg.screenshot(path=str(SHOTS / f"empty-{name}.png"))
        context.close()


def test_the_keyboard_reaches_the_first_result_in_a_few_presses(page, site):
    """A skip link to the results: Tab, Tab, Enter, then past the result toolbar to the first title."""
    page.goto(site["base"] + "/search?q=tuyen+giao")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#results"
    page.keyboard.press("Enter")
    presses = 3
    while not page.evaluate("document.activeElement.closest('.hit') !== null"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 12, page.evaluate("document.activeElement.outerHTML")
    assert page.evaluate("document.activeElement.closest('.hit-title') !== null")


def test_enter_in_the_search_box_sends_one_request(page, site):
    page.goto(site["base"] + "/search")
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "/search?" in r.url else None)
    page.locator("#q").fill("bao cao vien")
    page.locator("#q").press("Enter")
    expect(result_count(page)).to_be_visible()
    page.wait_for_timeout(500)
    assert len(sent) == 1, sent


def test_on_a_phone_filters_open_over_the_results_and_close_onto_them(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", has_touch=True)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.goto(site["base"] + "/search?q=tuyen+giao")
    expect(pg.locator(".result-count strong")).to_have_text("5 kết quả")
    first_top = pg.locator(".hit").first.bounding_box()["y"]
    assert first_top < 844  # closed, the filters take one row: the results show at once
    pg.locator(".filters-summary").click()
    sheet = pg.locator(".filters-body")
    expect(sheet).to_be_visible()
    pg.locator('#search-main input[name="province"][value="Nam Định"]').check()
    expect(pg).to_have_url(re.compile(r"province=Nam"))
    show = pg.locator(".sheet-show")
    expect(show).to_have_text("Xem 1 kết quả")  # the count is there before the sheet closes
    expect(pg.locator(".filters-summary .badge")).to_have_text("1")
    show.click()
    expect(sheet).to_be_hidden()
    expect(pg.locator(".result-count strong")).to_have_text("1 kết quả")
    expect(pg.locator(".active-filters")).to_contain_text("Nam Định")  # the choice as a chip
    box = pg.locator(".hit").first.bounding_box()
    assert box is not None and 0 <= box["y"] < 844, box
    context.close()


def test_the_more_box_filters_the_whole_facet(page, site):
    """The filter box that comes with "Xem thêm" narrows the values shown at the top too."""
    page.goto(site["base"] + "/search")
    more = page.locator("details.facet-more:not(.facet-more-local)").first
    more.locator("summary").click()
    box = more.locator(".facet-filter")
    expect(box).to_be_visible()
    facet = more.locator("xpath=ancestor::fieldset[1]")
    top = facet.locator(":scope > ul.facet-values > .facet-value .facet-toggle")
    names = [n.strip() for n in top.all_text_contents()]
    assert len(names) >= 2
    target = names[-1]  # a value shown at the top, not in the tail the box came with
    box.fill(fold(target))  # typed without accents
    visible = [
        n.strip()
        for n in facet.locator(":scope > ul.facet-values > .facet-value:visible .facet-toggle").all_text_contents()
    ]
    assert visible == [n for n in names if fold(target) in fold(n)], visible


def test_the_optional_resize_script_fits_the_frame_to_its_results(page, default_site):
    page.goto(default_site["resizing"] + "/portal.html")
    frame = page.frame_locator("#vnsearch")
    expect(frame.locator(".result-count strong")).to_have_text("5 kết quả")
    iframe = page.locator("#vnsearch")
    page.wait_for_function("document.getElementById('vnsearch').style.height !== ''")
    height = iframe.evaluate("f => f.getBoundingClientRect().height")
    inner = frame.locator("html").evaluate("h => h.scrollHeight")
    assert height != 500 and abs(height - inner) <= 6, (height, inner)  # the frame's own border aside


def test_the_app_works_under_a_path_prefix(page, sample_index):
    """`vnsearch serve --url-prefix /tra-cuu`, as behind a portal's proxy: suggestions, htmx, links."""
    proc, base = start_vnsearch(sample_index, args=("--url-prefix", "/tra-cuu"))
    try:
        assert base.endswith("/tra-cuu")
        page.goto(base + "/search")
        box = page.locator("#q")
        box.press_sequentially("tuyen giao", delay=40)
        expect(page.locator("#q-listbox [role=option]").first).to_be_visible()  # fetched under the prefix
        box.press("Enter")
        expect(page).to_have_url(re.compile(r"/tra-cuu/search\?q=tuyen\+giao"))
        expect(result_count(page)).to_have_text("5 kết quả")
        page.locator(".hit-title a").first.click()
        expect(page).to_have_url(re.compile(r"/tra-cuu/doc/"))
        expect(page.locator(".doc-title")).to_be_visible()
    finally:
        stop(proc)


def drag_across(pg, first: object, last: object) -> None:
    """Press on one bar, move across to another, release: as a mouse does."""
    a, b = first.bounding_box(), last.bounding_box()  # type: ignore[attr-defined]
    pg.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] - 1)
    pg.mouse.down()
    for step in range(1, 6):
        x = a["x"] + (b["x"] - a["x"]) * step / 5 + b["width"] / 2
        pg.mouse.move(x, b["y"] + b["height"] - 1)
    pg.mouse.up()


def test_dragging_across_the_year_axis_sets_a_from_to_range(page, site):
    """2019 to 2021 dragged on the histogram: the range is every day of those years, the year box is
    cleared, and the results are the articles of those years, shown on the axis as the selection."""
    with urllib.request.urlopen(site["base"] + "/search.json") as r:
        years = {v["value"]: v["count"] for v in json.load(r)["facets"]["year"]}
    expected = sum(n for y, n in years.items() if "2019" <= y <= "2021")
    assert 0 < expected < sum(years.values())
    page.goto(site["base"] + "/search?year=2023")
    bars = page.locator(".histogram:not(.histogram-months) svg [data-from]")
    drag_across(page, bars.first, bars.nth(2))  # 2019, 2020 (a gap), 2021
    expect(page).to_have_url(re.compile(r"from=2019-01-01&to=2021-12-31"))
    assert "year=" not in page.url
    expect(result_count(page)).to_have_text(f"{expected} kết quả")
    expect(page.locator('input[name="from"]')).to_have_value("2019-01-01")
    marked = page.locator(".histogram:not(.histogram-months) svg .in-range title")
    expect(marked).to_have_count(3)
    # one press and release on a bar is still that year's filter, not a range
    page.goto(site["base"] + "/search")
    bars.first.click()
    expect(page).to_have_url(re.compile(r"year=2019"))
    assert "from=" not in page.url


def test_dragging_across_months_narrows_to_those_months(page, site):
    page.goto(site["base"] + "/search?year=2022")
    months = page.locator(".histogram-months svg [data-from]")
    expect(months).to_have_count(12)
    drag_across(page, months.nth(2), months.nth(5))
    expect(page).to_have_url(re.compile(r"from=2022-03-01&to=2022-06-30"))
    expect(page.locator(".histogram-months svg .in-range")).to_have_count(4)


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_attention_over_time_compares_searches_and_opens_a_period(browser, site, width, height):
    """From a search to its attention chart, a second search added in the form, a period opened."""
    context, pg = sized_page(browser, width, height)
    pg.goto(site["base"] + "/search?q=tuyen+giao")
    pg.locator("a.attention-link:not(.notable-link)").click()
    expect(pg.locator("h1.page-title")).to_have_text("Mức độ đưa tin theo thời gian")
    expect(pg.locator("svg.chart polyline.series-0").first).to_be_attached()
    pg.locator(".attention-query-new input").fill("hội nghị")
    pg.locator(".attention-options select[name=interval]").select_option("year")
    pg.locator(".attention-form button[type=submit]").click()
    expect(pg.locator(".legend li")).to_have_count(2)
    assert "q=tuyen+giao&q=h%E1%BB%99i+ngh%E1%BB%8B" in pg.url and "interval=year" in pg.url
    expect(pg.locator("svg.chart polyline.series-1").first).to_be_attached()
    assert pg.evaluate("document.documentElement.scrollWidth") <= width  # the chart fits a phone too
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"attention-{width}.png"), full_page=True)
    first = pg.locator(".attention-table tbody td a").first
    count = int(first.inner_text())
    first.click()
    expect(result_count(pg)).to_contain_text(str(count))
    assert "from=" in pg.url and "to=" in pg.url
    context.close()


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_a_reference_is_copied_from_a_document_page(browser, site, width, height):
    context, pg = sized_page(browser, width, height, clipboard_for=site["base"])
    pg.goto(site["base"] + "/search?q=tuyen+giao")
    pg.locator(".hit-title a").first.click()
    cite = pg.locator(".cite-text")
    expect(cite).to_contain_text(pg.locator("h1.doc-title").inner_text())
    button = pg.locator(".cite-actions button")
    button.click()
    expect(button).to_have_text("Đã chép")
    assert pg.evaluate("navigator.clipboard.readText()") == cite.inner_text()
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    with pg.expect_download() as download:
        pg.locator(".cite-actions a", has_text="RIS").click()
    assert download.value.suggested_filename.endswith(".ris")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.locator(".cite").screenshot(path=str(SHOTS / f"cite-{width}.png"))
    context.close()


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_follow_opens_with_the_feed_to_copy(browser, site, width, height):
    context, pg = sized_page(browser, width, height, clipboard_for=site["base"])
    pg.goto(site["base"] + "/search?q=tuyen+giao&province=Nam+Định")
    feed = pg.locator("#follow-feed")
    expect(feed).to_be_hidden()
    pg.locator(".follow summary").click()
    expect(feed).to_be_visible()
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    pg.locator(".follow-copy").first.click()
    copied = pg.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/search.atom?q=tuyen+giao&province=Nam+Định")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"follow-{width}.png"))
    response = pg.request.get(feed.get_attribute("href"))
    assert response.ok and "<feed" in response.text()
    context.close()


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_a_directive_page_from_a_document_to_its_first_reports(browser, site, width, height):
    context, pg = sized_page(browser, width, height)
    pg.goto(site["base"] + "/search?directive=05-CT%2FTW")
    pg.locator(".directive-pages a").click()
    expect(pg.locator("h1.page-title")).to_have_text("05-CT/TW")
    expect(pg.locator(".directive-title")).to_contain_text("học tập và làm theo")
    expect(pg.locator(".directive-choices li")).to_have_count(2)  # the number also names a 2021 directive
    expect(pg.locator(".province-grid li")).to_have_count(63)
    firsts = pg.locator(".directive-firsts tbody tr")
    assert firsts.count() >= 1
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"directive-{width}.png"), full_page=True)
    title = firsts.first.locator("td a").first
    expected = title.inner_text()
    title.click()
    expect(pg.locator("h1.doc-title")).to_have_text(expected)
    expect(pg.locator(".directive-page-link").first).to_be_visible()
    context.close()


def served(index_dir: Path) -> Iterator[str]:
    """`vnsearch serve` over ``index_dir`` for one module's tests."""
    proc, base = start_vnsearch(index_dir)
    try:
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def research_site(research_index: Path) -> Iterator[str]:
    """A server over the researcher corpus (tests/research_corpus.py): enough articles to compare."""
    yield from served(research_index)


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_a_notable_word_narrows_the_search(browser, research_site, width, height):
    context, pg = sized_page(browser, width, height)
    pg.goto(research_site + "/search?province=Nam+Định")
    before = int(re.sub(r"\D", "", result_count(pg).inner_text()))
    pg.locator("a.notable-link").click()
    expect(pg.locator("h1.page-title")).to_have_text("Từ nổi bật")
    first = pg.locator(".notable-list").first.locator("li a").first
    word = first.inner_text()
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"notable-{width}.png"), full_page=True)
    first.click()
    expect(pg.locator("#q")).to_have_value(f'"{word}"' if " " in word else word)
    after = int(re.sub(r"\D", "", result_count(pg).inner_text()))
    assert 0 < after <= before
    context.close()


@pytest.fixture(scope="module")
def copies_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over one report republished three times and one other article."""
    from search.indexing.build import build
    from tests.indexing.test_stories import COPIES, write

    root = tmp_path_factory.mktemp("copies-site")
    build([write(root / "corpus", COPIES)], root / "index", workers=1, progress=False)
    yield from served(root / "index")


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_republished_copies_fold_under_their_lead(browser, copies_site, width, height):
    context, pg = sized_page(browser, width, height)
    pg.goto(copies_site + "/search?q=tuyen+giao")
    expect(pg.locator("ol.hits > li.hit")).to_have_count(1)
    copies = pg.locator(".hit-copies li a")
    expect(copies.first).to_be_hidden()
    pg.locator(".hit-copies summary").click()
    expect(copies).to_have_count(2)
    expect(copies.first).to_be_visible()
    assert pg.evaluate("document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"copies-{width}.png"), full_page=True)
    pg.locator("a.copies-toggle").click()
    expect(pg.locator("ol.hits > li.hit")).to_have_count(3)
    assert "copies=all" in pg.url
    context.close()


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_another_accented_reading_is_one_tap_away(browser, site, width, height):
    """ "tuyen" is read as "tuyên"; the other reading the index holds, "tuyến", is a link that
    searches it, after which there is nothing left to choose."""
    context, pg = sized_page(browser, width, height)
    pg.goto(site["base"] + "/search?q=tuyen")
    expect(pg.locator("p.interpreted strong")).to_have_text("tuyên")
    pg.locator("p.readings a", has_text="tuyến").click()
    expect(pg).to_have_url(re.compile(r"/search\?q=tuy%E1%BA%BFn$"))
    expect(pg.locator("#q")).to_have_value("tuyến")
    expect(pg.locator("p.readings")).to_have_count(0)
    context.close()
