"""`make load`: the production server under 50 concurrent users for 60 s, on loopback only.

Builds (once, then cached) an index of the sample corpus plus a generated 10,000-article corpus,
starts `vnsearch serve` (waitress) with rate limits off (the load comes from one address), runs
Locust headless against it (bench/locustfile.py), and writes requests/s, p50/p95/p99 latency and
errors to bench/results/load-<date>-<commit>.json and to the table in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.generate import generate
from bench.run import free_port, git_commit, proc_memory_mb
from search.indexing.build import build

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "reliability.md"
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"


def _wait_ready(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server did not answer {url}")


def _aggregated(prefix: Path) -> dict[str, float]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "max_ms": float(row["100%"]),
    }


def corpus(docs: int, workdir: Path) -> Path:
    """The generated corpus of ``docs`` articles (seed 7), made once and kept in ``workdir``."""
    folder = workdir / f"load-corpus-{docs}"
    if not (folder / ".done").exists():
        generate(docs, folder, seed=7, progress=True)
        (folder / ".done").write_text("ok")
    return folder


def serve(args: list[str], workers: int = 1, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`vnsearch serve ARGS` on a free loopback port with rate limits off (the load comes from one
    address); returns the process and its base URL once it answers a search. ``log`` keeps the
    server's own log (an error it answered with 500 is there, with its traceback)."""
    port = free_port()
    env = os.environ | {"VNSEARCH_RATELIMIT_ENABLED": "false"}
    command = [sys.executable, "-m", "search", "serve", *args, "--port", str(port), "--workers", str(workers)]
    errors = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - the server writes to it while it runs
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=errors, stderr=errors)
    host = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(f"{host}/search.json?q=tuyen+giao")
    except RuntimeError:
        server.kill()
        raise
    return server, host


def locust(host: str, users: int, seconds: int, prefix: Path) -> dict[str, float]:
    """Locust headless against ``host`` (bench/locustfile.py); the aggregated figures."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        check=False,
        timeout=seconds + 120,
    )
    return _aggregated(prefix)


def run(docs: int, users: int, seconds: int, workdir: Path, workers: int = 1) -> dict:
    index_dir = workdir / f"load-index-{docs}"
    build([ROOT / "corpus", corpus(docs, workdir)], index_dir, progress=True)
    server, host = serve(["--index", str(index_dir)], workers)
    try:
        stats = locust(host, users, seconds, workdir / "locust")
        memory = _tree_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    commit, dirty = git_commit()
    return {
        "commit": commit + ("+" if dirty else ""),
        "date": dt.date.today().isoformat(),
        "time": dt.datetime.now().strftime("%H:%M"),
        "docs": docs + len(list((ROOT / "corpus").glob("*.txt"))),
        "users": users,
        "seconds": seconds,
        "server": "waitress, 8 threads" if workers == 1 else f"gunicorn, {workers} processes × 8 threads",
        "workers": workers,
        **stats,
        "server_rss_mb": memory.get("VmHWM") or memory.get("VmRSS"),
    }


def _tree_memory_mb(pid: int) -> dict[str, float]:
    """Peak resident memory of the server: of its one process, or summed over gunicorn's processes."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        pids += [int(c) for c in (task / "children").read_text().split()]
    total: dict[str, float] = {}
    for p in pids:
        for key, value in proc_memory_mb(p).items():
            total[key] = round(total.get(key, 0.0) + value, 1)
    return total


def write(result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = f"{result['date']}T{result['time'].replace(':', '')}"
    path = RESULTS / f"load-{stamp}-{result['commit'].rstrip('+')}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    newest_first = sorted(RESULTS.glob("load-*.json"), reverse=True)  # names sort by date and time
    rows = [json.loads(p.read_text(encoding="utf-8")) for p in newest_first]
    table = [
        "| date | commit | docs | server | users × s | requests | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| server RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ] + [
        f"| {r['date']} {r.get('time', '')} | {r['commit']} | {r['docs']:,} | {r.get('server', 'waitress, 8 threads')} "
        f"| {r['users']} × {r['seconds']} "
        f"| {r['requests']:,} "
        f"| {r['requests_per_s']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['errors']} "
        f"| {r['server_rss_mb']} |"
        for r in rows
    ]
    text = DOC.read_text(encoding="utf-8")
    block = BEGIN + "\n" + "\n".join(table) + "\n" + END
    DOC.write_text(re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S), "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--workers", type=int, default=1, help="server processes (vnsearch serve --workers)")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    result = run(args.docs, args.users, args.seconds, args.workdir, args.workers)
    path = write(result)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"written to {path} and docs/reliability.md")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
