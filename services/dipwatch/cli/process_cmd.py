"""``dipwatch process``: the stream processor worker (items → articles + events)."""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import faust
import typer

from dipwatch.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("process")(process)


def process(
    workers: int = typer.Option(
        max(1, os.cpu_count() or 1),
        "--workers",
        "-w",
        min=1,
        help="Processes for page-to-text and extraction (the event loop itself only moves records).",
    ),
) -> None:
    """Run the processor until SIGTERM/SIGINT: fetch pages, extract events, link duplicate stories."""
    # Imported here so that `dipwatch --help` does not pay for faust and the extraction core.
    from dipwatch.adapters import ops
    from dipwatch.adapters.processor import ProcessorState, WorkerPool, build_app, create_topics

    settings = Settings()
    # Our log format and secret masking, not faust's own set-up (override_logging=False below).
    ops.configure_logging(settings.log_format, settings.log_level, secrets=ops.secret_values(settings))
    if not settings.broker_configured:
        typer.echo(
            "dipwatch process needs DIPWATCH_KAFKA_BOOTSTRAP_SERVERS (without a broker use `dipwatch run`)",
            err=True,
        )
        raise typer.Exit(2)
    # faust's worker runs the loop that is current when it starts; the topics are created on it first,
    # because the broker does not auto-create them.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(create_topics(settings))

    state = ProcessorState()
    started = time.time()

    def health() -> dict[str, Any]:
        return {
            "ok": True,
            "stage": "processor",
            "records": state.records,
            "dead_letters": state.dead_letters,
            "last_record_at": state.last_record_at,
            "uptime_seconds": round(time.time() - started, 1),
        }

    server = None
    if settings.metrics_port is not None:
        server = ops.start_ops_server(settings.metrics_port, health)
    pool = WorkerPool(workers, timeout=settings.extraction_timeout)
    try:
        app = build_app(settings, pool, state)
        worker = faust.Worker(
            app,
            loop=loop,
            loglevel=settings.log_level,
            redirect_stdouts=False,
            quiet=True,
            override_logging=False,
        )
        worker.spinner = None  # its terminal escapes would corrupt a log stream (JSON lines)
        worker.execute_from_commandline()  # returns only by SystemExit once the worker has stopped
    finally:
        pool.shutdown()
        if server is not None:
            server.stop()
