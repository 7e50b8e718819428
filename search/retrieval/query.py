"""From what a person types to a Whoosh query, without ever raising.

Syntax: words (all must match, accents optional), "quoted phrases", -exclusions, OR between two
terms, and field:value where the field is a facet (a filter) or title/body (a restriction).
Typed accents are honoured in ranking: the exact accented term is boosted over its folded form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as Q

from search import registry
from search.extract.directives import parse_directive_query
from search.indexing.analysis import folded_term, pair_term, query_syllables
from search.text import has_diacritics, normalize

MAX_QUERY_CHARS = 500
MAX_SYLLABLES = 40
TEXT_FIELDS = {"title": 3.0, "body": 1.0, "meta": 2.0}
_CLAUSE = re.compile(r'(?P<neg>-)?(?:(?P<field>[\w]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


class QueryTooLong(ValueError):
    pass


@dataclass
class Clause:
    text: str
    negate: bool = False
    phrase: bool = False
    restrict: str | None = None  # "title" or "body" to search only there; None for both
    alternatives: list[Clause] = field(default_factory=list)  # OR group


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    directive: str | None = None

    def positive_text(self) -> str:
        """The words a person is looking for (for highlighting and spelling suggestions)."""
        parts: list[str] = []
        for c in self.clauses:
            if not c.negate:
                parts.extend(a.text for a in (c.alternatives or [c]))
        return " ".join(parts)


def parse(raw: str) -> ParsedQuery:
    """Split a query string into clauses and facet filters; anything odd becomes plain words."""
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryTooLong(f"Câu truy vấn quá dài (tối đa {MAX_QUERY_CHARS} ký tự) / query too long")
    text = normalize(raw).replace("\u201c", '"').replace("\u201d", '"')
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    parsed = ParsedQuery(raw=raw)
    pending_or = False
    for m in _CLAUSE.finditer(text):
        word, phrase = m.group("word"), m.group("phrase")
        fieldname = (m.group("field") or "").lower()
        fieldname = registry.facet_alias(fieldname) or fieldname
        value = phrase if phrase is not None else word
        if value is None or not value.strip():
            continue
        if word == "OR" and not fieldname and parsed.clauses and not m.group("neg"):
            pending_or = True
            continue
        if fieldname in registry.FACETS:
            parsed.filters.setdefault(fieldname, []).append(value.strip())
            continue
        clause_field = fieldname if fieldname in TEXT_FIELDS else None
        if fieldname and not clause_field:  # unknown field: the whole thing is text ("05-CT/TW:")
            value = m.group(0).lstrip("-")
        if not query_syllables(value):
            continue
        clause = Clause(value, negate=bool(m.group("neg")), phrase=phrase is not None, restrict=clause_field)
        if pending_or and parsed.clauses and not clause.negate:
            last = parsed.clauses[-1]
            if not last.alternatives:
                last.alternatives = [Clause(last.text, phrase=last.phrase, restrict=last.restrict)]
            last.alternatives.append(clause)
        else:
            parsed.clauses.append(clause)
        pending_or = False
    free = " ".join(c.text for c in parsed.clauses if not c.negate and not c.alternatives)
    parsed.directive = parse_directive_query(free) if free else None
    return parsed


def _term(fieldname: str, syllable: str, boost: float, accented: bool) -> Q.Query:
    """A syllable matches its folded twin; when the person typed accents, the exact form ranks first."""
    folded = Q.Term(fieldname, folded_term(syllable), boost=boost)
    if accented:
        return Q.Or([Q.Term(fieldname, syllable, boost=boost * 2.0), folded])
    return folded


def _fields(clause: Clause) -> dict[str, float]:
    return {clause.restrict: TEXT_FIELDS[clause.restrict]} if clause.restrict else TEXT_FIELDS


def _clause_query(clause: Clause, accented_query: bool = False) -> Q.Query | None:
    syllables = query_syllables(clause.text)[:MAX_SYLLABLES]
    if not syllables:
        return None
    fields = _fields(clause)
    if clause.phrase and len(syllables) > 1:
        if clause.restrict:  # a phrase in one field: Whoosh checks positions there
            return Q.Phrase(clause.restrict, [folded_term(s) for s in syllables], boost=fields[clause.restrict])
        # Every adjacent pair present: the phrase, without decoding a single position.
        pairs = [Q.Term("pairs", pair_term(a, b), boost=2.0) for a, b in zip(syllables, syllables[1:], strict=False)]
        return Q.And(pairs)
    accented = has_diacritics(clause.text) or accented_query
    per_syllable = [Q.Or([_term(f, s, b, accented) for f, b in fields.items()]) for s in syllables]
    return per_syllable[0] if len(per_syllable) == 1 else Q.And(per_syllable)


def build(parsed: ParsedQuery, has_term: Callable[[str, str], bool]) -> Q.Query | None:
    """The Whoosh query for ``parsed``: required clauses, exclusions, and optional ranking boosts.

    ``has_term(field, text)`` tells whether the index holds a term (to boost known compound words).
    """
    required: list[Q.Query] = []
    excluded: list[Q.Query] = []
    accented = has_diacritics(parsed.positive_text())
    for clause in parsed.clauses:
        if clause.alternatives:
            alts = [q for a in clause.alternatives if (q := _clause_query(a, accented)) is not None]
            if alts:
                required.append(Q.Or(alts))
            continue
        q = _clause_query(clause, accented)
        if q is None:
            continue
        (excluded if clause.negate else required).append(q)
    if parsed.directive:
        directive_q = Q.Term("dcode", parsed.directive.lower(), boost=5.0)
        required = [Q.Or([Q.And(required), directive_q]) if required else directive_q]
    if not required:
        return Q.And([Q.Every(), Q.Not(Q.Or(excluded))]) if excluded else None
    main: Q.Query = required[0] if len(required) == 1 else Q.And(required)
    if excluded:
        main = Q.AndNot(main, Q.Or(excluded))
    boosts = _ranking_boosts(parsed, has_term)
    return Q.AndMaybe(main, Q.Or(boosts)) if boosts else main


def _ranking_boosts(parsed: ParsedQuery, has_term: Callable[[str, str], bool]) -> list[Q.Query]:
    """Syllables standing together, and whole compound words, rank above scattered matches."""
    free = [c for c in parsed.clauses if not c.negate and not c.phrase and not c.alternatives]
    syllables = [s for c in free for s in query_syllables(c.text)][:MAX_SYLLABLES]
    if len(syllables) < 2:
        return []
    folded = [folded_term(s) for s in syllables]
    boosts: list[Q.Query] = [
        Q.Term("pairs", pair_term(a, b), boost=2.0) for a, b in zip(syllables, syllables[1:], strict=False)
    ]
    for n in (4, 3, 2):
        for i in range(len(folded) - n + 1):
            compound = "_".join(f[1:] for f in folded[i : i + n])
            if has_term("seg", compound):
                boosts.append(Q.Term("seg", compound, boost=1.5))
    return boosts
