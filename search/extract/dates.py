"""Dates as Vietnamese portals write them.

A page carries several dates and only some are the article's: "Đăng lúc: 31/01/2023" is the
publication, "Sáng ngày 6-1-2022" opening the lead is the event, a crawl-time header such as
"Thứ Năm, ngày 4 tháng 3 năm 2021 - 7:01:35 PM" is neither, and "Chiều ngày 10/4" takes its year
from the rest of the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

MIN_YEAR, MAX_YEAR = 1945, 2100  # an article's date; outside it a date found is refused (and said)
_READABLE = range(1800, 3000)  # years read as years at all

_NUMERIC = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}|\d{2})(?!\d))?"
_WORDED = r"ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})(?:\s+năm\s+(?P<wy>\d{4}))?"
_DATE = re.compile(rf"(?<![\d/.\-])(?:{_NUMERIC}|{_WORDED})", re.IGNORECASE)

# Labels that announce the publication date in a portal's header.
_PUBLISHED = re.compile(
    r"(?:đăng\s*(?:lúc|ngày|tải)?|ngày\s*đăng|cập\s*nhật(?:\s*lúc)?|ngày\s*cập\s*nhật|xuất\s*bản|posted)"
    r"\s*:?\s*",
    re.IGNORECASE,
)
# A lead paragraph opens with when the event happened: "Sáng ngày 6-1-2022,", "Chiều 31/01/2023,", "Ngày 14/01/2021,".
_LEAD_STRICT = re.compile(
    r"^\s*(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?(?:ngày\s+)?" rf"(?:{_NUMERIC}|{_WORDED})",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"^\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_ISO = re.compile(r"^\s*(\d{4})-?(\d{1,2})-?(\d{1,2})(?:$|[T\s]|\d{6})")


def _make(day: str | None, month: str | None, year: str | int | None, default_year: int | None) -> dt.date | None:
    if not day or not month:
        return None
    if year is None or year == "":
        if default_year is None:
            return None
        year = default_year
    y = int(year)
    if y < 100:
        y += 2000
    if y not in _READABLE:
        return None
    try:
        return dt.date(y, int(month), int(day))
    except ValueError:
        return None


def _from_match(m: re.Match[str], default_year: int | None) -> dt.date | None:
    if m.group("d"):
        return _make(m.group("d"), m.group("m"), m.group("y"), default_year)
    return _make(m.group("wd"), m.group("wm"), m.group("wy"), default_year)


def parse_date(value: object, default_year: int | None = None) -> dt.date | None:
    """One date from a metadata value: ISO ("2021-01-15T08:41:00+07:00"), "15/01/2021", "ngày 4 tháng 3 năm 2021"."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _local(value).date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:  # a timestamp with its zone ("2020-02-02T23:55:00.000Z") is that day in Vietnam
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        stamp = None
    if stamp is not None and stamp.tzinfo is not None:
        return _local(stamp).date()
    iso = _ISO.match(text)
    if iso:
        return _make(iso.group(3), iso.group(2), iso.group(1), None)
    m = _DATE.search(text)
    return _from_match(m, default_year) if m else None


VIETNAM = dt.timezone(dt.timedelta(hours=7))


def _local(stamp: dt.datetime) -> dt.datetime:
    """A zoned timestamp in Vietnam's time (UTC+7, no daylight saving); a naive one is taken as local."""
    return stamp.astimezone(VIETNAM) if stamp.tzinfo is not None else stamp


# Dates in URLs: "/2021/05/18/", "-2021-05-18", "-20201001163534963.htm" (a timestamp id), "_18052021".
_URL_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"[-_/](?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{6,11})?(?:\.\w+)?(?:[?#].*)?$"),
)


def url_date(url: str | None) -> dt.date | None:
    """The publication date a portal writes into its article URLs, when it does."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    for pattern in _URL_DATES:
        if m := pattern.search(path):
            return _make(m.group("d"), m.group("m"), m.group("y"), None)
    return None


def implausible(day: dt.date, today: dt.date) -> str | None:
    """Why a date cannot be an article's: in the future of the import (beyond a day), or before 1945."""
    if day > today + dt.timedelta(days=1):
        return "future"
    if day.year < MIN_YEAR:
        return "before_1945"
    return None


def year_for(day: int, month: int, published: dt.date) -> int:
    """The year of a "18/5" in a lead, from its publication: the last such day on or before it."""
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return published.year
    return published.year - 1 if candidate > published + dt.timedelta(days=1) else published.year


def published_date(lines: list[str]) -> dt.date | None:
    """The date after a publication label ("Đăng lúc: 31/01/2023", "Đăng ngày: 15/01/2021 - 8:41 AM")."""
    for line in lines:
        for label in _PUBLISHED.finditer(line):
            m = _DATE.match(line, label.end())
            if m and (found := _from_match(m, None)):
                return found
    return None


def is_crawl_header(line: str) -> bool:
    """A weekday-led date line ("Thứ Năm, ngày 4 tháng 3 năm 2021 - 7:01:35 PM") is the crawl time."""
    return bool(_WEEKDAY.match(line)) and bool(_DATE.search(line))


def lead_date(paragraph: str, context_year: int | None) -> dt.date | None:
    """The event date that opens a lead paragraph; a missing year comes from ``context_year``."""
    m = _LEAD_STRICT.match(paragraph)
    if not m:
        return None
    return _from_match(m, context_year)


def lead_day_month(paragraph: str) -> tuple[int, int] | None:
    """The day and month opening a lead that gives no year ("Sáng 18/5, ...")."""
    m = _LEAD_STRICT.match(paragraph)
    if not m:
        return None
    day, month = (m.group("d"), m.group("m")) if m.group("d") else (m.group("wd"), m.group("wm"))
    return int(day), int(month)


def starts_with_date(paragraph: str) -> bool:
    """True for the paragraph that opens the article proper ("Sáng ngày 6-1-2022, ...")."""
    return bool(_LEAD_STRICT.match(paragraph))


def title_year(title: str) -> int | None:
    """The year a title names ("... công tác tuyên giáo năm 2019"): the latest, when it names several."""
    found = [int(y) for y in _YEAR.findall(title)]
    return max(found) if found else None


def context_year(title: str, body: str) -> int | None:
    """The year an article speaks of: the title's year, else the most mentioned year near the top."""
    in_title = [int(y) for y in _YEAR.findall(title)]
    if in_title:
        return max(in_title)
    counts = Counter(int(y) for y in _YEAR.findall(body[:3000]))
    if not counts:
        return None
    top = max(counts.values())
    return max(y for y, c in counts.items() if c == top)
