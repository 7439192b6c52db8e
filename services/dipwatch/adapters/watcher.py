"""The feed watcher: per-feed scheduling, conditional GET, backoff, health, seen-set, publishing.

:class:`FeedWatcher` is mode-free: it publishes through an :class:`ItemSink` and keeps per-feed
state (ETag, Last-Modified, recent item ids, health) in a :class:`StateStore`. The embedded mode
plugs in SQLite; :class:`KafkaWatcher` plugs in Kafka:

* items go to ``<prefix>.items`` (key ``item_id``, ``acks=all``, idempotent producer);
* state goes to the compacted topic ``<prefix>.watcher-state``, key ``feed_id``, written to
  partition ``stable_hash(feed_id) % partitions``. Replicas join the consumer group
  ``<group>-watcher`` on that topic, so Kafka's group assignment decides which replica owns which
  feeds. On assignment a replica reads its partitions from the beginning (nothing is committed),
  and only then polls the feeds of those partitions; on revocation it stops them first.

Order per poll: publish the new items and wait for the broker's acks, *then* write the state.
A crash between the two republishes those items on the next poll: at-least-once, made harmless
downstream because the item id is the Kafka key and the Elasticsearch ``_id`` (idempotent).
A replica that lost its partitions (e.g. stalled past the session timeout) checks ownership
right before publishing, which narrows the zombie window to one in-flight poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import random
import socket
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client import Counter, Gauge
from pydantic import AwareDatetime, BaseModel, Field

from dipwatch.adapters.feedconfig import FeedConfig
from dipwatch.adapters.http import FetchResult
from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import COMPACTED, ensure_topics, kafka_client_kwargs
from dipwatch.core.feeds import ParsedFeed, parse_feed
from dipwatch.errors import DipwatchError, FeedRejected, FetchError, FetchHTTPError
from dipwatch.settings import Settings
from dipwatch_schemas import NewsItem

LOGGER = logging.getLogger(__name__)

ITEMS_SEEN = Counter("dipwatch_feed_items_seen", "Items read from a feed (new or not)", ["feed"])
ITEMS_NEW = Counter("dipwatch_feed_items_new", "Items published for the first time", ["feed"])
FETCH_ERRORS = Counter("dipwatch_feed_fetch_errors", "Failed polls by kind", ["feed", "kind"])
BOZO = Counter("dipwatch_feed_bozo", "Polls whose feed was malformed (bozo)", ["feed"])
ITEMS_SKIPPED = Counter(
    "dipwatch_feed_items_skipped", "Entries dropped for lack of a link and a GUID (no identity)", ["feed"]
)
LAST_SUCCESS = Gauge("dipwatch_feed_last_success_timestamp", "Unix time of the last good poll", ["feed"])
CONSECUTIVE_FAILURES = Gauge("dipwatch_feed_consecutive_failures", "Failed polls in a row", ["feed"])

SEEN_LIMIT = 2000
"""Recent item ids kept per feed; at least twice the items a feed shows, so none falls out early."""
MAX_BACKOFF = 6 * 3600.0
MAX_RETRY_AFTER = 24 * 3600.0
"""A server's Retry-After is honoured up to a day; larger values are treated as a day."""
STATE_STAGE = "watcher-state"


# --- state ------------------------------------------------------------------------------------


class FeedHealth(BaseModel):
    last_poll_at: AwareDatetime | None = None
    last_success_at: AwareDatetime | None = None
    last_error_at: AwareDatetime | None = None
    last_error: str | None = None
    last_error_kind: str | None = None
    last_status: int | None = None
    consecutive_failures: int = 0
    items_seen: int = 0
    items_new: int = 0
    bozo: bool = False
    next_poll_at: AwareDatetime | None = None


class FeedState(BaseModel):
    """Everything a replica needs to take a feed over; the value of a ``watcher-state`` record."""

    feed_id: str
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = Field(default_factory=list, description="recent item ids, oldest first")
    health: FeedHealth = Field(default_factory=FeedHealth)
    updated_at: AwareDatetime | None = None
    owner: str | None = None


class ItemSink(Protocol):
    async def publish(self, items: Sequence[NewsItem]) -> None:
        """Return only when the items are durable (broker acks / committed transaction)."""


class StateStore(Protocol):
    async def load(self, feed_id: str) -> FeedState | None: ...
    async def save(self, state: FeedState) -> None: ...


class Fetcher(Protocol):
    async def fetch(
        self, url: str, *, etag: str | None = ..., last_modified: str | None = ...
    ) -> FetchResult: ...


class MemoryStateStore:
    """State in a dict (tests, and the base of the file store)."""

    def __init__(self) -> None:
        self.states: dict[str, FeedState] = {}

    async def load(self, feed_id: str) -> FeedState | None:
        state = self.states.get(feed_id)
        return state.model_copy(deep=True) if state else None

    async def save(self, state: FeedState) -> None:
        self.states[state.feed_id] = state.model_copy(deep=True)


class JsonFileStateStore(MemoryStateStore):
    """State in one JSON file (``<data_dir>/watcher-state.json``), replaced atomically.

    Saves are coalesced: the file is rewritten at most every ``flush_delay`` seconds, in a thread,
    so 1,000 feeds cost one write per interval instead of 1,000 rewrites of the whole file on the
    event loop. ``flush()`` writes what is pending (call it before exit); a crash loses at most
    ``flush_delay`` seconds of state, which re-publishes items — harmless, their ids are keys.
    """

    def __init__(self, path: Path, flush_delay: float = 0.5) -> None:
        super().__init__()
        self.path = path
        self.flush_delay = flush_delay
        self._dirty = False
        self._flusher: asyncio.Task[None] | None = None
        if path.exists():
            raw = json.loads(path.read_text(encoding="utf-8"))
            self.states = {k: FeedState.model_validate(v) for k, v in raw.items()}

    async def save(self, state: FeedState) -> None:
        await super().save(state)
        self._dirty = True
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        await asyncio.sleep(self.flush_delay)
        await self.flush()

    async def flush(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        payload = json.dumps({k: v.model_dump(mode="json") for k, v in self.states.items()}, indent=1)
        await asyncio.to_thread(self._write, payload)

    def _write(self, payload: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(payload, encoding="utf-8")
        tmp.replace(self.path)


# --- scheduling -------------------------------------------------------------------------------


def next_delay(
    interval: float,
    failures: int,
    *,
    rand: Callable[[], float],
    retry_after: float | None = None,
    max_backoff: float = MAX_BACKOFF,
) -> float:
    """Seconds until the next poll.

    Success: the interval ±10 % (spreads feeds that started together). Failure n: exponential
    ``interval · 2^(n-1)`` capped at ``max_backoff``, with "equal jitter" (between half and all
    of it). A server's Retry-After is a floor (capped at a day).
    """
    if failures <= 0:
        delay = interval * (0.9 + 0.2 * rand())
    else:
        base = min(max_backoff, interval * 2 ** min(failures - 1, 30))
        delay = base / 2 + rand() * base / 2
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


@dataclass
class PollOutcome:
    feed_id: str
    ok: bool
    new_items: int = 0
    seen_items: int = 0
    not_modified: bool = False
    error_kind: str | None = None
    error: str | None = None
    retry_after: float | None = None
    delay: float = 0.0


class NotOwnerError(DipwatchError):
    """This replica no longer owns the feed (its partition was revoked)."""


def _parse_in_worker(
    body: bytes, feed: FeedConfig, fetched_at: dt.datetime, content_type: str | None
) -> ParsedFeed:
    return parse_feed(body, feed, fetched_at=fetched_at, content_type=content_type)


class FeedWatcher:
    """Polls feeds on their intervals and publishes items not seen before."""

    def __init__(
        self,
        feeds: Iterable[FeedConfig],
        fetcher: Fetcher,
        sink: ItemSink,
        store: StateStore,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        rand: Callable[[], float] = random.random,
        seen_limit: int = SEEN_LIMIT,
        max_backoff: float = MAX_BACKOFF,
        executor: Executor | None = None,
        may_publish: Callable[[str], bool] | None = None,
        owner: str | None = None,
    ) -> None:
        self.feeds = {f.id: f for f in feeds if f.enabled}
        self._fetcher = fetcher
        self._sink = sink
        self._store = store
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._rand = rand
        self._seen_limit = seen_limit
        self._max_backoff = max_backoff
        self._executor = executor
        self._may_publish = may_publish or (lambda _feed_id: True)
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}"
        self._states: dict[str, FeedState] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._stopping: dict[str, asyncio.Event] = {}

    # -- state --

    async def state(self, feed_id: str) -> FeedState:
        state = self._states.get(feed_id)
        if state is None:
            state = await self._store.load(feed_id) or FeedState(feed_id=feed_id)
            self._states[feed_id] = state
        return state

    def forget(self, feed_ids: Iterable[str]) -> None:
        """Drop cached state (another replica may change it while we do not own the feed)."""
        for feed_id in feed_ids:
            self._states.pop(feed_id, None)

    def status(self) -> list[FeedState]:
        return [self._states.get(fid) or FeedState(feed_id=fid) for fid in sorted(self.feeds)]

    # -- one poll --

    async def poll(self, feed: FeedConfig) -> PollOutcome:
        """Fetch, parse, publish new items, save state. Feed errors are recorded, never raised."""
        state = await self.state(feed.id)
        health = state.health
        now = self._clock()
        health.last_poll_at = now
        outcome = PollOutcome(feed_id=feed.id, ok=False)
        try:
            result = await self._fetcher.fetch(feed.url, etag=state.etag, last_modified=state.last_modified)
            health.last_status = result.status
            result.raise_for_status()
            if result.not_modified:
                outcome.not_modified = True
            else:
                parsed = await asyncio.get_running_loop().run_in_executor(
                    self._executor,
                    functools.partial(_parse_in_worker, result.body, feed, now, result.content_type),
                )
                new = self._new_items(feed, state, parsed, outcome)
                if new:
                    if not self._may_publish(feed.id):
                        raise NotOwnerError(f"partition of {feed.id} revoked before publishing")
                    await self._sink.publish(new)  # durable first, then the state that says "seen"
                self._remember(state, new, len(parsed.items))
                state.etag, state.last_modified = result.etag, result.last_modified
            outcome.ok = True
        except FetchError as exc:
            outcome.error_kind, outcome.error = exc.kind, str(exc)
            if isinstance(exc, FetchHTTPError):
                outcome.retry_after = exc.retry_after
        except FeedRejected as exc:
            outcome.error_kind, outcome.error = "rejected", str(exc)
        except _NotAFeedError as exc:
            outcome.error_kind, outcome.error = "not_feed", str(exc)
        except NotOwnerError as exc:
            LOGGER.info("feed %s: %s", feed.id, exc)
            outcome.error_kind, outcome.error = "not_owner", str(exc)
            return outcome  # no state write: the new owner's state wins
        except Exception as exc:  # publishing or an unexpected parser failure: retry with backoff
            LOGGER.exception("feed %s: poll failed", feed.id)
            outcome.error_kind, outcome.error = "publish", f"{type(exc).__name__}: {exc}"

        self._record_health(feed, state, outcome, now)
        state.updated_at, state.owner = now, self.owner
        try:
            await self._store.save(state)
        except Exception:
            LOGGER.exception(
                "feed %s: state not saved (items may be published again; ids are stable)", feed.id
            )
        return outcome

    def _new_items(
        self, feed: FeedConfig, state: FeedState, parsed: ParsedFeed, outcome: PollOutcome
    ) -> list[NewsItem]:
        if parsed.bozo:
            BOZO.labels(feed.id).inc()
            LOGGER.info("feed %s is malformed (%s); using what could be read", feed.id, parsed.bozo_reason)
        state.health.bozo = parsed.bozo
        if parsed.skipped:
            ITEMS_SKIPPED.labels(feed.id).inc(parsed.skipped)
            LOGGER.warning("feed %s: %d entries without link or GUID dropped", feed.id, parsed.skipped)
        if not parsed.is_feed:
            raise _NotAFeedError(parsed.bozo_reason or "no feed found in the body")
        seen = set(state.seen)
        new = [item for item in parsed.items if item.item_id not in seen]
        outcome.seen_items, outcome.new_items = len(parsed.items), len(new)
        return new

    def _remember(self, state: FeedState, new: Sequence[NewsItem], shown: int) -> None:
        state.seen = [*state.seen, *(item.item_id for item in new)]
        limit = max(self._seen_limit, 2 * shown)
        if len(state.seen) > limit:
            state.seen = state.seen[-limit:]

    def _record_health(
        self, feed: FeedConfig, state: FeedState, outcome: PollOutcome, now: dt.datetime
    ) -> None:
        health = state.health
        if outcome.ok:
            health.last_success_at = now
            health.consecutive_failures = 0
            health.items_seen += outcome.seen_items
            health.items_new += outcome.new_items
            ITEMS_SEEN.labels(feed.id).inc(outcome.seen_items)
            ITEMS_NEW.labels(feed.id).inc(outcome.new_items)
            LAST_SUCCESS.labels(feed.id).set(now.timestamp())
        else:
            health.last_error_at = now
            health.last_error = (outcome.error or "")[:500]
            health.last_error_kind = outcome.error_kind
            health.consecutive_failures += 1
            FETCH_ERRORS.labels(feed.id, outcome.error_kind or "error").inc()
            LOGGER.warning("feed %s: poll failed (%s): %s", feed.id, outcome.error_kind, outcome.error)
        CONSECUTIVE_FAILURES.labels(feed.id).set(health.consecutive_failures)
        outcome.delay = next_delay(
            feed.interval,
            health.consecutive_failures,
            rand=self._rand,
            retry_after=outcome.retry_after,
            max_backoff=self._max_backoff,
        )
        health.next_poll_at = now + dt.timedelta(seconds=outcome.delay)

    # -- scheduling --

    async def run_once(self, feed_ids: Iterable[str] | None = None) -> list[PollOutcome]:
        ids = sorted(self.feeds) if feed_ids is None else [f for f in feed_ids if f in self.feeds]
        return list(await asyncio.gather(*(self.poll(self.feeds[f]) for f in ids)))

    def start(self, feed_ids: Iterable[str] | None = None) -> None:
        """Start the polling loop of each feed (idempotent)."""
        for feed_id in sorted(self.feeds) if feed_ids is None else feed_ids:
            if feed_id in self.feeds and feed_id not in self._tasks:
                self._stopping[feed_id] = asyncio.Event()
                self._tasks[feed_id] = asyncio.create_task(
                    self._loop(self.feeds[feed_id]), name=f"feed:{feed_id}"
                )

    async def stop(self, feed_ids: Iterable[str] | None = None, *, grace: float = 30.0) -> None:
        """Stop loops; a poll in progress may finish (bounded by ``grace``) so state stays consistent."""
        ids = list(self._tasks) if feed_ids is None else [f for f in feed_ids if f in self._tasks]
        for feed_id in ids:
            self._stopping[feed_id].set()
        tasks = [self._tasks.pop(f) for f in ids]
        for f in ids:
            self._stopping.pop(f, None)
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    @property
    def running(self) -> list[str]:
        return sorted(self._tasks)

    async def _loop(self, feed: FeedConfig) -> None:
        stopping = self._stopping[feed.id]
        state = await self.state(feed.id)
        now = self._clock()
        wait = self._rand() * min(feed.interval, 5.0)  # do not hit every host in the same second
        if state.health.next_poll_at is not None:  # a restart keeps the schedule and any backoff
            wait = max(wait, (state.health.next_poll_at - now).total_seconds())
        while not stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), timeout=max(0.0, wait))
            if stopping.is_set():
                return
            outcome = await self.poll(feed)
            wait = outcome.delay


class _NotAFeedError(DipwatchError):
    """The body parsed to nothing feed-like (HTML page, binary, empty)."""


# --- status listing ---------------------------------------------------------------------------


class FeedStatusRow(BaseModel):
    """One line of ``dipwatch feeds``; the embedded runner builds these from its SQLite state."""

    feed_id: str
    url: str
    enabled: bool
    interval: float
    last_success_at: AwareDatetime | None = None
    last_error_at: AwareDatetime | None = None
    last_error: str | None = None
    last_error_kind: str | None = None
    consecutive_failures: int = 0
    items_seen: int = 0
    items_new: int = 0
    next_poll_at: AwareDatetime | None = None
    owner: str | None = None
    healthy: bool


def feed_status(
    feeds: Iterable[FeedConfig], states: dict[str, FeedState], now: dt.datetime
) -> list[FeedStatusRow]:
    """Per-feed status: healthy = no failure in a row and a success within three intervals."""
    rows = []
    for feed in feeds:
        state = states.get(feed.id) or FeedState(feed_id=feed.id)
        h = state.health
        recent = (
            h.last_success_at is not None and (now - h.last_success_at).total_seconds() <= 3 * feed.interval
        )
        rows.append(
            FeedStatusRow(
                feed_id=feed.id,
                url=feed.url,
                enabled=feed.enabled,
                interval=feed.interval,
                last_success_at=h.last_success_at,
                last_error_at=h.last_error_at,
                last_error=h.last_error,
                last_error_kind=h.last_error_kind,
                consecutive_failures=h.consecutive_failures,
                items_seen=h.items_seen,
                items_new=h.items_new,
                next_poll_at=h.next_poll_at,
                owner=state.owner,
                healthy=feed.enabled and h.consecutive_failures == 0 and recent,
            )
        )
    return rows


# --- Kafka mode -------------------------------------------------------------------------------


def state_topic(settings: Settings) -> str:
    return settings.topic(STATE_STAGE)


def feed_partition(feed_id: str, partitions: int) -> int:
    """Stable across processes and Python versions (unlike ``hash()``)."""
    return int.from_bytes(hashlib.sha1(feed_id.encode("utf-8")).digest()[:4], "big") % partitions


def _decode_state(value: bytes | None) -> FeedState | None:
    if value is None:
        return None
    try:
        return FeedState.model_validate_json(value)
    except ValueError:
        LOGGER.warning("unreadable watcher-state record ignored")
        return None


async def topic_partitions(settings: Settings, topic: str) -> list[int]:
    """Partition numbers of ``topic`` (empty when it does not exist), asked of the broker."""
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return sorted(p["partition"] for t in described if t["error_code"] == 0 for p in t["partitions"])


async def read_state_topic(settings: Settings, *, timeout: float = 30.0) -> dict[str, FeedState]:
    """The latest state of every feed, read from the compacted state topic (no consumer group)."""
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), enable_auto_commit=False, group_id=None)
    await consumer.start()
    states: dict[str, FeedState] = {}
    try:
        topic = state_topic(settings)
        tps = [TopicPartition(topic, p) for p in await topic_partitions(settings, topic)]
        if not tps:
            return states
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        async with asyncio.timeout(timeout):
            while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
                batches = await consumer.getmany(timeout_ms=500)
                for records in batches.values():
                    for record in records:
                        key = record.key.decode("utf-8") if record.key else None
                        state = _decode_state(record.value)
                        if key and state:
                            states[key] = state
                        elif key:
                            states.pop(key, None)
    finally:
        await consumer.stop()
    return states


class KafkaWatcher:
    """A :class:`FeedWatcher` replica: items to ``<prefix>.items``, state to ``<prefix>.watcher-state``.

    It is its own :class:`ItemSink` and :class:`StateStore`. Feeds are polled only by the replica
    that owns the state partition they hash to (see the module docstring).
    """

    def __init__(
        self,
        settings: Settings,
        feeds: Iterable[FeedConfig],
        fetcher: Fetcher,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        rand: Callable[[], float] = random.random,
        executor: Executor | None = None,
        owner: str | None = None,
    ) -> None:
        self.settings = settings
        self.items_topic = settings.topic("items")
        self.state_topic = state_topic(settings)
        self.watcher = FeedWatcher(
            feeds,
            fetcher,
            self,
            self,
            clock=clock,
            rand=rand,
            executor=executor,
            may_publish=self.owns,
            owner=owner,
        )
        self._partitions = settings.topic_partitions
        self._producer: Any = None
        self._consumer: Any = None
        self._loading: dict[int, int] = {}  # partition → end offset to reach before polling
        self._ready: set[int] = set()
        self._loaded: dict[str, FeedState] = {}
        self._assigned_once = asyncio.Event()

    # -- ownership --

    def feeds_of(self, partitions: Iterable[int]) -> list[str]:
        wanted = set(partitions)
        return [f for f in self.watcher.feeds if feed_partition(f, self._partitions) in wanted]

    def owns(self, feed_id: str) -> bool:
        return feed_partition(feed_id, self._partitions) in self._ready

    @property
    def owned_feeds(self) -> list[str]:
        return self.feeds_of(self._ready)

    # -- ItemSink / StateStore --

    async def publish(self, items: Sequence[NewsItem]) -> None:
        headers = serde.headers_for("items")
        futures = [
            await self._producer.send(
                self.items_topic, key=item.item_id.encode("utf-8"), value=serde.encode(item), headers=headers
            )
            for item in items
        ]
        await asyncio.gather(*futures)  # every ack, before the state says "seen"

    async def load(self, feed_id: str) -> FeedState | None:
        state = self._loaded.get(feed_id)
        return state.model_copy(deep=True) if state else None

    async def save(self, state: FeedState) -> None:
        await self._producer.send_and_wait(
            self.state_topic,
            key=state.feed_id.encode("utf-8"),
            value=state.model_dump_json().encode("utf-8"),
            partition=feed_partition(state.feed_id, self._partitions),
        )

    # -- lifecycle --

    async def start(self) -> None:
        await ensure_topics(self.settings, stages=("items",), extra={self.state_topic: COMPACTED})
        kwargs = kafka_client_kwargs(self.settings)
        self._producer = AIOKafkaProducer(
            **kwargs, acks="all", enable_idempotence=True, client_id=f"dipwatch-watcher-{self.watcher.owner}"
        )
        await self._producer.start()
        self._partitions = len(await self._producer.partitions_for(self.state_topic))
        self._consumer = AIOKafkaConsumer(
            **kwargs,
            group_id=f"{self.settings.consumer_group}-watcher",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            client_id=f"dipwatch-watcher-{self.watcher.owner}",
        )
        await self._consumer.start()
        self._consumer.subscribe([self.state_topic], listener=_Rebalance(self))

    async def stop(self) -> None:
        await self.watcher.stop()
        if self._consumer is not None:
            await self._consumer.stop()
        if self._producer is not None:
            await self._producer.stop()

    async def on_revoked(self, partitions: Iterable[int]) -> None:
        parts = set(partitions)
        feeds = self.feeds_of(parts)
        self._ready -= parts
        for p in parts:
            self._loading.pop(p, None)
        await self.watcher.stop(feeds)  # a running poll finishes before another replica takes over
        self.watcher.forget(feeds)
        for feed_id in feeds:
            self._loaded.pop(feed_id, None)
        LOGGER.info(
            "watcher %s released partitions %s (%d feeds)", self.watcher.owner, sorted(parts), len(feeds)
        )

    async def on_assigned(self, partitions: Iterable[int]) -> None:
        parts = sorted(set(partitions))
        tps = [TopicPartition(self.state_topic, p) for p in parts]
        feeds = self.feeds_of(parts)
        self.watcher.forget(feeds)
        if tps:
            await self._consumer.seek_to_beginning(*tps)
            ends = await self._consumer.end_offsets(tps)
            for tp in tps:
                self._ready.discard(tp.partition)
                self._loading[tp.partition] = ends[tp]
        self._assigned_once.set()
        LOGGER.info("watcher %s assigned partitions %s (%d feeds)", self.watcher.owner, parts, len(feeds))

    async def _consume(self, timeout_ms: int) -> list[int]:
        """Apply state records of loading partitions; returns partitions that just became ready."""
        batches = await self._consumer.getmany(timeout_ms=timeout_ms)
        for tp, records in batches.items():
            # Records may arrive before the assignment callback has run (aiokafka starts fetching
            # first), so everything not in a partition we already poll is applied; the replay from
            # the beginning then ends in the latest state. Records of partitions we poll are our
            # own writes: the in-memory state is newer.
            if tp.partition in self._ready:
                continue
            for record in records:
                key = record.key.decode("utf-8") if record.key else None
                if not key:
                    continue
                state = _decode_state(record.value)
                if state is None:
                    self._loaded.pop(key, None)
                else:
                    self._loaded[key] = state
        became_ready = []
        for partition, end in list(self._loading.items()):
            if await self._consumer.position(TopicPartition(self.state_topic, partition)) >= end:
                del self._loading[partition]
                self._ready.add(partition)
                became_ready.append(partition)
        return became_ready

    async def run(
        self, *, once: bool = False, stop: asyncio.Event | None = None, ready_timeout: float = 60.0
    ) -> list[PollOutcome]:
        """Poll owned feeds until ``stop`` is set; with ``once``, poll each owned feed once and return."""
        stop = stop or asyncio.Event()
        await self.start()
        try:
            if once:
                async with asyncio.timeout(ready_timeout):
                    while not self._assigned_once.is_set() or self._loading:
                        await self._consume(200)
                return await self.watcher.run_once(self.owned_feeds)
            while not stop.is_set():
                ready = await self._consume(500)
                if ready:
                    self.watcher.start(self.feeds_of(ready))
            return []
        finally:
            await self.stop()


class _Rebalance(ConsumerRebalanceListener):  # type: ignore[misc]  # aiokafka ships no types
    def __init__(self, owner: KafkaWatcher) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: Any) -> None:
        await self._owner.on_revoked(tp.partition for tp in revoked)

    async def on_partitions_assigned(self, assigned: Any) -> None:
        await self._owner.on_assigned(tp.partition for tp in assigned)
