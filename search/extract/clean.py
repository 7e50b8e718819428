"""Find the article inside a scraped portal page.

Scraped text mixes the article with the portal's chrome: banners, visitor counters, breadcrumbs,
image file names, "Bài viết khác" lists and footers. The article is anchored on its lead paragraph
(the one that opens with when the event happened); the title is the headline just above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.extract import dates

# Lines that are portal chrome wherever they appear.
_NOISE = re.compile(
    r"""^(?:
        image\s+(?:banner|advertisement)(?:\s*image\s+advertisement)*
      | ảnh\s+tin\s+bài | anh\s+tin\s+bai
      | [\w\-. ]+\.(?:png|jpe?g|gif|webp|bmp)
      | \d{1,3}\s*%
      | date | print | in\s+bài(?:\s+viết)? | chia\s+sẻ | share | tweet | facebook | zalo
      | (?:lượt\s+xem|số\s+lượt\s+xem|lượt\s+truy\s+cập)\s*:?\s*[\d.,\s]*
      | thống\s+kê\s+truy\s+cập
      | (?:đang\s+online|hôm\s+nay|hôm\s+qua|trong\s+tuần|trong\s+tháng|tất\s+cả
         |tổng\s+(?:số\s+)?truy\s+cập)\s*:\s*[\d.,\s]*
      | trang\s+chủ\s*(?:[»>/|].*)?
      | [\d\s]+
      | \(?\s*gmt\s*\+\s*7\s*\)?
      | (?:cỡ\s+chữ|font\s+size|a\+?\s*a-?).*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_BULLET = re.compile(r"^\s*[•·▪►»\-–*]\s+")
# Everything after one of these lines is the portal's, not the article's.
_FOOTER = re.compile(
    r"""^(?:
        bài\s+viết\s+khác | các\s+bài\s+viết\s+khác | tin\s+(?:bài\s+)?(?:khác|liên\s+quan|cùng\s+chuyên\s+mục)
      | các\s+tin\s+(?:khác|đã\s+đưa) | xem\s+thêm | video\s+sự\s+kiện | tin\s+mới\s+nhất | tin\s+đọc\s+nhiều
      | giấy\s+phép | ghi\s+rõ\s+nguồn | bản\s+quyền | copyright | ©
      | (?:địa\s+chỉ|điện\s+thoại|email|fax|website)\s*:
      | ý\s+kiến\s+bạn\s+đọc | bình\s+luận | gửi\s+bình\s+luận
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_META = re.compile(r"^\s*(?:đăng\s*(?:lúc|ngày|tải)|ngày\s*đăng|cập\s*nhật|tác\s*giả|nguồn)\s*:", re.IGNORECASE)
_META_AUTHOR = re.compile(r"\|\s*([^|\d][^|]{1,60}?)\s*$")
_AUTHOR_LABEL = re.compile(r"^\s*(?:tác\s*giả|theo|nguồn)\s*:?\s*(.+)$", re.IGNORECASE)


@dataclass
class Page:
    """A scraped page split into the parts extraction needs."""

    title: str = ""
    header: list[str] = field(default_factory=list)  # lines above the title: banners, meta
    meta: list[str] = field(default_factory=list)  # publication-date and author lines
    paragraphs: list[str] = field(default_factory=list)
    author: str | None = None

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def is_noise(line: str) -> bool:
    stripped = line.strip()
    return not stripped or bool(_NOISE.match(stripped))


def _is_banner(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _headline_like(line: str) -> bool:
    text = line.strip()
    return (
        12 <= len(text) <= 300
        and not _is_banner(text)
        and not _META.match(text)
        and not dates.is_crawl_header(text)
        and not is_noise(text)
        and not text.endswith((":", ";"))
        and not _BULLET.match(text)
    )


def _looks_like_author(line: str) -> bool:
    text = line.strip()
    words = text.split()
    return (
        0 < len(words) <= 12
        and len(text) <= 90
        and not text.endswith((".", ":", ";", "…", "!", "?"))
        and text[0].isupper()
        and not dates.starts_with_date(text)
    )


def _author_from_meta(meta: list[str]) -> str | None:
    for line in meta:
        m = _META_AUTHOR.search(line)
        if m and not re.search(r"lượt\s+xem", m.group(1), re.IGNORECASE):
            return m.group(1).strip()
        m = re.match(r"^\s*tác\s*giả\s*:\s*(.+)$", line, re.IGNORECASE)
        if m:
            return m.group(1).strip()
    return None


def split_page(text: str, title_hint: str | None = None, body_only: bool = False) -> Page:
    """Split normalised page text into header, title, meta lines and clean paragraphs.

    ``body_only``: the text is an article's body (a record's), with no site header above it: every
    line is kept, from the first.
    """
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not is_noise(ln)]
    start = 0 if body_only and not title_hint else _lead_index(lines, title_hint)
    page = Page()
    title_at = None
    if title_hint:
        page.title = title_hint.strip()
        title_at = next((i for i in range(start) if lines[i] == page.title), None)
    elif not body_only:
        for i in range(start - 1, -1, -1):
            if _headline_like(lines[i]) and not _META.match(lines[i]):
                title_at = i
                page.title = lines[i]
                break
    above = lines[: title_at if title_at is not None else start]
    between = lines[(title_at + 1) if title_at is not None else start : start]
    page.header = above
    page.meta = [ln for ln in above + between if _META.match(ln) or dates.is_crawl_header(ln) or "|" in ln]
    body: list[str] = []
    for ln in lines[start:]:
        if _FOOTER.match(ln):
            break
        if _BULLET.match(ln) and len(ln) < 120:
            continue
        body.append(ln)
    author = _author_from_meta(page.meta)
    if body and len(body) > 1 and _looks_like_author(body[-1]):
        tail = body.pop()
        author = author or tail
    page.author = author
    page.paragraphs = [re.sub(r"[ \t]{2,}", " ", p) for p in body]
    return page


def _lead_index(lines: list[str], title_hint: str | None) -> int:
    """Index of the lead paragraph: the first that opens with a date, else the first long prose line."""
    search_from = 0
    if title_hint:
        for i, ln in enumerate(lines):
            if ln == title_hint.strip():
                return i + 1 if i + 1 < len(lines) else i
    for i, ln in enumerate(lines[search_from:], start=search_from):
        if dates.starts_with_date(ln) and len(ln) > 60 and not dates.is_crawl_header(ln) and not _META.match(ln):
            return i
    for i, ln in enumerate(lines):
        if len(ln) > 200 and ln.rstrip().endswith((".", "…", ";")) and not _is_banner(ln):
            return i
    return 1 if len(lines) > 1 else 0
