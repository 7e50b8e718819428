"""`vnsearch serve --workers N`: several processes answer on one port, and one that dies is replaced."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.web.servers import start_vnsearch, stop

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="gunicorn is POSIX only")]


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found |= {int(c) for c in text}
    return found


def total(base: str, q: str = "tuyen giao") -> int:
    with urllib.request.urlopen(f"{base}/search.json?q={urllib.parse.quote(q)}", timeout=10) as r:
        assert r.status == 200
        return json.load(r)["total"]


def test_two_processes_answer_and_one_killed_is_replaced(sample_index: Path) -> None:
    # 40 requests in well under a second would meet the per-client limit (30 a second) on a fast machine;
    # this test is about processes, the limits have their own test.
    proc, base = start_vnsearch(
        sample_index,
        env={"VNSEARCH_RATELIMIT_ENABLED": "false"},
        args=("--workers", "2", "--url-prefix", "/tra-cuu"),
    )
    try:
        assert base.endswith("/tra-cuu")
        deadline = time.monotonic() + 30
        while len(children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = children(proc.pid)
        assert len(workers) == 2
        expected = total(base)
        assert expected == 5
        with ThreadPoolExecutor(8) as pool:  # concurrent requests, all answered the same
            assert set(pool.map(lambda _: total(base), range(40))) == {expected}
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        assert total(base) == expected  # the other process answers at once
        while (children(proc.pid) - {victim}) == workers - {victim} and time.monotonic() < deadline + 30:
            time.sleep(0.1)
        replaced = children(proc.pid)
        assert victim not in replaced and len(replaced) == 2  # the master started a new one
        assert total(base, "chi thi 05") > 0
    finally:
        stop(proc)
