"""Real `vnsearch serve` processes for the tests that need a server (browser, API description)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_vnsearch(
    index_dir: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = ()
) -> tuple[subprocess.Popen, str]:
    """`vnsearch serve` in its own process; returns it and the URL it prints."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "search",
            "serve",
            "--index",
            str(index_dir),
            "--port",
            str(port),
            "--threads",
            "4",
            *args,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    url = re.search(r"open (http://\S+)", line)
    assert url, f"serve printed {line!r}; stderr: {proc.stderr.read() if proc.poll() is not None else ''}"
    base = url.group(1).rstrip("/")
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/suggest", timeout=2).read()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not answer")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
