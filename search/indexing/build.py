"""Build or update the index from corpus files.

Loading and hashing run in this process; extraction, word segmentation and writing run in worker
processes, one per core, each writing its own segment (:mod:`search.indexing.parallel`); this process
holds the lock, deletes replaced documents and commits. A document whose content hash is already in
the index is not analysed again, so an unchanged corpus re-indexes fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm
from whoosh import index as whoosh_index

from search import ingest as load
from search import registry
from search.extract import extract, stable_id
from search.extract.quality import Quality
from search.indexing import columns as segment_columns
from search.indexing import remote, stories
from search.indexing.analysis import segment
from search.indexing.manifest import Manifest, origin_parts
from search.indexing.parallel import Done, Job, SegmentWorkers, analyse_job, commit_with, write_analysed, write_one
from search.indexing.postings import BulkSegmentWriter
from search.indexing.schema import IndexCodec, schema_version
from search.indexing.store import IndexUnwritable, Store, disk_message
from search.model import Article, RawDocument, SiteDefaults

EXTRACTOR_VERSION = "4"
# Word segmentation is the slowest step (~30k words/s per core) and only feeds a ranking boost for
# whole compound words; the title and the opening of the body carry the words people search for.
SEGMENT_CHARS = 600
LEAD_CHARS = 400


@dataclass
class BuildReport:
    seen: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[load.Skip] = field(default_factory=list)
    load_report: load.LoadReport = field(default_factory=lambda: load.LoadReport(0, []))
    seconds: dict[str, float] = field(
        default_factory=lambda: {"load": 0.0, "analyse": 0.0, "write": 0.0, "commit": 0.0, "stories": 0.0}
    )
    total_seconds: float = 0.0
    quality: Quality = field(default_factory=Quality)  # of the documents (re)read in this run

    @property
    def skipped(self) -> list[load.Skip]:
        return self.load_report.skipped + self.failed

    def summary(self) -> str:
        s = self.seconds
        lines = [
            f"indexed {self.added + self.updated} documents ({self.added} new, {self.updated} updated), "
            f"{self.unchanged} unchanged, {self.removed} removed, {len(self.skipped)} skipped "
            f"in {self.total_seconds:.1f} s",
            f"time per stage: load {s['load']:.1f} s, extract+segment {s['analyse']:.1f} s and "
            f"write {s['write']:.1f} s (CPU, summed over the workers), commit {s['commit']:.1f} s and "
            f"republished copies {s['stories']:.1f} s (wall)",
        ]
        lines += [f"  skipped {sk.path}: {sk.reason}" for sk in self.skipped]
        if self.quality.articles:
            lines.append(self.quality.render())
        return "\n".join(lines)


def shown_origin(origin: str, roots: list[Path]) -> str:
    """Where a document came from as readers may see it: relative to the folder or file indexed
    ("content/tin-1.md", "articles.jsonl:12"), never the server's absolute path."""
    where, line, rest = origin_parts(origin)
    sep = "#" if "#" in origin else ""
    absolute = Path(where).resolve()
    for root in roots:
        top = Path(root).resolve()
        base = top.parent if top.is_dir() or top == absolute else top
        if absolute == top or top in absolute.parents:
            shown = absolute.relative_to(base).as_posix()
            return shown + (f":{line}" if line else "") + (f"#{rest}" if sep else "")
    return Path(where).name + (f":{line}" if line else "") + (f"#{rest}" if sep else "")


def content_hash(raw: RawDocument) -> str:
    """What the index row depends on: the input and the code that reads it."""
    h = hashlib.sha1()
    for part in (
        schema_version(),
        EXTRACTOR_VERSION,
        str(SEGMENT_CHARS),
        stories.SCHEME,
        raw.kind,
        raw.text,
        json.dumps(raw.fields, sort_keys=True, default=str, ensure_ascii=False),
        json.dumps(asdict(raw.site), sort_keys=True),
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def article_fields(article: Article, digest: str, segmented: str | None = None) -> dict[str, Any]:
    """The Whoosh row for one article."""
    doc = article.to_json()
    doc.pop("body", None)
    meta = "\n".join([*article.units, article.district or "", article.province or "", article.province_2025 or ""])
    if segmented is None:
        segmented = segment(f"{article.title}\n{article.body[:SEGMENT_CHARS]}")
    return {
        "id": article.id,
        "hash": digest,
        "origin": article.origin,
        "doc": doc,
        "title": article.title,
        "body": article.body,
        "seg": segmented,
        "meta": meta,
        "pairs": f"{article.title}\n{article.body}\n{meta}",
        "tpairs": article.title,
        "lpairs": lead(article.body),
        "dcode": ",".join(d.code for d in article.directives),
        "date": article.date.isoformat() if article.date else "",
        **{name: ",".join(facet.values(article)) for name, facet in registry.FACETS.items()},
    }


def lead(body: str) -> str:
    """The opening of the body (the sapo, or the first sentences): where a match counts more than deeper down."""
    if len(body) <= LEAD_CHARS:
        return body
    cut = max(body.rfind(". ", 0, LEAD_CHARS), body.rfind("\n", 0, LEAD_CHARS))
    return body[: cut + 1] if cut > LEAD_CHARS // 3 else body[:LEAD_CHARS]


def analyse_row(raw: RawDocument, digest: str) -> dict[str, Any]:
    """Extraction and word segmentation: a document's Whoosh row (run in the writing workers)."""
    return article_fields(extract(raw), digest)


def _count_inputs(paths: Iterable[Path]) -> int:
    """A quick count of documents for the progress bar's ETA (JSONL counts lines)."""
    total = 0
    for root in paths:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".ndjson"):
                try:
                    with open(f, "rb") as fh:
                        total += sum(chunk.count(b"\n") for chunk in iter(partial(fh.read, 1 << 20), b""))
                except OSError:
                    pass
            elif not f.name.startswith(".") and f.suffix.lower() != ".toml":
                total += 1
    return total


def build(
    paths: Iterable[str | os.PathLike[str]],
    index_dir: str | os.PathLike[str],
    site: SiteDefaults | None = None,
    workers: int | None = None,
    progress: bool = True,
    prune: bool = False,
    confirm: Callable[[int, int], bool] | None = None,
    dask: str | Any | None = None,
) -> BuildReport:
    """Add the documents under ``paths`` to the index in ``index_dir``, replacing changed ones by id.

    Nothing is removed unless ``prune``: then documents that came from under ``paths`` and are no
    longer there are removed. Removing more than half of the index needs ``confirm(remove, total)``
    to say yes; without it the build stops with :class:`PruneRefused` and the index is unchanged.
    A path that does not exist is :class:`MissingPath`, before anything is read. With ``dask`` (a
    scheduler's address) extraction and segmentation run on that cluster (search.indexing.remote).
    """
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    missing = [str(r) for r in roots if not (r.exists() or r.is_symlink())]
    if missing:
        raise MissingPath(f"no such file or folder: {', '.join(missing)}; the index is unchanged")
    report = BuildReport()
    store = Store(index_dir)
    workers = workers or os.cpu_count() or 1
    with store.writing() as gen:
        ix = whoosh_index.open_dir(str(gen))
        existing = _read_hashes(gen, ix)
        hashes = dict(existing)
        manifest = Manifest.read(gen, f"{schema_version()}\0{EXTRACTOR_VERSION}")
        writer = BulkSegmentWriter(ix, limitmb=256, codec=IndexCodec())
        workers_pool = SegmentWorkers(gen, analyse_row, workers) if workers > 1 and not dask else None
        signatures: dict[str, tuple[np.ndarray, int]] = {}
        try:
            seen: dict[str, str] = {}
            jobs = (
                Job(raw, digest, shown_origin(raw.origin, roots))
                for raw, digest in _jobs(roots, site, report, existing, seen, manifest)
            )
            bar = tqdm(
                total=_count_inputs(roots),
                unit="doc",
                disable=not progress,
                file=sys.stderr,
                desc="indexing",
                dynamic_ncols=True,
            )
            if dask:
                analysed = remote.analysed_on(dask, partial(analyse_job, analyse_row), jobs)
                done: Iterable[Done] = (write_analysed(writer, j, a) for j, a in analysed)
            elif workers_pool:
                done = workers_pool.run(jobs)
            else:
                done = (write_one(writer, analyse_row, j) for j in jobs)
            for d in done:
                report.seconds["analyse"] += d.cpu
                report.seconds["write"] += d.write_cpu
                bar.update(1)
                if d.error or d.doc is None or d.doc_id is None:
                    report.failed.append(load.Skip(d.origin, d.error or "no article"))
                    manifest.spoil(d.origin)
                    continue
                report.quality.add(d.doc)
                hashes[d.doc_id] = d.digest
                if d.signature is not None:
                    signatures[d.doc_id] = (np.frombuffer(d.signature, dtype=np.uint32), d.shingles)
                if d.doc_id in existing:
                    writer.delete_by_term("id", d.doc_id)  # the old version, in the segments already written
                    report.updated += 1
                else:
                    report.added += 1
            bar.update(report.unchanged)
            bar.close()
            if prune:
                gone = _gone(ix, roots, existing.keys() - seen.keys())
                if len(gone) > len(existing) / 2 and not (confirm and confirm(len(gone), len(existing))):
                    raise PruneRefused(
                        f"--prune would remove {len(gone)} of {len(existing)} documents; "
                        "pass --yes if that is what you want (the index is unchanged)"
                    )
                for doc_id in gone:
                    writer.delete_by_term("id", doc_id)
                    hashes.pop(doc_id, None)
                    report.removed += 1
            t = time.perf_counter()
            commit_with(writer, workers_pool.segments if workers_pool else [])
            with whoosh_index.open_dir(str(gen)).reader() as reader:
                segment_columns.write_missing(gen, reader)  # what opening the generation reads
            _write_hashes(gen, hashes)
            for skip in report.load_report.skipped:
                manifest.spoil(skip.path)
            manifest.write(gen)
            report.seconds["commit"] += time.perf_counter() - t
            report.seconds["write"] += workers_pool.finish_cpu if workers_pool else 0.0
            t = time.perf_counter()
            _group_copies(gen, signatures, hashes, changed=bool(signatures or report.removed))
            report.seconds["stories"] += time.perf_counter() - t
        except OSError as exc:
            _cancel(writer)
            raise IndexUnwritable(disk_message(store.root, exc)) from exc
        except BaseException:
            _cancel(writer)
            raise
    report.total_seconds = time.perf_counter() - started
    return report


def _group_copies(
    gen: Path, new: dict[str, tuple[np.ndarray, int]], hashes: dict[str, str | None], changed: bool
) -> None:
    """Carry the signatures to this generation and label its republished copies (search.indexing.stories)."""
    if not changed and (gen / stories.STORIES).exists():
        return  # nothing was written: the document numbers, and so the labels, are the previous ones
    ix = whoosh_index.open_dir(str(gen))
    with ix.searcher() as searcher:
        known = stories.Signatures.load(gen).updated(new, keep=lambda doc_id: doc_id in hashes)
        have = set(known.ids)
        older = {}  # documents indexed before signatures were kept: read once from their stored text
        for doc_id in (i for i in hashes if i not in have):
            stored = searcher.document(id=doc_id)
            if stored is not None:
                older[doc_id] = stories.signature(stored.get("body", ""))
        if older:
            known = known.updated(older, keep=lambda doc_id: True)
        known.save(gen)
        labels = stories.story_labels(known)
        # Only the articles that have copies need their document numbers (a few in a hundred).
        docnums = [(doc_id, searcher.document_number(id=doc_id)) for doc_id in labels]
        found = [(doc_id, n) for doc_id, n in docnums if n is not None]
        stories.write_labels(gen, found, searcher.reader().doc_count_all(), labels)


class MissingPath(ValueError):
    """A path given to the build does not exist (a typo): nothing is read or changed."""


class PruneRefused(RuntimeError):
    """A pruning build would remove more than half of the index and nobody confirmed it."""


def _gone(ix: whoosh_index.Index, roots: list[Path], unseen: set[str]) -> list[str]:
    """The unseen documents whose origin lies under one of ``roots``: their files are gone."""
    if not unseen:
        return []
    bases = [r.resolve() for r in roots]
    gone: list[str] = []
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if fields.get("id") not in unseen:
                continue
            origin = Path(str(fields.get("origin", "")).split("#")[0].rsplit(":", 1)[0] or "/")
            resolved = origin.resolve()
            if any(resolved == b or b in resolved.parents for b in bases):
                gone.append(fields["id"])
    return gone


HASHES = "hashes.json"


def _read_hashes(gen: Path, ix: whoosh_index.Index) -> dict[str, str | None]:
    """id -> content hash of what the generation holds: a small side file, else the stored fields."""
    try:
        return json.loads((gen / HASHES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        with ix.searcher() as s:
            return {f["id"]: f.get("hash") for f in s.all_stored_fields()}


def _write_hashes(gen: Path, hashes: dict[str, str | None]) -> None:
    # A new file replaces the hard link shared with the previous generation; that one is untouched.
    tmp = gen / f".{HASHES}.tmp"
    tmp.write_text(json.dumps(hashes), encoding="utf-8")
    os.replace(tmp, gen / HASHES)


def _cancel(writer: object) -> None:
    """Drop a writer's unfinished segment; on a full disk even that can fail, and that is fine:
    the generation folder is removed as a whole."""
    with contextlib.suppress(OSError):
        writer.cancel()  # type: ignore[attr-defined]


def _jobs(
    roots: list[Path],
    site: SiteDefaults | None,
    report: BuildReport,
    existing: dict[str, str | None],
    seen: dict[str, str],
    manifest: Manifest,
) -> Iterator[tuple[RawDocument, str]]:
    """Loaded documents that need analysis; unchanged and duplicate ones are settled here."""

    def known(path: Path, file_site: SiteDefaults) -> bool:
        ids = manifest.unchanged(path, file_site, existing)
        if ids is None:
            return False
        for doc_id in ids:
            seen.setdefault(doc_id, str(path))
        report.seen += len(ids)
        report.unchanged += len(ids)
        return True

    docs = load.iter_documents(roots, report.load_report, site=site, known=known)
    while True:
        t = time.perf_counter()
        try:
            raw = next(docs)
        except StopIteration:
            report.seconds["load"] += time.perf_counter() - t
            return
        doc_id = stable_id(raw)
        digest = content_hash(raw)
        report.seconds["load"] += time.perf_counter() - t
        report.seen += 1
        if doc_id in seen:
            report.failed.append(load.Skip(raw.origin, f"duplicate id: same document as {seen[doc_id]}"))
            manifest.spoil(raw.origin)
            continue
        seen[doc_id] = raw.origin
        manifest.holds(raw.origin, doc_id)
        if existing.get(doc_id) == digest:
            report.unchanged += 1
            continue
        yield raw, digest
