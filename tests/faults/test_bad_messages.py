"""Bad records end in the dead-letter topic with their reason; ``dipwatch deadletters`` re-drives them.

"After a fix", honestly: the replay tool never rewrites a record, it produces the original bytes
again. So the end-to-end fix here is one in the environment, not in the record: the events index is
write-blocked, the indexer dead-letters what Elasticsearch refuses (403), the block is lifted (the
fix), ``dipwatch deadletters replay --stage indexer`` re-drives the records to the events topic and
the indexer indexes them. Records that are bad in themselves (not JSON, schema violations, an
unknown schema version) are replayed too, and must come back as new dead letters, not crash or
loop: replaying cannot repair data, only a stage that now accepts it can.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import subprocess
import time
from pathlib import Path

import pytest
from faultkit import (
    DIPWATCH,
    Service,
    Stack,
    base_env,
    es_docs,
    es_request,
    produce,
    read_topic,
    run,
    wait_for,
)

from dipwatch.adapters.deadletters import StoredLetter, select
from dipwatch.adapters.kafka import serde
from dipwatch.cli.deadletters_cmd import parse_since
from dipwatch.settings import Settings
from dipwatch_schemas import ActorRef, DeadLetter, EventRecord, NewsItem

pytestmark = [pytest.mark.faults, pytest.mark.slow]

NOW = dt.datetime(2025, 3, 10, 8, 0, tzinfo=dt.UTC)


def _letters(settings: Settings) -> list[DeadLetter]:
    return [
        DeadLetter.model_validate_json(r.value)
        for r in run(read_topic(settings, settings.topic("deadletters")))
    ]


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(DIPWATCH), "deadletters", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def _event(n: int) -> EventRecord:
    return EventRecord(
        event_id=f"evt-replay-{n}",
        article_id=f"art-replay-{n}",
        event_type="CONSULT",
        cameo_code="040",
        quad_class=1,
        goldstein=1.0,
        source=ActorRef(name="France", country="FRA", kind="state", code="FRA", actor_id="FRA"),
        target=ActorRef(name="Germany", country="DEU", kind="state", code="DEU", actor_id="DEU"),
        sentence="France consulted Germany.",
        confidence=0.9,
        language="en",
        extractor_version="test",
    )


@pytest.mark.timeout(300)
def test_bad_items_are_dead_lettered_and_replay_does_not_loop(
    fault_settings: Settings, tmp_path: Path
) -> None:
    settings = fault_settings
    env = base_env(settings, tmp_path / "data")
    processor = Service("processor", ["process", "--workers", "1"], env, tmp_path).start()
    try:
        good = NewsItem(
            item_id="good-1",
            feed_id="f",
            title="France and Germany agree",
            summary="France signed an agreement with Germany on energy cooperation.",
            published_at=NOW,
            fetched_at=NOW,
            language="en",
        )
        schema_bad = json.dumps({"item_id": "x", "feed_id": "f", "unexpected": 1}).encode()
        version_two = [("schema-version", b"2"), ("dipwatch-stage", b"watcher")]
        run(
            produce(
                settings,
                settings.topic("items"),
                [
                    (b"k-json", b"\xff\xfe not json at all", serde.headers_for("watcher")),
                    (b"k-schema", schema_bad, serde.headers_for("watcher")),
                    (b"k-version", serde.encode(good.model_copy(update={"item_id": "v2"})), version_two),
                    (b"good-1", serde.encode(good), serde.headers_for("watcher")),
                ],
            )
        )
        wait_for(lambda: len(_letters(settings)) >= 3, 120, "three dead letters", 1.0, processor.tail())
        wait_for(
            lambda: len(run(read_topic(settings, settings.topic("articles")))) >= 1,
            60,
            "the good item's article",
            1.0,
            processor.tail(),
        )
        letters = {letter.key_b64: letter for letter in _letters(settings)}
        assert len(letters) == 3, letters
        by_key = {base64.b64decode(k or ""): v for k, v in letters.items()}
        assert by_key[b"k-json"].error_type == "JSONDecodeError"
        assert base64.b64decode(by_key[b"k-json"].value_b64 or "") == b"\xff\xfe not json at all"
        assert by_key[b"k-schema"].error_type == "ValidationError"
        assert "unexpected" in by_key[b"k-schema"].error or "fetched_at" in by_key[b"k-schema"].error
        assert by_key[b"k-version"].error_type == "SchemaVersionError"
        assert "unknown schema version 2" in by_key[b"k-version"].error
        for letter in by_key.values():
            assert letter.stage == "processor"
            assert letter.source_topic == settings.topic("items")
            assert letter.offset is not None and letter.partition is not None
        assert processor.metric("dipwatch_processor_deadletters_total", reason="decode") == 3

        listed = _cli(env, "list", "--stage", "processor", "--json").stdout.splitlines()
        assert len(listed) == 3 and {json.loads(line)["error_type"] for line in listed} == {
            "JSONDecodeError",
            "ValidationError",
            "SchemaVersionError",
        }
        assert _cli(env, "list", "--stage", "indexer").stdout.strip() == ""
        dry = _cli(env, "replay", "--stage", "processor", "--dry-run")
        assert dry.stdout.count("would replay") == 3
        assert len(_letters(settings)) == 3  # a dry run produces nothing

        # still-bad records come back as new dead letters that name the letter they were replayed from
        replayed = _cli(env, "replay", "--stage", "processor", "--since", "1h")
        assert replayed.stdout.count("replayed ") == 3
        wait_for(lambda: len(_letters(settings)) >= 6, 90, "the replayed records' new dead letters", 1.0)
        time.sleep(3)
        again = _letters(settings)
        assert len(again) == 6, "each replay is one new dead letter: no loop"
        assert sum("dipwatch-replayed-from" in letter.headers for letter in again) == 3
        assert processor.running
    finally:
        processor.stop()


def test_select_collapses_twins_and_filters() -> None:
    """A stage killed after dead-lettering re-delivers and dead-letters the same record again."""
    base = DeadLetter(
        stage="processor",
        error="x",
        error_type="JSONDecodeError",
        source_topic="p.items",
        partition=1,
        offset=7,
        failed_at=NOW,
    )
    twin = base.model_copy(update={"failed_at": NOW + dt.timedelta(seconds=5)})
    other = base.model_copy(
        update={"offset": 8, "stage": "indexer", "failed_at": NOW + dt.timedelta(hours=2)}
    )
    stored = [StoredLetter(0, 0, base), StoredLetter(0, 1, twin), StoredLetter(1, 0, other)]
    assert [s.position for s in select(stored)] == ["0/0", "1/0"]
    assert [s.position for s in select(stored, stage="indexer")] == ["1/0"]
    assert [s.position for s in select(stored, since=NOW + dt.timedelta(hours=1))] == ["1/0"]
    assert parse_since("2h", NOW) == NOW - dt.timedelta(hours=2)
    assert parse_since("2025-03-10T06:00Z", NOW) == NOW - dt.timedelta(hours=2)


@pytest.mark.timeout(300)
def test_indexer_dead_letters_replayed_after_the_fix(
    fault_stack: Stack, fault_settings: Settings, tmp_path: Path
) -> None:
    settings = fault_settings
    env = base_env(settings, tmp_path / "data")
    indexer = Service("indexer", ["index", "--batch-ms", "300"], env, tmp_path).start()
    alias = settings.index_alias("events")
    try:
        run(
            produce(
                settings,
                settings.topic("events"),
                [(b"evt-replay-0", serde.encode(_event(0)), serde.headers_for("processor"))],
            )
        )
        wait_for(
            lambda: len(es_docs(fault_stack.es_url, alias)) == 1,
            90,
            "the first event indexed",
            1.0,
            indexer.tail(),
        )
        # the fault: the index refuses writes
        es_request(fault_stack.es_url, "PUT", f"/{alias}/_settings", {"index.blocks.write": True})
        run(
            produce(
                settings,
                settings.topic("events"),
                [
                    (f"evt-replay-{n}".encode(), serde.encode(_event(n)), serde.headers_for("processor"))
                    for n in (1, 2)
                ],
            )
        )
        wait_for(
            lambda: len(_letters(settings)) >= 2, 90, "the refused events' dead letters", 1.0, indexer.tail()
        )
        letters = _letters(settings)
        assert {letter.stage for letter in letters} == {"indexer"}
        assert all("403" in letter.error for letter in letters), [letter.error for letter in letters]
        assert indexer.running, indexer.tail()
        assert indexer.metric("dipwatch_indexer_dead_letters_total", reason="rejected") == 2
        # the fix, then the replay
        es_request(fault_stack.es_url, "PUT", f"/{alias}/_settings", {"index.blocks.write": False})
        out = _cli(env, "replay", "--stage", "indexer", "--since", "10m")
        assert out.stdout.count(f"-> {settings.topic('events')}") == 2
        wait_for(
            lambda: len(es_docs(fault_stack.es_url, alias)) == 3,
            90,
            "the replayed events indexed",
            1.0,
            indexer.tail(),
        )
        assert {h["_id"] for h in es_docs(fault_stack.es_url, alias)} == {f"evt-replay-{n}" for n in range(3)}
        assert len(_letters(settings)) == 2, "nothing failed again"
    finally:
        with contextlib.suppress(OSError):
            es_request(fault_stack.es_url, "PUT", f"/{alias}/_settings", {"index.blocks.write": False})
        indexer.stop()
