"""Kinds of meeting and the period they cover: what staff look for when they want "the same meeting"."""

from __future__ import annotations

import pytest

from search.extract.events import find_event


@pytest.mark.parametrize(
    "title, kinds, period",
    [
        (
            "Hội nghị tổng kết công tác Tuyên giáo năm 2021, triển khai nhiệm vụ năm 2022",
            ("tổng kết", "triển khai"),
            "năm 2021",
        ),
        ("Sơ kết 6 tháng đầu năm 2022 công tác dân vận", ("sơ kết",), "6 tháng đầu năm 2022"),
        ("Giao ban công tác tuyên giáo quý II/2022", ("giao ban",), "quý II năm 2022"),
        ("Tập huấn nghiệp vụ cho báo cáo viên tháng 4/2023", ("tập huấn",), "tháng 4 năm 2023"),
        ("Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025", ("đại hội",), None),  # a congress's term names the body
        ("Lễ ra quân Chiến dịch Thanh niên tình nguyện hè năm 2019", ("lễ",), None),  # an edition, not a period
        ("Bế mạc Giải vô địch quần vợt tỉnh lần thứ IX, năm 2019", ("hội thi", "lễ"), None),
        ("Hội nghị TXCT trước kỳ họp thứ 7 HĐND huyện", ("tiếp xúc cử tri",), None),  # "trước kỳ họp": the occasion
        ("Nông dân phấn khởi vì bắp cải được mùa", (), None),
    ],
)
def test_kinds_and_periods_from_the_title(title: str, kinds: tuple[str, ...], period: str | None) -> None:
    event = find_event(title, "")
    assert (event.kinds, event.period) == (kinds, period)


def test_the_lead_counts_only_when_it_reports_an_event() -> None:
    assert find_event("Một buổi sáng", "Sáng 6/1, Huyện đoàn tổ chức tập huấn kỹ năng.").kinds == ("tập huấn",)
    background = "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI đề ra mục tiêu giai đoạn 2015-2020."
    assert find_event("Đắk Nông có 157 trường đạt chuẩn", background).kinds == ()
