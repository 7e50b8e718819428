"""Putting accents back on a URL slug ("vinamilk-lot-top" -> "Vinamilk lọt Top"), with no model.

Each folded syllable may stand for several accented ones ("tren" is "trên" or "trện"). The choice is
a Viterbi over two kinds of evidence: the article's own text (which forms and which neighbouring
pairs it holds: the slug was made from this article's headline) and underthesea's packaged word list
(its tagged news text and Viet74K word list: how often each form and pair is used). Capitals come from the
article: a syllable it writes capitalised inside sentences (a name) is capitalised in the title.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources

from search.text import fold_word, normalize_word

_WORD = re.compile(r"[^\W_]+")
TAGGED_TEXT = "pipeline/pos_tag/models/pos_crf_vlsp2013_20230303/test_output.txt"
WORD_LIST = "corpus/data/Viet74K.txt"
ARTICLE_WEIGHT = 50.0  # one use in the article itself outweighs dozens in the language at large
PAIR_ARTICLE = 50.0
NAME_WEIGHT = 20  # a place name of the gazetteer, as often as a common word of the tagged text


def _package_text(path: str) -> str:
    try:
        return resources.files("underthesea").joinpath(path).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):  # moved: the article still counts
        return ""


@functools.cache
def _language() -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Syllable and pair counts of Vietnamese as underthesea ships it.

    Usage from the tagged news text its POS model was tested on (VLSP 2013, about 60,000 words), and
    every syllable and in-word pair of its Viet74K word list counted once more, so that a rare but
    real form can still win where the article's own text is silent.
    """
    uni: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    sentence: list[str] = []
    for line in _package_text(TAGGED_TEXT).splitlines():
        token = line.split("\t", 1)[0].strip()
        if not token:
            pairs.update(zip(sentence, sentence[1:], strict=False))
            sentence = []
            continue
        sylls = [normalize_word(s.lower()) for s in _WORD.findall(token)]
        uni.update(sylls)
        sentence.extend(sylls)
    pairs.update(zip(sentence, sentence[1:], strict=False))
    for line in _package_text(WORD_LIST).splitlines():
        sylls = [normalize_word(s.lower()) for s in _WORD.findall(line)]
        uni.update(sylls)
        pairs.update(zip(sylls, sylls[1:], strict=False))
    for name in _names():
        sylls = list(name)
        uni.update({s: NAME_WEIGHT for s in sylls})
        pairs.update({pair: NAME_WEIGHT for pair in zip(sylls, sylls[1:], strict=False)})
    return uni, pairs


@functools.cache
def _names() -> frozenset[tuple[str, ...]]:
    """Place names of the gazetteer as lowercase syllables: evidence for accents, and capitalised."""
    from search.extract.places import place_names

    return frozenset(tuple(normalize_word(w.lower()) for w in _WORD.findall(n)) for n in place_names())


@functools.cache
def _forms() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for form in _language()[0]:
        out.setdefault(fold_word(form), []).append(form)
    return out


def restore(slug: Sequence[str], text: str) -> str:
    """The slug's words accented and capitalised as the article would write its headline."""
    if not slug:
        return ""
    tokens = [normalize_word(m.group()) for m in _WORD.finditer(text)]
    lower = [t.lower() for t in tokens]
    uni = Counter(lower)
    pairs = Counter(zip(lower, lower[1:], strict=False))
    by_fold: dict[str, Counter[str]] = {}
    for form, n in uni.items():
        by_fold.setdefault(fold_word(form), Counter())[form] += n
    lang_uni, lang_pairs = _language()
    lang_forms = _forms()

    lattice: list[dict[str, float]] = []
    for s in slug:
        options: dict[str, float] = {}
        for form, n in by_fold.get(s, Counter()).items():
            options[form] = options.get(form, 0.0) + ARTICLE_WEIGHT * n
        for form in lang_forms.get(s, []):
            options[form] = options.get(form, 0.0) + lang_uni[form]
        if not options:
            options[s] = 1.0  # a number, a foreign word: as the slug spells it
        total = sum(options.values())
        lattice.append({f: math.log(c / total) for f, c in options.items()})

    def link(a: str, b: str) -> float:
        return math.log1p(PAIR_ARTICLE * pairs[(a, b)] + lang_pairs[(a, b)])

    best: list[dict[str, tuple[float, str | None]]] = [{f: (p, None) for f, p in lattice[0].items()}]
    for column in lattice[1:]:
        step: dict[str, tuple[float, str | None]] = {}
        for form, p in column.items():
            prev, score = max(((q, sc + link(q, form)) for q, (sc, _) in best[-1].items()), key=lambda t: t[1])
            step[form] = (score + p, prev)
        best.append(step)
    form = max(best[-1], key=lambda f: best[-1][f][0])
    chosen = [form]
    for step_back in reversed(best[1:]):
        back = step_back[form][1]
        assert back is not None
        chosen.append(back)
        form = back
    chosen.reverse()
    words = _cased(chosen, tokens)
    places = _names()
    for size in (3, 2):  # "an giang" -> "An Giang"
        for i in range(len(chosen) - size + 1):
            if tuple(chosen[i : i + size]) in places:
                words[i : i + size] = [w.capitalize() for w in chosen[i : i + size]]
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _cased(chosen: list[str], tokens: list[str]) -> list[str]:
    """The chosen syllables written as the article writes them in the same company ("Tỉnh ủy" but
    "cấp tỉnh"): the casing of the syllable in its most frequent neighbouring pair, else its own."""
    by_pair: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    for a, b in zip(tokens, tokens[1:], strict=False):
        by_pair.setdefault((a.lower(), b.lower()), Counter())[(a, b)] += 1
    alone = _capitalised(tokens)
    out = []
    for i, w in enumerate(chosen):
        written = None
        if i + 1 < len(chosen) and (seen := by_pair.get((w, chosen[i + 1]))):
            written = seen.most_common(1)[0][0][0]
        elif i > 0 and (seen := by_pair.get((chosen[i - 1], w))):
            written = seen.most_common(1)[0][0][1]
        out.append(written if written is not None else (w.capitalize() if w in alone else w))
    return out


def _capitalised(tokens: list[str]) -> set[str]:
    """Lowercased forms the text writes capitalised more often than not, sentence starts aside."""
    upper: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for prev, tok in zip(["."] + tokens, tokens, strict=False):
        if prev == ".":
            continue
        key = tok.lower()
        seen[key] += 1
        if tok[:1].isupper():
            upper[key] += 1
    return {k for k, n in upper.items() if n * 2 > seen[k]}
