"""The alert service on the real broker: fire once per throttle window, silences over the control topic,
dead letters for unreadable events, alerts read back by a separate consumer."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from dipwatch.adapters.alerting import AlertService, control_topic, iter_alerts, publish_silence
from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import COMPACTED, kafka_client_kwargs
from dipwatch.core.alerts import AlertRule
from dipwatch.core.ids import alert_id
from dipwatch.settings import Settings
from dipwatch_schemas.models import ActorRef, Alert, EventRecord

pytestmark = pytest.mark.integration

RULES = [
    AlertRule(id="threats-deu", event_types=["THREATEN"], target_countries=["DEU"], throttle=3600),
    AlertRule(id="agreements", event_types=["AGREE"]),
]


def make_event(n: int, event_type: str = "THREATEN", target: str = "DEU") -> EventRecord:
    return EventRecord(
        event_id=f"{n:040x}",
        article_id=f"article-{n}",
        event_type=event_type,
        cameo_code="130" if event_type == "THREATEN" else "057",
        quad_class=3 if event_type == "THREATEN" else 1,
        goldstein=-4.4 if event_type == "THREATEN" else 4.8,
        source=ActorRef(name="Russia", country="RUS", kind="state", code="RUS", actor_id="RUS"),
        target=ActorRef(name=target, country=target, kind="state", code=target, actor_id=target),
        sentence=f"Sentence {n}.",
        confidence=0.9,
        language="en",
        extractor_version="test",
    )


@contextlib.asynccontextmanager
async def running(service: AlertService) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(service.run(stop))
    try:
        await asyncio.wait_for(service.ready.wait(), 30)
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def produce(settings: Settings, records: list[tuple[bytes, bytes, list[tuple[str, bytes]]]]) -> None:
    producer = AIOKafkaProducer(**kafka_client_kwargs(settings), acks="all")
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(settings.topic("events"), key=key, value=value, headers=headers)
    finally:
        await producer.stop()


def event_record(event: EventRecord) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    return event.event_id.encode(), serde.encode(event), serde.headers_for("events")


async def end_offsets(settings: Settings, topic: str) -> dict[TopicPartition, int]:
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    assert described["error_code"] == 0, described
    tps = [TopicPartition(topic, p["partition"]) for p in described["partitions"]]
    assert tps
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None)
    await consumer.start()
    try:
        return dict(await consumer.end_offsets(tps))
    finally:
        await consumer.stop()


async def wait_committed(settings: Settings, deadline: float = 30.0) -> None:
    """Until the alert group has committed every record of the events topic (seen from outside)."""
    ends = await end_offsets(settings, settings.topic("events"))
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        start = time.monotonic()
        while True:
            offsets = await admin.list_consumer_group_offsets(f"{settings.consumer_group}-alerts")
            committed = {tp: meta.offset for tp, meta in offsets.items()}
            if all(committed.get(tp, 0) >= end for tp, end in ends.items()):
                return
            assert time.monotonic() - start < deadline, f"not committed: {committed} < {ends}"
            await asyncio.sleep(0.2)
    finally:
        await admin.close()


async def read_alerts(settings: Settings, expected: int, timeout: float = 20.0) -> list[Alert]:
    """All alerts on the topic, through the same reader as `dipwatch alerts tail --from-beginning`."""
    total = sum((await end_offsets(settings, settings.topic("alerts"))).values())
    assert total == expected, f"{total} alerts on the topic, expected {expected}"
    out: list[Alert] = []

    async def collect() -> None:
        async for alert in iter_alerts(settings, from_beginning=True):
            out.append(alert)
            if len(out) == expected:
                return

    if expected:
        await asyncio.wait_for(collect(), timeout)
    return out


async def test_rule_fires_once_within_throttle_and_alert_is_read_back(
    stack_settings: Settings, create_topics: Any
) -> None:
    settings = stack_settings
    await create_topics(extra={control_topic(settings): COMPACTED})
    first, second, other = make_event(1), make_event(2), make_event(3, target="FRA")
    await produce(
        settings,
        [
            event_record(first),
            event_record(second),  # same rule and key inside the throttle window: no alert
            event_record(other),  # matches no rule
            (b"junk", b"{not json", serde.headers_for("events")),
        ],
    )
    service = AlertService(settings, RULES, auto_offset_reset="earliest")
    async with running(service):
        await wait_committed(settings)
        assert service.health()["ok"] is True

    alerts = await read_alerts(settings, expected=1)
    (alert,) = alerts
    assert alert.rule_id == "threats-deu" and alert.kind == "match"
    assert alert.alert_id in {
        alert_id("threats-deu", first.event_id),
        alert_id("threats-deu", second.event_id),
    }
    assert alert.event is not None and alert.event.event_type == "THREATEN"
    assert alert.kibana_url and "event_id" in alert.kibana_url

    # the record key is the rule id, the headers carry the schema version
    consumer = AIOKafkaConsumer(
        settings.topic("alerts"), **kafka_client_kwargs(settings), group_id=None, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        batches = await consumer.getmany(timeout_ms=10_000)
        records = [r for rs in batches.values() for r in rs]
        assert [r.key for r in records] == [b"threats-deu"]
        assert dict(records[0].headers)[serde.HEADER_SCHEMA_VERSION] == b"1"
    finally:
        await consumer.stop()

    dead = sum((await end_offsets(settings, settings.topic("deadletters"))).values())
    assert dead == 1


async def test_silence_via_control_topic_reaches_the_running_service(
    stack_settings: Settings, create_topics: Any
) -> None:
    settings = stack_settings
    await create_topics(extra={control_topic(settings): COMPACTED})
    until = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    await publish_silence(settings, "agreements", until)  # persisted before the service starts
    service = AlertService(settings, RULES, auto_offset_reset="earliest")
    async with running(service):
        assert service.control.silences == {"agreements": until}
        await produce(settings, [event_record(make_event(10, "AGREE"))])
        await wait_committed(settings)
        await publish_silence(settings, "agreements", None)
        start = time.monotonic()
        while "agreements" in service.control.silences:
            assert time.monotonic() - start < 20, "unsilence not picked up"
            await asyncio.sleep(0.1)
        await produce(settings, [event_record(make_event(11, "AGREE"))])
        await wait_committed(settings)

    (alert,) = await read_alerts(settings, expected=1)
    assert alert.alert_id == alert_id("agreements", make_event(11).event_id)
