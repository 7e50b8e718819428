"""Dates as portals write them, and the ones that are not the article's."""

import datetime as dt

import pytest

from search.extract import dates
from search.extract.clean import split_page


@pytest.mark.parametrize(
    ("lead", "year", "expected"),
    [
        ("Sáng ngày 6-1-2022, tại phòng họp số 3 ...", None, dt.date(2022, 1, 6)),
        ("Chiều ngày 10/4, đoàn công tác của Ban Tuyên giáo Tỉnh ủy ...", 2019, dt.date(2019, 4, 10)),
        ("Ngày 14/01/2021, tại Trụ sở Tỉnh ủy Hưng Yên ...", None, dt.date(2021, 1, 14)),
        ("Chiều 31/01/2023, Thường trực Huyện ủy Thọ Xuân ...", None, dt.date(2023, 1, 31)),
        ("Sáng ngày 05/4/2022, Ban Tuyên giáo Tỉnh ủy Bắc Kạn ...", None, dt.date(2022, 4, 5)),
        ("Ngày 4 tháng 3 năm 2021, Ban Tuyên giáo ...", None, dt.date(2021, 3, 4)),
        ("Tối 2.9.2020, tại quảng trường ...", None, dt.date(2020, 9, 2)),
    ],
)
def test_lead_dates(lead: str, year: int | None, expected: dt.date) -> None:
    assert dates.lead_date(lead, year) == expected


def test_date_without_year_and_without_context_is_unknown() -> None:
    assert dates.lead_date("Chiều ngày 10/4, đoàn công tác ...", None) is None


def test_impossible_dates_are_rejected() -> None:
    assert dates.lead_date("Ngày 31/02/2021, ...", None) is None
    assert dates.parse_date("45/13/2021") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-01-15", dt.date(2021, 1, 15)),
        ("20201001", dt.date(2020, 10, 1)),
        ("20201001163534", dt.date(2020, 10, 1)),
        ("2021-01-15T08:41:57+07:00", dt.date(2021, 1, 15)),
        ("15/01/2021 - 8:41:57 AM", dt.date(2021, 1, 15)),
        ("ngày 4 tháng 3 năm 2021", dt.date(2021, 3, 4)),
        (dt.date(2020, 5, 1), dt.date(2020, 5, 1)),
        (None, None),
        ("không rõ", None),
    ],
)
def test_metadata_dates(value: object, expected: dt.date | None) -> None:
    assert dates.parse_date(value) == expected


def test_published_label_wins_and_crawl_header_is_ignored() -> None:
    page = split_page(
        "Thứ Năm, ngày 4 tháng 3 năm 2021 - 7:01:35 PM\n"
        "Đăng ngày: 15/01/2021 - 8:41:57 AM | Lượt xem: 143 | Trần Hữu Chất\n\n"
        "Hưng Yên triển khai nhiệm vụ công tác Tuyên giáo năm 2021\n\n"
        "Ngày 14/01/2021, tại Trụ sở Tỉnh ủy Hưng Yên, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị tổng kết.\n"
    )
    assert dates.is_crawl_header(page.meta[0])
    assert dates.published_date(page.meta) == dt.date(2021, 1, 15)
    assert page.author == "Trần Hữu Chất"
    assert page.title == "Hưng Yên triển khai nhiệm vụ công tác Tuyên giáo năm 2021"


def test_dang_luc_label() -> None:
    assert dates.published_date(["Đăng lúc: 31/01/2023 (GMT+7)"]) == dt.date(2023, 1, 31)


def test_context_year_prefers_the_title() -> None:
    assert dates.context_year("Làm việc về công tác tuyên giáo năm 2019", "năm 2018 ... năm 2018") == 2019
    assert dates.context_year("Hội nghị quý II", "Trong quý I-2022 ... năm 2022 ... năm 2021") == 2022
