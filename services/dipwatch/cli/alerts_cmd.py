"""``dipwatch alerts …``: check a rules file, run the alert service, tail alerts, silence rules."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
import sys
import time
from pathlib import Path

import typer

from dipwatch.adapters import alerting
from dipwatch.adapters.ops import configure_logging, secret_values, start_ops_server
from dipwatch.adapters.store import Store, default_path
from dipwatch.core.alerts import AlertRule
from dipwatch.settings import Settings
from dipwatch_schemas.models import Alert

alerts_app = typer.Typer(help="Alert rules: check, run, tail, silence.", no_args_is_help=True)

RULES_OPTION = typer.Option(..., "--rules", "-r", help="YAML file of alert rules", exists=False)


def _settings() -> Settings:
    return Settings()


def _load_or_exit(path: Path) -> list[AlertRule]:
    try:
        return alerting.load_rules(path)
    except alerting.AlertRulesError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


def _parse_until(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@alerts_app.command("check")
def check(rules: Path = RULES_OPTION) -> None:
    """Validate a rules file; exit 2 naming the file, line and reason of each problem."""
    loaded = _load_or_exit(rules)
    typer.echo(f"{rules}: {len(loaded)} rule(s) OK: {', '.join(r.id for r in loaded)}")


@alerts_app.command("run")
def run(
    rules: Path = RULES_OPTION,
    from_beginning: bool = typer.Option(
        False, "--from-beginning", help="a new consumer group starts at the oldest event, not the newest"
    ),
) -> None:
    """Consume the events topic, match the rules, produce to the alerts topic (needs Kafka)."""
    settings = _settings()
    configure_logging(settings.log_format, settings.log_level, secrets=secret_values(settings))
    loaded = _load_or_exit(rules)
    if not settings.broker_configured:
        typer.echo(
            "alerts run needs Kafka (DIPWATCH_KAFKA_BOOTSTRAP_SERVERS); in the embedded mode"
            " `dipwatch run` evaluates the rules itself",
            err=True,
        )
        raise typer.Exit(2)
    auto_offset_reset = "earliest" if from_beginning else "latest"

    async def main() -> None:
        service = alerting.AlertService(settings, loaded, auto_offset_reset=auto_offset_reset)
        port = settings.metrics_port
        ops = start_ops_server(port, service.health) if port is not None else None
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            await service.run(stop)
        finally:
            if ops is not None:
                ops.stop()

    asyncio.run(main())


@alerts_app.command("tail")
def tail(
    rule: str | None = typer.Option(None, "--rule", help="only alerts of this rule id"),
    from_beginning: bool = typer.Option(False, "--from-beginning", help="start at the oldest alert"),
    as_json: bool = typer.Option(False, "--json", help="one JSON alert per line"),
) -> None:
    """Print alerts as they arrive (Kafka topic, or the SQLite store in the embedded mode)."""
    settings = _settings()

    def emit(alert: Alert) -> None:
        typer.echo(alert.model_dump_json() if as_json else alerting.format_alert(alert))
        sys.stdout.flush()

    if settings.broker_configured:

        async def follow() -> None:
            async for alert in alerting.iter_alerts(settings, rule_id=rule, from_beginning=from_beginning):
                emit(alert)

        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(follow())
        return

    with Store(default_path(settings.data_dir)) as store, contextlib.suppress(KeyboardInterrupt):
        after = None if from_beginning else dt.datetime.now(dt.UTC)
        while True:
            batch = store.alerts(rule_id=rule, after=after, limit=500)
            for alert in batch:
                emit(alert)
            if batch:
                after = batch[-1].fired_at
            else:
                time.sleep(1.0)


def _set_silence(rule: str, until: dt.datetime | None) -> None:
    settings = _settings()
    if settings.broker_configured:
        asyncio.run(alerting.publish_silence(settings, rule, until))
        where = alerting.control_topic(settings)
    else:
        with Store(default_path(settings.data_dir)) as store:
            alerting.store_silence(store, rule, until)
        where = str(default_path(settings.data_dir))
    state = f"silenced until {until.isoformat()}" if until else "unsilenced"
    typer.echo(f"rule {rule} {state} ({where})")


@alerts_app.command("silence")
def silence(
    rule: str = typer.Argument(..., help="rule id"),
    until: str = typer.Option(..., "--until", help="ISO 8601 time; without an offset it is UTC"),
) -> None:
    """Silence a rule until a time; the running service picks it up without a restart."""
    _set_silence(rule, _parse_until(until))


@alerts_app.command("unsilence")
def unsilence(rule: str = typer.Argument(..., help="rule id")) -> None:
    """Lift a rule's silence."""
    _set_silence(rule, None)


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
