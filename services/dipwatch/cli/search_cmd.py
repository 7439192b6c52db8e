"""``dipwatch search``: events by words and filters, from Elasticsearch or the local SQLite store.

With ``DIPWATCH_ELASTICSEARCH_URL`` set the query goes to the events alias; otherwise to the
embedded store's FTS5 tables. Both give the same result: a list of :class:`EventRecord`
(table on a terminal, one JSON record per line with ``--json``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, get_args

import typer

from dipwatch.settings import Settings
from dipwatch_schemas import EventRecord
from dipwatch_schemas.models import EventType

EVENT_TYPES = get_args(EventType)
TEXT_FIELDS = (
    "sentence^2",
    "sentence.de^2",
    "sentence.en^2",
    "sentence_lemmas",
    "title",
    "title.de",
    "title.en",
)
"""Analysed fields of the events template; actor names are keywords and are matched separately."""
ACTOR_FIELDS = (
    "source.name",
    "target.name",
    "source.actor_id",
    "target.actor_id",
    "source.code",
    "target.code",
)


def register(app: typer.Typer) -> None:
    app.command("search")(search)


def _since(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date or time: {value!r}", param_hint="--since") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def elastic_query(
    words: str, *, event_type: str | None, country: str | None, since: dt.datetime | None
) -> dict[str, Any]:
    """The bool query: every word in the text fields (or a whole actor name), filters as filters."""
    must: list[dict[str, Any]] = []
    if words.strip():
        must.append(
            {
                "bool": {
                    "should": [
                        {
                            "multi_match": {
                                "query": words,
                                "fields": list(TEXT_FIELDS),
                                "type": "cross_fields",
                                "operator": "and",
                            }
                        },
                        {"multi_match": {"query": words, "fields": list(ACTOR_FIELDS), "boost": 3}},
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    filters: list[dict[str, Any]] = []
    if event_type:
        filters.append({"term": {"event_type": event_type}})
    if country:
        filters.append(
            {
                "bool": {
                    "should": [{"term": {"source.country": country}}, {"term": {"target.country": country}}],
                    "minimum_should_match": 1,
                }
            }
        )
    if since is not None:
        iso = since.astimezone(dt.UTC).isoformat()
        filters.append(
            {
                "bool": {
                    "should": [
                        {"range": {"date": {"gte": iso[:10]}}},
                        {
                            "bool": {
                                "must_not": {"exists": {"field": "date"}},
                                "filter": {"range": {"published_at": {"gte": iso}}},
                            }
                        },
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    return {"bool": {"must": must or [{"match_all": {}}], "filter": filters}}


async def search_elastic(
    settings: Settings,
    words: str,
    *,
    event_type: str | None,
    country: str | None,
    since: dt.datetime | None,
    limit: int,
) -> list[tuple[EventRecord, float]]:
    from dipwatch.adapters.elastic.client import make_client

    client = make_client(settings)
    try:
        query = elastic_query(words, event_type=event_type, country=country, since=since)
        sort: list[Any] = ["_score", {"published_at": {"order": "desc", "missing": "_last"}}]
        if not words.strip():
            sort = [{"date": {"order": "desc", "missing": "_last"}}, {"published_at": {"order": "desc"}}]
        response = await client.search(
            index=settings.index_alias("events"), query=query, size=limit, sort=sort, track_total_hits=False
        )
    finally:
        await client.close()
    hits = []
    for hit in response["hits"]["hits"]:
        source = dict(hit["_source"])
        if isinstance(source.get("place"), dict):
            source["place"] = {k: v for k, v in source["place"].items() if k != "location"}
        hits.append((EventRecord.model_validate(source), float(hit.get("_score") or 0.0)))
    return hits


def search(
    words: str = typer.Argument(
        "", help="words that must all occur (sentence, title, lemmas) or an actor name"
    ),
    event_type: str | None = typer.Option(None, "--type", "-t", help=f"PLOVER type: {' '.join(EVENT_TYPES)}"),
    country: str | None = typer.Option(None, "--country", "-c", help="ISO alpha-3 of source or target"),
    since: str | None = typer.Option(None, "--since", help="event date (else publication) on or after"),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=10_000),
    as_json: bool = typer.Option(False, "--json", help="one EventRecord JSON per line"),
) -> None:
    """Search events (Elasticsearch when configured, else the embedded SQLite store)."""
    from dipwatch.adapters.output import print_hits
    from dipwatch.adapters.store import SearchHit

    settings = Settings()
    kind = event_type.upper() if event_type else None
    if kind is not None and kind not in EVENT_TYPES:
        raise typer.BadParameter(f"unknown event type {event_type!r}", param_hint="--type")
    code = country.upper() if country else None
    moment = _since(since)
    if settings.elasticsearch_url:
        found = asyncio.run(
            search_elastic(settings, words, event_type=kind, country=code, since=moment, limit=limit)
        )
        hits = [SearchHit(event=event, score=score) for event, score in found]
    else:
        from dipwatch.adapters.store import Store, default_path

        path = default_path(settings.data_dir)
        if not path.exists():
            typer.echo(f"no local store at {path} (run `dipwatch run` first)", err=True)
            raise typer.Exit(1)
        with Store(path) as store:
            hits = store.search(words, event_type=kind, country=code, since=moment, limit=limit)
    print_hits(hits, as_json=as_json)
