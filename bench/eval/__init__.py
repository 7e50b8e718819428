"""Relevance evaluation (`make eval`): vnsearch against SQLite FTS5 and an Elasticsearch-style recipe.

Everything is computed from a corpus folder at run time; only the phrase queries (``queries.toml``)
and the aggregate numbers are committed, never corpus text.
"""
