"""Which engine answers: the Whoosh index in a folder (the default) or a SolrCloud collection.

Both give the same Results for the same request; everything above the engine (the web layer, the
CLI, ``vnsearch watch``) gets one from here and cannot tell which it talks to.
"""

from __future__ import annotations

from typing import Any

from search.solr.client import is_solr


def open_engine(index_dir: str, backend: str | None = None) -> Any:
    """The engine for ``backend`` (``solr://host:port/solr/collection``), else for the index in ``index_dir``."""
    if backend and is_solr(backend):
        from search.solr.engine import SolrEngine

        return SolrEngine(backend)
    if backend and backend not in ("whoosh", "local"):
        raise ValueError(f"unknown backend {backend!r}: give solr://host:port/solr/collection, or leave it out")
    from search.retrieval.engine import Engine

    return Engine(index_dir)
