"""Front matter in every variant static-site generators write, and the errors of broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.extract.article import extract
from search.ingest import LoadReport, iter_documents

BODY = (
    "<p>Sáng ngày 6-1-2022, Ban Tuyên giáo Huyện ủy tổ chức hội nghị tổng kết công tác Tuyên giáo năm 2021, "
    "triển khai nhiệm vụ năm 2022.</p>\n<p>Hội nghị đã đánh giá kết quả đạt được.</p>\n"
)
META = {"title": "Hội nghị tổng kết công tác Tuyên giáo", "date": "2022-01-06T02:30:00.000Z", "tags": ["tuyên giáo"]}


def _json(meta: dict) -> str:
    return json.dumps(meta, ensure_ascii=False, indent=4)


VARIANTS = {
    "yaml": "---\ntitle: Hội nghị tổng kết công tác Tuyên giáo\ndate: 2022-01-06T02:30:00Z\ntags: [tuyên giáo]\n---\n",
    "yaml-fenced": "---yaml\ntitle: Hội nghị tổng kết công tác Tuyên giáo\ndate: 2022-01-06\n---\n",
    "toml": '+++\ntitle = "Hội nghị tổng kết công tác Tuyên giáo"\ndate = 2022-01-06T02:30:00Z\n+++\n',
    "toml-fenced": '---toml\ntitle = "Hội nghị tổng kết công tác Tuyên giáo"\ndate = "2022-01-06"\n---\n',
    "json-fenced": f"---json\n{_json(META)}\n---\n",
    "json-one-line": f"---json\n{json.dumps(META, ensure_ascii=False)}\n---\n",
    "json-semicolons": f";;;\n{_json(META)}\n;;;\n",
    "json-bare": f"{_json(META)}\n",
}


def load(path: Path) -> tuple[list, LoadReport]:
    report = LoadReport()
    return list(iter_documents([path], report)), report


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_front_matter_variant_gives_the_title_and_the_date(tmp_path: Path, variant: str) -> None:
    (tmp_path / "post.md").write_text(VARIANTS[variant] + BODY, encoding="utf-8")
    [doc], report = load(tmp_path / "post.md")
    assert not report.skipped
    article = extract(doc)
    assert article.title == "Hội nghị tổng kết công tác Tuyên giáo", variant
    assert article.title_source == "metadata"
    assert article.date is not None and article.date.isoformat() == "2022-01-06", variant
    assert article.date_source == "metadata"
    assert article.body.startswith("Sáng ngày 6-1-2022, Ban Tuyên giáo"), variant  # no "---json {" in the text


def test_a_utc_timestamp_is_the_day_in_vietnam(tmp_path: Path) -> None:
    """23:55 UTC on 2 February is 06:55 on 3 February in Vietnam: the portal published it on the 3rd."""
    meta = {**META, "date": "2020-02-02T23:55:00.000Z"}
    (tmp_path / "post.md").write_text(f"---json\n{_json(meta)}\n---\n{BODY}", encoding="utf-8")
    [doc], _ = load(tmp_path / "post.md")
    assert extract(doc).date.isoformat() == "2020-02-03"


@pytest.mark.parametrize(
    "content, expected",
    [
        ('---json\n{\n    "title": "a",\n    "date" "x"\n}\n---\nbody\n', "invalid JSON front matter at line 4"),
        ('---json\n{"title": "a"}\nbody without end\n', "invalid JSON front matter: opened at line 1"),
        ('---toml\ntitle = "a"\ndate = \n---\nbody\n', "invalid TOML front matter at line 3"),
        (';;;\n{"title": }\n;;;\nbody\n', "invalid JSON front matter at line 2"),
        ('---json\n["a", "b"]\n---\nbody\n', "invalid JSON front matter: expected key/value pairs"),
    ],
)
def test_broken_front_matter_names_the_file_and_line_and_is_skipped(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / "bad.md").write_text(content, encoding="utf-8")
    (tmp_path / "good.md").write_text(VARIANTS["json-fenced"] + BODY, encoding="utf-8")
    report = LoadReport()
    docs = list(iter_documents([tmp_path], report))
    assert [Path(d.origin).name for d in docs] == ["good.md"]
    [skip] = report.skipped
    assert str(skip).startswith(f"{tmp_path / 'bad.md'}: {expected}"), str(skip)


def test_a_page_with_only_front_matter_keeps_its_title(tmp_path: Path) -> None:
    """A notice whose body is only an attachment link is still a document: its title is searchable."""
    meta = {"title": "Thông báo lịch tiếp công dân năm 2020", "date": "2020-01-13T01:00:00.000Z"}
    (tmp_path / "notice.md").write_text(f"---json\n{_json(meta)}\n---\n", encoding="utf-8")
    [doc], report = load(tmp_path / "notice.md")
    assert not report.skipped
    assert extract(doc).title == "Thông báo lịch tiếp công dân năm 2020"
