"""Web archives (WARC and ARC, gzipped or not): every archived HTML page and PDF as a document.

warcio streams the records. Each HTTP response with status 200 and an HTML or PDF body becomes a
document with the record's URL; the capture time is kept as ``crawled`` and is never taken for the
publication date (an archive of 2024 holds pages of 2017). Other records (images, scripts,
redirects) are counted, not read; a truncated archive keeps what came before the damage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from search.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from search.ingest.html import html_document
from search.ingest.pdf import pdf_text
from search.ingest.readers import reader
from search.ingest.report import LoadReport, SkipFile
from search.model import RawDocument, SiteDefaults


@reader(".warc", ".warc.gz", ".arc", ".arc.gz")
def read_warc(
    path: Path, site: SiteDefaults, report: LoadReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    other: Counter[str] = Counter()
    pages = 0
    with open(path, "rb") as f:
        records = ArchiveIterator(f, arc2warc=True)
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if status != "200" or ctype not in ("text/html", "application/xhtml+xml", "application/pdf"):
                    other[ctype or f"status {status}"] += 1
                    continue
                body = record.content_stream().read(max_bytes + 1)
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside this record
                    report.skip(
                        f"{path}@{records.offset}", f"truncated archive after {pages} pages ({url})", "truncated"
                    )
                    break
                where = f"{path}@{records.get_record_offset()}"  # asked after the read: asking finishes the record
                if len(body) > max_bytes:
                    report.skip(where, f"record larger than {max_bytes} bytes ({url})", "too_large")
                    continue
                crawled = record.rec_headers.get_header("WARC-Date")
                doc = _document(where, url, ctype, body, record.http_headers, site, report)
                if doc is not None:
                    doc.fields.setdefault("url", url)
                    if crawled:
                        doc.fields["crawled"] = crawled
                    pages += 1
                    yield doc
        except ArchiveLoadFailed as exc:
            report.skip(f"{path}@{records.get_record_offset()}", f"truncated or damaged archive: {exc}", "truncated")
        except (EOFError, OSError, ValueError) as exc:  # a gzip member cut short
            report.skip(path, f"truncated archive after {pages} pages: {exc}", "truncated")
    if not pages and not other:
        raise SkipFile("no archived pages", "empty")
    if other:
        kinds = ", ".join(f"{n} {k}" for k, n in other.most_common(5))
        report.note(path, f"{sum(other.values())} records are no page and were not read ({kinds})")


def _document(
    where: str, url: str, ctype: str, body: bytes, headers: object, site: SiteDefaults, report: LoadReport
) -> RawDocument | None:
    if ctype == "application/pdf":
        try:
            text = pdf_text(body)
        except SkipFile as exc:
            report.skip(where, f"{exc.reason} ({url})", exc.kind)
            return None
        if not text:
            report.skip(where, f"PDF without a text layer ({url})", "no_text_layer")
            return None
        return RawDocument(origin=where, text=text, kind="text", fields={"url": url}, site=site)
    charset = None
    declared = headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    if "charset=" in declared.lower():
        charset = declared.lower().split("charset=", 1)[1].split(";")[0].strip()
    try:
        return html_document(where, decode_bytes(body, charset), site)
    except SkipFile as exc:
        report.skip(where, f"{exc.reason} ({url})", exc.kind)
        return None
