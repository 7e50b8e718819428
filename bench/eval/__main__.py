"""`python -m bench.eval`: relevance of vnsearch against SQLite FTS5 and a tantivy "Elasticsearch recipe".

Steps: find the corpora (exit 0 with a message when there are none), extract them with vnsearch's own
CLI (cached), index them in every engine, judge every document against the committed phrases and the
known-item queries drawn from the corpus, score each engine, then write
``bench/results/eval-<date>-<commit>.json``, print a table and put it in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.eval import corpus, evaluate, report
from bench.eval.engines import EngineUnavailable, Fts5, SearchEngine, TantivyRecipe, Vnsearch
from bench.eval.queries import QUERIES_FILE, load_phrases
from bench.eval.queries import known_items as make_known_items

ENGINES = ("vnsearch", "fts5", "tantivy")
DEFAULT_KNOWN_ITEMS = 200
DEFAULT_SEED = 20240601


def log(message: str) -> None:
    print(f"[eval] {message}", file=sys.stderr, flush=True)


def make_engine(name: str, work: Path, inputs: list[Path]) -> SearchEngine:
    if name == "vnsearch":
        return Vnsearch(work / "vnsearch-index", inputs, corpus.ROOT)
    if name == "fts5":
        return Fts5(work / "fts5.sqlite")
    if name == "tantivy":
        return TantivyRecipe(work / "tantivy-index")
    raise SystemExit(f"unknown engine {name!r}: choose from {', '.join(ENGINES)}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.eval", description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", help=f"corpora folder (default: ${corpus.ENV_VAR} or ../shared/corpora)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma separated: vnsearch,fts5,tantivy")
    parser.add_argument("--queries", default=str(QUERIES_FILE), help="phrase queries (TOML, like queries.toml)")
    parser.add_argument(
        "--known-items", type=int, default=DEFAULT_KNOWN_ITEMS, help="articles sampled for known-item queries"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the known-item sample")
    parser.add_argument("--work", default=str(corpus.WORK), help="extracted articles and indexes (not committed)")
    parser.add_argument("--fresh", action="store_true", help="extract again and rebuild the vnsearch index")
    parser.add_argument("--no-readme", action="store_true", help="do not touch bench/README.md")
    parser.add_argument("--no-save", action="store_true", help="write no results file and leave the README alone")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    corpora = corpus.find_corpora(args.corpora)
    if not corpora.is_dir():
        print(
            f"bench.eval: no corpora at {corpora}; nothing to evaluate. Put corpora there, set "
            f"${corpus.ENV_VAR} or pass --corpora DIR.",
            file=sys.stderr,
        )
        return 0
    names = [n.strip() for n in args.engines.split(",") if n.strip()]
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    commit, dirty = report.git_commit()
    phrases = load_phrases(Path(args.queries))
    inputs = corpus.corpus_inputs(corpora)

    log(f"extracting {', '.join(str(p) for p in inputs)}")
    try:
        docs, cached = corpus.extract(inputs, work, fresh=args.fresh)
    except subprocess.CalledProcessError as exc:
        print(f"bench.eval: `vnsearch extract` failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    log(f"{len(docs):,} articles ({'cached' if cached else 'extracted'})")
    if not docs:
        print(f"bench.eval: no articles in {corpora}; nothing to evaluate.", file=sys.stderr)
        return 0

    judged = evaluate.judge(docs, phrases)
    known = make_known_items([(d.id, d.title) for d in docs], args.known_items, args.seed)
    log(f"{len(judged)} phrases, {len(known) // 4} known items")

    results: dict[str, dict[str, Any]] = {}
    skipped: dict[str, str] = {}
    if args.fresh:
        shutil.rmtree(work / "vnsearch-index", ignore_errors=True)
    known_ids = {d.id for d in docs}
    for name in names:
        try:
            engine = make_engine(name, work, inputs)
        except EngineUnavailable as exc:
            log(f"skipping {name}: {exc}")
            skipped[name] = str(exc)
            continue
        log(f"{name}: indexing {len(docs):,} documents")
        try:
            seconds = engine.build(docs)
        except subprocess.CalledProcessError as exc:
            print(f"bench.eval: `vnsearch index` failed (exit {exc.returncode})", file=sys.stderr)
            return 1
        log(f"{name}: indexed in {seconds:.1f} s")
        result = evaluate.run_engine(engine, judged, known)
        result["build_seconds"] = round(seconds, 1)
        result["index_reused"] = bool(getattr(engine, "reused", False))
        stray = _stray_ids(engine, known_ids, judged)
        if stray:
            log(f"{name}: {stray} results are not in the extracted articles: run again with --fresh")
            result["unknown_ids"] = stray
        results[name] = result

    data = {
        "kind": "relevance-eval",
        "date": report.today(),
        "commit": commit,
        "dirty": dirty,
        "machine": report.machine(),
        "config": {
            "corpora": str(corpora),
            "inputs": [str(p.relative_to(corpora)) if p != corpora else "." for p in inputs],
            "engines": names,
            "queries_file": _shown(Path(args.queries)),
            "known_items": args.known_items,
            "seed": args.seed,
            "k": evaluate.K,
            "depth": evaluate.DEPTH,
            "fts5": {"tokenize": "unicode61 remove_diacritics 2", "rank": "bm25(t, 3.0, 1.0)"},
            "tantivy": {
                "title_boost": TantivyRecipe.TITLE_BOOST,
                "phrase_boost": TantivyRecipe.PHRASE_BOOST,
            },
        },
        "docs": len(docs),
        "queries": {
            "phrases": len(judged),
            "phrase_queries": 3 * len(judged),
            "known_items": len(known) // 4,
            "known_item_queries": len(known),
        },
        "judgements": {j.phrase.phrase: {"relevant": len(j.relevant), "strict": len(j.strict)} for j in judged},
        "engines": results,
        "skipped": skipped,
        "seconds": round(time.perf_counter() - started, 1),
    }
    markdown = report.table(data)
    print(markdown)
    if not args.no_save:
        path = report.write_results(data)
        log(f"wrote {_shown(path)}")
        if not args.no_readme:
            report.update_readme(markdown)
            log("updated bench/README.md")
    log(f"done in {data['seconds']:.0f} s: {len(docs):,} documents, {len(results)} engines" + _summary(results))
    return 0


def _summary(results: dict[str, dict[str, Any]]) -> str:
    parts = [
        f"{n} P@10 {r['p_at_10']['accented']}/{r['p_at_10']['accentless']}, "
        f"MRR {r['known_item']['overall']['mrr']}, count P/R {r['count_precision']['all']}/{r['count_recall']['all']}"
        for n, r in results.items()
    ]
    return ("; " + "; ".join(parts)) if parts else ""


def _stray_ids(engine: SearchEngine, known_ids: set[str], judged: list[evaluate.Judged]) -> int:
    """Results the extract cache does not know: the index and the cache were built from different code."""
    if not judged:
        return 0
    probe = engine.top(judged[0].phrase.phrase, 100)
    return sum(1 for i in probe if i not in known_ids)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(corpus.ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
