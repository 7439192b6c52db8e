"""FeedWatcher against a real local HTTP server, with an in-memory sink and state store."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from aiohttp import web
from prometheus_client import REGISTRY

from dipwatch.adapters.feedconfig import FeedConfig
from dipwatch.adapters.http import SafeFetcher
from dipwatch.adapters.watcher import (
    FeedState,
    FeedWatcher,
    JsonFileStateStore,
    MemoryStateStore,
    feed_partition,
    feed_status,
    next_delay,
)
from dipwatch.settings import Settings
from dipwatch_schemas import NewsItem
from loopback import serve

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"
NOW = dt.datetime(2024, 5, 16, 12, 0, tzinfo=dt.UTC)


class ListSink:
    def __init__(self) -> None:
        self.items: list[NewsItem] = []
        self.fail = False

    async def publish(self, items: Sequence[NewsItem]) -> None:
        if self.fail:
            raise ConnectionError("broker unavailable")
        self.items.extend(items)


class FeedServer:
    """Serves ``self.body`` at /feed with an ETag derived from it; ``self.status`` forces errors."""

    def __init__(self) -> None:
        self.body = (FIXTURES / "rss20.xml").read_bytes()
        self.status = 200
        self.headers: dict[str, str] = {}
        self.requests = 0
        self.port = 0

    def url(self, path: str = "/feed") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def handle(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.status != 200:
            return web.Response(status=self.status, headers=self.headers)
        etag = f'"{hash(self.body) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=self.body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    state = FeedServer()
    app = web.Application()
    app.router.add_get("/feed", state.handle)
    async with serve(app) as port:
        state.port = port
        yield state


@pytest.fixture
async def fetcher() -> AsyncIterator[SafeFetcher]:
    async with SafeFetcher(Settings(fetch_allow=["127.0.0.1"], fetch_timeout=2.0)) as f:
        yield f


def _feed(server: FeedServer, feed_id: str = "example-en") -> FeedConfig:
    return FeedConfig(id=feed_id, url=server.url(), language="en", interval=600, tags=("diplo",))


def _watcher(feed: FeedConfig, fetcher: SafeFetcher, sink: ListSink, store: MemoryStateStore) -> FeedWatcher:
    return FeedWatcher([feed], fetcher, sink, store, clock=lambda: NOW, rand=lambda: 0.0)


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_new_items_published_once_then_304(server: FeedServer, fetcher: SafeFetcher) -> None:
    feed, sink, store = _feed(server, "w-once"), ListSink(), MemoryStateStore()
    watcher = _watcher(feed, fetcher, sink, store)
    first = await watcher.poll(feed)
    assert first.ok and first.new_items == 2 and first.seen_items == 2
    assert [i.title for i in sink.items] == [
        "Germany and France agree on joint statement",
        "UN envoy visits Kyiv",
    ]
    assert all(i.tags == ["diplo"] and i.language == "en" and i.fetched_at == NOW for i in sink.items)
    second = await watcher.poll(feed)
    assert second.ok and second.not_modified and second.new_items == 0
    assert len(sink.items) == 2
    state = store.states["w-once"]
    assert state.etag and len(state.seen) == 2 and state.health.items_new == 2
    assert state.health.next_poll_at == NOW + dt.timedelta(seconds=540)  # interval · 0.9 with rand = 0
    assert _metric("dipwatch_feed_items_new_total", feed="w-once") == 2
    assert _metric("dipwatch_feed_items_seen_total", feed="w-once") == 2
    assert _metric("dipwatch_feed_last_success_timestamp", feed="w-once") == NOW.timestamp()


async def test_changed_feed_publishes_only_the_new_item(server: FeedServer, fetcher: SafeFetcher) -> None:
    feed, sink, store = _feed(server, "w-changed"), ListSink(), MemoryStateStore()
    watcher = _watcher(feed, fetcher, sink, store)
    await watcher.poll(feed)
    server.body = server.body.replace(
        b"<item>",
        b"<item><title>Fresh</title><link>https://news.example.org/fresh</link></item><item>",
        1,
    )
    outcome = await watcher.poll(feed)
    assert outcome.new_items == 1 and outcome.seen_items == 3
    assert [i.title for i in sink.items][-1] == "Fresh" and len(sink.items) == 3


async def test_restarted_watcher_does_not_republish(
    server: FeedServer, fetcher: SafeFetcher, tmp_path: Path
) -> None:
    feed, sink = _feed(server, "w-restart"), ListSink()
    path = tmp_path / "state.json"
    first = JsonFileStateStore(path)
    await _watcher(feed, fetcher, sink, first).poll(feed)
    await first.flush()  # what `dipwatch watch` does before it exits
    server.body = server.body + b"\n"  # new ETag: the restarted watcher must rely on its seen-set
    again = await _watcher(feed, fetcher, sink, JsonFileStateStore(path)).poll(feed)
    assert again.ok and not again.not_modified and again.seen_items == 2 and again.new_items == 0
    assert len(sink.items) == 2


async def test_state_file_writes_are_coalesced(tmp_path: Path) -> None:
    store = JsonFileStateStore(tmp_path / "state.json", flush_delay=0.05)
    for n in range(200):
        await store.save(FeedState(feed_id=f"f{n}"))
    assert not store.path.exists()  # nothing written per save
    await asyncio.sleep(0.2)
    assert len(json.loads(store.path.read_text(encoding="utf-8"))) == 200


async def test_publish_failure_keeps_items_unseen(server: FeedServer, fetcher: SafeFetcher) -> None:
    feed, sink, store = _feed(server, "w-pubfail"), ListSink(), MemoryStateStore()
    watcher = _watcher(feed, fetcher, sink, store)
    sink.fail = True
    failed = await watcher.poll(feed)
    assert not failed.ok and failed.error_kind == "publish"
    assert store.states["w-pubfail"].seen == [] and store.states["w-pubfail"].etag is None
    sink.fail = False
    retried = await watcher.poll(feed)
    assert retried.ok and retried.new_items == 2 and len(sink.items) == 2


async def test_errors_back_off_and_honour_retry_after(server: FeedServer, fetcher: SafeFetcher) -> None:
    feed, sink, store = _feed(server, "w-errors"), ListSink(), MemoryStateStore()
    watcher = _watcher(feed, fetcher, sink, store)
    server.status = 500
    one = await watcher.poll(feed)
    two = await watcher.poll(feed)
    assert (one.error_kind, one.delay) == ("http", 300.0)  # 600 · 2^0, half of it with rand = 0
    assert two.delay == 600.0  # 600 · 2^1 / 2
    assert store.states["w-errors"].health.consecutive_failures == 2
    assert _metric("dipwatch_feed_consecutive_failures", feed="w-errors") == 2
    assert _metric("dipwatch_feed_fetch_errors_total", feed="w-errors", kind="http") == 2
    server.status, server.headers = 429, {"Retry-After": "7200"}
    limited = await watcher.poll(feed)
    assert limited.retry_after == 7200.0 and limited.delay == 7200.0
    server.status, server.headers = 200, {}
    healed = await watcher.poll(feed)
    assert healed.ok and store.states["w-errors"].health.consecutive_failures == 0
    assert _metric("dipwatch_feed_consecutive_failures", feed="w-errors") == 0


@pytest.mark.parametrize(
    ("fixture", "kind"), [("html_page.html", "not_feed"), ("entity_bomb.xml", "rejected")]
)
async def test_bad_bodies_are_feed_errors(
    server: FeedServer, fetcher: SafeFetcher, fixture: str, kind: str
) -> None:
    feed, sink, store = _feed(server, f"w-{kind}"), ListSink(), MemoryStateStore()
    server.body = (FIXTURES / fixture).read_bytes()
    outcome = await _watcher(feed, fetcher, sink, store).poll(feed)
    assert not outcome.ok and outcome.error_kind == kind and sink.items == []


async def test_bozo_feed_counts_and_still_publishes(server: FeedServer, fetcher: SafeFetcher) -> None:
    feed, sink, store = _feed(server, "w-bozo"), ListSink(), MemoryStateStore()
    server.body = (FIXTURES / "bozo.xml").read_bytes()
    outcome = await _watcher(feed, fetcher, sink, store).poll(feed)
    assert outcome.ok and outcome.new_items == 3
    assert _metric("dipwatch_feed_bozo_total", feed="w-bozo") == 1


async def test_loop_polls_and_stops_promptly(server: FeedServer, fetcher: SafeFetcher) -> None:
    feed, sink, store = _feed(server, "w-loop"), ListSink(), MemoryStateStore()
    watcher = _watcher(feed, fetcher, sink, store)
    watcher.start()
    for _ in range(100):
        if server.requests:
            break
        await asyncio.sleep(0.02)
    assert watcher.running == ["w-loop"]
    started = asyncio.get_running_loop().time()
    await watcher.stop()
    assert asyncio.get_running_loop().time() - started < 1.0
    assert server.requests == 1 and len(sink.items) == 2 and watcher.running == []


def test_next_delay() -> None:
    assert next_delay(600, 0, rand=lambda: 0.5) == 600
    assert next_delay(600, 1, rand=lambda: 1.0) == 600
    assert next_delay(600, 3, rand=lambda: 0.0) == 1200
    assert next_delay(600, 40, rand=lambda: 1.0, max_backoff=3600) == 3600
    assert next_delay(600, 1, rand=lambda: 0.0, retry_after=10**9) == 24 * 3600


def test_feed_partition_is_stable_and_spread() -> None:
    assert feed_partition("tagesschau", 4) == feed_partition("tagesschau", 4)
    assert len({feed_partition(f"feed-{i}", 4) for i in range(40)}) == 4


async def test_feed_status_rows(server: FeedServer, fetcher: SafeFetcher) -> None:
    good, bad = _feed(server, "s-good"), FeedConfig(id="s-bad", url="http://10.0.0.1/feed", interval=600)
    sink, store = ListSink(), MemoryStateStore()
    watcher = FeedWatcher([good, bad], fetcher, sink, store, clock=lambda: NOW, rand=lambda: 0.0)
    outcomes = await watcher.run_once()
    assert {o.feed_id: o.error_kind for o in outcomes} == {"s-bad": "refused", "s-good": None}
    rows = {r.feed_id: r for r in feed_status([good, bad], store.states, NOW)}
    assert rows["s-good"].healthy and rows["s-good"].items_new == 2
    assert not rows["s-bad"].healthy and rows["s-bad"].consecutive_failures == 1
    assert rows["s-bad"].last_error_kind == "refused"
