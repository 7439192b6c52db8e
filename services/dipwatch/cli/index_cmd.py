"""``dipwatch index``: the indexer worker (articles + events topics → Elasticsearch)."""

from __future__ import annotations

import asyncio
import signal
import time
from typing import Any

import typer

from dipwatch.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("index")(index)


def index(
    until_idle: bool = typer.Option(
        False, "--until-idle", help="Exit once every partition is caught up (backfills, one-off reindexing)."
    ),
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Records per bulk request at most."),
    batch_ms: int = typer.Option(1000, "--batch-ms", min=1, help="Wait at most this long to fill a batch."),
) -> None:
    """Index articles and events until SIGTERM/SIGINT; offsets are committed after Elasticsearch confirms."""
    # Imported here so that `dipwatch --help` does not pay for aiokafka and the ES client.
    from dipwatch.adapters import ops
    from dipwatch.adapters.elastic.indexer import Indexer, IndexerConfig
    from dipwatch.adapters.kafka.admin import ensure_topics

    settings = Settings()
    ops.configure_logging(settings.log_format, settings.log_level, secrets=ops.secret_values(settings))
    missing = [
        name
        for name, value in (
            ("DIPWATCH_KAFKA_BOOTSTRAP_SERVERS", settings.kafka_bootstrap_servers),
            ("DIPWATCH_ELASTICSEARCH_URL", settings.elasticsearch_url),
        )
        if not value
    ]
    if missing:
        typer.echo(
            f"dipwatch index needs {' and '.join(missing)} (without them use `dipwatch run`)", err=True
        )
        raise typer.Exit(2)

    config = IndexerConfig(batch_size=batch_size, batch_timeout_ms=batch_ms, stop_when_idle=until_idle)
    indexer = Indexer(settings, config)
    started = time.time()

    def health() -> dict[str, Any]:
        state = indexer.state
        return {
            "ok": not state.retrying,
            "stage": "indexer",
            "indexed": state.indexed,
            "dead_letters": state.dead_letters,
            "last_commit_at": state.last_commit_at,
            "uptime_seconds": round(time.time() - started, 1),
        }

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, indexer.stop)
        await ensure_topics(settings, stages=("articles", "events", "deadletters"))
        await indexer.run()

    server = (
        ops.start_ops_server(settings.metrics_port, health) if settings.metrics_port is not None else None
    )
    try:
        asyncio.run(main())
    finally:
        if server is not None:
            server.stop()
    state = indexer.state
    typer.echo(f"indexed {state.indexed} documents, {state.dead_letters} dead letters", err=True)
