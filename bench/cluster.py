"""`make load-cluster`: the deployment of docs/deploy.md measured on this machine at 100,000 generated
articles (the corpus `make load` uses, seed 7, plus the sample pages).

1. Indexing: into a 2-node SolrCloud (2 shards × 2 replicas, the tests' launcher) with extraction and
   segmentation on a Dask LocalCluster of 2 worker processes, beside the Whoosh build (2 processes)
   of the same articles. Both from nothing, timed end to end.
2. Serving: 2 `vnsearch serve` replicas behind Debian's nginx, Locust's 50 users for 60 s, first
   undisturbed, then with faults: one Solr node stopped at 30% of the run and one web replica killed
   (SIGKILL) at 55%. The same for the Whoosh backend (the replicas share the index folder), whose
   fault is the replica alone.

Everything runs on the same 2 cores, so the figures compare the backends, not a real cluster's
capacity. Written to bench/results/cluster-<date>-<commit>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.load import corpus, locust, serve
from bench.run import free_port, git_commit
from search.indexing.build import build
from search.solr import admin, indexing
from search.solr.client import parse_address
from search.solr.cloud import SolrCloud
from webui import balancer

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SOLR_FAULT_AT, REPLICA_FAULT_AT = 0.30, 0.55  # shares of the run's length


def _timed(label: str, work: Callable[[], Any]) -> tuple[Any, float]:
    print(f"cluster: {label} …", file=sys.stderr, flush=True)
    t = time.perf_counter()
    out = work()
    seconds = time.perf_counter() - t
    print(f"cluster: {label}: {seconds:.1f} s", file=sys.stderr, flush=True)
    return out, seconds


def _load(
    serve_args: list[str], users: int, seconds: int, workdir: Path, faults: list[tuple[float, str, Callable]]
) -> dict[str, Any]:
    """Locust through nginx to 2 replicas of ``serve_args``; each fault runs at its share of the run."""
    workdir.mkdir(parents=True, exist_ok=True)
    replicas = [serve(serve_args, log=workdir / f"replica-{i}.log") for i in range(2)]
    port = free_port()
    nginx = balancer.start([host.split("//")[1] for _, host in replicas], workdir / "nginx", port)
    events: list[dict[str, Any]] = []
    started = time.monotonic()

    def inject(at: float, name: str, action: Callable[[list], None]) -> None:
        time.sleep(max(0.0, at * seconds - (time.monotonic() - started)))
        action(replicas)
        events.append({"fault": name, "at_s": round(time.monotonic() - started, 1)})

    threads = [threading.Thread(target=inject, args=fault, daemon=True) for fault in faults]
    try:
        for t in threads:
            t.start()
        stats = locust(f"http://127.0.0.1:{port}", users, seconds, workdir / "locust")
        for t in threads:
            t.join(timeout=120)
    finally:
        balancer.stop(nginx)
        for proc, _ in replicas:
            proc.kill()
            proc.wait(timeout=30)
    return {**stats, "faults": events}


def _kill_replica(replicas: list) -> None:
    replicas[1][0].kill()  # no goodbye: requests it was answering are cut off


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cluster", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--heap", default="4g", help="the SolrCloud launcher's Java heap (both nodes)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument(
        "--whoosh-index",
        type=Path,
        help="serve this Whoosh index of the same articles instead of building one (its build is not timed)",
    )
    args = parser.parse_args(argv)
    from distributed import LocalCluster

    args.workdir.mkdir(parents=True, exist_ok=True)
    work = args.workdir / "cluster"
    shutil.rmtree(work / "cloud", ignore_errors=True)
    if args.whoosh_index is None:
        shutil.rmtree(work / "index", ignore_errors=True)
    paths = [ROOT / "corpus", corpus(args.docs, args.workdir)]
    commit, dirty = git_commit()
    result: dict[str, Any] = {
        "commit": commit + ("+" if dirty else ""),
        "date": dt.date.today().isoformat(),
        "docs": args.docs + len(list((ROOT / "corpus").glob("*.txt"))),
        "machine": "2 cores; Solr nodes, Dask workers, replicas, nginx and Locust all on it",
        "cluster": {"solr_nodes": 2, "shards": 2, "replicas": 2, "heap": args.heap, "dask_workers": 2},
        "users": args.users,
        "seconds": args.seconds,
    }
    with SolrCloud(nodes=2, folder=work / "cloud", heap=args.heap) as cloud:
        address = cloud.address("bench")
        admin.init(parse_address(address), shards=2, replicas=2)
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as dask:
            solr_report, solr_s = _timed(
                "Solr index (Dask)",
                lambda: indexing.build(paths, parse_address(address), dask=dask.scheduler_address, progress=True),
            )
        result["indexing"] = {
            "solr_dask": {
                "seconds": round(solr_s, 1),
                "articles": solr_report.added,
                "per_s": round(solr_report.added / solr_s, 1),
                "stages_s": {k: round(v, 1) for k, v in solr_report.seconds.items()},
            }
        }
        index = args.whoosh_index or work / "index"
        if args.whoosh_index is None:
            whoosh_report, whoosh_s = _timed("Whoosh index", lambda: build(paths, index, workers=2))
            result["indexing"]["whoosh"] = {
                "seconds": round(whoosh_s, 1),
                "articles": whoosh_report.added,
                "per_s": round(whoosh_report.added / whoosh_s, 1),
            }
        else:
            result["indexing"]["whoosh"] = {"reused": str(index)}
        print(json.dumps(result["indexing"], indent=1), file=sys.stderr)

        def stop_solr_node(_: list) -> None:
            cloud.stop(1)

        load: dict[str, Any] = {}
        for backend, serve_args in (("whoosh", ["--index", str(index)]), ("solr", ["--backend", address])):
            load[backend] = {}
            for mode in ("calm", "faults"):
                faults: list[tuple[float, str, Callable]] = []
                if mode == "faults":
                    if backend == "solr":
                        faults.append((SOLR_FAULT_AT, "Solr node stopped", stop_solr_node))
                    faults.append((REPLICA_FAULT_AT, "web replica killed", _kill_replica))
                label = f"load {backend} {mode}"
                print(f"cluster: {label} …", file=sys.stderr, flush=True)
                load[backend][mode] = _load(
                    serve_args, args.users, args.seconds, work / label.replace(" ", "-"), faults
                )
                print(json.dumps(load[backend][mode]), file=sys.stderr, flush=True)
            if backend == "solr":
                cloud.start(1)
        result["load"] = load
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"cluster-{result['date']}-{commit}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"written to {out}")
    errors = sum(run["errors"] for modes in load.values() for run in modes.values())
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
