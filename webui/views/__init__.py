"""Blueprints: search (page, fragment, embed, twins), docs, meta."""
