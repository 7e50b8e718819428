"""A SolrCloud on loopback for tests and for trying the backend: the project's launcher (solr/launcher,
Solr's MiniSolrCloudCluster from Maven Central), built with Maven on first use and driven over stdin.

``with SolrCloud(nodes=2) as cloud:`` gives a cluster with an embedded ZooKeeper; ``cloud.stop(i)``
and ``cloud.start(i)`` take node ``i`` down and bring it back on its port (for failover tests).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

LAUNCHER = Path(__file__).resolve().parents[2] / "solr" / "launcher"
START_SECONDS = 180.0


class CloudUnavailable(RuntimeError):
    """Java or Maven is missing, or the cluster did not start: the message says which."""


def missing_tools() -> str | None:
    """Why a SolrCloud cannot be started here, or None when it can."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (the SolrCloud tests need Java 17 and Maven)"
    if not (LAUNCHER / "pom.xml").exists():
        return f"the launcher is not here: {LAUNCHER}"
    return None


def classpath() -> str:
    """Build the launcher (Maven fetches Solr's jars once) and return its classpath."""
    target = LAUNCHER / "target"
    jar = target / "solr-launcher-1.0.jar"
    listed = target / "classpath.txt"
    sources = [LAUNCHER / "pom.xml", *(LAUNCHER / "src").rglob("*")]
    if not (jar.exists() and listed.exists()) or max(p.stat().st_mtime for p in sources) > jar.stat().st_mtime:
        done = subprocess.run(["mvn", "-q", "-B", "package"], cwd=LAUNCHER, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise CloudUnavailable(f"building the Solr launcher failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return f"{jar}{os.pathsep}{listed.read_text().strip()}"


class SolrCloud:
    """One launcher process: ZooKeeper and ``nodes`` Solr nodes in one JVM."""

    def __init__(self, nodes: int = 2, folder: str | os.PathLike[str] | None = None, heap: str = "1g"):
        self.count = nodes
        self._tmp = None if folder else tempfile.TemporaryDirectory(prefix="vnsearch-solrcloud-")
        self.folder = Path(folder) if folder else Path(self._tmp.name)  # type: ignore[union-attr]
        self.heap = heap
        self.nodes: list[str] = []
        self.zk = ""
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self.log = self.folder / "solrcloud.log"

    def __enter__(self) -> SolrCloud:
        self.start_cluster()
        return self

    def __exit__(self, *exc: object | TracebackType | None) -> None:
        self.close()

    def start_cluster(self) -> None:
        why = missing_tools()
        if why:
            raise CloudUnavailable(why)
        cp = classpath()
        self.folder.mkdir(parents=True, exist_ok=True)
        log: IO[str] = open(self.log, "w")  # noqa: SIM115 - the JVM writes to it while it runs
        self._proc = subprocess.Popen(
            [
                "java",
                f"-Xmx{self.heap}",
                "-Dlog4j2.configurationFile=classpath:log4j2.xml",
                f"-Dsolr.log.dir={self.folder / 'logs'}",
                "-cp",
                cp,
                "vnsearch.SolrCloud",
                "--nodes",
                str(self.count),
                "--dir",
                str(self.folder / "cluster"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            bufsize=1,
        )
        self._expect("ready", START_SECONDS)

    def _expect(self, event: str, timeout: float) -> dict[str, Any]:
        assert self._proc is not None and self._proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self._proc.stdout.readline()
            if not line:
                raise CloudUnavailable(f"the SolrCloud launcher ended; its log: {self.log}\n{self._tail()}")
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if message.get("event") == "error":
                raise CloudUnavailable(f"launcher: {message.get('message')}")
            if message.get("event") == event:
                self.nodes = list(message.get("nodes", self.nodes))
                self.zk = message.get("zk", self.zk)
                return dict(message)
        raise CloudUnavailable(f"no '{event}' from the SolrCloud launcher in {timeout:.0f} s; log: {self.log}")

    def _tail(self) -> str:
        try:
            return self.log.read_text()[-3000:]
        except OSError:
            return ""

    def _send(self, command: str, event: str) -> None:
        with self._lock:
            assert self._proc is not None and self._proc.stdin is not None
            self._proc.stdin.write(command + "\n")
            self._proc.stdin.flush()
            self._expect(event, START_SECONDS)

    def stop(self, node: int) -> None:
        self._send(f"stop {node}", "stopped")

    def start(self, node: int) -> None:
        self._send(f"start {node}", "started")

    def address(self, collection: str) -> str:
        hosts = ",".join(url.split("/")[2] for url in self.nodes)
        return f"solr://{hosts}/solr/{collection}"

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                if proc.stdin:
                    proc.stdin.write("quit\n")
                    proc.stdin.close()
                proc.wait(timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
