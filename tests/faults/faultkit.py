"""Shared tools of the fault suite: a private stack, dipwatch processes, a feed server, Kafka/ES probes.

Why a private stack: the faults restart Kafka and stop Elasticsearch; doing that to the stack other
test sessions share would break them. The private stack uses its own state directory (its own ports,
data and Elasticsearch copy) and reuses the downloaded Kafka jars and ES zip of the shared cache.
Everything listens on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.settings import Settings
from processes import child_pids

REPO = Path(__file__).resolve().parents[2]
STACK_SH = REPO / "deploy" / "local" / "stack.sh"
DIPWATCH = Path(sys.executable).with_name("dipwatch")
SHARED_CACHE = Path(os.environ.get("DIPWATCH_STACK_CACHE", Path.home() / ".cache" / "dipwatch-stack"))
FAULTS_CACHE = Path(
    os.environ.get("DIPWATCH_FAULTS_STACK_CACHE", SHARED_CACHE.with_name(f"{SHARED_CACHE.name}-faults"))
)

BOOTSTRAP_ENV = "DIPWATCH_KAFKA_BOOTSTRAP_SERVERS"
ES_ENV = "DIPWATCH_ELASTICSEARCH_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(
    check: Callable[[], bool], timeout: float, what: str, interval: float = 0.5, on_fail: str = ""
) -> None:
    """Poll ``check`` until true or raise AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except Exception:  # a probe against a service that is restarting
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{on_fail}")
        time.sleep(interval)


# --- the private stack -------------------------------------------------------------------------


@dataclass
class Stack:
    """A running private stack (``stack.sh`` with its own ``DIPWATCH_STACK_CACHE``)."""

    cache: Path
    env: dict[str, str] = field(default_factory=dict)
    started: bool = False
    """True when this session started the stack (then it stops it; a running one is left up)."""

    def sh(
        self, *args: str, timeout: float = 400, extra_env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(STACK_SH), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "DIPWATCH_STACK_CACHE": str(self.cache), **(extra_env or {})},
        )
        if result.returncode != 0:
            raise AssertionError(f"stack.sh {' '.join(args)} failed:\n{result.stderr[-4000:]}")
        if args and args[0] in ("up", "env", "restart-kafka"):
            self.env = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
        return result

    @classmethod
    def start(cls) -> Stack:
        FAULTS_CACHE.mkdir(parents=True, exist_ok=True)
        for name in ("kafka-4.1.1", "es-zip"):  # downloads are shared, state is not
            link, target = FAULTS_CACHE / name, SHARED_CACHE / name
            if link.is_symlink() and not link.exists():
                link.unlink()  # points into a shared cache that is gone (e.g. a finished CI run)
            if target.exists() and not link.exists():
                link.symlink_to(target)
        stack = cls(FAULTS_CACHE)
        started = FAULTS_CACHE / f"started.{os.getpid()}"
        try:
            stack.sh("up", "--sasl", timeout=900, extra_env={"DIPWATCH_STACK_STARTED_FILE": str(started)})
            stack.started = started.exists() and started.read_text().strip() != ""
        finally:
            started.unlink(missing_ok=True)
        return stack

    @property
    def bootstrap(self) -> str:
        return self.env[BOOTSTRAP_ENV]

    @property
    def es_url(self) -> str:
        return self.env[ES_ENV]

    def restart_kafka(self) -> None:
        self.sh("restart-kafka", "--sasl")

    def stop_es(self) -> None:
        self.sh("stop-es", timeout=120)

    def up(self) -> None:
        self.sh("up", "--sasl", timeout=400)

    def down(self) -> None:
        subprocess.run(
            [str(STACK_SH), "down"],
            capture_output=True,
            timeout=300,
            check=False,
            env={**os.environ, "DIPWATCH_STACK_CACHE": str(self.cache)},
        )


def base_env(settings: Settings, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a dipwatch process for ``settings`` (nothing inherited from DIPWATCH_*)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPWATCH_")}
    env.update(
        {
            "DIPWATCH_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers or "",
            "DIPWATCH_TOPIC_PREFIX": settings.topic_prefix,
            "DIPWATCH_INDEX_PREFIX": settings.index_prefix,
            "DIPWATCH_CONSUMER_GROUP": settings.consumer_group,
            "DIPWATCH_TOPIC_PARTITIONS": str(settings.topic_partitions),
            "DIPWATCH_FETCH_ALLOW": "127.0.0.1",
            "DIPWATCH_FETCH_TIMEOUT": "10",
            "DIPWATCH_DATA_DIR": str(data_dir),
        }
    )
    if settings.elasticsearch_url:
        env["DIPWATCH_ELASTICSEARCH_URL"] = settings.elasticsearch_url
    if settings.kafka_security_protocol != "PLAINTEXT":
        env["DIPWATCH_KAFKA_SECURITY_PROTOCOL"] = settings.kafka_security_protocol
        env["DIPWATCH_KAFKA_SASL_MECHANISM"] = settings.kafka_sasl_mechanism or ""
        env["DIPWATCH_KAFKA_SASL_USERNAME"] = settings.kafka_sasl_username or ""
        if settings.kafka_sasl_password is not None:
            env["DIPWATCH_KAFKA_SASL_PASSWORD"] = settings.kafka_sasl_password.get_secret_value()
    env.update(extra)
    return env


# --- dipwatch processes ---------------------------------------------------------------------------


class Service:
    """One ``dipwatch …`` process with its output in a log file and its /metrics on a loopback port."""

    def __init__(self, name: str, args: list[str], env: Mapping[str, str], log_dir: Path) -> None:
        self.name = name
        self.args = args
        self.metrics_port = free_port()
        self.env = {**env, "DIPWATCH_METRICS_PORT": str(self.metrics_port)}
        self.log = log_dir / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.pids: list[int] = []

    def start(self) -> Service:
        out = self.log.open("ab")
        out.write(f"\n===== start {self.name}: dipwatch {' '.join(self.args)}\n".encode())
        out.flush()
        self.proc = subprocess.Popen(
            [str(DIPWATCH), *self.args],
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=self.log.parent,
        )
        self.pids.append(self.proc.pid)
        out.close()
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> list[int]:
        """SIGKILL the main process only (its pool children must exit by themselves); returns them."""
        assert self.proc is not None
        children = child_pids(self.proc.pid)
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        return children

    def stop(self, timeout: float = 40) -> int | None:
        """SIGTERM, then SIGKILL of the whole process group after ``timeout``; returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for pid in self.pids:  # leftovers of killed instances (their own session)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        return self.proc.returncode

    def wait(self, timeout: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def tail(self, chars: int = 5000) -> str:
        return f"--- {self.name} log (tail) ---\n{self.text()[-chars:]}"

    def metrics(self) -> list[tuple[str, dict[str, str], float]]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=5) as r:
            return parse_metrics(r.read().decode())

    def metric(self, name: str, **labels: str) -> float:
        """Sum of the samples of ``name`` whose labels include ``labels`` (0 when none)."""
        return sum(
            value
            for sample, have, value in self.metrics()
            if sample == name and all(have.get(k) == v for k, v in labels.items())
        )


_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)")
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text: str) -> list[tuple[str, dict[str, str], float]]:
    out = []
    for line in text.splitlines():
        match = _SAMPLE.match(line)
        if match and not line.startswith("#"):
            labels = dict(_LABEL.findall(match.group(2) or ""))
            out.append((match.group(1), labels, float(match.group(3))))
    return out


# --- the feed and page server ---------------------------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class ServedArticle:
    feed: str
    path: str
    title: str
    text: str
    published: dt.datetime
    html: bytes


class FeedServer:
    """A loopback HTTP server: RSS feeds that grow (``/feed/<name>.xml``), article pages, extra routes."""

    def __init__(self) -> None:
        self.articles: dict[str, list[ServedArticle]] = {}
        self.pages: dict[str, ServedArticle] = {}
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.hits[path] = server.hits.get(path, 0) + 1
                try:
                    route = server.routes.get(path)
                    if route is not None:
                        route(self)
                    elif path.startswith("/feed/"):
                        server._feed(self, path[len("/feed/") :].removesuffix(".xml"))
                    elif path in server.pages:
                        send(self, 200, server.pages[path].html, "text/html; charset=utf-8")
                    else:
                        send(self, 404, b"not found", "text/plain")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, article: ServedArticle) -> None:
        with self.lock:
            self.articles.setdefault(article.feed, []).append(article)
            self.pages[article.path] = article

    def feed_xml(self, name: str) -> bytes:
        with self.lock:
            entries = list(self.articles.get(name, []))
        items = "".join(
            f"<item><title>{escape(a.title)}</title><link>{escape(self.url(a.path))}</link>"
            f"<guid>{escape(self.url(a.path))}</guid><pubDate>{format_datetime(a.published)}</pubDate>"
            f"<description>{escape(a.title)}</description></item>"
            for a in reversed(entries)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{name}</title><link>{self.url('/')}</link><description>fault feed</description>"
            f"{items}</channel></rss>"
        ).encode()

    def _feed(self, handler: BaseHTTPRequestHandler, name: str) -> None:
        send(handler, 200, self.feed_xml(name), "application/rss+xml; charset=utf-8")

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None) -> None:
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


# --- a supply of distinct diplomatic articles ---------------------------------------------------

_PAIRS = [
    ("France", "Germany", "Berlin"),
    ("Poland", "Ukraine", "Kyiv"),
    ("Japan", "China", "Beijing"),
    ("Italy", "Spain", "Madrid"),
    ("India", "Brazil", "Brasília"),
    ("Canada", "Mexico", "Mexico City"),
]
_TOPICS = ["trade", "energy", "migration", "climate", "security", "fisheries", "shipping", "health"]


def make_article(n: int, feed: str, published: dt.datetime) -> ServedArticle:
    """Article number ``n``: three coded events (CONSULT, AGREE, ACCUSE) and a fingerprint of its own."""
    a, b, city = _PAIRS[n % len(_PAIRS)]
    topic = _TOPICS[(n // len(_PAIRS)) % len(_TOPICS)]
    title = f"{a} and {b} hold talks on {topic}, round {n}"
    text = (
        f"The foreign minister of {a} met his counterpart from {b} in {city} on Monday for talks about "
        f"{topic}. {a} signed an agreement with {b} on {topic} cooperation in round number {n}. "
        f"{b} criticised {a} over its {topic} policy, officials said after meeting {n}."
    )
    paragraphs = "".join(f"<p>{escape(s)}.</p>" for s in text.rstrip(".").split(". "))
    html = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Imprint</footer></body></html>"
    ).encode()
    return ServedArticle(feed, f"/a/{feed}/{n}", title, text, published, html)


# --- Kafka probes -------------------------------------------------------------------------------


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def topic_partitions(settings: Settings, topic: str) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return [
        TopicPartition(topic, p["partition"])
        for t in described
        if t["error_code"] == 0
        for p in t["partitions"]
    ]


async def read_topic(settings: Settings, topic: str, timeout: float = 60) -> list[Any]:
    """Every record of ``topic`` from the beginning to its current end (no consumer group)."""
    tps = await topic_partitions(settings, topic)
    records: list[Any] = []
    if not tps:
        return records
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        async with asyncio.timeout(timeout):
            while any([await consumer.position(tp) < ends[tp] for tp in tps]):
                batch = await consumer.getmany(timeout_ms=500)
                for msgs in batch.values():
                    records += msgs
    finally:
        await consumer.stop()
    return records


async def group_lag(settings: Settings, group: str, topics: Iterable[str]) -> dict[str, tuple[int, int]]:
    """``"topic[p]" → (committed, end)`` for every partition of ``topics`` (committed -1: none)."""
    tps = [tp for topic in topics for tp in await topic_partitions(settings, topic)]
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(tps)
    finally:
        await consumer.stop()
    out = {}
    for tp in tps:
        meta = committed.get(tp)
        out[f"{tp.topic}[{tp.partition}]"] = (meta.offset if meta is not None else -1, ends[tp])
    return out


def lag_ok(lags: Mapping[str, tuple[int, int]]) -> bool:
    """Every partition committed up to its end (an empty partition needs no commit)."""
    return all(committed == end or (end == 0 and committed <= 0) for committed, end in lags.values())


async def produce(
    settings: Settings, topic: str, records: Iterable[tuple[bytes | None, bytes, list[tuple[str, bytes]]]]
) -> None:
    producer = AIOKafkaProducer(**kafka_client_kwargs(settings), acks="all")
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


# --- Elasticsearch probes -------------------------------------------------------------------------


def es_request(es_url: str, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{es_url}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as r:
        return json.load(r)


def es_docs(es_url: str, alias: str) -> list[dict[str, Any]]:
    """Every document of ``alias`` (``_id``, ``_version``, ``_source``); [] when it does not exist."""
    try:
        es_request(es_url, "POST", f"/{alias}/_refresh")
        found = es_request(
            es_url, "POST", f"/{alias}/_search", {"size": 10000, "version": True, "query": {"match_all": {}}}
        )
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return []
        raise
    hits: list[dict[str, Any]] = found["hits"]["hits"]
    return hits


def es_delete_prefix(es_url: str, prefix: str) -> None:
    with contextlib.suppress(urllib.error.URLError, OSError):
        es_request(es_url, "DELETE", f"/{prefix}-*?expand_wildcards=all", timeout=60)


# --- shared by the fault tests (importable: a module named conftest is not) ------------------

FAULT_ROWS: list[dict[str, object]] = []
"""One row per injected fault, printed in the terminal summary."""


def settings_for(stack: Stack, prefix: str, **overrides: object) -> Settings:
    return Settings(
        kafka_bootstrap_servers=stack.bootstrap,
        elasticsearch_url=stack.es_url,
        topic_prefix=prefix,
        index_prefix=prefix,
        consumer_group=prefix,
        topic_partitions=2,
        **overrides,  # type: ignore[arg-type]
    )
