"""`vnsearch index --dask`: extraction and segmentation on a real dask.distributed cluster (a
LocalCluster of two worker processes) give the index a local build gives, document for document."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.indexing.build import build
from search.indexing.store import Store
from search.retrieval.engine import Engine
from search.solr.parity import compare, load_requests

ROOT = Path(__file__).resolve().parents[2]
SEARCHES = load_requests(ROOT / "tests" / "solr" / "searches.toml")

pytestmark = pytest.mark.slow


def test_a_build_on_a_dask_cluster_is_the_local_build(tmp_path: Path) -> None:
    from distributed import LocalCluster

    from bench.generate import generate

    generate(150, tmp_path / "corpus", seed=3)
    paths = [tmp_path / "corpus", ROOT / "corpus"]
    local = build(paths, tmp_path / "local", workers=1, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = build(paths, tmp_path / "dask", progress=False, dask=cluster.scheduler_address)
    assert (remote.added, len(remote.failed)) == (local.added, len(local.failed)) == (155, 0)

    def contents(index: Path) -> tuple[list[dict], set, list]:
        store = Store(index)
        ix = whoosh_index.open_dir(str(store.root / store.current_name()))
        with ix.searcher() as s:
            r = s.reader()
            stored = [r.stored_fields(d) for d in range(r.doc_count_all())]
            terms = set(r.all_terms())
            sample = sorted(terms)[::97]
            postings = [(t, list(r.postings(*t).items_as("frequency"))) for t in sample]
        return stored, terms, postings

    assert contents(tmp_path / "dask") == contents(tmp_path / "local")
    same = compare(Engine(str(tmp_path / "local")), Engine(str(tmp_path / "dask")), SEARCHES)
    assert (same.totals_equal, same.facets_equal, same.overlap) == (same.searches, same.searches, 1.0)
