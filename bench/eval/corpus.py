"""Finding the corpora and reading them exactly as vnsearch does (`python -m search extract`).

The extract output is cached under ``bench/work/eval/`` keyed by the corpus files' paths, sizes and
mtimes: extraction of ~4,000 articles takes a while and the anchors need the same documents.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.eval.engines import Doc

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "bench" / "work" / "eval"
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
ENV_VAR = "VNSEARCH_EVAL_CORPORA"
# The shared corpora; a folder without them is evaluated as a whole (anything vnsearch can read).
KNOWN_PARTS = ("baomoi-2017/articles.jsonl", "dantri-2021/articles.jsonl", "daksong-portal/content")


def find_corpora(option: str | None = None) -> Path:
    """The corpora folder: ``--corpora``, else $VNSEARCH_EVAL_CORPORA, else ../shared/corpora."""
    chosen = option or os.environ.get(ENV_VAR) or str(DEFAULT_CORPORA)
    return Path(chosen).expanduser().resolve()


def corpus_inputs(corpora: Path) -> list[Path]:
    """The paths handed to `vnsearch extract` / `vnsearch index`: the known parts present, else the folder."""
    known = [corpora / part for part in KNOWN_PARTS if (corpora / part).exists()]
    return known or [corpora]


def _files(inputs: list[Path]) -> Iterator[Path]:
    for path in inputs:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            yield path


def fingerprint(inputs: list[Path]) -> str:
    """Hash of every input file's path, size and mtime, and of the code that reads them: a change in
    either means extracting again (a new title rule changes the known items)."""
    h = hashlib.sha1()
    for code in sorted((ROOT / "search").glob("*/*.py")) + sorted((ROOT / "search").glob("*.py")):
        if code.parent.name in ("ingest", "extract") or code.parent.name == "search":
            h.update(code.read_bytes())
    for path in _files(inputs):
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def extract(inputs: list[Path], work: Path = WORK, *, fresh: bool = False) -> tuple[list[Doc], bool]:
    """Articles as vnsearch extracts them (cached); returns (docs, whether the cache was used)."""
    work.mkdir(parents=True, exist_ok=True)
    cache, key_file = work / "articles.jsonl", work / "articles.key"
    key = fingerprint(inputs)
    cached = not fresh and cache.exists() and key_file.exists() and key_file.read_text().strip() == key
    if not cached:
        tmp = cache.with_suffix(".jsonl.tmp")
        with tmp.open("wb") as out:
            subprocess.run(
                [sys.executable, "-m", "search", "extract", *map(str, inputs)],
                cwd=ROOT,
                stdout=out,
                check=True,
            )
        tmp.replace(cache)
        key_file.write_text(key + "\n")
    docs: dict[str, Doc] = {}  # one row per id, the last one winning, as in the index
    with cache.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                data = json.loads(line)
                doc = Doc(str(data["id"]), data.get("title") or "", data.get("body") or "")
                docs.pop(doc.id, None)
                docs[doc.id] = doc
    return list(docs.values()), cached
