"""Ingestion: files and folders in, RawDocuments out (the first stage of the pipeline).

Importing the package registers every reader (one module per input format).
"""

from search.ingest import feeds, html, markdown, pdf, plain, records, tables, warc  # noqa: F401 - readers register
from search.ingest.report import LoadReport, Skip, SkipFile
from search.ingest.walk import iter_documents

__all__ = ["LoadReport", "Skip", "SkipFile", "iter_documents"]
