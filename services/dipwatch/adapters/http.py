"""Fetching untrusted URLs: timeouts, size cap, redirect limit, SSRF guard, conditional GET.

Why the request goes to an IP address: the host is resolved once with ``loop.getaddrinfo``,
every resolved address is checked, and the request is sent to a checked address with the
original ``Host`` header and TLS ``sni_hostname`` extension (httpcore uses it as
``server_hostname``, so certificates are still verified against the host name). A second DNS
answer (rebinding) can therefore never reach the socket; redirects are followed by hand and
every hop is checked again. Addresses that are not global (loopback, private, link-local,
multicast, reserved, unspecified, shared, IPv4-mapped private) are refused unless the host or
a CIDR range is listed in ``DIPWATCH_FETCH_ALLOW``. Addresses a host resolves to that are not
allowed are dropped; the host is refused when none is left.

The size cap counts decoded bytes (so a gzip bomb stops at the cap), and
``asyncio.timeout(fetch_timeout)`` bounds each hop's headers *and* body, so a server that
trickles one byte at a time (slow loris) cannot keep a fetch alive.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from dipwatch.errors import (
    FetchError,
    FetchHTTPError,
    FetchRedirectError,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
)
from dipwatch.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]
Clock = Callable[[], dt.datetime]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_AFTER_STATUSES = frozenset({429, 503})
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FetchResult:
    status: int
    body: bytes
    headers: httpx.Headers
    url: str
    """Final URL after redirects (with the host name, not the address)."""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None
    """Seconds to wait, from ``Retry-After`` on 429/503 (seconds or HTTP date)."""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        value: str | None = self.headers.get("content-type")
        return value

    def raise_for_status(self) -> None:
        """:class:`FetchHTTPError` unless the status is 2xx or 304."""
        if not (200 <= self.status < 300 or self.status == 304):
            raise FetchHTTPError(
                f"HTTP {self.status} from {self.url}",
                url=self.url,
                status=self.status,
                retry_after=self.retry_after,
            )


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    """All addresses of ``host`` in resolver order (IPv4 and IPv6)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    out: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if ip not in out:
            out.append(ip)
    return out


def is_public_address(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses only."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return is_public_address(ip.ipv4_mapped)
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    )


def address_allowed(ip: IPAddress, host: str, settings: Settings) -> bool:
    hosts, nets = settings.fetch_allow_networks
    if host.lower() in hosts:
        return True
    candidates: list[IPAddress] = [ip]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        candidates.append(ip.ipv4_mapped)
    if any(c.version == net.version and c in net for c in candidates for net in nets):
        return True
    return is_public_address(ip)


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """``Retry-After`` as seconds from ``now``: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


class SafeFetcher:
    """One shared ``httpx.AsyncClient`` behind the guard; use ``async with`` or call :meth:`aclose`."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._settings = settings
        self._resolve = resolver or system_resolver
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            trust_env=False,  # a proxy would connect to the host itself, after our check
            headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
            limits=httpx.Limits(max_connections=settings.fetch_concurrency),
        )
        self._all = asyncio.Semaphore(settings.fetch_concurrency)
        self._per_host: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> SafeFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    def _host_semaphore(self, host: str) -> asyncio.Semaphore:
        sem = self._per_host.get(host)
        if sem is None:
            sem = self._per_host[host] = asyncio.Semaphore(self._settings.fetch_per_host_concurrency)
        return sem

    async def check_url(self, url: httpx.URL) -> IPAddress:
        """The address to connect to, or :class:`FetchRefused`. Sends nothing."""
        if url.scheme not in ("http", "https"):
            raise FetchRefused(f"scheme {url.scheme!r} not allowed", url=str(url))
        if url.userinfo:
            raise FetchRefused("credentials in URLs are not supported", url=str(url))
        host = url.host
        if not host:
            raise FetchRefused("URL without host", url=str(url))
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses: list[IPAddress] = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = await self._resolve(host, port)
        allowed = [ip for ip in addresses if address_allowed(ip, host, self._settings)]
        if not allowed:
            shown = ", ".join(str(a) for a in addresses) or "nothing"
            raise FetchRefused(
                f"{host} resolves to {shown}: not a public address (allow it with DIPWATCH_FETCH_ALLOW)",
                url=str(url),
            )
        return allowed[0]

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url``, redirects followed by hand; any final status is returned (``raise_for_status``)."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = httpx.URL(url)
        visited = {str(current.copy_with(fragment=None))}
        for _hop in range(self._settings.fetch_max_redirects + 1):
            result, location = await self._hop(current, headers)
            if location is None:
                return result
            nxt = httpx.URL(urljoin(str(current), location))
            key = str(nxt.copy_with(fragment=None))
            if key in visited:
                raise FetchRedirectError(f"redirect loop at {key}", url=url)
            visited.add(key)
            current = nxt
        raise FetchRedirectError(
            f"more than {self._settings.fetch_max_redirects} redirects (last {current})", url=url
        )

    async def _hop(self, url: httpx.URL, headers: dict[str, str]) -> tuple[FetchResult, str | None]:
        ip = await self.check_url(url)
        host = url.host
        target = url.copy_with(host=str(ip), fragment=None)
        default_port = 443 if url.scheme == "https" else 80
        shown_host = f"[{host}]" if ":" in host else host  # IPv6 literal
        host_header = shown_host if url.port in (None, default_port) else f"{shown_host}:{url.port}"
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        request = self._client.build_request(
            "GET", target, headers={**headers, "Host": host_header}, extensions=extensions
        )
        limit = self._settings.fetch_max_bytes
        async with self._all, self._host_semaphore(host):
            try:
                async with asyncio.timeout(self._settings.fetch_timeout):
                    response = await self._client.send(request, stream=True)
                    try:
                        if response.status_code in _REDIRECTS and "location" in response.headers:
                            return self._result(url, response, b""), response.headers["location"]
                        declared = response.headers.get("content-length")
                        if declared and declared.isdigit() and int(declared) > limit:
                            raise FetchTooLarge(
                                f"body of {declared} bytes is too large (cap {limit})", url=str(url)
                            )
                        chunks: list[bytes] = []
                        size = 0
                        async for chunk in response.aiter_bytes():
                            size += len(chunk)
                            if size > limit:
                                raise FetchTooLarge(f"body too large: more than {limit} bytes", url=str(url))
                            chunks.append(chunk)
                        return self._result(url, response, b"".join(chunks)), None
                    finally:
                        await response.aclose()
            except TimeoutError as exc:
                raise FetchTimeout(
                    f"no complete response within {self._settings.fetch_timeout}s", url=str(url)
                ) from exc
            except httpx.TimeoutException as exc:
                raise FetchTimeout(f"timeout: {type(exc).__name__}", url=str(url)) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {exc}", url=str(url)) from exc

    def _result(self, url: httpx.URL, response: httpx.Response, body: bytes) -> FetchResult:
        retry_after = None
        if response.status_code in _RETRY_AFTER_STATUSES:
            retry_after = parse_retry_after(response.headers.get("retry-after"), self._clock())
        return FetchResult(
            status=response.status_code,
            body=body,
            headers=response.headers,
            url=str(url),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            retry_after=retry_after,
        )
