"""Site metadata for a corpus folder: which portal, province, district and unit its pages come from.

A scraped page rarely says which portal it was taken from, but whoever collected it knows. They
write it once in a ``sources.toml`` next to the files::

    [[source]]
    match = "000_*.txt"            # glob, relative to the folder holding sources.toml
    source_url = "https://namtruc.namdinh.gov.vn/..."
    site_name = "Cổng thông tin điện tử huyện Nam Trực"
    province = "Nam Định"
    district = "Nam Trực"
    unit = "Ban Tuyên giáo Huyện ủy Nam Trực"   # optional

For one folder, the first rule whose ``match`` fits the file wins, and a ``match = "*"`` rule gives
defaults for the fields that rule leaves out (wherever it stands in the file). Folders cascade like
``.editorconfig``: a sources.toml in a subfolder applies to the files under it and wins field by
field over the folders above it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from fnmatch import fnmatchcase
from pathlib import Path

from search.model import SiteDefaults
from search.text import normalize

SOURCES_FILE = "sources.toml"
_SITE_FIELDS = tuple(f.name for f in fields(SiteDefaults))
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class SourcesError(ValueError):
    """A sources.toml that cannot be used; ``line`` is 1-based where the parser said."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = f" at line {line}" if line else ""
        super().__init__(f"{path}: invalid sources.toml{where}: {message}")


@dataclass(frozen=True)
class SourceRule:
    match: str
    folder: Path
    site: SiteDefaults

    @property
    def is_default(self) -> bool:
        return self.match.strip() in {"*", "**", "**/*"}

    def matches(self, path: Path) -> bool:
        try:
            rel = Path(path).relative_to(self.folder).as_posix()
        except ValueError:
            return False
        if self.is_default:
            return True
        pattern = self.match.strip().removeprefix("./")
        if fnmatchcase(rel, pattern):
            return True
        # "**/x" also matches "x" at the folder itself.
        return pattern.startswith("**/") and fnmatchcase(rel, pattern[3:])


def load_sources(folder: Path) -> list[SourceRule]:
    """Rules of ``folder/sources.toml`` in file order; [] when there is none. Raises SourcesError."""
    folder = Path(folder)
    path = folder / SOURCES_FILE
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise SourcesError(path, f"cannot read ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourcesError(path, "not UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        raise SourcesError(path, str(exc), int(m.group(1)) if m else None) from exc
    entries = data.get("source", [])
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        raise SourcesError(path, "'source' must be an array of tables ([[source]])")
    base = folder.resolve()
    rules = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise SourcesError(path, f"source #{n} is not a table")
        match = entry.get("match", "*")
        if not isinstance(match, str) or not match.strip():
            raise SourcesError(path, f"source #{n}: 'match' must be a non-empty string")
        values = {}
        for name in _SITE_FIELDS:
            value = entry.get(name)
            if value is None:
                continue
            if not isinstance(value, str):
                raise SourcesError(path, f"source #{n}: '{name}' must be a string")
            value = value.strip() if name == "source_url" else normalize(value).strip()
            values[name] = value or None
        rules.append(SourceRule(match=match.strip(), folder=base, site=SiteDefaults(**values)))
    return rules


def merge_site(base: SiteDefaults | None, over: SiteDefaults | None) -> SiteDefaults:
    """``over`` wins field by field where it says something."""
    base = base or SiteDefaults()
    if over is None:
        return base
    changes = {name: getattr(over, name) for name in _SITE_FIELDS if getattr(over, name) is not None}
    return replace(base, **changes) if changes else base


def _site_in_folder(path: Path, rules: list[SourceRule]) -> SiteDefaults | None:
    """One folder's answer: the first specific match over the folder defaults."""
    default = next((r.site for r in rules if r.is_default), None)
    specific = next((r.site for r in rules if not r.is_default and r.matches(path)), None)
    if default is None and specific is None:
        return None
    return merge_site(default, specific)


def site_for(path: Path, rules: list[SourceRule]) -> SiteDefaults:
    """Site metadata for ``path`` from rules of one or several folders (nearest folder wins per field)."""
    path = Path(path).resolve()
    by_folder: dict[Path, list[SourceRule]] = {}
    for rule in rules:
        if path.is_relative_to(rule.folder):
            by_folder.setdefault(rule.folder, []).append(rule)
    site = SiteDefaults()
    for folder in sorted(by_folder, key=lambda f: len(f.parts)):  # outermost first, nearest last
        site = merge_site(site, _site_in_folder(path, by_folder[folder]))
    return site
