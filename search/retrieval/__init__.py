"""Retrieval: query parsing, matching and ranking, facets, highlighting, and the Engine facade."""
