"""End-to-end benchmark on the real local stack: items topic → `dipwatch process` → `dipwatch index` → ES.

A local HTTP server on 127.0.0.1 serves 100–300 KB article pages (navigation, consent box, related
lists around a corpus article). News items linking to them are produced straight onto the items
topic — the feed watcher's poll interval (minutes) would otherwise set the pace — first as a burst
(sustained throughput: items / time until the last one is searchable), then paced at half the
measured rate (latency: item acked on the items topic → its first event searchable in ES).
Each run uses its own topic prefix, index prefix and consumer group, so runs do not interfere, and
deletes its topics, indices and index templates at the end (``--keep`` leaves them for inspection):
a long-used stack would otherwise carry thousands of partitions and start slowly.
``--sweep`` repeats the run with 1, 2 and 4 partitions (and as many extraction processes).

All pages come from one host, 127.0.0.1; real items come from many sites, so the run raises the
per-host fetch limit (``DIPWATCH_FETCH_PER_HOST_CONCURRENCY``) to the global one instead of
measuring the politeness limit of a single site.

Usage::

    python benchmarks/e2e.py [--quick] [--partitions N] [--workers N] [--sweep] [--keep] [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.server
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus

REPO = Path(__file__).resolve().parents[1]
STACK = REPO / "deploy" / "local" / "stack.sh"


# --- pages -----------------------------------------------------------------------------------------


def page_html(record: dict[str, Any], rng: random.Random, target_kb: int) -> str:
    """A news page of about ``target_kb`` KB: the article amid navigation, consent box, related lists."""
    nav = "".join(f'<li><a href="/section/{i}">Rubrik {i}</a></li>' for i in range(60))
    consent = (
        '<div id="consent" class="cmp-banner"><p>We use cookies and similar technologies to '
        "improve your experience. By clicking “Accept” you agree.</p><button>Accept</button>"
        "<button>Settings</button></div>"
    )
    body = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n") if p.strip())
    head = (
        f'<!doctype html><html lang="{record["language"]}"><head><meta charset="utf-8">'
        f'<title>{record["title"]}</title><meta property="article:published_time" '
        f'content="{record["published_at"]}"><script>var tracking = {{}};</script></head><body>'
    )
    article = (
        f"<header><nav><ul>{nav}</ul></nav></header>{consent}<main><article><h1>{record['title']}</h1>{body}"
    )
    article += "</article></main>"
    related: list[str] = []
    size = len(head) + len(article)
    while size < target_kb * 1024:
        item = (
            f'<li class="teaser"><a href="/related/{rng.randrange(10**6)}">'
            f'<img src="/img/{rng.randrange(999)}.jpg" alt="">'
            f"<span>Weitere Meldung {rng.randrange(10**4)}: Lesen Sie auch die Analyse</span></a></li>"
        )
        related.append(item)
        size += len(item)
    footer = "<footer><p>© Benchmark Zeitung</p></footer></body></html>"
    return f"{head}{article}<aside><ul>{''.join(related)}</ul></aside>{footer}"


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


# --- stack and services ----------------------------------------------------------------------------


def stack_env() -> dict[str, str]:
    """``stack.sh up`` (idempotent; shared with the tests) and its NAME=value lines."""
    done = subprocess.run(
        ["bash", str(STACK), "up"], capture_output=True, text=True, check=False, timeout=400
    )
    if done.returncode != 0:  # a stack that is up still answers `env`
        up_error = done.stderr[-1500:]
        done = subprocess.run(
            ["bash", str(STACK), "env"], capture_output=True, text=True, check=False, timeout=60
        )
        if done.returncode != 0:
            raise RuntimeError(f"stack.sh up failed: {up_error}")
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def _dipwatch() -> str:
    candidate = Path(sys.executable).parent / "dipwatch"
    return str(candidate) if candidate.exists() else "dipwatch"


async def _produce(
    env: dict[str, str],
    items: list[tuple[str, str, dict[str, Any]]],
    rate: float | None,
    sent: dict[str, float],
) -> None:
    """Send the items (``rate`` per second, or all at once) and note each one's acked time."""
    from aiokafka import AIOKafkaProducer

    from dipwatch.adapters.kafka import serde
    from dipwatch.adapters.kafka.admin import ensure_topics, kafka_client_kwargs
    from dipwatch.settings import Settings
    from dipwatch_schemas import NewsItem

    fields: dict[str, Any] = {
        k.removeprefix("DIPWATCH_").lower(): v for k, v in env.items() if k.startswith("DIPWATCH_")
    }
    settings = Settings(**fields)
    await ensure_topics(settings, stages=("items",))
    producer = AIOKafkaProducer(**kafka_client_kwargs(settings), acks="all", linger_ms=5)
    await producer.start()
    headers = serde.headers_for("items")

    def encode(item_id: str, url: str, record: dict[str, Any]) -> bytes:
        item = NewsItem(
            item_id=item_id,
            feed_id="bench",
            url=url,
            title=record["title"],
            summary=record["text"][:300],
            published_at=dt.datetime.fromisoformat(record["published_at"]),
            fetched_at=dt.datetime.now(dt.UTC),
            language=record["language"],
        )
        return serde.encode(item)

    async def deliver(item_id: str, value: bytes) -> None:
        delivered = await producer.send(
            settings.topic("items"), key=item_id.encode(), value=value, headers=headers
        )
        await delivered
        sent[item_id] = time.time()

    try:
        if rate is None:
            values = [(item_id, encode(item_id, url, record)) for item_id, url, record in items]
            await asyncio.gather(*(deliver(item_id, value) for item_id, value in values))
            return
        start = time.monotonic()
        pending: list[asyncio.Task[None]] = []
        for number, (item_id, url, record) in enumerate(items):
            await asyncio.sleep(max(0.0, start + number / rate - time.monotonic()))
            pending.append(asyncio.create_task(deliver(item_id, encode(item_id, url, record))))
        await asyncio.gather(*pending)
    finally:
        await producer.stop()


async def _delete_run(env: dict[str, str], run_id: str) -> None:
    """Delete the run's topics (prefix ``run_id.``), its indices and index templates (``run_id-*``)."""
    from aiokafka.admin import AIOKafkaAdminClient
    from elasticsearch import AsyncElasticsearch

    from dipwatch.adapters.kafka.admin import kafka_client_kwargs
    from dipwatch.settings import Settings

    settings = Settings(kafka_bootstrap_servers=env["DIPWATCH_KAFKA_BOOTSTRAP_SERVERS"])
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        topics = [t for t in await admin.list_topics() if t.startswith(f"{run_id}.")]
        if topics:
            await admin.delete_topics(topics)
    finally:
        await admin.close()
    client = AsyncElasticsearch(env["DIPWATCH_ELASTICSEARCH_URL"])
    try:
        # by name: wildcard deletes are refused (action.destructive_requires_name)
        indices = await client.indices.get(index=f"{run_id}-*", expand_wildcards="all")
        if indices:
            await client.indices.delete(index=",".join(indices))
        templates = await client.options(ignore_status=404).indices.get_index_template(name=f"{run_id}-*")
        for template in templates.get("index_templates", []):
            await client.indices.delete_index_template(name=template["name"])
    finally:
        await client.close()


def _count_until(es_url: str, index_prefix: str, total: int, timeout: float) -> list[tuple[float, int]]:
    """Poll the article count until ``total`` documents are searchable: [(time, count), …]."""
    from elasticsearch import Elasticsearch

    client = Elasticsearch(es_url)
    trace: list[tuple[float, int]] = []
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            try:
                count = int(client.count(index=f"{index_prefix}-articles")["count"])
            except Exception:  # the alias does not exist before the first bulk request
                count = 0
            trace.append((time.time(), count))
            if count >= total:
                break
            time.sleep(0.25)
    finally:
        client.close()
    return trace


def _wait_searchable(
    es_url: str, index_prefix: str, ids: list[str], sent: dict[str, float], timeout: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Poll ES until each article is searchable; events time = first event of that article visible."""
    from elasticsearch import Elasticsearch

    client = Elasticsearch(es_url)
    article_seen: dict[str, float] = {}
    event_seen: dict[str, float] = {}
    deadline = time.time() + timeout
    try:
        while time.time() < deadline and (len(article_seen) < len(ids) or len(event_seen) < len(ids)):
            pending = [i for i in ids if i in sent and i not in article_seen]
            waiting = [i for i in ids if i in sent and i not in event_seen]
            now = time.time()
            try:
                if pending:
                    found = client.search(
                        index=f"{index_prefix}-articles",
                        query={"ids": {"values": pending}},
                        size=len(pending),
                        source=False,
                    )
                    for hit in found["hits"]["hits"]:
                        article_seen.setdefault(hit["_id"], now)
                if waiting:
                    events = client.search(
                        index=f"{index_prefix}-events",
                        query={"terms": {"article_id": waiting}},
                        size=10000,
                        source_includes=["article_id"],
                    )
                    for hit in events["hits"]["hits"]:
                        event_seen.setdefault(hit["_source"]["article_id"], now)
            except Exception:  # the alias does not exist before the first bulk request
                pass
            if len(article_seen) == len(ids) and not pending and not waiting and len(sent) == len(ids):
                break  # every article in; those still without events have none
            time.sleep(0.1)
    finally:
        client.close()
    return article_seen, event_seen


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def _steady_rate(trace: list[tuple[float, int]], base: int, total: int) -> float | None:
    """Articles/s between 10 % and 90 % of the burst being searchable (no start-up, no tail)."""
    low, high = base + 0.1 * total, base + 0.9 * total
    t_low = next((t for t, c in trace if c >= low), None)
    hit = next(((t, c) for t, c in trace if c >= high), None)
    if t_low is None or hit is None or hit[0] <= t_low:
        return None
    c_low = next(c for t, c in trace if t == t_low)
    return round((hit[1] - c_low) / (hit[0] - t_low), 1)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children that have been waited for."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / ticks


def _tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its live descendants (the extraction pool)."""
    total = _cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += _tree_cpu(int(stat.parent.name))
    return total


def _items(
    records: list[dict[str, Any]], first: int, run_id: str, port: int, rng: random.Random
) -> list[tuple[str, str, dict[str, Any]]]:
    """News items for ``records`` (numbered from ``first``), their pages put on the server."""
    items = []
    for number, record in enumerate(records, start=first):
        path = f"/{run_id}/article-{number}.html"
        _Pages.pages[path] = page_html(record, rng, rng.randint(100, 300)).encode("utf-8")
        items.append((f"{run_id}-{number:05d}", f"http://127.0.0.1:{port}{path}", record))
    return items


def run(
    quick: bool = False,
    burst: int | None = None,
    rate: float | None = None,
    paced_seconds: float | None = None,
    partitions: int = 4,
    workers: int | None = None,
    keep: bool = False,
) -> dict[str, Any]:
    """Throughput (burst) and latency (paced at ``rate``, default half the burst rate) figures.

    ``note`` says why a figure is missing.
    """
    burst = burst or (600 if quick else 2000)
    paced_seconds = paced_seconds or (20.0 if quick else 40.0)
    workers = workers or max(1, os.cpu_count() or 1)
    try:
        env = stack_env()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        return {"note": f"local stack not available: {exc}"}
    if "DIPWATCH_ELASTICSEARCH_URL" not in env:
        return {"note": "stack.sh printed no DIPWATCH_ELASTICSEARCH_URL"}
    rng = random.Random(7)
    wanted = burst + 5 + int(paced_seconds * 400)  # enough for a paced rate up to 400/s
    corpus = make_corpus(3 * wanted, seed=4242)
    records = [r for r in corpus if "–" in r["text"][:40]][:wanted]  # datelined: diplomatic
    _Pages.pages.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    port = server.server_address[1]
    run_id = f"bench{int(time.time())}p{partitions}w{workers}"
    items = _items(records[: burst + 5], 0, run_id, port, rng)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    child_env = {
        **os.environ,
        **env,
        "DIPWATCH_TOPIC_PREFIX": run_id,
        "DIPWATCH_INDEX_PREFIX": run_id,
        "DIPWATCH_CONSUMER_GROUP": run_id,
        "DIPWATCH_TOPIC_PARTITIONS": str(partitions),
        "DIPWATCH_FETCH_ALLOW": "127.0.0.1",
        "DIPWATCH_FETCH_PER_HOST_CONCURRENCY": "32",
        "DIPWATCH_DATA_DIR": tempfile.mkdtemp(prefix="dipwatch-e2e-"),
        "DIPWATCH_LOG_LEVEL": "WARNING",
    }
    logs = Path(child_env["DIPWATCH_DATA_DIR"])
    procs: list[subprocess.Popen[bytes]] = []
    result: dict[str, Any] = {
        "run_id": run_id,
        "logs": str(logs),
        "partitions": partitions,
        "processor_workers": workers,
        "mean_page_kb": round(statistics.mean(len(b) for b in _Pages.pages.values()) / 1024, 1),
    }
    try:
        # the pool size is a `dipwatch process` option (there is no setting for it)
        commands = {"process": ["process", "--workers", str(workers)], "index": ["index"]}
        for name, command in commands.items():
            with (logs / f"{name}.log").open("wb") as log:
                procs.append(subprocess.Popen([_dipwatch(), *command], env=child_env, stdout=log, stderr=log))
        es_url = env["DIPWATCH_ELASTICSEARCH_URL"]
        producer_env = {k: v for k, v in child_env.items() if k.startswith("DIPWATCH_")}
        # warm-up: the services join their groups, create the indices, load the data files
        sent: dict[str, float] = {}
        warm = items[:5]
        asyncio.run(_produce(producer_env, warm, None, sent))
        seen, _ = _wait_searchable(es_url, run_id, [i for i, _, _ in warm], sent, 180)
        if len(seen) < len(warm):
            dead = [name for name, p in zip(("process", "index"), procs, strict=True) if p.poll() is not None]
            result["note"] = (
                f"warm-up: {len(seen)}/{len(warm)} articles searchable after 180 s"
                f"{'; exited: ' + ', '.join(dead) if dead else ''} (logs in {logs})"
            )
            return result
        # throughput: a burst, then until the last article is searchable
        batch = items[5:]
        cpu_before = [_tree_cpu(p.pid) for p in procs]
        start = time.time()
        counter: dict[str, list[tuple[float, int]]] = {}
        thread = threading.Thread(
            target=lambda: counter.update(trace=_count_until(es_url, run_id, len(items), 900))
        )
        thread.start()
        sent = {}
        asyncio.run(_produce(producer_env, batch, None, sent))
        produced = time.time() - start
        thread.join()
        trace = counter.get("trace", [])
        done = [(t, c) for t, c in trace if c >= len(items)]
        finished = done[0][0] if done else (trace[-1][0] if trace else start)
        searchable = (trace[-1][1] if trace else 0) - len(warm)
        elapsed = finished - start
        cpu = [round(_tree_cpu(p.pid) - before, 1) for p, before in zip(procs, cpu_before, strict=True)]
        sustained = round(searchable / elapsed, 1) if elapsed > 0 and searchable > 0 else None
        result.update(
            {
                "burst_items": len(batch),
                "burst_searchable": searchable,
                "burst_produce_s": round(produced, 2),
                "burst_s": round(elapsed, 2),
                "e2e_articles_per_s": sustained,
                "steady_articles_per_s": _steady_rate(trace, len(warm), len(batch)),
                "cpu_s_processor": cpu[0],
                "cpu_s_indexer": cpu[1],
                # CPU the two services spent per article, and the rate all cores could carry at that
                # cost were nothing else (Kafka, ES, this script) running: the CPU-bound ceiling.
                "cpu_ms_per_article": round(1000 * sum(cpu) / max(1, searchable), 1),
                "cpu_bound_articles_per_s": round(
                    len(os.sched_getaffinity(0)) * max(1, searchable) / max(0.001, sum(cpu)), 1
                ),
            }
        )
        if not sustained:
            result["note"] = f"burst: nothing searchable after {elapsed:.0f} s (logs in {logs})"
            return result
        # latency: paced at half the sustained rate
        rate = rate or round(sustained / 2, 1)
        count = min(int(rate * paced_seconds), len(records) - burst - 5)
        paced = _items(records[burst + 5 : burst + 5 + count], burst + 5, run_id, port, rng)
        sent = {}
        ids = [i for i, _, _ in paced]
        poller: dict[str, Any] = {}
        thread = threading.Thread(
            target=lambda: poller.update(
                zip(
                    ("articles", "events"),
                    _wait_searchable(es_url, run_id, ids, sent, paced_seconds + 120),
                    strict=True,
                )
            )
        )
        thread.start()
        asyncio.run(_produce(producer_env, paced, rate, sent))
        thread.join()
        events = [poller["events"][i] - sent[i] for i in ids if i in poller.get("events", {})]
        articles = [poller["articles"][i] - sent[i] for i in ids if i in poller.get("articles", {})]
        result.update(
            {
                "paced_items": len(paced),
                "paced_rate_per_s": rate,
                "paced_with_events": len(events),
                "paced_searchable": len(articles),
                "e2e_p50_s": _percentile(events, 0.50),
                "e2e_p95_s": _percentile(events, 0.95),
                "e2e_p99_s": _percentile(events, 0.99),
                "article_p50_s": _percentile(articles, 0.50),
                "article_p95_s": _percentile(articles, 0.95),
            }
        )
        return result
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        server.shutdown()
        server.server_close()
        _Pages.pages.clear()
        if not keep:
            try:
                asyncio.run(_delete_run(env, run_id))
            except Exception as exc:  # the figures stand; say what is left behind
                result["cleanup"] = f"topics/indices of {run_id} not deleted: {exc!r}"


SWEEP = (1, 2, 4)
COLUMNS = (
    "partitions",
    "processor_workers",
    "e2e_articles_per_s",
    "steady_articles_per_s",
    "cpu_s_processor",
    "cpu_s_indexer",
    "cpu_ms_per_article",
    "cpu_bound_articles_per_s",
    "paced_rate_per_s",
    "e2e_p50_s",
    "e2e_p95_s",
    "e2e_p99_s",
)


def render(results: list[dict[str, Any]]) -> str:
    widths = [max(len(c), 8) for c in COLUMNS]
    lines = ["  ".join(f"{c:>{w}}" for c, w in zip(COLUMNS, widths, strict=True))]
    for res in results:
        cells = ["n/a" if res.get(c) is None else str(res[c]) for c in COLUMNS]
        lines.append("  ".join(f"{v:>{w}}" for v, w in zip(cells, widths, strict=True)))
        if res.get("note"):
            lines.append(f"  note: {res['note']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--burst", type=int, default=None, help="items in the throughput phase")
    parser.add_argument(
        "--rate", type=float, default=None, help="items/s when paced (default: half the burst rate)"
    )
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: CPU count)")
    parser.add_argument("--sweep", action="store_true", help="1, 2 and 4 partitions, as many workers")
    parser.add_argument("--keep", action="store_true", help="leave the run's topics and indices in the stack")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.sweep:
        results = [
            run(quick=args.quick, burst=args.burst, rate=args.rate, partitions=n, workers=n, keep=args.keep)
            for n in SWEEP
        ]
    else:
        results = [
            run(
                quick=args.quick,
                burst=args.burst,
                rate=args.rate,
                partitions=args.partitions,
                workers=args.workers,
                keep=args.keep,
            )
        ]
    print(render(results))
    text = json.dumps(results if args.sweep else results[0], indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
