"""Index writing spread over the cores: each worker process extracts, analyses and writes its own segment.

One Whoosh writer was the wall (about two thirds of the CPU per article is Whoosh turning tokens into
postings, in Python). Here every worker holds a :class:`~search.indexing.postings.BulkSegmentWriter` on the new
generation, without the lock, as Whoosh's own ``MpWriter`` does; the parent keeps the one writer
lock, applies deletions (changed and pruned documents) to the existing segments, and commits a table
of contents naming the old segments and the workers' new ones. Nothing is merged at the end, so the
writing costs no serial pass; the generation switch stays atomic because only the parent's commit
and the store's pointer publish anything.

A worker answers each document with a small :class:`Done` (no article text crosses back), and ends
its segment when told; a worker that dies stops the build, and the generation is thrown away.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from search.indexing import stories
from search.indexing.postings import BulkSegmentWriter
from search.indexing.schema import IndexCodec
from search.model import RawDocument

BATCH = 32  # documents per job message: few enough to keep both cores busy to the end
WORKER_MB = 64  # each worker's pool of the other fields' postings before it spills a sorted run to disk
WORKER_POSTINGS = 100_000_000  # text postings a worker holds (12 bytes each, and its terms) before a new segment:
# each segment repeats the term table of its terms, so a segment of 20,000 articles made the index half as
# large again as one of 50,000 (1,721 MB against 1,218 at 100,000); a worker peaked at 2.7 GB with this budget


@dataclass
class Job:
    raw: RawDocument
    digest: str
    shown: str  # the origin as readers see it (relative to the folder indexed)


@dataclass
class Done:
    """What the parent needs of one document: the report, the hashes, the quality counts."""

    origin: str
    doc_id: str | None
    digest: str
    doc: dict[str, Any] | None  # the article's metadata (no body), for the quality report
    error: str | None
    cpu: float  # extraction and segmentation
    write_cpu: float = 0.0  # Whoosh analysis and postings, into the segment
    signature: bytes | None = None  # the body's MinHash (search.indexing.stories), for republished copies
    shingles: int = 0


Analyse = Callable[[RawDocument, str], dict[str, Any]]


class WorkerDied(RuntimeError):
    """A writing process ended without finishing its segment: the build stops, the index is unchanged."""


@dataclass
class Analysed:
    """One document extracted and segmented, with its MinHash: what a remote worker sends back."""

    row: dict[str, Any] | None
    error: str | None
    cpu: float
    signature: bytes | None = None
    shingles: int = 0


def analyse_job(analyse: Analyse, job: Job) -> Analysed:
    """Extraction, segmentation and the body's MinHash (anywhere: here, a worker process, a Dask worker)."""
    started = time.process_time()
    try:
        row = analyse(job.raw, job.digest)
    except Exception as exc:  # one bad document must not stop the build
        message = f"extraction failed: {type(exc).__name__}: {exc}"
        return Analysed(None, message, time.process_time() - started)
    sketch, shingles = stories.signature(row["body"])
    return Analysed(row, None, time.process_time() - started, sketch.tobytes(), shingles)


def write_analysed(writer: SegmentWriter, job: Job, done: Analysed) -> Done:
    """Add an analysed document to ``writer``."""
    row = done.row
    if row is None:
        return Done(job.raw.origin, None, job.digest, None, done.error, done.cpu)
    started = time.process_time()
    row["doc"]["origin"] = job.shown
    writer.add_document(**row)
    doc = {**row["doc"], "origin": job.raw.origin}
    written = time.process_time() - started
    return Done(job.raw.origin, row["id"], job.digest, doc, None, done.cpu, written, done.signature, done.shingles)


def write_one(writer: SegmentWriter, analyse: Analyse, job: Job) -> Done:
    """Analyse one document and add it to ``writer``; a failure is this document's, not the build's."""
    return write_analysed(writer, job, analyse_job(analyse, job))


def _work(gen: str, analyse: Analyse, jobs: Any, results: Any, budget: int) -> None:
    """One worker: documents in, rows written to segments of its own, a Done per document out.

    A segment ends when its postings pass ``budget`` (:data:`WORKER_POSTINGS`; the bulk writer holds
    them in memory), so a worker's memory stays bounded however large the corpus.
    """
    ix = FileStorage(gen, supports_mmap=False).open_index()

    def writer_() -> BulkSegmentWriter:
        return BulkSegmentWriter(ix, _lk=False, limitmb=WORKER_MB, codec=IndexCodec())

    writer = writer_()
    segments: list[Any] = []
    cpu = 0.0
    try:
        while True:
            batch = jobs.get()
            if batch is None:
                break
            results.put(("docs", [write_one(writer, analyse, job) for job in batch]))
            if writer.postings_held > budget:
                started = time.process_time()
                segments.append(writer._finalize_segment())  # noqa: SLF001 - as Whoosh's MpWriter
                cpu += time.process_time() - started
                writer = writer_()
        started = time.process_time()
        if writer._added:  # noqa: SLF001
            segments.append(writer._finalize_segment())  # noqa: SLF001
        else:
            writer._close_segment()  # noqa: SLF001
        results.put(("segments", (segments, cpu + time.process_time() - started)))
    except BaseException as exc:
        with contextlib.suppress(Exception):
            writer.cancel()
        results.put(("failed", f"{type(exc).__name__}: {exc}"))
        raise


class SegmentWorkers:
    """N processes writing segments of one generation; :meth:`run` yields a Done per document."""

    def __init__(self, gen: Path, analyse: Analyse, workers: int, budget: int = WORKER_POSTINGS):
        ctx = mp.get_context("forkserver") if sys.platform != "win32" else mp.get_context()
        self.jobs = ctx.Queue(maxsize=workers * 4)
        self.results = ctx.Queue()
        self.procs = [
            ctx.Process(target=_work, args=(str(gen), analyse, self.jobs, self.results, budget), daemon=True)
            for _ in range(workers)
        ]
        self.segments: list[Any] = []
        self.finish_cpu = 0.0  # the workers' sorting and writing of their postings, at the end
        self._sent = 0
        self._finished = 0

    def run(self, jobs: Iterable[Job]) -> Iterator[Done]:
        """Feed the workers and yield results as they come; afterwards :attr:`segments` holds theirs."""
        for p in self.procs:
            p.start()
        try:
            batch: list[Job] = []
            for job in jobs:
                batch.append(job)
                if len(batch) >= BATCH:
                    yield from self._send(batch)
                    batch = []
            if batch:
                yield from self._send(batch)
            for _ in self.procs:
                yield from self._send(None)
            while self._finished < len(self.procs) or self._sent:
                yield from self._receive(block=True)
            for p in self.procs:
                p.join(timeout=60)
        finally:
            self.close()

    def _send(self, batch: list[Job] | None) -> Iterator[Done]:
        while True:
            try:
                self.jobs.put(batch, timeout=0.2)
                break
            except queue.Full:
                yield from self._receive(block=False)
        if batch is not None:
            self._sent += 1
        yield from self._receive(block=False)

    def _receive(self, block: bool) -> Iterator[Done]:
        while True:
            try:
                kind, payload = self.results.get(timeout=0.5) if block else self.results.get_nowait()
            except queue.Empty:
                if any(not p.is_alive() and p.exitcode not in (0, None) for p in self.procs):
                    raise WorkerDied("an indexing process died (out of memory?); the index is unchanged") from None
                if block:
                    continue
                return
            if kind == "docs":
                self._sent -= 1
                yield from payload
            elif kind == "segments":
                self._finished += 1
                segments, cpu = payload
                self.finish_cpu += cpu
                self.segments.extend(segments)
            else:
                raise WorkerDied(f"an indexing process failed: {payload}; the index is unchanged")
            if block:
                return

    def close(self) -> None:
        for p in self.procs:
            if p.is_alive():
                p.terminate()
            with contextlib.suppress(Exception):
                p.join(timeout=5)


def commit_with(writer: SegmentWriter, segments: list[Any]) -> None:
    """Commit the parent's writer (its deletions, any small merges) with the workers' segments added."""
    final = writer._merge_segments(None, None, None)  # noqa: SLF001 - as Whoosh's MpWriter
    if writer._added:  # noqa: SLF001
        final.append(writer._finalize_segment())  # noqa: SLF001
    else:
        writer._close_segment()  # noqa: SLF001
    writer._commit_toc(final + segments)  # noqa: SLF001
    writer._finish()  # noqa: SLF001
