"""Notable words of a result set: what the matching articles say far more often than the whole index.

Elasticsearch's significant terms, made for Vietnamese news. A sample of the matching articles (all of
them when few) is read back and cut into syllables and adjacent pairs, as the index cuts them; each
candidate's share of the sample is set against its share of the index and scored with JLH. A run of
two to four syllables counts only where it is a word, one the segmenter joined in a good share of
the indexed articles that may hold it (the ``seg`` field); its background is the rarest of its pairs
(``pairs``), single syllables use ``body``. Stop words (stopwordsiso's Vietnamese list) and the
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
from search.text import fold_word, normalize

SAMPLE = 150  # articles read back; a broad query's cost stays flat however many match
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


def sample(final: np.ndarray, size: int = SAMPLE) -> np.ndarray:
    """Document numbers: every match when few, else an even random sample (fixed seed: a URL gives the
    same list every time)."""
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
TEXT_CHARS = 2500  # of each sampled article: the lead and the first part, where news puts what matters


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
    unigrams: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    people: Counter[str] = Counter()
    places: Counter[str] = Counter()
    cut = []  # per article: the runs of its title, and of its body
    for title, body in texts:
        text = f"{title}\n{body[:TEXT_CHARS]}"
        cut.append((runs(title), runs(body[:TEXT_CHARS])))
        found_people, found_places = people_and_places(text)
        people.update(found_people)
        places.update(found_places)
    n = max(len(texts), 1)
    floor = max(MIN_DOCS, int(0.02 * n))
    # Two passes: syllables and pairs first; a run of three or four syllables can reach the floor only
    # where every pair inside it does, so only those runs are counted in the second.
    # Single syllables are counted in the body only, as the ``body`` field counts them; runs of
    # syllables in title and body, as the ``pairs`` field holds them.
    for title_runs, body_runs in cut:
        unigrams.update({w for run in body_runs for w in run if w not in stops and not w.isdigit() and len(w) > 1})
        grams.update({f"{a} {b}" for run in (*title_runs, *body_runs) for a, b in zip(run, run[1:], strict=False)})
    common = {g for g, c in grams.items() if c >= floor}
    for title_runs, body_runs in cut:
        longer = set()
        for run in (*title_runs, *body_runs):
            ok = [f"{a} {b}" in common for a, b in zip(run, run[1:], strict=False)]
            for i in range(len(ok) - 1):
                if ok[i] and ok[i + 1]:
                    longer.add(" ".join(run[i : i + 3]))
                    if i + 2 < len(ok) and ok[i + 2]:
                        longer.add(" ".join(run[i : i + 4]))
        grams.update(longer)
    df = doc_frequency

    # A person's or a place's name is listed as such, not among the words.
    names = " | ".join(p.lower() for p in (*people, *places))
    scored: list[Term] = []
    for text, fg in grams.items():
        syllables = text.split()
        if fg < floor or text in stops or all(s in stops for s in syllables) or text in names:
            continue
        if any(s.isdigit() for s in syllables) or {fold_word(s) for s in syllables} <= query_syllables:
            continue
        # A word is a run the segmenter joined in a good share of the articles that may hold it; its
        # background is the rarest of its pairs (at least as many articles as hold the whole run).
        joined = df("seg", "_".join(fold_word(s) for s in syllables))
        if not joined:
            continue
        bg = min(df("pairs", f"{a}_{b}") for a, b in zip(syllables, syllables[1:], strict=False))
        if bg and joined >= WORD_SHARE * bg:
            scored.append(Term(text, fg, max(bg, fg), jlh(fg, n, bg, total)))
    for text, fg in unigrams.items():
        if fg >= floor and fold_word(text) not in query_syllables and text not in names:
            bg = df("body", text)
            scored.append(Term(text, fg, max(bg, fg), jlh(fg, n, bg, total)))
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
