"""Records that cross dipwatch's boundaries (core results, Kafka values, index documents)."""

from dipwatch_schemas.models import (
    SCHEMA_VERSION,
    TOPIC_MODELS,
    Actor,
    ActorKind,
    ActorRef,
    Alert,
    Article,
    ArticleInput,
    DeadLetter,
    Event,
    EventRecord,
    EventType,
    ExtractionResult,
    Modality,
    NewsItem,
    Place,
)

__all__ = [
    "SCHEMA_VERSION",
    "TOPIC_MODELS",
    "Actor",
    "ActorKind",
    "ActorRef",
    "Alert",
    "Article",
    "ArticleInput",
    "DeadLetter",
    "Event",
    "EventRecord",
    "EventType",
    "ExtractionResult",
    "Modality",
    "NewsItem",
    "Place",
]
