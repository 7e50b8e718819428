"""`vnsearch index --backend solr://…`: the same loading, extraction and analysis as a local build, sent
to a SolrCloud collection in batches. Unchanged documents (same content hash) are not sent again;
nothing is removed unless asked (``--prune``), as with the Whoosh backend."""

from __future__ import annotations

import base64
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from search import ingest as load
from search.indexing import remote, stories
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


def _next_seq(client: SolrClient) -> int:
    r = client.query({"query": "*:*", "limit": 0, "facet": {"top": "max(seq)"}})
    top = r.get("facets", {}).get("top")
    return int(top) + 1 if top is not None else 1


def _walk(client: SolrClient, fields: str) -> Iterator[dict[str, Any]]:
    """Every document of the collection (``fields`` of each), read with a cursor."""
    cursor = "*"
    while True:
        body = {"query": "*:*", "limit": 2000, "fields": fields, "sort": "id asc", "params": {"cursorMark": cursor}}
        r = client.query(body)
        yield from r["response"]["docs"]
        nxt = r.get("nextCursorMark", cursor)
        if nxt == cursor:
            return
        cursor = nxt


def relabel(client: SolrClient) -> int:
    """Group republished copies over the whole collection, as the Whoosh build does, and set each
    article's story number in place where it changed; returns how many changed. A story with copies
    is numbered by its first article's ``seq``; an article alone by minus its own, so that the
    stories with copies are the positive numbers."""
    ids: list[str] = []
    sigs: list[np.ndarray] = []
    sizes: list[int] = []
    seq: dict[str, int] = {}
    current: dict[str, int] = {}
    for d in _walk(client, "id,seq,story_n,minhash,shingles"):
        if "minhash" not in d or "seq" not in d:
            continue
        ids.append(d["id"])
        sigs.append(np.frombuffer(base64.b64decode(d["minhash"]), dtype=np.uint32))
        sizes.append(int(d.get("shingles", 0)))
        seq[d["id"]] = int(d["seq"])
        current[d["id"]] = int(d.get("story_n", -d["seq"]))
    if not ids:
        return 0
    known = stories.Signatures(ids, np.stack(sigs), np.array(sizes, dtype=np.int32))
    heads = stories.story_labels(known)
    changes = [
        {"id": doc_id, "story_n": {"set": want}}
        for doc_id in ids
        if current[doc_id] != (want := seq[heads[doc_id]] if doc_id in heads else -seq[doc_id])
    ]
    for start in range(0, len(changes), 1000):
        client.update(changes[start : start + 1000])
    if changes:
        client.commit()
    return len(changes)


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
        doc = solr_document(row)
        sketch, shingles = stories.signature(row["body"])
        doc["minhash"] = base64.b64encode(sketch.tobytes()).decode("ascii")
        doc["shingles"] = shingles
        return raw.origin, doc, article, None, time.process_time() - t
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
    seq = _next_seq(client)
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
            doc["seq"], doc["story_n"] = seq, -seq  # a story of its own until copies are found (relabel)
            seq += 1
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
        if report.added or report.updated:
            t = time.perf_counter()
            relabel(client)
            report.seconds["stories"] += time.perf_counter() - t
    finally:
        if pool:
            pool.terminate()
        bar.update(report.unchanged)
        bar.close()
    report.total_seconds = time.perf_counter() - started
    return report
