"""Feed bytes → :class:`NewsItem`s. Pure: no network, no clock (``fetched_at`` comes in).

Why a gate before feedparser: feedparser strips DOCTYPEs with a regex and re-inserts
"safe" entity declarations (kurtmckee/feedparser ``sanitizer.replace_doctype``), which is
not a defence we can vouch for. Any ``<!ENTITY`` declaration — the vehicle of billion-laughs
bombs and external entities, never needed by a real feed — is refused before parsing.
Why ``BytesIO``: ``feedparser.parse(bytes)`` passes the bytes to ``open()`` first, so a body
like ``b"/etc/passwd"`` would be read as a file name (pitfall 13); a stream is only read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import feedparser

from dipwatch.core.ids import item_id
from dipwatch.errors import FeedRejected
from dipwatch_schemas import NewsItem


class FeedSource(Protocol):
    """What parsing needs to know about a feed (``FeedConfig`` satisfies it)."""

    @property
    def id(self) -> str: ...
    @property
    def language(self) -> str | None: ...
    @property
    def tags(self) -> Sequence[str]: ...


@dataclass
class ParsedFeed:
    items: list[NewsItem] = field(default_factory=list)
    bozo: bool = False
    bozo_reason: str | None = None
    skipped: int = 0
    """Entries without link and GUID: they have no identity and are dropped."""
    feed_format: str = ""
    """feedparser's version label (``rss20``, ``atom10`` …); empty when nothing feed-like was found."""

    @property
    def is_feed(self) -> bool:
        """False when the body was not a feed at all (HTML page, binary, nothing recognisable)."""
        return bool(self.items or self.feed_format)


_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_UTF16_32_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# '<' followed by NUL bytes: UTF-16/32 without a byte-order mark (XML 1.0 appendix F).
_NUL_PATTERNS: tuple[tuple[bytes, str], ...] = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
)
# Skip the XML declaration, comments, processing instructions and whitespace before the first tag.
_PROLOG_NOISE = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_HTML_START = re.compile(r"<!DOCTYPE\s+html\b|<html\b|<head\b|<body\b", re.IGNORECASE)
_SNIFF_CHARS = 2048


def _as_text(body: bytes) -> str:
    """The body as text for the safety scans only: wide encodings decoded, the rest as latin-1.

    latin-1 never fails and keeps every ASCII-compatible encoding's markup intact, which is
    all the scans look at.
    """
    for bom, codec in _UTF16_32_BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(codec, errors="replace")
    for head, codec in _NUL_PATTERNS:
        if body.startswith(head):
            return body.decode(codec, errors="replace")
    return body.decode("latin-1")


def check_feed_body(body: bytes) -> str | None:
    """Raise :class:`FeedRejected` for hostile XML; return a reason when the body is clearly no feed."""
    if not body.strip():
        return "empty body"
    for magic, name in _BINARY_MAGIC:
        if body.startswith(magic):
            return f"binary body ({name}), not a feed"
    text = _as_text(body)
    if "\x00" in text[: _SNIFF_CHARS * 4]:
        return "binary body (NUL bytes), not a feed"
    if _ENTITY_DECL.search(text):
        raise FeedRejected("feed declares XML entities (<!ENTITY …>): refused before parsing")
    start = _PROLOG_NOISE.sub("", text[: _SNIFF_CHARS * 4].lstrip("\ufeff"), count=1)
    if _HTML_START.match(start[:_SNIFF_CHARS]):
        return "HTML page served as a feed"
    return None


def _utc(value: Any) -> dt.datetime | None:
    """feedparser's ``*_parsed`` (a UTC ``struct_time``) as an aware datetime."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return dt.datetime(*value[:6], tzinfo=dt.UTC)
    except (ValueError, OverflowError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _web_link(value: Any) -> str | None:
    """Only absolute http(s) links are article URLs (no ``javascript:``, no relative leftovers)."""
    link = _clean(value)
    if link is None:
        return None
    parts = urlsplit(link)
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return link
    return None


def _language(hint: str | None, feed_language: Any) -> str | None:
    if hint:
        return hint
    lang = _clean(feed_language)
    return lang.split("-")[0].split("_")[0].lower() if lang else None


def parse_feed(
    body: bytes, feed: FeedSource, *, fetched_at: dt.datetime, content_type: str | None = None
) -> ParsedFeed:
    """Parse one fetched feed body; malformed (bozo) feeds still yield the entries that were readable.

    ``content_type`` is the HTTP header, used by feedparser for the charset when the XML
    declares none. Raises :class:`FeedRejected` for bodies that must not be parsed at all.
    """
    if fetched_at.tzinfo is None:
        raise ValueError("fetched_at must be timezone-aware")
    not_feed = check_feed_body(body)
    if not_feed is not None:
        return ParsedFeed(bozo=True, bozo_reason=not_feed)

    headers = {"content-type": content_type} if content_type else None
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=True)
    except Exception as exc:  # feedparser itself can fail on hostile bytes (e.g. "&#xD800;")
        return ParsedFeed(bozo=True, bozo_reason=f"feed parser failed: {type(exc).__name__}: {exc}")
    bozo_exc = parsed.get("bozo_exception")
    result = ParsedFeed(
        bozo=bool(parsed.get("bozo")),
        bozo_reason=f"{type(bozo_exc).__name__}: {bozo_exc}" if bozo_exc is not None else None,
        feed_format=str(parsed.get("version") or ""),
    )
    language = _language(feed.language, parsed.get("feed", {}).get("language"))
    fetched = fetched_at.astimezone(dt.UTC)
    seen: set[str] = set()
    for entry in parsed.get("entries", []):
        link = _web_link(entry.get("link"))
        guid = _clean(entry.get("id"))
        if link is None and guid is None:
            result.skipped += 1
            continue
        iid = item_id(link, guid, feed.id)
        if iid in seen:
            continue
        seen.add(iid)
        content = entry.get("content") or []
        summary = _clean(content[0].get("value")) if content else None
        result.items.append(
            NewsItem(
                item_id=iid,
                feed_id=feed.id,
                url=link,
                guid=guid,
                title=_clean(entry.get("title")),
                summary=summary or _clean(entry.get("summary")),
                published_at=_utc(entry.get("published_parsed")) or _utc(entry.get("updated_parsed")),
                fetched_at=fetched,
                language=language,
                tags=list(feed.tags),
            )
        )
    return result
