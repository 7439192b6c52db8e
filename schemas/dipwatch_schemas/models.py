"""Pydantic models of every record that crosses a boundary.

The extraction core returns these, the Kafka topics carry them as JSON, the indexer
writes them to Elasticsearch and the embedded runner stores them in SQLite. The JSON
Schema files in ``schemas/json/`` are generated from them (``python -m dipwatch_schemas``)
and a test fails when the two drift apart.

Field names of :class:`ExtractionResult`, :class:`Actor`, :class:`Place` and
:class:`Event` are a public contract (see issue 2); add fields, never rename.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1
"""Travels in the ``schema-version`` header of every Kafka record."""

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
Modality = Literal["asserted", "intended", "proposed", "denied", "hypothetical", "reported"]
ActorKind = Literal["state", "organisation", "person", "group"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class ActorRef(_Record):
    """An actor as it appears as source or target of an event."""

    name: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 of the state the actor acts for")
    role: str | None = Field(None, description="office, e.g. foreign_minister, head_of_state, spokesperson")
    kind: ActorKind
    code: str | None = Field(None, description="organisation short code (EU, NATO, UN…) or state alpha-3")
    actor_id: str | None = Field(None, description="stable id: alpha-3, org code or person slug")


class Actor(ActorRef):
    """An actor recognised in an article, with the surface forms that named it."""

    mentions: list[str] = Field(default_factory=list)


class Place(_Record):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class Event(_Record):
    """One coded event: PLOVER type and mode, CAMEO code, QuadClass, Goldstein, source → target."""

    event_type: EventType
    mode: str | None = None
    cameo_code: str
    quad_class: int = Field(ge=1, le=4, description="GDELT convention: 1 verbal coop … 4 material conflict")
    goldstein: float = Field(ge=-10, le=10)
    source: ActorRef
    target: ActorRef | None = None
    place: Place | None = None
    date: dt.date | None = None
    modality: Modality = "asserted"
    negated: bool = False
    sentence: str
    sentence_index: int = Field(0, ge=0, description="position of the evidence sentence in the clean text")
    confidence: float = Field(ge=0, le=1)
    trigger: str | None = Field(None, description="the words that triggered the coding")


class ExtractionResult(_Record):
    """What the extraction core returns for one article."""

    language: str
    is_diplomatic: bool
    diplomatic_score: float = Field(ge=0, le=1)
    title: str | None = None
    text: str = ""
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    extractor_version: str = ""


class ArticleInput(_Record):
    """One record of ``dipwatch extract --jsonl``: text or HTML plus optional metadata."""

    id: str | None = None
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: dt.datetime | dt.date | None = None
    language: str | None = None


# --- records on the Kafka topics -------------------------------------------------------------


class NewsItem(_Record):
    """A new feed entry (topic ``dipwatch.items``, key ``item_id``)."""

    item_id: str = Field(description="sha1 of the canonical article URL, or of the GUID without link")
    feed_id: str
    url: str | None = None
    guid: str | None = None
    title: str | None = None
    summary: str | None = Field(None, description="the feed's own summary/content (HTML allowed)")
    published_at: AwareDatetime | None = None
    fetched_at: AwareDatetime
    language: str | None = Field(None, description="the feed's language hint")
    tags: list[str] = Field(default_factory=list)


class Article(_Record):
    """A processed article (topic ``dipwatch.articles``, key ``item_id``; ES ``_id`` = item_id)."""

    item_id: str
    feed_id: str | None = None
    url: str | None = None
    title: str | None = None
    text: str
    language: str
    is_diplomatic: bool
    diplomatic_score: float
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    published_at: AwareDatetime | None = None
    processed_at: AwareDatetime
    extractor_version: str
    text_source: Literal["page", "feed"] = "page"
    lemmas: str | None = Field(
        None, description="lemmatised text for language-neutral search (filled by the core)"
    )
    fingerprint: str | None = Field(None, description="fingerprint of the text, for near-duplicate detection")
    duplicate_of: str | None = Field(None, description="item_id of the first article with the same story")
    tags: list[str] = Field(default_factory=list)


class EventRecord(Event):
    """An event with its provenance (topic ``dipwatch.events``, key/``_id`` ``event_id``)."""

    event_id: str
    article_id: str
    url: str | None = None
    feed_id: str | None = None
    language: str
    published_at: AwareDatetime | None = None
    extractor_version: str
    title: str | None = None
    sentence_lemmas: str | None = Field(None, description="lemmatised evidence sentence (filled by the core)")


class Alert(_Record):
    """A rule match or heartbeat (topic ``dipwatch.alerts``, key ``rule_id``)."""

    alert_id: str
    rule_id: str
    kind: Literal["match", "heartbeat"] = "match"
    fired_at: AwareDatetime
    message: str
    event: EventRecord | None = None
    kibana_url: str | None = None


class DeadLetter(_Record):
    """A record a stage could not handle (topic ``dipwatch.deadletters``)."""

    stage: str = Field(description="watcher, processor, indexer, alerts …")
    error: str
    error_type: str
    source_topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key_b64: str | None = None
    value_b64: str | None = Field(None, description="the original bytes, base64")
    headers: dict[str, str] = Field(default_factory=dict)
    failed_at: AwareDatetime


TOPIC_MODELS: dict[str, type[BaseModel]] = {
    "items": NewsItem,
    "articles": Article,
    "events": EventRecord,
    "alerts": Alert,
    "deadletters": DeadLetter,
}
"""Topic stage → model of its values. Used for the JSON Schema files and for validation."""
