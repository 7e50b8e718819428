"""CSV and TSV exports: one article per row, the header mapped like front matter.

The header's names go through the one table of record keys (:data:`search.ingest.records.ALIASES`):
"tieu_de"/"title"/"headline", "ngay"/"date"/"pubDate" and so on. A row without text is reported
with its line and skipped; the rest of the file goes on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from search.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, read_capped
from search.ingest.readers import reader
from search.ingest.records import record_document
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults

csv.field_size_limit(DEFAULT_MAX_BYTES)  # an article body is one cell: far above the 128 KB default


@reader(".csv", ".tsv")
def read_table(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    text = decode_bytes(read_capped(path, max_bytes)).lstrip("\ufeff")
    if not text.strip():
        raise SkipFile("empty file", "empty")
    if path.suffix.lower() == ".tsv":
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    header = next(rows, None)
    if not header or not any(h.strip() for h in header):
        raise SkipFile("no header row", "bad_record")
    names = [h.strip() for h in header]
    try:
        for values in rows:
            line = rows.line_num
            if not any(v.strip() for v in values):
                continue
            where = f"{path}:{line}"
            if len(values) > len(names):
                report.skip(where, f"{len(values)} cells under a header of {len(names)}", "bad_line")
                continue
            record = {k: v for k, v in zip(names, values, strict=False) if k and v.strip()}
            try:
                yield record_document(where, record, site)
            except ValueError as exc:
                report.skip(where, str(exc), "bad_line")
    except csv.Error as exc:
        raise SkipFile(f"malformed CSV at line {rows.line_num}: {exc}", "bad_record") from exc
