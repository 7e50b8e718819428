"""Vietnamese text normalisation: one spelling for every way a portal can write the same word.

Everything downstream (extraction, analysis, queries) sees text that went through :func:`normalize`,
so the same word always has the same code points: NFC, one tone-placement style (the traditional
"hóa", "ủy", "hòa"), "Đ" instead of the look-alike "Ð", no zero-width characters, no HTML entities.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from unidecode import unidecode

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")

# Combining tone marks (after NFD); the circumflex, breve and horn are vowel letters, not tones.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _move_tone(word: str) -> str:
    """Put the tone of one syllable where the traditional style puts it."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = next((c for c in decomposed if c in _TONES), None)
    if tone is None:
        return word
    base = "".join(c for c in decomposed if c not in _TONES)
    letters = unicodedata.normalize("NFC", base)
    lower = letters.lower()
    vowel_idx = [i for i, ch in enumerate(lower) if ch in _VOWELS or ch.upper() in _VOWELS]
    if not vowel_idx:
        return word
    # "qu" and "gi": the u / i belongs to the consonant, so the tone sits on the next vowel ("quý", "giá").
    if (
        lower.startswith("qu")
        and len(vowel_idx) > 1
        and vowel_idx[0] == 1
        or lower.startswith("gi")
        and len(vowel_idx) > 1
        and vowel_idx[0] == 1
    ):
        vowel_idx = vowel_idx[1:]
    target = _tone_position(lower, vowel_idx)
    chars = list(letters)
    chars[target] = unicodedata.normalize("NFC", chars[target] + tone)
    return "".join(chars)


def _tone_position(lower: str, vowel_idx: list[int]) -> int:
    """Index of the vowel that carries the tone in the traditional style."""
    if len(vowel_idx) == 1:
        return vowel_idx[0]
    # A vowel with its own diacritic carries the tone ("thuyết", "người": the later one of "ươ").
    marked = [i for i in vowel_idx if lower[i] in "ăâêôơư"]
    if marked:
        return marked[-1]
    if vowel_idx[-1] < len(lower) - 1:  # closed syllable: the last vowel ("hoàn", "toán")
        return vowel_idx[-1]
    if len(vowel_idx) == 2:  # open pair: the first ("hóa", "thủy", "mùa")
        return vowel_idx[0]
    return vowel_idx[1]  # open triple: the middle ("ngoài", "xoáy", "khuỷu")


@functools.lru_cache(maxsize=1 << 17)
def _tone_style(word: str) -> str:
    """One word in the traditional tone style; cached, since a language has few distinct words."""
    return _move_tone(word) if _has_tone(word) else word


def _has_tone(word: str) -> bool:
    return any(c in _TONES for c in unicodedata.normalize("NFD", word))


def normalize(text: str) -> str:
    """Return ``text`` in the one spelling the engine uses everywhere (idempotent)."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ")  # Icelandic eth used as a look-alike
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: _tone_style(m.group()), text)


def fold(text: str) -> str:
    """Accent-free lowercase form, for people who type without diacritics ("Đảng" -> "dang")."""
    return unidecode(normalize(text)).lower()


@functools.lru_cache(maxsize=1 << 17)
def normalize_word(word: str) -> str:
    """``normalize`` for one syllable, cached: the analyzer sees the same few thousand syllables."""
    return normalize(word)


# Every Vietnamese letter each ASCII letter stands for once accents are dropped, as a regex class.
_LETTER_CLASSES = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}


def any_accent(folded: str) -> str:
    """A regex matching ``folded`` with any accents (use with IGNORECASE on normalised text):
    "tuyen" matches "Tuyên", "tuyến", "tuyển"."""
    return "".join(f"[{_LETTER_CLASSES[c]}]" if c in _LETTER_CLASSES else re.escape(c) for c in folded)


@functools.lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    """``fold`` for one syllable, cached: a language has few syllables and snippets fold many."""
    return fold(word)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese letter beyond plain ASCII (the user typed accents)."""
    return any(ord(c) > 127 and c.isalpha() for c in text)


def slug(text: str) -> str:
    """Fold and drop everything but letters and digits: a key for matching names ("Nam Trực" -> "namtruc")."""
    return re.sub(r"[^a-z0-9]", "", fold(text))
