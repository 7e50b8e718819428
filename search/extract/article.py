"""RawDocument -> Article: pure functions, no index and no web here."""

from __future__ import annotations

import hashlib
import os
import re

from search.extract import dates, directives, places
from search.extract.clean import split_page
from search.extract.units import find_units
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


def extract(raw: RawDocument) -> Article:
    """Turn one loaded document into an Article with clean text and trustworthy metadata."""
    fields = raw.fields
    title_hint = _text_field(fields, "title") or None
    text = normalize(raw.text)
    lead_field = _text_field(fields, "lead")
    if raw.kind == "record" and not title_hint:
        first, _, rest = text.strip().partition("\n")
        if 0 < len(first) <= 300:
            title_hint, text = first.strip(), rest
    page = split_page(text, title_hint if raw.kind != "text" else None)
    if raw.kind != "text":
        page.title = title_hint or page.title
    paragraphs = ([lead_field] if lead_field and lead_field not in page.body else []) + page.paragraphs
    title = page.title or (paragraphs[0][:120] if paragraphs else "(không có tiêu đề)")
    body = "\n\n".join(paragraphs)

    year_hint = dates.context_year(title, body)
    published = dates.parse_date(fields.get("date")) or dates.published_date(page.meta)
    event = dates.lead_date(paragraphs[0], year_hint or (published.year if published else None)) if paragraphs else None

    site = raw.site
    source_url = _text_field(fields, "url") or site.source_url
    province, district = _locate(raw, title, body, source_url)
    lead = paragraphs[0] if paragraphs else ""
    # The title names the actors; failing that, the lead's first unit is the organiser. Later mentions
    # in the lead are guests ("lãnh đạo các Ban xây dựng Đảng, Văn phòng Huyện ủy").
    mentions = find_units(title, province, district, is_place=_is_place)
    if not mentions:
        mentions = find_units(lead, province, district, is_place=_is_place)[:1]
    units = [m.name for m in mentions]
    unit_hint = _text_field(fields, "unit") or site.unit
    if unit_hint and unit_hint not in units:
        units.append(unit_hint)
    level = mentions[0].level if mentions else ("huyện" if district else "tỉnh" if province else None)
    if level == "tỉnh" and district and not (_text_field(fields, "district") or site.district):
        district = None  # a provincial article merely mentioning a town is not about that district
    day = published or event
    return Article(
        id=stable_id(raw),
        origin=raw.origin,
        title=title,
        body=body,
        date=day,
        event_date=event or published,
        province=province,
        province_2025=places.province_2025(province) if province else None,
        district=district,
        units=units,
        level=level,
        directives=directives.extract_directives(f"{title}\n{body}", day.year if day else year_hint),
        author=" ".join((_text_field(fields, "author") or page.author or "").split()) or None,
        source_url=source_url,
        source=site.site_name or _host(source_url),
    )


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
