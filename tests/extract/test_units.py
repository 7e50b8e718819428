"""Units: abbreviations expanded, locality from the text or the site, a kind each, actors only."""

from __future__ import annotations

import pytest

from search.extract import places
from search.extract.units import ARMED, FRONT, OTHER, PARTY, STATE, find_units


def is_place(name: str) -> bool:
    return bool(places.canonical_province(name) or places.district_provinces(name))


def units(text: str, province: str | None = "Đắk Nông", district: str | None = "Đắk Song") -> list[tuple[str, str]]:
    return [(u.name, u.kind) for u in find_units(text, province, district, is_place=is_place)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("UBND huyện tổ chức hội nghị", [("Ủy ban nhân dân huyện Đắk Song", STATE)]),
        ("HĐND tỉnh khai mạc kỳ họp", [("Hội đồng nhân dân tỉnh Đắk Nông", STATE)]),
        ("UBMTTQVN huyện trao nhà Đại đoàn kết", [("Ủy ban Mặt trận Tổ quốc Việt Nam huyện Đắk Song", FRONT)]),
        ("Hội LHPN huyện ra mắt mô hình", [("Hội Liên hiệp Phụ nữ huyện Đắk Song", FRONT)]),
        ("Hội CCB xã Nam Bình đại hội", [("Hội Cựu chiến binh xã Nam Bình", FRONT)]),
        ("LĐLĐ huyện thăm công nhân", [("Liên đoàn Lao động huyện Đắk Song", FRONT)]),
        ("Ban CHQS huyện giao quân", [("Ban Chỉ huy Quân sự huyện Đắk Song", ARMED)]),
        ("Công an huyện Đắk Song phá án", [("Công an huyện Đắk Song", ARMED)]),
        ("Huyện đoàn Đắk Song ra quân", [("Huyện đoàn Đắk Song", FRONT)]),
        ("Ban Tuyên giáo Huyện ủy tổ chức", [("Ban Tuyên giáo Huyện ủy Đắk Song", PARTY)]),
        ("BTV Huyện ủy họp", [("Ban Thường vụ Huyện ủy Đắk Song", PARTY)]),
        ("Đảng ủy xã Thuận Hạnh sơ kết", [("Đảng ủy xã Thuận Hạnh", PARTY)]),
        (
            "Sở Lao động - Thương binh và Xã hội tỉnh triển khai",
            [("Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông", STATE)],
        ),
        ("Phòng GD&ĐT huyện tập huấn", [("Phòng Giáo dục và Đào tạo huyện Đắk Song", STATE)]),
        ("Bộ Y tế ra mắt ứng dụng", [("Bộ Y tế", STATE)]),
        ("Trường THCS Lê Lợi khai giảng", [("Trường Trung học cơ sở Lê Lợi", OTHER)]),
    ],
)
def test_bodies_are_named_canonically_with_their_place_and_kind(text: str, expected: list) -> None:
    assert units(text) == expected


def test_a_persons_title_and_the_place_of_a_meeting_are_not_actors() -> None:
    text = "Sáng 6/1, tại hội trường UBND huyện, Ban Tuyên giáo Huyện ủy tổ chức hội nghị; Chủ tịch UBND xã dự"
    assert units(text) == [("Ban Tuyên giáo Huyện ủy Đắk Song", PARTY)]
    assert units("đoàn công tác của Ban Tuyên giáo Tỉnh ủy làm việc") == []  # "của": neither it nor its Tỉnh ủy


def test_a_body_with_no_place_said_or_known_is_not_guessed() -> None:
    assert units("UBND xã tổ chức lễ phát động") == []  # which commune is not said
    assert units("UBND huyện tổ chức", province=None, district=None) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ỦY BAN NHÂN DÂN HUYỆN ĐẮK SONG KHÁNH THÀNH BẾP ĂN", [("Ủy ban nhân dân huyện Đắk Song", STATE)]),
        ("SỞ Y TẾ TỈNH ĐẮK NÔNG CUNG CẤP THÔNG TIN", [("Sở Y tế tỉnh Đắk Nông", STATE)]),
        ("UBND HUYỆN TỔ CHỨC HỘI NGHỊ TỔNG KẾT", [("Ủy ban nhân dân huyện Đắk Song", STATE)]),
        (
            "Huyện đoàn phối hợp với đoàn thanh niên xã Đắk Môl",
            [("Huyện đoàn Đắk Song", FRONT), ("Đoàn Thanh niên xã Đắk Môl", FRONT)],
        ),
        ("trường THPT Lương Thế Vinh khai giảng", [("Trường Trung học phổ thông Lương Thế Vinh", OTHER)]),
    ],
)
def test_bodies_written_in_lower_case_or_in_capitals_are_found(text: str, expected: list) -> None:
    assert units(text) == expected


def test_a_lower_case_body_without_its_own_place_is_the_work_not_a_unit() -> None:
    assert units("lực lượng công an xã tuần tra đêm") == []  # the site's district is no guess for "công an"
    assert units("đoàn thanh niên huyện ra quân") == []
    assert units("Công an huyện ra quân") == [("Công an huyện Đắk Song", ARMED)]  # as written: the site's place
