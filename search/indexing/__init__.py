"""Indexing: Vietnamese analysis, the Whoosh schema, index generations on disk, and the build."""
