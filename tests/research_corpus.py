"""A corpus built for the researcher features, where every count is known (tests/retrieval, tests/web).

Nam Định: January 2021 four articles (one on 05), none in February, March two (both on 05), one
undated on 05. Thái Bình: January ten articles, five on 05.
"""

from __future__ import annotations

import json
from pathlib import Path

ON_05 = "Ban Tuyên giáo quán triệt Chỉ thị 05-CT/TW của Bộ Chính trị về học tập và làm theo Bác."
OTHER = "Hội nông dân xã tổ chức lớp tập huấn kỹ thuật trồng lúa cho bà con."


def reference(n: int) -> str:
    return " ".join(str(n * 7919 + k * 104729) for k in range(30))


def record(n: int, province: str, date: str | None, about_05: bool) -> dict[str, str]:
    out = {
        "url": f"https://{'namdinh' if province == 'Nam Định' else 'thaibinh'}.example.vn/tin/{n}",
        "title": f"Tin số {n} của {province}",
        "province": province,
        # A reference number of its own keeps each article its own story (digits are never notable words).
        "body": f"{ON_05 if about_05 else OTHER} Bài số {n}, mã lưu trữ {reference(n)}.",
    }
    if date:
        out["date"] = date
    if n == 30:  # one article cites a second document beside 05-CT/TW
        out["body"] += " Đồng thời triển khai Nghị quyết 35-NQ/TW của Bộ Chính trị."
    return out


RECORDS = (
    [record(i, "Nam Định", "2021-01-1" + str(i), i == 0) for i in range(4)]
    + [record(10 + i, "Nam Định", "2021-03-0" + str(i + 1), True) for i in range(2)]
    + [record(20, "Nam Định", None, True)]
    + [record(30 + i, "Thái Bình", f"2021-01-{i + 2:02d}", i % 2 == 0) for i in range(10)]
)


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps(r, ensure_ascii=False) for r in RECORDS)
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
