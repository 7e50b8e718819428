"""The JSON twin for a fixed set of searches, compared with a committed snapshot.

A refactoring must not change what users see; a deliberate change of matching or ranking updates
the snapshot in the same commit (``VNSEARCH_UPDATE_SNAPSHOTS=1 pytest tests/retrieval/test_snapshot.py``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from webui import create_app

SNAPSHOT = Path(__file__).parent / "snapshots" / "search.json"
QUERIES = [
    "",
    "q=tuyen+giao",
    "q=tuyên+giáo",
    "q=hoi+nghi+tong+ket",
    "q=chi+thi+05",
    "q=05-CT%2FTW",
    "q=%22c%C3%B4ng+t%C3%A1c+tuy%C3%AAn+gi%C3%A1o%22",
    "q=tuyen+giao+-thanh",
    "q=nam+dinh+OR+thanh+hoa",
    "q=title%3Ahoi+nghi",
    "q=bao+cao+vien",
    "q=province%3A%22Nam+%C4%90%E1%BB%8Bnh%22",
    "q=tuyen+giao&province=Nam+%C4%90%E1%BB%8Bnh&province=Thanh+H%C3%B3a",
    "q=tuyen+giao&year=2022&sort=newest",
    "sort=oldest&per_page=2&page=2",
    "q=hoij+nghij",
    "q=tuyen+giao&from=2022-01-01&to=2022-12-31",
    "q=nhi%E1%BB%87m+v%E1%BB%A5&unit=Ban+Tuy%C3%AAn+gi%C3%A1o+T%E1%BB%89nh+%E1%BB%A7y+B%E1%BA%AFc+K%E1%BA%A1n",
]


def _outputs(sample_index: Path) -> dict[str, object]:
    client = create_app({"INDEX_DIR": str(sample_index), "RATELIMIT_ENABLED": False}).test_client()
    out: dict[str, object] = {}
    for qs in QUERIES:
        response = client.get(f"/search.json?{qs}")
        assert response.status_code == 200, qs
        data = response.get_json()
        data.pop("took_ms", None)
        for hit in data["hits"]:
            hit["origin"] = Path(hit["origin"]).name
            for key in ("id", "url", "json_url"):  # a sample page's id is its path: it moves with the checkout
                hit.pop(key, None)
        out[qs] = data
    return out


def test_json_twin_matches_snapshot(sample_index: Path) -> None:
    got = _outputs(sample_index)
    if os.environ.get("VNSEARCH_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip("snapshot written")
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for qs in QUERIES:
        assert got[qs] == want[qs], qs
