"""The one spelling and syllable split the judgements use, so every engine is judged on the same text.

The project's own normaliser (``search.text.normalize``) is used when it can be imported, so a
document is compared in the spelling vnsearch indexes; NFC alone is the fallback.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from unidecode import unidecode


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _project_normalize() -> Callable[[str], str]:
    try:
        from search.text import normalize as project_normalize
    except ImportError:  # the engine is being refactored or is not installed: NFC is close enough
        return _nfc
    return project_normalize


normalize: Callable[[str], str] = _project_normalize()

SYLLABLE = re.compile(r"\w+")
TOKEN = re.compile(r"[^\W_]+")  # what tantivy's default tokenizer keeps (letters and digits)


def syllables(text: str) -> list[str]:
    """Lowercase syllables of ``text`` in the project's spelling (regex ``\\w+``)."""
    return SYLLABLE.findall(normalize(text).lower())


@functools.lru_cache(maxsize=1 << 17)
def fold_syllable(syllable: str) -> str:
    """Accent-free form of one syllable ("đảng" -> "dang"); cached, a language has few syllables."""
    return unidecode(syllable).lower()


def fold_all(sylls: list[str]) -> list[str]:
    """Folded syllables; a syllable unidecode turns into several (rare symbols) is split again."""
    out: list[str] = []
    for s in sylls:
        f = fold_syllable(s)
        if f.isascii() and SYLLABLE.fullmatch(f):
            out.append(f)
        else:
            out.extend(SYLLABLE.findall(f))
    return out


def fold(text: str) -> str:
    """Accent-free lowercase text, as people type it without a Vietnamese keyboard (keeps punctuation)."""
    return unidecode(normalize(text)).lower()


def has_accents(text: str) -> bool:
    """True when the text holds any letter beyond ASCII."""
    return any(ord(c) > 127 and c.isalpha() for c in text)
