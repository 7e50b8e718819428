"""The facts table for the five sample pages (DESIGN.md), asserted field by field through the CLI."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    "000": {
        "title": "Hội nghị tổng kết công tác Tuyên giáo năm 2021, triển khai nhiệm vụ năm 2022",
        "date": "2022-01-06",
        "province": "Nam Định",
        "province_2025": "Ninh Bình",
        "district": "Nam Trực",
        "units": ["Ban Tuyên giáo Huyện ủy Nam Trực"],
        "level": "huyện",
        "directives": ["06-KH/BTG", "21/NQ-CP", "Nghị quyết TW4 khóa XIII", "05-CT/TW"],
    },
    "001": {
        "title": "Ban Tuyên giáo Tỉnh ủy làm việc với Thường trực Huyện ủy về triển khai công tác tuyên giáo năm 2019",
        "date": "2019-04-10",
        "province": "Quảng Ninh",
        "province_2025": "Quảng Ninh",
        "district": "Đầm Hà",
        "units": ["Ban Tuyên giáo Tỉnh ủy Quảng Ninh", "Thường trực Huyện ủy Đầm Hà"],
        "level": "tỉnh",
        "directives": ["05-CT/TW", "Nghị quyết TW4 khóa XII"],
    },
    "002": {
        "title": (
            "Thường trực Huyện ủy Thọ Xuân làm việc với Ban Tuyên giáo Huyện ủy và các đơn vị có liên quan, "
            "triển khai các nhiệm vụ trọng tâm về công tác Tuyên giáo năm 2023"
        ),
        "date": "2023-01-31",
        "province": "Thanh Hóa",
        "province_2025": "Thanh Hóa",
        "district": "Thọ Xuân",
        "units": ["Thường trực Huyện ủy Thọ Xuân", "Ban Tuyên giáo Huyện ủy Thọ Xuân"],
        "level": "huyện",
        "directives": ["01-KL/TW (2021)", "05-CT/TW", "21-KL/TW", "28-NQ/TW", "238-QĐ/TW"],
    },
    "003": {
        "title": "Hội nghị triển khai nhiệm vụ công tác Tuyên giáo quý II",
        "date": "2022-04-05",
        "province": "Bắc Kạn",
        "province_2025": "Thái Nguyên",
        "units": ["Ban Tuyên giáo Tỉnh ủy Bắc Kạn"],
        "level": "tỉnh",
        "directives": ["238-QĐ/TW", "01-KL/TW (2021)", "05-CT/TW"],
    },
    "004": {
        "title": "Hưng Yên triển khai nhiệm vụ công tác Tuyên giáo và công tác thông tin đối ngoại năm 2021",
        "date": "2021-01-15",
        "event_date": "2021-01-14",
        "province": "Hưng Yên",
        "province_2025": "Hưng Yên",
        "units": ["Ban Tuyên giáo Tỉnh ủy Hưng Yên"],
        "level": "tỉnh",
        "directives": ["Nghị quyết TW4 khóa XII", "101-QĐ/TW", "05-CT/TW"],
        "author": "Trần Hữu Chất",
    },
}


def run_extract() -> subprocess.CompletedProcess[str]:
    """`vnsearch extract corpus/` as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "search", "extract", str(ROOT / "corpus")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    proc = run_extract()
    articles = [json.loads(line) for line in proc.stdout.splitlines()]
    assert "loaded 5" in proc.stderr
    return {Path(a["origin"]).name[:3]: a for a in articles}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_facts(extracted: dict[str, dict], seed: str) -> None:
    article = extracted[seed]
    for key, value in EXPECTED[seed].items():
        if key == "directives":
            # A year may qualify a code the table lists bare ("28-NQ/TW (2022)": numbers restart each term).
            found = article["directives"]
            missing = [d for d in value if not any(f == d or f.startswith(f"{d} (") for f in found)]
            assert not missing, f"{seed}: directives {missing} not in {article['directives']}"
        else:
            assert article[key] == value, f"{seed}: {key}"
    assert article["year"] == int(article["date"][:4])
    assert article["id"] and article["source_url"].startswith("https://")


def test_body_is_clean(extracted: dict[str, dict]) -> None:
    for seed, article in extracted.items():
        body = article["body"]
        for junk in (
            "Lượt xem",
            "anh tin bai",
            ".png",
            "Thống kê truy cập",
            "Bài viết khác",
            "Giấy phép",
            "image advertisement",
            "Đang online",
        ):
            assert junk not in body, f"{seed}: {junk!r} left in the body"
        assert article["title"] not in body.split("\n\n")[0]


def test_ids_are_stable(extracted: dict[str, dict]) -> None:
    again = run_extract()
    ids = {Path(a["origin"]).name[:3]: a["id"] for a in map(json.loads, again.stdout.splitlines())}
    assert ids == {k: v["id"] for k, v in extracted.items()}
    assert len(set(ids.values())) == 5


def test_site_options_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Hội nghị giao ban công tác Tuyên giáo quý III\n\n"
        "Sáng ngày 5/10/2023, Ban Tuyên giáo Huyện ủy tổ chức hội nghị giao ban công tác Tuyên giáo quý III.\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "search",
            "extract",
            str(page),
            "--province",
            "Lạng Sơn",
            "--district",
            "Chi Lăng",
            "--source-url",
            "https://chilang.langson.gov.vn/tin/1",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    article = json.loads(proc.stdout)
    assert (article["province"], article["district"]) == ("Lạng Sơn", "Chi Lăng")
    assert article["units"] == ["Ban Tuyên giáo Huyện ủy Chi Lăng"]
    assert article["date"] == "2023-10-05" and article["level"] == "huyện"
    assert article["source_url"] == "https://chilang.langson.gov.vn/tin/1"
