"""Generate N realistic articles for benchmarks: `python -m bench.generate N OUT_DIR [--seed S]`.

Articles are JSONL records (url, title, date, body, province, district, unit) in files of 1,000, so the
real loader reads them as any exported corpus. Bodies are sentences resampled from the sample corpus
(`corpus/*.txt`, cleaned by the project's own page cleaner) and, when it exists, from
`../shared/corpora/*/articles.jsonl`; the metadata is spread the way portals spread it: all 63 provinces
with Zipf-like weights, districts of the province, years 2010-2025 (more recent years more often), ~50
units, ~60 directives with Zipf-like popularity written in their common forms, titles like real ones,
a lead opening with a date, and log-normal lengths between 300 and 3,000 words (median ~600).

Article ``i`` depends only on (seed, i) and the sentence pools: the first 10,000 articles of a
100,000-article corpus are the 10,000-article corpus, and ``--start`` continues a corpus (for "add
1,000 new articles") without repeating a URL.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import hashlib
import itertools
import json
import math
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from search.extract import places
from search.extract.clean import split_page
from search.text import normalize

GENERATOR_VERSION = "2"
PER_FILE = 1000
ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = ROOT / "corpus"
SHARED_CORPORA = ROOT.parent / "shared" / "corpora"
YEARS = tuple(range(2010, 2026))
MIN_WORDS, MAX_WORDS, MEDIAN_WORDS, SIGMA = 300, 3000, 600, 0.5
CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}

# --------------------------------------------------------------------------------------------------
# Sentence pools

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘']?[^\W\d_])")
_JUNK = re.compile(r"https?://|www\.|@|\.(?:png|jpe?g|gif)\b|^ảnh\s*:|\(ảnh|ảnh:\s", re.IGNORECASE)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph that can stand alone in another article."""
    out = []
    for s in _SENTENCE_END.split(paragraph.strip()):
        s = " ".join(s.split())
        n = len(s.split())
        if 6 <= n <= 60 and s[:1].isupper() and s[-1] in '.!?…"”' and not _JUNK.search(s):
            out.append(s)
    return out


@dataclass(frozen=True)
class Pools:
    domain: tuple[str, ...]  # from the sample corpus: propaganda-department prose (normalised)
    news: tuple[str, ...]  # from ../shared/corpora: general news prose (empty when absent; raw)
    titles: tuple[str, ...]  # headlines of the shared corpora, for news-like titles (raw)

    def fingerprint(self) -> str:
        h = hashlib.sha1()
        for pool in (self.domain, self.news, self.titles):
            h.update(str(len(pool)).encode())
            for s in pool:
                h.update(s.encode("utf-8"))
        return h.hexdigest()[:12]


@functools.cache
def sentence_pools(sample: Path = SAMPLE_CORPUS, shared: Path = SHARED_CORPORA) -> Pools:
    domain: dict[str, None] = {}
    for path in sorted(sample.glob("*.txt")):
        page = split_page(normalize(path.read_text(encoding="utf-8", errors="replace")))
        for paragraph in page.paragraphs[1:]:  # the lead opens with its own date: ours are generated
            domain.update(dict.fromkeys(split_sentences(paragraph)))
    news: dict[str, None] = {}
    titles: dict[str, None] = {}
    if shared.is_dir():
        for path in sorted(shared.glob("*/articles.jsonl")):
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    # Normalised lazily (see _clean): normalising 3 million words up front takes 15 s.
                    lines = str(record.get("body") or "").splitlines()
                    title = " ".join(str(record.get("title") or (lines[0] if lines else "")).split())
                    if 6 <= len(title.split()) <= 25:
                        titles[title] = None
                    for paragraph in [str(record.get("sapo") or ""), *lines]:
                        news.update(dict.fromkeys(split_sentences(paragraph)))
    if not domain and not news:
        raise SystemExit(f"bench.generate: no sentences found in {sample} or {shared}")
    return Pools(tuple(domain), tuple(news), tuple(titles))


# --------------------------------------------------------------------------------------------------
# Metadata: places, units, directives


@functools.lru_cache(maxsize=1 << 18)
def _clean(sentence: str) -> str:
    return normalize(sentence)


def _zipf(n: int, s: float) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


class Weighted:
    """Draws from a fixed list with fixed weights (cumulative table, one bisect per draw)."""

    def __init__(self, items: list, weights: list[float]):
        self.items = items
        self.cum = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _district_kinds() -> dict[tuple[str, str], str]:
    """(province, district) -> "huyen" | "thixa" | "thanhpho" | "quan", where the gazetteer tells."""
    try:
        g = places._gazetteer()  # noqa: SLF001 - read-only: the public API has no district kinds
        return {(g.province_name[k], d.name): d.kind for k in g.order for d in g.districts[k]}
    except Exception:  # a changed gazetteer only makes the units a little less realistic
        return {}


_COMMITTEE_OF_KIND = {"huyen": "Huyện ủy", "thixa": "Thị ủy", "thanhpho": "Thành ủy", "quan": "Quận ủy"}


@dataclass(frozen=True)
class Unit:
    name: str  # "Ban Tuyên giáo Huyện ủy Nam Trực"
    short: str  # "Ban Tuyên giáo Huyện ủy": how the unit's own portal writes it
    province: str
    district: str | None


@dataclass(frozen=True)
class World:
    provinces: Weighted
    districts: dict[str, list[str]]
    units_of: dict[str, Weighted]  # province -> its units (only ~20 provinces have listed units)
    units: tuple[Unit, ...]
    directives: tuple[Directive, ...]
    directive_weights: tuple[float, ...]


@functools.cache
def world() -> World:
    """Fixed for every seed: which provinces are popular, the 50 units, the 60 directives."""
    names = places.provinces()
    order = list(names)
    random.Random("vnsearch-bench-provinces").shuffle(order)
    kinds = _district_kinds()
    districts = {p: places.districts_of(p) for p in names}
    units: list[Unit] = []
    with_units = [p for p in order if p not in CENTRAL_CITIES][:20]
    for rank, province in enumerate(with_units):
        committee = "Thành ủy" if province in CENTRAL_CITIES else "Tỉnh ủy"
        units.append(Unit(f"Ban Tuyên giáo {committee} {province}", f"Ban Tuyên giáo {committee}", province, None))
        if rank >= 10:
            continue
        rural = [d for d in districts[province] if d != province and kinds.get((province, d), "huyen") == "huyen"]
        for district, dept in zip(rural[:2], (("Ban Tuyên giáo", "Thường trực"), ("Ban Tuyên giáo",)), strict=False):
            for d in dept:
                units.append(Unit(f"{d} Huyện ủy {district}", f"{d} Huyện ủy", province, district))
    units_of: dict[str, Weighted] = {}
    for province in with_units:
        mine = [u for u in units if u.province == province]
        units_of[province] = Weighted(mine, _zipf(len(mine), 0.7))
    dirs = directive_list()
    return World(
        provinces=Weighted(order, _zipf(len(order), 0.9)),
        districts=districts,
        units_of=units_of,
        units=tuple(units),
        directives=dirs,
        directive_weights=tuple(_zipf(len(dirs), 1.0)),
    )


# Kinds of document as written in prose, and who issues Party documents at the centre.
KIND_WORDS = {
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "TB": "Thông báo",
}
ISSUER_WORDS = {
    "TW": ("của Bộ Chính trị", "của Ban Bí thư", "của Ban Chấp hành Trung ương Đảng"),
    "BTG": ("của Ban Tuyên giáo Tỉnh ủy", "của Ban Tuyên giáo Huyện ủy"),
    "BTGTW": ("của Ban Tuyên giáo Trung ương",),
    "TU": ("của Ban Thường vụ Tỉnh ủy", "của Ban Chấp hành Đảng bộ tỉnh"),
    "HU": ("của Ban Thường vụ Huyện ủy", "của Huyện ủy"),
    "CP": ("của Chính phủ",),
    "TTg": ("của Thủ tướng Chính phủ",),
}
# Local plans, programmes and resolutions portals cite (made up; their codes follow the real pattern).
LOCAL_CODES = (
    "12-KH/BTG", "06-KH/BTG", "91-KH/HU", "10-NQ/TU", "15-HD/BTGTW", "07-CTr/HU", "25-KH/TU", "45-KH/BTG",
    "20-CTr/TU", "09-NQ/HU", "33-KH/BTG", "101-KH/TU", "02-HD/BTG", "17-KH/HU", "150-KH/TU", "04-CTr/TU",
    "11-HD/BTG", "08-KH/BTG", "30-KH/HU", "22-KH/TU", "05-KH/BTG", "156-KH/HU", "48-KH/TU", "03-TB/BTG",
    "19-HD/BTG", "27-KH/BTG", "14-CTr/HU",
)  # fmt: skip
_PARTY = re.compile(r"^(\d+)-(\w+)/(\w+)$")
_STATE = re.compile(r"^(\d+)/(\w+)-(\w+)$")
_PLENUM = re.compile(r"^Nghị quyết TW(\d+) khóa (\w+)$")


@dataclass(frozen=True)
class Directive:
    code: str  # canonical, as the facet shows it (without a year)
    year: int | None  # the earliest catalogue year: an article older than this does not cite it

    def forms(self) -> list[str]:
        """The ways portals write this document in running text (every one is found by extraction)."""
        if m := _PLENUM.match(self.code):
            n, term = m.groups()
            return [
                f"Nghị quyết Trung ương {n} khóa {term}",
                f"Nghị quyết Trung ương {n} (khóa {term})",
                f"Nghị quyết TW{n} khóa {term}",
            ]
        if m := _STATE.match(self.code):
            num, kind, issuer = m.groups()
            word = KIND_WORDS[kind]
            return [f"{word} số {self.code} {ISSUER_WORDS[issuer][0]}", f"{word} {self.code}", f"{word} số {self.code}"]
        m = _PARTY.match(self.code)
        assert m, self.code
        num, kind, issuer = m.groups()
        word = KIND_WORDS[kind]
        issuers = ISSUER_WORDS[issuer]
        forms = [
            f"{word} số {self.code} {issuers[0]}",
            f"{word} {self.code}",
            f"{word} số {num} - {kind}/{issuer}",
            f"{word} số {num} {kind}/{issuer} {issuers[-1]}",
        ]
        if issuer in ("TW", "TU", "HU") and kind != "CTr":  # a bare number with its issuer named after it
            forms.append(f"{word} số {num} {issuers[0]}")
        return forms


def directive_list() -> tuple[Directive, ...]:
    """Catalogue documents (earliest year of each code) and local ones, most popular first."""
    from search.extract.directives import catalogue

    known = [Directive(code, min(e.year for e in entries)) for code, entries in catalogue().by_code.items()]
    known = [d for d in known if _PARTY.match(d.code) or _STATE.match(d.code) or _PLENUM.match(d.code)]
    local = [Directive(code, None) for code in LOCAL_CODES]
    rest = [d for d in known if d.code != "05-CT/TW"] + local
    random.Random("vnsearch-bench-directives").shuffle(rest)
    first = [d for d in known if d.code == "05-CT/TW"]
    return tuple(first + rest)


# --------------------------------------------------------------------------------------------------
# Titles and leads

QUARTERS = ("I", "II", "III", "IV")
DOMAIN_SENTENCES = (
    "Hội nghị đã quán triệt {d}.",
    "Ban Tuyên giáo đã tham mưu ban hành kế hoạch triển khai thực hiện {d}.",
    "Tiếp tục đẩy mạnh việc học tập, quán triệt và thực hiện {d}, gắn với nhiệm vụ chính trị của địa phương.",
    "Các cấp ủy, tổ chức đảng đã nghiêm túc triển khai {d} đến cán bộ, đảng viên.",
    "Đồng chí Trưởng Ban Tuyên giáo nhấn mạnh yêu cầu thực hiện tốt {d} trong thời gian tới.",
    "Việc sơ kết, tổng kết {d} được thực hiện đúng tiến độ, đảm bảo chất lượng.",
    "Thực hiện {d}, các chi bộ đã đưa nội dung học tập vào sinh hoạt thường kỳ.",
)


@dataclass(frozen=True)
class Event:
    title: str  # "{Y}" year, "{PY}" previous year, "{Q}" quarter, "{M}" month, "{P}" place, "{D}" directive
    phrase: str  # how the lead names it after "tổ chức"
    months: tuple[int, ...] = tuple(range(1, 13))


EVENTS = (
    Event(
        "Hội nghị tổng kết công tác Tuyên giáo năm {PY}, triển khai nhiệm vụ năm {Y}",
        "hội nghị tổng kết công tác Tuyên giáo năm {PY}, triển khai nhiệm vụ năm {Y}",
        (1, 12),
    ),
    Event("Hội nghị giao ban công tác Tuyên giáo quý {Q} năm {Y}", "hội nghị giao ban công tác Tuyên giáo quý {Q}"),
    Event("Hội nghị triển khai nhiệm vụ công tác Tuyên giáo quý {Q}", "hội nghị triển khai nhiệm vụ quý {Q}"),
    Event("Hội nghị báo cáo viên tháng {M}/{Y}", "hội nghị báo cáo viên tháng {M}/{Y}"),
    Event("Học tập, quán triệt {D}", "hội nghị học tập, quán triệt {D}"),
    Event("Hội nghị sơ kết 5 năm thực hiện {D}", "hội nghị sơ kết 5 năm thực hiện {D}"),
    Event("Tập huấn nghiệp vụ công tác tuyên giáo năm {Y}", "lớp tập huấn nghiệp vụ công tác tuyên giáo"),
    Event(
        "{P} triển khai nhiệm vụ công tác Tuyên giáo và công tác thông tin đối ngoại năm {Y}",
        "hội nghị triển khai nhiệm vụ công tác Tuyên giáo và công tác thông tin đối ngoại năm {Y}",
        (1, 2),
    ),
    Event("Hội nghị cộng tác viên dư luận xã hội năm {Y}", "hội nghị cộng tác viên dư luận xã hội"),
    Event(
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh tại {P}",
        "hội nghị chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {Y}",
    ),
    Event("Giao ban công tác tuyên truyền miệng tháng {M}", "hội nghị giao ban công tác tuyên truyền miệng"),
)
DAYPARTS = ("Sáng ngày", "Chiều ngày", "Ngày", "Sáng", "Chiều")
VENUES = (
    "tại hội trường Huyện ủy",
    "tại Trung tâm Chính trị huyện",
    "tại hội trường Tỉnh ủy",
    "tại phòng họp số 3 trụ sở HĐND-UBND huyện",
    "theo hình thức trực tuyến",
)


def _date_text(rng: random.Random, day: dt.date) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{day.day}/{day.month}/{day.year}"
    if style == 1:
        return f"{day.day}-{day.month}-{day.year}"
    if style == 2:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day}/{day.month}"  # the year comes from the context (the date field, the title)


def _slug(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _words(text: str) -> int:
    return len(text.split())


def article(i: int, seed: int = 0, pools: Pools | None = None) -> dict[str, str]:
    """The ``i``-th article of corpus ``seed``: a JSON-ready record."""
    pools = pools or sentence_pools()
    w = world()
    rng = random.Random(f"vnsearch-bench:{seed}:{i}")

    # Where and who.
    province = w.provinces.draw(rng)
    unit = w.units_of[province].draw(rng) if province in w.units_of and rng.random() < 0.85 else None
    districts = w.districts.get(province) or []
    if unit and unit.district:
        district = unit.district
    elif districts and rng.random() < (0.4 if unit else 0.8):
        district = rng.choice(districts)
    else:
        district = None

    # When: later years are published more (portals grew), any day of the year.
    year = rng.choices(YEARS, weights=[1 + 0.12 * k for k in range(len(YEARS))])[0]
    event = rng.choice(EVENTS)
    month = rng.choice(event.months)
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    day = start + dt.timedelta(days=rng.randrange((end - start).days))
    published = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))

    # Directives cited, by popularity, only ones that existed by then.
    candidates = [(d, wt) for d, wt in zip(w.directives, w.directive_weights, strict=True) if (d.year or 0) <= year]
    how_many = rng.choices((0, 1, 2, 3, 4), weights=(8, 35, 32, 17, 8))[0]
    if "{D}" in event.title:
        how_many = max(1, how_many)
    cited: list[Directive] = []
    while len(cited) < how_many and len(cited) < len(candidates):
        d = rng.choices([c for c, _ in candidates], weights=[wt for _, wt in candidates])[0]
        if d not in cited:
            cited.append(d)

    place = district if district and rng.random() < 0.5 else province
    fill = {
        "Y": str(year),
        "PY": str(year - 1),
        "Q": QUARTERS[(month - 1) // 3],
        "M": str(month),
        "P": place,
        "D": rng.choice(cited[0].forms()) if cited else "",
    }
    title = event.title.format(**fill)
    if unit and "{P}" not in event.title and rng.random() < 0.5:
        title = f"{unit.name} tổ chức {event.phrase.format(**fill)}"
    elif pools.titles and rng.random() < 0.15:
        title = _clean(rng.choice(pools.titles))  # a general news headline now and then
    actor = (unit.short if rng.random() < 0.6 else unit.name) if unit else "Ban Tuyên giáo"
    lead = (
        f"{rng.choice(DAYPARTS)} {_date_text(rng, day)}, {rng.choice(VENUES)}, {actor} tổ chức "
        f"{event.phrase.format(**fill)}."
    )
    if not unit:
        lead = (
            f"{rng.choice(DAYPARTS)} {_date_text(rng, day)}, {rng.choice(VENUES)}, "
            f"đã diễn ra {event.phrase.format(**fill)}."
        )

    # Body: resampled sentences in paragraphs of 2-5, the directive sentences among them.
    target = int(min(MAX_WORDS, max(MIN_WORDS, rng.lognormvariate(math.log(MEDIAN_WORDS), SIGMA))))
    mentions = [
        rng.choice(DOMAIN_SENTENCES).format(d=rng.choice(d.forms())) for d in cited for _ in range(rng.randint(1, 2))
    ]
    sentences: list[str] = []
    count = _words(title) + _words(lead) + sum(map(_words, mentions))
    share_domain = 0.4 if pools.news else 1.0
    while count < target:
        pool = pools.domain if (rng.random() < share_domain or not pools.news) and pools.domain else pools.news
        s = _clean(rng.choice(pool))
        sentences.append(s)
        count += _words(s)
    for m in mentions:
        sentences.insert(rng.randrange(len(sentences) + 1), m)
    paragraphs = [lead]
    k = 0
    while k < len(sentences):
        n = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[k : k + n]))
        k += n
    host = f"{_slug(province).replace('-', '')}.dcs.vn"
    return {
        "url": f"https://{host}/tin-tuc/{_slug(title)[:80]}-{seed}-{i}.html",
        "title": title,
        "date": published.isoformat(),
        "body": "\n\n".join(paragraphs),
        "province": province,
        "district": district or "",
        "unit": unit.name if unit else "",
    }


def generate(n: int, out_dir: str | Path, seed: int = 0, start: int = 0, progress: bool = False) -> dict:
    """Write articles ``start .. start+n-1`` into ``out_dir``; return what was written (docs, words ...)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("articles-*.jsonl"):
        old.unlink()
    pools = sentence_pools()
    words = 0
    fh = None
    try:
        for i in range(start, start + n):
            if fh is None or (i - start) % PER_FILE == 0:
                if fh:
                    fh.close()
                fh = open(out / f"articles-{i // PER_FILE:05d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
            record = article(i, seed, pools)
            words += _words(record["title"]) + _words(record["body"])
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            if progress and (i - start + 1) % 10000 == 0:
                print(f"generated {i - start + 1:,} articles", file=sys.stderr, flush=True)
    finally:
        if fh:
            fh.close()
    return {
        "docs": n,
        "words": words,
        "seed": seed,
        "start": start,
        "version": GENERATOR_VERSION,
        "pools": {
            "domain_sentences": len(pools.domain),
            "news_sentences": len(pools.news),
            "news_titles": len(pools.titles),
            "fingerprint": pools.fingerprint(),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir", help="folder for the JSONL files (existing articles-*.jsonl are replaced)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="number of the first article (to extend a corpus)")
    args = parser.parse_args(argv)
    info = generate(args.n, args.out_dir, seed=args.seed, start=args.start, progress=True)
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
