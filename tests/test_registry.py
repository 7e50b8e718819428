"""Adding a facet is one registry entry plus its extraction: it reaches the schema, the JSON twin and the sidebar."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from search import registry
from search.indexing.build import build
from search.indexing.store import Store
from tests.conftest import ROOT
from webui import create_app


def test_a_registered_facet_appears_everywhere(tmp_path: Path) -> None:
    facet = registry.Facet("initial", ("Chữ cái đầu", "First letter"), lambda a: [a.title[:1].upper()])
    registry.register_facet(facet)
    try:
        index_dir = tmp_path / "index"
        build([ROOT / "corpus"], index_dir, workers=1, progress=False)
        assert "initial" in Store(index_dir).open().schema.names()

        client = create_app({"INDEX_DIR": str(index_dir), "RATELIMIT_ENABLED": False}).test_client()
        data = client.get("/search.json?q=tuyen+giao").get_json()
        counts = {v["value"]: v["count"] for v in data["facets"]["initial"]}
        assert counts == {"H": 3, "B": 1, "T": 1}  # the five seed titles start with H, H, H, B, T

        filtered = client.get("/search.json?q=tuyen+giao&initial=B").get_json()
        assert filtered["total"] == 1

        page = lxml.html.fromstring(client.get("/search?q=tuyen+giao").get_data(as_text=True))
        fieldset = page.cssselect("fieldset.facet-initial")
        assert fieldset, "the sidebar has no fieldset for the new facet"
        assert fieldset[0].cssselect("legend")[0].text_content().strip() == "Chữ cái đầu"
        assert {i.get("value") for i in fieldset[0].cssselect("input[name=initial]")} == {"H", "B", "T"}
    finally:
        registry.unregister_facet("initial")
