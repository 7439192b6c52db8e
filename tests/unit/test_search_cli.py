"""``dipwatch search`` on the embedded SQLite store after a real ``dipwatch run`` of the examples."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dipwatch.cli.search_cmd import elastic_query
from dipwatch_schemas import EventRecord

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def dipwatch(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPWATCH_")}
    env["DIPWATCH_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "dipwatch.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("search") / "data"
    proc = dipwatch(data, "run", "--feeds", str(EXAMPLES / "feeds.yaml"), "--once", "--workers", "0")
    assert proc.returncode == 0, proc.stderr
    return data


def search(data_dir: Path, *args: str) -> list[EventRecord]:
    proc = dipwatch(data_dir, "search", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return [EventRecord.model_validate(json.loads(line)) for line in proc.stdout.splitlines() if line]


def test_words_find_the_lawrow_meeting(data_dir: Path) -> None:
    hits = search(data_dir, "Lawrow Treffen")
    assert hits
    assert all("Lawrow" in (h.title or "") for h in hits)  # only the German Peking story has both words
    consult = [h for h in hits if h.event_type == "CONSULT"]
    assert consult and consult[0].source.country == "RUS"
    assert consult[0].language == "de"


def test_filters_type_country_since_limit(data_dir: Path) -> None:
    sanctions = search(data_dir, "--type", "SANCTION", "--country", "RUS")
    assert sanctions and all(h.event_type == "SANCTION" for h in sanctions)
    assert all("RUS" in (h.source.country, h.target.country if h.target else None) for h in sanctions)
    assert any(h.source.name == "EU" for h in sanctions)

    everything = search(data_dir, "--limit", "1000")
    since = dt.date(2026, 11, 22)
    recent = search(data_dir, "--since", since.isoformat(), "--limit", "1000")
    assert 0 < len(recent) < len(everything)
    for h in recent:
        assert (h.date or (h.published_at.date() if h.published_at else since)) >= since

    assert len(search(data_dir, "--limit", "2")) == 2
    assert search(data_dir, "Lawrow", "--type", "ASSAULT") == []
    assert search(data_dir, "Wörter die nirgends vorkommen") == []


def test_table_output_and_bad_input(data_dir: Path) -> None:
    proc = dipwatch(data_dir, "search", "Fidan")
    assert proc.returncode == 0 and "Fidan" in proc.stdout and "CONSULT" in proc.stdout
    assert dipwatch(data_dir, "search", "x", "--type", "HUG").returncode == 2
    assert dipwatch(data_dir / "missing", "search", "x").returncode == 1


def test_elastic_query_has_the_filters() -> None:
    query = elastic_query(
        "Lawrow Treffen", event_type="CONSULT", country="RUS", since=dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    )
    text = query["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    assert text["query"] == "Lawrow Treffen" and "sentence_lemmas" in text["fields"]
    filters = json.dumps(query["bool"]["filter"])
    assert '"event_type": "CONSULT"' in filters
    assert '"source.country": "RUS"' in filters and '"target.country": "RUS"' in filters
    assert '"gte": "2021-01-01"' in filters
    assert elastic_query("", event_type=None, country=None, since=None)["bool"]["must"] == [{"match_all": {}}]
