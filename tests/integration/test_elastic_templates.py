"""The index templates install on the real Elasticsearch and the documents of the models fit them."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from elasticsearch import AsyncElasticsearch, BadRequestError

from dipwatch.adapters.elastic.client import make_client
from dipwatch.adapters.elastic.documents import document
from dipwatch.adapters.elastic.templates import KINDS, install_templates, load_template
from dipwatch.settings import Settings
from dipwatch_schemas import Actor, ActorRef, Article, EventRecord, Place

pytestmark = pytest.mark.integration

NOW = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)


def make_article() -> Article:
    return Article(
        item_id="a" * 40,
        feed_id="tagesschau",
        url="https://example.org/news/1",
        title="Außenministerin trifft Amtskollegen in Paris",
        text="Die deutsche Außenministerin traf am Montag ihren französischen Amtskollegen in Paris.",
        language="de",
        is_diplomatic=True,
        diplomatic_score=0.93,
        actors=[
            Actor(
                name="Frankreich", country="FRA", kind="state", code="FRA", actor_id="FRA", mentions=["Paris"]
            )
        ],
        places=[Place(name="Paris", country="FRA", lat=48.8566, lon=2.3522), Place(name="Nowhere")],
        event_ids=["e" * 40],
        published_at=NOW,
        processed_at=NOW,
        extractor_version="test-1",
        lemmas="deutsch außenministerin treffen montag französisch amtskollege paris",
        tags=["politik"],
    )


def make_event() -> EventRecord:
    return EventRecord(
        event_id="e" * 40,
        article_id="a" * 40,
        event_type="CONSULT",
        mode="visit",
        cameo_code="042",
        quad_class=1,
        goldstein=1.9,
        source=ActorRef(
            name="Germany", country="DEU", role="foreign_minister", kind="person", actor_id="DEU"
        ),
        target=ActorRef(name="France", country="FRA", kind="state", code="FRA", actor_id="FRA"),
        place=Place(name="Paris", country="FRA", lat=48.8566, lon=2.3522),
        date=dt.date(2025, 3, 3),
        sentence="The German foreign minister met her French counterpart in Paris on Monday.",
        sentence_index=0,
        confidence=0.8,
        trigger="met",
        language="en",
        published_at=NOW,
        extractor_version="test-1",
        title="Ministers meet in Paris",
        sentence_lemmas="the german foreign minister meet her french counterpart in paris on monday",
    )


@pytest.fixture
async def es(stack_settings: Settings) -> AsyncIterator[AsyncElasticsearch]:
    client = make_client(stack_settings)
    try:
        yield client
    finally:
        prefix = stack_settings.index_prefix
        await client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
        for kind in ("articles", "events"):
            await client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{kind}")
        await client.close()


async def test_templates_install_idempotently_and_documents_are_searchable(
    es: AsyncElasticsearch, stack_settings: Settings
) -> None:
    prefix = stack_settings.index_prefix
    aliases = await install_templates(es, prefix)
    assert aliases == {"articles": f"{prefix}-articles", "events": f"{prefix}-events"}
    assert await install_templates(es, prefix) == aliases  # second run changes nothing

    got = await es.indices.get_alias(name=f"{prefix}-articles")
    assert list(got.body) == [f"{prefix}-articles-v1"]
    mapping = (await es.indices.get_mapping(index=f"{prefix}-events-v1")).body[f"{prefix}-events-v1"][
        "mappings"
    ]
    assert mapping["dynamic"] == "strict"
    assert mapping["properties"]["place"]["properties"]["location"]["type"] == "geo_point"

    records: tuple[Article | EventRecord, ...] = (make_article(), make_event())
    for record, kind in zip(records, KINDS, strict=True):
        doc_id, source = document(record)
        await es.index(index=aliases[kind], id=doc_id, document=source, refresh=True)

    # German lemma search finds the article; the stop words of the de sub-field are dropped
    hits = (await es.search(index=aliases["articles"], query={"match": {"lemmas": "Amtskollege"}})).body[
        "hits"
    ]
    assert [h["_id"] for h in hits["hits"]] == ["a" * 40]
    hits = (
        await es.search(index=aliases["articles"], query={"match": {"title.de": "die Außenministerin"}})
    ).body
    assert hits["hits"]["total"]["value"] == 1
    # English lemma search and exact keyword filters on the event
    query = {
        "bool": {
            "must": [{"match": {"sentence_lemmas": "meet counterpart"}}],
            "filter": [{"term": {"source.country": "DEU"}}, {"term": {"cameo_code": "042"}}],
        }
    }
    hits = (await es.search(index=aliases["events"], query=query)).body["hits"]
    assert [h["_id"] for h in hits["hits"]] == ["e" * 40]

    # geo: a box around Paris finds both, a box around Berlin finds nothing
    paris = {"top_left": {"lat": 49.0, "lon": 2.0}, "bottom_right": {"lat": 48.5, "lon": 2.7}}
    berlin = {"top_left": {"lat": 52.7, "lon": 13.0}, "bottom_right": {"lat": 52.3, "lon": 13.8}}
    for kind, field in (("events", "place.location"), ("articles", "places.location")):
        hit = await es.search(index=aliases[kind], query={"geo_bounding_box": {field: paris}})
        miss = await es.search(index=aliases[kind], query={"geo_bounding_box": {field: berlin}})
        assert (hit.body["hits"]["total"]["value"], miss.body["hits"]["total"]["value"]) == (1, 0), kind


async def test_strict_mapping_refuses_unknown_fields(
    es: AsyncElasticsearch, stack_settings: Settings
) -> None:
    aliases = await install_templates(es, stack_settings.index_prefix)
    _, source = document(make_event())
    source["surprise"] = 1
    with pytest.raises(BadRequestError, match="strict_dynamic_mapping_exception"):
        await es.index(index=aliases["events"], id="x", document=source)


def test_every_model_field_is_mapped() -> None:
    """The mapping matches the models exactly: no field missing, none extra (except ``location``)."""
    models: tuple[type[Article] | type[EventRecord], ...] = (Article, EventRecord)
    for kind, model in zip(KINDS, models, strict=True):
        props = load_template(kind, "p")["template"]["mappings"]["properties"]
        assert set(props) == set(model.model_fields), kind
