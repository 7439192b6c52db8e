"""Feed watcher at scale: 1,000 feeds from a local HTTP server, CPU time per poll cycle, peak memory.

A threaded HTTP server on 127.0.0.1 serves ``--feeds`` RSS feeds of 20 items each with an ETag.
The first poll of a feed gets the whole feed; later polls send ``If-None-Match`` and get
``304 Not Modified`` unless the feed changed — each feed changes on a poll with probability
``--change-rate`` (default 5 %, decided by a fixed seed, so every run sees the same changes), and
a change adds one item. Two measurements, each in a process of its own so that its CPU time and
peak RSS are the watcher's alone (the server runs in this process):

* ``steady``: :class:`FeedWatcher` polls every feed ``--cycles`` times (``run_once``) with a null
  sink, once with the JSON state file of ``dipwatch watch`` (``file``) and once with the state in
  memory (``memory``, the watcher's own cost). Per cycle: CPU seconds (``time.process_time``, all
  threads, including the feed parser), wall seconds, new items, 304 answers.
* ``cli``: ``dipwatch watch --feeds F --once`` twice on the same state directory (first poll, then
  a mostly-304 poll): wall time, CPU (user+sys from ``wait4``) and peak RSS, start-up included.

All feeds are on one host, so the per-host fetch limit is raised to the global one
(``DIPWATCH_FETCH_PER_HOST_CONCURRENCY``), as for many real sites. Prints a table and JSON.

Usage::

    python benchmarks/watcher_scale.py [--feeds 1000] [--cycles 5] [--quick] [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import http.server
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = 1000
ITEMS_PER_FEED = 20
TIMEOUT = 600.0
_FEED_PATH = re.compile(r"^/feeds/(\d+)\.xml$")


# --- the feed server ----------------------------------------------------------------------------


class FeedServer:
    """RSS feeds ``/feeds/<n>.xml`` whose n-th request may bring one new item (fixed seed)."""

    def __init__(self, change_rate: float, seed: int = SEED) -> None:
        self.change_rate = change_rate
        self.seed = seed
        self.requests: dict[int, int] = {}
        self.versions: dict[int, int] = {}
        self.status_counts: dict[int, int] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                match = _FEED_PATH.match(self.path)
                if match is None:
                    self._answer(404, b"", None)
                    return
                etag, body = server.feed(int(match.group(1)))
                if self.headers.get("If-None-Match") == etag:
                    self._answer(304, b"", etag)
                else:
                    self._answer(200, body, etag)

            def _answer(self, status: int, body: bytes, etag: str | None) -> None:
                with server._lock:
                    server.status_counts[status] = server.status_counts.get(status, 0) + 1
                self.send_response(status)
                if etag:
                    self.send_header("ETag", etag)
                if status == 200:
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def feed(self, number: int) -> tuple[str, bytes]:
        """This request's ETag and body; the feed changes on a request with ``change_rate``."""
        with self._lock:
            nth = self.requests.get(number, 0)
            self.requests[number] = nth + 1
            version = self.versions.get(number, 0)
            if nth > 0 and random.Random(f"{self.seed}:{number}:{nth}").random() < self.change_rate:
                version += 1
                self.versions[number] = version
        return f'"f{number}-v{version}"', rss(number, version)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(number: int, version: int) -> bytes:
    """Feed ``number`` at ``version``: its newest 20 items (one more per version)."""
    items = []
    for k in range(version + ITEMS_PER_FEED - 1, version - 1, -1):
        day = 1 + k % 28
        items.append(
            f"<item><title>Meldung {number}-{k}: Außenminister beraten über die Lage</title>"
            f"<link>https://news{number % 50}.example.org/politik/{number}/{k}.html</link>"
            f"<guid isPermaLink='false'>feed{number}-item{k}</guid>"
            f"<pubDate>Mon, {day:02d} Sep 2025 08:{k % 60:02d}:00 +0000</pubDate>"
            f"<description>Die Außenminister von Frankreich und Deutschland trafen sich am Montag "
            f"in Berlin zu Gesprächen über die Ukraine. Meldung {k} von Quelle {number}.</description>"
            "</item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Quelle {number}</title><link>https://news{number % 50}.example.org/</link>"
        f"<description>Nachrichten</description>{''.join(items)}</channel></rss>"
    ).encode()


def feeds_yaml(count: int, port: int) -> str:
    lines = ["feeds:"]
    for number in range(count):
        lines += [
            f"  - id: feed-{number:04d}",
            f"    url: http://127.0.0.1:{port}/feeds/{number}.xml",
            f"    language: {'de' if number % 2 else 'en'}",
            "    interval: 10m",
        ]
    return "\n".join(lines) + "\n"


def _env(state_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIPWATCH_")}
    env.update(
        {
            "DIPWATCH_FETCH_ALLOW": "127.0.0.1",
            "DIPWATCH_FETCH_PER_HOST_CONCURRENCY": "32",
            "DIPWATCH_DATA_DIR": str(state_dir),
            "DIPWATCH_LOG_LEVEL": "WARNING",
        }
    )
    return env


# --- the measured process ---------------------------------------------------------------------------


class NullSink:
    """Counts the published items and drops them."""

    def __init__(self) -> None:
        self.items = 0

    async def publish(self, items: Sequence[Any]) -> None:
        self.items += len(items)


async def _steady(feeds_file: Path, cycles: int, store_kind: str, state_dir: Path) -> list[dict[str, Any]]:
    from dipwatch.adapters.feedconfig import load_feeds
    from dipwatch.adapters.http import SafeFetcher
    from dipwatch.adapters.watcher import FeedWatcher, JsonFileStateStore, MemoryStateStore
    from dipwatch.settings import Settings

    settings = Settings()
    feeds = load_feeds(feeds_file)
    store = (
        JsonFileStateStore(state_dir / "watcher-state.json") if store_kind == "file" else MemoryStateStore()
    )
    sink = NullSink()
    rows = []
    async with SafeFetcher(settings) as fetcher:
        watcher = FeedWatcher(feeds, fetcher, sink, store)
        for cycle in range(cycles):
            before_items, cpu, wall = sink.items, time.process_time(), time.perf_counter()
            outcomes = await watcher.run_once()
            rows.append(
                {
                    "cycle": cycle + 1,
                    "cpu_s": round(time.process_time() - cpu, 3),
                    "wall_s": round(time.perf_counter() - wall, 3),
                    "new_items": sink.items - before_items,
                    "not_modified": sum(1 for o in outcomes if o.not_modified),
                    "errors": sum(1 for o in outcomes if not o.ok),
                }
            )
    return rows


def child_main(feeds_file: Path, cycles: int, store_kind: str, state_dir: Path) -> None:
    rows = asyncio.run(_steady(feeds_file, cycles, store_kind, state_dir))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"cycles": rows, "peak_rss_mb": round(peak_kb / 1024, 1)}))


# --- the driver --------------------------------------------------------------------------------------


def _run_measured(cmd: list[str], env: dict[str, str]) -> tuple[str, float, float, float]:
    """Run ``cmd``; its stdout, wall seconds, CPU seconds (user+sys) and peak RSS in MB (``wait4``)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.PIPE)
        deadline = started + TIMEOUT
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.returncode != 0 and proc.returncode != 1:
            raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {err[-2000:]}")
        out.seek(0)
        text = out.read().decode(errors="replace")
    return text, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run(feeds: int = 1000, cycles: int = 5, change_rate: float = 0.05) -> dict[str, Any]:
    result: dict[str, Any] = {"feeds": feeds, "cycles": cycles, "change_rate": change_rate, "seed": SEED}
    dipwatch = Path(sys.executable).with_name("dipwatch")
    for store_kind in ("file", "memory"):
        with FeedServer(change_rate) as server, tempfile.TemporaryDirectory() as tmp:
            feeds_file = Path(tmp) / "feeds.yaml"
            feeds_file.write_text(feeds_yaml(feeds, server.port), encoding="utf-8")
            cmd = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                str(feeds_file),
                "--cycles",
                str(cycles),
                "--store",
                store_kind,
            ]
            text, wall, cpu, peak = _run_measured(cmd, _env(Path(tmp)))
            figures = json.loads(text.strip().splitlines()[-1])
            later = figures["cycles"][1:] or figures["cycles"]
            result[f"steady_{store_kind}"] = {
                **figures,
                "first_cycle_cpu_s": figures["cycles"][0]["cpu_s"],
                "later_cycle_cpu_s": round(sum(r["cpu_s"] for r in later) / len(later), 3),
                "later_cycle_wall_s": round(sum(r["wall_s"] for r in later) / len(later), 3),
                "process_cpu_s": round(cpu, 2),
                "process_wall_s": round(wall, 2),
            }
    with FeedServer(change_rate) as server, tempfile.TemporaryDirectory() as tmp:
        feeds_file = Path(tmp) / "feeds.yaml"
        feeds_file.write_text(feeds_yaml(feeds, server.port), encoding="utf-8")
        runs = []
        for label in ("first", "second"):
            text, wall, cpu, peak = _run_measured(
                [str(dipwatch), "watch", "--feeds", str(feeds_file), "--once"], _env(Path(tmp))
            )
            runs.append(
                {
                    "poll": label,
                    "wall_s": round(wall, 2),
                    "cpu_s": round(cpu, 2),
                    "peak_rss_mb": round(peak, 1),
                    "items_out": len(text.splitlines()),
                }
            )
        result["cli_once"] = runs
        result["server_statuses"] = {str(k): v for k, v in sorted(server.status_counts.items())}
    steady = result["steady_file"]
    result["watcher_cycle_cpu_s"] = steady["later_cycle_cpu_s"]
    result["watcher_peak_mb"] = steady["peak_rss_mb"]
    return result


def render(result: dict[str, Any]) -> str:
    lines = [
        f"{result['feeds']} feeds, {result['cycles']} cycles, {result['change_rate']:.0%} change per poll",
        f"{'run':<16} {'cycle':>5} {'cpu s':>8} {'wall s':>8} {'new':>6} {'304':>6} {'errors':>6}",
    ]
    for kind in ("file", "memory"):
        steady = result[f"steady_{kind}"]
        for row in steady["cycles"]:
            lines.append(
                f"{'steady/' + kind:<16} {row['cycle']:>5} {row['cpu_s']:>8} {row['wall_s']:>8} "
                f"{row['new_items']:>6} {row['not_modified']:>6} {row['errors']:>6}"
            )
        lines.append(f"{'steady/' + kind:<16} peak RSS {steady['peak_rss_mb']} MB")
    for run_ in result["cli_once"]:
        lines.append(
            f"{'cli --once':<16} {run_['poll']:>5} {run_['cpu_s']:>8} {run_['wall_s']:>8} "
            f"{run_['items_out']:>6}  peak RSS {run_['peak_rss_mb']} MB"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--change-rate", type=float, default=0.05)
    parser.add_argument("--quick", action="store_true", help="3 cycles")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--store", choices=("file", "memory"), default="file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child_main(args.child, args.cycles, args.store, Path(os.environ["DIPWATCH_DATA_DIR"]))
        return
    result = run(args.feeds, 3 if args.quick else args.cycles, args.change_rate)
    print(render(result))
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
