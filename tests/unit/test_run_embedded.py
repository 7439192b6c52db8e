"""``dipwatch run`` in the embedded mode, on the shipped examples, with no network at all."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dipwatch.adapters.embedded import EmbeddedRunner, PageMirror, load_run_feeds, open_store
from dipwatch.adapters.http import FetchResult
from dipwatch.adapters.output import JsonLinesReporter
from dipwatch.adapters.store import default_path
from dipwatch.settings import Settings
from dipwatch_schemas import Alert, Article, EventRecord

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXAMPLE_ITEMS = 12  # items in the four example feeds


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


def lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def table_count(data_dir: Path, table: str) -> int:
    with sqlite3.connect(default_path(data_dir)) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of examples/ (so a test may touch the feed files)."""
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


def run_once(data_dir: Path, examples: Path, *extra: str) -> list[dict[str, Any]]:
    proc = dipwatch(
        data_dir,
        "run",
        "--feeds",
        str(examples / "feeds.yaml"),
        "--rules",
        str(examples / "alerts.yaml"),
        "--once",
        "--json",
        *extra,
    )
    assert proc.returncode == 0, proc.stderr
    return lines(proc.stdout)


def test_run_once_twice_stores_and_prints_each_event_once(tmp_path: Path, examples: Path) -> None:
    data = tmp_path / "data"
    first = run_once(data, examples)
    kinds = [line["kind"] for line in first]
    event_ids = [line["data"]["event_id"] for line in first if line["kind"] == "event"]
    articles = [line["data"] for line in first if line["kind"] == "article"]

    assert len(articles) == EXAMPLE_ITEMS  # every new article, diplomatic or not
    assert any(not a["is_diplomatic"] for a in articles)
    assert sum(a["is_diplomatic"] for a in articles) >= 8
    assert len(event_ids) >= 15
    assert len(event_ids) == len(set(event_ids))
    assert "alert" in kinds
    assert table_count(data, "events") == len(event_ids)
    assert table_count(data, "articles") == EXAMPLE_ITEMS
    assert table_count(data, "seen_items") == EXAMPLE_ITEMS
    alerts = table_count(data, "alerts")
    assert alerts == kinds.count("alert")

    # the German Lawrow/Wang story is coded from its page (not the feed teaser) with a CONSULT by Russia
    lawrow = next(a for a in articles if "Lawrow" in (a["title"] or ""))
    assert lawrow["text_source"] == "page" and lawrow["language"] == "de"
    assert "dritte Treffen" in lawrow["text"]
    # the item whose page is not in the mirror falls back to the feed text
    korea = next(a for a in articles if "North Korean" in (a["title"] or ""))
    assert korea["text_source"] == "feed"

    second = run_once(data, examples)
    assert second == []
    assert table_count(data, "events") == len(event_ids)
    assert table_count(data, "articles") == EXAMPLE_ITEMS
    assert table_count(data, "alerts") == alerts


def test_changed_feed_file_and_lost_seen_state_repeat_nothing(tmp_path: Path, examples: Path) -> None:
    """A feed that changes (new ETag) re-reads items; a crash before "seen" was saved re-processes
    them; neither prints or stores anything twice."""
    data = tmp_path / "data"
    first = run_once(data, examples, "--workers", "0")
    events = table_count(data, "events")
    feed = examples / "feeds" / "globaldesk-world.atom.xml"
    feed.write_text(feed.read_text(encoding="utf-8") + "<!-- rebuilt -->\n", encoding="utf-8")
    assert run_once(data, examples, "--workers", "0") == []

    with sqlite3.connect(default_path(data)) as db:  # as if the process died before marking seen
        db.execute("DELETE FROM seen_items")
        db.execute("DELETE FROM feed_state")
    assert run_once(data, examples, "--workers", "0") == []
    assert table_count(data, "events") == events
    assert table_count(data, "seen_items") == EXAMPLE_ITEMS
    assert len([x for x in first if x["kind"] == "article"]) == EXAMPLE_ITEMS


def test_json_lines_have_the_record_shapes(tmp_path: Path) -> None:
    out = run_once(tmp_path / "data", EXAMPLES)
    models = {"article": Article, "event": EventRecord, "alert": Alert}
    article_ids = set()
    for line in out:
        assert set(line) == {"kind", "data"}
        record = models[line["kind"]].model_validate(line["data"])
        if isinstance(record, Article):
            article_ids.add(record.item_id)
            assert record.url and record.url.startswith("https://")
            assert "utm_source" in record.url or record.feed_id != "weltblick-ausland"
        elif isinstance(record, EventRecord):
            assert record.article_id in article_ids  # the article line comes first
            assert record.extractor_version
        else:
            assert record.event is not None and record.event.article_id in article_ids
    kinds = {line["kind"] for line in out}
    assert kinds == {"article", "event", "alert"}


def test_replay_recodes_and_removes_stale_events(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_once(data, EXAMPLES, "--workers", "0")
    events = table_count(data, "events")
    with open_store(Settings(data_dir=data)) as store:
        some = store.search("Lawrow")[0].event
        stale = some.model_copy(update={"event_id": "0" * 40, "extractor_version": "0.0.1"})
        store.upsert_events([stale])
        assert table_count(data, "events") == events + 1

    proc = dipwatch(data, "replay", "--from", "2000-01-01T00:00Z", "--workers", "0")
    assert proc.returncode == 0, proc.stderr
    assert "12 articles re-coded" in proc.stderr
    assert table_count(data, "events") == events
    with open_store(Settings(data_dir=data)) as store:
        assert store.get_event("0" * 40) is None
        assert store.get_event(some.event_id) is not None

    proc = dipwatch(data, "replay", "--from", "2999-01-01T00:00Z")
    assert proc.returncode == 0 and "0 articles re-coded" in proc.stderr


class _NoNetwork:
    """Records every URL the runner would send to the network."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.urls.append(url)
        raise AssertionError(f"network fetch of {url}")


def test_local_feeds_never_touch_the_network(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    feeds = load_run_feeds(EXAMPLES / "feeds.yaml")
    assert all(f.url.startswith("file:///") for f in feeds)
    remote = _NoNetwork()
    with open_store(settings) as store:
        runner = EmbeddedRunner(
            settings,
            feeds,
            store,
            JsonLinesReporter(open(os.devnull, "w")),  # noqa: SIM115
            pages=EXAMPLES / "pages",
            workers=0,
            fetcher=remote,
        )
        stats = asyncio.run(runner.run(once=True))
    assert remote.urls == []
    assert stats.items == EXAMPLE_ITEMS and stats.failed == 0
    assert stats.page_fallbacks == 1  # the one item without a mirrored page
    assert all(o.ok for o in stats.outcomes)


def test_feeds_file_mixes_local_and_http_feeds(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.xml").write_text("<rss/>", encoding="utf-8")
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "feeds:\n"
        "  - {id: local, url: sub/a.xml}\n"
        f"  - {{id: fileurl, url: 'file://{tmp_path}/sub/a.xml'}}\n"
        "  - {id: web, url: 'https://example.org/feed', interval: 5m}\n",
        encoding="utf-8",
    )
    feeds = {f.id: f for f in load_run_feeds(path)}
    assert feeds["local"].url == (tmp_path / "sub" / "a.xml").as_uri()
    assert feeds["fileurl"].url == feeds["local"].url
    assert feeds["web"].url == "https://example.org/feed" and feeds["web"].interval == 300

    path.write_text("feeds:\n  - {id: local, url: sub/a.xml}\n  - {id: BAD ID, url: sub/a.xml}\n")
    with pytest.raises(Exception, match="id"):
        load_run_feeds(path)


def test_page_mirror_stays_inside_its_root(tmp_path: Path) -> None:
    (tmp_path / "pages" / "news.example").mkdir(parents=True)
    (tmp_path / "pages" / "news.example" / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "secret.html").write_text("secret", encoding="utf-8")
    mirror = PageMirror(tmp_path / "pages", 1000)
    assert mirror.path_for("https://news.example/a.html") is not None
    assert mirror.path_for("https://news.example/../../secret.html") is None
    assert mirror.path_for("https://news.example/%2e%2e/%2e%2e/secret.html") is None
    assert mirror.path_for("file:///etc/passwd") is None


def test_silent_pipeline_fires_one_heartbeat_per_window(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, heartbeat_seconds=600)
    clock = [dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)]
    with open_store(settings) as store:
        runner = EmbeddedRunner(
            settings,
            [],
            store,
            JsonLinesReporter(open(os.devnull, "w")),  # noqa: SIM115
            workers=0,
            fetcher=_NoNetwork(),
            clock=lambda: clock[0],
        )
        assert runner.heartbeat() is None  # just started: not silent yet
        clock[0] += dt.timedelta(seconds=601)
        beat = runner.heartbeat()
        assert beat is not None and beat.kind == "heartbeat" and "601" in beat.message
        clock[0] += dt.timedelta(seconds=30)
        assert runner.heartbeat() is None  # same window: no repeat
        clock[0] += dt.timedelta(seconds=600)
        assert runner.heartbeat() is not None  # still silent a window later
        assert runner.stats.alerts == 2
