"""Units an article is about: the bodies that organise, report or are reported on, named canonically.

A district portal writes "UBND huyện" or "Ban Tuyên giáo Huyện ủy" without saying which district:
the locality comes from the page's own place. Abbreviations are expanded ("Hội LHPN" -> "Hội Liên
hiệp Phụ nữ") and each unit has a kind, so the facet can be grouped. Every body the product knows
is one row of :data:`BODIES`. Units are read from the title and the opening paragraphs only,
organiser first, because later paragraphs list guests and people's titles ("Ủy viên Ban Thường vụ
Tỉnh ủy"); a body named right after a person's title ("Chủ tịch UBND huyện") is that person's, not
an actor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from search.text import fold

PARTY, STATE, FRONT, ARMED, OTHER = "party", "state", "front", "armed", "other"
KIND_LABELS = {
    PARTY: ("Đảng", "Party"),
    STATE: ("Chính quyền", "State"),
    FRONT: ("Mặt trận, đoàn thể", "Front and mass organisations"),
    ARMED: ("Quân sự, công an", "Armed forces and police"),
    OTHER: ("Khác", "Other"),
}


@dataclass(frozen=True)
class Body:
    """One kind of body: how texts write it (a regex), its full name, its kind, how its place is given.

    ``place``: "level" (followed by "tỉnh/huyện/xã … Name"), "bare" (followed by a place name only,
    "Huyện ủy Đắk Song"), "named" (its own name follows, "Trường THCS Lê Lợi"), "committee" (a
    Party board followed by its committee, "Ban Tuyên giáo Huyện ủy").
    """

    pattern: str
    name: str
    kind: str
    place: str = "level"


# The sectors of ministries (Bộ), provincial departments (Sở) and district offices (Phòng): one list for
# all three, as the state names them (Chính phủ's decrees); the regex spelling allows "và"/"&"/"-".
SECTORS = (
    "Nội vụ",
    "Tư pháp",
    "Tài chính",
    "Kế hoạch và Đầu tư",
    "Tài chính - Kế hoạch",
    "Công Thương",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Giao thông vận tải",
    "Xây dựng",
    "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa - Thể thao",
    "Văn hóa và Thông tin",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Ngoại vụ",
    "Dân tộc",
    "Kinh tế và Hạ tầng",
    "Kinh tế",
    "Quốc phòng",
    "Công an",
    "Ngoại giao",
)


def _spelled(name: str) -> str:
    """A name as a regex that allows the spellings texts use: "và" or "&", "-" or "–", any spaces."""
    parts = []
    for word in name.split():
        if word == "và":
            parts.append(r"(?:và|&)")
        elif word == "-":
            parts.append(r"[-–]")
        else:
            parts.append(re.escape(word.rstrip(",")) + (r",?" if word.endswith(",") else ""))
    return r"\s+".join(parts).replace(r"\s+[-–]\s+", r"\s*[-–]\s*")


_SECTOR = "|".join(_spelled(n) for n in sorted(SECTORS, key=len, reverse=True))

BODIES: tuple[Body, ...] = (
    # Party boards of a committee ("Ban Tuyên giáo Huyện ủy Nam Trực")
    Body(r"Ban\s+Tuyên\s+giáo|BTG", "Ban Tuyên giáo", PARTY, "committee"),
    Body(r"Ban\s+Dân\s+vận|BDV", "Ban Dân vận", PARTY, "committee"),
    Body(r"Ban\s+Tổ\s+chức", "Ban Tổ chức", PARTY, "committee"),
    Body(r"Ban\s+Nội\s+chính", "Ban Nội chính", PARTY, "committee"),
    Body(r"Ban\s+Thường\s+vụ|BTV", "Ban Thường vụ", PARTY, "committee"),
    Body(r"Ban\s+Chấp\s+hành|BCH", "Ban Chấp hành", PARTY, "committee"),
    Body(r"Thường\s+trực", "Thường trực", PARTY, "committee"),
    Body(r"Ủy\s+ban\s+Kiểm\s+tra|UBKT", "Ủy ban Kiểm tra", PARTY, "committee"),
    Body(r"Văn\s+phòng", "Văn phòng", PARTY, "committee"),
    Body(r"Ban\s+Chỉ\s+đạo\s+\d+", "", PARTY, "committee"),  # "Ban Chỉ đạo 35 Tỉnh ủy": kept as written
    # Party committees
    Body(r"Tỉnh\s+ủy", "Tỉnh ủy", PARTY, "bare"),
    Body(r"Thành\s+ủy", "Thành ủy", PARTY, "bare"),
    Body(r"Huyện\s+ủy", "Huyện ủy", PARTY, "bare"),
    Body(r"Thị\s+ủy", "Thị ủy", PARTY, "bare"),
    Body(r"Quận\s+ủy", "Quận ủy", PARTY, "bare"),
    Body(r"Đảng\s+ủy", "Đảng ủy", PARTY),
    Body(r"Chi\s+bộ", "Chi bộ", PARTY, "named"),
    # State
    Body(r"Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|UBTVQH", "Ủy ban Thường vụ Quốc hội", STATE, "national"),
    Body(r"Quốc\s+hội", "Quốc hội", STATE, "national"),
    Body(r"Thủ\s+tướng\s+Chính\s+phủ", "Thủ tướng Chính phủ", STATE, "national"),
    Body(r"Chính\s+phủ(?!\s+điện\s+tử|\s+số)", "Chính phủ", STATE, "national"),
    Body(rf"Bộ\s+(?:{_SECTOR})", "", STATE, "national"),
    Body(rf"Sở\s+(?:{_SECTOR})", "", STATE),
    Body(rf"Phòng\s+(?:{_SECTOR})", "", STATE),
    Body(r"Ủy\s+ban\s+nhân\s+dân|UBND", "Ủy ban nhân dân", STATE),
    Body(r"Hội\s+đồng\s+nhân\s+dân|HĐND", "Hội đồng nhân dân", STATE),
    Body(r"Tòa\s+án\s+nhân\s+dân|TAND", "Tòa án nhân dân", STATE),
    Body(r"Viện\s+kiểm\s+sát\s+nhân\s+dân|VKSND", "Viện kiểm sát nhân dân", STATE),
    Body(r"Phòng\s+GD\s*(?:&|và)\s*ĐT", "Phòng Giáo dục và Đào tạo", STATE),
    Body(
        r"Phòng\s+Văn\s+hóa\s*(?:và|-|–)\s*Thông\s+tin|Phòng\s+VH\s*(?:&|-)\s*TT", "Phòng Văn hóa và Thông tin", STATE
    ),
    Body(r"Trung\s+tâm\s+Y\s+tế|TTYT", "Trung tâm Y tế", STATE),
    Body(r"Trung\s+tâm\s+Kiểm\s+soát\s+bệnh\s+tật|CDC", "Trung tâm Kiểm soát bệnh tật", STATE),
    Body(r"Trung\s+tâm\s+Văn\s+hóa\s*(?:-|–|,)?\s*Thể\s+thao(?:\s+và\s+Truyền\s+thanh)?", "", STATE),
    Body(r"Bệnh\s+viện\s+Đa\s+khoa", "Bệnh viện Đa khoa", STATE),
    # Front and mass organisations
    Body(
        r"Ủy\s+ban\s+(?:Mặt\s+trận\s+Tổ\s+quốc|MTTQ)(?:\s+Việt\s+Nam)?|UBMTT?Q(?:VN|\s+Việt\s+Nam|\s+VN)?"
        r"|(?:Mặt\s+trận\s+Tổ\s+quốc|MTTQ)(?:VN|\s+Việt\s+Nam)?",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        FRONT,
    ),
    Body(r"Hội\s+Liên\s+hiệp\s+Phụ\s+nữ|Hội\s+LHPN|HLHPN", "Hội Liên hiệp Phụ nữ", FRONT),
    Body(r"Hội\s+Nông\s+dân|HND", "Hội Nông dân", FRONT),
    Body(r"Hội\s+Cựu\s+chiến\s+binh|Hội\s+CCB", "Hội Cựu chiến binh", FRONT),
    Body(r"Liên\s+đoàn\s+Lao\s+động|LĐLĐ", "Liên đoàn Lao động", FRONT),
    Body(r"Hội\s+Chữ\s+thập\s+đỏ", "Hội Chữ thập đỏ", FRONT),
    Body(r"Hội\s+Luật\s+gia", "Hội Luật gia", FRONT),
    Body(r"Hội\s+Người\s+cao\s+tuổi", "Hội Người cao tuổi", FRONT),
    Body(
        r"Đoàn\s+Thanh\s+niên(?:\s+Cộng\s+sản\s+Hồ\s+Chí\s+Minh)?|Đoàn\s+TNCS\s+Hồ\s+Chí\s+Minh",
        "Đoàn Thanh niên",
        FRONT,
    ),
    Body(r"Huyện\s+đoàn", "Huyện đoàn", FRONT, "bare"),
    Body(r"Tỉnh\s+đoàn", "Tỉnh đoàn", FRONT, "bare"),
    Body(r"Thành\s+đoàn", "Thành đoàn", FRONT, "bare"),
    # Armed forces and police
    Body(r"Ban\s+Chỉ\s+huy\s+Quân\s+sự|Ban\s+CHQS", "Ban Chỉ huy Quân sự", ARMED),
    Body(r"Bộ\s+Chỉ\s+huy\s+Quân\s+sự|Bộ\s+CHQS", "Bộ Chỉ huy Quân sự", ARMED),
    Body(r"Bộ\s+Chỉ\s+huy\s+Bộ\s+đội\s+Biên\s+phòng|BĐBP", "Bộ Chỉ huy Bộ đội Biên phòng", ARMED),
    Body(r"Đồn\s+Biên\s+phòng", "Đồn Biên phòng", ARMED, "named"),
    Body(r"Công\s+an", "Công an", ARMED),
    # Schools
    Body(
        r"Trường\s+(?:Mầm\s+non|Tiểu\s+học|THCS|THPT|Trung\s+học\s+cơ\s+sở|Trung\s+học\s+phổ\s+thông"
        r"|Phổ\s+thông\s+Dân\s+tộc\s+Nội\s+trú|PTDTNT|TH)",
        "",
        OTHER,
        "named",
    ),
)

_SCHOOL_WORDS = {
    "th": "Tiểu học",
    "thcs": "Trung học cơ sở",
    "thpt": "Trung học phổ thông",
    "ptdtnt": "Phổ thông Dân tộc Nội trú",
}
_COMMITTEE = r"Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Thị\s+ủy|Quận\s+ủy|Đảng\s+ủy|Trung\s+ương"
_LEVEL = r"tỉnh|thành\s+phố|TP\.?|thị\s+xã|TX\.?|huyện|quận|xã|phường|thị\s+trấn"
_NAME = r"[^\W\d_][\w'’]*(?:[ \t]+[^\W_][\w'’]*){0,3}"  # up to four words; the capitalised ones are kept
_ALTERNATIVES = "|".join(f"(?P<b{i}>{b.pattern})" for i, b in enumerate(BODIES))
_UNIT = re.compile(rf"(?<![\w])(?:{_ALTERNATIVES})(?![\w])")
# Portals also write "trường THPT Đắk Song", "đoàn thanh niên xã Đắk Môl" and whole titles in capitals:
# a body matched only when case is ignored counts when its own place or name is written after it.
_UNIT_ANY_CASE = re.compile(_UNIT.pattern, re.IGNORECASE)
_SECTOR_NAMES = {fold(s): s for s in SECTORS}
_AFTER_LEVEL = re.compile(rf"[ \t]+(?P<level>(?i:{_LEVEL}))(?:[ \t]+(?P<name>{_NAME}))?")
_AFTER_COMMITTEE = re.compile(rf"[ \t]+(?P<committee>(?i:{_COMMITTEE}))")
_AFTER_NAME = re.compile(rf"[ \t]+(?P<name>{_NAME})")
# Words before a unit that make it a person's title or a document's issuer, not an actor.
_PERSON_TITLE = re.compile(
    r"(?:Bí\s+thư|Ủy\s+viên|Trưởng|Phó|viên|Chánh|Chủ\s+nhiệm|Chủ\s+tịch|Giám\s+đốc|Hiệu\s+trưởng|Chỉ\s+huy"
    r"|đồng\s+chí|lãnh\s+đạo|của|thuộc|trụ\s+sở|hội\s+trường|phòng\s+họp)\s*(?:ban\s*)?$",
    re.IGNORECASE,
)
# "tại hội trường UBND huyện, ...": a body named as the place of the event, in the same clause.
_LOCATION = re.compile(r"(?:^|[,;.:(])[^,;.:(]*(?<!\w)(?:tại|tai|ở)\s[^,;.:]*$", re.IGNORECASE)
_TYPO = [(re.compile(r"\bHuy[eê]n\s+[uủ]y\b", re.IGNORECASE), "Huyện ủy"), (re.compile(r"\bTỉnh\s+uy\b"), "Tỉnh ủy")]
_LEVEL_CANON = {"tp": "thành phố", "tp.": "thành phố", "tx": "thị xã", "tx.": "thị xã"}
_PROVINCIAL = {"tỉnh ủy", "thành ủy", "tỉnh đoàn", "thành đoàn"}
_DISTRICT = {"huyện ủy", "thị ủy", "quận ủy", "huyện đoàn"}


@dataclass(frozen=True)
class UnitMention:
    name: str
    level: str
    kind: str


def fix_typos(text: str) -> str:
    for pattern, repl in _TYPO:
        text = pattern.sub(repl, text)
    return text


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def find_units(
    text: str,
    province: str | None,
    district: str | None,
    is_place: Callable[[str], bool] = lambda name: False,
) -> list[UnitMention]:
    """Units acting in ``text`` (a title or a lead), in order of first mention, with their locality.

    ``is_place`` tells whether a capitalised name after a committee is a real place; others
    ("Huyện ủy Tổ chức ...") are left off the unit name.
    """
    text = fix_typos(text)
    shouting = _shouting(text)
    if shouting:  # "ỦY BAN NHÂN DÂN HUYỆN ĐẮK SONG KHÁNH THÀNH ...": case says nothing, places are trimmed
        text = " ".join(word.capitalize() for word in text.split())
    found: list[UnitMention] = []
    covered = -1
    for m in _UNIT_ANY_CASE.finditer(text):
        if m.start() < covered:
            continue
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        body = BODIES[index]
        as_written = _UNIT.fullmatch(m.group()) is not None
        if not as_written and not (shouting and body.place != "named") and body.place not in ("level", "named"):
            continue
        own_place = not as_written and not shouting
        mention, end = _name(body, m, text, province, district, is_place, own_place, shouting)
        covered = max(covered, end)  # "của Ban Tuyên giáo Tỉnh ủy": its "Tỉnh ủy" is no unit of its own
        before = text[max(0, m.start() - 80) : m.start()]
        if mention is None or _PERSON_TITLE.search(before[-25:]) or _LOCATION.search(before):
            continue
        if all(u.name != mention.name for u in found):
            found.append(mention)
    return found


def _name(  # noqa: PLR0911, PLR0913 - one branch per way a body gives its place
    body: Body,
    m: re.Match[str],
    text: str,
    province: str | None,
    district: str | None,
    is_place: Callable[[str], bool],
    own_place: bool = False,
    shouting: bool = False,
) -> tuple[UnitMention | None, int]:
    """The unit's canonical name and where its mention ends; ``own_place``: only with its place written;
    ``shouting``: every word is capitalised, so only a known place counts as one."""
    written = _squash(m.group())
    name = body.name or _canonical(written)
    if body.place == "national":
        return UnitMention(name, "trung ương", body.kind), m.end()
    if body.place == "committee":
        after = _AFTER_COMMITTEE.match(text, m.end())
        if after is None:
            return None, m.end()
        committee = _squash(after.group("committee"))
        committee = committee[0].upper() + committee[1:].lower()
        level, default = _committee_level(committee.lower(), province, district)
        place, end = _bare_place(text, after.end(), is_place)
        locality = place or default
        return UnitMention(f"{name} {committee}" + (f" {locality}" if locality else ""), level, PARTY), end
    if body.place == "bare":
        level, default = _committee_level(name.lower(), province, district)
        place, end = _bare_place(text, m.end(), is_place)
        locality = place or default
        return UnitMention(f"{name} {locality}" if locality else name, level, body.kind), end
    if body.place == "named":
        after = _AFTER_NAME.match(text, m.end())
        own = _capitalised(after.group("name")) if after else None
        if after is None or own is None:
            return None, m.end()
        if written.lower().startswith("trường"):  # a school: "Trường THCS Lê Lợi" -> "Trường Trung học cơ sở Lê Lợi"
            short = written.split(" ", 1)[1]
            name = "Trường " + _SCHOOL_WORDS.get(short.lower(), short)
        return UnitMention(f"{name} {own}", "xã", body.kind), after.start("name") + len(own)
    after = _AFTER_LEVEL.match(text, m.end())
    if after is None:
        return None, m.end()
    level_word = _squash(after.group("level")).lower()
    level_word = _LEVEL_CANON.get(level_word, level_word)
    place = _capitalised(_squash(after.group("name"))) if after.group("name") else None
    if place and (shouting or level_word in ("huyện", "thị xã", "thành phố", "quận", "tỉnh")):
        place = _trim(place, is_place) or (None if shouting or level_word == "tỉnh" else place)
    if place is None and own_place:
        return None, after.end()  # "công an xã": the work, not a named body
    if place is None:
        place = province if level_word == "tỉnh" else district if level_word in ("huyện", "thị xã", "quận") else None
    if place is None:
        return None, after.end()  # "UBND xã" with no name: which commune is not said
    level = (
        "tỉnh"
        if level_word in ("tỉnh", "thành phố") and place == province
        else (
            "huyện"
            if level_word in ("huyện", "thị xã", "quận", "thành phố")
            else "xã"
            if level_word != "tỉnh"
            else "tỉnh"
        )
    )
    return UnitMention(f"{name} {level_word} {place}", level, body.kind), after.end()


def _shouting(text: str) -> bool:
    """A text in capitals ("ỦY BAN NHÂN DÂN HUYỆN ..."), as some portals write their titles."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _canonical(written: str) -> str:
    """A body written without a fixed name, as the state names it: "Sở Y Tế" -> "Sở Y tế"."""
    head, _, rest = written.partition(" ")
    spelled = re.sub(r"\s*[-–]\s*", " - ", rest.replace("&", "và"))
    sector = _SECTOR_NAMES.get(fold(" ".join(spelled.split())))
    return f"{head.capitalize()} {sector}" if sector and head.lower() in ("sở", "bộ", "phòng") else written


def _capitalised(name: str | None) -> str | None:
    """The leading capitalised words of a name ("Đắk Song tổ chức" -> "Đắk Song"); None if none."""
    words = []
    for word in (name or "").split():
        if not word[0].isupper() and not word[0].isdigit():
            break
        words.append(word)
    return " ".join(words) or None


def _trim(place: str, is_place: Callable[[str], bool]) -> str | None:
    words = place.split()
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if is_place(candidate):
            return candidate
    return None


def _bare_place(text: str, at: int, is_place: Callable[[str], bool]) -> tuple[str | None, int]:
    after = _AFTER_NAME.match(text, at)
    if after is None:
        return None, at
    place = _trim(_capitalised(after.group("name")) or "", is_place)
    return place, (after.start("name") + len(place) if place else at)


def _committee_level(committee: str, province: str | None, district: str | None) -> tuple[str, str | None]:
    if committee == "trung ương":
        return "trung ương", None
    if committee in _PROVINCIAL:
        return "tỉnh", province
    if committee in _DISTRICT:
        return "huyện", district
    return "xã", None
