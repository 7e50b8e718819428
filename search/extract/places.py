"""Gazetteer of Vietnamese provinces and districts, and where an article or a portal belongs.

Archived articles name the 63 provinces and the districts that existed before the reorganisation of
1 July 2025, while today's readers may think in the 34 new provinces; both views come from the data
shipped with ``vietnamadminunits`` (MIT), loaded once on first use, so no place name is hand-typed here
except a few common spellings the package lacks (:data:`_PROVINCE_ALIASES`).

District names are not unique (16 are shared, "Châu Thành" by ten provinces), so a district is only
reported when its province is known: from the text, from a hint (the portal's own province) or
because the name exists in one province only. Guessing wrong is worse than saying nothing.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from search.text import has_diacritics, normalize, slug

__all__ = [
    "Place",
    "canonical_district",
    "canonical_province",
    "district_provinces",
    "districts_of",
    "find_place",
    "place_from_domain",
    "province_2025",
    "provinces",
    "provinces_2025",
]

# Spellings in common use that the package's keywords miss. Keys are display forms (accents matter
# for matching bare mentions); values are the package's old-province keys.
_PROVINCE_ALIASES: dict[str, str] = {
    "Thừa Thiên Huế": "thanhphohue",  # the province's name until 2025; the package only knows "Huế"
    "Thừa Thiên - Huế": "thanhphohue",
    "Bắc Cạn": "tinhbackan",
    "Đắc Lắc": "tinhdaklak",
    "Đăk Lăk": "tinhdaklak",
    "Đắk Lắc": "tinhdaklak",
    "Đăk Nông": "tinhdaknong",
    "Vũng Tàu": "tinhbariavungtau",
    "BR-VT": "tinhbariavungtau",
    "TPHCM": "thanhphohochiminh",
}
# Only for resolving a name or a domain, never for bare mentions in running text.
_PROVINCE_SLUG_ALIASES: dict[str, str] = {
    "saigon": "thanhphohochiminh",
    "hochiminhcity": "thanhphohochiminh",
    "huecity": "thanhphohue",
    "thuathienhue": "thanhphohue",
}
# "Hồ Chí Minh" alone is the President far more often than the city ("tư tưởng Hồ Chí Minh"), and
# "Hồ Chí Minh" as a place always comes with "TP."/"Thành phố" in prose.
_NOT_BARE = {"thanhphohochiminh"}
# The 63 provinces' names as articles before 1 July 2025 write them, where the package gives today's
# ("Huế" became a centrally-run city in January 2025; archived articles say "Thừa Thiên Huế").
_LEGACY_NAMES = {"thanhphohue": "Thừa Thiên Huế"}

_DISTRICT_KINDS = {"Huyện": "huyen", "Thị xã": "thixa", "Thành phố": "thanhpho", "Quận": "quan"}
# Prefixes the package's keywords and portal host names put before a district's name.
_TYPE_PREFIXES = ("huyen", "thixa", "thisa", "thanhpho", "quan", "district", "tx", "tp", "q", "h")
_TYPE_SUFFIXES = ("thixa", "thisa", "huyen", "thanhpho")
# Spelled-out type words that are safe to cut off ("quan" is not: "quanguyen" is Quảng Uyên).
_TYPE_WORDS = ("huyen", "thixa", "thisa", "thanhpho")


@dataclass(frozen=True)
class Place:
    """Where an article or a portal belongs: an old (pre-2025) province and optionally a district."""

    province: str | None = None
    district: str | None = None


@dataclass(frozen=True)
class _District:
    key: str  # package key, unique within a province ("huyennamtruc")
    province: str  # old province key ("tinhnamdinh")
    name: str  # short name as people write it ("Nam Trực")
    kind: str  # "huyen" | "thixa" | "thanhpho" | "quan"


@dataclass(frozen=True)
class _Gazetteer:
    order: tuple[str, ...]  # old province keys in official code order
    province_name: dict[str, str]
    province_by_slug: dict[str, str]
    central: frozenset[str]  # centrally run cities: "thành phố X" is a province, not a district
    new_order: tuple[str, ...]
    new_name: dict[str, str]
    new_of_old: dict[str, str]
    districts: dict[str, tuple[_District, ...]]
    district_by_slug: dict[str, tuple[_District, ...]]  # short-name slug and same-unit spellings
    district_by_key: dict[str, tuple[_District, ...]]  # "huyennamtruc", "thixatanuyen" ...
    former: dict[str, tuple[str, ...]]  # merged or renamed units -> provinces (no district today)
    bare_by_accent: dict[str, str]  # accented key of a province name -> province key
    bare_re: re.Pattern[str]


def _load(name: str) -> dict:
    """Read one of the package's data files without importing the package.

    ``import vietnamadminunits`` loads its own parsers, geopy and another copy of the data (a third of a
    second); we only need the JSON, so ask the loader for its resource reader instead.
    """
    spec = importlib.util.find_spec("vietnamadminunits")
    get_reader = getattr(spec.loader, "get_resource_reader", None) if spec else None
    reader = get_reader(spec.name) if get_reader and spec else None
    root = reader.files() if reader is not None else resources.files("vietnamadminunits")
    return json.loads(root.joinpath("data", name).read_text("utf-8"))


def _variant(s: str) -> str:
    """Collapse the spelling choices Vietnamese place names allow (i/y/j, s/x, c/k)."""
    return s.translate(str.maketrans("yxkj", "isci"))


def _spellings(s: str) -> set[str]:
    """A keyword with a type word taken off either end, spelling choices and leading zeros collapsed.

    Only for comparing: "quanguyen" (Quảng Uyên) also yields the junk "guyen", which matches nothing.
    """
    forms = {s}
    forms |= {s[len(p) :] for p in _TYPE_PREFIXES if s.startswith(p) and len(s) > len(p)}
    forms |= {s[: -len(p)] for p in _TYPE_SUFFIXES if s.endswith(p) and len(s) > len(p)}
    return {_variant(re.sub(r"(?<!\d)0+(?=\d)", "", f)) for f in forms}


def _core(keyword: str) -> str:
    """The keyword without a spelled-out type word ("huyenthongnong" -> "thongnong")."""
    for p in _TYPE_WORDS:
        if keyword.startswith(p) and len(keyword) > len(p):
            return keyword[len(p) :]
    return keyword


@functools.lru_cache(maxsize=4096)  # a page repeats its few place names many times
def _accent_key(s: str) -> str:
    """Lowercase accented letters only: "Thạnh Hóa" and "Thanh Hóa" differ, "Hoá"/"Hóa" do not."""
    return re.sub(r"[\W_]", "", normalize(s).lower())


def _group(pairs: list[tuple[str, object]]) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for k, v in pairs:
        if k and v not in out.setdefault(k, []):
            out[k].append(v)
    return {k: tuple(v) for k, v in out.items()}


def _sep_tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _fold_case(name).lower())


def _trie_regex(seqs: list[list[str]]) -> str:
    """An alternation of token sequences as a trie, so matching costs little per position."""
    trie: dict = {}
    for seq in seqs:
        node = trie
        for tok in seq:
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = []
        for tok in sorted((t for t in node if t), key=lambda t: (-len(t), t)):
            child = node[tok]
            more = [t for t in child if t]
            tail = ""
            if more:
                tail = f"(?:{_SEP}{emit(child)})" + ("?" if "" in child else "")
            alts.append(re.escape(tok) + tail)
        return "(?:" + "|".join(alts) + ")"

    return emit(trie)


@functools.cache
def _gazetteer() -> _Gazetteer:
    legacy = _load("parser_legacy.json")
    old = legacy["DICT_PROVINCE"]
    order = tuple(sorted(old, key=lambda k: old[k]["provinceCode"]))
    province_name = {k: _LEGACY_NAMES.get(k) or normalize(old[k]["provinceShort"]) for k in order}

    slug_pairs: list[tuple[str, object]] = []
    for k in order:
        slug_pairs.append((slug(province_name[k]), k))
        slug_pairs += [(kw, k) for kw in old[k]["provinceKeywords"]]
    slug_pairs += [(slug(a), k) for a, k in _PROVINCE_ALIASES.items()]
    slug_pairs += list(_PROVINCE_SLUG_ALIASES.items())
    province_by_slug = {s: ks[0] for s, ks in _group(slug_pairs).items()}

    districts: dict[str, tuple[_District, ...]] = {}
    by_slug: list[tuple[str, object]] = []
    by_key: list[tuple[str, object]] = []
    former: list[tuple[str, object]] = []
    for pk in order:
        units = []
        for dk, dv in legacy["DICT_PROVINCE_DISTRICT"][pk].items():
            # "Kỳ Anh (Thị xã)": the package tells apart same-named units; prose never does.
            name = normalize(re.sub(r"\s*\(.*?\)", "", dv["districtShort"]).strip())
            d = _District(dk, pk, name, _DISTRICT_KINDS.get(dv["districtType"], ""))
            units.append(d)
            own = slug(name)
            by_slug.append((own, d))
            by_key.append((dk, d))
            same = _spellings(own) | _spellings(dk)
            for kw in dv["districtKeywords"]:
                if kw in (dk, own):
                    continue
                core = _core(kw)
                if _spellings(kw) & same:  # a spelling or an older type of the same unit
                    by_slug.append((core, d))
                    if core != kw:
                        by_key.append((kw, d))
                else:  # a unit merged into this one: its province is known, its district is gone
                    former.append((core, pk))
        districts[pk] = tuple(units)
    district_by_slug = _group(by_slug)

    bare = [(name, k) for k, name in province_name.items() if k not in _NOT_BARE]
    bare += list(_PROVINCE_ALIASES.items())
    bare_re = re.compile(r"(?<!\w)(?=[A-Z])(?i:" + _trie_regex([_sep_tokens(n) for n, _ in bare]) + r")(?!\w)")

    new = _load("parser_from_2025.json")["DICT_PROVINCE"]
    new_order = tuple(sorted(new, key=lambda k: new[k]["provinceCode"]))
    conv = _load("converter_2025.json")["DICT_PROVINCE"]
    new_of_old = {o: nk for nk, olds in conv.items() for o in olds}

    return _Gazetteer(
        order=order,
        province_name=province_name,
        province_by_slug=province_by_slug,
        central=frozenset(k for k in order if k.startswith("thanhpho")),
        new_order=new_order,
        new_name={k: normalize(new[k]["provinceShort"]) for k in new_order},
        new_of_old=new_of_old,
        districts=districts,
        district_by_slug=district_by_slug,
        district_by_key=_group(by_key),
        former={s: ps for s, ps in _group(former).items() if s not in district_by_slug},
        bare_by_accent={_accent_key(n): k for n, k in bare},
        bare_re=bare_re,
    )


# --- provinces ---------------------------------------------------------------------------------


def provinces() -> list[str]:
    """The 63 provinces before 1 July 2025, the ones archived articles name, in official order."""
    g = _gazetteer()
    return [g.province_name[k] for k in g.order]


def place_names() -> list[str]:
    """Every province and district name, as written ("An Giang", "Hạ Long"): names a text may hold."""
    g = _gazetteer()
    names = dict.fromkeys(g.province_name[k] for k in g.order)
    names.update(dict.fromkeys(d.name for units in g.districts.values() for d in units))
    return list(names)


def provinces_2025() -> list[str]:
    """The 34 provinces since 1 July 2025, the ones today's readers may think in."""
    g = _gazetteer()
    return [g.new_name[k] for k in g.new_order]


_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanhpho|tp)(?=[a-z])")


def _province_key(name: str | None) -> str | None:
    if not name:
        return None
    g = _gazetteer()
    s = slug(name)
    return g.province_by_slug.get(s) or g.province_by_slug.get(_PROVINCE_PREFIX.sub("", s))


def canonical_province(name: str) -> str | None:
    """The one spelling of an old province ("tinh thanh hoa", "TP. Hồ Chí Minh", "HCM"), or None."""
    k = _province_key(name)
    return _gazetteer().province_name[k] if k else None


def province_2025(old_province: str) -> str | None:
    """Today's province for an old one (Nam Định -> Ninh Bình); a new name maps to itself."""
    k = _province_key(old_province)
    if k is None:
        return None
    g = _gazetteer()
    return g.new_name[g.new_of_old[k]]


# --- districts ---------------------------------------------------------------------------------

_DISTRICT_WORDS = re.compile(r"^\s*(?:huyện|thị\s+xã|thành\s+phố|quận|tp\.?|tx\.?)\s+", re.IGNORECASE)


def districts_of(province: str) -> list[str]:
    """District short names of an old province ("Nam Trực", "Đầm Hà"); [] when it is unknown."""
    k = _province_key(province)
    if k is None:
        return []
    return list(dict.fromkeys(d.name for d in _gazetteer().districts[k]))


def _prefer_accents(cands: tuple[_District, ...], written: str) -> tuple[_District, ...]:
    """When the writer used accents, the unit spelled exactly so wins ("Phù Ninh" is not "Phú Ninh")."""
    if len(cands) < 2 or not has_diacritics(written):
        return cands
    key = _accent_key(written)
    exact = tuple(d for d in cands if _accent_key(d.name) == key)
    return exact or cands


def _district_candidates(name: str) -> tuple[_District, ...]:
    g = _gazetteer()
    written = normalize(name).strip()
    bare = _DISTRICT_WORDS.sub("", written)  # "huyện Châu Thành" -> "Châu Thành"
    s = slug(written)
    cands = g.district_by_slug.get(s) or g.district_by_key.get(s) or g.district_by_slug.get(slug(bare), ())
    return _prefer_accents(cands, bare)


def district_provinces(name: str) -> list[str]:
    """Every old province with a district of this name ("Châu Thành" has ten), in official order."""
    g = _gazetteer()
    keys = {d.province for d in _district_candidates(name)}
    return [g.province_name[k] for k in g.order if k in keys]


def canonical_district(name: str, province: str | None = None) -> str | None:
    """The district's short name, or None when unknown or when it is shared and no province says which.

    ``province`` may be an old province or one of the 34 new ones (then all its old provinces count).
    """
    cands = _district_candidates(name)
    if province is not None:
        g = _gazetteer()
        pk = _province_key(province)
        if pk is None:
            return None
        inside = tuple(d for d in cands if d.province == pk)
        if not inside:
            nk = g.new_of_old[pk]
            inside = tuple(d for d in cands if g.new_of_old[d.province] == nk)
        cands = inside
    names = {d.name for d in cands}
    return names.pop() if len(names) == 1 and len({d.province for d in cands}) == 1 else None


# --- finding the place of a text ---------------------------------------------------------------

# Folding that keeps both length and case, so positions in the folded text are positions in the
# original and capitalisation can still be checked ("Nam Trực" -> "Nam Truc").
_FOLD_TABLE: dict[int, str] = {}
for _i in range(0xC0, 0x1F00):
    _base = "".join(c for c in unicodedata.normalize("NFD", chr(_i)) if not unicodedata.combining(c))
    if len(_base) == 1 and _base.isascii() and _base.isalpha():
        _FOLD_TABLE[_i] = _base
_FOLD_TABLE.update({0x110: "D", 0x111: "d", 0xD0: "D", 0xF0: "d", 0xA0: " "})
del _i, _base


def _fold_case(text: str) -> str:
    return text.translate(_FOLD_TABLE)


_SEP = r"(?:[ \t]*[-–][ \t]*|[ \t]+)"
_WORD = r"[^\W_][\w'’]*"
# Unit words that announce a place name. "quận đoàn" is left out: in unaccented text it is "Quân đoàn 1".
_KEYWORDS = {
    "huyện": "huyen",
    "huyện ủy": "huyen",
    "huyên ủy": "huyen",  # a typo portals do make
    "huyện đoàn": "huyen",
    "thị xã": "thixa",
    "thị ủy": "thixa",
    "thị đoàn": "thixa",
    "tx": "thixa",
    "quận": "quan",
    "quận ủy": "quan",
    "thành phố": "thanhpho",
    "thành ủy": "thanhpho",
    "thành đoàn": "thanhpho",
    "tp": "thanhpho",
    "tỉnh": "tinh",
    "tỉnh ủy": "tinh",
    "tỉnh đoàn": "tinh",
}
_KEYWORD_RE = re.compile(
    r"(?<!\w)(?P<kw>"
    + "|".join(sorted({r"\s+".join(_sep_tokens(k)) for k in _KEYWORDS}, key=lambda p: (-len(p), p)))
    + rf")(?:[ \t]*\.[ \t]*|\s+)(?=(?P<name>{_WORD}(?:{_SEP}{_WORD}){{0,4}}))",
    re.IGNORECASE,
)
# Unit words typed without accents ("Huyen uy Nam Truc"), for text that has no accents at all.
_UNACCENTED = {" ".join(_sep_tokens(k)): v for k, v in _KEYWORDS.items()}
_NAME_WORD = re.compile(_WORD)
_CLEAN = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_W_KEYWORD, _W_DISTRICT, _W_BARE, _W_HINT = 3, 2, 1, 3


@functools.lru_cache(maxsize=1024)
def _keyword_kind(written: str) -> str | None:
    """The level a keyword as written announces; None for look-alikes ("quan tâm", "tinh thần")."""
    return _KEYWORDS.get(" ".join(normalize(written).lower().split()))


# Family names and the commonest middle names: "Trương Hòa Bình", "Nguyễn Thái Bình" are people.
_PERSON_BEFORE = frozenset({
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ngo",
    "duong", "ly", "truong", "dinh", "luong", "trinh", "dao", "mai", "to", "ta", "chu", "vuong", "phi",
    "kieu", "trieu", "luu", "quach", "thi", "van",
})  # fmt: skip
_PREVIOUS_WORD = re.compile(r"(\w+) $")


def _bare_mention(g: _Gazetteer, folded: str, m: re.Match[str], caps: bool) -> bool:
    """Whether a bare province name is the place, not part of another name."""
    words = list(_NAME_WORD.finditer(folded, m.start(), m.end()))
    if caps and not _capitalised([w.group() for w in words]):
        return False
    # "Thái Bình Dương" (the Pacific) is neither Thái Bình nor Bình Dương.
    longer = g.bare_re.match(folded, words[-1].start())
    if longer and longer.end() > m.end():
        return False
    before = _PREVIOUS_WORD.search(folded, max(0, m.start() - 12), m.start())
    return not (before and before.group(1)[0].isupper() and before.group(1).lower() in _PERSON_BEFORE)


def _capitalised(words: list[str]) -> bool:
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def _key(folded: str) -> str:
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _districts_for(g: _Gazetteer, s: str, kind: str, written: str) -> tuple[_District, ...]:
    cands = g.district_by_key.get(kind + s) or g.district_by_slug.get(s) or g.district_by_slug.get(kind + s) or ()
    if len(cands) > 1:
        typed = tuple(d for d in cands if d.kind == kind)
        cands = typed or cands
    return _prefer_accents(cands, written)


def find_place(text: str, hint_province: str | None = None) -> Place:
    """Infer the province and district an article is about from its text.

    Evidence, strongest first: a province after a unit word ("Tỉnh ủy Hưng Yên", "thành phố Hà Nội"),
    a district after one ("Huyện ủy Nam Trực", "huyện Thọ Xuân", which also names its province), a
    capitalised bare province name ("Nam Định"). ``hint_province`` (the portal's province) counts as one
    strong mention, wins ties, and decides between same-named districts; a district shared by several
    provinces that nothing decides is left out.
    """
    g = _gazetteer()
    text = _CLEAN.sub("", unicodedata.normalize("NFC", text or ""))
    folded = _fold_case(text)
    accented = folded != text
    any_capital = folded != folded.lower()

    score: Counter[str] = Counter()
    province_named: Counter[str] = Counter()  # "Tỉnh ủy Hưng Yên": the text speaks at province level
    district_hits: Counter[tuple[str, str]] = Counter()
    shared: list[tuple[_District, ...]] = []
    named_at: set[int] = set()

    for m in _KEYWORD_RE.finditer(folded):
        kw = text[m.start("kw") : m.end("kw")]
        # In accented text "quan", "tinh" are other words ("cơ quan", "tinh thần"): demand the accents.
        kind = _keyword_kind(kw) if accented else _UNACCENTED.get(" ".join(kw.lower().split()))
        if kind is None:
            continue
        start = m.start("name")
        words = list(_NAME_WORD.finditer(m.group("name")))
        for n in range(len(words), 0, -1):
            end = start + words[n - 1].end()
            s = _key(folded[start:end])
            written = text[start:end]
            province = g.province_by_slug.get(s)
            if kind == "tinh" or (kind == "thanhpho" and province in g.central):
                if province is None:
                    continue
                if any_capital and not _capitalised([w.group() for w in words[:n]]):
                    break
                score[province] += _W_KEYWORD
                province_named[province] += 1
                named_at.add(start)
                break
            cands = _districts_for(g, s, kind, written)
            formerly = (g.former.get(s) or g.former.get(kind + s) or ()) if not cands else ()
            if not cands and not formerly:
                continue
            if any_capital and not _capitalised([w.group() for w in words[:n]]):
                break
            named_at.add(start)
            provs = {d.province for d in cands} or set(formerly)
            if len(provs) == 1:
                score[next(iter(provs))] += _W_DISTRICT
            if cands:
                if len(provs) == 1:
                    district_hits[(cands[0].province, cands[0].name)] += 1
                else:
                    shared.append(cands)
            break

    for m in g.bare_re.finditer(folded):
        if m.start() in named_at or not _bare_mention(g, folded, m, any_capital):
            continue
        written = text[m.start() : m.end()]
        # With accents around, the name must be spelled exactly: "Thanh Hoa" there is a person.
        province = g.bare_by_accent.get(_accent_key(written)) if accented else g.province_by_slug.get(_key(written))
        if province:
            score[province] += _W_BARE

    hint = _province_key(hint_province)
    if hint:
        # A portal configured with today's province ("Ninh Bình" for an archive of Nam Định) still
        # backs the old province its text names, as long as that one now lies inside the hint.
        today = g.new_of_old[hint]
        if not score[hint]:
            inside = [k for k in score if g.new_of_old[k] == today]
            hint = max(inside, key=lambda k: score[k]) if inside else hint
        score[hint] += _W_HINT
    if not score:
        return Place()
    order = {k: i for i, k in enumerate(score)}  # first mention first among equals
    province = min(score, key=lambda k: (-score[k], k != hint, order[k]))

    for cands in shared:
        within = [d for d in cands if d.province == province]
        if within:
            district_hits[(province, within[0].name)] += 1
    ranked = [(n, name) for (p, name), n in district_hits.items() if p == province]
    best = max(ranked, key=lambda t: t[0]) if ranked else (0, None)
    # A province-level piece ("Tỉnh ủy Hưng Yên" three times) that names one district in passing
    # (a link, the footer's address) is not about that district.
    district = best[1] if best[0] >= province_named[province] else None
    return Place(g.province_name[province], district)


# --- portals -----------------------------------------------------------------------------------

_GENERIC_LABELS = {"www", "gov", "vn", "com", "org", "edu", "net", "info", "portal", "web", "m", "int"}
# What portals put in front of a place in their host names ("tuyengiaohungyen", "btgtuquangninh").
_HOST_PREFIXES = (
    "baotuyengiao",
    "bantuyengiao",
    "tuyengiao",
    "btgtu",
    "btg",
    "baodientu",
    "dientu",
    "congthongtin",
    "cong",
    "bao",
    "dangbo",
    "dangcongsan",
    "dcs",
    "tinhuy",
    "thanhuy",
    "huyenuy",
    "thiuy",
    "quanuy",
    "ubnd",
    "hdnd",
    "sotttt",
    "stttt",
    "tinh",
) + _TYPE_PREFIXES


def _label_forms(label: str) -> list[str]:
    """The label, then what is left after stripping known prefixes, shortest strip first."""
    forms, frontier = [label], [label]
    for _ in range(3):
        nxt = [f[len(p) :] for f in frontier for p in _HOST_PREFIXES if f.startswith(p) and len(f) > len(p) + 1]
        forms += [f for f in nxt if f not in forms]
        frontier = nxt
    return forms


def place_from_domain(url_or_host: str) -> Place:
    """A portal's locality from its host name: "namtruc.namdinh.gov.vn" is Nam Trực in Nam Định.

    A label names the province when it is a province's slug (after prefixes such as "tuyengiao");
    another label names a district of that province, or of any province when the name is unique.
    """
    g = _gazetteer()
    raw = (url_or_host or "").strip().lower()
    host = urlsplit(raw if "//" in raw else "//" + raw).hostname or ""
    labels = [lab for lab in re.split(r"[.]", host) if lab and lab not in _GENERIC_LABELS]

    province = None
    rest = list(labels)
    for i in range(len(labels) - 1, -1, -1):  # the province sits right of its districts
        found = next((g.province_by_slug[f] for f in _label_forms(labels[i]) if f in g.province_by_slug), None)
        if found:
            province = found
            del rest[i]
            break

    for label in reversed(rest):
        for form in _label_forms(label.replace("-", "")):
            cands = g.district_by_slug.get(form) or g.district_by_key.get(form) or ()
            if province:
                inside = [d for d in cands if d.province == province]
                if inside:
                    return Place(g.province_name[province], inside[0].name)
                if province in g.former.get(form, ()):
                    break
            elif cands and len({d.province for d in cands}) == 1:
                return Place(g.province_name[cands[0].province], cands[0].name)
            elif len(g.former.get(form, ())) == 1:
                return Place(g.province_name[g.former[form][0]], None)
    return Place(g.province_name[province], None) if province else Place()
