"""Notable words of a result set: what the matching articles say far more often than the whole index.

Elasticsearch's significant terms, made for Vietnamese news. A sample of the matching articles (all of
them when few) is read back and cut into syllables and adjacent pairs, as the index cuts them; each
candidate's share of the sample is set against its share of the index and scored with JLH. A run of
two to four syllables counts only where it is a word, one the segmenter joined in a good share of
the indexed articles that hold its syllables side by side where the segmenter read them (both
counted in the ``seg`` field); its background is the rarest of its pairs (``pairs``), single
syllables use ``body``. Stop words (stopwordsiso's Vietnamese list) and the
query's own words are left out. People and places are listed apart: capitalised syllable runs that
begin with a family name, and names of the gazetteer.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import stopwordsiso

from search.extract.places import place_names
from search.indexing.analysis import pair_term
from search.text import fold_word, normalize

SAMPLE = 100  # articles read back; a broad query's cost stays flat however many match
WORD_SHARE = 0.3  # of a run's articles where the segmenter made it one word, for it to count as a word
MIN_DOCS = 3  # a word in fewer sampled articles than this is noise, however rare
# The family names most Vietnamese carry (about nine in ten people): a capitalised run starting with
# one is read as a person's name.
SURNAMES = frozenset(
    ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
     "Dương", "Lý", "Đào", "Đoàn", "Đinh", "Lương", "Trương", "Mai", "Trịnh", "Hà", "Lưu", "Tạ", "Cao", "Tô",
     "Thái", "Triệu", "Vương", "Lâm", "Châu", "Quách", "Mạc", "Kiều", "Chu", "Nông", "Lò", "Lục", "Y")
)  # fmt: skip
_WORD = re.compile(r"\w+")


@functools.cache
def stop_words() -> frozenset[str]:
    return frozenset(normalize(w).lower() for w in stopwordsiso.stopwords("vi"))


@functools.cache
def _places() -> dict[str, int]:
    """Gazetteer names by their syllables, and the longest name's length."""
    return {name: len(name.split()) for name in place_names()}


@dataclass
class Term:
    text: str
    docs: int  # sampled articles holding it
    background: int  # articles of the whole index holding it (0 where not counted: names)
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "docs": self.docs, "background": self.background, "score": round(self.score, 4)}


@dataclass
class Notable:
    matched: int  # articles matching the search
    sample: int  # of which read
    total: int  # articles in the index
    words: list[Term] = field(default_factory=list)
    people: list[Term] = field(default_factory=list)
    places: list[Term] = field(default_factory=list)
    took_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "sample": self.sample,
            "total": self.total,
            "words": [t.to_json() for t in self.words],
            "people": [t.to_json() for t in self.people],
            "places": [t.to_json() for t in self.places],
            "took_ms": round(self.took_ms, 1),
        }


def sample(final: np.ndarray, size: int | None = None) -> np.ndarray:
    """Document numbers: every match when few, else an even random sample (fixed seed: a URL gives the
    same list every time)."""
    size = size or SAMPLE
    idx = np.flatnonzero(final)
    if len(idx) <= size:
        return idx
    return np.sort(np.random.default_rng(0).choice(idx, size, replace=False))


def jlh(fg: int, n_fg: int, bg: int, n_bg: int) -> float:
    """Elasticsearch's JLH: the absolute rise in share times the relative rise."""
    fg_share, bg_share = fg / n_fg, max(bg, fg) / n_bg
    if fg_share <= bg_share:
        return 0.0
    return (fg_share - bg_share) * (fg_share / bg_share)


_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
_LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.isalpha() and c.islower())
# Two or more capitalised syllables with only spaces between them ("Nguyễn Xuân Thanh", "Đắk Nông").
_NAME_RUN = re.compile(rf"(?<!\w)[{_UPPER}][{_LOWER}]*(?:[ \t]+[{_UPPER}][{_LOWER}]*)+(?!\w)")
# Where a phrase ends, as the index's pair fields see it (search.indexing.analysis.syllable_runs).
_GAP = re.compile(r"[^\w\s\-/\u2010-\u2013]|\n")
TEXT_CHARS = 1500  # of each sampled article: the lead and the first part, where news puts what matters


def runs(text: str) -> list[list[str]]:
    """Lowercased syllables in runs that punctuation does not break, as the index's pairs are cut.

    Stored text is already in the engine's one spelling (:func:`search.text.normalize`), so this is
    two C-level splits, not a syllable-by-syllable normalisation."""
    return [r for r in (_WORD.findall(chunk) for chunk in _GAP.split(text.lower())) if r]


def people_and_places(text: str) -> tuple[set[str], set[str]]:
    """Names in a text: people (a family name first), and places the gazetteer knows."""
    people, places = set(), set()
    known = _places()
    for m in _NAME_RUN.finditer(text):
        run = m.group().split()
        if run[0] in SURNAMES and 2 <= len(run) <= 4 and " ".join(run) not in known:
            people.add(" ".join(run))
            continue
        for width in (4, 3, 2):
            for i in range(len(run) - width + 1):
                name = " ".join(run[i : i + width])
                if name in known:
                    places.add(name)
    return people, places


def _count_runs(
    docs: list[tuple[np.ndarray, np.ndarray, np.ndarray]], size: int, floor: int
) -> tuple[dict[int, int], dict[tuple[int, ...], int]]:
    """Documents holding each syllable (body only) and each run of two to four syllables, as integer codes.

    All articles at once, as arrays: a key is counted once per article by pairing it with the
    article's number before one ``np.unique``. Syllables and pairs first; a run of three or four can
    reach the floor only where every pair inside it does, so only those runs are coded.
    """
    if not docs:
        return {}, {}
    n = len(docs)
    codes = np.concatenate([d[0] for d in docs])
    lengths = [len(d[0]) for d in docs]
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    offsets = np.cumsum([0] + [int(d[1].max()) + 1 if len(d[1]) else 0 for d in docs])[:-1]
    run = np.concatenate([d[1] + o for d, o in zip(docs, offsets, strict=True)])  # run numbers, unique overall
    in_body = np.concatenate([d[2] for d in docs])

    def per_document(keys: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        held = np.unique(keys * n + where) // n  # each (key, article) once
        return np.unique(held, return_counts=True)

    ones, ones_n = per_document(codes[in_body], doc[in_body])
    same = run[1:] == run[:-1]
    pair = codes[:-1] * size + codes[1:]
    pairs, pairs_n = per_document(pair[same], doc[:-1][same])
    grams: dict[tuple[int, ...], int] = {
        divmod(int(k), size): int(c) for k, c in zip(pairs, pairs_n, strict=True) if c >= floor
    }
    ok = same & np.isin(pair, pairs[pairs_n >= floor])
    three = ok[:-1] & ok[1:]
    for width, mask, key in ((3, three, None), (4, three[:-1] & ok[2:], None)):
        if size**width * n >= 2**62:  # the codes no longer fit one int64
            break
        key = codes[: len(codes) - width + 1].copy()
        for k in range(1, width):
            key = key * size + codes[k : len(codes) - width + 1 + k]
        found, counts = per_document(key[mask], doc[: len(mask)][mask])
        for k, c in zip(found.tolist(), counts.tolist(), strict=True):
            if c >= floor:
                parts = []
                for _ in range(width):
                    k, code = divmod(k, size)
                    parts.append(code)
                grams[tuple(reversed(parts))] = c
    return {int(c): int(f) for c, f in zip(ones, ones_n, strict=True) if f >= floor}, grams


def find(
    texts: list[tuple[str, str]],
    doc_frequency: Callable[[str, str], int],
    total: int,
    matched: int,
    query_syllables: set[str],  # folded: the query's own words are not news
    limit: int = 20,
) -> Notable:
    """Notable words in ``texts`` ((title, body) of the sampled articles); ``doc_frequency(field, term)``
    reads the index's document frequencies (the engine caches them per generation)."""
    stops = stop_words()
    people: Counter[str] = Counter()
    places: Counter[str] = Counter()
    vocabulary: dict[str, int] = {}
    docs = []  # per article: syllable codes, run numbers, and whether each is in the body
    for title, body in texts:
        if len(body) > TEXT_CHARS:  # cut at a space: half a syllable ("ph" of "phòng") is no word
            body = body[:TEXT_CHARS].rsplit(None, 1)[0]
        title_runs, body_runs = runs(title), runs(body)
        all_runs = [*title_runs, *body_runs]
        codes = [vocabulary.setdefault(w, len(vocabulary)) for run in all_runs for w in run]
        run_of = np.repeat(np.arange(len(all_runs)), [len(r) for r in all_runs])
        in_body = np.repeat(np.arange(len(all_runs)) >= len(title_runs), [len(r) for r in all_runs])
        docs.append((np.array(codes, dtype=np.int64), run_of, in_body))
        found_people, found_places = people_and_places(f"{title}\n{body}")
        people.update(found_people)
        places.update(found_places)
    n = max(len(texts), 1)
    floor = max(MIN_DOCS, int(0.02 * n))
    words_of = list(vocabulary)
    folded = [fold_word(w) for w in words_of]
    stop = [w in stops for w in words_of]
    digit = [w.isdigit() for w in words_of]
    typed = {c for c, f in enumerate(folded) if f in query_syllables}
    # A person's or a place's name is listed as such, not among the words (nor any part of it).
    in_names: set[tuple[int, ...]] = set()
    for name in (*people, *places):
        parts = tuple(vocabulary.get(w, -1) for w in name.lower().split())
        in_names |= {parts[i:j] for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    unigrams, grams = _count_runs(docs, len(vocabulary), floor)
    df = doc_frequency
    scored: list[Term] = []
    for key, fg in grams.items():
        if all(stop[c] for c in key) or any(digit[c] for c in key) or key in in_names or set(key) <= typed:
            continue
        # A word is a run the segmenter joined in a good share of the articles that may hold it; its
        # background is the rarest of its pairs (at least as many articles as hold the whole run).
        joined = df("seg", "_".join(folded[c] for c in key))
        if not joined:
            continue
        syllables = [words_of[c] for c in key]
        text = " ".join(syllables)
        if text in stops:
            continue
        pairs = list(zip(syllables, syllables[1:], strict=False))
        together = min(df("seg", pair_term(a, b)) for a, b in pairs)  # side by side where segmented
        bg = min(df("pairs", f"{a}_{b}") for a, b in pairs)
        if bg and joined >= WORD_SHARE * together:
            scored.append(Term(text, fg, max(bg, fg), jlh(fg, n, bg, total)))
    for code, fg in unigrams.items():
        word = words_of[code]
        if stop[code] or digit[code] or len(word) < 2 or code in typed or (code,) in in_names:
            continue
        bg = df("body", word)
        scored.append(Term(word, fg, max(bg, fg), jlh(fg, n, bg, total)))
    scored = [t for t in scored if t.score > 0]
    scored.sort(key=lambda t: (-t.score, t.text))
    words = [
        t  # a word inside a longer listed one, found about as often ("vắc" in "vắc xin"), adds nothing
        for t in scored[: limit * 2]
        if not any(f" {t.text} " in f" {w.text} " and w.docs >= 0.8 * t.docs for w in scored[: limit * 2] if w is not t)
    ][:limit]

    def top(counter: Counter[str]) -> list[Term]:
        return [Term(t, c, 0, c / n) for t, c in counter.most_common(limit) if c >= min(floor, 2)]

    return Notable(matched, len(texts), total, words, top(people), top(places))
