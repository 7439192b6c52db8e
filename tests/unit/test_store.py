"""The embedded mode's SQLite store: idempotent upserts across restarts, FTS5 search, alerts, silences."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dipwatch.adapters.store import Store, default_path, fts_query
from dipwatch.core.alerts import AlertRule, make_alert
from dipwatch_schemas.models import ActorRef, Article, EventRecord

NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)


def state(code: str, name: str) -> ActorRef:
    return ActorRef(name=name, country=code, kind="state", code=code, actor_id=code)


def make_event(n: int, **overrides: Any) -> EventRecord:
    base: dict[str, Any] = {
        "event_id": f"{n:040x}",
        "article_id": "a1",
        "event_type": "SANCTION",
        "cameo_code": "163",
        "quad_class": 4,
        "goldstein": -8.0,
        "source": state("DEU", "Germany"),
        "target": state("RUS", "Russia"),
        "sentence": "Deutschland verhängt neue Sanktionen gegen Russland.",
        "sentence_lemmas": "Deutschland verhängen neu Sanktion gegen Russland",
        "confidence": 0.9,
        "language": "de",
        "extractor_version": "t",
        "published_at": dt.datetime(2025, 2, 27, 9, 0, tzinfo=dt.UTC),
        "date": dt.date(2025, 2, 27),
        "title": "Neue Sanktionen",
    }
    base.update(overrides)
    return EventRecord(**base)


def make_article(item_id: str, title: str, text: str) -> Article:
    return Article(
        item_id=item_id,
        title=title,
        text=text,
        language="en",
        is_diplomatic=True,
        diplomatic_score=0.9,
        processed_at=NOW,
        extractor_version="t",
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(default_path(tmp_path))


def corpus(store: Store) -> None:
    store.upsert_article(make_article("a1", "Neue Sanktionen", "Berlin beschließt ein Paket."))
    store.upsert_article(
        make_article("a2", "Talks in Geneva", "The ministers discussed a ceasefire in Geneva.")
    )
    store.upsert_events(
        [
            make_event(1),
            make_event(
                2,
                article_id="a2",
                event_type="CONSULT",
                cameo_code="040",
                quad_class=1,
                goldstein=1.0,
                source=state("USA", "United States"),
                target=state("FRA", "France"),
                sentence="The United States and France held talks.",
                sentence_lemmas=None,
                language="en",
                date=dt.date(2025, 3, 1),
                published_at=dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC),
                title="Talks in Geneva",
            ),
            make_event(
                3,
                event_type="THREATEN",
                cameo_code="130",
                quad_class=3,
                goldstein=-4.4,
                source=state("RUS", "Russia"),
                target=state("DEU", "Germany"),
                sentence="Russland droht Deutschland mit Gegenmaßnahmen.",
                sentence_lemmas="Russland drohen Deutschland mit Gegenmaßnahme",
                date=dt.date(2025, 2, 20),
                article_id="a3",
                title=None,
            ),
        ]
    )


def ids(hits: list[Any]) -> list[int]:
    return [int(h.event.event_id, 16) for h in hits]


def test_wal_mode_and_schema(store: Store) -> None:
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.counts() == {
        "seen_items": 0,
        "feed_state": 0,
        "articles": 0,
        "events": 0,
        "alerts": 0,
        "silences": 0,
    }


def test_search_words_lemmas_filters(store: Store) -> None:
    corpus(store)
    assert ids(store.search("Sanktionen")) == [1]
    assert ids(store.search("sanktion")) == [1]  # lemma column
    assert ids(store.search("sankt*")) == [1]
    assert sorted(ids(store.search("Deutschland"))) == [1, 3]
    assert ids(store.search("ceasefire")) == [2]  # found through its article's text
    assert ids(store.search("geneva talks")) == [2]
    assert ids(store.search("ceasefire Russland")) == []  # every word must occur
    assert ids(store.search("Deutschland", event_type="THREATEN")) == [3]
    assert sorted(ids(store.search("", country="DEU"))) == [1, 3]
    assert ids(store.search("", country="FRA")) == [2]
    assert ids(store.search("", since=dt.date(2025, 2, 25))) == [2, 1]  # newest first
    assert ids(store.search("", since=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))) == [2]
    assert len(store.search("", limit=2)) == 2


def test_sentence_hits_rank_above_article_hits(store: Store) -> None:
    corpus(store)
    store.upsert_events(
        [make_event(4, article_id="a2", sentence="Moscow said nothing.", sentence_lemmas=None)]
    )
    # event 2 names "talks" in its sentence; event 4 only through its article title
    hits = store.search("talks")
    assert ids(hits)[:1] == [2] and sorted(ids(hits)) == [2, 4]
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "a:b -c (d", "NEAR(", "*", "'"])
def test_query_syntax_cannot_break_search(store: Store, query: str) -> None:
    corpus(store)
    store.search(query)  # no sqlite3.OperationalError


def test_fts_query_quotes_words() -> None:
    assert (
        fts_query('Sanktionen "gegen" Russland') == '("sanktionen" OR "sanktion") AND "gegen" AND "russland"'
    )
    assert fts_query("sankt*") == '"sankt"*'
    assert fts_query("  ") is None


def test_restart_neither_loses_nor_repeats(tmp_path: Path) -> None:
    path = default_path(tmp_path)
    with Store(path) as store:
        corpus(store)
        assert store.mark_seen("feed", ["i1", "i2"], NOW) == ["i1", "i2"]
        rule = AlertRule(id="r")
        assert store.add_alert(make_alert(rule, make_event(1), NOW, None, "dipwatch-events"))
    with Store(path) as store:
        before = store.counts()
        corpus(store)  # a replay after the restart
        changed = make_event(
            1, article_id="a9", sentence="Berlin kündigt schärfere Strafmaßnahmen an.", sentence_lemmas=None
        )
        store.upsert_events([changed])
        assert store.mark_seen("feed", ["i2", "i3"], NOW) == ["i3"]
        assert not store.add_alert(make_alert(AlertRule(id="r"), make_event(1), NOW, None, "dipwatch-events"))
        after = store.counts()
        assert after == {**before, "seen_items": before["seen_items"] + 1}
        assert store.get_event(changed.event_id) == changed
        assert ids(store.search("schärfere")) == [1]
        assert ids(store.search("verhängt")) == []  # the old sentence left the index
        assert store.is_seen("feed", "i1") and not store.is_seen("other", "i1")
        assert store.seen_count("feed") == 3


def test_feed_state_roundtrip(store: Store) -> None:
    assert store.feed_state("f") is None
    store.save_feed_state("f", etag='"abc"', last_modified=None, health={"failures": 2}, now=NOW)
    store.save_feed_state(
        "f", etag='"def"', last_modified="Sat, 01 Mar 2025", health={"failures": 0}, now=NOW
    )
    saved = store.feed_state("f")
    assert saved == {
        "etag": '"def"',
        "last_modified": "Sat, 01 Mar 2025",
        "health": {"failures": 0},
        "updated_at": NOW,
    }


def test_alerts_listing_and_silences(store: Store) -> None:
    r1, r2 = AlertRule(id="r1"), AlertRule(id="r2")
    a = make_alert(r1, make_event(1), NOW, None, "x")
    b = make_alert(r2, make_event(2), NOW + dt.timedelta(seconds=5), None, "x")
    assert store.add_alert(b) and store.add_alert(a)
    assert [x.alert_id for x in store.alerts()] == [a.alert_id, b.alert_id]
    assert [x.rule_id for x in store.alerts(rule_id="r2")] == ["r2"]
    assert [x.rule_id for x in store.alerts(after=NOW)] == ["r2"]
    until = NOW + dt.timedelta(hours=1)
    store.set_silence("r1", until)
    store.set_silence("r1", until + dt.timedelta(hours=1))
    assert store.silences() == {"r1": until + dt.timedelta(hours=1)}
    store.set_silence("r1", None)
    assert store.silences() == {}


def test_article_roundtrip(store: Store) -> None:
    art = make_article("a9", "T", "body")
    store.upsert_article(art)
    assert store.get_article("a9") == art
    assert store.get_article("missing") is None
