"""The queries: committed phrases in three typed forms, and known-item queries drawn from the corpus.

Known-item queries are corpus text (titles), so they are regenerated on every run from a fixed seed
and never written to a committed file.
"""

from __future__ import annotations

import random
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

from bench.eval.metrics import joined
from bench.eval.text import SYLLABLE, fold, fold_all, normalize, syllables

QUERIES_FILE = Path(__file__).with_name("queries.toml")
FORMS = ("accented", "accentless", "half")
KNOWN_KINDS = ("title_accented", "title_accentless", "run_accented", "run_accentless")
TITLE_SYLLABLES = (4, 30)
RUN_LENGTHS = (4, 5, 6)


@dataclass(frozen=True)
class Phrase:
    """One committed phrase and its words (a word is one or more syllables)."""

    phrase: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class KnownItem:
    """A query meant to find one article: its title, or a run of its title, with or without accents."""

    kind: str
    query: str
    target: str


def load_phrases(path: Path = QUERIES_FILE) -> list[Phrase]:
    """Read and check ``phrases``: the words must spell the phrase, or the strict reading would be wrong."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: list[Phrase] = []
    for n, entry in enumerate(data.get("phrases", []), start=1):
        phrase = str(entry["phrase"])
        words = tuple(str(w) for w in entry.get("words") or [phrase])
        if syllables(" ".join(words)) != syllables(phrase):
            raise ValueError(f"{path}: phrase {n} ({phrase!r}): words {list(words)} do not spell the phrase")
        out.append(Phrase(phrase, words))
    if not out:
        raise ValueError(f"{path}: no [[phrases]] entries")
    return out


def half_accented(text: str) -> str:
    """Accents kept on syllables 0, 2, 4, ... and dropped on 1, 3, ...: a person typing carelessly."""
    parts = SYLLABLE.split(text)
    found = SYLLABLE.findall(text)
    out = [parts[0]]
    for i, (syl, sep) in enumerate(zip(found, parts[1:], strict=True)):
        out.append(syl if i % 2 == 0 else unidecode(syl))
        out.append(sep)
    return "".join(out)


def forms(phrase: str) -> dict[str, str]:
    """The three ways the phrase is typed: as written, without accents (lowercase), half-accented."""
    phrase = normalize(phrase)
    return {"accented": phrase, "accentless": fold(phrase), "half": half_accented(phrase)}


def _title_words(title: str) -> list[str]:
    """A title as a person types it into a search box: its syllables, in case, without punctuation."""
    return SYLLABLE.findall(normalize(title))


def known_items(articles: Sequence[tuple[str, str]], count: int, seed: int) -> list[KnownItem]:
    """Sample ``count`` articles with a 4-30 syllable title no other article shares (accents ignored).

    For each: the full title accented and accentless, and a 4-6 syllable run of it (seeded choice,
    preferring a run whose folded form is in no other title) accented and accentless.
    ``articles`` is (id, title) pairs in corpus order, so the sample depends only on corpus and seed.
    """
    titled = [(doc_id, title, _title_words(title)) for doc_id, title in articles]
    folded = {doc_id: joined(fold_all([w.lower() for w in words])) for doc_id, _, words in titled}
    seen = Counter(folded.values())
    eligible = [
        (doc_id, words)
        for doc_id, _, words in titled
        if TITLE_SYLLABLES[0] <= len(words) <= TITLE_SYLLABLES[1] and seen[folded[doc_id]] == 1
    ]
    rng = random.Random(seed)
    chosen = rng.sample(eligible, min(count, len(eligible)))
    every_title = "\n".join(folded.values())
    out: list[KnownItem] = []
    for doc_id, words in chosen:
        run = _pick_run(words, folded[doc_id], every_title, rng)
        title = " ".join(words)
        out += [
            KnownItem("title_accented", title, doc_id),
            KnownItem("title_accentless", fold(title), doc_id),
            KnownItem("run_accented", run, doc_id),
            KnownItem("run_accentless", fold(run), doc_id),
        ]
    return out


def _pick_run(words: list[str], own: str, every_title: str, rng: random.Random) -> str:
    """A seeded 4-6 syllable run of the title; the first (in seeded order) unique to this title wins."""
    spans = [
        (start, length) for length in RUN_LENGTHS if length <= len(words) for start in range(len(words) - length + 1)
    ]
    rng.shuffle(spans)
    for start, length in spans:
        run = words[start : start + length]
        key = joined(fold_all([w.lower() for w in run]))
        if every_title.count(key) == own.count(key):  # only in its own title
            return " ".join(run)
    start, length = spans[0]
    return " ".join(words[start : start + length])
