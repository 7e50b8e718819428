"""The index on disk: generations, one writer at a time, and an atomic switch.

Layout of an index folder::

    index/
      CURRENT          -> "gen-000004" (a one-line file replaced atomically)
      gen-000003/      the previous generation, kept so readers that still hold it finish
      gen-000004/      the live Whoosh index
      .lock            held (flock) by the one process that is writing

A build writes a new generation (starting from hard links to the current one's immutable files),
and only when it has committed does it replace CURRENT. A build killed at any point leaves CURRENT
naming a complete index; the half-written generation is removed by the next build.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage

from search.indexing.schema import make_schema, schema_version

CURRENT = "CURRENT"
VERSION_FILE = "SCHEMA_VERSION"


class IndexBusy(RuntimeError):
    """Another process is writing this index."""


class IndexMissing(RuntimeError):
    """No index has been built in this folder yet."""


class IndexOutdated(IndexMissing):
    """The index was built by another version of the schema: it has to be built again."""


class IndexUnwritable(RuntimeError):
    """The index folder cannot be written (read-only, full disk, permissions)."""


class Store:
    """An index folder and its generations."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    # -- reading -------------------------------------------------------------------------------
    def current_name(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.root / name).is_dir() else None

    def current_path(self) -> Path:
        name = self.current_name()
        if not name:
            raise IndexMissing(f"no index in {self.root}: build one with `vnsearch index`")
        return self.root / name

    def published_at(self) -> dt.datetime | None:
        """When the current generation was published (the pointer's time): when the index last changed."""
        try:
            stamp = (self.root / CURRENT).stat().st_mtime
        except FileNotFoundError:
            return None
        return dt.datetime.fromtimestamp(stamp, dt.UTC)

    def open(self) -> index.Index:
        return self.open_generation(self.current_path().name)

    def open_generation(self, name: str) -> index.Index:
        """Open one generation for reading, without memory maps.

        Whoosh copies every sub-file of a memory-mapped segment into a private buffer per reader
        (``BufferFile`` wraps it in ``BytesIO``): a server with eight threads held eight copies of the
        index. Read through ordinary file handles instead, each reader gets its own handle and the
        operating system's page cache is shared.
        """
        version = self._version(name)
        if version != schema_version():
            raise IndexOutdated(
                f"the index in {self.root} was built by another version ({version or 'unknown'}, this one reads "
                f"{schema_version()}): build it again with `vnsearch index`"
            )
        return FileStorage(str(self.root / name), supports_mmap=False).open_index()

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Path]:
        """Hold the write lock and yield a fresh generation folder; publish it when the block ends."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = open(self.root / ".lock", "a+")  # noqa: SIM115 - held for the whole block
        except OSError as exc:
            raise IndexUnwritable(f"cannot write the index folder {self.root}: {exc.strerror}") from exc
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "another process"
                raise IndexBusy(
                    f"the index in {self.root} is being updated by {holder}; try again when it finishes"
                ) from None
            lock.seek(0)
            lock.truncate()
            lock.write(f"pid {os.getpid()}")
            lock.flush()
            self._remove_stale()
            new = self._new_generation()
            try:
                yield new
                self._publish(new.name)
                self._remove_stale()
            except BaseException:
                shutil.rmtree(new, ignore_errors=True)
                raise
        finally:
            lock.close()

    def _new_generation(self) -> Path:
        names = sorted(p.name for p in self.root.glob("gen-*"))
        number = int(names[-1].split("-")[1]) + 1 if names else 1
        new = self.root / f"gen-{number:06d}"
        current = self.current_name()
        try:
            new.mkdir()
            if current and self._version(current) == schema_version():
                # Whoosh never rewrites a segment file, so the new generation can share them.
                for f in (self.root / current).iterdir():
                    if f.is_file() and not f.name.endswith(".lock"):
                        os.link(f, new / f.name)
            else:  # first build, or the schema changed: everything is analysed afresh
                index.create_in(str(new), make_schema())
                (new / VERSION_FILE).write_text(schema_version(), encoding="utf-8")
        except OSError as exc:
            shutil.rmtree(new, ignore_errors=True)
            raise IndexUnwritable(disk_message(self.root, exc)) from exc
        return new

    def _version(self, name: str) -> str | None:
        try:
            return (self.root / name / VERSION_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            return None

    def _publish(self, name: str) -> None:
        tmp = self.root / f".{CURRENT}.{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(name + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.root / CURRENT)
        _fsync_dir(self.root)

    def _remove_stale(self) -> None:
        """Drop generations that are neither current nor the one before it (readers may still hold that)."""
        current = self.current_name()
        gens = sorted(p.name for p in self.root.glob("gen-*"))
        keep = {current}
        if current in gens:
            i = gens.index(current)
            if i > 0:
                keep.add(gens[i - 1])
        for name in gens:
            if name not in keep:
                shutil.rmtree(self.root / name, ignore_errors=True)
        for tmp in self.root.glob(f".{CURRENT}.*"):
            tmp.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def disk_message(root: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"the disk holding {root} is full; the previous index is untouched"
    if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
        return f"the index folder {root} is read-only; the previous index is untouched"
    return f"cannot write the index folder {root}: {exc.strerror or exc}"
