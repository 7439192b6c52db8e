"""``dipwatch watch`` (the feed watcher) and ``dipwatch feeds`` (per-feed status)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from dipwatch.adapters.feedconfig import FeedConfig, load_feeds
from dipwatch.adapters.http import SafeFetcher
from dipwatch.adapters.watcher import (
    FeedState,
    FeedStatusRow,
    FeedWatcher,
    JsonFileStateStore,
    KafkaWatcher,
    PollOutcome,
    feed_status,
    read_state_topic,
)
from dipwatch.errors import FeedConfigError
from dipwatch.settings import Settings
from dipwatch_schemas import NewsItem

LOCAL_STATE_FILE = "watcher-state.json"

FEEDS_OPTION = typer.Option(..., "--feeds", "-f", exists=True, dir_okay=False, help="feeds YAML file")


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)
    app.command("feeds")(feeds)


def _load(path: Path) -> list[FeedConfig]:
    try:
        return load_feeds(path)
    except FeedConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


class StdoutSink:
    """Without a broker, ``dipwatch watch`` writes new items as JSON lines to stdout."""

    async def publish(self, items: Sequence[NewsItem]) -> None:
        for item in items:
            sys.stdout.write(item.model_dump_json() + "\n")
        sys.stdout.flush()


def watch(
    feeds_file: Path = FEEDS_OPTION,
    once: bool = typer.Option(False, "--once", help="poll every feed once, then exit"),
) -> None:
    """Poll the feeds and publish new items (Kafka topic ``<prefix>.items``, or JSON lines on stdout)."""
    from dipwatch.adapters import ops

    settings = Settings()
    ops.configure_logging(settings.log_format, settings.log_level, secrets=ops.secret_values(settings))
    feeds = _load(feeds_file)
    server = None
    if settings.metrics_port is not None:
        server = ops.start_ops_server(settings.metrics_port, lambda: {"ok": True, "stage": "watcher"})
    try:
        outcomes = asyncio.run(_watch(settings, feeds, once=once))
    finally:
        if server is not None:
            server.stop()
    if once:
        failed = [o for o in outcomes if not o.ok]
        for o in outcomes:
            state = "ok" if o.ok else f"{o.error_kind}: {o.error}"
            typer.echo(f"{o.feed_id}: {o.new_items} new / {o.seen_items} read ({state})", err=True)
        if outcomes and len(failed) == len(outcomes):
            raise typer.Exit(1)


async def _watch(settings: Settings, feeds: list[FeedConfig], *, once: bool) -> list[PollOutcome]:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with SafeFetcher(settings) as fetcher:
        if settings.broker_configured:
            return await KafkaWatcher(settings, feeds, fetcher).run(once=once, stop=stop)
        store = JsonFileStateStore(settings.data_dir / LOCAL_STATE_FILE)
        watcher = FeedWatcher(feeds, fetcher, StdoutSink(), store)
        try:
            if once:
                return await watcher.run_once()
            watcher.start()
            await stop.wait()
            await watcher.stop()
            return []
        finally:
            await store.flush()


def print_feed_status(rows: Sequence[FeedStatusRow], console: Console | None = None) -> None:
    """The ``dipwatch feeds`` table; the embedded runner may call it with rows from SQLite."""
    console = console or Console()
    table = Table(title="dipwatch feeds")
    for column in (
        "feed",
        "ok",
        "last success",
        "failures",
        "last error",
        "seen",
        "new",
        "next poll",
        "owner",
    ):
        table.add_column(column, overflow="fold")

    def when(value: dt.datetime | None) -> str:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ") if value else "—"

    for row in rows:
        ok = "[green]yes[/]" if row.healthy else ("[dim]off[/]" if not row.enabled else "[red]no[/]")
        error = (
            f"{row.last_error_kind}: {row.last_error}" if row.last_error and row.consecutive_failures else ""
        )
        table.add_row(
            row.feed_id,
            ok,
            when(row.last_success_at),
            str(row.consecutive_failures),
            error[:80],
            str(row.items_seen),
            str(row.items_new),
            when(row.next_poll_at),
            row.owner or "—",
        )
    console.print(table)


def _local_states(settings: Settings, feeds_file: Path) -> tuple[list[FeedConfig], dict[str, FeedState]]:
    """Without a broker: ``dipwatch run``'s SQLite store, else the state file of ``dipwatch watch``."""
    from dipwatch.adapters.embedded import SqliteStateStore, load_run_feeds, open_store
    from dipwatch.adapters.store import default_path

    try:
        configured = load_run_feeds(feeds_file)  # accepts the local feed files `dipwatch run` reads
    except FeedConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    states = dict(JsonFileStateStore(settings.data_dir / LOCAL_STATE_FILE).states)
    if default_path(settings.data_dir).exists():
        with open_store(settings) as store:
            sqlite_states = SqliteStateStore(store)
            for feed in configured:
                state = asyncio.run(sqlite_states.load(feed.id))
                if state is not None:
                    states[feed.id] = state
    return configured, states


def feeds(
    feeds_file: Path = FEEDS_OPTION,
    as_json: bool = typer.Option(False, "--json", help="one JSON object per feed instead of a table"),
) -> None:
    """Per-feed health: last success, consecutive failures, items seen/new (from the state topic or file)."""
    settings = Settings()
    states: dict[str, FeedState]
    if settings.broker_configured:
        configured = _load(feeds_file)
        states = asyncio.run(read_state_topic(settings))
    else:
        configured, states = _local_states(settings, feeds_file)
    rows = feed_status(configured, states, dt.datetime.now(dt.UTC))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row.model_dump(mode="json"), ensure_ascii=False))
    else:
        print_feed_status(rows)
