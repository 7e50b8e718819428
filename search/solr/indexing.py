"""`vnsearch index --backend solr://…`: the same loading, extraction and analysis as a local build, sent
to a SolrCloud collection in batches. Unchanged documents (same content hash) are not sent again;
nothing is removed unless asked (``--prune``), as with the Whoosh backend."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from search import ingest as load
from search.indexing import remote
from search.indexing.build import (
    EXTRACTOR_VERSION,
    BuildReport,
    MissingPath,
    PruneRefused,
    _count_inputs,
    _jobs,
    analyse_row,
    shown_origin,
)
from search.indexing.manifest import Manifest
from search.indexing.schema import schema_version
from search.model import RawDocument, SiteDefaults
from search.solr.client import Address, SolrClient
from search.solr.documents import solr_document

BATCH = 200  # documents an update request


def existing_hashes(client: SolrClient) -> dict[str, str | None]:
    """Every indexed id with its content hash, read with a cursor (any size of collection)."""
    out: dict[str, str | None] = {}
    cursor = "*"
    while True:
        body = {"query": "*:*", "limit": 5000, "fields": "id,hash", "sort": "id asc", "params": {"cursorMark": cursor}}
        r = client.query(body)
        for d in r["response"]["docs"]:
            out[d["id"]] = d.get("hash")
        nxt = r.get("nextCursorMark", cursor)
        if nxt == cursor:
            return out
        cursor = nxt


Analysed = tuple[str, dict[str, Any] | None, dict[str, Any] | None, str | None, float]


def _analyse(job: tuple[RawDocument, str, str]) -> Analysed:
    """(origin, Solr document, the article for the quality report, error, CPU seconds): in a worker."""
    raw, digest, shown = job
    t = time.process_time()
    try:
        row = analyse_row(raw, digest)
        row["doc"]["origin"] = shown  # relative to the indexed folder, as the Whoosh build stores it
        article = {**row["doc"], "origin": raw.origin}
        return raw.origin, solr_document(row), article, None, time.process_time() - t
    except Exception as exc:  # one bad document is reported, never the end of the build
        return raw.origin, None, None, f"extraction failed: {type(exc).__name__}: {exc}", time.process_time() - t


def build(
    paths: Iterable[str | os.PathLike[str]],
    address: Address,
    site: SiteDefaults | None = None,
    workers: int | None = None,
    progress: bool = True,
    prune: bool = False,
    dask: str | Any | None = None,
) -> BuildReport:
    """Add the documents under ``paths`` to the collection, replacing changed ones by id."""
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    missing = [str(r) for r in roots if not (r.exists() or r.is_symlink())]
    if missing:
        raise MissingPath(f"no such file or folder: {', '.join(missing)}; the collection is unchanged")
    if prune:
        raise PruneRefused("--prune is not offered for the Solr backend yet; nothing was changed")
    client = SolrClient(address, timeout=120.0)
    report = BuildReport()
    existing = existing_hashes(client)
    seen: dict[str, str] = {}
    manifest = Manifest({}, f"{schema_version()}\0{EXTRACTOR_VERSION}")
    jobs = (
        (raw, digest, shown_origin(raw.origin, roots))
        for raw, digest in _jobs(roots, site, report, existing, seen, manifest)
    )
    bar = tqdm(total=_count_inputs(roots), unit="doc", disable=not progress, file=sys.stderr, desc="indexing")
    batch: list[dict[str, Any]] = []
    workers = workers or os.cpu_count() or 1
    pool = multiprocessing.get_context("spawn").Pool(workers) if workers > 1 and not dask else None
    try:
        done: Iterator[Analysed]
        if dask:  # extraction and segmentation on a Dask cluster (search.indexing.remote)
            done = (a for _, a in remote.analysed_on(dask, _analyse, jobs))
        else:
            done = pool.imap(_analyse, jobs, chunksize=8) if pool else map(_analyse, jobs)
        for origin, doc, article, error, cpu in done:
            report.seconds["analyse"] += cpu
            bar.update(1)
            if error or doc is None or article is None:
                report.failed.append(load.Skip(origin, error or "no article"))
                continue
            report.quality.add(article)
            if doc["id"] in existing:
                report.updated += 1
            else:
                report.added += 1
            batch.append(doc)
            if len(batch) >= BATCH:
                t = time.perf_counter()
                client.update(batch)
                report.seconds["write"] += time.perf_counter() - t
                batch = []
        if batch:
            client.update(batch)
        t = time.perf_counter()
        client.commit()
        report.seconds["commit"] += time.perf_counter() - t
    finally:
        if pool:
            pool.terminate()
        bar.update(report.unchanged)
        bar.close()
    report.total_seconds = time.perf_counter() - started
    return report
