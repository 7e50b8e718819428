"""Facet counts read from the pairs of the whole index, or from the values of the matching documents:
the same numbers either way (a small search takes the second path, a broad one the first)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search.retrieval import facets
from search.retrieval.engine import Engine
from search.retrieval.request import SearchRequest


def counted(engine: Engine, request: SearchRequest) -> dict[str, list[tuple[str, int, bool]]]:
    found = engine.search(request)
    return {name: [(v.value, v.count, v.selected) for v in r.values] for name, r in found.facets.items()}


@pytest.mark.parametrize(
    "q, filters, stories",
    [
        ("", {}, False),
        ("Chỉ thị 05", {}, False),
        ("chi thi 05", {"province": ["Nam Định"]}, True),
        ("tập huấn", {"year": ["2021"], "province": ["Thái Bình", "Nam Định"]}, False),
        ("", {"directive": ["05-CT/TW"]}, True),
    ],
)
def test_small_and_broad_searches_count_the_same(
    research_index: Path, monkeypatch: pytest.MonkeyPatch, q: str, filters: dict, stories: bool
) -> None:
    engine = Engine(str(research_index))
    request = SearchRequest.build(q, filters, facet_limit=1000, count_stories=stories)
    monkeypatch.setattr(facets, "SPARSE_SHARE", 0.0)  # every count from the index's pairs
    whole = counted(engine, request)
    monkeypatch.setattr(facets, "SPARSE_SHARE", 2.0)  # every count from the matching documents
    assert counted(engine, request) == whole
    assert any(v[1] for values in whole.values() for v in values)  # something was counted


def test_the_values_of_matching_documents_are_their_pairs(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    columns = engine._generation().columns  # noqa: SLF001 - the columns a search counts
    rng = np.random.default_rng(7)
    multi = [c for c in columns.columns.values() if len(c.pair_doc) > len(np.unique(c.pair_doc))]
    assert multi  # units and directives: several values a document
    for column in columns.columns.values():
        mask = rng.random(columns.size) < 0.5
        monkeypatch.setattr(facets, "SPARSE_SHARE", 0.0)
        dense = sorted(zip(*(a.tolist() for a in column.value_pairs(mask)), strict=True))
        monkeypatch.setattr(facets, "SPARSE_SHARE", 2.0)
        sparse = sorted(zip(*(a.tolist() for a in column.value_pairs(mask)), strict=True))
        assert sparse == dense
