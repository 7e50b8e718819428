"""What a load run found: documents loaded, and every file or line skipped with its reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# How skips are counted in the summary: kind -> (one, many).
SKIP_KINDS = {
    "empty": ("empty file", "empty files"),
    "binary": ("binary file", "binary files"),
    "undecodable": ("undecodable file", "undecodable files"),
    "too_large": ("file too large", "files too large"),
    "vanished": ("vanished file", "vanished files"),
    "unreadable": ("unreadable file", "unreadable files"),
    "missing": ("missing path", "missing paths"),
    "front_matter": ("file with invalid front matter", "files with invalid front matter"),
    "bad_line": ("malformed line", "malformed lines"),
    "bad_json": ("invalid JSON file", "invalid JSON files"),
    "bad_record": ("unusable record", "unusable records"),
    "no_text": ("file without text", "files without text"),
    "no_text_layer": ("PDF without a text layer", "PDFs without a text layer"),
    "truncated": ("truncated archive", "truncated archives"),
    "sources": ("invalid sources.toml", "invalid sources.toml files"),
    "not_file": ("not a regular file", "not regular files"),
    "broken_link": ("broken link", "broken links"),
    "error": ("unexpected error", "unexpected errors"),
}


@dataclass
class Skip:
    """A file (``path``) or a line of one (``path:LINE``) that gave no document, and why."""

    path: str
    reason: str
    kind: str = ""  # a SKIP_KINDS key; others are counted by the reason's first words

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class LoadReport:
    loaded: int = 0
    skipped: list[Skip] = field(default_factory=list)
    files: int = 0
    # What was read with something left out, no document lost: an attachment not found, an archive's
    # records that are no page. Said, never counted as skipped.
    notes: list[Skip] = field(default_factory=list)

    def skip(self, path: str | Path, reason: str, kind: str = "error") -> None:
        self.skipped.append(Skip(str(path), reason, kind))

    def note(self, path: str | Path, reason: str, kind: str = "note") -> None:
        self.notes.append(Skip(str(path), reason, kind))

    def summary(self) -> str:
        """One headline ("loaded 5 documents from 7 files; skipped 2: ...") and one line per skip."""
        docs, files = _plural(self.loaded, "document", "documents"), _plural(self.files, "file", "files")
        head = f"loaded {docs} from {files}"
        notes = [f"  note: {n}" for n in self.notes]
        if not self.skipped:
            return "\n".join([head, *notes])
        counts = Counter(s.kind or s.reason.split(":")[0].split(" (")[0] for s in self.skipped)
        parts = []
        for kind, n in counts.most_common():
            one, many = SKIP_KINDS.get(kind, (kind, kind))
            parts.append(f"{n} {one if n == 1 else many}")
        lines = [f"{head}; skipped {len(self.skipped)}: {', '.join(parts)}"]
        lines += [f"  {s}" for s in self.skipped]
        lines += notes
        return "\n".join(lines)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SkipFile(Exception):
    """Raised inside a format reader: the whole file is skipped with this reason."""

    def __init__(self, reason: str, kind: str):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
