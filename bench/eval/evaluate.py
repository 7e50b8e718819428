"""Judging the corpus once, then running every query through one engine and scoring what it returns."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from bench.eval import metrics
from bench.eval.engines import Doc, SearchEngine
from bench.eval.metrics import Haystack
from bench.eval.queries import FORMS, KNOWN_KINDS, KnownItem, Phrase, forms

K = 10
DEPTH = 100


@dataclass(frozen=True)
class Judged:
    """A phrase with its ground truth: where it stands as written, and the strict match set."""

    phrase: Phrase
    relevant: frozenset[str]  # holds the accented phrase as contiguous syllables (P@10)
    strict: frozenset[str]  # holds every word, syllables together, accents ignored (counts)


def judge(docs: Sequence[Doc], phrases: Sequence[Phrase]) -> list[Judged]:
    """Ground truth from the text itself (title + body), never from any engine."""
    hays = [(d.id, Haystack.of(f"{d.title}\n{d.body}")) for d in tqdm(docs, desc="judging", file=sys.stderr)]
    out = []
    for p in phrases:
        key = metrics.run_key(p.phrase)
        words = [k for w in p.words if (k := metrics.run_key(w, folded=True))]
        relevant = frozenset(i for i, h in hays if key is not None and key in h.exact)
        strict = frozenset(i for i, h in hays if words and all(w in h.folded for w in words))
        out.append(Judged(p, relevant, strict))
    return out


def _timed_top(engine: SearchEngine, query: str, latencies: list[float]) -> list[str]:
    """The top ``K``, timed: what a person waits for on the first page."""
    started = time.perf_counter()
    ranked = engine.top(query, K)
    latencies.append((time.perf_counter() - started) * 1000)
    return ranked


def run_engine(engine: SearchEngine, judged: Sequence[Judged], known: Sequence[KnownItem]) -> dict[str, Any]:
    """Every phrase (three forms) and known-item query through ``engine``; metrics and per-phrase detail."""
    latencies: list[float] = []
    if judged:
        engine.top(judged[0].phrase.phrase, K)  # warm-up: open readers, fill caches
    per_phrase: dict[str, dict[str, dict[str, Any]]] = {}
    duplicates = 0  # queries whose match set listed a document twice (an engine's paging is unstable)
    p10: dict[str, list[float | None]] = {f: [] for f in FORMS}
    cprec: dict[str, list[float]] = {f: [] for f in FORMS}
    crec: dict[str, list[float]] = {f: [] for f in FORMS}
    for j in tqdm(judged, desc=f"{engine.name}: phrases", file=sys.stderr):
        detail = per_phrase.setdefault(j.phrase.phrase, {})
        for form, query in forms(j.phrase.phrase).items():
            top = _timed_top(engine, query, latencies)
            reported = engine.matches(query)
            if len(set(reported)) != len(reported):
                duplicates += 1
            p = metrics.precision_at_k(top, j.relevant, K)
            cp, cr = metrics.count_precision(reported, j.strict), metrics.count_recall(reported, j.strict)
            p10[form].append(p)
            cprec[form].append(cp)
            crec[form].append(cr)
            detail[form] = {
                "query": query,
                "count": len(set(reported)),
                "p_at_10": _round(p),
                "count_precision": _round(cp),
                "count_recall": _round(cr),
            }
    rr: dict[str, list[float]] = {k: [] for k in KNOWN_KINDS}
    s1: dict[str, list[float]] = {k: [] for k in KNOWN_KINDS}
    for item in tqdm(known, desc=f"{engine.name}: known items", file=sys.stderr):
        _timed_top(engine, item.query, latencies)
        ranked = engine.top(item.query, DEPTH)
        rr[item.kind].append(metrics.reciprocal_rank(ranked, item.target, DEPTH))
        s1[item.kind].append(metrics.success_at_1(ranked, item.target))
    known_item: dict[str, dict[str, Any]] = {
        kind: {
            "success_at_1": _round(metrics.mean(s1[kind])),
            "mrr": _round(metrics.mean(rr[kind])),
            "queries": len(rr[kind]),
        }
        for kind in KNOWN_KINDS
    }
    all_rr = [v for k in KNOWN_KINDS for v in rr[k]]
    all_s1 = [v for k in KNOWN_KINDS for v in s1[k]]
    known_item["overall"] = {
        "success_at_1": _round(metrics.mean(all_s1)),
        "mrr": _round(metrics.mean(all_rr)),
        "queries": len(all_rr),
    }
    ordered = sorted(latencies)
    return {
        "p_at_10": {f: _round(metrics.mean(p10[f])) for f in FORMS},
        "p_at_10_queries": {f: sum(1 for v in p10[f] if v is not None) for f in FORMS},
        "known_item": known_item,
        "count_precision": {**{f: _round(metrics.mean(cprec[f])) for f in FORMS}, "all": _round(_flat_mean(cprec))},
        "count_recall": {**{f: _round(metrics.mean(crec[f])) for f in FORMS}, "all": _round(_flat_mean(crec))},
        "latency_ms": {
            "median": _round(metrics.median(latencies), 2),
            "p95": _round(ordered[int(0.95 * (len(ordered) - 1))] if ordered else None, 2),
            "queries": len(latencies),
        },
        "queries_with_duplicate_results": duplicates,
        "queries_refused": getattr(engine, "errors", 0),
        "per_phrase": per_phrase,
    }


def _flat_mean(by_form: dict[str, list[float]]) -> float | None:
    return metrics.mean(v for values in by_form.values() for v in values)


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)
