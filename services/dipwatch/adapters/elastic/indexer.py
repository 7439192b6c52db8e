"""The indexer: articles and events topics → Elasticsearch, offsets committed only after ES said yes.

A plain aiokafka consumer (no Faust: a Faust stream commits when it advances, pitfalls 3) reads a
batch (``getmany`` by count and time), turns each record into a bulk action with an explicit ``_id``
(``item_id`` / ``event_id``) on the alias, writes the batch with ``async_streaming_bulk`` and only
then commits. Explicit ids make every retry and every redelivery an overwrite (pitfalls 6, 11).

Failures, by kind:
- a record that does not decode, or a document ES refuses (4xx, e.g. a mapping error)
  → dead-letter topic, then committed;
- 429 per document → retried by the bulk helper (``retry_on_status=(429,)``), then by us;
- 5xx/429 per document, connection errors, timeouts, whole-request 5xx → the batch (or what is left
  of it) is retried with exponential backoff until it succeeds or the indexer is stopped; nothing
  is committed past a record that is not in ES or on the dead-letter topic.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaError
from elastic_transport import ConnectionError as EsConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, AsyncElasticsearch
from elasticsearch.helpers import async_streaming_bulk
from prometheus_client import Counter, Gauge, Histogram

from dipwatch.adapters.elastic.client import make_client
from dipwatch.adapters.elastic.documents import document
from dipwatch.adapters.elastic.templates import install_templates
from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.settings import Settings
from dipwatch_schemas import Article, EventRecord

LOGGER = logging.getLogger(__name__)

DOCS_INDEXED = Counter("dipwatch_indexer_docs_indexed", "Documents Elasticsearch acknowledged", ["kind"])
BULK_FAILURES = Counter(
    "dipwatch_indexer_bulk_failures",
    "Failed bulk attempts (whole request) or documents (item), by reason",
    ["reason"],
)
DEAD_LETTERS = Counter("dipwatch_indexer_dead_letters", "Records sent to the dead-letter topic", ["reason"])
BATCH_SECONDS = Histogram(
    "dipwatch_indexer_batch_seconds",
    "Time from a batch's arrival to its commit",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
LAST_COMMIT = Gauge("dipwatch_indexer_last_commit_timestamp_seconds", "Unix time of the last offset commit")

STAGE = "indexer"
KINDS = ("articles", "events")


@dataclass(frozen=True)
class IndexerConfig:
    """Batching and retry knobs (the defaults suit production; tests shorten them)."""

    batch_size: int = 500
    batch_timeout_ms: int = 1000
    bulk_max_retries: int = 3
    bulk_initial_backoff: float = 0.5
    bulk_max_backoff: float = 10.0
    retry_initial_backoff: float = 1.0
    retry_max_backoff: float = 60.0
    stop_when_idle: bool = False
    """Return once every assigned partition is caught up (``dipwatch index --until-idle``, tests)."""


@dataclass
class IndexerState:
    """What the indexer has done (for /health and tests)."""

    indexed: int = 0
    dead_letters: int = 0
    batches: int = 0
    last_commit_at: float | None = None
    retrying: bool = False


@dataclass
class _Pending:
    """One bulk action waiting for ES, with the record it came from."""

    record: ConsumerRecord[bytes, bytes]
    kind: str
    action: dict[str, Any]


@dataclass
class _Batch:
    actions: dict[tuple[str, str], _Pending] = field(default_factory=dict)
    letters: list[tuple[ConsumerRecord[bytes, bytes], BaseException | str, str]] = field(default_factory=list)


class RetryableBulkError(Exception):
    """Documents ES could not take now (5xx/429 after the helper's retries); retry the batch."""


def _error_text(error: Any) -> tuple[str, str]:
    """Type and reason of a bulk item error, with its causes (the cause says *why* a field failed)."""
    if not isinstance(error, dict):
        return "BulkItemError", str(error)
    reasons: list[str] = []
    cause: Any = error
    while isinstance(cause, dict) and len(reasons) < 4:
        reasons.append(str(cause.get("reason", "")))
        cause = cause.get("caused_by")
    return str(error.get("type", "BulkItemError")), " / ".join(r for r in reasons if r)


class Indexer:
    def __init__(self, settings: Settings, config: IndexerConfig | None = None) -> None:
        self.settings = settings
        self.config = config or IndexerConfig()
        self.state = IndexerState()
        self.topics = {settings.topic(kind): kind for kind in KINDS}
        self.aliases: dict[str, str] = {}
        self._stop = asyncio.Event()

    def stop(self) -> None:
        """Ask the loop to finish the batch in hand, commit it and return (SIGTERM handler)."""
        self._stop.set()

    async def run(self) -> IndexerState:
        es = make_client(self.settings)
        kafka = kafka_client_kwargs(self.settings)
        consumer = AIOKafkaConsumer(
            *self.topics,
            group_id=f"{self.settings.consumer_group}-indexer",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
            **kafka,
        )
        producer = AIOKafkaProducer(acks="all", linger_ms=5, **kafka)
        try:
            self.aliases = dict(
                await self._with_retry(lambda: install_templates(es, self.settings.index_prefix))
            )
            await producer.start()
            await consumer.start()
            await self._loop(es, consumer, producer)
        finally:
            await consumer.stop()
            await producer.stop()
            await es.close()
        return self.state

    async def _loop(
        self, es: AsyncElasticsearch, consumer: AIOKafkaConsumer, producer: AIOKafkaProducer
    ) -> None:
        while not self._stop.is_set():
            fetched = await consumer.getmany(
                timeout_ms=self.config.batch_timeout_ms, max_records=self.config.batch_size
            )
            records = [r for batch in fetched.values() for r in batch]
            if not records:
                if self.config.stop_when_idle and await self._caught_up(consumer):
                    return
                continue
            started = time.perf_counter()
            batch = self._prepare(records)
            done = await self._write(es, producer, batch)
            if not done:  # stopped while ES was unavailable: commit nothing, the records come again
                return
            await self._commit(consumer, fetched)
            BATCH_SECONDS.observe(time.perf_counter() - started)
            self.state.batches += 1

    # --- one batch ------------------------------------------------------------------------------

    def _prepare(self, records: Sequence[ConsumerRecord[bytes, bytes]]) -> _Batch:
        batch = _Batch()
        for record in records:
            kind = self.topics[record.topic]
            try:
                model = serde.decode(kind, record.value, record.headers)
                if not isinstance(model, Article | EventRecord):  # pragma: no cover - TOPIC_MODELS contract
                    raise TypeError(f"{kind} decoded to {type(model).__name__}")
                doc_id, source = document(model)
            except (serde.RecordRejected, TypeError, ValueError) as exc:
                batch.letters.append((record, exc, "undecodable"))
                continue
            alias = self.aliases[kind]
            # The last version of a document in the batch wins, as it would in the topic's order.
            batch.actions.pop((alias, doc_id), None)
            batch.actions[(alias, doc_id)] = _Pending(
                record, kind, {"_op_type": "index", "_index": alias, "_id": doc_id, "_source": source}
            )
        return batch

    async def _write(self, es: AsyncElasticsearch, producer: AIOKafkaProducer, batch: _Batch) -> bool:
        """Bulk-write the batch and dead-letter what ES refuses; False if stopped before it was done."""
        pending = dict(batch.actions)
        delay = self.config.retry_initial_backoff
        while pending:
            try:
                await self._bulk(es, pending, batch)
                if pending:
                    raise RetryableBulkError(f"{len(pending)} documents got 429/5xx")
            except (
                RetryableBulkError,
                EsConnectionError,
                ConnectionTimeout,
                TransportError,
                ApiError,
            ) as exc:
                if isinstance(exc, ApiError) and 400 <= exc.status_code < 500 and exc.status_code != 429:
                    raise  # a request ES will never take (auth, bad template): fail loudly
                BULK_FAILURES.labels(reason=type(exc).__name__).inc()
                self.state.retrying = True
                LOGGER.warning(
                    "bulk write failed (%s); retrying %d documents in %.1fs", exc, len(pending), delay
                )
                try:
                    await asyncio.wait_for(self._stop.wait(), timeout=delay)
                    return False
                except TimeoutError:
                    pass
                delay = min(delay * 2, self.config.retry_max_backoff)
        self.state.retrying = False
        await self._dead_letter(producer, batch.letters)
        return True

    async def _bulk(
        self, es: AsyncElasticsearch, pending: dict[tuple[str, str], _Pending], batch: _Batch
    ) -> None:
        """One ``async_streaming_bulk`` pass; removes from ``pending`` what ES took or refused for good."""
        by_id = {key[1]: key for key in pending}
        async for ok, item in async_streaming_bulk(
            es,
            [p.action for p in pending.values()],
            chunk_size=self.config.batch_size,
            raise_on_error=False,
            raise_on_exception=True,
            max_retries=self.config.bulk_max_retries,
            initial_backoff=self.config.bulk_initial_backoff,
            max_backoff=self.config.bulk_max_backoff,
            retry_on_status=(429,),
        ):
            result = item.get("index", {})
            key = self._key_of(result, pending, by_id)
            if ok:
                entry = pending.pop(key)
                DOCS_INDEXED.labels(kind=entry.kind).inc()
                self.state.indexed += 1
                continue
            status = int(result.get("status", 500))
            BULK_FAILURES.labels(reason=f"item_{status}").inc()
            if status == 429 or status >= 500:
                continue  # stays pending: retried with backoff
            entry = pending.pop(key)
            etype, reason = _error_text(result.get("error"))
            rejected = serde.RecordRejected(f"Elasticsearch {status} {etype}: {reason}", etype)
            batch.letters.append((entry.record, rejected, "rejected"))

    def _key_of(
        self,
        result: dict[str, Any],
        pending: dict[tuple[str, str], _Pending],
        by_id: dict[str, tuple[str, str]],
    ) -> tuple[str, str]:
        """The pending key of a bulk result; the result names the concrete index, not the alias."""
        doc_id = str(result.get("_id"))
        index = str(result.get("_index", ""))
        for alias in self.aliases.values():
            if (index == alias or index.startswith(f"{alias}-")) and (alias, doc_id) in pending:
                return (alias, doc_id)
        return by_id[doc_id]

    async def _dead_letter(
        self,
        producer: AIOKafkaProducer,
        letters: Sequence[tuple[ConsumerRecord[bytes, bytes], BaseException | str, str]],
    ) -> None:
        if not letters:
            return
        topic = self.settings.topic("deadletters")
        sends = []
        for record, error, reason in letters:
            letter = serde.dead_letter(
                STAGE,
                error,
                value=record.value,
                key=record.key,
                source_topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                headers=record.headers,
            )
            LOGGER.warning(
                "dead letter %s[%d]@%d: %s", record.topic, record.partition, record.offset, letter.error
            )
            sends.append(
                await producer.send(
                    topic, serde.encode(letter), key=record.key, headers=serde.headers_for("deadletters")
                )
            )
            DEAD_LETTERS.labels(reason=reason).inc()
        await asyncio.gather(*sends)  # acknowledged before the offsets move past these records
        self.state.dead_letters += len(letters)

    async def _commit(
        self,
        consumer: AIOKafkaConsumer,
        fetched: dict[TopicPartition, list[ConsumerRecord[bytes, bytes]]],
    ) -> None:
        offsets = {tp: batch[-1].offset + 1 for tp, batch in fetched.items() if batch}
        try:
            await consumer.commit(offsets)
        except (CommitFailedError, IllegalStateError) as exc:
            # A rebalance took partitions away; their new owner re-indexes them (same ids: harmless).
            LOGGER.warning("commit after rebalance failed, records will be redelivered: %s", exc)
            return
        self.state.last_commit_at = time.time()
        LAST_COMMIT.set(self.state.last_commit_at)

    async def _caught_up(self, consumer: AIOKafkaConsumer) -> bool:
        assigned = consumer.assignment()
        if not assigned:
            return False
        try:
            ends = await consumer.end_offsets(list(assigned))
        except KafkaError:
            return False
        for tp, end in ends.items():
            if await consumer.position(tp) < end:
                return False
        return True

    async def _with_retry(self, op: Any) -> Any:
        """Run ``op()`` until ES answers (start-up while ES is still coming up)."""
        delay = self.config.retry_initial_backoff
        while True:
            try:
                return await op()
            except (EsConnectionError, ConnectionTimeout) as exc:
                if self._stop.is_set():
                    raise
                LOGGER.warning("Elasticsearch unavailable (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.config.retry_max_backoff)
