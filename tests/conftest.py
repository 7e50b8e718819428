"""Shared fixtures: a real index on disk, built from the shipped sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from search.indexing.build import build

    index_dir = tmp_path_factory.mktemp("index")
    build([ROOT / "corpus"], index_dir, workers=1, progress=False)
    return index_dir


@pytest.fixture(scope="session")
def engine(sample_index: Path):
    from search.retrieval.engine import Engine

    return Engine(str(sample_index))


def seed_id(engine, prefix: str) -> str:
    """The id of a sample article by its file name prefix ("000")."""
    results = engine.search("", per_page=10)
    return next(h.id for h in results.hits if Path(h.origin).name.startswith(prefix))


@pytest.fixture(scope="session")
def research_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The researcher corpus (tests/research_corpus.py) indexed: known counts, dates and provinces."""
    from search.indexing.build import build
    from tests import research_corpus

    root = tmp_path_factory.mktemp("research")
    build([research_corpus.write(root / "corpus")], root / "index", workers=1, progress=False)
    return root / "index"
