"""A real SolrCloud for the backend tests: two nodes and an embedded ZooKeeper from Solr's own test
framework (search/solr/cloud.py), one per test session. Where Java or Maven is missing, every test
here is skipped with the reason; where they exist, a cluster that does not start is a failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search.indexing.build import build
from search.solr import admin, indexing
from search.solr.client import parse_address
from search.solr.cloud import SolrCloud, missing_tools

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def solr_cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SolrCloud]:
    why = missing_tools()
    if why:
        pytest.skip(f"SolrCloud tests skipped: {why}")
    with SolrCloud(nodes=2, folder=tmp_path_factory.mktemp("solrcloud")) as cloud:
        yield cloud


def indexed_pair(cloud: SolrCloud, corpus: Path, root: Path, collection: str) -> tuple[Path, str]:
    """``corpus`` indexed both ways: a Whoosh index folder and a 2 shards × 2 replicas collection."""
    address = cloud.address(collection)
    admin.init(parse_address(address), shards=2, replicas=2)
    indexing.build([corpus], parse_address(address), workers=2, progress=False)
    build([corpus], root / "index", workers=2, progress=False)
    return root / "index", address


@pytest.fixture(scope="session")
def generated_pair(solr_cloud: SolrCloud, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """400 generated articles of the genre (bench/generate.py), in both backends."""
    from bench.generate import generate

    root = tmp_path_factory.mktemp("parity")
    generate(400, root / "corpus", seed=7)
    return indexed_pair(solr_cloud, root / "corpus", root, "generated")
