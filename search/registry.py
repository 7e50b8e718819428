"""The facets and sorts the product offers, each declared once.

The schema, the indexer, the engine, the query parser (``province:"Nam Định"``), the CLI's choices,
the web state, the sidebar and the interface labels all read these registries, so adding a facet is
one :func:`register_facet` call with the function that takes its values from an Article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from search.extract.units import KIND_LABELS
from search.model import Article

Labels = tuple[str, str]  # (Vietnamese, English)


@dataclass(frozen=True)
class Facet:
    name: str
    label: Labels
    values: Callable[[Article], list[str]]  # the article's values, as the facet shows them
    limit: int = 10  # values returned per search (the "more" view asks for all)
    sidebar: str = "list"  # "province" (then/now switch), "nested" (under the province), "years", "list", ""
    aliases: tuple[str, ...] = ()  # other field names people type in queries ("tinh:")
    value_labels: dict[str, Labels] | None = None  # how coded values read ("party" -> "Đảng")
    multi: bool = False  # an article may hold several values (units, directives)


@dataclass(frozen=True)
class Sort:
    name: str
    label: Labels
    by_date: bool  # a date order (the same with or without a query)


FACETS: dict[str, Facet] = {}
SORTS: dict[str, Sort] = {}
DEFAULT_SORT = "relevance"


def register_facet(facet: Facet) -> Facet:
    """Add a facet (sidebar order is registration order); registering the same name twice is a bug."""
    if facet.name in FACETS:
        raise ValueError(f"facet {facet.name!r} is registered twice")
    FACETS[facet.name] = facet
    return facet


def unregister_facet(name: str) -> None:
    FACETS.pop(name, None)


def facet_names() -> tuple[str, ...]:
    return tuple(FACETS)


def facet_alias(name: str) -> str | None:
    """The facet a query field names, by its name or one of its aliases ("tỉnh" -> "province")."""
    if name in FACETS:
        return name
    return next((f.name for f in FACETS.values() if name in f.aliases), None)


def _one(value: object) -> list[str]:
    return [str(value)] if value else []


for _facet in (
    Facet("province", ("Tỉnh, thành phố", "Province"), lambda a: _one(a.province), 10, "province", ("tinh", "tỉnh")),
    Facet("province_2025", ("Tỉnh, thành phố (hiện nay)", "Province (today)"), lambda a: _one(a.province_2025),
          10, "", ("province2025",)),
    Facet("district", ("Huyện, quận", "District"), lambda a: _one(a.district), 10, "nested", ("huyen", "huyện")),
    Facet("year", ("Năm", "Year"), lambda a: _one(a.year), 100, "years", ("nam", "năm")),
    Facet("unit", ("Đơn vị", "Unit"), lambda a: list(a.units), 10, "list", ("don_vi",), multi=True),
    Facet("unit_kind", ("Loại đơn vị", "Kind of unit"), lambda a: sorted(set(a.unit_kinds)), 10, "list",
          ("loai_don_vi",), KIND_LABELS, multi=True),
    Facet("event", ("Loại sự kiện", "Kind of event"), lambda a: list(a.event_kinds), 15, "list", ("su_kien",),
          multi=True),
    Facet("directive", ("Văn bản chỉ đạo", "Directives"), lambda a: [d.key for d in a.directives], 10, "list",
          ("chi_thi",), multi=True),
    Facet("level", ("Cấp", "Level"), lambda a: _one(a.level)),
    # Where the date and the title were read: not in the sidebar, but filterable ("date_source=url")
    # and counted for the "about this data" page.
    Facet("date_source", ("Ngày lấy từ", "Date read from"), lambda a: _one(a.date_source), 10, ""),
    Facet("title_source", ("Tiêu đề lấy từ", "Title read from"), lambda a: _one(a.title_source), 10, ""),
    Facet("source", ("Nguồn", "Source"), lambda a: _one(a.source)),
):  # fmt: skip
    register_facet(_facet)

for _sort in (
    Sort("relevance", ("Phù hợp nhất", "Best match"), by_date=False),
    Sort("newest", ("Mới nhất", "Newest first"), by_date=True),
    Sort("oldest", ("Cũ nhất", "Oldest first"), by_date=True),
):
    SORTS[_sort.name] = _sort
