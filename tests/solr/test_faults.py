"""The cluster loses nodes and the product goes on: searches keep answering from the replicas while a
node is down, what is indexed meanwhile reaches the node when it returns, and with every node down a
reader gets a clear 503 page at once, never a 500 or a hang. Real nodes are stopped and started."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from search.solr import admin, indexing
from search.solr.client import parse_address
from search.solr.cloud import SolrCloud
from search.solr.engine import SolrEngine
from tests.web.servers import start_vnsearch, stop

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def faults(solr_cloud: SolrCloud, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SolrCloud, str, str]]:
    """The sample corpus in a collection of its own, and `vnsearch serve --backend` in front of it."""
    address = solr_cloud.address("faults")
    admin.init(parse_address(address), shards=2, replicas=2)
    indexing.build([ROOT / "corpus"], parse_address(address), workers=1, progress=False)
    proc, base = start_vnsearch(
        tmp_path_factory.mktemp("unused"), env={"VNSEARCH_RATELIMIT_ENABLED": "false"}, args=("--backend", address)
    )
    yield solr_cloud, address, base
    stop(proc)


def _all_active(address: str) -> bool:
    node = parse_address(address).nodes[0]
    try:
        r = requests.get(f"{node}/admin/collections", params={"action": "CLUSTERSTATUS"}, timeout=5).json()
    except (requests.RequestException, ValueError):
        return False
    shards = r["cluster"]["collections"]["faults"]["shards"].values()
    return all(rep["state"] == "active" for s in shards for rep in s["replicas"].values())


def _wait_active(address: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not _all_active(address):
        assert time.monotonic() < deadline, "replicas did not recover"
        time.sleep(0.5)


def _total(base: str, q: str) -> tuple[int, int]:
    try:
        with urllib.request.urlopen(f"{base}/search.json?q={q}", timeout=30) as r:
            return r.status, json.load(r)["total"]
    except urllib.error.HTTPError as exc:
        return exc.code, -1


def test_searches_keep_answering_while_a_node_is_down(faults: tuple[SolrCloud, str, str]) -> None:
    cloud, address, base = faults
    assert _total(base, "tuyen+giao") == (200, 5)
    answers: list[tuple[int, int]] = []
    done = threading.Event()

    def load() -> None:
        while not done.is_set():
            answers.append(_total(base, "tuyen+giao"))

    users = [threading.Thread(target=load) for _ in range(4)]
    for u in users:
        u.start()
    time.sleep(1.0)
    cloud.stop(1)
    time.sleep(4.0)
    done.set()
    for u in users:
        u.join()
    try:
        assert len(answers) > 20
        assert set(answers) == {(200, 5)}, f"{len(answers)} answers, not all 200 with 5 results: {set(answers)}"
    finally:
        cloud.start(1)
        _wait_active(address)


def test_what_is_indexed_while_a_node_is_down_reaches_it_when_it_returns(
    faults: tuple[SolrCloud, str, str], tmp_path: Path
) -> None:
    cloud, address, base = faults
    new = tmp_path / "new.jsonl"
    record = {
        "url": "https://example.vn/tin/moi",
        "title": "Hội nghị giao ban công tác Tuyên giáo quý III",
        "date": "2024-07-05",
        "body": "Ban Tuyên giáo Huyện ủy tổ chức hội nghị giao ban quý III.",
    }
    new.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    cloud.stop(1)
    try:
        report = indexing.build([new], parse_address(address), workers=1, progress=False)
        assert report.added == 1
        assert _total(base, "giao+ban")[1] >= 1
    finally:
        cloud.start(1)
    _wait_active(address)
    # Only the returned node's replicas are left: they must hold what was written without them.
    cloud.stop(0)
    try:
        only = SolrEngine(cloud.address("faults"))
        deadline = time.monotonic() + 60
        while True:
            try:
                found = only.search("giao ban quy III", per_page=5)
                break
            except Exception:
                assert time.monotonic() < deadline, "node 1 did not answer alone"
                time.sleep(1)
        assert "Hội nghị giao ban công tác Tuyên giáo quý III" in [h.title for h in found.hits]
    finally:
        cloud.start(0)
        _wait_active(address)


def test_with_every_node_down_readers_get_a_503_at_once(faults: tuple[SolrCloud, str, str]) -> None:
    cloud, address, base = faults
    before = _total(base, "tuyen+giao")
    assert before[0] == 200
    cloud.stop(0)
    cloud.stop(1)
    try:
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as page:
            urllib.request.urlopen(f"{base}/search?q=tuyen+giao", timeout=30)
        assert page.value.code == 503
        assert "Máy chủ tìm kiếm tạm thời không trả lời" in page.value.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as api:
            urllib.request.urlopen(f"{base}/search.json?q=tuyen+giao", timeout=30)
        assert api.value.code == 503 and json.load(api.value)["status"] == 503
        with pytest.raises(urllib.error.HTTPError) as health:
            urllib.request.urlopen(f"{base}/healthz", timeout=30)
        assert json.load(health.value) == {"status": "unavailable", "error": "backend_unavailable"}
        assert time.monotonic() - started < 10
    finally:
        cloud.start(0)
        cloud.start(1)
    _wait_active(address)
    deadline = time.monotonic() + 60
    while _total(base, "tuyen+giao")[0] != 200:
        assert time.monotonic() - deadline < 0, "searching did not come back with the nodes"
        time.sleep(1)
    assert _total(base, "tuyen+giao") == before
