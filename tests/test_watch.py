"""`vnsearch watch`: what is new for saved searches, as cron runs it (the researcher corpus, a real index)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from search import watch
from search.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["watch", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_articles_are_reported_once(research_index: Path, tmp_path: Path, capsys) -> None:
    seen, digest = tmp_path / "seen.json", tmp_path / "out" / "digest.md"
    args = ("chỉ thị 05", "--index", str(research_index), "--since", "2021-03-01", "--seen", str(seen))
    code, out, err = run(capsys, *args, "--digest", str(digest), "--base-url", "https://portal.example/tra-cuu/")
    assert code == 0
    assert "chỉ thị 05: 2 mới / new (of 2)" in out
    assert out.index("2021-03-02") < out.index("2021-03-01")  # newest first
    assert "2 new for 1 searches since 2021-03-01; digest in" in err
    text = digest.read_text(encoding="utf-8")
    assert "## chỉ thị 05: 2" in text and "[Tin số 11 của Nam Định](https://portal.example/tra-cuu/doc/" in text
    assert len(json.loads(seen.read_text())["seen"]) == 2
    code, out, _ = run(capsys, *args)
    assert code == 0 and "chỉ thị 05: 0 mới / new (of 2)" in out  # nothing is reported twice


def test_several_searches_and_filters(research_index: Path, capsys) -> None:
    code, out, _ = run(capsys, "chỉ thị 05", "lúa", "--index", str(research_index), "--filter", "province=Thái Bình")
    assert code == 0
    assert "chỉ thị 05: 5 mới / new (of 5)" in out and "lúa: 5 mới / new (of 5)" in out
    assert "Nam Định" not in out


def test_a_span_back_from_today() -> None:
    assert watch.parse_since("7d", dt.date(2026, 12, 2)) == dt.date(2026, 11, 25)
    assert watch.parse_since("2w", dt.date(2026, 12, 2)) == dt.date(2026, 11, 18)
    assert watch.parse_since("2026-11-01") == dt.date(2026, 11, 1)


def test_bad_input_is_refused_and_nothing_is_overwritten(research_index: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "x", "--index", str(research_index), "--since", "yesterday")
    assert code == 2 and "--since 'yesterday'" in err
    seen = tmp_path / "seen.json"
    seen.write_text("not json", encoding="utf-8")
    code, _, err = run(capsys, "chỉ thị 05", "--index", str(research_index), "--seen", str(seen))
    assert code == 2 and "not a watch file" in err
    assert seen.read_text(encoding="utf-8") == "not json"  # kept for a person to look at
    code, _, err = run(capsys, "x", "--index", str(tmp_path / "none"))
    assert code == 2 and "vnsearch index" in err
