"""Elasticsearch documents from the record models.

A document is the model's JSON (``model_dump(mode="json")``) plus a ``location`` geo_point
(``{"lat", "lon"}``) inside every place that has both coordinates: ``places[].location`` of an
:class:`Article`, ``place.location`` of an :class:`EventRecord`. The index templates in
``dipwatch/data/elastic`` map exactly these fields (``dynamic: strict``), so a model field added
without a mapping fails loudly at index time instead of being guessed.
"""

from __future__ import annotations

from typing import Any

from dipwatch_schemas import Article, EventRecord


def _with_location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is not None and place.get("lat") is not None and place.get("lon") is not None:
        place["location"] = {"lat": place["lat"], "lon": place["lon"]}
    return place


def article_document(article: Article) -> dict[str, Any]:
    doc = article.model_dump(mode="json")
    for place in doc["places"]:
        _with_location(place)
    return doc


def event_document(event: EventRecord) -> dict[str, Any]:
    doc = event.model_dump(mode="json")
    doc["place"] = _with_location(doc["place"])
    return doc


def document(record: Article | EventRecord) -> tuple[str, dict[str, Any]]:
    """``(_id, source)`` of a record: ``item_id`` for articles, ``event_id`` for events."""
    if isinstance(record, Article):
        return record.item_id, article_document(record)
    return record.event_id, event_document(record)
