"""Inputs researchers already have: web archives, PDFs, CSV exports and feed files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from search.extract.article import extract
from search.ingest import LoadReport, iter_documents

PAGE = """<html><head><title>Hội nghị tổng kết công tác Tuyên giáo năm 2021</title>
<meta property="article:published_time" content="2022-01-06"></head><body><nav>Trang chủ | Tin tức</nav>
<article><h1>Hội nghị tổng kết công tác Tuyên giáo năm 2021</h1>
<p>Sáng ngày 6-1-2022, Ban Tuyên giáo Huyện ủy tổ chức hội nghị tổng kết công tác Tuyên giáo năm 2021,
triển khai nhiệm vụ năm 2022. Hội nghị đã đánh giá những kết quả nổi bật trong công tác tuyên truyền.</p>
<p>Đồng chí Trưởng Ban Tuyên giáo Huyện ủy phát biểu chỉ đạo, đề nghị các đơn vị tiếp tục đổi mới.</p>
</article></body></html>"""


def load(*paths: Path) -> tuple[list, LoadReport]:
    report = LoadReport()
    return list(iter_documents(list(paths), report)), report


def pdf_bytes(text: str | None) -> bytes:
    """A one-page PDF; ``text`` in its text layer, or none at all (what a scanner makes)."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=path.suffix == ".gz")
        for url, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def test_a_web_archive_gives_its_pages_and_pdfs_with_their_urls(tmp_path: Path) -> None:
    url = "https://namtruc.namdinh.gov.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-tuyen-giao-nam-2021"
    write_warc(
        tmp_path / "crawl.warc.gz",
        [
            (url, "text/html; charset=utf-8", PAGE.encode("utf-8")),
            ("https://namtruc.namdinh.gov.vn/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            (
                "https://namtruc.namdinh.gov.vn/kh-01.pdf",
                "application/pdf",
                pdf_bytes("Ke hoach tuyen truyen nam 2022 cua Ban Tuyen giao"),
            ),
        ],
    )
    docs, report = load(tmp_path / "crawl.warc.gz")
    assert [d.fields["url"] for d in docs] == [url, "https://namtruc.namdinh.gov.vn/kh-01.pdf"]
    page = extract(docs[0])
    assert page.title == "Hội nghị tổng kết công tác Tuyên giáo năm 2021"
    assert page.source_url == url
    assert page.date_source != "none" and page.date.isoformat() == "2022-01-06"  # the page's, not the capture's
    assert "Ke hoach tuyen truyen" in docs[1].text
    assert report.skipped == []
    [other] = report.notes
    assert "1 records are no page" in other.reason and "image/png" in other.reason  # said, not an error


def test_a_truncated_archive_keeps_what_came_before(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, [(f"https://a.gov.vn/{i}", "text/html", PAGE.encode()) for i in range(3)])
    data = whole.read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[: len(data) - 700])
    docs, report = load(tmp_path / "cut.warc")
    assert 1 <= len(docs) < 3
    assert any(s.kind == "truncated" for s in report.skipped), report.skipped
    whole_gz = tmp_path / "whole.warc.gz"  # one gzip member a record, as crawlers write them
    write_warc(whole_gz, [(f"https://a.gov.vn/{i}", "text/html", PAGE.encode()) for i in range(3)])
    gz = tmp_path / "cut.warc.gz"
    gz.write_bytes(whole_gz.read_bytes()[:-200])
    docs, report = load(gz)
    assert len(docs) >= 1 and any(s.kind == "truncated" for s in report.skipped)


def test_a_pdf_with_text_is_read_and_a_scan_is_reported(tmp_path: Path) -> None:
    (tmp_path / "qd.pdf").write_bytes(pdf_bytes("Quyet dinh ve viec thanh lap Ban Chi dao 35 huyen"))
    (tmp_path / "scan.pdf").write_bytes(pdf_bytes(None))
    docs, report = load(tmp_path)
    assert len(docs) == 1 and "Quyet dinh ve viec thanh lap" in docs[0].text
    [skip] = report.skipped
    assert skip.path == str(tmp_path / "scan.pdf") and skip.kind == "no_text_layer"


def test_a_csv_export_maps_its_header_and_reports_bad_rows_by_line(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text(
        "tieu_de,ngay,duong_dan,noi_dung\n"
        '"Hội nghị tổng kết, năm 2021",2022-01-06,https://a.gov.vn/1,"Sáng ngày 6-1-2022, hội nghị diễn ra."\n'
        "Chỉ có tiêu đề,2022-01-07,https://a.gov.vn/2,\n"
        "Một,2,3,4,5\n",
        encoding="utf-8",
    )
    docs, report = load(tmp_path / "export.csv")
    assert [d.fields["title"] for d in docs] == ["Hội nghị tổng kết, năm 2021"]
    article = extract(docs[0])
    assert article.date.isoformat() == "2022-01-06" and article.source_url == "https://a.gov.vn/1"
    assert sorted(s.path.rsplit(":", 1)[1] for s in report.skipped) == ["3", "4"]


def test_a_feed_file_gives_one_article_per_entry_with_its_date(tmp_path: Path) -> None:
    (tmp_path / "tin.rss").write_text(
        """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>
        <item><title>Hội nghị báo cáo viên tháng 4</title><link>https://a.gov.vn/bcv</link>
        <pubDate>Tue, 12 Apr 2022 08:00:00 +0700</pubDate>
        <description>&lt;p&gt;Ban Tuyên giáo Huyện ủy tổ chức hội nghị báo cáo viên.&lt;/p&gt;</description></item>
        <item><title>Không ngày</title><link>https://a.gov.vn/x</link><description>Nội dung.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    docs, report = load(tmp_path / "tin.rss")
    assert not report.skipped
    first, second = (extract(d) for d in docs)
    assert (first.title, first.date.isoformat(), first.source_url) == (
        "Hội nghị báo cáo viên tháng 4",
        "2022-04-12",
        "https://a.gov.vn/bcv",
    )
    assert "báo cáo viên" in first.body
    assert second.date is None  # no date in the feed: none invented


@pytest.mark.parametrize("name", ["empty.csv", "empty.rss", "empty.warc"])
def test_empty_files_of_each_format_are_reported(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    docs, report = load(tmp_path / name)
    assert docs == [] and len(report.skipped) == 1


def test_a_page_that_is_only_its_attachment_is_indexed_with_the_attachments_text(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "tb-01.pdf").write_bytes(pdf_bytes("Lich tiep cong dan cua lanh dao UBND huyen"))
    (site / "content" / "tb-01.md").write_text(
        '---json\n{"title": "Thông báo lịch tiếp công dân", "date": "2020-01-13T01:00:00.000Z",'
        ' "tai_lieu_dinh_kem": "/img/tb-01.pdf"}\n---\n',
        encoding="utf-8",
    )
    (site / "content" / "tb-02.md").write_text(
        '---json\n{"title": "Giấy mời họp", "tai_lieu_dinh_kem": "/img/khong-co.pdf"}\n---\n', encoding="utf-8"
    )
    docs, report = load(site / "content")
    by_title = {d.fields["title"]: d for d in docs}
    assert "Lich tiep cong dan cua lanh dao" in by_title["Thông báo lịch tiếp công dân"].text
    assert "Giấy mời họp" in by_title  # its attachment is missing: the page keeps its title
    assert report.skipped == []  # both pages are there
    [note] = report.notes
    assert "khong-co.pdf not found" in note.reason


def test_a_mirror_loses_what_its_site_repeats_on_every_page(tmp_path: Path) -> None:
    """A wget/HTTrack copy: menus, counters and "Bài viết khác" around each article are the site's."""
    chrome_top = "<div>Trang chủ | Giới thiệu | Tin tức | Liên hệ</div><div>Lượt truy cập: 123456</div>"
    chrome_end = "<div>Bài viết khác</div><div>Bản quyền thuộc UBND huyện Đắk Song</div>"
    for i in range(6):
        article = (
            f"<h1>Tin số {i}: hội nghị công tác tuyên giáo</h1><p>Sáng ngày {i + 1}/3/2021, Ban Tuyên giáo Huyện "
            f"ủy tổ chức hội nghị lần thứ {i} với nhiều nội dung quan trọng về công tác tuyên truyền ở cơ sở.</p>"
        )
        page = f"<html><body>{chrome_top}{article}{chrome_end}</body></html>"
        (tmp_path / "mirror" / "tin-tuc").mkdir(parents=True, exist_ok=True)
        (tmp_path / "mirror" / "tin-tuc" / f"{i}.html").write_text(page, encoding="utf-8")
    docs, report = load(tmp_path / "mirror")
    assert len(docs) == 6 and not report.skipped
    for doc in docs:
        assert "Lượt truy cập" not in doc.text and "Bản quyền thuộc" not in doc.text and "Bài viết khác" not in doc.text
        assert "Ban Tuyên giáo Huyện ủy tổ chức hội nghị" in doc.text
