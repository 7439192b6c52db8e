"""Reading the dead-letter topic and re-driving its records to where they came from.

A dead letter keeps the original key, value (base64), headers and source topic of a record a stage
could not handle. Once the cause is fixed (a mapping corrected, an index unblocked, a stage that now
reads a new schema version), ``replay`` produces those original bytes again to the source topic so
the stage meets them once more. Nothing is rewritten: a record that is still bad comes back as a
new dead letter, which is why a replay is selected by stage and time and is never automatic.
Replayed records carry ``dipwatch-replayed-from: <deadletters topic>/<partition>/<offset>``.
Replaying twice produces twice; downstream ids (item_id, event_id) make that an overwrite.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from pydantic import ValidationError

from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.adapters.watcher import topic_partitions
from dipwatch.settings import Settings
from dipwatch_schemas import DeadLetter

LOGGER = logging.getLogger(__name__)

HEADER_REPLAYED_FROM = "dipwatch-replayed-from"


@dataclass(frozen=True)
class StoredLetter:
    """A dead letter with its place in the dead-letter topic."""

    partition: int
    offset: int
    letter: DeadLetter

    @property
    def position(self) -> str:
        return f"{self.partition}/{self.offset}"


@dataclass
class ReplayReport:
    replayed: list[StoredLetter] = field(default_factory=list)
    skipped: list[tuple[StoredLetter, str]] = field(default_factory=list)


def select(
    letters: Iterable[StoredLetter], *, stage: str | None = None, since: dt.datetime | None = None
) -> list[StoredLetter]:
    """The letters of ``stage`` (all when None) that failed at or after ``since``, one per original record.

    A stage that was killed after dead-lettering a record but before acking it dead-letters it again
    when the record is redelivered (at-least-once); such twins name the same source position and
    are replayed once (the first, i.e. oldest, is kept).
    """
    chosen: list[StoredLetter] = []
    seen: set[tuple[str, str | None, int | None, int | None]] = set()
    for s in letters:
        letter = s.letter
        if (stage is not None and letter.stage != stage) or (since is not None and letter.failed_at < since):
            continue
        origin = (letter.stage, letter.source_topic, letter.partition, letter.offset)
        if letter.source_topic is not None and letter.offset is not None:
            if origin in seen:
                continue
            seen.add(origin)
        chosen.append(s)
    return chosen


async def read_dead_letters(settings: Settings, *, timeout: float = 60.0) -> list[StoredLetter]:
    """Every readable record of ``<prefix>.deadletters`` up to its current end (no consumer group)."""
    topic = settings.topic("deadletters")
    tps = [TopicPartition(topic, p) for p in await topic_partitions(settings, topic)]
    out: list[StoredLetter] = []
    if not tps:
        return out
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        async with asyncio.timeout(timeout):
            while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
                batches = await consumer.getmany(timeout_ms=500)
                for records in batches.values():
                    for record in records:
                        try:
                            letter = DeadLetter.model_validate_json(record.value or b"")
                        except ValidationError:
                            LOGGER.warning(
                                "unreadable dead letter at %d/%d skipped", record.partition, record.offset
                            )
                            continue
                        out.append(StoredLetter(record.partition, record.offset, letter))
    finally:
        await consumer.stop()
    out.sort(key=lambda s: (s.letter.failed_at, s.partition, s.offset))
    return out


def _original(stored: StoredLetter) -> tuple[bytes | None, bytes | None]:
    letter = stored.letter
    key = base64.b64decode(letter.key_b64) if letter.key_b64 is not None else None
    value = base64.b64decode(letter.value_b64) if letter.value_b64 is not None else None
    return key, value


async def replay(
    settings: Settings, letters: Sequence[StoredLetter], *, to_topic: str | None = None, dry_run: bool = False
) -> ReplayReport:
    """Produce each letter's original key, value and headers to its source topic (or ``to_topic``)."""
    report = ReplayReport()
    plan: list[tuple[StoredLetter, str, bytes | None, bytes, list[tuple[str, bytes]]]] = []
    dlq = settings.topic("deadletters")
    for stored in letters:
        target = to_topic or stored.letter.source_topic
        key, value = _original(stored)
        if not target:
            report.skipped.append((stored, "no source topic"))
            continue
        if value is None:
            report.skipped.append((stored, "no original value"))
            continue
        if target == dlq:
            report.skipped.append((stored, "source is the dead-letter topic itself"))
            continue
        headers = [(k, v.encode()) for k, v in stored.letter.headers.items() if k != HEADER_REPLAYED_FROM]
        headers.append((HEADER_REPLAYED_FROM, f"{dlq}/{stored.position}".encode()))
        plan.append((stored, target, key, value, headers))
    if dry_run or not plan:
        report.replayed = [p[0] for p in plan]
        return report
    producer = AIOKafkaProducer(**kafka_client_kwargs(settings), acks="all", enable_idempotence=True)
    await producer.start()
    try:
        futures = [
            await producer.send(target, value, key=key, headers=headers)
            for _s, target, key, value, headers in plan
        ]
        await asyncio.gather(*futures)  # every ack before we report success
    finally:
        await producer.stop()
    report.replayed = [p[0] for p in plan]
    for stored, target, *_ in plan:
        LOGGER.info("replayed dead letter %s (%s) to %s", stored.position, stored.letter.stage, target)
    return report
