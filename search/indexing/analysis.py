"""Vietnamese analysis for Whoosh, built from small parts composed with ``|``.

One chain serves documents and queries alike:

    SyllableTokenizer() | NormalizeFilter() | LowercaseFilter() | FoldFilter()

Every syllable is indexed as typed ("tuyên") and, at the same position, folded and marked
("~tuyen"), so a query typed without accents matches through the folded twins and a query with
accents can rank exact forms first. The mark keeps an exact "nam" apart from the folded "năm".
Pair fields hold adjacent syllables the same two ways (:class:`PairTokenizer`), so a phrase is a
conjunction of pair terms. A separate field holds compound words found by
underthesea's segmenter on accented, normalised text ("ban_tuyen_giao"), used to boost matches
on whole words; the segmenter never sees folded text.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from whoosh.analysis import Composable, Filter, LowercaseFilter, Token, Tokenizer

from search.indexing.lexicon import LEXICON
from search.text import fold, fold_word, normalize, normalize_word

_SYLLABLE = re.compile(r"\w+", re.UNICODE)
_COMPOUND = re.compile(r"^[^\W_]+(?:_[^\W_]+)+$")


class SyllableTokenizer(Tokenizer):
    """Splits text into syllables (runs of letters/digits) with positions and character offsets."""

    def __call__(  # noqa: PLR0913 - Whoosh's tokenizer protocol
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, m in enumerate(_SYLLABLE.finditer(value), start=start_pos):
            token.text = m.group()
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + m.start()
                token.endchar = start_char + m.end()
            yield token


class NormalizeFilter(Filter):
    """NFC, one tone-placement style, Đ for Ð: the same word always has the same code points."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = normalize_word(t.text)
            yield t


FOLD_MARK = "~"


def folded_term(syllable: str) -> str:
    """The index term of a syllable's accent-free twin ("Đảng" -> "~dang")."""
    return FOLD_MARK + fold_word(syllable)


class FoldFilter(Filter):
    """Adds the accent-free twin at the same position ("đảng" -> also "~dang")."""

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            original = t.text
            yield t
            t.text = folded_term(original)
            yield t


def pair_term(first: str, second: str) -> str:
    """The index term for two adjacent syllables, folded and marked ("Tuyên", "giáo" -> "~tuyen_giao")."""
    return f"{FOLD_MARK}{fold_word(first)}_{fold_word(second)}"


def exact_pair_term(first: str, second: str) -> str:
    """Two adjacent syllables as typed, lowercased ("tuyên_giáo"): accents decide exactness in ranking."""
    return f"{normalize_word(first).lower()}_{normalize_word(second).lower()}"


# Between two syllables of one phrase stand only spaces, hyphens or slashes ("05-CT/TW"); a full stop,
# comma, colon or line break ends it, so "báo cáo, viên chức" holds no "báo cáo viên".
_HARD_GAP = re.compile(r"[^\s\-/\u2010-\u2013]|\n")
# Titles are also read with only sentence ends breaking them: people type a title without its
# punctuation ("Bộ trưởng Giao thông: 'Mở rộng…'"), and should still find it as a phrase.
SENTENCE_GAP = re.compile(r"[.!?;\u2026]|\n")


def syllable_runs(text: str, gap: re.Pattern[str] = _HARD_GAP) -> list[list[str]]:
    """The text's syllables (normalised, lowercased) in runs that punctuation (``gap``) does not break."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = -1
    for m in _SYLLABLE.finditer(text):
        if current and gap.search(text, last_end, m.start()):
            runs.append(current)
            current = []
        current.append(normalize_word(m.group()).lower())
        last_end = m.end()
    if current:
        runs.append(current)
    return runs


class PairTokenizer(Tokenizer):
    """Adjacent syllables as one term, exact ("tuyên_giáo") and folded ("~tuyen_giao").

    Phrases and proximity become plain term lookups: a quoted phrase of n syllables matches
    documents holding all its n-1 pairs, and no positions have to be decoded at query time.
    Pairs never span punctuation (see :func:`syllable_runs`); ``sentences_only`` lets them span all
    but sentence ends (for titles).
    """

    def __init__(self, sentences_only: bool = False):
        self.sentences_only = sentences_only

    def __call__(self, value: str, positions: bool = False, chars: bool = False, **kwargs: object) -> Iterator[Token]:
        def pairs() -> Iterator[tuple[int, str]]:
            for pos, (exact, folded) in enumerate(_pairs(value, self.sentences_only)):
                yield pos, exact
                yield pos, folded

        return _emit(positions, chars, kwargs, pairs())


def _pairs(value: str, sentences_only: bool) -> Iterator[tuple[str, str]]:
    """Each pair of adjacent syllables, exact and folded (see :class:`PairTokenizer`)."""
    for run in syllable_runs(value, SENTENCE_GAP if sentences_only else _HARD_GAP):
        for a, b in zip(run, run[1:], strict=False):
            yield f"{a}_{b}", pair_term(a, b)


def syllable_counts(value: str) -> Counter[str]:
    """The terms :func:`vietnamese_analyzer` indexes for ``value``, counted (for the bulk writer)."""
    counts: Counter[str] = Counter()
    for syllable, n in Counter(_SYLLABLE.findall(value)).items():
        word = normalize_word(syllable).lower()
        counts[word] += n
        counts[folded_term(word)] += n
    return counts


def pair_counts(value: str, sentences_only: bool = False) -> Counter[str]:
    """The terms :func:`pair_analyzer` indexes for ``value``, counted."""
    counts: Counter[str] = Counter()
    for exact, folded in _pairs(value, sentences_only):
        counts[exact] += 1
        counts[folded] += 1
    return counts


def title_pair_counts(value: str) -> Counter[str]:
    """:func:`pair_counts` broken only at sentence ends, as titles are read."""
    return pair_counts(value, sentences_only=True)


def compound_counts(value: str) -> Counter[str]:
    """The terms :func:`compound_analyzer` indexes for ``value`` (what :func:`segment` returns), counted.

    Two kinds: each compound the segmenter made ("ban_tuyen_giao", folded), and each pair of
    syllables side by side in the segmented text, folded and marked as in ``pairs`` ("~tuyen_giao").
    Only the opening of an article is segmented, so "what share of the documents holding these
    syllables together did the segmenter join" must count both in that same opening.
    """
    return Counter(_compound_terms(value))


def _compound_terms(value: str) -> Iterator[str]:
    for word in value.split():
        lowered = word.lower()
        if _COMPOUND.match(lowered):
            yield _compound(lowered)
    for _, folded in _pairs(value.replace("_", " "), sentences_only=False):
        yield folded


def _compound(word: str) -> str:
    return fold(word.replace("_", " ")).replace(" ", "_")


class CompoundTokenizer(Tokenizer):
    """Terms of segmented text ("ban_tuyên_giáo huyện_ủy tổ_chức"): see :func:`compound_counts`."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, **kwargs: object) -> Iterator[Token]:
        return _emit(positions, chars, kwargs, enumerate(_compound_terms(value)))


def _emit(positions: bool, chars: bool, kwargs: dict[str, object], texts: Iterable[tuple[int, str]]) -> Iterator[Token]:
    """Whoosh's token protocol for a tokenizer that makes its own terms: one reused Token, text by text."""
    token = Token(positions, chars, **{k: v for k, v in kwargs.items() if k in ("removestops", "mode")})
    for pos, text in texts:
        token.text = text
        token.boost = 1.0
        token.stopped = False
        if positions:
            token.pos = pos
        yield token


def vietnamese_analyzer() -> Composable:
    """The text chain for title and body, and for every query term."""
    return SyllableTokenizer() | NormalizeFilter() | LowercaseFilter() | FoldFilter()


def pair_analyzer(sentences_only: bool = False) -> Composable:
    return PairTokenizer(sentences_only)


def compound_analyzer() -> Composable:
    return CompoundTokenizer()


@functools.cache
def _segmenter() -> Callable[..., list[str]]:
    from underthesea import word_tokenize  # slow import; only the indexer's workers need it

    return word_tokenize


def segment(text: str) -> str:
    """Word-segment normalised, accented text: its words in order, a compound's syllables joined
    with "_" ("Ban_Tuyên_giáo huyện tổ_chức hội_nghị ,"), one line per line of the text.

    The segmenter works sentence by sentence so that one odd line cannot derail a whole article.
    """
    word_tokenize = _segmenter()
    out: list[str] = []
    for line in normalize(text).splitlines():
        line = line.strip()
        if line:
            out.append(" ".join(w.replace(" ", "_") for w in word_tokenize(line, fixed_words=LEXICON)))
    return "\n".join(out)


_SEGMENT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=4096)
def word_lengths(syllables: tuple[str, ...]) -> tuple[int, ...] | None:
    """How many syllables each word of an accented run has, by underthesea (with the domain lexicon).

    None when the segmenter's words do not line up with the syllables given (it never should).
    One call at a time: the tagger underneath is not safe to share between threads.
    """
    word_tokenize = _segmenter()
    with _SEGMENT_LOCK:
        words = word_tokenize(" ".join(syllables), fixed_words=LEXICON)
    lengths = tuple(len(_SYLLABLE.findall(w)) for w in words)
    lengths = tuple(n for n in lengths if n)
    return lengths if sum(lengths) == len(syllables) else None


def warm_up() -> None:
    """Load the segmenter ahead of the first query (a few seconds), e.g. in a thread at start-up."""
    word_lengths(("tuyên", "giáo"))
