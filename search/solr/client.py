"""HTTP to a SolrCloud: any node answers for the collection, so a request goes to the next node when one
is down, and only when every node fails is the backend unavailable (a 503, never a 500 or a hang)."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from search.indexing.store import IndexMissing

SCHEME = "solr://"
TIMEOUT = 10.0  # seconds for one node to answer a search; the web request's budget holds two tries
# Requests one client (one web replica) has at Solr at once; the others wait their turn. A busy
# cluster asked for more than it can do at once answers every request slower, until they time out;
# a queue in front of it keeps each answer fast, and nginx's own timeout bounds the wait.
CONCURRENCY = 4


class BackendUnavailable(IndexMissing):
    """No node of the cluster answered: searching is unavailable until one does."""


class SolrError(RuntimeError):
    """Solr answered, with an error (a bad request or a collection that does not exist)."""


@dataclass(frozen=True)
class Address:
    nodes: tuple[str, ...]  # base URLs, "http://127.0.0.1:8983/solr"
    collection: str

    def __str__(self) -> str:
        hosts = ",".join(urlsplit(n).netloc for n in self.nodes)
        return f"{SCHEME}{hosts}/solr/{self.collection}"


def is_solr(spec: str | None) -> bool:
    return bool(spec) and str(spec).startswith(SCHEME)


def parse_address(spec: str) -> Address:
    """``solr://h1:8983,h2:8984/solr/vnsearch`` (the path's last part is the collection)."""
    if not is_solr(spec):
        raise ValueError(f"not a Solr address (solr://host:port/solr/collection): {spec}")
    rest = spec[len(SCHEME) :]
    hosts, _, path = rest.partition("/")
    parts = [p for p in path.split("/") if p]
    if not hosts or not parts:
        raise ValueError(f"a Solr address names hosts and a collection (solr://host:port/solr/collection): {spec}")
    collection = parts[-1]
    prefix = "/".join(parts[:-1]) or "solr"
    return Address(tuple(f"http://{h}/{prefix}" for h in hosts.split(",") if h), collection)


class SolrClient:
    """Requests to a collection, spread over its nodes; thread-safe (one session a thread)."""

    def __init__(self, address: Address | str, timeout: float = TIMEOUT, concurrency: int = CONCURRENCY):
        self.address = parse_address(address) if isinstance(address, str) else address
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(concurrency)
        self._next = itertools.count()
        self._local = threading.local()

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = self._local.session = requests.Session()
        return s

    def request(
        self,
        method: str,
        path: str,
        collection: bool = True,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """``path`` under the collection (or under the node, ``collection=False``), tried node after node."""
        nodes = self.address.nodes
        start = next(self._next) % len(nodes)
        failures: list[str] = []
        for i in range(len(nodes)):
            base = nodes[(start + i) % len(nodes)]
            url = f"{base}/{self.address.collection}{path}" if collection else f"{base}{path}"
            try:
                with self._slots:
                    r = self._session().request(method, url, timeout=timeout or self.timeout, **kwargs)
            except requests.RequestException as exc:
                failures.append(f"{base}: {type(exc).__name__}")
                continue
            try:
                body = r.json()
            except ValueError:
                body = None
            if r.status_code >= 500 or body is None:
                # A node going down or starting (Jetty's own pages, a core unloaded, a shard it cannot
                # reach) answers with an error of its own: the next node may answer for the collection.
                said = (body.get("error") or {}).get("msg", "") if isinstance(body, dict) else "not JSON"
                failures.append(f"{base}: HTTP {r.status_code}" + (f" ({str(said)[:200]})" if said else ""))
                continue
            if r.status_code >= 400:
                message = (body.get("error") or {}).get("msg") or r.text[:300]
                raise SolrError(f"{url}: HTTP {r.status_code}: {message}")
            return dict(body)
        raise BackendUnavailable(f"no Solr node answered for {self.address}: {'; '.join(failures)}")

    def query(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", "/select", json=body)

    def update(self, docs: list[dict[str, Any]], commit: bool = False, timeout: float = 120.0) -> None:
        params = {"commit": "true"} if commit else {}
        self.request("POST", "/update", json=docs, params=params, timeout=timeout)

    def commit(self) -> None:
        self.request("POST", "/update", json={"commit": {}}, timeout=300.0)
