"""`dipwatch run --feeds F --once` against the real local stack: watcher → processor → indexer.

The contract of issue 4 (point 7): with the stack's settings it polls each feed once, exits 0 when
every new item is processed and its article and events are searchable; run again, it adds nothing.
Feeds and article pages are served by a local HTTP server on 127.0.0.1 (allowed for this test only).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dipwatch.core.extract import extract_article
from dipwatch.settings import Settings
from dipwatch_schemas import ArticleInput

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "examples" / "pages" / "www.weltblick.example"
ARTICLES = {
    "lawrow.html": PAGES / "ausland" / "asien" / "lawrow-wang-peking-treffen-100.html",
    "sanktionen.html": PAGES / "ausland" / "europa" / "eu-sanktionspaket-russland-104.html",
    "wetter.html": PAGES / "inland" / "wetter" / "sturmtief-orkanboeen-nordsee-106.html",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    for name, source in ARTICLES.items():
        (root / name).write_bytes(source.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(
        f"<item><title>{name}</title><link>{base}/{name}</link><guid>{base}/{name}</guid>"
        f"<pubDate>Mon, 23 Nov 2026 0{i}:00:00 GMT</pubDate><description>{name}</description></item>"
        for i, name in enumerate(ARTICLES)
    )
    (root / "feed.xml").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>{base}/</link><description>d</description>{items}</channel></rss>",
        encoding="utf-8",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def _count(es_url: str, alias: str) -> int:
    with urllib.request.urlopen(f"{es_url}/{alias}/_count", timeout=10) as response:
        return int(json.load(response)["count"])


def _ids(es_url: str, alias: str) -> list[str]:
    request = urllib.request.Request(
        f"{es_url}/{alias}/_search?size=1000&_source=false",
        data=b'{"query": {"match_all": {}}}',
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return [hit["_id"] for hit in json.load(response)["hits"]["hits"]]


def test_run_once_makes_every_item_searchable_and_a_second_run_adds_nothing(
    stack_settings: Settings, site: str, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        f"feeds:\n  - id: local\n    url: {site}/feed.xml\n    language: de\n    interval: 60\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DIPWATCH_KAFKA_BOOTSTRAP_SERVERS": stack_settings.kafka_bootstrap_servers or "",
        "DIPWATCH_ELASTICSEARCH_URL": stack_settings.elasticsearch_url or "",
        "DIPWATCH_TOPIC_PREFIX": stack_settings.topic_prefix,
        "DIPWATCH_INDEX_PREFIX": stack_settings.index_prefix,
        "DIPWATCH_CONSUMER_GROUP": stack_settings.consumer_group,
        "DIPWATCH_TOPIC_PARTITIONS": "2",
        "DIPWATCH_FETCH_ALLOW": "127.0.0.1",
        "DIPWATCH_DATA_DIR": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "dipwatch.cli.main", "run", "--feeds", str(feeds), "--once"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=420, check=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]

    es_url = stack_settings.elasticsearch_url or ""
    articles, events = stack_settings.index_alias("articles"), stack_settings.index_alias("events")
    assert _count(es_url, articles) == len(ARTICLES)
    # the events the core codes for these pages are all there, each once
    expected = sum(
        len(extract_article(ArticleInput(html=path.read_text(encoding="utf-8"))).events) > 0
        for path in ARTICLES.values()
    )
    event_ids = _ids(es_url, events)
    assert expected >= 1 and len(event_ids) >= expected
    assert len(event_ids) == len(set(event_ids))

    # `dipwatch search` answers from Elasticsearch when it is configured, in the store's result shape;
    # "Treffen" (noun) finds the sentence with "getroffen" through the lemma field
    search = [sys.executable, "-m", "dipwatch.cli.main", "search", "Lawrow Treffen", "--json"]
    found = subprocess.run(search, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert found.returncode == 0, found.stderr[-2000:]
    hits = [json.loads(line) for line in found.stdout.splitlines() if line.strip()]
    assert hits and all(hit["event_id"] in event_ids for hit in hits)
    assert any("Lawrow" in hit["sentence"] for hit in hits)
    by_type = [
        sys.executable,
        "-m",
        "dipwatch.cli.main",
        "search",
        "--type",
        "SANCTION",
        "--country",
        "RUS",
        "--json",
    ]
    sanctions = subprocess.run(by_type, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert sanctions.returncode == 0, sanctions.stderr[-2000:]
    rows = [json.loads(line) for line in sanctions.stdout.splitlines() if line.strip()]
    assert rows and all(
        r["event_type"] == "SANCTION"
        and "RUS" in (r["source"]["country"], (r["target"] or {}).get("country"))
        for r in rows
    )

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=420, check=False)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert _count(es_url, articles) == len(ARTICLES)
    assert sorted(_ids(es_url, events)) == sorted(event_ids)
