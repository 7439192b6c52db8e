"""``dipwatch extract`` (one article or a JSONL batch) and ``dipwatch eval`` (scores on an annotated set)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from pydantic import ValidationError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from dipwatch.core.decoding import decode_body
from dipwatch.core.extract import extract_article
from dipwatch_schemas import ArticleInput


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"dipwatch: {message}", err=True)
    return typer.Exit(code)


def _read_input(path: str) -> str:
    if path == "-":
        return decode_body(sys.stdin.buffer.read())
    try:
        return decode_body(Path(path).read_bytes())
    except OSError as exc:
        raise _fail(f"cannot read {path}: {exc.strerror or exc}") from exc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def extract(
    file: Annotated[str, typer.Argument(help="article file (text or HTML), or - for standard input")] = "-",
    output_format: Annotated[str, typer.Option("--format", help="json (one object)")] = "json",
    lang: Annotated[str, typer.Option("--lang", help="auto, de or en")] = "auto",
    date: Annotated[str | None, typer.Option("--date", help="publication date YYYY-MM-DD")] = None,
    title: Annotated[str | None, typer.Option("--title", help="the article's title")] = None,
    html: Annotated[
        bool, typer.Option("--html", help="the input is a web page (detected when not given)")
    ] = False,
    url: Annotated[str | None, typer.Option("--url", help="the article's URL")] = None,
    jsonl: Annotated[
        Path | None, typer.Option("--jsonl", help="JSONL input: {id, text|html, title?, …}")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSONL output (default stdout)")
    ] = None,
) -> None:
    """Classify an article and code its diplomatic events; print the result as JSON."""
    if output_format != "json":
        raise _fail(f"unknown --format {output_format!r} (supported: json)")
    if lang not in ("auto", "de", "en"):
        raise _fail(f"unknown --lang {lang!r} (auto, de or en)")
    language = None if lang == "auto" else lang
    if jsonl is not None:
        _extract_jsonl(jsonl, output, language)
        return
    try:
        published = dt.date.fromisoformat(date) if date else None
    except ValueError as exc:
        raise _fail(f"--date must be YYYY-MM-DD, got {date!r}") from exc
    content = _read_input(file)
    is_html = html or _looks_like_html(content)
    article = ArticleInput(
        text=None if is_html else content,
        html=content if is_html else None,
        title=title,
        url=url,
        published_at=published,
        language=language,
    )
    result = extract_article(article)
    typer.echo(result.model_dump_json())


def _extract_jsonl(source: Path, output: Path | None, language: str | None) -> None:
    try:
        handle = source.open("rb")
    except OSError as exc:
        raise _fail(f"cannot read {source}: {exc.strerror or exc}") from exc
    lines = handle.read().splitlines()
    handle.close()
    out: TextIO = output.open("w", encoding="utf-8") if output else sys.stdout
    failures = 0
    show_progress = len(lines) > 50 and sys.stderr.isatty()
    with Progress(
        TextColumn("extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("extract", total=len(lines))
        for number, raw in enumerate(lines, 1):
            progress.advance(task)
            if not raw.strip():
                continue
            try:
                record = ArticleInput.model_validate_json(decode_body(raw).encode("utf-8"))
            except ValidationError as exc:
                failures += 1
                first = exc.errors()[0]
                error = {"line": number, "error": f"{first['type']}: {first['msg']}"}
                out.write(json.dumps({"id": None, "error": error}, ensure_ascii=False) + "\n")
                continue
            if language and not record.language:
                record = record.model_copy(update={"language": language})
            result = extract_article(record)
            out.write(
                json.dumps({"id": record.id, **result.model_dump(mode="json")}, ensure_ascii=False) + "\n"
            )
    if output:
        out.close()
    if failures:
        typer.echo(f"dipwatch: {failures} line(s) were not valid records (see their error objects)", err=True)


def evaluate(
    devset: Annotated[Path, typer.Argument(help="annotated JSONL (tests/devset/devset.jsonl)")] = Path(
        "tests/devset/devset.jsonl"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="list missed and spurious events")] = False,
) -> None:
    """Score the extractor on an annotated set: event P/R/F1 per type, classifier F1, actor/place accuracy."""
    from dipwatch.evaluation import evaluate_file, render_report

    if not devset.exists():
        raise _fail(f"cannot read {devset}: no such file")
    report = evaluate_file(devset)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        render_report(report, show_errors=errors)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval")(evaluate)
