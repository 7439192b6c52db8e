"""Elasticsearch adapters: client construction, index templates, documents and the indexer."""
