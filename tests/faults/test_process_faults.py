"""Process faults while items flow: nothing lost, nothing duplicated, no offset skipped.

One pipeline (watcher → processor → indexer, each its own ``dipwatch`` process) runs for the whole
module on the private stack; a loopback server serves feeds that grow while each fault is injected:

1. ``kill -9`` of the processor, restarted;  2. ``kill -9`` of the indexer, restarted;
3. the Kafka broker restarted;  4. Elasticsearch stopped for 60 s, then started again;
5. a second processor joins and is stopped again (two rebalances).

Each phase also puts one non-JSON record on the items topic: the only record meant to fail.
After each fault the whole history is checked: the events in Elasticsearch are exactly the events
the core produces for the served articles (computed here by calling the core directly), each
once; every article is indexed; the consumer groups committed up to the end of their topics; the
dead-letter topic holds exactly the injected bad records. The tests run in file order and build on
each other (a later phase checks everything served so far).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from faultkit import (
    FAULT_ROWS,
    FeedServer,
    Service,
    Stack,
    base_env,
    es_delete_prefix,
    es_docs,
    group_lag,
    lag_ok,
    make_article,
    produce,
    read_topic,
    run,
    settings_for,
    wait_for,
)

from dipwatch.adapters.feedconfig import FeedConfig
from dipwatch.adapters.kafka import serde
from dipwatch.core.decoding import decode_body
from dipwatch.core.extract import extract_article
from dipwatch.core.feeds import parse_feed
from dipwatch.core.processing import actor_key, analyse_item
from dipwatch.settings import Settings
from dipwatch_schemas import ActorRef, ArticleInput, DeadLetter, NewsItem
from processes import pid_alive

pytestmark = [pytest.mark.faults, pytest.mark.slow]

FEEDS = ("alpha", "beta", "gamma", "delta")
FEED_INTERVAL = 30  # the smallest interval the feeds file accepts
PUBLISHED = dt.datetime(2025, 3, 10, 8, 0, tzinfo=dt.UTC)
ES_OUTAGE_SECONDS = 60.0
SETTLE_TIMEOUT = 180.0


@dataclass
class Pipeline:
    stack: Stack
    settings: Settings
    server: FeedServer
    workdir: Path
    feeds_file: Path
    watcher: Service | None = None
    indexer: Service | None = None
    processors: list[Service] = field(default_factory=list)
    served: int = 0
    last_added: float = 0.0
    bad_records: set[tuple[int, int]] = field(default_factory=set)
    expected_cache: dict[str, list[str]] = field(default_factory=dict)
    previous_event_records: int = 0
    previous_served: int = 0

    def env(self, name: str) -> dict[str, str]:
        data = self.workdir / f"data-{name}"
        return base_env(self.settings, data, DIPWATCH_LOG_LEVEL="INFO")

    def service(self, name: str, args: list[str]) -> Service:
        return Service(name, args, self.env(name), self.workdir).start()

    def start_processor(self, name: str) -> Service:
        proc = self.service(name, ["process", "--workers", "1"])
        self.processors.append(proc)
        return proc

    def all_services(self) -> list[Service]:
        return [s for s in (self.watcher, self.indexer, *self.processors) if s is not None]

    def logs(self) -> str:
        return "\n".join(s.tail(3000) for s in self.all_services())

    # -- the stream of items --

    def add_articles(self, count: int, every: float) -> None:
        for _ in range(count):
            feed = FEEDS[self.served % len(FEEDS)]
            published = PUBLISHED + dt.timedelta(minutes=self.served)
            self.server.add(make_article(self.served, feed, published))
            self.served += 1
            self.last_added = time.time()
            time.sleep(every)

    def growing(self, count: int, every: float = 0.5) -> threading.Thread:
        thread = threading.Thread(target=self.add_articles, args=(count, every), daemon=True)
        thread.start()
        return thread

    def inject_bad_record(self) -> None:
        """One record that is not JSON: the only one of the phase meant to reach the dead letters."""
        before = {
            (r.partition, r.offset) for r in run(read_topic(self.settings, self.settings.topic("items")))
        }
        run(
            produce(
                self.settings,
                self.settings.topic("items"),
                [(b"bad", b"{not json", serde.headers_for("test"))],
            )
        )
        after = {
            (r.partition, r.offset) for r in run(read_topic(self.settings, self.settings.topic("items")))
        }
        self.bad_records |= after - before

    # -- expectations from the core --

    def expected(self) -> tuple[set[str], set[str]]:
        """Item ids and event ids the core produces for every article served so far."""
        item_ids: set[str] = set()
        event_ids: set[str] = set()
        for name in FEEDS:
            config = FeedConfig(
                id=name, url=self.server.url(f"/feed/{name}.xml"), language="en", interval=FEED_INTERVAL
            )
            parsed = parse_feed(self.server.feed_xml(name), config, fetched_at=PUBLISHED)
            for item in parsed.items:
                item_ids.add(item.item_id)
                if item.item_id not in self.expected_cache:
                    self.expected_cache[item.item_id] = self._events_of(item)
                event_ids.update(self.expected_cache[item.item_id])
        return item_ids, event_ids

    def _events_of(self, item: NewsItem) -> list[str]:
        assert item.url is not None
        page = self.server.pages[item.url.split(str(self.server.port), 1)[1]]
        html = decode_body(page.html, "text/html; charset=utf-8")
        reference = (item.published_at or PUBLISHED).date()

        def extract(article: ArticleInput) -> Any:
            return extract_article(article, reference_date=reference)

        analysis = analyse_item(item, html, extract=extract, processed_at=PUBLISHED)
        assert analysis.article.text_source == "page"
        assert len(analysis.events) >= 2, "every served article must yield events"
        return [e.event_id for e in analysis.events]

    # -- checks --

    def wait_polled(self, timeout: float = FEED_INTERVAL * 1.2 + 20) -> None:
        """Every feed polled successfully after the last article was added."""
        assert self.watcher is not None
        watcher = self.watcher
        mark = self.last_added

        def polled() -> bool:
            return all(
                watcher.metric("dipwatch_feed_last_success_timestamp", feed=name) > mark for name in FEEDS
            )

        wait_for(polled, timeout, "the watcher to poll every feed again", 1.0, self.logs())

    def snapshot(self) -> dict[str, Any]:
        s = self.settings
        events = es_docs(s.elasticsearch_url or "", s.index_alias("events"))
        articles = es_docs(s.elasticsearch_url or "", s.index_alias("articles"))
        return {
            "events": events,
            "articles": articles,
            "processor_lag": run(
                group_lag(
                    s, f"{s.consumer_group}-processor", [s.topic("items"), s.topic("processor-stories")]
                )
            ),
            "indexer_lag": run(
                group_lag(s, f"{s.consumer_group}-indexer", [s.topic("articles"), s.topic("events")])
            ),
        }

    def settle_and_check(self, fault: str, started: float) -> None:
        self.wait_polled()
        item_ids, event_ids = self.expected()
        last: dict[str, Any] = {}

        def done() -> bool:
            snap = self.snapshot()
            last.update(snap)
            return (
                {h["_id"] for h in snap["events"]} == event_ids
                and {h["_id"] for h in snap["articles"]} == item_ids
                and lag_ok(snap["processor_lag"])
                and lag_ok(snap["indexer_lag"])
            )

        with contextlib.suppress(AssertionError):  # the assertions below say what is wrong
            wait_for(done, SETTLE_TIMEOUT, f"the pipeline to settle after {fault}", 2.0)
        if not last:
            last.update(self.snapshot())
        found_ids = [h["_id"] for h in last["events"]]
        identities = [
            (
                h["_source"]["article_id"],
                h["_source"]["event_type"],
                actor_key(ActorRef.model_validate(h["_source"]["source"])),
                actor_key(ActorRef.model_validate(h["_source"]["target"])) if h["_source"]["target"] else "",
                h["_source"]["sentence_index"],
            )
            for h in last["events"]
        ]
        event_records = run(read_topic(self.settings, self.settings.topic("events")))
        letters = run(read_topic(self.settings, self.settings.topic("deadletters")))
        decoded = [DeadLetter.model_validate_json(r.value) for r in letters]
        redelivered = len(event_records) - len({r.key for r in event_records})
        FAULT_ROWS.append(
            {
                "fault": fault,
                "items sent": self.served - self.previous_served,
                "events expected (cum.)": len(event_ids),
                "events found (cum.)": len(found_ids),
                "duplicates": len(identities) - len(set(identities)),
                "redelivered": redelivered,
                "DLQ": f"{len(decoded)} ({len(self.bad_records)} injected)",
                "seconds": round(time.monotonic() - started),
            }
        )
        print(f"\n[faults] {FAULT_ROWS[-1]}")
        self.previous_served = self.served
        missing = event_ids - set(found_ids)
        extra = set(found_ids) - event_ids
        assert not missing and not extra, (
            f"{fault}: {len(missing)} expected events missing, {len(extra)} unexpected\n{self.logs()}"
        )
        assert len(found_ids) == len(set(found_ids)) == len(set(identities)), f"{fault}: duplicate events"
        assert {h["_id"] for h in last["articles"]} == item_ids, f"{fault}: articles differ\n{self.logs()}"
        assert lag_ok(last["processor_lag"]), f"{fault}: processor offsets {last['processor_lag']}"
        assert lag_ok(last["indexer_lag"]), f"{fault}: indexer offsets {last['indexer_lag']}"
        assert {(d.partition, d.offset) for d in decoded} == self.bad_records, (
            f"{fault}: dead letters {[(d.partition, d.offset, d.error) for d in decoded]} "
            f"!= injected {self.bad_records}"
        )
        assert all(d.stage == "processor" and d.error_type == "JSONDecodeError" for d in decoded)
        for service in self.all_services():
            assert service.running, (
                f"{service.name} exited ({service.proc and service.proc.returncode})\n{service.tail()}"
            )


@pytest.fixture(scope="module")
def pipeline(fault_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    workdir = tmp_path_factory.mktemp("process-faults")
    prefix = "p" + str(int(time.time()))[-6:]
    settings = settings_for(fault_stack, prefix)
    server = FeedServer()
    feeds_file = workdir / "feeds.yaml"
    feeds_file.write_text(
        "feeds:\n"
        + "".join(
            f"  - id: {name}\n    url: {server.url(f'/feed/{name}.xml')}\n"
            f"    language: en\n    interval: {FEED_INTERVAL}\n"
            for name in FEEDS
        )
    )
    pipe = Pipeline(fault_stack, settings, server, workdir, feeds_file)
    try:
        pipe.start_processor("processor-a")
        pipe.indexer = pipe.service("indexer", ["index", "--batch-ms", "500"])
        pipe.watcher = pipe.service("watcher", ["watch", "--feeds", str(feeds_file)])
        for service in pipe.all_services():
            wait_for(
                lambda s=service: s.metrics() is not None, 60, f"{service.name} /metrics", 0.5, service.tail()
            )
        yield pipe
    finally:
        for service in pipe.all_services():
            service.stop(timeout=20)
        server.stop()
        es_delete_prefix(fault_stack.es_url, prefix)


@pytest.mark.timeout(420)
def test_kill9_processor_and_restart(pipeline: Pipeline) -> None:
    started = time.monotonic()
    grower = pipeline.growing(16, every=0.5)
    pipeline.inject_bad_record()
    wait_for(
        lambda: pipeline.processors[0].metric("dipwatch_processor_articles_total") >= 2,
        90,
        "the processor's first articles",
        1.0,
        pipeline.logs(),
    )
    victim = pipeline.processors.pop(0)
    children = victim.kill9()
    wait_for(lambda: not any(pid_alive(c) for c in children), 15, "the killed processor's pool to exit")
    pipeline.start_processor("processor-a")
    grower.join(timeout=60)
    pipeline.settle_and_check("kill -9 processor", started)


@pytest.mark.timeout(420)
def test_kill9_indexer_and_restart(pipeline: Pipeline) -> None:
    started = time.monotonic()
    assert pipeline.indexer is not None
    grower = pipeline.growing(16, every=0.5)
    pipeline.inject_bad_record()
    time.sleep(4)
    pipeline.indexer.kill9()
    pipeline.indexer = pipeline.service("indexer", ["index", "--batch-ms", "500"])
    grower.join(timeout=60)
    pipeline.settle_and_check("kill -9 indexer", started)


@pytest.mark.timeout(480)
def test_kafka_broker_restart(pipeline: Pipeline) -> None:
    started = time.monotonic()
    grower = pipeline.growing(16, every=0.5)
    pipeline.inject_bad_record()
    time.sleep(3)
    pipeline.stack.restart_kafka()
    grower.join(timeout=60)
    pipeline.settle_and_check("Kafka broker restart", started)


@pytest.mark.timeout(540)
def test_elasticsearch_unreachable_60s(pipeline: Pipeline) -> None:
    started = time.monotonic()
    assert pipeline.indexer is not None
    indexer = pipeline.indexer
    grower = pipeline.growing(16, every=1.0)
    pipeline.inject_bad_record()
    time.sleep(2)
    pipeline.stack.stop_es()
    down_at = time.monotonic()
    failures_before = indexer.metric("dipwatch_indexer_bulk_failures_total")
    grower.join(timeout=60)
    time.sleep(max(0.0, ES_OUTAGE_SECONDS - (time.monotonic() - down_at)))
    # the indexer noticed and is retrying, not dead and not committing past unindexed records
    assert indexer.running, indexer.tail()
    assert indexer.metric("dipwatch_indexer_bulk_failures_total") > failures_before, indexer.tail()
    pipeline.stack.up()
    pipeline.settle_and_check(f"Elasticsearch down {ES_OUTAGE_SECONDS:.0f}s", started)


@pytest.mark.timeout(420)
def test_second_processor_joins_and_stops(pipeline: Pipeline) -> None:
    started = time.monotonic()
    second = pipeline.start_processor("processor-b")
    grower = pipeline.growing(24, every=0.5)
    pipeline.inject_bad_record()
    # b takes part: it publishes articles (it owns some partitions after the rebalance)
    wait_for(
        lambda: second.metric("dipwatch_processor_articles_total") >= 1,
        120,
        "the second processor to take partitions",
        1.0,
        pipeline.logs(),
    )
    code = second.stop(timeout=40)
    pipeline.processors.remove(second)
    assert code == 0, f"processor-b did not stop cleanly ({code})\n{second.tail()}"
    grower.join(timeout=60)
    pipeline.settle_and_check("2 processors, stop one", started)
