"""`Indexer` on the real Kafka and Elasticsearch: searchable docs, dead letters, idempotence, commits."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from elasticsearch import AsyncElasticsearch

from dipwatch.adapters.elastic.client import make_client
from dipwatch.adapters.elastic.indexer import Indexer, IndexerConfig, IndexerState
from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.settings import Settings
from dipwatch_schemas import ActorRef, Article, DeadLetter, EventRecord, Place

pytestmark = pytest.mark.integration

CreateTopics = Callable[..., Awaitable[None]]

NOW = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)
FAST = IndexerConfig(batch_size=50, batch_timeout_ms=200, stop_when_idle=True, retry_initial_backoff=0.2)


def article(n: int) -> Article:
    return Article(
        item_id=f"article-{n}",
        url=f"https://example.org/{n}",
        title=f"Außenministerin besucht Warschau {n}",
        text="Die Außenministerin reiste zu Gesprächen nach Warschau.",
        language="de",
        is_diplomatic=True,
        diplomatic_score=0.9,
        places=[Place(name="Warschau", country="POL", lat=52.23, lon=21.01)],
        processed_at=NOW,
        extractor_version="test",
        lemmas=f"außenministerin reisen gespräch warschau nummer{n}",
    )


def event(n: int, lat: float = 52.23) -> EventRecord:
    return EventRecord(
        event_id=f"event-{n}",
        article_id=f"article-{n}",
        event_type="CONSULT",
        cameo_code="042",
        quad_class=1,
        goldstein=1.9,
        source=ActorRef(name="Germany", country="DEU", kind="state"),
        target=ActorRef(name="Poland", country="POL", kind="state"),
        place=Place(name="Warsaw", country="POL", lat=lat, lon=21.01),
        sentence=f"The minister travelled to Warsaw for talks ({n}).",
        confidence=0.7,
        language="en",
        extractor_version="test",
    )


async def produce(settings: Settings, records: list[tuple[str, bytes, bytes, str]]) -> None:
    """(stage, key, value, header stage) → the stage's topic, acknowledged by the broker."""
    producer = AIOKafkaProducer(acks="all", **kafka_client_kwargs(settings))
    await producer.start()
    try:
        for stage, key, value, header_stage in records:
            await producer.send_and_wait(
                settings.topic(stage), value, key=key, headers=serde.headers_for(header_stage)
            )
    finally:
        await producer.stop()


def batch_of_records() -> list[tuple[str, bytes, bytes, str]]:
    records = [("articles", f"article-{n}".encode(), serde.encode(article(n)), "articles") for n in range(3)]
    records += [("events", f"event-{n}".encode(), serde.encode(event(n)), "events") for n in range(3)]
    records.append(("articles", b"broken", b'{"item_id": "broken", "text": ', "articles"))  # not JSON
    # valid for the model (lat has no bounds there) but Elasticsearch refuses the geo_point
    records.append(("events", b"event-bad-geo", serde.encode(event(9, lat=123.0)), "events"))
    return records


async def run_until_idle(settings: Settings) -> IndexerState:
    return await asyncio.wait_for(Indexer(settings, FAST).run(), timeout=90)


async def read_all(settings: Settings, stage: str) -> list[tuple[bytes, list[tuple[str, bytes]]]]:
    consumer = AIOKafkaConsumer(
        settings.topic(stage),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **kafka_client_kwargs(settings),
    )
    await consumer.start()
    try:
        out: list[tuple[bytes, list[tuple[str, bytes]]]] = []
        parts = [
            TopicPartition(settings.topic(stage), p)
            for p in consumer.partitions_for_topic(settings.topic(stage))
        ]
        ends = await consumer.end_offsets(parts)
        while [tp for tp, end in ends.items() if await consumer.position(tp) < end]:
            for batch in (await consumer.getmany(timeout_ms=1000)).values():
                out += [(r.value, list(r.headers)) for r in batch]
        return out
    finally:
        await consumer.stop()


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


async def count(es: AsyncElasticsearch, index: str) -> int:
    await es.indices.refresh(index=index)
    return int((await es.count(index=index)).body["count"])


async def test_indexer_end_to_end(
    stack_settings: Settings, create_topics: CreateTopics, es: AsyncElasticsearch
) -> None:
    settings = stack_settings
    await create_topics(stages=("articles", "events", "deadletters"))
    await produce(settings, batch_of_records())

    state = await run_until_idle(settings)
    assert (state.indexed, state.dead_letters) == (6, 2)

    articles, events = settings.index_alias("articles"), settings.index_alias("events")
    assert await count(es, articles) == 3
    assert await count(es, events) == 3
    hits = await es.search(index=articles, query={"match": {"lemmas": "nummer1"}})
    assert [h["_id"] for h in hits.body["hits"]["hits"]] == ["article-1"]
    doc = (await es.get(index=events, id="event-2")).body["_source"]
    assert doc["place"]["location"] == {"lat": 52.23, "lon": 21.01}

    letters = await read_all(settings, "deadletters")
    assert len(letters) == 2
    decoded = {}
    for value, headers in letters:
        assert dict(headers)[serde.HEADER_SCHEMA_VERSION] == b"1"
        letter = serde.decode("deadletters", value, headers)
        assert isinstance(letter, DeadLetter)
        decoded[letter.source_topic] = letter
    broken = decoded[settings.topic("articles")]
    assert (broken.stage, broken.error_type) == ("indexer", "JSONDecodeError")
    assert base64.b64decode(broken.value_b64 or "") == b'{"item_id": "broken", "text": '
    assert base64.b64decode(broken.key_b64 or "") == b"broken"
    geo = decoded[settings.topic("events")]
    assert "Elasticsearch 400" in geo.error and "place.location" in geo.error and "latitude" in geo.error
    assert not await es.exists(index=events, id="event-9")

    # the same records again: overwritten, not duplicated
    await produce(settings, batch_of_records())
    state = await run_until_idle(settings)
    assert state.indexed == 6
    assert await count(es, articles) == 3
    assert await count(es, events) == 3

    # every record is committed: committed offsets of the indexer's group equal the end offsets
    consumer = AIOKafkaConsumer(
        group_id=f"{settings.consumer_group}-indexer",
        enable_auto_commit=False,
        **kafka_client_kwargs(settings),
    )
    await consumer.start()
    try:
        parts = [
            TopicPartition(settings.topic(stage), p)
            for stage in ("articles", "events")
            for p in range(settings.topic_partitions)
        ]
        ends = await consumer.end_offsets(parts)
        committed = {tp: await consumer.committed(tp) for tp in parts}
        assert sum(ends.values()) == 16
        assert committed == ends
    finally:
        await consumer.stop()


async def test_indexer_stops_on_request_without_losing_records(
    stack_settings: Settings, create_topics: CreateTopics, es: AsyncElasticsearch
) -> None:
    """``stop()`` (the SIGTERM handler) ends a running indexer; what it committed is in ES."""
    settings = stack_settings
    await create_topics(stages=("articles", "events", "deadletters"))
    indexer = Indexer(settings, IndexerConfig(batch_timeout_ms=200))
    task = asyncio.create_task(indexer.run())
    await produce(settings, [("articles", b"a", serde.encode(article(7)), "articles")])
    for _ in range(100):
        if indexer.state.indexed:
            break
        await asyncio.sleep(0.1)
    indexer.stop()
    state = await asyncio.wait_for(task, timeout=30)
    assert state.indexed == 1
    assert state.last_commit_at is not None
    assert await count(es, settings.index_alias("articles")) == 1
