"""Files and folders -> RawDocuments, one bad file never stopping the rest.

Real corpora are scraped pages (.txt), saved pages (.html), exported posts with front matter (.md)
and dumps with one article per line (.jsonl). Each file either yields documents or leaves a
:class:`Skip` in the :class:`LoadReport` that names it and says why. Which reader reads a file is
decided by its suffix in :mod:`search.ingest.readers`; site metadata (source URL, province,
district, unit) comes from ``sources.toml`` files, overridden field by field by an explicit ``site``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from search.ingest.boilerplate import strip_site_boilerplate
from search.ingest.decode import DEFAULT_MAX_BYTES
from search.ingest.readers import reader_for
from search.ingest.report import LoadReport, SkipFile
from search.ingest.sources import SOURCES_FILE, SourceRule, SourcesError, load_sources, merge_site, site_for
from search.model import RawDocument, SiteDefaults

# --------------------------------------------------------------------------- walking

# Files whose documents depend on nothing but the file: an unchanged one need not be read again. (A
# folder's pages lose the lines their site repeats, and a post reads its attachments: not these.)
SELF_CONTAINED = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")


def iter_documents(
    paths: Iterable[str | Path] | str | Path,
    report: LoadReport,
    site: SiteDefaults | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known: Callable[[Path, SiteDefaults], bool] | None = None,
) -> Iterator[RawDocument]:
    """Yield the documents of files and folders (recursively, sorted), recording every skip in ``report``.

    Lazy: a JSONL file is read one line at a time, other files one at a time. ``max_bytes`` caps a
    whole-file read (and each JSONL line); larger files are skipped without being read. A
    self-contained file (records: JSONL, CSV, JSON) for which ``known(path, site)`` says yes (the
    index holds it unchanged) is not read at all.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    rules_cache: dict[Path, list[SourceRule]] = {}
    for given in paths:
        root = Path(given)
        try:
            is_dir = root.is_dir()
            exists = is_dir or root.exists() or root.is_symlink()
        except OSError as exc:
            report.skip(root, f"cannot access ({exc.strerror or exc})", "unreadable")
            continue
        if not exists:
            report.skip(root, "no such file or folder", "missing")
            continue
        if root.is_symlink() and not root.exists():
            report.files += 1
            report.skip(root, "broken symbolic link", "broken_link")
            continue
        if is_dir:
            pages: list[RawDocument] = []  # a folder's HTML pages wait, to learn what its site repeats
            for path in _walk(root, report, set()):
                for doc in _load_file(path, rules_cache, report, site, max_bytes, known):
                    if doc.kind == "html":
                        pages.append(doc)
                    else:
                        yield doc
            yield from strip_site_boilerplate(pages)
        else:
            yield from _load_file(root, rules_cache, report, site, max_bytes, known)


def _ignored(name: str) -> bool:
    lower = name.lower()
    return name.startswith(".") or lower.endswith(".toml") or lower.startswith("readme") or name.endswith("~")


def _walk(folder: Path, report: LoadReport, seen: set[str]) -> Iterator[Path]:
    seen.add(os.path.realpath(folder))
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except FileNotFoundError:
        report.skip(folder, "folder vanished", "vanished")
        return
    except OSError as exc:
        report.skip(folder, f"cannot list folder ({exc.strerror or exc})", "unreadable")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real not in seen:  # a symlink loop is walked once
                    yield from _walk(path, report, seen)
                continue
            is_file = entry.is_file()
        except OSError as exc:
            report.skip(path, f"cannot access ({exc.strerror or exc})", "unreadable")
            continue
        if _ignored(entry.name):
            continue
        if is_file:
            yield path
        elif entry.is_symlink():
            report.files += 1
            report.skip(path, "broken symbolic link", "broken_link")
        else:
            report.files += 1
            report.skip(path, "not a regular file", "not_file")


def _folder_chain(folder: Path) -> list[Path]:
    """Every folder from the top down to ``folder``: a sources.toml applies to all files under it."""
    folder = folder.resolve()
    return [*reversed(folder.parents), folder]


def _rules_for(folders: list[Path], cache: dict[Path, list[SourceRule]], report: LoadReport) -> list[SourceRule]:
    rules: list[SourceRule] = []
    for folder in folders:
        if folder not in cache:
            try:
                cache[folder] = load_sources(folder)
            except SourcesError as exc:
                cache[folder] = []
                where = f" at line {exc.line}" if exc.line else ""
                report.skip(
                    exc.path,
                    f"invalid {SOURCES_FILE}{where}: {exc.message}; its rules are ignored",
                    "sources",
                )
        rules.extend(cache[folder])
    return rules


def _load_file(
    path: Path,
    cache: dict[Path, list[SourceRule]],
    report: LoadReport,
    explicit: SiteDefaults | None,
    max_bytes: int,
    known: Callable[[Path, SiteDefaults], bool] | None = None,
) -> Iterator[RawDocument]:
    rules = _rules_for(_folder_chain(path.parent), cache, report)
    site = merge_site(site_for(path, rules) if rules else SiteDefaults(), explicit)
    report.files += 1
    if known is not None and path.suffix.lower() in SELF_CONTAINED and known(path, site):
        return
    try:
        for doc in _read_documents(path, site, report, max_bytes):
            report.loaded += 1
            yield doc
    except SkipFile as skip:
        report.skip(path, skip.reason, skip.kind)
    except FileNotFoundError:
        report.skip(path, "file vanished", "vanished")
    except IsADirectoryError:
        report.skip(path, "not a regular file", "not_file")
    except OSError as exc:
        report.skip(path, f"cannot read ({exc.strerror or exc})", "unreadable")
    except Exception as exc:  # one odd file must never end a whole load
        report.skip(path, f"could not load ({type(exc).__name__}: {exc})", "error")


def _read_documents(path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int) -> Iterator[RawDocument]:
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or device would block or never end
        raise SkipFile("not a regular file", "not_file")
    yield from reader_for(path)(path, site, report, max_bytes)
