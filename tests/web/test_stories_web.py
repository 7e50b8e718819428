"""Republished copies on the page, in its JSON twin and in the exports (test client, a real index)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import lxml.html
import pytest

from search.indexing.build import build
from tests.indexing.test_stories import COPIES, write
from webui import create_app


@pytest.fixture(scope="module")
def copies_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("copies")
    build([write(root / "corpus", COPIES)], root / "index", workers=1, progress=False)
    return root / "index"


@pytest.fixture(scope="module")
def client(copies_index: Path):
    return create_app({"INDEX_DIR": str(copies_index), "RATELIMIT_ENABLED": False}).test_client()


def test_the_page_shows_one_story_with_its_copies_and_a_toggle(client) -> None:
    doc = lxml.html.fromstring(client.get("/search?q=tuyên+giáo").data)
    assert len(doc.cssselect("ol.hits > li.hit")) == 1
    assert "3 kết quả" in doc.cssselect(".result-count")[0].text_content()
    assert "1 tin" in doc.cssselect(".stories-count")[0].text_content()
    summary = doc.cssselect(".hit-copies summary")[0].text_content()
    assert summary == "2 bản đăng lại"
    assert len(doc.cssselect(".hit-copies li a")) == 2
    toggle = doc.cssselect("a.copies-toggle")[0]
    assert toggle.text_content() == "Hiện mọi bản đăng lại" and "copies=all" in toggle.get("href")
    every = lxml.html.fromstring(client.get(toggle.get("href")).data)
    assert len(every.cssselect("ol.hits > li.hit")) == 3 and not every.cssselect(".hit-copies")
    assert every.cssselect("a.copies-toggle")[0].text_content() == "Gộp các bản đăng lại"


def test_counting_stories_in_the_facets(client) -> None:
    data = json.loads(client.get("/search.json?count=stories").data)
    assert [(v["value"], v["count"]) for v in data["facets"]["year"]] == [("2023", 2)]  # copies count once
    assert data["facets"]["year"][0]["toggle_url"].endswith("count=stories")  # the choice is kept
    plain = json.loads(client.get("/search.json").data)
    assert plain["facets"]["year"][0]["count"] == 4 and plain["stories"] == 2 and plain["grouped"] is True


def test_exports_hold_every_copy_with_its_story(client) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv?q=tuyên+giáo").data.decode("utf-8-sig"))))
    assert len(rows) == 3 and len({r["story"] for r in rows}) == 1 and rows[0]["story"]
    data = json.loads(client.get("/search.json?q=tuyên+giáo&copies=all").data)
    assert len(data["hits"]) == 3 and all(h["story"] == rows[0]["story"] for h in data["hits"])
