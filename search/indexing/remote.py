"""Extraction and segmentation on a dask.distributed cluster: ``vnsearch index --dask SCHEDULER``.

The analysis is most of the CPU of a build (underthesea's segmentation above all), and it is the part
that needs no index: each document is analysed on whichever worker is free, in batches, and comes back
here to be written by the one writer, in the order it was read. A build through Dask is therefore the
same index, document for document, as a local build with one process. Workers need this project
installed in the same version (docs/deploy.md).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

BATCH = 32  # documents a task: large enough that scheduling costs little, small enough to spread out
IN_FLIGHT = 3  # tasks queued per worker thread, so no worker waits for the next batch


def _run(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def analysed_on(
    scheduler: str | Any, fn: Callable[[T], R], items: Iterable[T], batch: int = BATCH
) -> Iterator[tuple[T, R]]:
    """``(item, fn(item))`` for every item, ``fn`` run on the cluster, in the order of ``items``.

    ``scheduler`` is an address (``tcp://10.0.0.5:8786``) or a cluster object (a LocalCluster)."""
    from distributed import Client

    with Client(scheduler) as client:
        threads = max(1, sum(client.nthreads().values()))
        pending: deque[tuple[list[T], Any]] = deque()
        source = iter(items)
        while True:
            chunk = list(itertools.islice(source, batch))
            if chunk:
                pending.append((chunk, client.submit(_run, fn, chunk, pure=False)))
            if pending and (not chunk or len(pending) >= threads * IN_FLIGHT):
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
            if not chunk and not pending:
                return
