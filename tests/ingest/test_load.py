"""The load step: every format, every encoding, every kind of bad file, and sources.toml."""

from __future__ import annotations

import json
import tracemalloc
import types
import unicodedata
from pathlib import Path

import pytest

from search.ingest import LoadReport, Skip, iter_documents
from search.ingest import plain as load_mod
from search.ingest.sources import SourcesError, load_sources, site_for
from search.model import SiteDefaults
from search.text import normalize

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

VI = "Hội nghị tổng kết công tác Tuyên giáo năm 2021 của Huyện ủy Thanh Hóa, Đầm Hà, quý II"
LEAD = (
    "Sáng ngày 6-1-2022, tại phòng họp số 3 trụ sở HĐND-UBND huyện, Ban Tuyên giáo Huyện ủy tổ chức "
    "hội nghị tổng kết công tác Tuyên giáo năm 2021, triển khai nhiệm vụ năm 2022."
)
PARA2 = (
    "Về dự hội nghị có đồng chí Trần Minh Thắng, Phó Bí thư Thường trực Huyện ủy; đồng chí Nguyễn Văn "
    "Hùng, Trưởng Ban Tuyên giáo Huyện ủy cùng các báo cáo viên, tuyên truyền viên của huyện."
)


def load(*paths, **kwargs):
    report = LoadReport()
    docs = list(iter_documents(paths, report, **kwargs))
    return docs, report


def skips(report: LoadReport) -> dict[str, str]:
    return {s.path: s.reason for s in report.skipped}


def tone_split(text: str) -> str:
    """The form Python's cp1258 codec can encode: precomposed vowels, tones as combining marks."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out)


# --------------------------------------------------------------------------- text


def test_txt_is_a_scraped_page(tmp_path):
    (tmp_path / "a.txt").write_text(f"Trang chủ\n\n{VI}\n\n{LEAD}\n", encoding="utf-8")
    [doc], report = load(tmp_path / "a.txt")
    assert doc.kind == "text"
    assert doc.origin == str(tmp_path / "a.txt")
    assert LEAD in doc.text and VI in doc.text
    assert report.loaded == 1 and report.skipped == []


def test_nfd_input_and_entities_are_normalised(tmp_path):
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", VI), encoding="utf-8")
    (tmp_path / "ent.txt").write_text("c&ocirc;ng t&aacute;c Tuy&ecirc;n gi&aacute;o &amp; d&acirc;n v&#7853;n")
    (tmp_path / "style.txt").write_text("Thanh Hoá, Huyện uỷ, hoà bình")
    docs, _ = load(tmp_path)
    by_name = {Path(d.origin).name: d.text for d in docs}
    assert by_name["nfd.txt"] == VI
    assert unicodedata.is_normalized("NFC", by_name["nfd.txt"])
    assert by_name["ent.txt"] == "công tác Tuyên giáo & dân vận"
    assert by_name["style.txt"] == "Thanh Hóa, Huyện ủy, hòa bình"


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf8.txt", VI.encode("utf-8")),
        ("utf8sig.txt", VI.encode("utf-8-sig")),
        ("utf16le.txt", b"\xff\xfe" + VI.encode("utf-16-le")),
        ("utf16be.txt", b"\xfe\xff" + VI.encode("utf-16-be")),
        ("utf16le-nobom.txt", VI.encode("utf-16-le")),
        ("utf16be-nobom.txt", VI.encode("utf-16-be")),
        ("cp1258.txt", tone_split(VI).encode("cp1258")),
    ],
)
def test_encodings(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    [doc], report = load(tmp_path / name)
    assert doc.text == normalize(VI) == VI
    assert report.skipped == []


def test_cp1258_decomposed_tones_become_nfc(tmp_path):
    original = "Thường trực Huyện ủy Thọ Xuân làm việc với Ban Tuyên giáo; Đảng bộ tỉnh Bắc Kạn, Hưng Yên"
    data = tone_split(original).encode("cp1258")
    assert data.decode("cp1258") != original  # the codec really gives combining tone marks
    (tmp_path / "old.txt").write_bytes(data)
    [doc], _ = load(tmp_path / "old.txt")
    assert doc.text == normalize(unicodedata.normalize("NFC", original))
    assert unicodedata.is_normalized("NFC", doc.text)


def test_utf8_cut_mid_character_still_utf8(tmp_path):
    data = (VI * 3).encode("utf-8")
    (tmp_path / "cut.txt").write_bytes(data[:-1])  # last character incomplete
    [doc], _ = load(tmp_path / "cut.txt")
    assert doc.text.startswith(VI)


# --------------------------------------------------------------------------- HTML

PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Hội nghị tổng kết công tác Tuyên giáo năm 2021 - Cổng TTĐT huyện Nam Trực</title>
<meta property="og:title" content="Hội nghị tổng kết công tác Tuyên giáo năm 2021">
<meta name="author" content="Trần Hữu Chất">
<meta property="article:published_time" content="2022-01-06T08:00:00+07:00">
<link rel="canonical" href="https://namtruc.namdinh.gov.vn/tin-tuc/hoi-nghi-tong-ket-2021">
<script>var counter = 1;</script><style>body {{ color: red }}</style>
</head><body>
<header><div class="banner">ĐẢNG BỘ, CHÍNH QUYỀN VÀ NHÂN DÂN HUYỆN NAM TRỰC</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu chung</a></li>
<li><a href="/tin-tuc">Tin tức sự kiện</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></nav></header>
<div class="content"><article>
<h1>Hội nghị tổng kết công tác Tuyên giáo năm 2021</h1>
<p>{LEAD}</p><p>{PARA2}</p>
<p>Hội nghị đã thảo luận và thống nhất c&ocirc;ng t&aacute;c trọng tâm năm 2022.</p>
</article>
<aside><h3>Bài viết khác</h3>
<ul><li><a href="/a">Tin khác số một</a></li><li><a href="/b">Tin khác hai</a></li></ul></aside>
</div>
<footer><p>Bản quyền thuộc UBND huyện Nam Trực. Thống kê truy cập: 6265768</p></footer>
</body></html>"""


def test_html_main_content_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc], report = load(tmp_path / "page.html")
    assert doc.kind == "html"
    assert LEAD in doc.text and PARA2 in doc.text
    assert "công tác trọng tâm" in doc.text  # entity decoded
    for boilerplate in ("Trang chủ", "Giới thiệu chung", "Bản quyền", "Thống kê truy cập", "var counter"):
        assert boilerplate not in doc.text
    assert doc.fields["title"].startswith("Hội nghị tổng kết công tác Tuyên giáo năm 2021")
    assert doc.fields["date"] == "2022-01-06"
    assert doc.fields["author"] == "Trần Hữu Chất"
    assert doc.fields["url"] == "https://namtruc.namdinh.gov.vn/tin-tuc/hoi-nghi-tong-ket-2021"
    assert report.skipped == []


def test_html_falls_back_to_body_text(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    (tmp_path / "p.htm").write_text(
        "<html><head><title>Tiêu đề trang</title><script>x()</script></head>"
        f"<body><div>{LEAD}</div><p>dòng một<br>dòng hai</p></body></html>"
    )
    [doc], _ = load(tmp_path / "p.htm")
    assert doc.text == f"{LEAD}\n\ndòng một\ndòng hai"
    assert doc.fields["title"] == "Tiêu đề trang"
    assert doc.fields["extractor"] == "body"


def test_truncated_and_malformed_html(tmp_path):
    cut = PAGE[: PAGE.index(PARA2) + 40]  # cut inside the second paragraph, tags left open
    (tmp_path / "cut.html").write_text(cut, encoding="utf-8")
    (tmp_path / "broken.html").write_text(f"<div><p>{LEAD}<p><b>{PARA2}</i></td></table", encoding="utf-8")
    (tmp_path / "junk.html").write_text("<<<>>> </ >", encoding="utf-8")
    docs, report = load(tmp_path)
    by_name = {Path(d.origin).name: d for d in docs}
    assert LEAD in by_name["cut.html"].text
    assert LEAD in by_name["broken.html"].text and PARA2 in by_name["broken.html"].text
    junk = str(tmp_path / "junk.html")
    if "junk.html" not in by_name:  # either some text or a clear reason, never a crash
        assert skips(report)[junk] == "no text found in HTML"


def test_html_in_cp1258_with_declared_charset(tmp_path):
    body = f"<html><head><meta charset='windows-1258'></head><body><p>{tone_split(LEAD)}</p></body></html>"
    (tmp_path / "old.html").write_bytes(body.encode("cp1258"))
    [doc], _ = load(tmp_path / "old.html")
    assert LEAD in doc.text


def test_txt_holding_a_whole_html_page_is_read_as_html(tmp_path):
    (tmp_path / "saved.txt").write_text(PAGE)
    [doc], _ = load(tmp_path / "saved.txt")
    assert doc.kind == "html" and LEAD in doc.text and "Trang chủ" not in doc.text


# --------------------------------------------------------------------------- Markdown


WRAPPED_LEAD = LEAD.replace(" Ban ", "\nBan ", 1)  # one paragraph over two lines


def test_markdown_yaml_front_matter(tmp_path):
    (tmp_path / "post.md").write_text(
        "---\n"
        "title: Hội nghị triển khai nhiệm vụ công tác Tuyên giáo quý II\n"
        "date: 2022-04-05\n"
        "author: [Nông Thị Hà, Lý Văn Tú]\n"
        "description: Tóm tắt bài viết\n"
        "tags: [tuyên giáo, hội nghị]\n"
        "url: /tin-tuc/hoi-nghi-quy-ii/\n"
        "---\n\n"
        "## Quang cảnh hội nghị\n\n"
        f"{WRAPPED_LEAD}\n\n"
        "![anh tin bai](/images/12.png)\n\n"
        "- Kết quả **nổi bật** của [quý I](https://backan.gov.vn/q1)\n"
        "- Nhiệm vụ *quý II*\n\n"
        '{{< figure src="/a.jpg" >}}\n'
    )
    [doc], report = load(tmp_path / "post.md")
    assert report.skipped == []
    assert doc.kind == "record"
    assert doc.fields["title"] == "Hội nghị triển khai nhiệm vụ công tác Tuyên giáo quý II"
    assert doc.fields["date"] == "2022-04-05"
    assert doc.fields["author"] == ["Nông Thị Hà", "Lý Văn Tú"]
    assert doc.fields["lead"] == "Tóm tắt bài viết"
    assert doc.fields["tags"] == ["tuyên giáo", "hội nghị"]
    assert doc.fields["permalink"] == "/tin-tuc/hoi-nghi-quy-ii/" and "url" not in doc.fields
    assert doc.text == (f"Quang cảnh hội nghị\n\n{LEAD}\n\nKết quả nổi bật của quý I\n\nNhiệm vụ quý II")


def test_markdown_toml_front_matter(tmp_path):
    (tmp_path / "post.md").write_text(
        '+++\ntitle = "Giao ban quý II"\ndate = 2022-04-05T08:00:00+07:00\n'
        'source_url = "https://backan.gov.vn/tin/1"\nprovince = "Bắc Kạn"\n+++\n'
        f"{LEAD}\n"
    )
    [doc], _ = load(tmp_path / "post.md")
    assert doc.fields["title"] == "Giao ban quý II"
    assert doc.fields["date"] == "2022-04-05T08:00:00+07:00"
    assert doc.fields["url"] == "https://backan.gov.vn/tin/1"
    assert doc.fields["province"] == "Bắc Kạn"
    assert doc.text == LEAD


def test_markdown_json_front_matter_and_html_body(tmp_path):
    front = json.dumps({"title": "Thường trực Huyện ủy làm việc", "pubDate": "31/01/2023"}, ensure_ascii=False)
    (tmp_path / "post.markdown").write_text(
        f"{front}\n<div class='content'><p>{LEAD}</p>\n<p>{PARA2}<br/>Dòng cuối</p></div>\n"
    )
    [doc], _ = load(tmp_path / "post.markdown")
    assert doc.fields == {"title": "Thường trực Huyện ủy làm việc", "date": "31/01/2023"}
    assert doc.text == f"{LEAD}\n\n{PARA2}\nDòng cuối"  # <br> breaks the line, not the paragraph


@pytest.mark.parametrize(
    "content, expected",
    [
        ("---\ntitle: ok\ndate: [2022\n---\nbody\n", "invalid YAML front matter at line 4"),
        ("---\ntitle: a\n  bad: indent\n---\nbody\n", "invalid YAML front matter at line 3"),
        ('+++\ntitle = "a"\ndate = \n+++\nbody\n', "invalid TOML front matter at line 3"),
        ('{\n"title": "a",\n"date" "x"\n}\nbody\n', "invalid JSON front matter at line 3"),
        ("---\ntitle: a\nbody without end\n", "invalid YAML front matter: opened at line 1"),
        ("---\n- a\n- b\n---\nbody\n", "invalid YAML front matter: expected key/value pairs"),
    ],
)
def test_invalid_front_matter_is_skipped_with_its_line(tmp_path, content, expected):
    (tmp_path / "bad.md").write_text(content)
    (tmp_path / "good.md").write_text("---\ntitle: Tốt\n---\nNội dung\n")
    docs, report = load(tmp_path)
    assert [Path(d.origin).name for d in docs] == ["good.md"]
    [skip] = report.skipped
    assert skip.path == str(tmp_path / "bad.md")
    assert skip.reason.startswith(expected), skip.reason
    assert str(skip).startswith(f"{tmp_path / 'bad.md'}: {expected}")


# --------------------------------------------------------------------------- JSON lines and JSON


def test_jsonl_variant_keys_and_bad_lines(tmp_path):
    lines = [
        {
            "link": "https://thoxuan.thanhhoa.gov.vn/a?x=1&copy=2",
            "headline": "Tin một",
            "pubDate": "2023-01-31",
            "content": f"<p>{LEAD}</p><p>{PARA2}</p>",
            "sapo": "<b>Sapo</b> một",
        },
        {
            "source_url": "https://damha.quangninh.gov.vn/b",
            "title": "Tin hai",
            "published": "10/4/2019",
            "text": unicodedata.normalize("NFD", PARA2),
            "summary": "Tóm tắt",
            "author": "Phạm Hồng",
            "province": "Quảng Ninh",
            "district": "Đầm Hà",
            "unit": "Ban Tuyên giáo Tỉnh ủy",
            "id": 42,
            "tags": "thoi-su",
        },
    ]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in lines)
    text += '\n{"title": "hỏng", "body": \n\n[1, 2]\n{"title": "chỉ có tiêu đề"}\n'
    text += json.dumps({"time": "2021-01-15", "html": "Nội dung &amp; thêm", "description": "d"}) + "\n"
    (tmp_path / "dump.jsonl").write_text(text, encoding="utf-8")
    docs, report = load(tmp_path / "dump.jsonl")
    path = tmp_path / "dump.jsonl"
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:7"]
    one, two, seven = docs
    assert all(d.kind == "record" for d in docs)
    assert one.fields["url"] == "https://thoxuan.thanhhoa.gov.vn/a?x=1&copy=2"  # not unescaped
    assert one.fields["title"] == "Tin một" and one.fields["date"] == "2023-01-31"
    assert one.text == one.fields["body"] == f"{LEAD}\n\n{PARA2}"
    assert one.fields["lead"] == "Sapo một"
    assert two.fields == {
        "url": "https://damha.quangninh.gov.vn/b", "title": "Tin hai", "date": "10/4/2019", "body": PARA2,
        "lead": "Tóm tắt", "author": "Phạm Hồng", "province": "Quảng Ninh", "district": "Đầm Hà",
        "unit": "Ban Tuyên giáo Tỉnh ủy", "id": 42, "tags": "thoi-su",
    }  # fmt: skip
    assert two.text == PARA2
    assert seven.text == "Nội dung & thêm" and seven.fields["date"] == "2021-01-15"
    bad = skips(report)
    assert set(bad) == {f"{path}:3", f"{path}:5", f"{path}:6"}
    assert bad[f"{path}:3"].startswith("invalid JSON")
    assert bad[f"{path}:5"] == "expected a JSON object, got an array"
    assert bad[f"{path}:6"].startswith("record has no text")
    assert report.loaded == 3 and report.files == 1
    assert f"{path}:3: invalid JSON" in report.summary()


def test_jsonl_line_too_long_and_cp1258_line(tmp_path):
    path = tmp_path / "d.ndjson"
    with open(path, "wb") as f:
        f.write(json.dumps({"title": "dài", "body": "x" * 5000}).encode() + b"\n")
        f.write(json.dumps({"title": "ngắn", "body": "ngắn"}, ensure_ascii=False).encode() + b"\n")
        f.write(json.dumps({"body": tone_split(LEAD)}, ensure_ascii=False).encode("cp1258") + b"\n")
    docs, report = load(path, max_bytes=1000)
    assert [d.text for d in docs] == ["ngắn", LEAD]
    assert skips(report) == {f"{path}:1": "line too large (4.9 KB > 1000 bytes)"}


def test_jsonl_utf16(tmp_path):
    path = tmp_path / "d.jsonl"
    lines = [json.dumps({"title": "a", "body": VI}, ensure_ascii=False), "{bad", json.dumps({"body": "hai"})]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    docs, report = load(path)
    assert [d.text for d in docs] == [VI, "hai"]
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:3"]
    assert list(skips(report)) == [f"{path}:2"]


def test_jsonl_is_streamed(tmp_path):
    path = tmp_path / "big.jsonl"
    body = "tuyen giao " * 100
    with open(path, "w", encoding="utf-8") as f:
        for i in range(3000):
            f.write(json.dumps({"id": i, "title": f"Bai {i}", "body": f"{i} {body}"}) + "\n")
    assert path.stat().st_size > 3_000_000
    report = LoadReport()
    docs = iter_documents([path], report)
    first = next(docs)
    assert first.origin == f"{path}:1" and report.loaded == 1  # lazy: one line read, not the file
    tracemalloc.start()
    count = 1 + sum(1 for _ in docs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 3000 and report.loaded == 3000
    assert peak < 1_000_000, peak  # far below the 3 MB file


def test_json_object_list_and_wrapper(tmp_path):
    rec = {"title": "Tin", "body": LEAD, "url": "https://backan.gov.vn/x"}
    (tmp_path / "one.json").write_text(json.dumps(rec, ensure_ascii=False))
    (tmp_path / "list.json").write_text(json.dumps([rec, "oops", {**rec, "body": PARA2}], ensure_ascii=False))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [rec]}, ensure_ascii=False))
    (tmp_path / "bad.json").write_text('{\n  "title": "x",\n  "body": }\n')
    docs, report = load(tmp_path)
    assert [Path(d.origin).name for d in docs] == ["list.json#1", "list.json#3", "one.json", "wrapped.json#1"]
    assert all(d.fields["title"] == "Tin" for d in docs)
    bad = skips(report)
    assert bad[str(tmp_path / "list.json") + "#2"] == "expected a JSON object, got a string"
    assert bad[str(tmp_path / "bad.json")].startswith("invalid JSON at line 3")


# --------------------------------------------------------------------------- bad files


def test_every_bad_file_is_reported_and_the_rest_loads(tmp_path):
    (tmp_path / "a_good.txt").write_text(VI)
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\t\n")
    undecodable = tone_split(VI).encode("cp1258") * 3 + b"\x81\x8d\x8e\x8f\x90" * 10
    (tmp_path / "undecodable.txt").write_bytes(undecodable)
    (tmp_path / "huge.txt").write_bytes(b"a" * 3 * 1024 * 1024)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (tmp_path / "notes.dat").write_text("ghi chú " + VI)
    (tmp_path / "z_good.htm").write_text(PAGE)
    docs, report = load(tmp_path, max_bytes=2 * 1024 * 1024)
    assert sorted(Path(d.origin).name for d in docs) == ["a_good.txt", "notes.dat", "z_good.htm"]
    assert skips(report) == {
        str(tmp_path / "binary.txt"): "binary file",
        str(tmp_path / "empty.txt"): "empty file",
        str(tmp_path / "blank.md"): "empty file",
        str(tmp_path / "undecodable.txt"): "undecodable text (tried utf-8, utf-16, cp1258)",
        str(tmp_path / "huge.txt"): "file too large (3 MB > 2 MB)",
        str(tmp_path / "photo.jpg"): "binary file",
    }
    assert report.files == 9 and report.loaded == 3


def test_default_size_cap_is_20_mb(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: never read
    _, report = load(path)
    assert skips(report) == {str(path): "file too large (21 MB > 20 MB)"}


def test_file_vanishing_between_listing_and_reading(tmp_path):
    (tmp_path / "a.txt").write_text("một")
    (tmp_path / "b.txt").write_text("hai")
    (tmp_path / "c.txt").write_text("ba")
    report = LoadReport()
    docs = iter_documents([tmp_path], report)
    assert next(docs).text == "một"  # the folder is listed by now
    (tmp_path / "b.txt").unlink()
    assert [d.text for d in docs] == ["ba"]
    assert skips(report) == {str(tmp_path / "b.txt"): "file vanished"}


def test_missing_path_and_unexpected_errors(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("được")
    (tmp_path / "boom.txt").write_text("nổ")
    real = load_mod.normalize

    def flaky(text):
        if text == "nổ":
            raise RuntimeError("bug")
        return real(text)

    monkeypatch.setattr(load_mod, "normalize", flaky)
    docs, report = load(tmp_path / "nope", tmp_path)
    assert [d.text for d in docs] == ["được"]
    assert skips(report) == {
        str(tmp_path / "nope"): "no such file or folder",
        str(tmp_path / "boom.txt"): "could not load (RuntimeError: bug)",
    }


def test_summary(tmp_path):
    (tmp_path / "a.txt").write_text("một")
    (tmp_path / "b.txt").write_text("hai")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.bin").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "e.txt").write_bytes(b"   ")
    _, report = load(tmp_path)
    assert report.summary() == (
        "loaded 2 documents from 5 files; skipped 3: 2 empty files, 1 binary file\n"
        f"  {tmp_path / 'c.txt'}: empty file\n"
        f"  {tmp_path / 'd.bin'}: binary file\n"
        f"  {tmp_path / 'e.txt'}: empty file"
    )
    assert LoadReport(1, [], 1).summary() == "loaded 1 document from 1 file"
    other = LoadReport(0, [Skip("x:3", "extraction failed: oops"), Skip("y", "duplicate id: same as z")])
    assert other.summary().splitlines()[0] == (
        "loaded 0 documents from 0 files; skipped 2: 1 extraction failed, 1 duplicate id"
    )


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_config(tmp_path):
    for rel in ["b/2.txt", "b/1.txt", "a.txt", "c/d/e.txt", ".hidden.txt", ".git/x.txt", "README.md",
                "notes.toml", "sources.toml", "backup.txt~"]:  # fmt: skip
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("nội dung" if not rel.endswith("sources.toml") else "")
    docs, report = load(tmp_path)
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs] == [
        "a.txt", "b/1.txt", "b/2.txt", "c/d/e.txt",
    ]  # fmt: skip
    assert report.skipped == [] and report.files == 4


# --------------------------------------------------------------------------- sources.toml


SOURCES = """
[[source]]
match = "*"
site_name = "Cổng thông tin điện tử tỉnh Nam Định"
province = "Nam Định"

[[source]]
match = "000_*.txt"
source_url = "https://namtruc.namdinh.gov.vn/tin-tuc/a"
district = "Nam Trực"

[[source]]
match = "0*.txt"
district = "Vụ Bản"
unit = "Ban Tuyên giáo Huyện ủy"
"""


def test_sources_rules_defaults_and_first_match(tmp_path):
    (tmp_path / "sources.toml").write_text(SOURCES)
    rules = load_sources(tmp_path)
    assert [r.match for r in rules] == ["*", "000_*.txt", "0*.txt"]
    assert site_for(tmp_path / "000_x.txt", rules) == SiteDefaults(
        source_url="https://namtruc.namdinh.gov.vn/tin-tuc/a",
        site_name="Cổng thông tin điện tử tỉnh Nam Định",
        province="Nam Định",
        district="Nam Trực",
    )
    later = site_for(tmp_path / "012.txt", rules)
    assert (later.district, later.unit) == ("Vụ Bản", "Ban Tuyên giáo Huyện ủy")
    assert site_for(tmp_path / "other.md", rules) == SiteDefaults(
        site_name="Cổng thông tin điện tử tỉnh Nam Định", province="Nam Định"
    )
    assert site_for(tmp_path.parent / "elsewhere.txt", rules) == SiteDefaults()
    assert load_sources(tmp_path / "no-such-folder") == []


def test_sources_nesting_nearest_wins_and_explicit_site_wins(tmp_path):
    (tmp_path / "sources.toml").write_text(SOURCES)
    sub = tmp_path / "vuban"
    sub.mkdir()
    (sub / "sources.toml").write_text(
        '[[source]]\nmatch = "*"\nsite_name = "Cổng thông tin điện tử huyện Vụ Bản"\ndistrict = "Vụ Bản"\n'
        'source_url = "https://vuban.namdinh.gov.vn/"\n'
    )
    (tmp_path / "000_a.txt").write_text("một")
    (sub / "000_b.txt").write_text("hai")
    docs, report = load(tmp_path)
    top, nested = docs
    assert top.site.district == "Nam Trực" and top.site.province == "Nam Định"
    assert nested.site == SiteDefaults(
        source_url="https://vuban.namdinh.gov.vn/",
        site_name="Cổng thông tin điện tử huyện Vụ Bản",
        province="Nam Định",  # not said in vuban/: from the folder above
        district="Vụ Bản",
    )
    assert report.skipped == []

    # A file given alone gets the same sources as when its folder is walked; explicit values win.
    [alone], _ = load(sub / "000_b.txt")
    assert alone.site == nested.site
    explicit = SiteDefaults(province="Thanh Hóa", unit="Ban Tuyên giáo Tỉnh ủy")
    [doc], _ = load(sub / "000_b.txt", site=explicit)
    assert doc.site == SiteDefaults(
        source_url="https://vuban.namdinh.gov.vn/",
        site_name="Cổng thông tin điện tử huyện Vụ Bản",
        province="Thanh Hóa",
        district="Vụ Bản",
        unit="Ban Tuyên giáo Tỉnh ủy",
    )


def test_malformed_sources_toml_is_reported_and_ignored(tmp_path):
    (tmp_path / "sources.toml").write_text('[[source]]\nmatch = "*"\nprovince = "Nam Định\n')
    (tmp_path / "a.txt").write_text("một")
    (tmp_path / "b.txt").write_text("hai")
    docs, report = load(tmp_path)
    assert [d.text for d in docs] == ["một", "hai"]
    assert all(d.site == SiteDefaults() for d in docs)
    [skip] = report.skipped
    assert skip.path == str(tmp_path / "sources.toml")
    assert skip.reason.startswith("invalid sources.toml at line 3:")
    with pytest.raises(SourcesError) as err:
        load_sources(tmp_path)
    assert err.value.line == 3


def test_shipped_corpus_has_site_metadata():
    docs, report = load(CORPUS)
    assert report.skipped == [] and report.loaded == 5
    assert [Path(d.origin).name[:3] for d in docs] == ["000", "001", "002", "003", "004"]
    for doc in docs:
        assert doc.kind == "text" and len(doc.text) > 1000
        assert doc.site.source_url and doc.site.source_url.startswith("https://")
        assert doc.site.site_name and doc.site.province
    sites = {Path(d.origin).name[:3]: d.site for d in docs}
    assert (sites["000"].province, sites["000"].district) == ("Nam Định", "Nam Trực")
    assert "namtruc.namdinh.gov.vn" in sites["000"].source_url
    assert (sites["001"].province, sites["001"].district) == ("Quảng Ninh", "Đầm Hà")
    assert (sites["002"].province, sites["002"].district) == ("Thanh Hóa", "Thọ Xuân")
    assert sites["003"].province == "Bắc Kạn" and "backan.gov.vn" in sites["003"].source_url
    assert sites["004"].unit == "Ban Tuyên giáo Tỉnh ủy Hưng Yên"
    assert "tuyengiaohungyen.vn" in sites["004"].source_url


def test_single_file_uses_its_folders_sources():
    [doc], _ = load(CORPUS / "001_4cc767ed75095388.txt")
    assert doc.site.district == "Đầm Hà"


def test_accepts_a_single_path_and_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("một")
    report = LoadReport()
    gen = iter_documents(tmp_path / "a.txt", report)
    assert isinstance(gen, types.GeneratorType) and report.files == 0
    assert [d.text for d in gen] == ["một"]


def test_record_body_markup_entities_and_paragraph_arrays(tmp_path):
    lines = [
        {"title": "a", "body": "<p>Điều 1 &lt;b&gt; và c&ocirc;ng t&aacute;c</p><p>hai</p>"},
        {"title": "b", "body": ["Đoạn một.", "Đoạn hai."], "sapo": "Tóm &amp; tắt"},
        {"title": "c", "body": {"nested": True}},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines))
    docs, report = load(path)
    assert [d.text for d in docs] == ["Điều 1 <b> và công tác\n\nhai", "Đoạn một.\n\nĐoạn hai."]
    assert docs[1].fields["lead"] == "Tóm & tắt"
    assert skips(report) == {f"{path}:3": "body is an object, not text"}
