"""The API description is generated from the code, and schemathesis holds the real server to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tests.web.servers import start_vnsearch, stop
from webui import create_app

pytestmark = [pytest.mark.slow]


# What the description promises: no server error, documented statuses, content types and bodies. (A
# request the schema allows may still be refused with a documented 400, e.g. "from" after "to".)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_server(sample_index: Path) -> Iterator[str]:
    proc, base = start_vnsearch(sample_index, env={"VNSEARCH_RATELIMIT_ENABLED": "false"})
    try:
        yield base
    finally:
        stop(proc)


def test_the_real_server_keeps_its_description(api_server: str) -> None:
    """Bounded examples on every machine route: no server error, no response that breaks the schema."""
    schema = schemathesis.openapi.from_url(api_server + "/openapi.json")
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        check()
        checked.append(operation.label)
    assert len(checked) >= 9, checked


def test_every_machine_route_is_described(sample_index: Path) -> None:
    client = create_app({"INDEX_DIR": str(sample_index), "RATELIMIT_ENABLED": False}).test_client()
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    for path in ("/search.json", "/search.csv", "/search.xlsx", "/search.atom", "/doc/{doc_id}.json", "/suggest"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/search.json"]["get"]["parameters"]}
    assert {"q", "page", "sort", "province", "unit", "directive", "year"} <= names  # from the facet registry
    page = client.get("/api").get_data(as_text=True)
    assert "GET /search.json" in page and "/openapi.json" in page
