"""``dipwatch run``: the whole pipeline at once.

Without a broker (``DIPWATCH_KAFKA_BOOTSTRAP_SERVERS`` unset) everything runs in this process
on SQLite (:mod:`dipwatch.adapters.embedded`). With a broker it starts ``watch``, ``process``,
``index`` and ``alerts run`` as subprocesses; ``--once`` then polls each feed once, waits until
the processor's and the indexer's consumer groups have caught up with everything the watcher
published, and stops them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import typer

from dipwatch.errors import FeedConfigError
from dipwatch.settings import Settings

EXIT_CONFIG = 2


def register(app: typer.Typer) -> None:
    app.command("run")(run)


def run(
    feeds_file: Path = typer.Option(
        Path("feeds.yaml"), "--feeds", "-f", dir_okay=False, help="feeds YAML (local feed files allowed)"
    ),
    once: bool = typer.Option(False, "--once", help="poll every feed once, process everything, exit"),
    as_json: bool = typer.Option(False, "--json", help='one JSON object per line: {"kind", "data"}'),
    rules: Path | None = typer.Option(
        None, "--rules", "-r", dir_okay=False, help="alert rules YAML (default: DIPWATCH_ALERT_RULES)"
    ),
    pages: Path | None = typer.Option(
        None,
        "--pages",
        file_okay=False,
        help="article pages of local feeds as <dir>/<host>/<path> (default: 'pages' next to the feeds file)",
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=0, help="extraction processes (0: one thread); default min(4, CPUs-1)"
    ),
    all_articles: bool = typer.Option(
        False, "--all-articles", help="on a terminal, also list articles that are not diplomatic"
    ),
    timeout: float = typer.Option(
        600.0, "--timeout", min=1, help="Kafka mode with --once: give up waiting after this many seconds"
    ),
) -> None:
    """Watch feeds, extract events, fire alerts and store everything (embedded, or Kafka services)."""
    settings = Settings()
    rules_file = rules or settings.alert_rules
    if not feeds_file.is_file():
        typer.echo(f"{feeds_file}: no such feeds file", err=True)
        raise typer.Exit(EXIT_CONFIG)
    if rules_file is not None and not rules_file.is_file():
        typer.echo(f"{rules_file}: no such rules file", err=True)
        raise typer.Exit(EXIT_CONFIG)
    if settings.broker_configured:
        code = run_services(settings, feeds_file, rules_file, once=once, timeout=timeout)
        raise typer.Exit(code)
    _run_embedded(
        settings,
        feeds_file,
        rules_file,
        pages,
        workers,
        once=once,
        as_json=as_json,
        all_articles=all_articles,
    )


def _run_embedded(
    settings: Settings,
    feeds_file: Path,
    rules_file: Path | None,
    pages: Path | None,
    workers: int | None,
    *,
    once: bool,
    as_json: bool,
    all_articles: bool,
) -> None:
    from dipwatch.adapters import ops
    from dipwatch.adapters.alerting import AlertRulesError
    from dipwatch.adapters.embedded import EmbeddedRunner, load_run_feeds, open_store
    from dipwatch.adapters.output import ConsoleReporter, JsonLinesReporter

    ops.configure_logging(settings.log_format, settings.log_level, secrets=ops.secret_values(settings))
    try:
        feeds = load_run_feeds(feeds_file)
    except FeedConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_CONFIG) from exc
    if pages is None and (feeds_file.parent / "pages").is_dir():
        pages = feeds_file.parent / "pages"
    reporter = JsonLinesReporter() if as_json else ConsoleReporter(show_all_articles=all_articles)
    store = open_store(settings)
    try:
        try:
            runner = EmbeddedRunner(
                settings, feeds, store, reporter, rules_file=rules_file, pages=pages, workers=workers
            )
        except AlertRulesError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(EXIT_CONFIG) from exc

        async def main() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            await runner.run(once=once, stop=stop)

        asyncio.run(main())
    finally:
        store.close()
    stats = runner.stats
    for outcome in stats.outcomes:
        state = "ok" if outcome.ok else f"{outcome.error_kind}: {outcome.error}"
        read = f"{outcome.new_items} new / {outcome.seen_items} read"
        typer.echo(f"{outcome.feed_id}: {read} ({state})", err=True)
    typer.echo(
        f"{stats.articles} new articles, {stats.events} new events, {stats.alerts} alerts"
        f" ({stats.failed} items failed) — store {settings.data_dir}",
        err=True,
    )
    if once and stats.outcomes and not any(o.ok for o in stats.outcomes):
        raise typer.Exit(1)


# --- Kafka mode -------------------------------------------------------------------------------


def _dipwatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "dipwatch.cli.main", *args]


class _Services:
    """Child processes; each gets its own metrics port (base, base+1, …) when one is configured."""

    def __init__(self, settings: Settings) -> None:
        self._port = settings.metrics_port
        self.procs: list[subprocess.Popen[bytes]] = []

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self._port is not None:
            env["DIPWATCH_METRICS_PORT"] = str(self._port + len(self.procs))
        return env

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(_dipwatch(*args), env=self._env())
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def run_services(
    settings: Settings, feeds_file: Path, rules_file: Path | None, *, once: bool, timeout: float
) -> int:
    """The services as subprocesses; with ``once``, stop them when every new item is processed
    and (with Elasticsearch configured) its article and events are indexed."""
    services = _Services(settings)
    try:
        services.start("process")
        if settings.elasticsearch_url:
            services.start("index")
        if rules_file is not None:
            services.start("alerts", "run", "--rules", str(rules_file), "--from-beginning")
        if not once:
            services.start("watch", "--feeds", str(feeds_file))
            return _wait_any(services.procs)
        watcher = services.start("watch", "--feeds", str(feeds_file), "--once")
        code = watcher.wait()
        if code != 0:
            return code
        with_indexer = bool(settings.elasticsearch_url)
        if not asyncio.run(_wait_caught_up(settings, with_indexer=with_indexer, timeout=timeout)):
            typer.echo(f"services did not catch up within {timeout:.0f}s", err=True)
            return 1
        return 0
    finally:
        services.stop()


def _wait_any(procs: list[subprocess.Popen[bytes]]) -> int:
    """Until one service ends (or Ctrl-C); the caller stops the others."""
    try:
        while True:
            for proc in procs:
                code = proc.poll()
                if code is not None:
                    return code
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0


async def _wait_caught_up(settings: Settings, *, with_indexer: bool, timeout: float) -> bool:
    """Poll committed offsets until the processor (items, stories) and the indexer (articles, events)
    have nothing left, three checks in a row (the processor's second stage produces a little later).

    A group that has not committed yet counts everything as lag, so "nothing started" never
    looks like "all done".
    """
    from aiokafka import AIOKafkaConsumer, TopicPartition
    from aiokafka.admin import AIOKafkaAdminClient

    from dipwatch.adapters.kafka.admin import kafka_client_kwargs
    from dipwatch.adapters.processor import STORIES
    from dipwatch.adapters.watcher import topic_partitions

    group = settings.consumer_group
    checks = [(f"{group}-processor", [settings.topic("items"), settings.topic(STORIES)])]
    if with_indexer:
        checks.append((f"{group}-indexer", [settings.topic("articles"), settings.topic("events")]))
    kwargs = kafka_client_kwargs(settings)
    admin = AIOKafkaAdminClient(**kwargs)
    consumer = AIOKafkaConsumer(**kwargs, group_id=None, enable_auto_commit=False)
    await admin.start()
    await consumer.start()
    deadline = time.monotonic() + timeout
    clean = 0
    try:
        while time.monotonic() < deadline:
            lag = 0
            for group_id, topics in checks:
                committed = await admin.list_consumer_group_offsets(group_id)
                tps = [TopicPartition(t, p) for t in topics for p in await topic_partitions(settings, t)]
                ends = await consumer.end_offsets(tps) if tps else {}
                for tp in tps:
                    meta = committed.get(tp)
                    done = meta.offset if meta is not None and meta.offset >= 0 else 0
                    lag += max(0, ends.get(tp, 0) - done)
            clean = clean + 1 if lag == 0 else 0
            if clean >= 3:
                return True
            await asyncio.sleep(2.0)
        return False
    finally:
        with contextlib.suppress(Exception):
            await consumer.stop()
        with contextlib.suppress(Exception):
            await admin.close()
