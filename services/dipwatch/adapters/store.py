"""The embedded mode's state and search: one SQLite file (WAL) instead of Kafka and Elasticsearch.

Every write is an upsert keyed by the deterministic ids (item id, event id, alert id), so a
restart that replays work neither loses nor repeats anything. Full-text search runs on FTS5
tables over article title/text/lemmas and event sentence/lemmas/title.

Tables: ``seen_items`` (per feed), ``feed_state`` (ETag, Last-Modified, health JSON),
``articles``, ``events`` (the model as JSON plus columns to filter on), ``alerts``,
``silences``; FTS5: ``articles_fts``, ``events_fts`` (rowids shared with their tables).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dipwatch.core.lemmas import query_forms
from dipwatch_schemas.models import Alert, Article, EventRecord

STORE_FILENAME = "dipwatch.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen_items (
    feed_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, item_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_state (
    feed_id TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    health TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    item_id TEXT NOT NULL UNIQUE,
    feed_id TEXT,
    url TEXT,
    title TEXT,
    language TEXT NOT NULL,
    is_diplomatic INTEGER NOT NULL,
    published_at TEXT,
    processed_at TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    source_country TEXT,
    target_country TEXT,
    event_date TEXT,
    published_at TEXT,
    happened_at TEXT NOT NULL,
    goldstein REAL NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS events_happened ON events (happened_at);
CREATE TABLE IF NOT EXISTS alerts (
    alert_id TEXT PRIMARY KEY,
    rule_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    fired_at TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_fired ON alerts (fired_at);
CREATE TABLE IF NOT EXISTS silences (rule_id TEXT PRIMARY KEY, silenced_until TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, lemmas, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(
    sentence, lemmas, title, tokenize = 'unicode61 remove_diacritics 2'
);
"""
SCHEMA_VERSION = "1"

_TOKEN = re.compile(r"\w+", re.UNICODE)


class SearchHit(BaseModel):
    """One search result; the Elasticsearch search can return the same shape."""

    event: EventRecord
    score: float = 0.0


_ARTICLE_COLUMNS = (
    "item_id",
    "feed_id",
    "url",
    "title",
    "language",
    "is_diplomatic",
    "published_at",
    "processed_at",
    "doc",
)
_EVENT_COLUMNS = (
    "event_id",
    "article_id",
    "event_type",
    "source_country",
    "target_country",
    "event_date",
    "published_at",
    "happened_at",
    "goldstein",
    "doc",
)


def _upsert_sql(table: str, columns: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT (first column) DO UPDATE every other column (keeps the rowid)."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}"
    )


def _rowid(db: sqlite3.Connection, table: str, key: str, value: str) -> int:
    return int(db.execute(f"SELECT rowid FROM {table} WHERE {key} = ?", (value,)).fetchone()[0])


def default_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILENAME


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat() if moment is not None else None


def _since_iso(since: dt.datetime | dt.date) -> str:
    if isinstance(since, dt.datetime):
        moment = since if since.tzinfo else since.replace(tzinfo=dt.UTC)
    else:
        moment = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query: every word must occur (quoted, so no syntax can break it).

    A trailing ``*`` on a word keeps prefix search (``sanktion*``). None when there are no words.
    """
    parts: list[str] = []
    for raw in text.split():
        prefix = raw.endswith("*")
        tokens = _TOKEN.findall(raw)
        for index, token in enumerate(tokens):
            if prefix and index == len(tokens) - 1:
                parts.append(f'"{token}"*')
            else:
                # the word or one of its lemmas, which the lemma columns hold ("Treffen" finds "trafen")
                forms = [f'"{form}"' for form in query_forms(token)]
                parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return " AND ".join(parts) or None


class Store:
    """A SQLite file holding the embedded mode's state; safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._db.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # --- seen items and feed state -------------------------------------------------------------

    def mark_seen(self, feed_id: str, item_ids: Iterable[str], now: dt.datetime) -> list[str]:
        """Record items as seen; returns those not seen before (in the given order)."""
        new: list[str] = []
        with self._tx() as db:
            for item in item_ids:
                cur = db.execute(
                    "INSERT OR IGNORE INTO seen_items (feed_id, item_id, seen_at) VALUES (?, ?, ?)",
                    (feed_id, item, _iso(now)),
                )
                if cur.rowcount:
                    new.append(item)
        return new

    def is_seen(self, feed_id: str, item_id: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM seen_items WHERE feed_id = ? AND item_id = ?", (feed_id, item_id)
            ).fetchone()
        return row is not None

    def seen_count(self, feed_id: str | None = None) -> int:
        with self._lock:
            if feed_id is None:
                row = self._db.execute("SELECT count(*) FROM seen_items").fetchone()
            else:
                sql = "SELECT count(*) FROM seen_items WHERE feed_id = ?"
                row = self._db.execute(sql, (feed_id,)).fetchone()
        return int(row[0])

    def save_feed_state(
        self,
        feed_id: str,
        *,
        etag: str | None,
        last_modified: str | None,
        health: dict[str, Any],
        now: dt.datetime,
    ) -> None:
        with self._tx() as db:
            db.execute(
                _upsert_sql("feed_state", ("feed_id", "etag", "last_modified", "health", "updated_at")),
                (feed_id, etag, last_modified, json.dumps(health, default=str), _iso(now)),
            )

    def feed_state(self, feed_id: str) -> dict[str, Any] | None:
        """``{"etag", "last_modified", "health", "updated_at"}`` or None for a feed never polled."""
        with self._lock:
            row = self._db.execute("SELECT * FROM feed_state WHERE feed_id = ?", (feed_id,)).fetchone()
        if row is None:
            return None
        return {
            "etag": row["etag"],
            "last_modified": row["last_modified"],
            "health": json.loads(row["health"]),
            "updated_at": dt.datetime.fromisoformat(row["updated_at"]),
        }

    # --- articles and events -------------------------------------------------------------------

    def upsert_article(self, article: Article) -> None:
        with self._tx() as db:
            db.execute(
                _upsert_sql("articles", _ARTICLE_COLUMNS),
                (
                    article.item_id,
                    article.feed_id,
                    article.url,
                    article.title,
                    article.language,
                    int(article.is_diplomatic),
                    _iso(article.published_at),
                    _iso(article.processed_at),
                    article.model_dump_json(),
                ),
            )
            rowid = _rowid(db, "articles", "item_id", article.item_id)
            db.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
            db.execute(
                "INSERT INTO articles_fts (rowid, title, text, lemmas) VALUES (?, ?, ?, ?)",
                (rowid, article.title or "", article.text, article.lemmas or ""),
            )

    def upsert_events(self, events: Iterable[EventRecord]) -> int:
        """Insert or overwrite events by event id; returns how many were written."""
        count = 0
        with self._tx() as db:
            for event in events:
                happened = event.published_at
                if event.date is not None:
                    happened = dt.datetime.combine(event.date, dt.time(), tzinfo=dt.UTC)
                db.execute(
                    _upsert_sql("events", _EVENT_COLUMNS),
                    (
                        event.event_id,
                        event.article_id,
                        event.event_type,
                        event.source.country,
                        event.target.country if event.target else None,
                        event.date.isoformat() if event.date else None,
                        _iso(event.published_at),
                        _iso(happened) or "",
                        event.goldstein,
                        event.model_dump_json(),
                    ),
                )
                rowid = _rowid(db, "events", "event_id", event.event_id)
                db.execute("DELETE FROM events_fts WHERE rowid = ?", (rowid,))
                db.execute(
                    "INSERT INTO events_fts (rowid, sentence, lemmas, title) VALUES (?, ?, ?, ?)",
                    (rowid, event.sentence, event.sentence_lemmas or "", event.title or ""),
                )
                count += 1
        return count

    def get_article(self, item_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute("SELECT doc FROM articles WHERE item_id = ?", (item_id,)).fetchone()
        return Article.model_validate_json(row[0]) if row else None

    def get_event(self, event_id: str) -> EventRecord | None:
        with self._lock:
            row = self._db.execute("SELECT doc FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return EventRecord.model_validate_json(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        """Rows per table, for ``/health`` and tests."""
        out: dict[str, int] = {}
        with self._lock:
            for table in ("seen_items", "feed_state", "articles", "events", "alerts", "silences"):
                out[table] = int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        return out

    def search(
        self,
        query: str = "",
        *,
        event_type: str | None = None,
        country: str | None = None,
        since: dt.datetime | dt.date | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Events whose sentence (or whose article's title/text) contains every word of ``query``.

        Filters: ``event_type`` (PLOVER), ``country`` (alpha-3, source or target), ``since`` (event
        date, else publication time). Ranked by BM25 with sentence hits weighted double; with an
        empty query, newest first.
        """
        where: list[str] = []
        params: list[Any] = []
        if event_type:
            where.append("e.event_type = ?")
            params.append(event_type)
        if country:
            where.append("(e.source_country = ? OR e.target_country = ?)")
            params += [country, country]
        if since is not None:
            where.append("e.happened_at >= ?")
            params.append(_since_iso(since))
        match = fts_query(query)
        if match is None:
            sql = "SELECT e.doc, 0.0 AS score FROM events e"
            if where:
                sql += " WHERE " + " AND ".join(where)
            sql += " ORDER BY e.happened_at DESC, e.event_id LIMIT ?"
            args: list[Any] = [*params, limit]
        else:
            # bm25() is lower-is-better (negative); the score returned is its negation.
            sql = (
                "WITH ev AS (SELECT rowid AS rid, bm25(events_fts) AS r FROM events_fts"
                " WHERE events_fts MATCH ?),"
                " ar AS (SELECT a.item_id, bm25(articles_fts) AS r FROM articles_fts"
                " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?)"
                " SELECT e.doc, -(2.0 * COALESCE(ev.r, 0.0) + COALESCE(ar.r, 0.0)) AS score"
                " FROM events e LEFT JOIN ev ON ev.rid = e.rowid LEFT JOIN ar ON ar.item_id = e.article_id"
                " WHERE (ev.rid IS NOT NULL OR ar.item_id IS NOT NULL)"
            )
            if where:
                sql += " AND " + " AND ".join(where)
            sql += " ORDER BY score DESC, e.happened_at DESC LIMIT ?"
            args = [match, match, *params, limit]
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [SearchHit(event=EventRecord.model_validate_json(r[0]), score=float(r[1])) for r in rows]

    # --- alerts and silences -------------------------------------------------------------------

    def add_alert(self, alert: Alert) -> bool:
        """Store an alert; False when its id is already there (a replay: do not notify again)."""
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO alerts (alert_id, rule_id, kind, fired_at, doc)"
                " VALUES (?, ?, ?, ?, ?)",
                (alert.alert_id, alert.rule_id, alert.kind, _iso(alert.fired_at), alert.model_dump_json()),
            )
            return bool(cur.rowcount)

    def alerts(
        self, *, rule_id: str | None = None, after: dt.datetime | None = None, limit: int = 100
    ) -> list[Alert]:
        """Alerts in firing order, optionally of one rule and fired after a time."""
        sql = "SELECT doc FROM alerts WHERE 1 = 1"
        params: list[Any] = []
        if rule_id:
            sql += " AND rule_id = ?"
            params.append(rule_id)
        if after is not None:
            sql += " AND fired_at > ?"
            params.append(_iso(after))
        sql += " ORDER BY fired_at, alert_id LIMIT ?"
        params.append(limit)
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [Alert.model_validate_json(r[0]) for r in rows]

    def set_silence(self, rule_id: str, until: dt.datetime | None) -> None:
        """Silence a rule until a time; None lifts the silence."""
        with self._tx() as db:
            if until is None:
                db.execute("DELETE FROM silences WHERE rule_id = ?", (rule_id,))
            else:
                db.execute(
                    "INSERT INTO silences (rule_id, silenced_until) VALUES (?, ?)"
                    " ON CONFLICT (rule_id) DO UPDATE SET silenced_until = excluded.silenced_until",
                    (rule_id, _iso(until)),
                )

    def silences(self) -> dict[str, dt.datetime]:
        with self._lock:
            rows = self._db.execute("SELECT rule_id, silenced_until FROM silences").fetchall()
        return {r[0]: dt.datetime.fromisoformat(r[1]) for r in rows}
