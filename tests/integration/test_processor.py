"""`dipwatch process` as a process of its own on the real local Kafka; pages come from a loopback server."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import TopicPartition

from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.core import ids
from dipwatch.settings import Settings
from dipwatch_schemas import Article, DeadLetter, EventRecord, NewsItem
from processes import child_pids, pid_alive

pytestmark = [pytest.mark.integration, pytest.mark.slow]

DIPWATCH = Path(sys.executable).with_name("dipwatch")
CreateTopics = Callable[..., Awaitable[None]]  # the conftest fixture
NOW = dt.datetime(2025, 3, 10, 8, 0, tzinfo=dt.UTC)

STORY = (
    "Bundesaußenministerin Annalena Baerbock ist am Montag zu einem überraschenden Besuch in Kiew "
    "eingetroffen. Baerbock traf dort den ukrainischen Präsidenten Wolodymyr Selenskyj und "
    "Außenminister Dmytro Kuleba zu Gesprächen über Luftverteidigung und den Wiederaufbau. "
    "Deutschland sagte der Ukraine weitere humanitäre Hilfe in Höhe von 100 Millionen Euro zu. "
    "Russland verurteilte den Besuch und warf der Bundesregierung vor, den Krieg zu verlängern."
)
OTHER_STORY = (
    "Der französische Präsident Emmanuel Macron hat in Paris den polnischen Ministerpräsidenten Donald Tusk "
    "empfangen. Frankreich und Polen unterzeichneten ein Abkommen über eine engere Zusammenarbeit in der "
    "Verteidigung. Beide Regierungen forderten die Europäische Union auf, mehr Mittel für gemeinsame "
    "Rüstungsprojekte bereitzustellen, und kritisierten die Zollpolitik der Vereinigten Staaten."
)


def _page(title: str, body: str, chrome: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in body.split(". ") if sentence.strip())
    return (
        f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{title} | {chrome}</title></head>"
        f"<body><nav><a href='/'>{chrome} Startseite</a> <a href='/politik'>Politik</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>© {chrome} – Impressum – Datenschutz</footer></body></html>"
    ).encode()


class Pages:
    """A loopback HTTP server serving article pages by path; everything else is 404."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.hits: dict[str, int] = {}
        pages, hits = self.pages, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits[self.path] = hits.get(self.path, 0) + 1
                body = pages.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def pages() -> Iterator[Pages]:
    server = Pages()
    yield server
    server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Processor:
    """`dipwatch process` in a subprocess, its output in a log file."""

    def __init__(self, settings: Settings, log: Path, metrics_port: int) -> None:
        self.log = log
        self.metrics_port = metrics_port
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DIPWATCH_")},
            "DIPWATCH_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers or "",
            "DIPWATCH_TOPIC_PREFIX": settings.topic_prefix,
            "DIPWATCH_CONSUMER_GROUP": settings.consumer_group,
            "DIPWATCH_TOPIC_PARTITIONS": str(settings.topic_partitions),
            "DIPWATCH_FETCH_ALLOW": "127.0.0.1",
            "DIPWATCH_FETCH_TIMEOUT": "5",
            "DIPWATCH_DATA_DIR": str(log.parent / "data"),
            "DIPWATCH_METRICS_PORT": str(metrics_port),
            # a failing run's log can be made verbose without editing the test
            "DIPWATCH_LOG_LEVEL": os.environ.get("DIPWATCH_TEST_LOG_LEVEL", "INFO"),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [str(DIPWATCH), "process", "--workers", "1"], env=self.env, stdout=out, stderr=subprocess.STDOUT
        )
        out.close()

    def kill9(self) -> list[int]:
        """SIGKILL the worker; returns the pids of its children (the extraction pool) at that moment."""
        assert self.proc is not None
        children = child_pids(self.proc.pid)
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        return children

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-6000:] if self.log.exists() else ""

    def metrics(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=5) as r:
            return str(r.read().decode())


@pytest.fixture
def processor(stack_settings: Settings, tmp_path: Path) -> Iterator[Processor]:
    proc = Processor(stack_settings, tmp_path / "processor.log", _free_port())
    yield proc
    proc.stop()


def _item(url: str, title: str, summary: str | None, feed: str = "test-feed") -> NewsItem:
    return NewsItem(
        item_id=ids.item_id(url),
        feed_id=feed,
        url=url,
        title=title,
        summary=summary,
        published_at=NOW,
        fetched_at=NOW,
        language="de",
    )


def _serial_items(pages: Pages, name: str, count: int) -> list[NewsItem]:
    """``count`` items whose pages alternate between the two stories, each with its own last line."""
    items: list[NewsItem] = []
    for i in range(count):
        path = f"/{name.lower()}/{i}"
        body = f"{name} {i}: " + (STORY if i % 2 else OTHER_STORY) + f" Stand {i} Uhr."
        pages.pages[path] = _page(f"{name} {i}", body, f"Seite{i}")
        items.append(_item(pages.url(path), f"{name} {i}", f"Kurzmeldung {i}."))
    return items


def _records(items: list[NewsItem]) -> list[tuple[bytes, bytes]]:
    """Items as (key, value) records for the items topic."""
    return [(it.item_id.encode(), serde.encode(it)) for it in items]


async def _produce(
    settings: Settings, records: list[tuple[bytes, bytes]], *, partition: int | None = None
) -> None:
    producer = AIOKafkaProducer(**kafka_client_kwargs(settings), acks="all")
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(
                settings.topic("items"),
                value,
                key=key,
                partition=partition,
                headers=serde.headers_for("watcher"),
            )
    finally:
        await producer.stop()


class Collected:
    """Everything read so far from one topic: (key, value, headers) in order."""

    def __init__(self) -> None:
        self.records: list[tuple[bytes, bytes, list[tuple[str, bytes]]]] = []


async def _read_until(
    settings: Settings,
    stage: str,
    done: Callable[[list[tuple[bytes, bytes, list[tuple[str, bytes]]]]], bool],
    timeout: float,
    processor: Processor,
) -> list[tuple[bytes, bytes, list[tuple[str, bytes]]]]:
    """All records of a topic from the start until ``done(records)`` (or fail with the processor's log)."""
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None, enable_auto_commit=False)
    await consumer.start()
    records: list[tuple[bytes, bytes, list[tuple[str, bytes]]]] = []
    try:
        topic = settings.topic(stage)
        tps = [TopicPartition(topic, p) for p in range(settings.topic_partitions)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        deadline = time.monotonic() + timeout
        while not done(records):
            if processor.proc is not None and processor.proc.poll() is not None:
                pytest.fail(
                    f"the processor exited ({processor.proc.returncode}):\n{processor.tail()}", pytrace=False
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"timed out on {topic} with {len(records)} records; processor log:\n{processor.tail()}",
                    pytrace=False,
                )
            batch = await consumer.getmany(timeout_ms=500)
            for msgs in batch.values():
                records += [(m.key, m.value, list(m.headers)) for m in msgs]
    finally:
        await consumer.stop()
    return records


def _articles(records: list[tuple[bytes, bytes, list[tuple[str, bytes]]]]) -> dict[str, Article]:
    out: dict[str, Article] = {}
    for key, value, headers in records:
        article = Article.model_validate_json(value)
        assert key == article.item_id.encode(), "articles are keyed by item_id"
        assert dict(headers)[serde.HEADER_SCHEMA_VERSION] == b"1"
        out[article.item_id] = article
    return out


async def test_items_become_articles_events_and_dead_letters(
    stack_settings: Settings, pages: Pages, processor: Processor, create_topics: CreateTopics
) -> None:
    settings = stack_settings
    await create_topics()
    pages.pages["/politik/baerbock-kiew"] = _page("Baerbock überraschend in Kiew", STORY, "Tagesblatt")
    pages.pages["/ausland/frankreich-polen"] = _page("Macron empfängt Tusk", OTHER_STORY, "Abendpost")
    pages.pages["/news/dpa-baerbock"] = _page(
        "Baerbock besucht Kiew", "KIEW (dpa) - " + STORY, "Regionalzeitung"
    )
    first = _item(pages.url("/politik/baerbock-kiew"), "Baerbock überraschend in Kiew", "Baerbock in Kiew.")
    other = _item(pages.url("/ausland/frankreich-polen"), "Macron empfängt Tusk", "Macron trifft Tusk.")
    gone = _item(
        pages.url("/gone"), "Gipfel in Brüssel", "<p>Die EU-Außenminister <b>beraten</b> in Brüssel.</p>"
    )
    copy = _item(pages.url("/news/dpa-baerbock"), "Baerbock besucht Kiew", None, feed="other-feed")
    malformed = b'{"item_id": "broken", "feed_id": '

    processor.start()
    # The malformed record and the item after it share a key, so they share a partition and an order.
    await _produce(
        settings,
        [
            (first.item_id.encode(), serde.encode(first)),
            (gone.item_id.encode(), malformed),
            (gone.item_id.encode(), serde.encode(gone)),
            (other.item_id.encode(), serde.encode(other)),
        ],
    )
    records = await _read_until(
        settings,
        "articles",
        lambda r: {first.item_id, gone.item_id, other.item_id} <= set(_articles(r)),
        120,
        processor,
    )
    # Only now the copy of the first story: it is certainly the later of the two.
    await _produce(settings, [(copy.item_id.encode(), serde.encode(copy))])
    records = await _read_until(settings, "articles", lambda r: copy.item_id in _articles(r), 60, processor)
    articles = _articles(records)

    a, g, o, c = (
        articles[first.item_id],
        articles[gone.item_id],
        articles[other.item_id],
        articles[copy.item_id],
    )
    assert (a.text_source, o.text_source, c.text_source) == ("page", "page", "page")
    assert "Selenskyj" in a.text and "Impressum" not in a.text
    assert g.text_source == "feed" and "Außenminister" in g.text and "<b>" not in g.text
    assert a.is_diplomatic and a.language == "de" and a.extractor_version
    assert a.fingerprint and a.fingerprint == c.fingerprint and a.fingerprint != o.fingerprint
    assert a.duplicate_of is None and o.duplicate_of is None
    assert c.duplicate_of == first.item_id and c.event_ids == []
    assert a.event_ids, "the first story's events are coded"

    events = await _read_until(
        settings,
        "events",
        lambda r: set(a.event_ids) | set(o.event_ids) <= {k.decode() for k, _, _ in r},
        30,
        processor,
    )
    by_id: dict[str, EventRecord] = {}
    for key, value, _ in events:
        event = EventRecord.model_validate_json(value)
        assert key == event.event_id.encode(), "events are keyed by event_id"
        by_id[event.event_id] = event
    assert not [e for e in by_id.values() if e.article_id == copy.item_id], (
        "a duplicate's events are not published"
    )
    for eid in a.event_ids:
        e = by_id[eid]
        assert (e.article_id, e.url, e.feed_id, e.language) == (first.item_id, first.url, "test-feed", "de")
        assert e.sentence and e.sentence in a.text and e.extractor_version == a.extractor_version
        source = e.source.actor_id or e.source.code or e.source.country or e.source.name
        target = (
            ""
            if e.target is None
            else (e.target.actor_id or e.target.code or e.target.country or e.target.name)
        )
        assert eid == ids.event_id(first.item_id, e.event_type, source, target, e.sentence_index)

    letters = await _read_until(settings, "deadletters", lambda r: len(r) >= 1, 30, processor)
    assert len(letters) == 1
    letter = DeadLetter.model_validate_json(letters[0][1])
    assert letter.stage == "processor" and letter.error_type == "JSONDecodeError"
    assert letter.source_topic == settings.topic("items") and letter.offset is not None
    assert base64.b64decode(letter.value_b64 or "") == malformed
    assert pages.hits.get("/gone") == 1

    metrics = processor.metrics()
    assert 'dipwatch_processor_deadletters_total{reason="decode"} 1.0' in metrics
    assert "dipwatch_processor_duplicates_total 1.0" in metrics
    assert 'dipwatch_processor_articles_total{diplomatic="true",language="de"}' in metrics


async def test_kill_9_and_restart_loses_no_item(
    stack_settings: Settings, pages: Pages, processor: Processor, create_topics: CreateTopics
) -> None:
    settings = stack_settings
    await create_topics()
    items = _serial_items(pages, "Meldung", 40)
    wanted = {item.item_id for item in items}

    processor.start()
    await _produce(settings, _records(items[:25]))
    await _read_until(settings, "articles", lambda r: len(_articles(r)) >= 5, 120, processor)
    orphans = processor.kill9()
    assert orphans, "the pool workers were running"
    await _produce(settings, _records(items[25:]))
    processor.start()
    records = await _read_until(settings, "articles", lambda r: wanted <= set(_articles(r)), 180, processor)

    assert not [pid for pid in orphans if pid_alive(pid)], "pool workers outlive a killed processor"

    seen: dict[str, list[Article]] = {}
    for _, value, _ in records:
        article = Article.model_validate_json(value)
        seen.setdefault(article.item_id, []).append(article)
    assert set(seen) == wanted
    for copies in seen.values():  # a re-delivered item yields the same keys again
        assert len({tuple(c.event_ids) for c in copies}) == 1
        assert len({c.fingerprint for c in copies}) == 1


async def test_restart_reads_a_partition_that_was_never_committed(
    stack_settings: Settings, pages: Pages, processor: Processor, create_topics: CreateTopics
) -> None:
    """A restart that recovers the story table must still read input partitions without a commit.

    faust resumes the input partitions before it seeks them and clears the agents' queues after, so
    records fetched in between are dropped; for a partition that has a committed offset the seek
    fetches them again, for one without a commit nothing did (the restarted processor sat idle).
    """
    settings = stack_settings
    await create_topics()
    items = _serial_items(pages, "Bericht", 14)
    first, later = items[:2], items[2:]

    # First life: partition 0 only, so the table's changelog has entries and partition 1 no commit.
    await _produce(settings, _records(first), partition=0)
    processor.start()
    await _read_until(settings, "articles", lambda r: len(_articles(r)) >= len(first), 120, processor)
    await asyncio.sleep(6)  # past faust's commit interval (2.8 s): partition 0 is committed
    processor.stop()

    await _produce(settings, _records(later), partition=1)
    processor.start()
    wanted = {it.item_id for it in items}
    await _read_until(settings, "articles", lambda r: wanted <= set(_articles(r)), 120, processor)
