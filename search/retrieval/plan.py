"""A parsed query made concrete against one index: its words, their accented forms, and its match set.

The strict reading: a document matches when it holds every word (each word's syllables standing
together, accents optional), no excluded term, and, for ``a OR b``, one of the two. When the strict
reading finds nothing, the loose one (every syllable anywhere) is used and the results say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from search.indexing.analysis import folded_term, pair_term
from search.retrieval import ranking
from search.retrieval.matching import TermIndex
from search.retrieval.query import AnyOf, ParsedQuery, Phrase, Run
from search.retrieval.words import Vocabulary, Word
from search.text import fold, fold_word

SYLLABLE_FIELDS = ("title", "body", "meta")
PAIR_FIELD = {None: "pairs", "title": "tpairs", "body": "pairs"}

Option = tuple[Word, ...]  # words that must all match


@dataclass
class Plan:
    clauses: list[list[Option]]  # every clause must match; a clause matches when one option does
    excluded: list[Word]
    directive: str | None
    runs: list[list[str]]  # the positive syllables as typed, in runs (for phrase and proximity)
    targets: list[list[str]]  # the accented form ranking looks for, parallel to runs
    interpreted: str | None = None  # the restored query, when it differs from what was typed
    notices: list[str] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)  # other accented forms of it the index holds

    @property
    def searches(self) -> bool:
        return bool(self.clauses or self.excluded or self.directive)


def make_plan(parsed: ParsedQuery, vocab: Vocabulary, restore: bool = True) -> Plan:
    accents: dict[tuple[str, ...], list[str]] = {}

    def accented(syllables: tuple[str, ...]) -> list[str]:
        if syllables not in accents:
            accents[syllables] = vocab.restore(syllables)
        return accents[syllables]

    def words_of(leaf: Run | Phrase) -> Option:
        if isinstance(leaf, Phrase):
            return (Word(leaf.syllables, leaf.field),)
        groups = vocab.divide(leaf.syllables, accented(leaf.syllables))
        out = [Word(g, leaf.field) for g in groups]
        if leaf.prefix:
            out[-1] = Word(out[-1].syllables, out[-1].field, prefix=True)
        return tuple(out)

    clauses: list[list[Option]] = []
    for clause in parsed.required:
        leaves = clause.options if isinstance(clause, AnyOf) else (clause,)
        options = [words_of(leaf) for leaf in leaves]
        if isinstance(clause, AnyOf):
            clauses.append(options)
        else:  # each word of a run is a clause of its own: all required
            clauses.extend([[(w,)] for w in options[0]])
    excluded = [w for leaf in parsed.excluded for w in words_of(leaf)]
    runs = [list(leaf.syllables) for leaf in parsed.leaves()]
    targets = [accented(tuple(run)) if restore else list(run) for run in runs]
    typed = " ".join(" ".join(r) for r in runs)
    restored = " ".join(" ".join(t) for t in targets)
    interpreted = restored if restore and restored != typed and fold(restored) == fold(typed) else None
    plan = Plan(clauses, excluded, parsed.directive, runs, targets, interpreted, list(parsed.notices))
    if interpreted and _plain_run(parsed):
        plan.readings = [" ".join(r) for r in vocab.readings(runs[0]) if r != targets[0]]
    return plan


def _plain_run(parsed: ParsedQuery) -> bool:
    """A query that is one run of syllables, nothing else: the kind readings are offered for."""
    if len(parsed.required) != 1 or parsed.excluded or parsed.directive:
        return False
    leaf = parsed.required[0]
    return isinstance(leaf, Run) and leaf.field is None and not leaf.prefix


def marked_words(plan: Plan, loose: bool = False) -> list[tuple[str, ...]]:
    """The folded words results mark: each word whole, or each syllable alone for a loose match."""
    out: list[tuple[str, ...]] = []
    for options in plan.clauses:
        for option in options:
            for w in option:
                folded = tuple(fold_word(s) for s in w.syllables)
                if w.prefix:
                    folded = (*folded[:-1], folded[-1] + "*")
                out.extend([(s,) for s in folded] if loose else [folded])
    return out


# -- matching --------------------------------------------------------------------------------------
def word_mask(terms: TermIndex, word: Word) -> np.ndarray:
    """Documents holding the word: its folded syllable, or all its folded adjacent pairs."""
    s = word.syllables
    if len(s) == 1:
        fields = (word.field,) if word.field else SYLLABLE_FIELDS
        texts = _prefixed(terms, "body", folded_term(s[0])) if word.prefix else [folded_term(s[0])]
        out = np.zeros(terms.size, dtype=bool)
        for f in fields:
            for t in texts:
                out |= terms.mask(f, t)
        return out
    pair_field = PAIR_FIELD[word.field]
    out = np.ones(terms.size, dtype=bool)
    for i, (a, b) in enumerate(zip(s, s[1:], strict=False)):
        if word.prefix and i == len(s) - 2:
            last = np.zeros(terms.size, dtype=bool)
            for t in _prefixed(terms, pair_field, pair_term(a, b)):
                last |= terms.mask(pair_field, t)
            out &= last
        else:
            out &= terms.mask(pair_field, pair_term(a, b))
    return out


def _prefixed(terms: TermIndex, fieldname: str, text: str) -> list[str]:
    return terms.expand(fieldname, text, ranking.MAX_PREFIX_TERMS) or [text]


def loose_word_mask(terms: TermIndex, word: Word) -> np.ndarray:
    """Documents holding every syllable of the word, anywhere."""
    out = np.ones(terms.size, dtype=bool)
    for s in word.syllables:
        out &= word_mask(terms, Word((s,), word.field, word.prefix and s == word.syllables[-1]))
    return out


def clause_masks(terms: TermIndex, plan: Plan, loose: bool = False) -> list[np.ndarray]:
    """One mask per clause (strict: words together; loose: syllables anywhere)."""
    one = loose_word_mask if loose else word_mask
    out = []
    for options in plan.clauses:
        mask = np.zeros(terms.size, dtype=bool)
        for option in options:
            m = np.ones(terms.size, dtype=bool)
            for w in option:
                m &= one(terms, w)
            mask |= m
        out.append(mask)
    return out


def match(terms: TermIndex, plan: Plan) -> tuple[np.ndarray, str, list[np.ndarray]]:
    """The match set, "strict" or "loose", and the per-clause masks ranking counts words with."""
    masks = clause_masks(terms, plan)
    mode = "strict"
    base = _all(terms, masks)
    directive = terms.mask("dcode", plan.directive.lower()) if plan.directive else None
    found = base | directive if directive is not None else base
    found &= terms.live
    if plan.excluded:
        found &= ~_any(terms, [word_mask(terms, w) for w in plan.excluded])
    if not found.any() and sum(len(w.syllables) for c in plan.clauses for option in c for w in option) > 1:
        loose = clause_masks(terms, plan, loose=True)
        found = _all(terms, loose) & terms.live
        if plan.excluded:
            found &= ~_any(terms, [word_mask(terms, w) for w in plan.excluded])
        if found.any():
            mode, masks = "loose", loose
    return found, mode, masks


def _all(terms: TermIndex, masks: list[np.ndarray]) -> np.ndarray:
    out = np.ones(terms.size, dtype=bool)
    for m in masks:
        out &= m
    return out


def _any(terms: TermIndex, masks: list[np.ndarray]) -> np.ndarray:
    out = np.zeros(terms.size, dtype=bool)
    for m in masks:
        out |= m
    return out


# -- ranking ---------------------------------------------------------------------------------------
def rule_columns(
    terms: TermIndex, plan: Plan, idx: np.ndarray, masks: list[np.ndarray], date_ord: np.ndarray
) -> dict[str, np.ndarray]:
    """Each ranking rule's value for the candidate documents ``idx`` (larger is better)."""
    zeros = np.zeros(len(idx), dtype=np.float64)
    cols: dict[str, np.ndarray] = {}
    directive = terms.mask("dcode", plan.directive.lower())[idx] if plan.directive else zeros
    cols["directive"] = directive.astype(np.float64)
    cols["words"] = np.asarray(np.sum([m[idx] for m in masks], axis=0, dtype=np.float64)) if masks else zeros

    adjacency = [(a, b) for run in plan.runs for a, b in zip(run, run[1:], strict=False)]
    exact_pairs = [(a, b) for run in plan.targets for a, b in zip(run, run[1:], strict=False)]
    singles = [run[0] for run in plan.runs if len(run) == 1]
    exact_singles = [run[0] for run in plan.targets if len(run) == 1]

    together = np.zeros(len(idx), dtype=np.float64)
    in_title = np.zeros(len(idx), dtype=np.float64)
    in_lead = np.zeros(len(idx), dtype=np.float64)
    exact = np.zeros(len(idx), dtype=np.float64)
    for a, b in adjacency:
        t = pair_term(a, b)
        title_pair = terms.mask("tpairs", t)[idx]
        together += terms.mask("pairs", t)[idx] | title_pair  # a title typed without its punctuation too
        in_title += title_pair
        in_lead += terms.mask("lpairs", t)[idx]
    for a, b in exact_pairs:
        exact += (terms.mask("pairs", f"{a}_{b}") | terms.mask("tpairs", f"{a}_{b}"))[idx]
    for s in singles:
        in_title += terms.mask("title", folded_term(s))[idx]
    for s in exact_singles:
        exact += (terms.mask("title", s) | terms.mask("body", s) | terms.mask("meta", s))[idx]
    units = len(adjacency) + len(singles)
    cols["phrase"] = (together == len(adjacency)).astype(np.float64) if adjacency else zeros + 1
    cols["proximity"] = together
    syllables = sum(len(r) for r in plan.runs)
    title_len = terms.lengths("title")[0][idx] / 2  # two tokens a syllable: as typed, and folded
    cols["title_exact"] = ((in_title == units) & (title_len == syllables)).astype(np.float64) if units else zeros
    cols["title"] = in_title
    cols["lead"] = in_lead
    cols["exactness"] = exact
    weights = ranking.FIELD_WEIGHTS
    bm25_terms = [(f, folded_term(s), weights[f]) for run in plan.runs for s in run for f in SYLLABLE_FIELDS]
    cols["bm25"] = terms.bm25(bm25_terms)[idx].astype(np.float64) if bm25_terms else zeros
    cols["recency"] = date_ord[idx].astype(np.float64)
    return cols


def order(cols: dict[str, np.ndarray], idx: np.ndarray) -> np.ndarray:
    """Positions into ``idx``, best first: the rules in ranking.RULES order, then the document number."""
    keys = [idx] + [-cols[name] for name in reversed(ranking.RULE_NAMES)]
    return np.lexsort(keys)
