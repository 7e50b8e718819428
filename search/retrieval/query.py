"""From what a person types to the project's query tree, without ever raising.

Syntax: words (all must match, accents optional), "quoted phrases", ``-word`` or ``NOT word`` to
exclude, ``OR`` between two terms (``AND`` is the default and may be typed), a trailing ``*`` for a
prefix, ``title:``/``body:`` to search one field, and ``field:value`` filters on facets
(``province:"Nam Định"``). Anything else (parentheses, ``NEAR``, ``~``) is read as words, and the
results carry a notice saying so.

Unquoted syllables typed together form a :class:`Run`; :mod:`search.retrieval.words` splits a run
into Vietnamese words (one or more syllables each) with the index's own statistics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search import registry
from search.extract.directives import parse_directive_query
from search.indexing.analysis import syllable_runs
from search.text import normalize

MAX_QUERY_CHARS = 500
MAX_SYLLABLES = 40
TEXT_FIELDS = ("title", "body")
_CLAUSE = re.compile(r'(?P<neg>-)?(?:(?P<field>[\w]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_UNSUPPORTED = re.compile(r"[()~^{}\[\]]|\bNEAR\b")


class QueryTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Run:
    """Syllables typed together without quotes; ``prefix``: the last one ended with ``*``."""

    syllables: tuple[str, ...]
    field: str | None = None
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: its syllables must stand together, in this order."""

    syllables: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class AnyOf:
    """``a OR b``: at least one of the options."""

    options: tuple[Run | Phrase, ...]


Clause = Run | Phrase | AnyOf


@dataclass
class ParsedQuery:
    raw: str
    required: list[Clause] = field(default_factory=list)
    excluded: list[Run | Phrase] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    directive: str | None = None
    notices: list[str] = field(default_factory=list)  # codes the caller translates

    def leaves(self) -> list[Run | Phrase]:
        """The positive runs and phrases, in the order typed."""
        out: list[Run | Phrase] = []
        for c in self.required:
            out.extend(c.options if isinstance(c, AnyOf) else (c,))
        return out

    def positive_text(self) -> str:
        """The syllables a person is looking for (for highlighting and spelling suggestions)."""
        return " ".join(s for leaf in self.leaves() for s in leaf.syllables)

    @property
    def empty(self) -> bool:
        return not self.required and not self.excluded


def parse(raw: str) -> ParsedQuery:
    """Split a query string into clauses and facet filters; anything odd becomes plain words."""
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryTooLong(f"query too long (at most {MAX_QUERY_CHARS} characters)")
    text = normalize(raw).replace("\u201c", '"').replace("\u201d", '"')
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    parsed = ParsedQuery(raw=raw)
    if _UNSUPPORTED.search(text.replace('"', " ")):
        parsed.notices.append("operators_ignored")
    # First the typed pieces; plain words typed one after another become one piece (one run).
    pieces: list[tuple[str, str, str | None, bool]] = []  # (kind, text, field, negated)
    for m in _CLAUSE.finditer(text):
        word, phrase = m.group("word"), m.group("phrase")
        fieldname = (m.group("field") or "").lower()
        fieldname = registry.facet_alias(fieldname) or fieldname
        value = phrase if phrase is not None else word
        if value is None or not value.strip():
            continue
        negated = bool(m.group("neg"))
        if word in ("OR", "AND", "NOT") and not fieldname and not negated:
            pieces.append(("op", word, None, False))
        elif fieldname in registry.FACETS:
            parsed.filters.setdefault(fieldname, []).append(value.strip())
        elif fieldname and fieldname not in TEXT_FIELDS:  # unknown field: the whole thing is text ("05-CT/TW:")
            pieces.append(("words", m.group(0).lstrip("-"), None, negated))
        elif phrase is not None:
            pieces.append(("phrase", value, fieldname or None, negated))
        elif pieces and pieces[-1][0] == "words" and not negated and pieces[-1][2] == (fieldname or None) \
                and not pieces[-1][3] and not fieldname and not pieces[-1][1].endswith("*"):  # fmt: skip
            pieces[-1] = ("words", f"{pieces[-1][1]} {value}", None, False)
        else:
            pieces.append(("words", value, fieldname or None, negated))
    pending_or = pending_not = False
    budget = MAX_SYLLABLES
    for kind, value, fieldname, negated in pieces:
        if kind == "op":
            pending_or = value == "OR" and bool(parsed.required)
            pending_not = value == "NOT"
            continue
        leaves = _leaves(value, kind == "phrase", fieldname, budget)
        negate = negated or pending_not
        if not leaves:
            pending_not = False
            continue
        budget -= sum(len(leaf.syllables) for leaf in leaves)
        if negate:
            parsed.excluded.extend(leaves)
        elif pending_or and parsed.required:
            last = parsed.required.pop()
            before = last.options if isinstance(last, AnyOf) else (last,)
            parsed.required.append(AnyOf((*before, leaves[0])))
            parsed.required.extend(leaves[1:])
        else:
            parsed.required.extend(leaves)
        pending_or = pending_not = False
    free = " ".join(" ".join(c.syllables) for c in parsed.required if isinstance(c, Run))
    parsed.directive = parse_directive_query(raw_free(text)) if free else None
    return parsed


def raw_free(text: str) -> str:
    """The typed text without fields, quotes and exclusions, for recognising a directive ("CT 05")."""
    kept = [m.group("word") for m in _CLAUSE.finditer(text) if m.group("word") and not m.group("neg")]
    return " ".join(w for w in kept if ":" not in w and w not in ("OR", "AND", "NOT"))


def _leaves(value: str, quoted: bool, fieldname: str | None, budget: int) -> list[Run | Phrase]:
    """One clause's runs: punctuation inside it ends a run, as it ends a phrase in the text."""
    prefix = value.rstrip().endswith("*") and not quoted
    out: list[Run | Phrase] = []
    for run in syllable_runs(value):
        run = run[: max(0, budget)]
        if not run:
            break
        budget -= len(run)
        out.append(Phrase(tuple(run), fieldname) if quoted else Run(tuple(run), fieldname))
    if prefix and out and isinstance(out[-1], Run):
        out[-1] = Run(out[-1].syllables, out[-1].field, prefix=True)
    return out


def query_syllables(text: str) -> list[str]:
    """Syllables of a query as the index spells them (accented, lowercased, normalised)."""
    return [s for run in syllable_runs(text) for s in run]
