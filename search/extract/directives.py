"""Party and State documents cited by an article, as canonical codes a facet can count.

Portals write one document many ways ("05-CT/TW", "05 CT/TW", "Chỉ thị số 05 của Bộ Chính trị",
"Nghị quyết Trung ương 4 (khóa XII)"); the facet needs one value per document. Canonical forms:

- Party: ``NN-KIND/ISSUER`` ("05-CT/TW", "238-QĐ/TW", "08-QĐi/TW", "06-KH/BTG", "10-NQ/TU");
- State: ``NN/KIND-ISSUER`` ("21/NQ-CP", "16/CT-TTg", "15/2020/NĐ-CP");
- plenum resolutions: "Nghị quyết TW4 khóa XII".

Numbers are zero-padded to two digits ("5-CT/TW" -> "05-CT/TW"), as the Party writes them.

Documents without a written code, the rule for local ones: a bare number ("Kế hoạch số 91") becomes a
code only when its issuer is named right after it ("... của Ban Thường vụ Huyện ủy" -> "91-KH/HU") or
just before it ("Bộ Chính trị ban hành Chỉ thị số 05"), and the issuer is one whose code is fixed:
Bộ Chính trị / Ban Bí thư / Ban Chấp hành Trung ương (TW), Ban Tuyên giáo Trung ương (BTGTW),
Tỉnh ủy / Thành ủy / Thị ủy / Đảng bộ tỉnh (TU), Huyện ủy / Đảng bộ huyện (HU), Quận ủy (QU),
Đảng ủy (ĐU, Đảng ủy Khối ĐUK), Chính phủ (CP), Thủ tướng (TTg), UBND, HĐND. Without such an issuer a
bare number is kept only when the same article also writes that number and kind with an issuer
("Quyết định số 238" after "Quyết định số 238-QĐ/TW"), when the words after it match a catalogue title
("Chỉ thị số 05 về học tập và làm theo tư tưởng ..."), or when the catalogue marks one document as what
portals mean by the bare number (``primary``: "Chỉ thị 05", "Quyết định 238"). Otherwise ("Kế hoạch số
156" alone, "Nghị quyết số 10" alone) it is skipped: too ambiguous to facet on. Local codes carry no
locality: "91-KH/HU" is whichever district the article is about.

Years: Party numbers restart each congress term and Government numbers each year, so one code can name
several documents. ``data/directives.toml`` lists the documents it knows; a code listed more than once
is ambiguous, and its directive carries the year ("01-KL/TW (2021)") unless the entry is ``primary``.
Which one is meant: the date written right after the code ("ngày 18/5/2021"), else the term written
after the issuer ("của Bộ Chính trị khóa XII"), else the newest listed document not newer than the
article. A date that matches no listed document means another document with the same code, and the
year is kept ("05-CT/TW (1951)"). Codes the catalogue does not know never carry a year.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from search.model import Directive
from search.text import fold

CATALOGUE_PATH = Path(__file__).parents[1] / "data" / "directives.toml"

# Congress terms and the year each began (the congress sits in January).
TERMS: tuple[tuple[str, int], ...] = (
    ("IX", 2001),
    ("X", 2006),
    ("XI", 2011),
    ("XII", 2016),
    ("XIII", 2021),
    ("XIV", 2026),
)
_ROMAN_OF = {"9": "IX", "10": "X", "11": "XI", "12": "XII", "13": "XIII", "14": "XIV"}


def term_of(year: int) -> str | None:
    """The congress term a year falls in ("XII" for 2016-2020)."""
    found = None
    for name, start in TERMS:
        if year >= start:
            found = name
    return found


def _term_start(term: str) -> int:
    return dict(TERMS)[term]


def _canon_term(raw: str) -> str | None:
    raw = raw.upper()
    raw = _ROMAN_OF.get(raw, raw)
    return raw if raw in dict(TERMS) else None


# --------------------------------------------------------------------------------------------------
# Catalogue


@dataclass(frozen=True)
class Entry:
    code: str
    year: int
    title: str
    primary: bool = False


_CODE_PARTS = re.compile(r"^(\d+)(?:/\d{4})?[-/](\w+)[-/](\w+)$")


def _base_kind(kind: str) -> str:
    return "QĐ" if kind == "QĐi" else kind


@dataclass(frozen=True)
class Catalogue:
    by_code: dict[str, tuple[Entry, ...]]
    by_number: dict[tuple[int, str], tuple[Entry, ...]]  # (number, kind) -> entries, any issuer

    def default(self, code: str) -> Entry | None:
        """The entry a code means when nothing says otherwise: its only entry, or its primary one."""
        entries = self.by_code.get(code, ())
        if len(entries) == 1:
            return entries[0]
        return next((e for e in entries if e.primary), None)


@functools.cache
def catalogue() -> Catalogue:
    with CATALOGUE_PATH.open("rb") as fh:
        data = tomllib.load(fh)
    by_code: dict[str, list[Entry]] = {}
    by_number: dict[tuple[int, str], list[Entry]] = {}
    for row in data.get("directive", []):
        entry = Entry(row["code"], int(row["year"]), row.get("title", ""), bool(row.get("primary", False)))
        by_code.setdefault(entry.code, []).append(entry)
        m = _CODE_PARTS.match(entry.code)
        if m:
            by_number.setdefault((int(m.group(1)), _base_kind(m.group(2))), []).append(entry)
    return Catalogue(
        {k: tuple(sorted(v, key=lambda e: e.year)) for k, v in by_code.items()},
        {k: tuple(sorted(v, key=lambda e: e.year)) for k, v in by_number.items()},
    )


def _choose(code: str, year: int | None, term: str | None, article_year: int | None) -> Entry | None:
    cat = catalogue()
    entries = cat.by_code.get(code, ())
    if not entries:
        return None
    if year is not None:
        exact = [e for e in entries if e.year == year]
        if exact:
            return exact[0]
        same_term = [e for e in entries if term_of(e.year) == term_of(year)]
        return same_term[-1] if same_term else None
    if term is not None:
        same_term = [e for e in entries if term_of(e.year) == term]
        return same_term[-1] if same_term else None
    default = cat.default(code)
    if default is not None and (article_year is None or default.year <= article_year):
        return default
    if article_year is not None:
        older = [e for e in entries if e.year <= article_year]
        return older[-1] if older else None
    return None


def _directive(
    code: str,
    entry: Entry | None = None,
    *,
    year: int | None = None,
    term: str | None = None,
    article_year: int | None = None,
) -> Directive:
    cat = catalogue()
    entries = cat.by_code.get(code, ())
    if entry is None:
        entry = _choose(code, year, term, article_year)
    if entry is not None:
        keyed = entry is not cat.default(code)
        return Directive(code, entry.year if keyed else None, entry.title or None)
    if entries and year is not None:  # dated, and not any document the catalogue knows under this code
        return Directive(code, year)
    return Directive(code)


def directive_title(code: str, year: int | None = None) -> str | None:
    """Title of a code ("05-CT/TW") or facet key ("01-KL/TW (2021)"), where the catalogue knows it."""
    m = re.match(r"^(.*?)\s*+\((\d{4})\)$", code.strip())
    if m:
        code, year = m.group(1), int(m.group(2))
    cat = catalogue()
    if year is not None:
        entry = next((e for e in cat.by_code.get(code, ()) if e.year == year), None)
    else:
        entry = cat.default(code)
    return (entry.title or None) if entry else None


# What the parts of a code say, for a directive's page: (Vietnamese, English).
KIND_NAMES: dict[str, tuple[str, str]] = {
    "CT": ("Chỉ thị", "Directive"),
    "NQ": ("Nghị quyết", "Resolution"),
    "KL": ("Kết luận", "Conclusion"),
    "QĐ": ("Quy định / Quyết định", "Regulation / Decision"),
    "QĐi": ("Quy định", "Regulation"),
    "HD": ("Hướng dẫn", "Guidance"),
    "KH": ("Kế hoạch", "Plan"),
    "TB": ("Thông báo", "Notice"),
    "CTr": ("Chương trình", "Programme"),
    "ĐA": ("Đề án", "Project"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "QC": ("Quy chế", "Rules"),
}
ISSUER_NAMES: dict[str, tuple[str, str]] = {
    "TW": ("Trung ương Đảng (Bộ Chính trị, Ban Bí thư, Ban Chấp hành)", "The Party centre (Politburo, Secretariat, "
           "Central Committee)"),
    "BTGTW": ("Ban Tuyên giáo Trung ương", "Central Propaganda Department"),
    "TU": ("Tỉnh ủy, Thành ủy", "Provincial Party Committee"),
    "HU": ("Huyện ủy", "District Party Committee"),
    "QU": ("Quận ủy", "Urban District Party Committee"),
    "ĐU": ("Đảng ủy", "Party Committee"),
    "ĐUK": ("Đảng ủy Khối", "Party Committee of the Bloc"),
    "CP": ("Chính phủ", "The Government"),
    "TTg": ("Thủ tướng Chính phủ", "The Prime Minister"),
    "UBND": ("Ủy ban nhân dân", "People's Committee"),
    "HĐND": ("Hội đồng nhân dân", "People's Council"),
}  # fmt: skip
_PARTY_CODE = re.compile(r"^\d+-(?P<kind>\w+)/(?P<iss>\w+)$")
_STATE_CODE = re.compile(r"^\d+(?:/\d{4})?/(?P<kind>\w+)-(?P<iss>\w+)$")


@dataclass(frozen=True)
class Described:
    """What a directive key says of itself and what the catalogue knows: nothing guessed beyond that."""

    code: str
    year: int | None  # of issue, from the catalogue (or the key's own "(2021)")
    title: str | None
    kind: tuple[str, str] | None
    issuer: tuple[str, str] | None
    term: str | None  # the congress term of the year of issue (Party documents)
    others: tuple[Entry, ...]  # other catalogue documents under the same code


def describe(key: str) -> Described:
    """A facet key ("05-CT/TW", "01-KL/TW (2021)", "Nghị quyết TW4 khóa XII") as a directive page shows it."""
    m = re.match(r"^(.*?)\s*+\((\d{4})\)$", key.strip())
    code, year = (m.group(1), int(m.group(2))) if m else (key.strip(), None)
    cat = catalogue()
    entries = cat.by_code.get(code, ())
    entry = next((e for e in entries if e.year == year), None) if year else cat.default(code)
    if entry is not None:
        year = entry.year
    in_code = re.match(r"^\d+/(\d{4})/", code)  # State codes carry their year: 49/2017/NĐ-CP
    if year is None and in_code:
        year = int(in_code.group(1))
    parts = _PARTY_CODE.match(code) or _STATE_CODE.match(code)
    kind = KIND_NAMES.get(parts.group("kind")) if parts else None
    issuer = ISSUER_NAMES.get(parts.group("iss")) if parts else None
    plenum = re.search(r"khóa (\w+)$", code)
    party = (parts is not None and _PARTY_CODE.match(code) is not None) or code.startswith("Nghị quyết TW")
    if code.startswith("Nghị quyết TW"):
        kind, issuer = KIND_NAMES["NQ"], ("Ban Chấp hành Trung ương Đảng", "The Party Central Committee")
    term = plenum.group(1) if plenum else (term_of(year) if year and party else None)
    others = tuple(e for e in entries if e is not entry)
    return Described(code, year, (entry.title or None) if entry else None, kind, issuer, term, others)


# --------------------------------------------------------------------------------------------------
# Codes

_D = "\\-\u2013\u2014"  # hyphen, en dash, em dash
_KINDS = r"QĐi|QĐI|QDi|QĐ|QD|CTr|CT|NQ|KL|KH|HD|TB|QC|ĐA|NĐ|ND|CĐ|TTLT|TT"
_KIND_CANON = {"QĐI": "QĐi", "QDI": "QĐi", "QD": "QĐ", "ND": "NĐ"}
_STATE_KINDS = {"NĐ", "CĐ", "TT", "TTLT"}
_STATE_ISSUERS = {"CP", "TTg", "UBND", "HĐND", "VPCP", "BTTTT", "BNV", "BYT", "BGDĐT", "BCA", "BQP", "BTP"}
_PARTY_ISSUERS = {"TW", "TU", "HU", "QU", "ĐU", "ĐUK"}
_PARTY_PREFIXES = ("BTG", "BDV", "BTCTW", "UBKT", "VPTW", "BCĐ")

_CODE = re.compile(
    rf"(?<![\w./{_D}])(?P<num>\d{{1,4}})(?:[ \t]*+/[ \t]*+(?P<y>(?:19|20)\d\d))?"
    rf"[ \t]*+(?P<sep>[/{_D}]?)[ \t]*+(?P<kind>{_KINDS})[ \t]*+(?P<sep2>[/{_D}])[ \t]*+"
    r"(?P<iss>[A-ZĐƯ][A-ZĐƯa-z0-9]*)(?!\w)"
)


def _canon_kind(kind: str) -> str:
    return _KIND_CANON.get(kind.upper(), kind.upper() if kind not in ("CTr", "QĐi") else kind)


def _canon_issuer(iss: str) -> str:
    iss = iss.replace("TƯ", "TW")
    return {"TTG": "TTg"}.get(iss, iss)


def _is_state_issuer(iss: str) -> bool:
    return iss in _STATE_ISSUERS or re.fullmatch(r"(?:UBTV)?QH\d*", iss) is not None


def _is_party_issuer(iss: str) -> bool:
    return iss in _PARTY_ISSUERS or iss.startswith(_PARTY_PREFIXES) or iss.endswith(("TW", "TU", "HU"))


def _is_state_document(kind: str, iss: str, m: re.Match[str]) -> bool:
    """State documents put the number before a slash ("21/NQ-CP"); Party ones before a dash."""
    if kind in _STATE_KINDS or _is_state_issuer(iss):
        return True
    if kind == "QĐi" or _is_party_issuer(iss):
        return False
    return m.group("sep") == "/" and m.group("sep2") != "/"


def _make_code(num: int, kind: str, issuer: str, state: bool, year_part: str | None = None) -> str:
    n = f"{num:02d}"
    if state:
        return f"{n}/{year_part}/{kind}-{issuer}" if year_part else f"{n}/{kind}-{issuer}"
    return f"{n}-{kind}/{issuer}"


def _party_code(num: int, kind: str, issuer: str) -> str:
    """A Party code from a number, a kind and an issuer, preferring the QĐi form for a known "Quy định"."""
    code = _make_code(num, kind, issuer, False)
    if kind == "QĐ" and code not in catalogue().by_code:
        alt = _make_code(num, "QĐi", issuer, False)
        if alt in catalogue().by_code:
            return alt
    return code


# --------------------------------------------------------------------------------------------------
# Issuers written in words

_ISSUER_WORDS = (
    r"(?P<i_btgtw>Ban Tuyên giáo\s++(?:Trung ương|TW|TƯ))"
    r"|(?P<i_tw>Bộ Chính trị|Ban Bí thư(?:\s++Trung ương)?(?:\s++Đảng)?|BCT|BBT"
    r"|(?:Ban Chấp hành|BCH)\s*+(?:Trung ương|TW|TƯ|T\.Ư)(?:\s++Đảng)?|BCHTW|Trung ương(?:\s++Đảng)?|TW|TƯ|T\.Ư)"
    r"|(?P<i_ttg>Thủ tướng(?:\s++Chính phủ)?)"
    r"|(?P<i_cp>Chính phủ)"
    r"|(?P<i_ubnd>UBND|Ủy ban nhân dân)"
    r"|(?P<i_hdnd>HĐND|Hội đồng nhân dân)"
    r"|(?:(?:Ban Thường vụ|BTV|Ban Chấp hành|BCH|Thường trực)\s++)?"
    r"(?P<i_local>Tỉnh ủy|Thành ủy|Thị ủy|Huyện ủy|Huyên ủy|Quận ủy|Đảng ủy\s++Khối|Đảng ủy)"
    r"|(?:(?:Ban Chấp hành|BCH)\s++)?Đảng bộ\s++(?P<i_level>tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn)"
)
_LOCAL = {
    "tỉnh ủy": "TU",
    "thành ủy": "TU",
    "thị ủy": "TU",
    "huyện ủy": "HU",
    "huyên ủy": "HU",
    "quận ủy": "QU",
    "đảng ủy": "ĐU",
}
_LEVEL = {
    "tỉnh": "TU",
    "thành phố": "TU",
    "thị xã": "TU",
    "huyện": "HU",
    "quận": "QU",
    "xã": "ĐU",
    "phường": "ĐU",
    "thị trấn": "ĐU",
}
_STATE_WORD_ISSUERS = {"i_ttg": "TTg", "i_cp": "CP", "i_ubnd": "UBND", "i_hdnd": "HĐND"}

_TERM = r"(?P<term>XIV|XIII|XII|XI|X|IX|1[0-4]|9)(?!\w)"

# What may follow a number or a code: its date, its issuer, its term.
_TAIL = re.compile(
    rf"[ \t]*+[,(]?[ \t]*+(?:(?:ban hành[ \t]++)?(?:ngày[ \t]*+)?(?P<d>\d{{1,2}})[ \t]*+[/.{_D}][ \t]*+"
    rf"(?P<m>\d{{1,2}})[ \t]*+[/.{_D}][ \t]*+(?P<y>(?:19|20)\d\d)(?!\d)"
    r"|ngày[ \t]++\d{1,2}[ \t]++tháng[ \t]++\d{1,2}[ \t]++năm[ \t]++(?P<y2>(?:19|20)\d\d)"
    r"|năm[ \t]++(?P<y3>(?:19|20)\d\d)(?!\d))?"
    rf"[ \t]*+\)?[ \t]*+,?[ \t]*+(?:(?:của|do)[ \t]++)?(?:{_ISSUER_WORDS})?"
    rf"[ \t]*+,?[ \t]*+\(?[ \t]*+(?:(?:khóa|khoá)[ \t]*+{_TERM})?",
    re.IGNORECASE,
)
_PRE = re.compile(
    rf"(?:{_ISSUER_WORDS})(?:[ \t]++(?:khóa|khoá)[ \t]*+\w+)?[ \t]++(?:đã[ \t]++|vừa[ \t]++|mới[ \t]++)?"
    r"(?:ký[ \t]++)?(?:ban hành|ra)[ \t]++$",
    re.IGNORECASE,
)

_PRE_VERB = re.compile(r"(?:ban hành|(?<!\w)ra)[ \t]++$", re.IGNORECASE)  # cheap gate before _PRE

_WORD_KIND = {
    "chỉ thị": "CT",
    "nghị quyết": "NQ",
    "kết luận": "KL",
    "quyết định": "QĐ",
    "quy định": "QĐ",
    "kế hoạch": "KH",
    "hướng dẫn": "HD",
    "thông báo": "TB",
    "đề án": "ĐA",
    "nghị định": "NĐ",
    "công điện": "CĐ",
}
_NOT_A_NUMBER_AFTER = (
    r"năm(?![ \t]*+(?:19|20)\d\d)|ngày(?![ \t]*+\d)|tháng|tuần|quý|lần|điểm|mục|nội dung|nhiệm vụ"
    r"|chỉ tiêu|giải pháp|người|đồng chí|tỷ|triệu|nghìn|%"
)
_BARE = re.compile(
    rf"(?<!\w)(?P<word>{'|'.join(_WORD_KIND)})[ \t]++(?:số[ \t]*+:?[ \t]*+)?"
    r"(?P<nums>(?!(?:19|20)\d\d(?!\d))\d{1,4}(?:[ \t]*+(?:,|và)[ \t]*+(?:số[ \t]*+)?\d{1,4}(?!\d))*)(?!\d)"
    rf"(?![ \t]*+[/.{_D}][ \t]*+\d)(?-i:(?![ \t]*+[/{_D}][ \t]*+[A-ZĐ]))"
    rf"(?![ \t]*+[/{_D}]?[ \t]*+(?:{_KINDS})[ \t]*+[/{_D}])"
    rf"(?![ \t]*+(?:{_NOT_A_NUMBER_AFTER})(?!\w))",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"[ \t]*+[,:(]?[ \t]*+[“\"«]?[ \t]*+(?:về|v/v)[ \t]", re.IGNORECASE)

_NUMWORD = (
    r"mười(?:[ \t]++(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?|\d{1,2}|nhất|một|hai|ba|tư|bốn"
    r"|năm(?![ \t]*+\d)|sáu|bảy|tám|chín"
)
_PLENUM = re.compile(
    r"(?<!\w)(?:Nghị quyết|NQ)[ \t]++(?:của[ \t]++)?(?:Hội nghị[ \t]++)?"
    rf"(?:(?:lần[ \t]++)?thứ[ \t]++(?P<n1>{_NUMWORD})(?!\w)[ \t]++)?"
    r"(?:(?:Ban Chấp hành|BCH)[ \t]*+)?(?:Trung ương|TW|TƯ|T\.Ư|T\.W)(?:[ \t]++Đảng)?[ \t]*+"
    rf"(?:(?:lần[ \t]++)?(?:thứ[ \t]++)?(?P<n2>{_NUMWORD})(?!\w))?"
    rf"[ \t]*+(?:[,(]?[ \t]*+(?:khóa|khoá)[ \t]*+{_TERM})?",
    re.IGNORECASE,
)
_NUMBERS = {
    "nhất": 1,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}


def _plenum_number(raw: str) -> int | None:
    raw = " ".join(raw.lower().split())
    if raw.isdigit():
        return int(raw)
    parts = raw.split(" ")
    if parts[0] == "mười":
        return 10 + (_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return _NUMBERS.get(raw)


def plenum_code(number: int, term: str | None) -> str:
    """Canonical name of a Central Committee plenum resolution: "Nghị quyết TW4 khóa XII"."""
    return f"Nghị quyết TW{number} khóa {term}" if term else f"Nghị quyết TW{number}"


def _plenum_term_for(article_year: int | None) -> str | None:
    """Term of an undated plenum resolution: the article's, or the one before in a term's first year,
    when the new Central Committee has barely started to meet."""
    if article_year is None:
        return None
    term = term_of(article_year)
    if term is None:
        return None
    if article_year == _term_start(term):
        names = [name for name, _ in TERMS]
        idx = names.index(term)
        return names[idx - 1] if idx else term
    return term


def _tail_info(m: re.Match[str]) -> tuple[int | None, str | None, str | None, bool]:
    """(stated year, term, issuer code, issuer is State) from a _TAIL or _PRE match."""
    groups = m.groupdict()
    year = groups.get("y") or groups.get("y2") or groups.get("y3")
    term = _canon_term(groups["term"]) if groups.get("term") else None
    issuer, state = None, False
    if groups.get("i_btgtw"):
        issuer = "BTGTW"
    elif groups.get("i_tw"):
        issuer = "TW"
    elif groups.get("i_local"):
        local = " ".join(groups["i_local"].lower().split())
        issuer = "ĐUK" if local.startswith("đảng ủy khối") else _LOCAL.get(local)
    elif groups.get("i_level"):
        issuer = _LEVEL.get(" ".join(groups["i_level"].lower().split()))
    else:
        for name, code in _STATE_WORD_ISSUERS.items():
            if groups.get(name):
                issuer, state = code, True
    return (int(year) if year else None), term, issuer, state


def _subject_entry(text: str, pos: int, num: int, kind: str) -> Entry | None:
    """The catalogue document whose title the words after a bare number repeat ("về học tập và ...")."""
    candidates = catalogue().by_number.get((num, _base_kind(kind)), ())
    if not candidates:
        return None
    about = _ABOUT.match(text, pos)
    if not about:
        return None
    window = set(re.findall(r"\w+", fold(text[about.end() : about.end() + 240]))[:24])
    best, best_score = None, 0.0
    for entry in candidates:
        words = [w for w in re.findall(r"\w+", fold(entry.title)) if w not in ("ve", "viec")][:10]
        if not words:
            continue
        score = sum(w in window for w in words) / len(words)
        if score > best_score:
            best, best_score = entry, score
    return best if best_score >= 0.7 else None


@dataclass
class _Mention:
    pos: int
    num: int
    kind: str
    directive: Directive | None = None


def extract_directives(text: str, article_year: int | None = None) -> list[Directive]:
    """Every Party or State document the (normalised) text cites, canonical, first mention first."""
    if not text:
        return []
    cat = catalogue()
    mentions: list[_Mention] = []
    code_starts: list[int] = []
    code_ends: list[int] = []

    for m in _CODE.finditer(text):
        kind = _canon_kind(m.group("kind"))
        iss = _canon_issuer(m.group("iss"))
        state = _is_state_document(kind, iss, m)
        num = int(m.group("num"))
        code = _make_code(num, kind, iss, state, m.group("y") if state else None)
        tail = _TAIL.match(text, m.end())
        year, term, _, _ = _tail_info(tail) if tail else (None, None, None, False)
        if year is None and m.group("y") and not state:
            year = int(m.group("y"))
        mention = _Mention(m.start(), num, _base_kind(kind))
        mention.directive = _directive(code, year=year, term=term, article_year=article_year)
        mentions.append(mention)
        code_starts.append(m.start())
        code_ends.append(m.end())

    for m in _PLENUM.finditer(text):
        raw = m.group("n1") or m.group("n2")
        number = _plenum_number(raw) if raw else None
        if not number or number > 20:
            continue
        term = _canon_term(m.group("term")) if m.group("term") else _plenum_term_for(article_year)
        mentions.append(_Mention(m.start(), 0, "TW", _directive(plenum_code(number, term))))

    pending: list[_Mention] = []
    for m in _BARE.finditer(text):
        at = bisect.bisect_right(code_starts, m.start("nums")) - 1
        if at >= 0 and m.start("nums") < code_ends[at]:  # the number of a written code
            continue
        word = " ".join(m.group("word").lower().split())
        kind = _WORD_KIND[word]
        nums = [int(n) for n in re.findall(r"\d+", m.group("nums"))]
        tail = _TAIL.match(text, m.end())
        year, term, issuer, state = _tail_info(tail) if tail else (None, None, None, False)
        if issuer is None:
            verb = _PRE_VERB.search(text, max(0, m.start() - 12), m.start())
            pre = _PRE.search(text, max(0, m.start() - 80), m.start()) if verb else None
            if pre:
                _, pre_term, issuer, state = _tail_info(pre)
                term = term or pre_term
        for i, num in enumerate(nums):
            mention = _Mention(m.start() + i, num, _base_kind(kind))
            if issuer is not None:
                if state or kind in _STATE_KINDS:
                    code = _make_code(num, kind, issuer if state else "CP", True)
                else:
                    code = _party_code(num, kind, issuer)
                mention.directive = _directive(code, year=year, term=term, article_year=article_year)
            elif len(nums) == 1:
                entry = _subject_entry(text, tail.end() if tail else m.end(), num, kind)
                if entry is not None:
                    mention.directive = _directive(entry.code, entry)
            if mention.directive is None:
                pending.append(mention)
            mentions.append(mention)

    # Second pass: a bare number is the document the same article names in full, else the primary one.
    resolved: dict[tuple[int, str], list[_Mention]] = {}
    for mt in sorted(mentions, key=lambda x: x.pos):
        if mt.directive is not None and mt.num:
            resolved.setdefault((mt.num, mt.kind), []).append(mt)
    for mention in pending:
        same = resolved.get((mention.num, mention.kind))
        if same:
            at = bisect.bisect_left([r.pos for r in same], mention.pos)
            mention.directive = same[at - 1 if at else 0].directive
            continue
        primary = next((e for e in cat.by_number.get((mention.num, mention.kind), ()) if e.primary), None)
        if primary is not None and (article_year is None or primary.year <= article_year):
            mention.directive = _directive(primary.code, primary)

    # An ambiguous code left without a year takes the year the same article gives it elsewhere.
    dated: dict[str, Directive] = {}
    for mt in mentions:
        if mt.directive is not None and mt.directive.year is not None:
            dated.setdefault(mt.directive.code, mt.directive)

    out: list[Directive] = []
    seen: set[str] = set()
    for mt in sorted(mentions, key=lambda x: x.pos):
        directive = mt.directive
        if directive is None:
            continue
        if (
            directive.year is None
            and directive.title is None
            and directive.code in dated
            and len(cat.by_code.get(directive.code, ())) > 1
        ):
            directive = dated[directive.code]
        if directive.key not in seen:
            seen.add(directive.key)
            out.append(directive)
    return out


# --------------------------------------------------------------------------------------------------
# Queries

_Q_KIND_WORDS = {
    "chi thi": "CT",
    "nghi quyet": "NQ",
    "ket luan": "KL",
    "quyet dinh": "QĐ",
    "quy dinh": "QĐ",
    "ke hoach": "KH",
    "huong dan": "HD",
    "thong bao": "TB",
    "chuong trinh": "CTr",
    "de an": "ĐA",
    "nghi dinh": "NĐ",
    "cong dien": "CĐ",
}
_Q_KIND_ABBR = {
    "ct": "CT",
    "nq": "NQ",
    "kl": "KL",
    "qd": "QĐ",
    "qdi": "QĐi",
    "kh": "KH",
    "hd": "HD",
    "tb": "TB",
    "ctr": "CTr",
    "nd": "NĐ",
    "cd": "CĐ",
    "da": "ĐA",
}
_Q_ISSUER_CODES = {
    "tw": "TW",
    "tu": "TU",
    "hu": "HU",
    "qu": "QU",
    "du": "ĐU",
    "duk": "ĐUK",
    "btg": "BTG",
    "btgtw": "BTGTW",
    "btgtu": "BTGTU",
    "btghu": "BTGHU",
    "cp": "CP",
    "ttg": "TTg",
    "ubnd": "UBND",
    "hdnd": "HĐND",
}
_Q_ISSUER_WORDS = {
    "bo chinh tri": "TW",
    "ban bi thu": "TW",
    "bct": "TW",
    "bbt": "TW",
    "trung uong": "TW",
    "trung uong dang": "TW",
    "tw": "TW",
    "bch tw": "TW",
    "bch trung uong": "TW",
    "bchtw": "TW",
    "ban chap hanh trung uong": "TW",
    "ban chap hanh trung uong dang": "TW",
    "tinh uy": "TU",
    "ban thuong vu tinh uy": "TU",
    "btv tinh uy": "TU",
    "thanh uy": "TU",
    "huyen uy": "HU",
    "ban thuong vu huyen uy": "HU",
    "btv huyen uy": "HU",
    "quan uy": "QU",
    "dang uy": "ĐU",
    "ban tuyen giao trung uong": "BTGTW",
    "chinh phu": "CP",
    "thu tuong": "TTg",
    "thu tuong chinh phu": "TTg",
    "ubnd": "UBND",
}
_Q_KINDS = "|".join(sorted(_Q_KIND_ABBR, key=len, reverse=True))
_Q_WORDS = "|".join(sorted(_Q_KIND_WORDS, key=len, reverse=True))
_Q_YEAR = r"(?:[ ]*+\(?[ ]*+(?:nam[ ]*+)?(?P<qy>(?:19|20)\d\d)[ ]*+\)?)?"
_Q_CODE = re.compile(
    rf"^(?:(?:{_Q_WORDS})[ ]*+)?(?:so[ ]*+)?(?P<num>\d{{1,4}})(?:[ ]*+/[ ]*+(?P<y>(?:19|20)\d\d))?"
    rf"[ ]*+(?P<sep>[/-]?)[ ]*+(?P<kind>{_Q_KINDS})[ ]*+(?P<sep2>[/ -])[ ]*+(?P<iss>[a-z][a-z0-9]*){_Q_YEAR}$"
)
_Q_ISSUER_ALT = "|".join(sorted(_Q_ISSUER_WORDS, key=len, reverse=True))
_Q_NUMBER = re.compile(
    rf"^(?P<word>{_Q_WORDS}|{_Q_KINDS})[ ]*+(?:so[ ]*+)?[-.:]?[ ]*+(?P<num>\d{{1,3}})"
    rf"(?:[ ]++(?:cua[ ]++)?(?P<iss>{_Q_ISSUER_ALT}))?{_Q_YEAR}$"
)
_Q_NUMWORD = (
    r"muoi(?: (?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?|\d{1,2}|nhat|mot|hai|ba|tu|bon|nam|sau"
    r"|bay|tam|chin"
)
_Q_PLENUM = re.compile(
    rf"^(?P<nq>(?:nghi quyet|nq)[ ]*+)?(?:hoi nghi[ ]*+)?(?:(?:lan )?thu[ ]*+(?P<n1>{_Q_NUMWORD})[ ]++)?"
    r"(?:(?:ban chap hanh|bch)[ ]*+)?(?:trung uong|tw|tu|t\.u|t\.w)[ ]*+(?:dang[ ]*+)?"
    rf"(?:(?:lan )?(?:thu[ ]*+)?(?P<n2>{_Q_NUMWORD}))?[ ]*+(?:[,(][ ]*+)?"
    r"(?:khoa[ ]*+(?P<term>xiv|xiii|xii|xi|x|ix|1[0-4]|9)[ ]*+\)?)?$"
)
_Q_NUMBERS = {
    "nhat": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}


def _q_number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    parts = raw.split()
    if parts[0] == "muoi":
        return 10 + (_Q_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return _Q_NUMBERS.get(raw)


def parse_directive_query(q: str) -> str | None:
    """The canonical code a search query names, typed any common way, or None if it names none.

    "chi thi 05", "CT 05", "ct05", "05 ct/tw", "Chỉ thị 05-CT/TW" -> "05-CT/TW"; a Party kind without an
    issuer is taken as central (/TW). "nq tw4 khoa xii" -> "Nghị quyết TW4 khóa XII"; without a term
    ("nq tw4") -> "Nghị quyết TW4", which only a prefix match can find. Always the bare code, as
    ``Directive.code`` (the index's ``dcode``): a typed year ("01-KL/TW (2021)") is accepted and dropped.
    """
    if not q:
        return None
    text = " ".join(fold(q).replace("\u2013", "-").replace("\u2014", "-").strip(" \"'“”").split())
    if not text or len(text) > 80:
        return None
    m = _Q_CODE.match(text)
    if m:
        kind = _Q_KIND_ABBR[m.group("kind")]
        iss_raw = m.group("iss")
        iss = _Q_ISSUER_CODES.get(iss_raw, iss_raw.upper())
        state = _is_state_document(kind, iss, m)
        num = int(m.group("num"))
        code = _make_code(num, kind, iss, True, m.group("y")) if state else _party_code(num, kind, iss)
        return code
    m = _Q_NUMBER.match(text)
    if m:
        word = m.group("word")
        kind = _Q_KIND_WORDS.get(word) or _Q_KIND_ABBR[word]
        iss = _Q_ISSUER_WORDS.get(m.group("iss") or "", "CP" if kind in _STATE_KINDS else "TW")
        num = int(m.group("num"))
        if kind in _STATE_KINDS or _is_state_issuer(iss):
            code = _make_code(num, kind, iss, True)
        else:
            code = _party_code(num, kind, iss)
        return code
    m = _Q_PLENUM.match(text)
    if m:
        raw = m.group("n1") or m.group("n2")
        number = _q_number(raw) if raw else None
        if number and number <= 20 and (m.group("nq") or m.group("term")):
            return plenum_code(number, _canon_term(m.group("term")) if m.group("term") else None)
    return None
