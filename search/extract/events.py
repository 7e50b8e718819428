"""What kind of meeting an article reports, and the period it covers, from its title and lead.

Department staff look for prior coverage of "the same kind of meeting": last year's review
conference, the previous half-year's briefing. Each kind is one row of :data:`KINDS` (the most
specific first: "hội nghị tổng kết" is a review, not just a conference); the period is what the
meeting is about ("tổng kết công tác năm 2021"), written in one normal form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words before a meeting's name that make it the occasion, not the event ("chào mừng Đại hội",
# "TXCT trước kỳ họp", "phục vụ Đại hội").
_OCCASION = "".join(rf"(?<!{w}\s)" for w in ("mừng", "tới", "quyết", "thành", "vụ", "trước", "sau", "tại"))

KINDS: tuple[tuple[str, str], ...] = (
    ("tổng kết", r"tổng\s+kết"),
    ("sơ kết", r"sơ\s+kết"),
    ("giao ban", r"giao\s+ban"),
    ("tập huấn", r"tập\s+huấn|bồi\s+dưỡng|lớp\s+học|khai\s+giảng\s+lớp"),
    ("đại hội", rf"{_OCCASION}đại\s+hội(?!\s+đồng\s+cổ\s+đông)"),
    ("kỷ niệm", r"kỷ\s+niệm|mít\s+tinh"),
    ("kỳ họp", rf"{_OCCASION}kỳ\s+họp"),
    ("tiếp xúc cử tri", r"tiếp\s+xúc\s+cử\s+tri|TXCT"),
    ("hội thi", r"hội\s+thi|cuộc\s+thi|hội\s+thao|giải\s+(?:vô\s+địch|bóng|cầu|chạy|việt\s+dã)"),
    ("kiểm tra", r"kiểm\s+tra|giám\s+sát|thanh\s+tra"),
    ("làm việc", r"làm\s+việc\s+với|buổi\s+làm\s+việc|đến\s+thăm\s+và\s+làm\s+việc"),
    ("triển khai", r"triển\s+khai|quán\s+triệt"),
    ("lễ", r"phát\s+động|khai\s+mạc|bế\s+mạc|trao\s+(?:nhà|thưởng|tặng|quà)|khen\s+thưởng"
     r"|(?<!hội\s)\blễ\s+(?:ra\s+quân|phát\s+động|trao|giao|công\s+bố|khai\s+mạc|bế\s+mạc"
     r"|khánh\s+thành|khởi\s+công|đón\s+nhận|ký\s+kết|tuyên\s+dương|xuất\s+quân|tiễn)"),
    ("hội nghị", r"hội\s+nghị|hội\s+thảo|tọa\s+đàm"),
    ("họp", r"\bhọp\b"),
)  # fmt: skip
_KIND = [(name, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)) for name, pattern in KINDS]
MAX_KINDS = 2
# Meetings about a period of work ("tổng kết công tác năm 2021"); the rest happen in a year.
PERIOD_KINDS = frozenset(
    {"tổng kết", "sơ kết", "triển khai", "giao ban", "kiểm tra", "làm việc", "tập huấn", "hội nghị", "họp"}
)

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "i": "I", "ii": "II", "iii": "III", "iv": "IV"}
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_SPAN = r"(?P<a>(?:19|20)\d\d)\s*[-–—]\s*(?P<b>(?:19|20)\d\d)"
PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nhiệm kỳ {a}–{b}", re.compile(rf"nhiệm\s+kỳ\s+{_SPAN}", re.IGNORECASE)),
    ("giai đoạn {a}–{b}", re.compile(rf"giai\s+đoạn\s+{_SPAN}", re.IGNORECASE)),
    ("6 tháng đầu năm {y}", re.compile(rf"6\s+tháng\s+đầu\s+năm\s+{_YEAR}", re.IGNORECASE)),
    ("6 tháng cuối năm {y}", re.compile(rf"6\s+tháng\s+cuối\s+năm\s+{_YEAR}", re.IGNORECASE)),
    ("9 tháng năm {y}", re.compile(rf"9\s+tháng\s+(?:đầu\s+)?năm\s+{_YEAR}", re.IGNORECASE)),
    ("quý {q} năm {y}", re.compile(rf"quý\s+(?P<q>IV|I{{1,3}}|[1-4])\s*(?:/|năm\s+){_YEAR}", re.IGNORECASE)),
    ("tháng {m} năm {y}", re.compile(rf"tháng\s+(?P<m>1[0-2]|0?[1-9])\s*(?:/|năm\s+){_YEAR}", re.IGNORECASE)),
    ("năm học {a}–{b}", re.compile(rf"năm\s+học\s+{_SPAN}", re.IGNORECASE)),
    # "lần thứ IX, năm 2019" names the edition of a contest, not a period it covers.
    ("năm {y}", re.compile(rf"(?<!\w)(?<!\w,\s)năm\s+{_YEAR}(?!\s*[-–]\s*\d)", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Event:
    kinds: tuple[str, ...]
    period: str | None


# A lead reports an event when it says one took place; else its mentions are background ("Nghị quyết
# Đại hội Đảng bộ tỉnh đề ra mục tiêu ...").
_HAPPENED = re.compile(
    r"(?<!\w)(?:tổ\s+chức|diễn\s+ra|khai\s+mạc|tiến\s+hành|đã\s+họp|ra\s+quân|trao\s+tặng|tham\s+gia)(?!\w)",
    re.IGNORECASE,
)


def find_event(title: str, lead: str) -> Event:
    """Kinds from the title (else from a lead that reports an event); the period the title (else the
    lead) names."""
    kinds = _kinds(title) or (_kinds(lead) if _HAPPENED.search(lead) else ())
    if not any(k in PERIOD_KINDS for k in kinds):
        return Event(kinds, None)  # a ceremony's or a contest's year names its edition, not a period
    return Event(kinds, _period(title) or _period(lead))


def _kinds(text: str) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _KIND:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), name))
            break
    # The most specific kinds first (the table's order), at most two: "tổng kết" + "triển khai".
    names = [name for name, _ in KINDS if any(n == name for _, n in found)]
    while len(names) > 1 and names[-1] in ("hội nghị", "họp"):
        names.pop()  # "Hội nghị tổng kết" is a review; the conference is how it was held
    return tuple(names[:MAX_KINDS])


def _period(text: str) -> str | None:
    for form, pattern in PERIODS:
        m = pattern.search(text)
        if m:
            parts = {k: v for k, v in m.groupdict().items() if v}
            if "q" in parts:
                parts["q"] = _ROMAN.get(parts["q"].lower(), parts["q"].upper())
            if "m" in parts:
                parts["m"] = str(int(parts["m"]))
            return form.format(**parts)
    return None
