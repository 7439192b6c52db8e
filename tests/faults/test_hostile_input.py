"""Hostile and broken input through the running watcher and processor: logged, counted, survived.

One ``dipwatch watch`` process polls a feeds file where every feed but two is hostile or broken
(served by a loopback server, or pointing at addresses that must be refused); the good feeds'
items must still arrive, each bad feed must show up in ``dipwatch_feed_fetch_errors_total`` with
its kind and in the log. Then ``dipwatch process`` reads those items, whose article links are
hostile too (huge, slow, binary, redirect loop, private address): every item still becomes an
article (coded from the feed text) and ``dipwatch_processor_page_fallbacks_total`` counts why.
Refused addresses get no traffic: a sentinel server on 127.0.0.2 (not in the allow list) must see
no connection; the other ranges (10/8, 169.254/16, 192.168/16, fe80::/10) are refused before any
connection by the guard (the error kind is ``refused``, raised before a socket is opened).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from faultkit import (
    FeedServer,
    Service,
    Stack,
    base_env,
    es_delete_prefix,
    read_topic,
    run,
    send,
    settings_for,
    wait_for,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipwatch.adapters.feedconfig import FeedConfig
from dipwatch.core.decoding import decode_body
from dipwatch.core.extract import extract_article
from dipwatch.core.feeds import parse_feed
from dipwatch.core.pagetext import extract_page
from dipwatch.errors import FeedRejected
from dipwatch.settings import Settings
from dipwatch_schemas import Article, ArticleInput, NewsItem

pytestmark = [pytest.mark.faults, pytest.mark.slow]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
FETCH_TIMEOUT = 3.0
HUGE = 200 * 1024 * 1024
CHUNK = 64 * 1024


def _huge(handler: BaseHTTPRequestHandler) -> None:
    """200 MB, streamed in chunks without a Content-Length (never held in memory)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    chunk = b"<rss><channel>" + b" " * (CHUNK - 14)
    sent = 0
    try:
        while sent < HUGE:
            handler.wfile.write(chunk)
            sent += len(chunk)
            if sent > 64 * CHUNK:
                chunk = b" " * CHUNK
    except (BrokenPipeError, ConnectionResetError):
        pass
    HUGE_SENT.append(sent)


HUGE_SENT: list[int] = []


def _slow(handler: BaseHTTPRequestHandler) -> None:
    """Slow loris: headers, then one byte per 0.5 s for at most 20 s."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    try:
        for _ in range(40):
            handler.wfile.write(b"<")
            handler.wfile.flush()
            time.sleep(0.5)
    except (BrokenPipeError, ConnectionResetError):
        pass
    handler.close_connection = True


def _static(body: bytes, content_type: str | None, status: int = 200) -> object:
    def route(handler: BaseHTTPRequestHandler) -> None:
        send(handler, status, body, content_type)

    return route


def _redirect(to: str) -> object:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _loopback_links(body: bytes, base: str) -> bytes:
    """Fixture feeds link to *.example hosts: point them at the loopback server instead (no DNS)."""
    return re.sub(rb"https?://[A-Za-z0-9.-]*example[A-Za-z0-9.-]*", f"{base}/fixture".encode(), body)


class Sentinel:
    """A listener on 127.0.0.2 (loopback, but not allowed): counts every connection it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.2", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.connections = 0
        self.stopping = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def _run(self) -> None:
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def stop(self) -> None:
        self.stopping = True
        self.thread.join(timeout=5)
        self.sock.close()


# feed id → (expected fetch-error kind or None for a feed that must publish items)
HOSTILE = {
    "malformed": "not_feed",
    "bozo": None,
    "entity-bomb": "rejected",
    "external-entity": "rejected",
    "huge": "too_large",
    "slow-loris": "timeout",
    "latin1-declared": None,
    "latin1-undeclared": None,
    "wrong-charset": None,
    "binary": "not_feed",
    "html": "not_feed",
    "no-links": None,
    "redirect-loop": "redirect",
    "private-10": "refused",
    "link-local": "refused",
    "private-192": "refused",
    "ipv6-link-local": "refused",
    "loopback-other": "refused",
    "mapped-private": "refused",
}


class Hostile:
    def __init__(self, stack: Stack, settings: Settings, server: FeedServer, workdir: Path) -> None:
        self.stack, self.settings, self.server, self.workdir = stack, settings, server, workdir
        self.sentinel = Sentinel()
        self.urls: dict[str, str] = {}
        base = server.url("")
        fx = {p.name: p.read_bytes() for p in FIXTURES.iterdir()}
        latin1 = _loopback_links(fx["latin1_declared.xml"], base)
        routes: dict[str, tuple[object, str]] = {
            "malformed": (_static(b"this is <<< not & xml >>> at all", "application/xml"), "/h/malformed"),
            "bozo": (_static(_loopback_links(fx["bozo.xml"], base), "application/rss+xml"), "/h/bozo"),
            "entity-bomb": (_static(fx["entity_bomb.xml"], "application/xml"), "/h/bomb"),
            "external-entity": (_static(fx["external_entity.xml"], "application/xml"), "/h/xxe"),
            "huge": (_huge, "/h/huge"),
            "slow-loris": (_slow, "/h/slow"),
            "latin1-declared": (_static(latin1, "application/rss+xml"), "/h/latin1"),
            "latin1-undeclared": (
                _static(
                    _loopback_links(fx["latin1_undeclared.xml"], base),
                    "application/rss+xml; charset=iso-8859-1",
                ),
                "/h/latin1u",
            ),
            # declared utf-8 in the header while the bytes are latin-1
            "wrong-charset": (
                _static(
                    _loopback_links(fx["latin1_undeclared.xml"], base).replace(b"zeitung-1", b"wrong-1"),
                    "application/rss+xml; charset=utf-8",
                ),
                "/h/wrongcs",
            ),
            "binary": (_static(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "image/png"), "/h/binary"),
            "html": (_static(fx["html_page.html"], "text/html; charset=utf-8"), "/h/html"),
            "no-links": (_static(fx["no_links.xml"], "application/rss+xml"), "/h/nolinks"),
            "redirect-loop": (_redirect("/h/loop-b"), "/h/loop-a"),
        }
        for name, (route, path) in routes.items():
            server.routes[path] = route  # type: ignore[assignment]
            self.urls[name] = server.url(path)
        server.routes["/h/loop-b"] = _redirect("/h/loop-a")  # type: ignore[assignment]
        self.urls.update(
            {
                "private-10": "http://10.20.30.40/feed.xml",
                "link-local": "http://169.254.169.254/latest/meta-data/",
                "private-192": "http://192.168.1.1/rss",
                "ipv6-link-local": "http://[fe80::1]/rss",
                "loopback-other": f"http://127.0.0.2:{self.sentinel.port}/feed.xml",
                "mapped-private": "http://[::ffff:10.0.0.1]/rss",
            }
        )
        # the good feeds: article links that are hostile themselves (for the processor)
        page = (
            b"<html><body><article><p>"
            + b"The foreign minister of France met his counterpart. " * 20
            + b"</p></article></body></html>"
        )
        server.routes["/p/good"] = _static(page, "text/html; charset=utf-8")  # type: ignore[assignment]
        server.routes["/p/huge"] = _huge  # type: ignore[assignment]
        server.routes["/p/slow"] = _slow  # type: ignore[assignment]
        server.routes["/p/binary"] = _static(b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000, "image/png")  # type: ignore[assignment]
        server.routes["/p/loop-a"] = _redirect("/p/loop-b")  # type: ignore[assignment]
        server.routes["/p/loop-b"] = _redirect("/p/loop-a")  # type: ignore[assignment]
        self.article_links = {
            "good": server.url("/p/good"),
            "too_large": server.url("/p/huge"),
            "timeout": server.url("/p/slow"),
            "content_type": server.url("/p/binary"),
            "redirect": server.url("/p/loop-a"),
            "refused": "http://10.9.8.7/article",
        }
        items = "".join(
            f"<item><title>Good news {kind}</title><link>{link}</link><guid>{kind}</guid>"
            f"<description>Germany and France agreed on closer cooperation ({kind}).</description></item>"
            for kind, link in self.article_links.items()
        )
        good = f'<?xml version="1.0"?><rss version="2.0"><channel><title>good</title>{items}</channel></rss>'
        server.routes["/h/good"] = _static(good.encode(), "application/rss+xml")  # type: ignore[assignment]
        self.urls["good"] = server.url("/h/good")
        feeds = "feeds:\n" + "".join(
            f'  - id: {name}\n    url: "{url}"\n    interval: 300\n' for name, url in self.urls.items()
        )
        self.feeds_file = workdir / "feeds.yaml"
        self.feeds_file.write_text(feeds)

    def env(self, name: str, **extra: str) -> dict[str, str]:
        return base_env(
            self.settings, self.workdir / f"data-{name}", DIPWATCH_FETCH_TIMEOUT=str(FETCH_TIMEOUT), **extra
        )


@pytest.fixture(scope="module")
def hostile(fault_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    workdir = tmp_path_factory.mktemp("hostile")
    prefix = "h" + str(int(time.time()))[-6:]
    server = FeedServer()
    setup = Hostile(fault_stack, settings_for(fault_stack, prefix), server, workdir)
    try:
        yield setup
    finally:
        setup.sentinel.stop()
        server.stop()
        es_delete_prefix(fault_stack.es_url, prefix)


@pytest.mark.timeout(240)
def test_watcher_survives_every_hostile_feed(hostile: Hostile) -> None:
    watcher = Service(
        "watcher", ["watch", "--feeds", str(hostile.feeds_file)], hostile.env("watcher"), hostile.workdir
    )
    watcher.start()
    try:

        def polled() -> bool:
            samples = watcher.metrics()
            errors = {lab["feed"] for name, lab, _ in samples if name == "dipwatch_feed_fetch_errors_total"}
            ok = {
                lab["feed"]
                for name, lab, v in samples
                if name == "dipwatch_feed_last_success_timestamp" and v
            }
            return set(HOSTILE) | {"good"} <= errors | ok

        wait_for(polled, 90, "every feed to be polled once", 1.0, watcher.tail())
        assert watcher.running, watcher.tail()
        samples = watcher.metrics()
        for feed, kind in HOSTILE.items():
            if kind is None:
                assert watcher.metric("dipwatch_feed_last_success_timestamp", feed=feed) > 0, feed
                assert watcher.metric("dipwatch_feed_fetch_errors_total", feed=feed) == 0, feed
            else:
                got = {
                    lab["kind"]
                    for n, lab, v in samples
                    if n == "dipwatch_feed_fetch_errors_total" and lab["feed"] == feed and v
                }
                assert got == {kind}, f"{feed}: error kinds {got}, expected {kind}\n{watcher.tail()}"
                assert re.search(rf"feed {re.escape(feed)}: poll failed \({kind}\)", watcher.text()), feed
        assert watcher.metric("dipwatch_feed_bozo_total", feed="bozo") >= 1
        assert watcher.metric("dipwatch_feed_items_skipped_total", feed="no-links") >= 1
        assert "entries without link or GUID dropped" in watcher.text()
        # the good and the readable broken feeds published their items
        items = [
            NewsItem.model_validate_json(r.value)
            for r in run(read_topic(hostile.settings, hostile.settings.topic("items")))
        ]
        by_feed: dict[str, list[NewsItem]] = {}
        for item in items:
            by_feed.setdefault(item.feed_id, []).append(item)
        assert len(by_feed.get("good", [])) == len(hostile.article_links)
        assert by_feed.get("bozo"), "the readable items of a bozo feed are published"
        for feed in ("latin1-declared", "latin1-undeclared"):
            titles = [i.title or "" for i in by_feed.get(feed, [])]
            assert any("Außenminister" in t for t in titles), (feed, titles)
        assert by_feed.get("wrong-charset"), "a wrong charset declaration still yields items"
        assert not {i.feed_id for i in items} & {f for f, k in HOSTILE.items() if k}
        # no traffic to refused addresses; the huge body was cut off far below 200 MB
        assert hostile.sentinel.connections == 0
        assert HUGE_SENT and max(HUGE_SENT) < 50 * 1024 * 1024, HUGE_SENT
        assert watcher.metric("process_resident_memory_bytes") < 400 * 1024 * 1024
    finally:
        code = watcher.stop(timeout=30)
    assert code == 0, watcher.tail()


@pytest.mark.timeout(240)
def test_processor_survives_hostile_article_pages(hostile: Hostile) -> None:
    """Runs after the watcher test: the items are on the topic; every one becomes an article."""
    items = [
        NewsItem.model_validate_json(r.value)
        for r in run(read_topic(hostile.settings, hostile.settings.topic("items")))
    ]
    assert items, "the watcher test must run first"
    processor = Service("processor", ["process", "--workers", "1"], hostile.env("processor"), hostile.workdir)
    processor.start()
    try:
        wanted = {i.item_id for i in items}
        articles: dict[str, Article] = {}

        def all_articles() -> bool:
            for r in run(read_topic(hostile.settings, hostile.settings.topic("articles"))):
                article = Article.model_validate_json(r.value)
                articles[article.item_id] = article
            return wanted <= set(articles)

        wait_for(all_articles, 150, "an article for every item", 2.0, processor.tail())
        assert processor.running, processor.tail()
        by_link = {a.url: a for a in articles.values()}
        for kind, link in hostile.article_links.items():
            article = by_link[link]
            expected_source = "page" if kind == "good" else "feed"
            assert article.text_source == expected_source, (kind, article.text_source)
            if kind != "good":
                assert processor.metric("dipwatch_processor_page_fallbacks_total", kind=kind) >= 1, (
                    f"{kind}\n{processor.tail()}"
                )
        assert processor.metric("dipwatch_processor_deadletters_total") == 0
        assert hostile.sentinel.connections == 0
        assert "page fetch failed" in processor.text()
    finally:
        code = processor.stop(timeout=40)
    assert code == 0, processor.tail()


# --- fuzzing the feed-and-article path (no stack needed) -------------------------------------------

_XML_BITS = st.sampled_from(
    [
        b'<?xml version="1.0" encoding="utf-8"?>',
        b'<?xml version="1.0" encoding="iso-8859-1"?>',
        b"<rss version='2.0'>",
        b"<channel>",
        b"<item>",
        b"<title>Au\xc3\x9fenminister</title>",
        b"<title>Au\xdfenminister</title>",
        b"<link>http://127.0.0.1/a</link>",
        b"<link>javascript:alert(1)</link>",
        b"<guid>g</guid>",
        b"<description><![CDATA[<p>Merkel traf Macron in Paris.</p>]]></description>",
        b"<pubDate>Mon, 13 May 2024 07:00:00 +0000</pubDate>",
        b"<pubDate>not a date</pubDate>",
        b"</item>",
        b"</channel></rss>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id></entry></feed>',
        b"<!DOCTYPE rss [<!ENTITY a 'aaaa'>]>",
        b"&amp;&lt;&#0;&#xD800;&unknown;",
        b"\xef\xbb\xbf",
        b"\xff\xfe<\x00r\x00",
        b"\x00\x01\x02",
        b"<html><body><p>Hallo</p></body></html>",
    ]
)
FUZZ_BODIES = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(_XML_BITS, st.binary(max_size=40)), max_size=25).map(b"".join),
)
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "text/html",
        "text/html; charset=utf-8",
        "application/rss+xml; charset=iso-8859-1",
        "text/xml; charset=bogus",
        "text/html; charset=utf-16",
    ]
)


@pytest.mark.timeout(300)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=FUZZ_BODIES, content_type=CONTENT_TYPES)
def test_fuzz_feed_and_article_parsing(body: bytes, content_type: str | None) -> None:
    """No exception escapes the parsing path except the documented FeedRejected."""
    feed = FeedConfig(id="fuzz", url="http://127.0.0.1/feed.xml")
    fetched = dt.datetime(2025, 3, 10, tzinfo=dt.UTC)
    with contextlib.suppress(FeedRejected):
        parsed = parse_feed(body, feed, fetched_at=fetched, content_type=content_type)
        for item in parsed.items:
            assert item.item_id and item.feed_id == "fuzz"
    html = decode_body(body, content_type)
    assert isinstance(html, str)
    page = extract_page(html, "http://127.0.0.1/a")
    result = extract_article(
        ArticleInput(html=html or None, text=None if html else "leer", url="http://127.0.0.1/a")
    )
    assert 0 <= result.diplomatic_score <= 1
    assert isinstance(page.text, str)
