"""Where a title and a date come from, and what is refused: nothing invented, nothing lost."""

from __future__ import annotations

import datetime as dt

import pytest

from search.extract import titles
from search.extract.article import extract
from search.model import RawDocument

TODAY = dt.date(2026, 12, 1)
LEAD = "Sáng 18/5, tại Hà Nội, Ban Bí thư tổ chức Hội nghị toàn quốc sơ kết một năm thực hiện Chỉ thị 05."
GOALS = "Mục tiêu đến năm 2030, tầm nhìn đến năm 2045: năm 2030 hoàn thành. Đến năm 2030 có 100% xã đạt chuẩn."


def record(**fields: object) -> RawDocument:
    text = str(fields.pop("text", f"{LEAD}\n\n{GOALS}"))
    return RawDocument(origin="/x/a.jsonl:1", text=text, kind="record", fields=dict(fields))


def test_no_year_is_taken_from_the_body() -> None:
    """A lead "Sáng 18/5" with years only in the body's goals is undated, not dated 2030."""
    article = extract(record(title="Kết quả bước đầu một năm thực hiện Chỉ thị 05"), today=TODAY)
    assert article.date is None and article.year is None
    assert article.date_source == "none"


def test_a_page_title_year_completes_its_lead_date_but_a_records_does_not() -> None:
    """On a portal's page the headline is the lead's context; in an export the title's year is often
    the period reported on ("quyết toán ngân sách năm 2015", discussed in 2017)."""
    title = "Sơ kết công tác tuyên giáo năm 2017"
    page = RawDocument(origin="/x/a.txt", text=f"{title}\n\n{LEAD}\n\n{GOALS}", kind="text")
    article = extract(page, today=TODAY)
    assert article.date == dt.date(2017, 5, 18) and article.date_source == "lead"
    assert extract(record(title=title), today=TODAY).date is None


def test_precedence_metadata_then_page_then_lead_then_url() -> None:
    url = "https://dantri.com.vn/xa-hoi/so-ket-mot-nam-thuc-hien-chi-thi-05-20170520101010123.htm"
    both = extract(record(title="Sơ kết năm 2017", date="2017-05-19", url=url), today=TODAY)
    assert (both.date, both.date_source) == (dt.date(2017, 5, 19), "metadata")
    from_url = extract(record(title="Sơ kết một năm", url=url), today=TODAY)
    assert (from_url.date, from_url.date_source) == (dt.date(2017, 5, 20), "url")


@pytest.mark.parametrize("value, why", [("2030-05-15", "future"), ("1930-02-03", "before_1945")])
def test_an_impossible_date_is_refused_and_said(value: str, why: str) -> None:
    article = extract(record(title="Tin", date=value), today=TODAY)
    assert article.date is None
    assert article.date_rejected == f"metadata {value} {why}"


def test_tomorrow_is_still_accepted() -> None:
    """A portal in UTC+7 may stamp an article with the importer's tomorrow."""
    article = extract(record(title="Tin", date="2026-12-02"), today=TODAY)
    assert article.date == dt.date(2026, 12, 2)


SLUG_URL = "https://dantri.com.vn/xa-hoi/ban-tuyen-giao-tinh-uy-to-chuc-hoi-nghi-bao-cao-vien-20210406093726582.htm"
SLUG_TEXT = (
    "Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị báo cáo viên tháng 4. Hội nghị có sự tham dự của các báo cáo "
    "viên cấp tỉnh."
)


def test_a_caption_in_the_title_place_gives_way_to_the_slug() -> None:
    caption = "Toàn cảnh hội nghị (Ảnh: Văn Ngọt)."
    article = extract(record(url=SLUG_URL, text=f"{caption}\n{SLUG_TEXT}"), today=TODAY)
    assert article.title == "Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị báo cáo viên"
    assert article.title_source == "url"
    assert caption in article.body  # not a title, but nothing lost


def test_a_paragraph_in_the_title_place_gives_way_to_the_slug() -> None:
    paragraph = " ".join(["Trong những năm qua công tác tuyên truyền được quan tâm"] * 4) + "."
    article = extract(record(url=SLUG_URL, text=f"{paragraph}\n{SLUG_TEXT}"), today=TODAY)
    assert article.title_source == "url" and len(article.title.split()) <= titles.MAX_WORDS


def test_a_first_line_the_slug_confirms_is_the_title() -> None:
    first = "Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị báo cáo viên!"
    article = extract(record(url=SLUG_URL, text=f"{first}\n{SLUG_TEXT}"), today=TODAY)
    assert (article.title, article.title_source) == (first, "page")


def test_a_site_wide_url_is_no_slug() -> None:
    """A portal's default URL (sources.toml) says nothing about one article's title or date."""
    raw = RawDocument(origin="/x/a.txt", text=f"Tiêu đề của bài\n\n{LEAD}", kind="text")
    raw.site = type(raw.site)(source_url="https://daksong.daknong.gov.vn/tin-tuc-2021-05-18")
    article = extract(raw, today=TODAY)
    assert article.date_source != "url"


def test_slug_words_ignore_ids() -> None:
    assert titles.slug_words("http://www.baomoi.com/a/c/22308329.epi") == []
    assert titles.slug_words(SLUG_URL)[:3] == ["ban", "tuyen", "giao"]
