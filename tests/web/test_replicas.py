"""Two `vnsearch serve` replicas on one shared index folder behind Debian's nginx, on loopback: a
replica killed under load costs no request, and a generation published to the folder is served by
every replica without a restart. Skipped where nginx is not installed (`make test` installs it)."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from search.indexing.build import build
from tests.web.servers import free_port, start_vnsearch, stop
from webui import balancer

ROOT = Path(__file__).resolve().parents[2]
NO_NGINX = "nginx is not installed (make nginx)"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(balancer.NGINX is None, reason=NO_NGINX)]


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen], Path, list[str]]]:
    index = tmp_path / "index"
    build([ROOT / "corpus"], index, workers=1, progress=False)
    env = {"VNSEARCH_RATELIMIT_ENABLED": "false"}
    replicas = [start_vnsearch(index, env=env) for _ in range(2)]
    upstreams = [base.split("//")[1] for _, base in replicas]
    port = free_port()
    nginx = balancer.start(upstreams, tmp_path / "nginx", port)
    base = f"http://127.0.0.1:{port}"
    yield base, [p for p, _ in replicas], index, upstreams
    balancer.stop(nginx)
    for proc, _ in replicas:
        stop(proc)


def _total(base: str, q: str = "tuyen+giao") -> tuple[int, int]:
    try:
        with urllib.request.urlopen(f"{base}/search.json?q={q}", timeout=30) as r:
            return r.status, json.load(r)["total"]
    except urllib.error.HTTPError as exc:
        return exc.code, -1
    except Exception:  # a connection reset, a body cut short: a failed request all the same
        return 0, -1


def test_a_replica_killed_under_load_loses_at_most_what_it_was_answering(cluster: tuple) -> None:
    """A replica that dies (SIGKILL) may cut off the responses it was sending at that instant: nginx
    cannot take back bytes already sent. Every request sent after it died is answered in full."""
    base, replicas, _, _ = cluster
    assert _total(base) == (200, 5)
    answers: list[tuple[int, int]] = []
    later: list[tuple[int, int]] = []
    done = threading.Event()
    killed = threading.Event()

    def user() -> None:
        while not done.is_set():
            after = killed.is_set()
            answer = _total(base)
            (later if after else answers).append(answer)

    users = [threading.Thread(target=user) for _ in range(4)]
    for u in users:
        u.start()
    time.sleep(1.5)
    replicas[1].kill()  # no goodbye: the process is gone mid-request
    replicas[1].wait()
    killed.set()
    time.sleep(3.0)
    done.set()
    for u in users:
        u.join()
    failed = [a for a in answers if a != (200, 5)]
    assert len(answers) > 20 and len(later) > 20
    assert len(failed) <= len(users), f"more failures than requests in flight: {failed}"
    assert set(later) == {(200, 5)}, f"{len(later)} answers after the kill: {sorted(set(later))}"


def test_a_published_generation_reaches_every_replica(cluster: tuple, tmp_path: Path) -> None:
    base, replicas, index, upstreams = cluster
    new = tmp_path / "new.jsonl"
    record = {
        "url": "https://example.vn/tin/moi",
        "title": "Hội nghị giao ban công tác Tuyên giáo quý III",
        "date": "2024-07-05",
        "body": "Ban Tuyên giáo Huyện ủy tổ chức hội nghị giao ban quý III.",
    }
    new.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    build([new], index, workers=1, progress=False)  # a new generation, switched atomically
    for upstream in upstreams:  # each replica, asked directly, serves it
        assert _total(f"http://{upstream}") == (200, 6), upstream
    assert {_total(base) for _ in range(6)} == {(200, 6)}
