"""Curated content with its schema, loader, normaliser and search index."""
