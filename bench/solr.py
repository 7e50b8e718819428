"""`make bench-solr`: the Solr backend against the Whoosh engine on one corpus, on a 2-node SolrCloud
(the test launcher, search/solr/cloud.py) with 2 shards × 2 replicas on this machine.

Measured: indexing time and index size in both backends, search latency (in process, all facets) on
the committed parity searches (tests/solr/searches.toml) repeated, and parity: equal totals, equal
facet counts, top-10 overlap. Written to bench/results/solr-<date>-<commit>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from bench.run import git_commit
from search.indexing.build import build
from search.retrieval.engine import Engine
from search.solr import admin, indexing
from search.solr.client import parse_address
from search.solr.cloud import SolrCloud
from search.solr.engine import SolrEngine
from search.solr.parity import compare, load_requests

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = ROOT / "tests" / "solr" / "searches.toml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora"


def _folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _solr_bytes(address: str) -> int:
    """Index bytes of every replica of the collection (each shard counted once per replica)."""
    total = 0
    for node in parse_address(address).nodes:
        r = requests.get(f"{node}/admin/cores", params={"action": "STATUS"}, timeout=30).json()
        total += sum(int(c.get("index", {}).get("sizeInBytes", 0)) for c in r.get("status", {}).values())
    return total


def _latencies(engine: Any, requests_: list, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for request in requests_:
            t = time.perf_counter()
            engine.search(request)
            out.append((time.perf_counter() - t) * 1000)
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.solr")
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"bench.solr: no corpus at {corpus}", file=sys.stderr)
        return 2
    commit, dirty = git_commit()
    requests_ = load_requests(SEARCHES)
    with (
        tempfile.TemporaryDirectory(prefix="bench-solr-") as tmp,
        SolrCloud(nodes=2, folder=Path(tmp) / "cloud") as cloud,
    ):
        address = cloud.address("bench")
        admin.init(parse_address(address), shards=2, replicas=2)
        t = time.perf_counter()
        solr_report = indexing.build([corpus], parse_address(address), workers=2, progress=False)
        solr_seconds = time.perf_counter() - t
        t = time.perf_counter()
        whoosh_report = build([corpus], Path(tmp) / "index", workers=2, progress=False)
        whoosh_seconds = time.perf_counter() - t
        whoosh, solr = Engine(str(Path(tmp) / "index")), SolrEngine(address)
        parity = compare(whoosh, solr, requests_)
        _latencies(whoosh, requests_, 1)  # warm both: caches, the segmenter, the vocabulary
        _latencies(solr, requests_, 1)
        w, s = _latencies(whoosh, requests_, args.rounds), _latencies(solr, requests_, args.rounds)
        result = {
            "commit": commit,
            "dirty": dirty,
            "date": dt.date.today().isoformat(),
            "corpus": str(corpus),
            "documents": solr_report.added + solr_report.updated,
            "cluster": {"nodes": 2, "shards": 2, "replicas": 2, "same_machine": True},
            "index_seconds": {"solr": round(solr_seconds, 1), "whoosh": round(whoosh_seconds, 1)},
            "index_bytes": {"solr_all_replicas": _solr_bytes(address), "whoosh": _folder_bytes(Path(tmp) / "index")},
            "search_ms": {
                "solr": {"p50": _pct(s, 0.5), "p95": _pct(s, 0.95), "mean": round(statistics.mean(s), 2)},
                "whoosh": {"p50": _pct(w, 0.5), "p95": _pct(w, 0.95), "mean": round(statistics.mean(w), 2)},
                "searches": len(s),
            },
            "parity": parity.as_dict(),
            "whoosh_added": whoosh_report.added,
        }
    out = ROOT / "bench" / "results" / f"solr-{result['date']}-{commit}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "parity"}, ensure_ascii=False, indent=1))
    print(f"parity: {json.dumps({k: v for k, v in parity.as_dict().items() if k != 'differences'})}")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
