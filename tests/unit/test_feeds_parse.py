"""parse_feed on fixture feeds: formats, encodings, hostile XML, sparse and broken feeds."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dipwatch.core.feeds import ParsedFeed, parse_feed
from dipwatch.core.ids import item_id
from dipwatch.errors import FeedRejected

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"
FETCHED = dt.datetime(2024, 5, 16, 12, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Source:
    id: str = "test-feed"
    language: str | None = None
    tags: tuple[str, ...] = field(default_factory=lambda: ("diplo",))


def _parse(name: str, source: Source | None = None, content_type: str | None = None) -> ParsedFeed:
    body = (FIXTURES / name).read_bytes()
    return parse_feed(body, source or Source(), fetched_at=FETCHED, content_type=content_type)


def test_rss20() -> None:
    parsed = _parse("rss20.xml")
    assert not parsed.bozo and parsed.feed_format == "rss20" and parsed.skipped == 0
    first, second = parsed.items  # the third entry is the first article again (tracking parameter only)
    assert first.item_id == item_id("https://news.example.org/2024/05/agree")
    assert first.guid == "ex-1001" and first.feed_id == "test-feed" and first.tags == ["diplo"]
    assert first.published_at == dt.datetime(2024, 5, 14, 7, 30, tzinfo=dt.UTC)
    assert first.summary is not None and "<b>foreign ministers</b>" in first.summary  # content:encoded wins
    assert first.language == "en"  # from <language>en-gb</language>, no hint given
    assert second.summary == "The envoy & delegation arrived."
    assert all(i.fetched_at == FETCHED for i in parsed.items)


def test_atom_with_guid_only_entry() -> None:
    parsed = _parse("atom.xml", Source(language="de"))
    assert parsed.feed_format == "atom10" and len(parsed.items) == 2
    linked, guid_only = parsed.items
    assert linked.title == "Außenministerin trifft Amtskollegen in Wien"
    assert linked.published_at == dt.datetime(2024, 5, 14, 6, 15, tzinfo=dt.UTC)
    assert linked.published_at is not None and linked.published_at.utcoffset() == dt.timedelta(0)
    assert guid_only.url is None
    assert guid_only.item_id == item_id(None, "tag:beispiel.example.de,2024:nur-id", "test-feed")
    assert guid_only.summary == "<p>Inhalt</p>"


@pytest.mark.parametrize("name", ["latin1_declared.xml", "latin1_undeclared.xml"])
def test_latin1_umlauts(name: str) -> None:
    (item,) = _parse(name).items
    assert item.title == "Grüße aus München: Außenminister äußert Bedenken"
    assert item.summary == "Die Gespräche über Zölle dauern an."


def test_latin1_undeclared_with_http_charset_is_clean() -> None:
    parsed = _parse("latin1_undeclared.xml", content_type="application/rss+xml; charset=ISO-8859-1")
    assert parsed.items[0].title == "Grüße aus München: Außenminister äußert Bedenken"


def test_bozo_feed_still_yields_items() -> None:
    parsed = _parse("bozo.xml")
    assert parsed.bozo and parsed.bozo_reason
    assert [i.url for i in parsed.items] == [
        "https://broken.example.com/a",
        "https://broken.example.com/b",
        "https://broken.example.com/c",
    ]


@pytest.mark.parametrize("name", ["entity_bomb.xml", "external_entity.xml"])
def test_entity_declarations_are_refused_fast(name: str) -> None:
    started = time.perf_counter()
    with pytest.raises(FeedRejected, match="ENTITY"):
        _parse(name)
    assert time.perf_counter() - started < 0.1


def test_entity_bomb_in_utf16_is_refused() -> None:
    body = (FIXTURES / "entity_bomb.xml").read_text(encoding="utf-8").encode("utf-16")
    with pytest.raises(FeedRejected):
        parse_feed(body, Source(), fetched_at=FETCHED)


def test_items_without_link_and_guid_are_skipped() -> None:
    parsed = _parse("no_links.xml")
    assert parsed.skipped == 3  # two with nothing, one with only a javascript: link
    assert [(i.title, i.url, i.guid) for i in parsed.items] == [
        ("Guid only", None, "sparse-42"),
        ("Has a link", "https://sparse.example.net/x", None),
    ]


def test_html_page_is_not_a_feed() -> None:
    parsed = _parse("html_page.html")
    assert parsed.items == [] and parsed.bozo and not parsed.is_feed
    assert parsed.bozo_reason == "HTML page served as a feed"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x1f\x8b\x08\x00rest", "gzip"),
        (b"%PDF-1.7 ...", "pdf"),
        (b"\x00\x01\x02garbage", "NUL"),
        (b"  ", "empty"),
    ],
)
def test_binary_and_empty_bodies(body: bytes, reason: str) -> None:
    parsed = parse_feed(body, Source(), fetched_at=FETCHED)
    assert not parsed.is_feed and parsed.bozo_reason is not None and reason in parsed.bozo_reason


def test_body_is_never_treated_as_a_path_or_url(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes((FIXTURES / "rss20.xml").read_bytes())
    parsed = parse_feed(str(secret).encode(), Source(), fetched_at=FETCHED)
    assert parsed.items == [] and not parsed.is_feed  # feedparser.parse(bytes) would have opened the file
    parsed = parse_feed(b"https://news.example.org/feed.xml", Source(), fetched_at=FETCHED)
    assert parsed.items == []


def test_naive_fetched_at_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        parse_feed(b"<rss/>", Source(), fetched_at=dt.datetime(2024, 1, 1))
