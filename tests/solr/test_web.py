"""`vnsearch serve --backend solr://…` in front of a real SolrCloud: the pages a reader uses render from
Solr exactly as they do from the Whoosh index, and a page this backend does not offer yet says so."""

from __future__ import annotations

import csv as csv_module
import io
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.servers import start_vnsearch, stop

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def servers(generated_pair: tuple[Path, str]) -> Iterator[tuple[str, str]]:
    """The same corpus served twice: from its Whoosh index, and from its Solr collection."""
    index, address = generated_pair
    env = {"VNSEARCH_RATELIMIT_ENABLED": "false"}
    whoosh, whoosh_url = start_vnsearch(index, env=env)
    solr, solr_url = start_vnsearch(index.parent / "unused", env=env, args=("--backend", address))
    yield whoosh_url, solr_url
    stop(whoosh)
    stop(solr)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _counts(found: dict) -> dict:
    return {name: [(v["value"], v["count"], v["selected"]) for v in values] for name, values in found["facets"].items()}


def test_the_json_twin_is_the_same_from_both_backends(servers: tuple[str, str]) -> None:
    whoosh, solr = servers
    for query in ("q=tuyen+giao", "q=h%E1%BB%99i+ngh%E1%BB%8B&year=2021", "q=&sort=oldest", "q=chi+thi+05"):
        a = json.loads(_get(f"{whoosh}/search.json?{query}")[1])
        b = json.loads(_get(f"{solr}/search.json?{query}")[1])
        assert a["total"] == b["total"] > 0, query
        assert _counts(a) == _counts(b), query
        if "sort" not in query:
            assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]], query
            assert [h["snippet_html"] for h in a["hits"]] == [h["snippet_html"] for h in b["hits"]], query


def test_search_page_document_page_and_export_render_from_solr(servers: tuple[str, str]) -> None:
    _, solr = servers
    status, page = _get(f"{solr}/search?q=tuyen+giao")
    assert status == 200 and "<mark>" in page
    found = json.loads(_get(f"{solr}/search.json?q=tuyen+giao&per_page=1")[1])
    hit = found["hits"][0]
    status, doc = _get(f"{solr}/doc/{hit['id']}")
    assert status == 200 and hit["title"] in doc
    status, table = _get(f"{solr}/search.csv?q=tuyen+giao")
    assert status == 200 and len(list(csv_module.reader(io.StringIO(table)))) == found["total"] + 1
    status, health = _get(f"{solr}/healthz")
    assert status == 200 and json.loads(health)["backend"] == "solr"
    status, about = _get(f"{solr}/about.json")
    assert status == 200 and json.loads(about)["documents"] == 400


def test_a_page_not_offered_on_solr_says_so_and_is_no_error(servers: tuple[str, str]) -> None:
    _, solr = servers
    status, page = _get(f"{solr}/attention?q=tuyen+giao")
    assert status == 400
    assert "Chức năng này chưa có khi tìm trên Solr" in page
    status, body = _get(f"{solr}/notable.json?q=tuyen+giao")
    assert status == 400 and "Solr" in json.loads(body)["error"]
