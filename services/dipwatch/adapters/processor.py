"""The stream processor: news items in, articles and events out (faust-streaming).

Two agents, both ``concurrency=1`` (pitfall 1: more can commit past an in-flight record); each
works in batches instead (``stream.noack_take(processor_batch_size, within=processor_batch_seconds)``):

1. ``analyse`` reads ``<prefix>.items`` (key item_id). Per batch, every record concurrently: decode
   (a bad record becomes a dead letter with its original bytes), fetch the page with
   :class:`SafeFetcher` (its per-host and global limits bound the concurrency; any failure: the
   feed's own summary is used), then page→text and the extraction core in the process pool via
   ``run_in_executor`` (pitfall 4: the loop only moves records; the pool's workers run in
   parallel). The results (Article + EventRecords, fingerprint set, not yet linked) go to the
   repartition topic ``<prefix>.processor-stories`` keyed by the story fingerprint.
2. ``link`` reads that repartition topic. Because it is keyed by fingerprint, every article of
   one story lands on the same partition, so a faust Table (``fingerprint → first item_id``,
   changelog ``<prefix>.processor-stories-changelog``, compacted, co-partitioned) answers
   "seen before?" locally, record by record in topic order. The first article publishes its
   events; a later one is published as an Article with ``duplicate_of`` set and no events.
   Re-processing the first article after a restart finds its own id in the table and is not a
   duplicate of itself.

Delivery: at-least-once. ``noack_take`` (unlike ``take``, which acks a batch in a ``finally``,
also when the agent is cancelled mid-batch) leaves acking to us: a batch's records are acked only
after every record it produced has been acked by the broker, so a crash (even ``kill -9``) or a
stop mid-batch re-delivers the whole batch rather than losing any of it. Keys are deterministic
(item_id, event_id) so the re-deliveries collapse downstream. Exceptions never leave an agent
(pitfall 2): a record that cannot be handled becomes a dead letter; only a producer that keeps
failing ends the process (exit 75) so that its batch is not acked and a supervisor restarts it.

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
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, cast

import faust
from faust.streams import _current_event
from prometheus_client import Counter, Histogram
from pydantic import BaseModel, ValidationError

from dipwatch.adapters.http import SafeFetcher
from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import COMPACTED, ensure_topics, kafka_client_kwargs
from dipwatch.core.decoding import decode_body
from dipwatch.core.extract import extract_article
from dipwatch.core.processing import analyse_item, link_duplicate
from dipwatch.errors import FetchError
from dipwatch.settings import Settings
from dipwatch_schemas import Article, ArticleInput, EventRecord, ExtractionResult, NewsItem

LOGGER = logging.getLogger(__name__)

ARTICLES = Counter("dipwatch_processor_articles_total", "Articles published", ["language", "diplomatic"])
EVENTS = Counter("dipwatch_processor_events_total", "Events published", ["event_type"])
EXTRACTION_SECONDS = Histogram(
    "dipwatch_processor_extraction_seconds",
    "Page-to-text plus extraction time per item (in the worker pool)",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
DEADLETTERS = Counter("dipwatch_processor_deadletters_total", "Records sent to dead letters", ["reason"])
BATCH_SIZES = Histogram(
    "dipwatch_processor_batch_records",
    "Records per batch taken from a topic",
    ["agent"],
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512),
)
DUPLICATES = Counter("dipwatch_processor_duplicates_total", "Articles linked to an earlier story")
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


@dataclass
class ProcessorState:
    """What the health check reads: records published and when the last one was."""

    records: int = 0
    dead_letters: int = 0
    last_record_at: float | None = None


@dataclass(frozen=True)
class Output:
    """One record to produce; ``on_delivered`` runs once the broker has acked the whole batch."""

    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]
    on_delivered: Callable[[], None] | None = None


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
    """Page bytes → text → extraction → records, in a pool process; returns JSON and CPU seconds."""
    started = time.perf_counter()
    item = NewsItem.model_validate_json(item_json)
    html = decode_body(body, content_type) if body else None
    reference = (item.published_at or processed_at).date()

    def extract(article: ArticleInput) -> ExtractionResult:
        return extract_article(article, reference_date=reference)

    analysis = analyse_item(item, html, extract=extract, processed_at=processed_at)
    value = Analysed(article=analysis.article, events=analysis.events).model_dump_json().encode()
    return value, time.perf_counter() - started


def _exit_with_parent(parent_pid: int) -> None:
    """A worker whose parent was killed (``kill -9``) would otherwise live on."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


_WARM_UP = (
    ("de", "Die Außenministerin traf am Montag in Berlin ihren französischen Amtskollegen."),
    ("en", "The foreign minister met his French counterpart in London on Monday."),
)


def _init_worker(parent_pid: int) -> None:
    """Pool initializer: exit with the parent, and load the data files now, not on the first item.

    Loading the lexicons and dictionaries takes seconds; done here, when the pool starts, it does
    not delay the first batch (whose records would otherwise wait for it in every worker).
    """
    _exit_with_parent(parent_pid)
    for language, text in _WARM_UP:
        extract_article(ArticleInput(text=text, language=language), reference_date=dt.date(2025, 1, 1))


def _noop() -> None:
    return None


class WorkerPool:
    """A process pool that is rebuilt when a worker dies (OOM kill, segfault in a parser)."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # spawn: the parent runs an event loop and Kafka threads, which must not be forked.
        return ProcessPoolExecutor(
            self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    def start(self) -> None:
        """Spawn every worker now (the pool would spawn them one by one on demand)."""
        for _ in range(self._workers):
            self._pool.submit(_noop)

    async def run(
        self, item_json: bytes, body: bytes | None, content_type: str | None, processed_at: dt.datetime
    ) -> tuple[bytes, float]:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._pool, analyse_in_worker, item_json, body, content_type, processed_at
            )
        except BrokenProcessPool:
            LOGGER.warning("process pool broken; rebuilding it and retrying the record once")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new()
            return await loop.run_in_executor(
                self._pool, analyse_in_worker, item_json, body, content_type, processed_at
            )

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


def build_app(
    settings: Settings, pool: WorkerPool, state: ProcessorState, *, session_timeout: float = 15.0
) -> faust.App:
    """The processor app: topics, the fingerprint table and both agents."""
    names = topic_names(settings)
    partitions = settings.topic_partitions
    replicas = settings.topic_replication_factor
    datadir = settings.data_dir / "processor"
    datadir.mkdir(parents=True, exist_ok=True)  # faust creates only the last level
    app = faust.App(
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
        # Throughput: a poll may return a few batches' worth; the producer packs a batch's records
        # (articles carry their text, often > 16 KB, the default batch) into few requests.
        broker_max_poll_records=max(500, 4 * settings.processor_batch_size),
        producer_linger=0.005,
        producer_max_batch_size=512 * 1024,  # below max_request_size (1 MB)
        producer_acks=-1,  # acks=all: a record counts as delivered once every in-sync replica has it
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

    def dead_letter(reason: str, error: BaseException | str, message: Any) -> Output:
        """The dead letter of a record, to be produced with the rest of its batch."""
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
        headers = serde.headers_for(STAGE)
        return Output(names["deadletters"], message.key or b"", serde.encode(letter), headers)

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

    async def analyse_one(fetcher: SafeFetcher, message: Any) -> list[Output]:
        """One item → its repartition record, or its dead letter; never raises (pitfall 2)."""
        try:
            try:
                item = cast(NewsItem, serde.decode("items", message.value, _headers(message.headers)))
            except serde.RecordRejected as exc:
                return [dead_letter("decode", exc, message)]
            body, content_type = await fetch_page(fetcher, item)
            try:
                value, seconds = await pool.run(
                    item.model_dump_json().encode(), body, content_type, dt.datetime.now(dt.UTC)
                )
            except Exception as exc:  # the extraction core failed on this item: keep the evidence
                LOGGER.exception("extraction failed for item %s", item.item_id)
                return [dead_letter("extraction", exc, message)]
            EXTRACTION_SECONDS.observe(seconds)
            fingerprint = Analysed.model_validate_json(value).article.fingerprint
            key = (fingerprint or f"item:{item.item_id}").encode()
            return [Output(names["stories"], key, value, serde.headers_for(STAGE))]
        except Exception as exc:
            LOGGER.exception(
                "unexpected failure on %s[%s]@%s", message.topic, message.partition, message.offset
            )
            return [dead_letter("internal", exc, message)]

    def link_one(event: Any) -> list[Output]:
        """One repartition record → its events and article (or its dead letter); never raises."""
        message = event.message
        try:
            analysed = Analysed.model_validate_json(message.value)
        except ValidationError as exc:
            return [dead_letter("decode", exc, message)]
        try:
            article = analysed.article
            first: str | None = None
            if article.fingerprint:
                # The table writes its changelog to the partition of the *current* event; in a batch
                # that is this record, so say so in this task's context (not the stream's attribute,
                # which the background reader of ``noack_take`` uses for the next record).
                _current_event.set(weakref.ref(event))
                first = first_seen.get(article.fingerprint)
                if first is None:
                    first_seen[article.fingerprint] = article.item_id
                    first = article.item_id
            article, events = link_duplicate(article, analysed.events, first)
        except Exception as exc:
            LOGGER.exception(
                "unexpected failure on %s[%s]@%s", message.topic, message.partition, message.offset
            )
            return [dead_letter("internal", exc, message)]
        if article.duplicate_of:
            DUPLICATES.inc()
        headers = serde.headers_for(STAGE)
        outputs = [Output(names["events"], e.event_id.encode(), serde.encode(e), headers) for e in events]
        outputs.append(
            Output(
                names["articles"],
                article.item_id.encode(),
                serde.encode(article),
                headers,
                on_delivered=_article_published(article, events),
            )
        )
        return outputs

    def _article_published(article: Article, events: list[EventRecord]) -> Callable[[], None]:
        def published() -> None:
            for event in events:
                EVENTS.labels(event_type=event.event_type).inc()
            ARTICLES.labels(language=article.language, diplomatic=str(article.is_diplomatic).lower()).inc()
            state.records += 1
            state.last_record_at = time.time()

        return published

    async def publish_and_ack(stream: Any, events: Sequence[Any], outputs: list[Output]) -> None:
        """Produce a batch's outputs, wait for every broker ack, and only then ack its records.

        A crash before the acks (even ``kill -9``) leaves the whole batch uncommitted, so it is
        delivered again. Events before articles within a record: awaiting all of them together is
        enough, because nothing is acked until all are delivered.
        """
        await asyncio.gather(*(send(o.topic, o.key, o.value, o.headers) for o in outputs))
        for output in outputs:
            if output.on_delivered is not None:
                output.on_delivered()
        for event in events:
            await stream.ack(event)

    batch_size = settings.processor_batch_size
    window = settings.processor_batch_seconds

    @app.agent(items_topic, concurrency=1, name="analyse")
    async def analyse(stream: Any) -> None:
        # noack_take: the records of a batch are acked by us, after their outputs are delivered.
        async with SafeFetcher(settings) as fetcher:
            async for events in stream.noack_take(batch_size, within=window):
                BATCH_SIZES.labels(agent="analyse").observe(len(events))
                started = time.perf_counter()
                results = await asyncio.gather(*(analyse_one(fetcher, e.message) for e in events))
                analysed = time.perf_counter()
                await publish_and_ack(stream, events, [o for outputs in results for o in outputs])
                LOGGER.debug(
                    "analyse: %d records, %.3f s analysing, %.3f s publishing",
                    len(events),
                    analysed - started,
                    time.perf_counter() - analysed,
                )

    @app.agent(stories_topic, concurrency=1, name="link")
    async def link(stream: Any) -> None:
        async for events in stream.noack_take(batch_size, within=window):
            BATCH_SIZES.labels(agent="link").observe(len(events))
            started = time.perf_counter()
            outputs = [o for event in events for o in link_one(event)]  # in order: the table decides
            await publish_and_ack(stream, events, outputs)
            LOGGER.debug("link: %d records, %.3f s", len(events), time.perf_counter() - started)

    return app


def _headers(raw: Any) -> list[tuple[str, bytes]]:
    """Kafka headers as a list of (name, bytes), whatever shape the client gave."""
    if not raw:
        return []
    pairs: Sequence[tuple[str, Any]] = list(raw.items()) if isinstance(raw, dict) else list(raw)
    return [(str(k), v if isinstance(v, bytes) else str(v).encode()) for k, v in pairs]
