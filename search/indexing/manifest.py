"""Which corpus files the index holds unchanged, so that a re-index does not read them again.

Hashing every document of an unchanged corpus was the whole cost of re-indexing it (a minute at
100,000 articles, most of it parsing JSON). The manifest remembers, per self-contained file (see
:data:`search.ingest.walk.SELF_CONTAINED`), its size and modification time, the code and site
settings that read it, and the ids it gave. A file that matches on all of them, and whose ids are all
still in the index, is skipped whole; anything else is read and hashed document by document as before.
A file that gave a skipped line or a failed document is never recorded, so its problems are
reported again on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from search.model import SiteDefaults

MANIFEST = "files.json"


def origin_parts(origin: str) -> tuple[str, str, str]:
    """("corpus/a.jsonl", "12", "part") from "corpus/a.jsonl:12#part"; a plain path has no line."""
    path, sep, rest = origin.partition("#") if "#" in origin else (origin, "", "")
    where, colon, line = path.rpartition(":")
    if not (colon and line.isdigit()):
        where, line = path, ""
    return where, line, (rest if sep else "")


def file_of(origin: str) -> str:
    """The absolute path of the file a document (or a skipped line) came from."""
    return os.path.abspath(origin_parts(origin)[0])


class Manifest:
    """The files of one generation (``files.json`` beside the Whoosh index)."""

    def __init__(self, entries: dict[str, dict[str, Any]], version: str):
        self.entries = entries
        self.version = version
        self.pending: dict[str, dict[str, Any]] = {}  # files read in this run, by absolute path
        self.spoilt: set[str] = set()  # files with a skipped line or a failed document

    @classmethod
    def read(cls, gen: Path, version: str) -> Manifest:
        try:
            entries = json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        return cls(entries if isinstance(entries, dict) else {}, version)

    def _key(self, site: SiteDefaults) -> str:
        settings = json.dumps(asdict(site), sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(f"{self.version}\0{settings}".encode()).hexdigest()

    def unchanged(self, path: Path, site: SiteDefaults, indexed: dict[str, Any]) -> list[str] | None:
        """The ids of ``path`` if the index holds it exactly as it is on disk, else None (read it)."""
        name = os.path.abspath(path)
        try:
            st = path.stat()
        except OSError:
            return None
        stamp = [st.st_size, st.st_mtime_ns]
        key = self._key(site)
        old = self.entries.get(name)
        if old and old.get("stat") == stamp and old.get("key") == key and all(i in indexed for i in old["ids"]):
            self.pending[name] = old
            return list(old["ids"])
        self.pending[name] = {"stat": stamp, "key": key, "ids": []}  # the stat from before it is read
        return None

    def holds(self, origin: str, doc_id: str) -> None:
        entry = self.pending.get(file_of(origin))
        if entry is not None:
            entry["ids"].append(doc_id)

    def spoil(self, origin: str) -> None:
        self.spoilt.add(file_of(origin))

    def write(self, gen: Path) -> None:
        entries = {**self.entries, **self.pending}
        for name in self.spoilt:
            entries.pop(name, None)
        tmp = gen / f".{MANIFEST}.tmp"  # a new file: the previous generation's hard link is untouched
        tmp.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(tmp, gen / MANIFEST)
