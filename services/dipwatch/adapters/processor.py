"""The stream processor: news items in, articles and events out (faust-streaming).

Two agents, both ``concurrency=1`` (pitfall 1: more can commit past an in-flight record):

1. ``analyse`` reads ``<prefix>.items`` (key item_id). Per record: decode (a bad record goes to
   ``<prefix>.deadletters`` with its original bytes and the stream goes on), fetch the page with
   :class:`SafeFetcher` (any failure: the feed's own summary is used), then page→text and the
   extraction core run in a process pool via ``run_in_executor`` (pitfall 4: the loop only moves
   records). The result (Article + EventRecords, fingerprint set, not yet linked) goes to the
   repartition topic ``<prefix>.processor-stories`` keyed by the story fingerprint.
2. ``link`` reads that repartition topic. Because it is keyed by fingerprint, every article of
   one story lands on the same partition, so a faust Table (``fingerprint → first item_id``,
   changelog ``<prefix>.processor-stories-changelog``, compacted, co-partitioned) answers
   "seen before?" locally. The first article publishes its events; a later one is published as
   an Article with ``duplicate_of`` set and no events. Re-processing the first article after a
   restart finds its own id in the table and is not a duplicate of itself.

Delivery: at-least-once. A record's offset is acked when the agent takes the next record, and
each agent awaits the delivery of everything it produced for a record before that, so a
crash (even ``kill -9``) re-delivers rather than loses. Keys are deterministic (item_id,
event_id) so the re-deliveries collapse downstream. Exceptions never leave an agent
(pitfall 2): a record that cannot be handled becomes a dead letter; only a producer that keeps
failing ends the process (exit 75) so that its record is not acked and a supervisor restarts it.
Nothing may stall a partition either: an extraction over ``extraction_timeout`` kills its pool
worker and dead-letters the item, and :class:`StallWatchdog` reads input again from the committed
offsets when the agents sit idle while records are unread.

All topics are created before the worker starts (the broker does not auto-create), with
``settings.topic_partitions`` partitions and ``settings.topic_replication_factor`` replicas;
the app's defaults for internal topics are the same numbers (pitfalls 5, 7). The faust web
server is off; ``/metrics`` and ``/health`` come from :mod:`dipwatch.adapters.ops` on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import faust
from aiokafka.admin import AIOKafkaAdminClient
from faust.tables.manager import TableManager
from faust.transport.consumer import Consumer
from faust.types import TP
from mode.utils.objects import cached_property
from mode.utils.queues import FlowControlEvent
from prometheus_client import Counter, Histogram
from pydantic import BaseModel, ValidationError

from dipwatch.adapters.http import SafeFetcher
from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import COMPACTED, ensure_topics, kafka_client_kwargs
from dipwatch.core.processing import analyse_fetched, link_duplicate
from dipwatch.errors import FetchError
from dipwatch.settings import Settings
from dipwatch_schemas import Article, EventRecord, NewsItem

LOGGER = logging.getLogger(__name__)

ARTICLES = Counter("dipwatch_processor_articles_total", "Articles published", ["language", "diplomatic"])
EVENTS = Counter("dipwatch_processor_events_total", "Events published", ["event_type"])
EXTRACTION_SECONDS = Histogram(
    "dipwatch_processor_extraction_seconds",
    "Page-to-text plus extraction time per item (in the worker pool)",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
DEADLETTERS = Counter("dipwatch_processor_deadletters_total", "Records sent to dead letters", ["reason"])
DUPLICATES = Counter("dipwatch_processor_duplicates_total", "Articles linked to an earlier story")
REWINDS = Counter(
    "dipwatch_processor_rewinds_total",
    "Input partitions read again because the agents sat idle while they held unread records",
)
PAGE_FALLBACKS = Counter(
    "dipwatch_processor_page_fallbacks_total",
    "Items coded from the feed text because the page fetch failed",
    ["kind"],
)

STAGE = "processor"
STORIES = "processor-stories"
"""Stage name of the repartition topic keyed by story fingerprint."""
SEND_ATTEMPTS = 8
EXIT_PRODUCER_FAILED = 75
_HTML_TYPES = ("html", "xml", "text/plain")
_T = TypeVar("_T")


@dataclass
class ProcessorState:
    """What the health check reads: records published and when the last one was."""

    records: int = 0
    dead_letters: int = 0
    last_record_at: float | None = None
    busy_since: dict[str, float] = field(default_factory=dict)
    """Agent name → monotonic time it took the record it is handling."""
    last_progress: float = field(default_factory=time.monotonic)
    """Monotonic time an agent last finished a record (or a rebalance completed)."""


class Analysed(BaseModel):
    """The repartition record: one item's article and events before duplicate linking."""

    article: Article
    events: list[EventRecord]


def topic_names(settings: Settings) -> dict[str, str]:
    return {
        "items": settings.topic("items"),
        "articles": settings.topic("articles"),
        "events": settings.topic("events"),
        "deadletters": settings.topic("deadletters"),
        "stories": settings.topic(STORIES),
        "changelog": settings.topic(f"{STORIES}-changelog"),
    }


async def create_topics(settings: Settings) -> None:
    """Every topic the processor reads or writes, created explicitly (the broker does not auto-create)."""
    names = topic_names(settings)
    await ensure_topics(settings, extra={names["stories"]: {}, names["changelog"]: COMPACTED})


# --- work done in the process pool --------------------------------------------------------------


def analyse_in_worker(
    item_json: bytes, body: bytes | None, content_type: str | None, processed_at: dt.datetime
) -> tuple[bytes, float]:
    """:func:`analyse_fetched` in a pool process; returns the records as JSON and the CPU seconds."""
    started = time.perf_counter()
    analysis = analyse_fetched(NewsItem.model_validate_json(item_json), body, content_type, processed_at)
    value = Analysed(article=analysis.article, events=analysis.events).model_dump_json().encode()
    return value, time.perf_counter() - started


def _exit_with_parent(parent_pid: int) -> None:
    """Pool initializer: a worker whose parent was killed (``kill -9``) would otherwise live on."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class ExtractionTimeoutError(Exception):
    """Page-to-text plus extraction of one item took longer than ``extraction_timeout``."""


class WorkerPool:
    """A process pool that is rebuilt when a worker dies (OOM kill, segfault in a parser) or hangs."""

    def __init__(self, workers: int, timeout: float = 120.0) -> None:
        self._workers = workers
        self._timeout = timeout
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # spawn: the parent runs an event loop and Kafka threads, which must not be forked.
        return ProcessPoolExecutor(
            self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )

    async def run(
        self, item_json: bytes, body: bytes | None, content_type: str | None, processed_at: dt.datetime
    ) -> tuple[bytes, float]:
        return await self.call(analyse_in_worker, item_json, body, content_type, processed_at)

    async def call(self, function: Callable[..., _T], *args: Any) -> _T:
        """``function(*args)`` in a pool process; a dead pool is rebuilt and the call retried once."""
        try:
            return await self._call_once(function, *args)
        except BrokenProcessPool:
            LOGGER.warning("process pool broken; rebuilding it and retrying the record once")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new()
            return await self._call_once(function, *args)

    async def _call_once(self, function: Callable[..., _T], *args: Any) -> _T:
        """One attempt; a worker that overruns the timeout is killed, never left to block the next item."""
        pool = self._pool
        future = asyncio.get_running_loop().run_in_executor(pool, function, *args)
        try:
            return await asyncio.wait_for(future, self._timeout)
        except TimeoutError:
            # ProcessPoolExecutor cannot cancel a running call: kill its processes, start a new pool.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            if self._pool is pool:
                self._pool = self._new()
            raise ExtractionTimeoutError(f"extraction took longer than {self._timeout:g} s") from None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# --- the faust app ----------------------------------------------------------------------------------


def broker_credentials(settings: Settings) -> Any:
    """Faust credentials from the same mapping every other Kafka client uses."""
    kwargs = kafka_client_kwargs(settings)
    protocol = kwargs["security_protocol"]
    if protocol in ("SASL_PLAINTEXT", "SASL_SSL"):
        return faust.SASLCredentials(
            username=kwargs["sasl_plain_username"],
            password=kwargs["sasl_plain_password"],
            mechanism=kwargs["sasl_mechanism"],
            ssl_context=kwargs.get("ssl_context"),
        )
    if protocol == "SSL":
        return faust.SSLCredentials(kwargs["ssl_context"])
    return None


def _broker_urls(settings: Settings) -> list[str]:
    servers = settings.kafka_bootstrap_servers or ""
    return [f"kafka://{host.strip()}" for host in servers.split(",") if host.strip()]


class _ResumeKeepsFetched(FlowControlEvent):
    """Flow control whose resume no longer discards the records already fetched for the agents.

    faust-streaming 0.15 clears every agent queue when flow resumes. After a rebalance its recovery
    resumes the input partitions, awaits a seek to the committed offsets, and only then resumes flow:
    records the fetcher delivered in between were discarded with the consumer's position already past
    them. Nothing read them again when the partition had no committed offset (faust's seek skips it)
    or when the fetcher's read offset had moved past the seek's: a restarted processor sat idle with
    its input unread (`test_restart_reads_a_partition_that_was_never_committed`). Keeping them costs
    at most a second delivery (acks are de-duplicated by offset, outputs keyed by deterministic ids).
    The explicit ``clear()`` at partition revocation still empties every queue, since the next
    assignment positions the consumer afresh; the table's changelog queue is still cleared on resume,
    as faust's recovery expects.
    """

    def __init__(self, app: faust.App) -> None:
        super().__init__(loop=app.loop)
        self._app = app

    def resume(self) -> None:
        self._suspend.clear()
        self._resume.set()
        cast(TableManager, self._app.tables).changelog_queue.clear()


class _App(faust.App):
    """faust.App whose flow control keeps fetched records when flow resumes after a rebalance."""

    @cached_property
    def flow_control(self) -> FlowControlEvent:
        return _ResumeKeepsFetched(self)


def build_app(
    settings: Settings, pool: WorkerPool, state: ProcessorState, *, session_timeout: float = 15.0
) -> faust.App:
    """The processor app: topics, the fingerprint table and both agents."""
    names = topic_names(settings)
    partitions = settings.topic_partitions
    replicas = settings.topic_replication_factor
    datadir = settings.data_dir / "processor"
    datadir.mkdir(parents=True, exist_ok=True)  # faust creates only the last level
    app = _App(
        f"{settings.consumer_group}-processor",
        broker=_broker_urls(settings),
        broker_credentials=broker_credentials(settings),
        key_serializer="raw",
        value_serializer="raw",
        topic_partitions=partitions,
        topic_replication_factor=replicas,
        topic_disable_leader=True,
        web_enabled=False,
        store="memory://",
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=session_timeout,
        broker_heartbeat_interval=min(3.0, session_timeout / 3),
        processing_guarantee="at_least_once",
        datadir=str(datadir),
    )

    def topic(name: str, **kw: Any) -> Any:
        return app.topic(
            name, partitions=partitions, replicas=replicas, key_serializer="raw", value_serializer="raw", **kw
        )

    items_topic = topic(names["items"])
    stories_topic = topic(names["stories"])
    table_schema: Any = faust.Schema(
        key_type=str, value_type=str, key_serializer="json", value_serializer="json"
    )
    first_seen = app.Table(
        "story-first-seen",
        partitions=partitions,
        schema=table_schema,
        changelog_topic=app.topic(
            names["changelog"],
            schema=table_schema,
            partitions=partitions,
            replicas=replicas,
            compacting=True,
            deleting=False,
            internal=True,
            acks=False,
        ),
    )

    async def send(topic_name: str, key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> None:
        """Produce and wait for the broker's ack; a producer that keeps failing ends the process."""
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                producer = await app.maybe_start_producer()
                delivered = await producer.send(topic_name, key, value, None, None, headers)
                await delivered
                return
            except Exception as exc:
                LOGGER.warning("produce to %s failed (attempt %d): %r", topic_name, attempt, exc)
                await asyncio.sleep(min(30.0, 0.5 * 2**attempt))
        LOGGER.critical("producer keeps failing; exiting so the record is re-delivered after a restart")
        os._exit(EXIT_PRODUCER_FAILED)

    async def dead_letter(reason: str, error: BaseException | str, message: Any) -> None:
        DEADLETTERS.labels(reason=reason).inc()
        state.dead_letters += 1
        letter = serde.dead_letter(
            STAGE,
            error,
            value=message.value,
            key=message.key,
            source_topic=message.topic,
            partition=message.partition,
            offset=message.offset,
            headers=_headers(message.headers),
        )
        LOGGER.warning(
            "dead letter (%s) %s[%s]@%s: %s",
            reason,
            message.topic,
            message.partition,
            message.offset,
            letter.error,
        )
        await send(names["deadletters"], message.key or b"", serde.encode(letter), serde.headers_for(STAGE))

    async def fetch_page(fetcher: SafeFetcher, item: NewsItem) -> tuple[bytes | None, str | None]:
        if not item.url:
            return None, None
        try:
            result = await fetcher.fetch(item.url)
            result.raise_for_status()
        except FetchError as exc:
            PAGE_FALLBACKS.labels(kind=exc.kind).inc()
            LOGGER.info("page fetch failed for %s (%s); using the feed text", item.url, exc)
            return None, None
        content_type = result.content_type
        if content_type and not any(kind in content_type.lower() for kind in _HTML_TYPES):
            PAGE_FALLBACKS.labels(kind="content_type").inc()
            return None, None
        return result.body, content_type

    async def handle_item(fetcher: SafeFetcher, message: Any) -> None:
        try:
            item = cast(NewsItem, serde.decode("items", message.value, _headers(message.headers)))
        except serde.RecordRejected as exc:
            await dead_letter("decode", exc, message)
            return
        body, content_type = await fetch_page(fetcher, item)
        try:
            value, seconds = await pool.run(
                item.model_dump_json().encode(), body, content_type, dt.datetime.now(dt.UTC)
            )
        except Exception as exc:  # the extraction core failed on this item: keep the evidence
            LOGGER.exception("extraction failed for item %s", item.item_id)
            await dead_letter("extraction", exc, message)
            return
        EXTRACTION_SECONDS.observe(seconds)
        fingerprint = Analysed.model_validate_json(value).article.fingerprint
        key = (fingerprint or f"item:{item.item_id}").encode()
        await send(names["stories"], key, value, serde.headers_for(STAGE))

    async def handle_story(message: Any) -> None:
        try:
            analysed = Analysed.model_validate_json(message.value)
        except ValidationError as exc:
            await dead_letter("decode", exc, message)
            return
        article = analysed.article
        first: str | None = None
        if article.fingerprint:
            first = first_seen.get(article.fingerprint)
            if first is None:
                first_seen[article.fingerprint] = article.item_id
                first = article.item_id
        article, events = link_duplicate(article, analysed.events, first)
        if article.duplicate_of:
            DUPLICATES.inc()
        headers = serde.headers_for(STAGE)
        for event in events:  # events before their article: an indexed article's events exist
            await send(names["events"], event.event_id.encode(), serde.encode(event), headers)
            EVENTS.labels(event_type=event.event_type).inc()
        await send(names["articles"], article.item_id.encode(), serde.encode(article), headers)
        ARTICLES.labels(language=article.language, diplomatic=str(article.is_diplomatic).lower()).inc()
        state.records += 1
        state.last_record_at = time.time()

    async def guarded(agent: str, message: Any, handler: Awaitable[None]) -> None:
        """Pitfall 2: an exception escaping the agent would ack the record silently."""
        LOGGER.debug("%s: record %s[%s]@%s", agent, message.topic, message.partition, message.offset)
        state.busy_since[agent] = time.monotonic()
        try:
            await handler
        except Exception as exc:
            LOGGER.exception(
                "unexpected failure on %s[%s]@%s", message.topic, message.partition, message.offset
            )
            await dead_letter("internal", exc, message)
        finally:
            del state.busy_since[agent]
            state.last_progress = time.monotonic()

    @app.agent(items_topic, concurrency=1, name="analyse")
    async def analyse(stream: Any) -> None:
        async with SafeFetcher(settings) as fetcher:
            async for event in stream.events():
                await guarded("analyse", event.message, handle_item(fetcher, event.message))

    @app.agent(stories_topic, concurrency=1, name="link")
    async def link(stream: Any) -> None:
        async for event in stream.events():
            await guarded("link", event.message, handle_story(event.message))

    watchdog = StallWatchdog(app, state, settings)
    app.timer(interval=max(1.0, settings.processor_stall_seconds / 4), on_leader=False)(watchdog.check)
    app.on_rebalance_complete.connect(watchdog.on_rebalance_complete)
    return app


class StallWatchdog:
    """Reads input again when the agents sit idle while their partitions hold unread records.

    faust can lose records it has fetched around a rebalance (its queues are cleared, its seek
    skips partitions without a committed offset); the flow control above closes the race we found,
    this is the net for any other: once no agent has handled a record for ``processor_stall_seconds``
    (and none is busy, and no rebalance is under way), an input partition whose committed offset
    (its start when there is none) is below its high-water mark is sought back there. Re-reading is
    at-least-once: outputs are keyed by deterministic ids. An agent busy on one record for that long
    is logged (extraction has its own timeout).
    """

    def __init__(self, app: faust.App, state: ProcessorState, settings: Settings) -> None:
        self._app = app
        self._state = state
        self._stall = settings.processor_stall_seconds
        self._group = app.conf.id
        self._admin_kwargs = kafka_client_kwargs(settings)

    async def on_rebalance_complete(self, sender: Any, /, *args: Any, **kwargs: Any) -> None:
        self._state.last_progress = time.monotonic()  # a new assignment starts the clock again

    async def check(self) -> None:
        now = time.monotonic()
        for agent, since in self._state.busy_since.items():
            if now - since > self._stall:
                LOGGER.warning("agent %s has been handling one record for %.0f s", agent, now - since)
        app = self._app
        if self._state.busy_since or now - self._state.last_progress < self._stall:
            return
        if app.rebalancing or app.in_recovery or not app.consumer.assignment():
            return
        consumer = cast(Consumer, app.consumer)
        changelogs = app.tables.changelog_topics
        inputs = [tp for tp in consumer.assignment() if tp.topic not in changelogs]
        try:
            unread = await self._unread(consumer, inputs)
        except Exception as exc:  # a broker hiccup: the next tick tries again
            LOGGER.info("stall check skipped: %r", exc)
            return
        if not unread:
            return
        LOGGER.warning(
            "no record handled for %.0f s while input is unread; reading again from %s",
            now - self._state.last_progress,
            ", ".join(f"{tp.topic}[{tp.partition}]@{offset}" for tp, offset in sorted(unread.items())),
        )
        REWINDS.inc(len(unread))
        await consumer.seek_wait(unread)
        self._state.last_progress = time.monotonic()

    async def _unread(self, consumer: Consumer, inputs: list[TP]) -> dict[TP, int]:
        """Input partitions whose committed offset (or first offset) is below the high-water mark."""
        if not inputs:
            return {}
        admin = AIOKafkaAdminClient(**self._admin_kwargs)
        await admin.start()
        try:
            committed = await admin.list_consumer_group_offsets(self._group, partitions=inputs)
        finally:
            await admin.close()
        offsets = {tp: meta.offset for tp, meta in committed.items() if meta is not None}
        return unread_offsets(
            inputs, offsets, await consumer.earliest_offsets(*inputs), await consumer.highwaters(*inputs)
        )


def unread_offsets(
    inputs: Sequence[TP], committed: Mapping[TP, int], starts: Mapping[TP, int], highwaters: Mapping[TP, int]
) -> dict[TP, int]:
    """Partition → offset to read again from, for partitions with records below their high-water mark.

    The committed offset is where reading resumes; without one (or -1, "none"), the partition's start.
    """
    unread: dict[TP, int] = {}
    for tp in inputs:
        offset = committed.get(tp, -1)
        if offset < 0:
            offset = starts.get(tp, 0)
        if offset < highwaters.get(tp, 0):
            unread[tp] = offset
    return unread


def _headers(raw: Any) -> list[tuple[str, bytes]]:
    """Kafka headers as a list of (name, bytes), whatever shape the client gave."""
    if not raw:
        return []
    pairs: Sequence[tuple[str, Any]] = list(raw.items()) if isinstance(raw, dict) else list(raw)
    return [(str(k), v if isinstance(v, bytes) else str(v).encode()) for k, v in pairs]
