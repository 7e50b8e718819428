"""RawDocument -> Article: pure functions, no index and no web here."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re

from search.extract import dates, directives, places, titles
from search.extract.clean import split_page
from search.extract.events import find_event
from search.extract.units import OTHER, find_units
from search.model import Article, RawDocument
from search.text import normalize

_TAGS = re.compile(r"<[^>]+>")


def stable_id(raw: RawDocument) -> str:
    """Same document, same id on every run: its URL when it has one, else where it came from."""
    fields = raw.fields
    path, sep, line = raw.origin.rpartition(":")
    if not (sep and line.isdigit()):
        path, line = raw.origin, ""
    where = os.path.abspath(path) + (f":{line}" if line else "")
    key = fields.get("url") or (f"{os.path.abspath(path)}#{fields['id']}" if fields.get("id") else where)
    return hashlib.sha1(str(key).encode("utf-8")).hexdigest()[:16]


def _text_field(fields: dict, name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return normalize(_TAGS.sub(" ", str(value))).strip()


def extract(raw: RawDocument, today: dt.date | None = None) -> Article:
    """Turn one loaded document into an Article with clean text and trustworthy metadata.

    ``today`` is the import's date: a date after it (by more than a day) is rejected, not kept.
    """
    fields = raw.fields
    site = raw.site
    own_url = _text_field(fields, "url") or None  # the document's own: a site's default URL says nothing of it
    source_url = own_url or site.source_url
    meta_title = _text_field(fields, "title") or None
    text = normalize(raw.text)
    lead_field = _text_field(fields, "lead")
    first_line = None
    if raw.kind == "record" and not titles.usable(meta_title):
        # A record without a title often opens with it; trusted when the URL's slug agrees (or is absent).
        first, _, rest = text.strip().partition("\n")
        if titles.trusted_line(first, own_url):
            first_line, text = first.strip(), rest
    hint = meta_title if titles.usable(meta_title) else first_line
    page = split_page(text, hint if raw.kind != "text" else None, body_only=raw.kind == "record")
    heading = page.title if raw.kind != "record" else None  # a page's own headline
    paragraphs = ([lead_field] if lead_field and lead_field not in page.body else []) + page.paragraphs
    body = "\n\n".join(paragraphs)
    title, title_source = titles.choose(meta_title, heading, first_line, own_url, f"{body}\n{meta_title or ''}")

    today = today or dt.date.today()
    # A page's own headline is the context of its "Chiều ngày 10/4"; an export's record without a date
    # shows no page, and its title's year is often the period reported on ("quyết toán năm 2015").
    title_year = dates.title_year(title) if raw.kind != "record" else None
    day, date_source, rejected = _date(fields, page.meta, paragraphs, own_url, title_year, today)
    event = _event(paragraphs, day, today)
    year_hint = dates.context_year(title, body)  # directives only: which term a bare number belongs to

    province, district = _locate(raw, title, body, source_url)
    lead = paragraphs[0] if paragraphs else ""
    # The title names the actors, and the lead's opening (who did what, for whom) until the guests
    # are listed ("Về dự có đồng chí ..., lãnh đạo các Ban xây dựng Đảng, Văn phòng Huyện ủy").
    mentions = find_units(title, province, district, is_place=_is_place)
    for m in find_units(_opening(lead), province, district, is_place=_is_place):
        if all(m.name != known.name for known in mentions):
            mentions.append(m)
    units = [m.name for m in mentions]
    kinds = [m.kind for m in mentions]
    unit_hint = _text_field(fields, "unit") or site.unit
    if unit_hint and unit_hint not in units:
        units.append(unit_hint)
        named = find_units(unit_hint, province, district, is_place=_is_place)
        kinds.append(named[0].kind if named else OTHER)
    level = mentions[0].level if mentions else ("huyện" if district else "tỉnh" if province else None)
    if level == "tỉnh" and district and not (_text_field(fields, "district") or site.district):
        district = None  # a provincial article merely mentioning a town is not about that district
    meeting = find_event(title, _opening(lead))
    return Article(
        id=stable_id(raw),
        origin=raw.origin,
        title=title,
        body=body,
        date=day,
        event_date=event or day,
        province=province,
        province_2025=places.province_2025(province) if province else None,
        district=district,
        units=units,
        unit_kinds=kinds,
        event_kinds=list(meeting.kinds),
        period=meeting.period,
        level=level,
        directives=directives.extract_directives(f"{title}\n{body}", day.year if day else year_hint),
        author=" ".join((_text_field(fields, "author") or page.author or "").split()) or None,
        source_url=source_url,
        source=site.site_name or _host(source_url),
        title_source=title_source,
        date_source=date_source,
        date_rejected=rejected,
    )


def _date(  # noqa: PLR0913 - every source of a date, in order
    fields: dict, meta_lines: list[str], paragraphs: list[str], url: str | None, title_year: int | None, today: dt.date
) -> tuple[dt.date | None, str, str | None]:
    """(date, source, why a date was rejected): metadata, then a labelled page line, then the date that
    opens the lead (its year, when it gives none, from the title), then the URL. The free body text is
    never asked: a year found somewhere in it is not a publication date."""
    lead = paragraphs[0] if paragraphs else ""
    candidates = (
        ("metadata", lambda: dates.parse_date(fields.get("date"))),
        ("page", lambda: dates.published_date(meta_lines)),
        ("lead", lambda: dates.lead_date(lead, title_year)),
        ("url", lambda: dates.url_date(url)),
    )
    rejected = None
    for source, read in candidates:
        found = read()
        if found is None:
            continue
        why = dates.implausible(found, today)
        if why is None:
            return found, source, rejected
        rejected = rejected or f"{source} {found.isoformat()} {why}"
    return None, "none", rejected


def _event(paragraphs: list[str], published: dt.date | None, today: dt.date) -> dt.date | None:
    """When the event happened, from the lead ("Sáng 18/5, ..."): a missing year is the publication's."""
    lead = paragraphs[0] if paragraphs else ""
    found = dates.lead_date(lead, None)
    bare = dates.lead_day_month(lead) if found is None and published is not None else None
    if bare is not None and published is not None:
        day, month = bare
        try:
            found = dt.date(dates.year_for(day, month, published), month, day)
        except ValueError:
            found = None
    return found if found is not None and dates.implausible(found, today) is None else None


# A sentence ends at a full stop, not at an abbreviation's ("TP. Gia Nghĩa", "TX. Gia Nghĩa").
_GUESTS = re.compile(
    r"(?<!\bTP)(?<!\bTp)(?<!\bTX)[.!?](?:\s|$)|\b(?:do|có|với\s+sự\s+(?:tham\s+dự|chủ\s+trì)\s+của)\s+(?:các\s+)?đồng\s+chí\b"
    r"|\b(?:về\s+dự|tham\s+dự|đến\s+dự|dự\s+và\s+chỉ\s+đạo)\b",
    re.IGNORECASE,
)


def _opening(paragraph: str) -> str:
    """The lead up to its first sentence end or the start of its guest list."""
    m = _GUESTS.search(paragraph)
    return paragraph[: m.start()] if m else paragraph


def _is_place(name: str) -> bool:
    return bool(places.canonical_province(name) or places.district_provinces(name))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^(?:[a-z]+://)?(?:www\.)?([^/:?#]+)", url.strip(), re.IGNORECASE)
    return m.group(1).lower() if m else None


def _locate(raw: RawDocument, title: str, body: str, source_url: str | None) -> tuple[str | None, str | None]:
    """Province and district: the record's own, then the site's, then the domain's, then the text's."""
    fields, site = raw.fields, raw.site
    province = places.canonical_province(_text_field(fields, "province") or site.province or "")
    district_name = _text_field(fields, "district") or site.district
    if not province and source_url:
        from_domain = places.place_from_domain(source_url)
        province = from_domain.province
        district_name = district_name or from_domain.district
    if not province or not district_name:
        found = places.find_place(f"{title}\n{body[:4000]}", hint_province=province)
        province = province or found.province
        if not district_name and found.province == province:
            district_name = found.district
    district = places.canonical_district(district_name, province) if district_name else None
    if district and not province:
        owners = places.district_provinces(district)
        province = owners[0] if len(owners) == 1 else None
    return province, district
