"""The embedded mode: watcher → page fetch → extraction → alerts → SQLite, in one process.

No broker: asyncio queues stand in for the topics and the SQLite store (``settings.data_dir``)
holds what Kafka and Elasticsearch hold otherwise. Extraction uses the same core functions as
the Kafka processor (:func:`dipwatch.core.processing.analyse_item` with ``extract_article``),
run in a process pool so the loop only moves records.

Why nothing is lost or repeated across restarts: the watcher's sink returns only after every
new item has been processed and written (article, events, alerts), and only then does the
watcher save the feed state that says "seen". A crash in between re-polls those items; every
write is an upsert by deterministic id, and an alert id already stored is not reported again.

Local feeds (embedded mode only, never in :class:`SafeFetcher`): a feed ``url`` in the feeds
file may be a ``file://`` URL or a path relative to the feeds file. Such a feed is an offline
snapshot; its items keep their real ``https://`` links (ids stay those of the live site), and
their pages are read from a wget-style mirror ``<pages>/<host>/<path>`` when present there.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import mimetypes
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import httpx
import yaml

from dipwatch.adapters.alerting import load_rules
from dipwatch.adapters.feedconfig import FeedConfig, parse_feeds_yaml
from dipwatch.adapters.http import FetchResult, SafeFetcher
from dipwatch.adapters.store import Store, default_path
from dipwatch.adapters.watcher import FeedHealth, FeedState, FeedWatcher, PollOutcome
from dipwatch.core import alerts as alert_core
from dipwatch.core.extract import extract_article
from dipwatch.core.processing import analyse_fetched, link_duplicate, to_records
from dipwatch.errors import FeedConfigError, FetchError, FetchTooLarge
from dipwatch.settings import Settings
from dipwatch_schemas import Alert, Article, ArticleInput, EventRecord, NewsItem

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("html", "xml", "text/plain")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PLACEHOLDER_HOST = "local-feed.invalid"


# --- the store, with the queries only the embedded runner needs ---------------------------------


class EmbeddedStore(Store):
    """:class:`Store` plus the lookups of the runner and of replay (candidates for ``store.py``)."""

    def __enter__(self) -> EmbeddedStore:
        return self

    def seen_ids(self, feed_id: str, limit: int) -> list[str]:
        """The most recent ``limit`` item ids seen in a feed, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT item_id FROM seen_items WHERE feed_id = ? ORDER BY seen_at DESC, item_id LIMIT ?",
                (feed_id, limit),
            ).fetchall()
        return [r[0] for r in reversed(rows)]

    def first_with_fingerprint(self, fingerprint: str) -> str | None:
        """Item id of the earliest stored article of a story (its first upsert keeps the lowest rowid)."""
        with self._lock:
            row = self._db.execute(
                "SELECT item_id FROM articles WHERE json_extract(doc, '$.fingerprint') = ?"
                " ORDER BY rowid LIMIT 1",
                (fingerprint,),
            ).fetchone()
        return str(row[0]) if row else None

    def articles_processed_between(self, start: dt.datetime, end: dt.datetime | None) -> list[Article]:
        """Articles processed in ``[start, end)``, oldest first (what ``dipwatch replay`` re-codes)."""
        sql = "SELECT doc FROM articles WHERE processed_at >= ?"
        params: list[Any] = [start.astimezone(dt.UTC).isoformat()]
        if end is not None:
            sql += " AND processed_at < ?"
            params.append(end.astimezone(dt.UTC).isoformat())
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY processed_at, rowid", params).fetchall()
        return [Article.model_validate_json(r[0]) for r in rows]

    def event_ids_of(self, article_id: str) -> set[str]:
        with self._lock:
            rows = self._db.execute("SELECT event_id FROM events WHERE article_id = ?", (article_id,))
            return {r[0] for r in rows.fetchall()}

    def delete_events(self, event_ids: Iterable[str]) -> int:
        """Remove events (and their full-text rows) that a re-extraction no longer finds."""
        count = 0
        with self._tx() as db:
            for eid in event_ids:
                row = db.execute("SELECT rowid FROM events WHERE event_id = ?", (eid,)).fetchone()
                if row is None:
                    continue
                db.execute("DELETE FROM events_fts WHERE rowid = ?", (row[0],))
                db.execute("DELETE FROM events WHERE rowid = ?", (row[0],))
                count += 1
        return count


def open_store(settings: Settings) -> EmbeddedStore:
    return EmbeddedStore(default_path(settings.data_dir))


class SqliteStateStore:
    """The watcher's :class:`StateStore` on SQLite: ETag/Last-Modified/health, seen ids in ``seen_items``."""

    def __init__(self, store: EmbeddedStore, seen_limit: int = 2000) -> None:
        self._store = store
        self._seen_limit = seen_limit

    async def load(self, feed_id: str) -> FeedState | None:
        saved = self._store.feed_state(feed_id)
        if saved is None:
            return None
        health = dict(saved["health"])
        owner = health.pop("owner", None)
        return FeedState(
            feed_id=feed_id,
            etag=saved["etag"],
            last_modified=saved["last_modified"],
            seen=self._store.seen_ids(feed_id, self._seen_limit),
            health=FeedHealth.model_validate(health),
            updated_at=saved["updated_at"],
            owner=owner,
        )

    async def save(self, state: FeedState) -> None:
        health = state.health.model_dump(mode="json")
        health["owner"] = state.owner
        self._store.save_feed_state(
            state.feed_id,
            etag=state.etag,
            last_modified=state.last_modified,
            health=health,
            now=state.updated_at or dt.datetime.now(dt.UTC),
        )


# --- local feeds ----------------------------------------------------------------------------------


def _is_local(url: str) -> bool:
    return url.lower().startswith("file:") or not _SCHEME.match(url)


def _file_url(url: str, base_dir: Path) -> str:
    """``file://`` URL of a local feed given as ``file:`` URL or as path relative to the feeds file."""
    if url.lower().startswith("file://"):
        path = Path(unquote(urlsplit(url).path))
    elif url.lower().startswith("file:"):  # file:relative/path
        path = Path(unquote(url[5:]))
    else:
        path = Path(url).expanduser()
    if not path.is_absolute():
        path = base_dir / path
    return path.resolve().as_uri()


def load_run_feeds(path: Path) -> list[FeedConfig]:
    """The feeds file, where (unlike ``dipwatch watch``) a feed may be a local file.

    Local URLs are swapped for placeholders while the file is validated, then put back as
    absolute ``file://`` URLs; every other check and error message is the feeds loader's own.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FeedConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError:
        raw = None
    local: dict[str, str] = {}
    if isinstance(raw, dict) and isinstance(raw.get("feeds"), list):
        for index, feed in enumerate(raw["feeds"]):
            if isinstance(feed, dict) and isinstance(feed.get("url"), str) and _is_local(feed["url"]):
                placeholder = f"http://{_PLACEHOLDER_HOST}/{index}"
                local[placeholder] = _file_url(feed["url"], path.parent)
                feed["url"] = placeholder
    if local:
        text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
    feeds = parse_feeds_yaml(text, str(path))
    return [f.model_copy(update={"url": local[f.url]}) if f.url in local else f for f in feeds]


def _local_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def _read_local(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        body = handle.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchTooLarge(f"{path} is larger than {max_bytes} bytes")
    return body


class UrlFetcher(Protocol):
    async def fetch(
        self, url: str, *, etag: str | None = ..., last_modified: str | None = ...
    ) -> FetchResult: ...


class LocalFeedFetcher:
    """``file://`` feeds from disk (with an ETag from the content, so an unchanged file is a 304);
    everything else through the given fetcher (the SSRF-guarded :class:`SafeFetcher`)."""

    def __init__(self, remote: UrlFetcher, max_bytes: int) -> None:
        self._remote = remote
        self._max_bytes = max_bytes

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        if not url.lower().startswith("file:"):
            return await self._remote.fetch(url, etag=etag, last_modified=last_modified)
        path = _local_path(url)
        try:
            body = await asyncio.to_thread(_read_local, path, self._max_bytes)
        except OSError:
            return FetchResult(status=404, body=b"", headers=httpx.Headers(), url=url)
        tag = '"' + hashlib.sha1(body).hexdigest() + '"'
        headers = httpx.Headers({"content-type": mimetypes.guess_type(path.name)[0] or "application/xml"})
        if etag == tag:
            return FetchResult(status=304, body=b"", headers=headers, url=url, etag=tag)
        return FetchResult(status=200, body=body, headers=headers, url=url, etag=tag)


class PageMirror:
    """Article pages of local feeds, laid out as ``<root>/<host>/<path>`` (``wget --mirror`` style)."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root.resolve()
        self._max_bytes = max_bytes

    def path_for(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        rel = unquote(parts.path).lstrip("/") or "index.html"
        if rel.endswith("/"):
            rel += "index.html"
        candidate = (self.root / parts.hostname.lower() / rel).resolve()
        if not candidate.is_relative_to(self.root):  # no way out of the mirror with ../
            return None
        return candidate if candidate.is_file() else None

    async def read(self, url: str) -> tuple[bytes, str] | None:
        path = self.path_for(url)
        if path is None:
            return None
        body = await asyncio.to_thread(_read_local, path, self._max_bytes)
        return body, mimetypes.guess_type(path.name)[0] or "text/html"


# --- the work done in the pool --------------------------------------------------------------------


def analyse_in_worker(
    item_json: str, body: bytes | None, content_type: str | None, processed_at: dt.datetime
) -> tuple[str, str]:
    """:func:`analyse_fetched` in a pool process (the Kafka processor runs the same); JSON out."""
    analysis = analyse_fetched(NewsItem.model_validate_json(item_json), body, content_type, processed_at)
    events = "[" + ",".join(e.model_dump_json() for e in analysis.events) + "]"
    return analysis.article.model_dump_json(), events


def make_executor(workers: int) -> Executor:
    """A spawn process pool (the parent runs an event loop); ``workers=0``: one thread instead."""
    if workers <= 0:
        return ThreadPoolExecutor(1, thread_name_prefix="dipwatch-extract")
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 2) - 1))


# --- output and the runner ------------------------------------------------------------------------


class Reporter(Protocol):
    """Where new records are shown (terminal lines or JSON lines, see :mod:`dipwatch.adapters.output`)."""

    def article(self, article: Article) -> None: ...
    def event(self, event: EventRecord) -> None: ...
    def alert(self, alert: Alert) -> None: ...


@dataclass
class RunStats:
    items: int = 0
    articles: int = 0
    events: int = 0
    alerts: int = 0
    failed: int = 0
    page_fallbacks: int = 0
    outcomes: list[PollOutcome] = field(default_factory=list)


@dataclass
class _Work:
    item: NewsItem
    done: asyncio.Future[None]


class EmbeddedRunner:
    """One process, the whole pipeline; see the module docstring for the delivery argument."""

    def __init__(
        self,
        settings: Settings,
        feeds: Sequence[FeedConfig],
        store: EmbeddedStore,
        reporter: Reporter,
        *,
        rules_file: Path | None = None,
        pages: Path | None = None,
        workers: int | None = None,
        fetcher: UrlFetcher | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.feeds = list(feeds)
        self.store = store
        self.reporter = reporter
        self.rules = load_rules(rules_file) if rules_file else []
        self.throttle = alert_core.Throttle.for_rules(self.rules)
        self.mirror = PageMirror(pages, settings.fetch_max_bytes) if pages is not None else None
        self.workers = default_workers() if workers is None else workers
        self._remote = fetcher
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._local_feeds = {f.id for f in self.feeds if f.url.lower().startswith("file:")}
        self.stats = RunStats()
        self._last_item_at = self._clock()  # the heartbeat's reference: start, then each new item
        self._last_heartbeat_at: dt.datetime | None = None
        self._queue: asyncio.Queue[_Work] = asyncio.Queue(maxsize=256)
        self._write_lock = asyncio.Lock()

    # -- the sink the watcher publishes to --

    async def publish(self, items: Sequence[NewsItem]) -> None:
        """Queue the items and return once each is processed and stored (the watcher saves state after)."""
        loop = asyncio.get_running_loop()
        pending: list[_Work] = []
        for item in items:
            if self.store.is_seen(item.feed_id, item.item_id):
                continue
            work = _Work(item, loop.create_future())
            self._last_item_at = self._clock()
            await self._queue.put(work)
            pending.append(work)
        await asyncio.gather(*(w.done for w in pending))
        by_feed: dict[str, list[str]] = {}
        for w in pending:
            by_feed.setdefault(w.item.feed_id, []).append(w.item.item_id)
        for feed_id, ids in by_feed.items():
            self.store.mark_seen(feed_id, ids, self._clock())

    # -- stages --

    async def _page(self, fetcher: UrlFetcher, item: NewsItem) -> tuple[bytes | None, str | None]:
        """The article page, or (None, None) to code the feed's own text."""
        if not item.url:
            return None, None
        if item.feed_id in self._local_feeds:  # an offline snapshot never goes to the network
            found = None
            if self.mirror is not None:
                try:
                    found = await self.mirror.read(item.url)
                except (OSError, FetchError) as exc:
                    LOGGER.info("mirror page for %s unreadable (%s)", item.url, exc)
            if found is None:
                self.stats.page_fallbacks += 1
                return None, None
            return found
        try:
            result = await fetcher.fetch(item.url)
            result.raise_for_status()
        except FetchError as exc:
            self.stats.page_fallbacks += 1
            LOGGER.info("page fetch failed for %s (%s); using the feed text", item.url, exc)
            return None, None
        content_type = result.content_type
        if content_type and not any(kind in content_type.lower() for kind in _HTML_TYPES):
            self.stats.page_fallbacks += 1
            return None, None
        return result.body, content_type

    async def _worker(self, fetcher: UrlFetcher, executor: Executor) -> None:
        loop = asyncio.get_running_loop()
        while True:
            work = await self._queue.get()
            try:
                body, content_type = await self._page(fetcher, work.item)
                item_json = work.item.model_dump_json()
                article_json, events_json = await loop.run_in_executor(
                    executor, analyse_in_worker, item_json, body, content_type, self._clock()
                )
                article = Article.model_validate_json(article_json)
                events = [EventRecord.model_validate(e) for e in _json_list(events_json)]
                async with self._write_lock:  # one writer: duplicate linking sees earlier stories
                    await asyncio.to_thread(self._write, article, events)
            except Exception:  # a poison item must not stop the feed: log it and mark it seen
                LOGGER.exception("item %s (%s) could not be processed", work.item.item_id, work.item.url)
                self.stats.failed += 1
            finally:
                if not work.done.done():
                    work.done.set_result(None)
                self._queue.task_done()

    def _write(self, article: Article, events: list[EventRecord]) -> None:
        """Link duplicates, store events then article, evaluate rules; report only what is new."""
        first: str | None = None
        if article.fingerprint:
            first = self.store.first_with_fingerprint(article.fingerprint) or article.item_id
        article, events = link_duplicate(article, events, first)
        is_new_article = self.store.get_article(article.item_id) is None
        new_events = [e for e in events if self.store.get_event(e.event_id) is None]
        self.store.upsert_events(events)
        self.store.upsert_article(article)
        self.stats.items += 1
        if is_new_article:
            self.stats.articles += 1
            self.reporter.article(article)
        for event in new_events:
            self.stats.events += 1
            self.reporter.event(event)
        for event in events:
            for alert in self._alerts(event):
                self.stats.alerts += 1
                self.reporter.alert(alert)

    def _alerts(self, event: EventRecord) -> list[Alert]:
        if not self.rules:
            return []
        fired = alert_core.evaluate(
            self.rules,
            event,
            self._clock(),
            self.throttle,
            silences=self.store.silences(),
            kibana_url_base=self.settings.kibana_url if self.settings.elasticsearch_url else None,
            index_alias=self.settings.index_alias("events"),
        )
        return [a for a in fired if self.store.add_alert(a)]  # stored before: a replay, not news

    def heartbeat(self) -> Alert | None:
        """A heartbeat alert when no new item has arrived for ``heartbeat_seconds`` (stored, reported)."""
        now = self._clock()
        beat = alert_core.heartbeat(
            self._last_item_at, now, self.settings.heartbeat_seconds, self._last_heartbeat_at
        )
        if beat is None:
            return None
        self._last_heartbeat_at = now
        if self.store.add_alert(beat):
            self.stats.alerts += 1
            self.reporter.alert(beat)
        return beat

    async def _heartbeat_loop(self) -> None:
        interval = max(1.0, min(60.0, self.settings.heartbeat_seconds / 4))
        while True:
            await asyncio.sleep(interval)
            self.heartbeat()

    # -- running --

    async def run(self, *, once: bool, stop: asyncio.Event | None = None) -> RunStats:
        stop = stop or asyncio.Event()
        executor = make_executor(self.workers)
        async with contextlib.AsyncExitStack() as stack:
            remote: UrlFetcher
            if self._remote is not None:
                remote = self._remote
            else:
                remote = await stack.enter_async_context(SafeFetcher(self.settings))
            fetcher = LocalFeedFetcher(remote, self.settings.fetch_max_bytes)
            concurrency = max(2, self.workers * 2)
            tasks = [asyncio.create_task(self._worker(remote, executor)) for _ in range(concurrency)]
            watcher = FeedWatcher(self.feeds, fetcher, self, SqliteStateStore(self.store))
            try:
                if once:
                    self.stats.outcomes = await watcher.run_once()
                else:
                    watcher.start()
                    if self.settings.heartbeat_seconds > 0:
                        tasks.append(asyncio.create_task(self._heartbeat_loop()))
                    await stop.wait()
                    await watcher.stop()
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                executor.shutdown(wait=True, cancel_futures=True)
        return self.stats


def _json_list(text: str) -> list[Any]:
    value = json.loads(text)
    assert isinstance(value, list)
    return value


# --- replay ---------------------------------------------------------------------------------------


@dataclass
class ReplayStats:
    articles: int = 0
    events_written: int = 0
    events_removed: int = 0


def item_of(article: Article) -> NewsItem:
    """The news item an article came from, as far as the article remembers it."""
    return NewsItem(
        item_id=article.item_id,
        feed_id=article.feed_id or "",
        url=article.url,
        title=article.title,
        published_at=article.published_at,
        fetched_at=article.processed_at,
        language=article.language,
        tags=article.tags,
    )


def recode_article(article: Article, processed_at: dt.datetime) -> tuple[Article, list[EventRecord]]:
    """Re-run the current extractor over a stored article's clean text (pure; in a worker)."""
    item = item_of(article)
    reference = (article.published_at or article.processed_at).date()
    result = extract_article(
        ArticleInput(
            id=article.item_id,
            text=article.text,
            title=article.title,
            url=article.url,
            published_at=article.published_at,
            language=article.language,
        ),
        reference_date=reference,
    )
    new_article, events = to_records(
        item,
        result,
        processed_at=processed_at,
        fingerprint=article.fingerprint,
        duplicate_of=article.duplicate_of,
        text_source=article.text_source,
        text=article.text,
    )
    return new_article.model_copy(update={"lemmas": new_article.lemmas or article.lemmas}), events


def _recode_in_worker(article_json: str, processed_at: dt.datetime) -> tuple[str, str]:
    article, events = recode_article(Article.model_validate_json(article_json), processed_at)
    return article.model_dump_json(), "[" + ",".join(e.model_dump_json() for e in events) + "]"


async def replay_store(
    store: EmbeddedStore,
    start: dt.datetime,
    end: dt.datetime | None,
    *,
    workers: int,
    progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> ReplayStats:
    """Re-code stored articles processed in ``[start, end)``; events overwrite by id, stale ones go."""
    clock = clock or (lambda: dt.datetime.now(dt.UTC))
    articles = store.articles_processed_between(start, end)
    stats = ReplayStats()
    loop = asyncio.get_running_loop()
    executor = make_executor(workers)
    try:
        futures = [
            loop.run_in_executor(executor, _recode_in_worker, a.model_dump_json(), clock()) for a in articles
        ]
        for done, future in enumerate(futures, start=1):
            article_json, events_json = await future
            article = Article.model_validate_json(article_json)
            events = [EventRecord.model_validate(e) for e in _json_list(events_json)]
            stale = store.event_ids_of(article.item_id) - {e.event_id for e in events}
            stats.events_written += store.upsert_events(events)
            stats.events_removed += store.delete_events(stale)
            store.upsert_article(article)
            stats.articles += 1
            if progress is not None:
                progress(done, len(articles))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return stats
