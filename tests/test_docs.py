"""docs/reliability.md stays honest: every test it names exists, and its load table matches the results."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"


def test_every_named_test_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text))
    assert named
    for path, name in named:
        file = ROOT / path
        assert file.exists(), path
        if name:
            functions = {n.name for n in ast.walk(ast.parse(file.read_text("utf-8"))) if isinstance(n, ast.FunctionDef)}
            assert name in functions, f"{path}::{name} is named in docs/reliability.md but does not exist"


def test_load_table_matches_the_newest_results_file() -> None:
    runs = sorted((ROOT / "bench" / "results").glob("load-*.json"))  # names sort by date and time
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- load:begin -->")[1].split("<!-- load:end -->")[0]
    if not runs:
        assert "no run recorded" in block
        return
    newest = json.loads(runs[-1].read_text(encoding="utf-8"))
    assert f"| {newest['commit']} |" in block
    assert f"| {newest['requests_per_s']} |" in block
    assert newest["errors"] == 0, "the load bar is zero errors"
