"""Party units an article is about, named canonically with their locality.

A district portal writes "Ban Tuyên giáo Huyện ủy" without saying which district: the locality comes
from the page's own place. Units are read from the title and the lead paragraph only, organiser first,
because later paragraphs list guests and people's titles ("Ủy viên Ban Thường vụ Tỉnh ủy").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Departments that appear as actors; the committee they belong to follows.
_DEPARTMENTS = (
    r"Ban\s+Tuyên\s+giáo|Ban\s+Dân\s+vận|Ban\s+Tổ\s+chức|Ban\s+Nội\s+chính|Ban\s+Thường\s+vụ|Thường\s+trực"
    r"|Ủy\s+ban\s+Kiểm\s+tra|Văn\s+phòng|Ban\s+Chấp\s+hành|Ban\s+Chỉ\s+đạo\s+\d+"
)
_COMMITTEES = r"Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Thị\s+ủy|Quận\s+ủy|Đảng\s+ủy|Trung\s+ương"
_NAME = r"\w+(?:[ \t]+\w+){0,3}"  # capitalised words only: checked in _trim_place
_UNIT = re.compile(rf"(?P<dept>(?i:{_DEPARTMENTS}))\s+(?P<committee>(?i:{_COMMITTEES}))(?=\s+(?P<place>{_NAME}))?")
# Words before a unit name that make it a person's title, not an actor.
_PERSON_TITLE = re.compile(
    r"(?:Bí\s+thư|Ủy\s+viên|Trưởng|Phó|viên|Chánh|Chủ\s+nhiệm|Giám\s+đốc|đồng\s+chí|lãnh\s+đạo|của)\s*(?:ban\s*)?$",
    re.IGNORECASE,
)
_TYPO = [(re.compile(r"\bHuy[eê]n\s+[uủ]y\b", re.IGNORECASE), "Huyện ủy"), (re.compile(r"\bTỉnh\s+uy\b"), "Tỉnh ủy")]
_CANON_DEPT = {
    "ban tuyên giáo": "Ban Tuyên giáo",
    "ban dân vận": "Ban Dân vận",
    "ban tổ chức": "Ban Tổ chức",
    "ban nội chính": "Ban Nội chính",
    "ban thường vụ": "Ban Thường vụ",
    "thường trực": "Thường trực",
    "ủy ban kiểm tra": "Ủy ban Kiểm tra",
    "văn phòng": "Văn phòng",
    "ban chấp hành": "Ban Chấp hành",
}
_PROVINCIAL = {"tỉnh ủy", "thành ủy"}
_DISTRICT = {"huyện ủy", "thị ủy", "quận ủy"}


@dataclass(frozen=True)
class UnitMention:
    name: str
    level: str


def _canon_dept(dept: str) -> str:
    key = re.sub(r"\s+", " ", dept.lower())
    return _CANON_DEPT.get(key) or re.sub(r"\s+", " ", dept[0].upper() + dept[1:])


def fix_typos(text: str) -> str:
    for pattern, repl in _TYPO:
        text = pattern.sub(repl, text)
    return text


def find_units(
    text: str,
    province: str | None,
    district: str | None,
    is_place: Callable[[str], bool] = lambda name: False,
) -> list[UnitMention]:
    """Units acting in ``text`` (title + lead), in order of first mention, with their locality.

    ``is_place`` tells whether a capitalised name after the committee is a real place; others
    ("Huyện ủy Tổ chức ...") are left off the unit name.
    """
    text = fix_typos(text)
    found: list[UnitMention] = []
    for m in _UNIT.finditer(text):
        if not m.group("dept")[0].isupper() or _PERSON_TITLE.search(text[max(0, m.start() - 25) : m.start()]):
            continue
        committee = re.sub(r"\s+", " ", m.group("committee")).lower()
        committee = committee[0].upper() + committee[1:]
        place = m.group("place")
        place = _trim_place(place, is_place) if place else None
        level, default_place = _level(committee.lower(), province, district)
        locality = place or default_place
        name = f"{_canon_dept(m.group('dept'))} {committee}" + (f" {locality}" if locality else "")
        if all(u.name != name for u in found):
            found.append(UnitMention(name, level))
    return found


def _trim_place(place: str, is_place: Callable[[str], bool]) -> str | None:
    words = []
    for word in place.split():
        if not word[0].isupper():
            break
        words.append(word)
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if is_place(candidate):
            return candidate
    return None


def _level(committee: str, province: str | None, district: str | None) -> tuple[str, str | None]:
    if committee == "trung ương":
        return "trung ương", None
    if committee in _PROVINCIAL:
        return "tỉnh", province
    if committee in _DISTRICT:
        return "huyện", district
    return "xã", None
