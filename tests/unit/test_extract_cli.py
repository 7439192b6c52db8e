"""The `dipwatch extract` contract: JSON out, exit 2 on unreadable input, batches, bad bytes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from dipwatch.cli.main import app

runner = CliRunner()
TEXT = (
    "MOSKAU (dpa) – Der russische Außenminister Sergej Lawrow hat am Donnerstag in Sotschi "
    "seinen US-Kollegen John Kerry getroffen. Die beiden sprachen über die Ukraine."
)


def test_extract_prints_one_json_object(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--date", "2015-05-15"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["language"] == "de" and data["is_diplomatic"] is True
    event = data["events"][0]
    assert (event["event_type"], event["source"]["country"], event["target"]["country"]) == (
        "CONSULT",
        "RUS",
        "USA",
    )
    assert event["place"]["name"] == "Sotschi" and event["date"] == "2015-05-14"
    assert {"cameo_code", "quad_class", "goldstein", "modality", "negated", "sentence", "confidence"} <= set(
        event
    )


def test_unreadable_path_exits_2_with_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dipwatch.cli.main", "extract", "/nonexistent/file.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot read" in result.stderr


def test_empty_text_is_not_diplomatic(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    data = json.loads(runner.invoke(app, ["extract", str(empty)]).stdout)
    assert data["is_diplomatic"] is False and data["events"] == []


def test_undecodable_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(TEXT.encode("utf-8")[:60] + b"\xff\xfe\x00\x81" + TEXT.encode("utf-8")[60:])
    result = runner.invoke(app, ["extract", str(broken), "--date", "2015-05-15"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["is_diplomatic"] is True


def test_html_input_is_detected_and_cleaned(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Lawrow trifft Kerry</title></head><body><nav><a href='/'>Start</a> "
        "<a href='/politik'>Politik</a></nav><div id='cookie'>Wir verwenden Cookies. Alle akzeptieren</div>"
        f"<article><h1>Lawrow trifft Kerry</h1><p>{TEXT}</p></article>"
        "<footer>© 2015 Beispielverlag</footer></body></html>",
        encoding="utf-8",
    )
    data = json.loads(runner.invoke(app, ["extract", str(page), "--date", "2015-05-15"]).stdout)
    assert "Cookies" not in data["text"] and "Beispielverlag" not in data["text"]
    assert any(e["event_type"] == "CONSULT" for e in data["events"])


def test_other_language_is_reported_without_events(tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Le ministre russe des affaires étrangères a rencontré son homologue américain à Genève "
        "pour des discussions sur la sécurité en Europe, selon le ministère.",
        encoding="utf-8",
    )
    data = json.loads(runner.invoke(app, ["extract", str(french)]).stdout)
    assert data["language"] == "fr" and data["is_diplomatic"] is False and data["events"] == []


def test_jsonl_batch_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": TEXT, "published_at": "2015-05-15"}, ensure_ascii=False)
        + "\nnot json\n"
        + json.dumps({"id": "b", "text": ""})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", "--jsonl", str(source), "-o", str(out)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", None, "b"]
    assert lines[0]["is_diplomatic"] is True and "error" in lines[1] and lines[2]["events"] == []


def test_extract_loads_no_pipeline_code() -> None:
    """`dipwatch extract` imports only its own command: no Kafka, Faust or Elasticsearch client."""
    probe = (
        "import sys; from dipwatch.cli.main import build_app, modules_for; "
        "build_app(modules_for(['extract', 'a.txt'])); "
        "print(sorted(m for m in ('faust', 'aiokafka', 'elasticsearch', 'httpx') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "eval", "watch", "process", "index", "run", "search", "alerts", "deadletters"):
        assert command in result.stdout, command
