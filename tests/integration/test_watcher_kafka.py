"""The watcher on the real local Kafka: each item published exactly once across polls and restarts."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiokafka import AIOKafkaConsumer, TopicPartition

from dipwatch.adapters.feedconfig import FeedConfig
from dipwatch.adapters.http import SafeFetcher
from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.adapters.kafka.serde import decode
from dipwatch.adapters.watcher import KafkaWatcher, read_state_topic, topic_partitions
from dipwatch.settings import Settings
from dipwatch_schemas import NewsItem
from loopback import serve

pytestmark = [pytest.mark.integration]

FEED = (Path(__file__).parent.parent / "fixtures" / "feeds" / "rss20.xml").read_bytes()


class FeedServer:
    def __init__(self) -> None:
        self.body = FEED
        self.port = 0
        self.requests = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.requests += 1
        etag = f'"{len(self.body)}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=self.body, headers={"ETag": etag, "Content-Type": "application/rss+xml"})


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    state = FeedServer()
    app = web.Application()
    app.router.add_get("/{name}", state.handle)
    async with serve(app) as port:
        state.port = port
        yield state


async def _read_items(settings: Settings) -> list[tuple[str, NewsItem]]:
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        topic = settings.topic("items")
        tps = [TopicPartition(topic, p) for p in await topic_partitions(settings, topic)]
        assert tps, f"no partitions for {topic}"
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        out: list[tuple[str, NewsItem]] = []
        async with asyncio.timeout(30):
            while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    for r in records:
                        item = decode("items", r.value, r.headers)
                        assert isinstance(item, NewsItem)
                        out.append((r.key.decode(), item))
        return out
    finally:
        await consumer.stop()


async def test_polls_and_restarts_publish_each_item_once(
    stack_settings: Settings, feed_server: FeedServer
) -> None:
    settings = stack_settings.model_copy(update={"fetch_allow": ["127.0.0.1"]})
    feed = FeedConfig(
        id="local-en", url=f"http://127.0.0.1:{feed_server.port}/feed.xml", language="en", interval=60
    )

    async with SafeFetcher(settings) as fetcher:
        first = await KafkaWatcher(settings, [feed], fetcher, owner="replica-1").run(once=True)
        assert [(o.ok, o.new_items) for o in first] == [(True, 2)]

        # Same body: conditional GET answers 304, nothing published.
        second = await KafkaWatcher(settings, [feed], fetcher, owner="replica-1").run(once=True)
        assert [(o.ok, o.not_modified, o.new_items) for o in second] == [(True, True, 0)]

        # A changed body (new ETag) with one more item: a restarted watcher publishes only that one.
        feed_server.body = FEED.replace(
            b"<item>",
            b"<item><title>Fresh</title><link>https://news.example.org/fresh</link></item><item>",
            1,
        )
        third = await KafkaWatcher(settings, [feed], fetcher, owner="replica-2").run(once=True)
        assert [(o.ok, o.new_items, o.seen_items) for o in third] == [(True, 1, 3)]

        # Restarted again with the same body but no conditional state help (new ETag): still nothing new.
        feed_server.body += b"\n"
        fourth = await KafkaWatcher(settings, [feed], fetcher, owner="replica-3").run(once=True)
        assert [(o.ok, o.not_modified, o.new_items) for o in fourth] == [(True, False, 0)]

    records = await _read_items(settings)
    per_key = Counter(key for key, _ in records)
    assert len(per_key) == 3 and set(per_key.values()) == {1}, per_key
    assert all(key == item.item_id for key, item in records)
    states = await read_state_topic(settings)
    assert states["local-en"].health.items_new == 3 and len(states["local-en"].seen) == 3
    assert states["local-en"].owner == "replica-3"
    assert feed_server.requests == 4


def _polled(replica: KafkaWatcher) -> set[str]:
    return {s.feed_id for s in replica.watcher.status() if s.health.last_success_at is not None}


async def test_two_replicas_split_the_feeds(stack_settings: Settings, feed_server: FeedServer) -> None:
    settings = stack_settings.model_copy(update={"fetch_allow": ["127.0.0.1"], "topic_partitions": 4})
    feeds = [
        FeedConfig(id=f"feed-{i}", url=f"http://127.0.0.1:{feed_server.port}/f{i}.xml", interval=3600)
        for i in range(8)
    ]
    async with SafeFetcher(settings) as fetcher:
        a = KafkaWatcher(settings, feeds, fetcher, owner="a")
        b = KafkaWatcher(settings, feeds, fetcher, owner="b")
        stop = asyncio.Event()
        runs = [asyncio.create_task(w.run(stop=stop)) for w in (a, b)]
        try:
            async with asyncio.timeout(60):
                while not (a.owned_feeds and b.owned_feeds and len(a.owned_feeds) + len(b.owned_feeds) == 8):
                    await asyncio.sleep(0.2)
            assert not set(a.owned_feeds) & set(b.owned_feeds)
            # Every feed polled successfully by its owner. (A poll cut short by a rebalance may fetch
            # once more on the new owner, but it never publishes: ownership is checked first.)
            async with asyncio.timeout(60):
                while len(_polled(a) | _polled(b)) < 8:
                    await asyncio.sleep(0.2)
            assert not _polled(a) & _polled(b)
        finally:
            stop.set()
            await asyncio.gather(*runs)
    records = await _read_items(settings)
    per_key = Counter(key for key, _ in records)
    # The eight feeds serve the same two articles: ids are per URL, so each appears once per feed.
    assert sum(per_key.values()) == 16 and len(per_key) == 2
