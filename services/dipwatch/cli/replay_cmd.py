"""``dipwatch replay``: re-code stored news with the current extractor.

Embedded mode: the articles the SQLite store processed in ``[--from, --to)`` are extracted
again from their stored clean text; events overwrite by event id, events an article no longer
yields are deleted, the article record is rewritten (new ``extractor_version``).

Kafka mode — the simplest correct approach: re-publish. For each partition of the items topic
the offsets at ``--from`` (and ``--to``) are looked up with ``offsets_for_times``, and the
records in between are produced to the items topic again, unchanged (same key, value, headers).
The running processor handles them like new items; its outputs are keyed by item id and event
id, so Elasticsearch documents are overwritten, not duplicated. Nothing else (no second
processor, no offset reset of a live consumer group) is needed. Events an item no longer
yields are not deleted from Elasticsearch in this mode (the indexer only upserts).
"""

from __future__ import annotations

import asyncio
import datetime as dt

import typer

from dipwatch.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("replay")(replay)


def _moment(value: str | None, name: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}", param_hint=name) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def replay(
    start: str = typer.Option(..., "--from", help="ISO time, e.g. 2026-11-01T00:00Z (UTC without offset)"),
    end: str | None = typer.Option(None, "--to", help="ISO time (exclusive); default: now"),
    workers: int | None = typer.Option(None, "--workers", min=0, help="extraction processes (0: a thread)"),
) -> None:
    """Re-run extraction over stored articles (embedded) or re-publish items from a time (Kafka)."""
    settings = Settings()
    since = _moment(start, "--from")
    until = _moment(end, "--to")
    assert since is not None
    if until is not None and until <= since:
        raise typer.BadParameter("--to must be after --from", param_hint="--to")
    if settings.broker_configured:
        count = asyncio.run(republish_items(settings, since, until))
        typer.echo(f"re-published {count} items to {settings.topic('items')}", err=True)
        return
    _replay_embedded(settings, since, until, workers)


def _replay_embedded(
    settings: Settings, since: dt.datetime, until: dt.datetime | None, workers: int | None
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from dipwatch.adapters.embedded import default_workers, open_store, replay_store
    from dipwatch.adapters.store import default_path

    if not default_path(settings.data_dir).exists():
        typer.echo(f"no local store in {settings.data_dir} (run `dipwatch run` first)", err=True)
        raise typer.Exit(1)
    store = open_store(settings)
    try:
        with Progress(
            TextColumn("re-coding articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=False,
        ) as progress:
            task = progress.add_task("replay", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            stats = asyncio.run(
                replay_store(
                    store,
                    since,
                    until,
                    workers=default_workers() if workers is None else workers,
                    progress=advance,
                )
            )
            progress.update(task, total=stats.articles, completed=stats.articles)
    finally:
        store.close()
    typer.echo(
        f"{stats.articles} articles re-coded: {stats.events_written} events written,"
        f" {stats.events_removed} removed",
        err=True,
    )


async def republish_items(settings: Settings, since: dt.datetime, until: dt.datetime | None) -> int:
    """Produce the items topic's records with timestamps in ``[since, until)`` to it again."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

    from dipwatch.adapters.kafka.admin import kafka_client_kwargs
    from dipwatch.adapters.watcher import topic_partitions

    topic = settings.topic("items")
    kwargs = kafka_client_kwargs(settings)
    tps = [TopicPartition(topic, p) for p in await topic_partitions(settings, topic)]
    if not tps:
        return 0
    consumer = AIOKafkaConsumer(**kwargs, group_id=None, enable_auto_commit=False)
    producer = AIOKafkaProducer(**kwargs, acks="all", enable_idempotence=True)
    await consumer.start()
    await producer.start()
    count = 0
    try:
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)  # the records present now: never our own re-sends
        starts = await consumer.offsets_for_times({tp: int(since.timestamp() * 1000) for tp in tps})
        stops = (
            await consumer.offsets_for_times({tp: int(until.timestamp() * 1000) for tp in tps})
            if until is not None
            else {}
        )
        limit: dict[TopicPartition, int] = {}
        for tp in tps:
            found = starts.get(tp)
            if found is None:  # nothing at or after --from in this partition
                continue
            stop = stops.get(tp)
            limit[tp] = min(ends[tp], stop.offset if stop is not None else ends[tp])
            if found.offset < limit[tp]:
                consumer.seek(tp, found.offset)
            else:
                del limit[tp]
        pending = []
        while limit:
            batches = await consumer.getmany(*limit, timeout_ms=1000)
            for tp, records in batches.items():
                for record in records:
                    if tp not in limit or record.offset >= limit[tp]:
                        continue
                    pending.append(
                        await producer.send(
                            topic, key=record.key, value=record.value, headers=list(record.headers or [])
                        )
                    )
                    count += 1
            for tp in list(limit):
                if await consumer.position(tp) >= limit[tp]:
                    del limit[tp]
        await asyncio.gather(*pending)
    finally:
        await consumer.stop()
        await producer.stop()
    return count
