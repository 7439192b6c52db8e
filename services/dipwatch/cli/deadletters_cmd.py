"""``dipwatch deadletters list|replay``: inspect dead letters and re-drive them after a fix."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re

import typer

from dipwatch.settings import Settings

deadletters_app = typer.Typer(
    help="Records a stage could not handle: list them, replay them to their source topic after a fix.",
    no_args_is_help=True,
)

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|h|d)$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

STAGE_OPTION = typer.Option(None, "--stage", "-s", help="only letters of this stage (processor, indexer …)")
SINCE_OPTION = typer.Option(
    None,
    "--since",
    help="only letters that failed since an ISO time (2025-03-10T08:00Z) or a duration ago (2h)",
)


def register(app: typer.Typer) -> None:
    app.add_typer(deadletters_app, name="deadletters")


def parse_since(value: str | None, now: dt.datetime) -> dt.datetime | None:
    """An ISO 8601 time (UTC when naive) or a duration before ``now`` (``90s``, ``30m``, ``2h``, ``1d``)."""
    if not value:
        return None
    match = _DURATION.match(value.strip())
    if match:
        return now - dt.timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2).lower()])
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO time or a duration: {value!r}", param_hint="--since") from exc
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _settings() -> Settings:
    from dipwatch.adapters import ops

    settings = Settings()
    ops.configure_logging(settings.log_format, settings.log_level, secrets=ops.secret_values(settings))
    if not settings.broker_configured:
        typer.echo("dipwatch deadletters needs DIPWATCH_KAFKA_BOOTSTRAP_SERVERS", err=True)
        raise typer.Exit(2)
    return settings


@deadletters_app.command("list")
def list_letters(
    stage: str | None = STAGE_OPTION,
    since: str | None = SINCE_OPTION,
    as_json: bool = typer.Option(False, "--json", help="one JSON object per letter"),
) -> None:
    """Show the dead letters (oldest first): where they came from and why they failed."""
    from dipwatch.adapters.deadletters import read_dead_letters, select

    settings = _settings()
    letters = select(
        asyncio.run(read_dead_letters(settings)),
        stage=stage,
        since=parse_since(since, dt.datetime.now(dt.UTC)),
    )
    for s in letters:
        letter = s.letter
        if as_json:
            doc = {"position": s.position, **letter.model_dump(mode="json", exclude={"value_b64", "key_b64"})}
            typer.echo(json.dumps(doc, ensure_ascii=False))
        else:
            typer.echo(
                f"{s.position}\t{letter.failed_at:%Y-%m-%dT%H:%M:%SZ}\t{letter.stage}\t"
                f"{letter.source_topic}[{letter.partition}]@{letter.offset}\t"
                f"{letter.error_type}: {letter.error[:200]}"
            )
    typer.echo(f"{len(letters)} dead letters", err=True)


@deadletters_app.command("replay")
def replay_letters(
    stage: str | None = STAGE_OPTION,
    since: str | None = SINCE_OPTION,
    to: str | None = typer.Option(None, "--to", help="produce to this topic instead of each source topic"),
    dry_run: bool = typer.Option(False, "--dry-run", help="say what would be replayed, produce nothing"),
) -> None:
    """Re-drive the selected letters' original records to their source topics (after the cause is fixed)."""
    from dipwatch.adapters.deadletters import read_dead_letters, replay, select

    settings = _settings()
    letters = select(
        asyncio.run(read_dead_letters(settings)),
        stage=stage,
        since=parse_since(since, dt.datetime.now(dt.UTC)),
    )
    report = asyncio.run(replay(settings, letters, to_topic=to, dry_run=dry_run))
    for s in report.replayed:
        target = to or s.letter.source_topic
        typer.echo(f"{'would replay' if dry_run else 'replayed'} {s.position} ({s.letter.stage}) -> {target}")
    for s, why in report.skipped:
        typer.echo(f"skipped {s.position}: {why}", err=True)
    typer.echo(f"{len(report.replayed)} replayed, {len(report.skipped)} skipped", err=True)
    if report.skipped and not report.replayed:
        raise typer.Exit(1)
