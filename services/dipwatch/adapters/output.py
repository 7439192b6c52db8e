"""How new records reach the user: readable lines on a terminal, or JSON lines for programs.

JSON lines are ``{"kind": "article"|"event"|"alert", "data": {...}}`` with ``data`` in the
shape of the record models (``model_dump(mode="json")``), one object per line, flushed at once
so a pipe sees each record as it happens.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Literal, TextIO

from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dipwatch.adapters.store import SearchHit
from dipwatch_schemas import Alert, Article, EventRecord

Kind = Literal["article", "event", "alert"]


def json_line(kind: Kind, record: BaseModel) -> str:
    return json.dumps({"kind": kind, "data": record.model_dump(mode="json")}, ensure_ascii=False)


def _actor(event: EventRecord, side: Literal["source", "target"]) -> str:
    actor = event.source if side == "source" else event.target
    if actor is None:
        return "—"
    return f"{actor.name} ({actor.country})" if actor.country and actor.country != actor.name else actor.name


def _when(event: EventRecord) -> str:
    if event.date is not None:
        return event.date.isoformat()
    if event.published_at is not None:
        return event.published_at.astimezone(dt.UTC).date().isoformat()
    return "—"


class JsonLinesReporter:
    """One JSON object per line on ``stream`` (stdout by default)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout

    def _emit(self, kind: Kind, record: BaseModel) -> None:
        self._stream.write(json_line(kind, record) + "\n")
        self._stream.flush()

    def article(self, article: Article) -> None:
        self._emit("article", article)

    def event(self, event: EventRecord) -> None:
        self._emit("event", event)

    def alert(self, alert: Alert) -> None:
        self._emit("alert", alert)


class ConsoleReporter:
    """Readable lines: diplomatic articles, each new event with its evidence, alerts in red."""

    def __init__(self, console: Console | None = None, *, show_all_articles: bool = False) -> None:
        self.console = console or Console()
        self.show_all_articles = show_all_articles

    def article(self, article: Article) -> None:
        if not (article.is_diplomatic or self.show_all_articles):
            return
        mark = "[bold]article[/]" if article.is_diplomatic else "[dim]article[/]"
        dup = f" [dim](duplicate of {article.duplicate_of[:10]})[/]" if article.duplicate_of else ""
        self.console.print(
            f"{mark} {escape(f'[{article.language}]')}"
            f" {escape(article.title or article.url or article.item_id)}"
            f" [dim]{len(article.event_ids)} events[/]{dup}"
        )

    def event(self, event: EventRecord) -> None:
        target = f" → {escape(_actor(event, 'target'))}" if event.target else ""
        modality = "" if event.modality == "asserted" else f" [yellow]{event.modality}[/]"
        negated = " [yellow]negated[/]" if event.negated else ""
        self.console.print(
            f"  [cyan]{event.event_type:<9}[/] {event.cameo_code:<4} {_when(event)}"
            f" {escape(_actor(event, 'source'))}{target}{modality}{negated}"
            f" [dim]g={event.goldstein:+.1f}[/]"
        )
        self.console.print(f"    [dim]{escape(event.sentence[:200])}[/]")

    def alert(self, alert: Alert) -> None:
        self.console.print(f"[bold red]ALERT[/] {escape(alert.message)}")
        if alert.kibana_url:
            self.console.print(f"    [dim]{escape(alert.kibana_url)}[/]")


def print_events_table(
    events: Sequence[EventRecord], console: Console | None = None, *, title: str = "events"
) -> None:
    """Search results as a table: date, type, CAMEO, source → target, evidence, article title."""
    console = console or Console()
    table = Table(title=title, show_lines=False, expand=True)
    for column, style, ratio in (
        ("date", None, None),
        ("type", "cyan", None),
        ("cameo", None, None),
        ("source", None, 2),
        ("target", None, 2),
        ("sentence", None, 5),
        ("article", "dim", 2),
    ):
        table.add_column(column, style=style, ratio=ratio, no_wrap=ratio is None, overflow="fold")
    for e in events:
        table.add_row(
            _when(e),
            e.event_type + ("" if e.modality == "asserted" else f" ({e.modality})"),
            e.cameo_code,
            escape(_actor(e, "source")),
            escape(_actor(e, "target")),
            escape(e.sentence[:160]),
            escape((e.title or e.url or e.article_id)[:60]),
        )
    console.print(table)


def print_hits(hits: Sequence[SearchHit], *, as_json: bool, stream: TextIO | None = None) -> None:
    """Search output: a table on a terminal; with ``as_json`` one EventRecord JSON per line."""
    if as_json:
        out = stream or sys.stdout
        for hit in hits:
            out.write(hit.event.model_dump_json() + "\n")
        out.flush()
        return
    console = Console(file=stream) if stream is not None else Console()
    if not hits:
        console.print("no events found")
        return
    print_events_table([h.event for h in hits], console, title=f"{len(hits)} events")
