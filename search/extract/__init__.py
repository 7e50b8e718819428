"""Extraction: RawDocument -> Article, pure functions (page cleaning, dates, places, units, directives)."""

from search.extract.article import extract, stable_id

__all__ = ["extract", "stable_id"]
