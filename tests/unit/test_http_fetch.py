"""SafeFetcher against a real HTTP server on 127.0.0.1 (aiohttp), no mocks of the I/O."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from aiohttp import web

from dipwatch.adapters.http import (
    IPAddress,
    SafeFetcher,
    address_allowed,
    is_public_address,
    parse_retry_after,
)
from dipwatch.errors import (
    FetchError,
    FetchHTTPError,
    FetchRedirectError,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
)
from dipwatch.settings import Settings
from loopback import serve

FEED = (Path(__file__).parent.parent / "fixtures" / "feeds" / "rss20.xml").read_bytes()
NOW = dt.datetime(2024, 5, 16, 12, 0, tzinfo=dt.UTC)


class RecordingTransport(httpx.AsyncBaseTransport):
    """The real transport, recording every request that would open or use a connection."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class Server:
    def __init__(self) -> None:
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.hits: dict[str, int] = {}

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _app(state: Server) -> web.Application:
    async def feed(request: web.Request) -> web.StreamResponse:
        state.hits["feed"] = state.hits.get("feed", 0) + 1
        headers = {"ETag": '"v1"', "Last-Modified": "Tue, 14 May 2024 08:00:00 GMT"}
        if (
            request.headers.get("If-None-Match") == '"v1"'
            or request.headers.get("If-Modified-Since") == (headers["Last-Modified"])
        ):
            return web.Response(status=304, headers=headers)
        return web.Response(body=FEED, headers=headers, content_type="application/rss+xml")

    async def echo(request: web.Request) -> web.Response:
        headers = request.headers
        return web.json_response({"host": headers.get("Host"), "ua": headers.get("User-Agent")})

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 5000)

    async def big_chunked(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse()
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for _ in range(50):
            await resp.write(b"y" * 200)
        await resp.write_eof()
        return resp

    async def slow(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for _ in range(100):  # one byte every 100 ms: each read is fast, the whole never ends
            await resp.write(b"<")
            await asyncio.sleep(0.1)
        return resp

    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        location = "/feed" if n == 0 else f"/redirect/{n - 1}"
        raise web.HTTPFound(location)

    async def loop_a(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/loop-b")

    async def loop_b(request: web.Request) -> web.Response:
        raise web.HTTPTemporaryRedirect(f"http://127.0.0.1:{state.port}/loop-a")

    async def to_private(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")

    async def to_file(request: web.Request) -> web.Response:
        raise web.HTTPFound("file:///etc/passwd")

    async def too_many(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "120"})

    async def unavailable(request: web.Request) -> web.Response:
        return web.Response(status=503, headers={"Retry-After": "Thu, 16 May 2024 12:05:00 GMT"})

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=410, text="gone")

    async def concurrent(request: web.Request) -> web.Response:
        state.in_flight += 1
        state.max_in_flight = max(state.max_in_flight, state.in_flight)
        await asyncio.sleep(0.15)
        state.in_flight -= 1
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/feed", feed)
    app.router.add_get("/echo", echo)
    app.router.add_get("/big", big)
    app.router.add_get("/big-chunked", big_chunked)
    app.router.add_get("/slow", slow)
    app.router.add_get("/redirect/{n}", redirect)
    app.router.add_get("/loop-a", loop_a)
    app.router.add_get("/loop-b", loop_b)
    app.router.add_get("/to-private", to_private)
    app.router.add_get("/to-file", to_file)
    app.router.add_get("/429", too_many)
    app.router.add_get("/503", unavailable)
    app.router.add_get("/410", gone)
    app.router.add_get("/concurrent", concurrent)
    return app


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    state = Server()
    async with serve(_app(state)) as port:
        state.port = port
        yield state


def _settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "fetch_allow": ["127.0.0.1"],
        "fetch_timeout": 1.0,
        "fetch_max_bytes": 1000,
        "fetch_max_redirects": 3,
        "fetch_per_host_concurrency": 2,
        "user_agent": "dipwatch-test/1",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


Fetcher = tuple[SafeFetcher, RecordingTransport]


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    transport = RecordingTransport()
    async with SafeFetcher(_settings(fetch_max_bytes=5_000_000), transport=transport, clock=lambda: NOW) as f:
        yield f, transport


async def test_conditional_get_304(server: Server, fetcher: Fetcher) -> None:
    f, _ = fetcher
    first = await f.fetch(f"{server.base}/feed")
    assert first.status == 200 and first.body == FEED and not first.not_modified
    assert first.etag == '"v1"' and first.last_modified == "Tue, 14 May 2024 08:00:00 GMT"
    again = await f.fetch(f"{server.base}/feed", etag=first.etag)
    assert again.not_modified and again.body == b""
    by_date = await f.fetch(f"{server.base}/feed", last_modified=first.last_modified)
    assert by_date.not_modified
    by_date.raise_for_status()  # 304 is a success


async def test_user_agent_and_host_header(server: Server, fetcher: Fetcher) -> None:
    f, transport = fetcher
    result = await f.fetch(f"{server.base}/echo")
    assert b'"ua": "dipwatch-test/1"' in result.body
    assert f'"host": "127.0.0.1:{server.port}"'.encode() in result.body
    assert transport.requests[-1].url.host == "127.0.0.1"


async def test_hostname_connects_to_checked_address_with_host_header(server: Server) -> None:
    """The request goes to the resolved, checked address; the server still sees the host name."""
    calls: list[str] = []

    async def resolver(host: str, port: int) -> list[IPAddress]:
        calls.append(host)
        return [ipaddress.ip_address("127.0.0.1")]

    transport = RecordingTransport()
    settings = _settings(fetch_allow=["feeds.internal.test"])
    async with SafeFetcher(settings, transport=transport, resolver=resolver) as f:
        result = await f.fetch(f"http://feeds.internal.test:{server.port}/echo")
    assert calls == ["feeds.internal.test"]
    assert f'"host": "feeds.internal.test:{server.port}"'.encode() in result.body
    assert transport.requests[0].url.host == "127.0.0.1"
    assert result.url == f"http://feeds.internal.test:{server.port}/echo"


async def test_size_cap_by_content_length_and_by_stream(server: Server) -> None:
    async with SafeFetcher(_settings(fetch_max_bytes=1000)) as f:
        with pytest.raises(FetchTooLarge):
            await f.fetch(f"{server.base}/big")
        with pytest.raises(FetchTooLarge, match="too large"):
            await f.fetch(f"{server.base}/big-chunked")
    async with SafeFetcher(_settings(fetch_max_bytes=10_000)) as f:
        assert len((await f.fetch(f"{server.base}/big-chunked")).body) == 10_000


async def test_redirects_followed_within_limit(server: Server, fetcher: Fetcher) -> None:
    f, transport = fetcher
    result = await f.fetch(f"{server.base}/redirect/2")  # 2 → 1 → 0 → /feed: 3 redirects, limit 3
    assert result.status == 200 and result.body == FEED
    assert result.url == f"{server.base}/feed"
    assert len(transport.requests) == 4


async def test_redirect_limit_and_loop(server: Server, fetcher: Fetcher) -> None:
    f, transport = fetcher
    with pytest.raises(FetchRedirectError, match="more than 3 redirects"):
        await f.fetch(f"{server.base}/redirect/3")  # 4 redirects
    assert len(transport.requests) == 4  # stopped, never asked for the fifth hop
    with pytest.raises(FetchRedirectError, match="loop"):
        await f.fetch(f"{server.base}/loop-a")


async def test_redirect_to_private_address_is_refused_before_connecting(
    server: Server, fetcher: Fetcher
) -> None:
    f, transport = fetcher
    with pytest.raises(FetchRefused, match=r"169\.254\.169\.254"):
        await f.fetch(f"{server.base}/to-private")
    with pytest.raises(FetchRefused, match="scheme"):
        await f.fetch(f"{server.base}/to-file")
    assert [r.url.host for r in transport.requests] == ["127.0.0.1", "127.0.0.1"]


async def test_slow_loris_hits_total_deadline(server: Server) -> None:
    async with SafeFetcher(_settings(fetch_timeout=0.8)) as f:
        started = time.monotonic()
        with pytest.raises(FetchTimeout):
            await f.fetch(f"{server.base}/slow")
        elapsed = time.monotonic() - started
    assert 0.7 < elapsed < 2.0


async def test_retry_after_seconds_and_http_date(server: Server, fetcher: Fetcher) -> None:
    f, _ = fetcher
    r429 = await f.fetch(f"{server.base}/429")
    assert r429.status == 429 and r429.retry_after == 120.0
    with pytest.raises(FetchHTTPError) as info:
        r429.raise_for_status()
    assert info.value.status == 429 and info.value.retry_after == 120.0
    r503 = await f.fetch(f"{server.base}/503")
    assert r503.retry_after == 300.0  # 12:05 GMT header, clock at 12:00
    r410 = await f.fetch(f"{server.base}/410")
    assert r410.retry_after is None
    with pytest.raises(FetchHTTPError):
        r410.raise_for_status()


def test_parse_retry_after_edge_cases() -> None:
    assert parse_retry_after("0", NOW) == 0.0
    assert parse_retry_after("Thu, 16 May 2024 11:00:00 GMT", NOW) == 0.0  # in the past
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/rss",
        "http://[::1]:8080/feed",
        "http://[::ffff:10.0.0.1]/feed",
        "http://0.0.0.0/feed",
        "http://224.0.0.1/feed",
        "http://100.64.0.1/feed",
        "http://localhost:9/feed",  # real resolution: 127.0.0.1 and/or ::1, neither allowed here
    ],
)
async def test_ssrf_refused_without_any_request(url: str) -> None:
    transport = RecordingTransport()
    async with SafeFetcher(_settings(fetch_allow=[]), transport=transport) as f:
        with pytest.raises(FetchRefused, match="not a public address"):
            await f.fetch(url)
    assert transport.requests == []


async def test_ssrf_refused_for_name_resolving_to_metadata_address() -> None:
    async def resolver(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("169.254.169.254")]

    transport = RecordingTransport()
    async with SafeFetcher(_settings(fetch_allow=[]), transport=transport, resolver=resolver) as f:
        with pytest.raises(FetchRefused):
            await f.fetch("http://innocent.example.com/feed")
    assert transport.requests == []


async def test_loopback_allowed_only_through_settings(server: Server) -> None:
    async with SafeFetcher(_settings(fetch_allow=["127.0.0.0/8"], fetch_max_bytes=100_000)) as f:
        assert (await f.fetch(f"{server.base}/feed")).status == 200
    async with SafeFetcher(_settings(fetch_allow=["10.0.0.0/8"])) as f:
        with pytest.raises(FetchRefused):
            await f.fetch(f"{server.base}/feed")


def test_address_classification() -> None:
    s = _settings(fetch_allow=["10.1.0.0/16", "intranet.example"])
    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert is_public_address(ipaddress.ip_address("2606:4700::1111"))
    assert not is_public_address(ipaddress.ip_address("fe80::1"))
    assert not is_public_address(ipaddress.ip_address("fc00::1"))
    assert address_allowed(ipaddress.ip_address("10.1.2.3"), "x.example", s)
    assert not address_allowed(ipaddress.ip_address("10.2.2.3"), "x.example", s)
    assert address_allowed(ipaddress.ip_address("10.2.2.3"), "Intranet.Example", s)


async def test_per_host_concurrency_limit(server: Server) -> None:
    async with SafeFetcher(_settings(fetch_per_host_concurrency=2)) as f:
        results = await asyncio.gather(*(f.fetch(f"{server.base}/concurrent") for _ in range(6)))
    assert all(r.status == 200 for r in results)
    assert server.max_in_flight == 2


async def test_connection_refused_is_a_fetch_error() -> None:
    async with SafeFetcher(_settings()) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch("http://127.0.0.1:9/feed")  # discard port, nothing listens
    assert type(info.value) is FetchError
