"""One news item (plus its fetched page) to one Article and its EventRecords. Pure.

The stream processor runs :func:`analyse_item` in a worker process and :func:`link_duplicate`
in the loop; both take the clock and the extractor as arguments, so tests drive them
without a broker, a network or the real extraction core.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from dipwatch.core import ids
from dipwatch.core.decoding import decode_body
from dipwatch.core.dedup import fingerprint as story_fingerprint
from dipwatch.core.extract import EXTRACTOR_VERSION, extract_article
from dipwatch.core.lemmas import lemma_text
from dipwatch.core.pagetext import PageText, extract_page
from dipwatch_schemas import ActorRef, Article, ArticleInput, EventRecord, ExtractionResult, NewsItem

TextSource = Literal["page", "feed"]
Extract = Callable[[ArticleInput], ExtractionResult]


PageToText = Callable[[str, str], PageText]


class PreparedInput(NamedTuple):
    """The extraction input and where its text came from (``Article.text_source``)."""

    article: ArticleInput
    text_source: TextSource


class Analysis(NamedTuple):
    """What the worker process hands back to the loop for one item."""

    article: Article
    events: list[EventRecord]


def parse_published(value: str | None) -> dt.datetime | dt.date | None:
    """The page's own date string (ISO 8601 as page→text gives it), or ``None`` if unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 10:  # a time is given
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def feed_text(summary: str | None) -> str:
    """The feed's own summary/content as plain text (feeds often carry HTML fragments)."""
    if not summary:
        return ""
    if "<" not in summary and "&" not in summary:
        return summary.strip()
    tree = LexborHTMLParser(summary)
    for node in tree.css("script, style"):
        node.decompose()
    body = tree.body
    text = (body.text(separator=" ") if body is not None else tree.text(separator=" ")) or ""
    return " ".join(text.split())


def build_article_input(
    item: NewsItem, page_html: str | None, *, page_to_text: PageToText | None = None
) -> PreparedInput:
    """The page's clean text when the page was fetched and says more than the feed; else the feed's.

    A paywall teaser, a cookie wall or an extraction failure leaves less text than the feed
    summary; then the summary is the better evidence.
    """
    summary = feed_text(item.summary)
    if page_html and item.url:
        page = (page_to_text or extract_page)(page_html, item.url)
        page_body = (page.text or "").strip()
        if page_body and len(page_body) >= len(summary):
            published = item.published_at or parse_published(page.published)
            return PreparedInput(
                ArticleInput(
                    id=item.item_id,
                    text=page_body,
                    title=page.title or item.title,
                    url=item.url,
                    published_at=published,
                    language=page.language or item.language,
                ),
                "page",
            )
    return PreparedInput(
        ArticleInput(
            id=item.item_id,
            text=summary or (item.title or ""),
            title=item.title,
            url=item.url,
            published_at=item.published_at,
            language=item.language,
        ),
        "feed",
    )


def actor_key(actor: ActorRef | None) -> str:
    """The id part of an event id: actor_id, else code, else country, else name."""
    if actor is None:
        return ""
    return actor.actor_id or actor.code or actor.country or actor.name


def to_records(
    item: NewsItem,
    result: ExtractionResult,
    *,
    processed_at: dt.datetime,
    fingerprint: str | None,
    duplicate_of: str | None,
    text_source: TextSource = "page",
    text: str | None = None,
) -> tuple[Article, list[EventRecord]]:
    """The Article and its EventRecords, with deterministic ids and provenance.

    A duplicate (``duplicate_of`` set to another item) keeps its link but no events: the
    first article of the story already carries them.
    """
    version = result.extractor_version or EXTRACTOR_VERSION
    title = result.title or item.title
    records: dict[str, EventRecord] = {}
    for event in result.events:
        source, target = actor_key(event.source), actor_key(event.target)
        eid = ids.event_id(item.item_id, event.event_type, source, target, event.sentence_index)
        if eid in records and records[eid].confidence >= event.confidence:
            continue  # the same event coded twice from one sentence: keep the surer one
        records[eid] = EventRecord(
            **event.model_dump(),
            event_id=eid,
            article_id=item.item_id,
            url=item.url,
            feed_id=item.feed_id,
            language=result.language,
            published_at=item.published_at,
            extractor_version=version,
            title=title,
            sentence_lemmas=lemma_text(event.sentence, result.language),
        )
    events = list(records.values())
    article = Article(
        item_id=item.item_id,
        feed_id=item.feed_id,
        url=item.url,
        title=title,
        text=result.text or text or "",
        language=result.language,
        is_diplomatic=result.is_diplomatic,
        diplomatic_score=result.diplomatic_score,
        actors=result.actors,
        places=result.places,
        event_ids=[e.event_id for e in events],
        published_at=item.published_at,
        processed_at=processed_at,
        extractor_version=version,
        text_source=text_source,
        fingerprint=fingerprint,
        tags=item.tags,
        lemmas=lemma_text(f"{title or ''}\n{result.text or text or ''}", result.language),
    )
    return link_duplicate(article, events, duplicate_of)


def link_duplicate(
    article: Article, events: list[EventRecord], first_item_id: str | None
) -> tuple[Article, list[EventRecord]]:
    """Mark ``article`` a duplicate of ``first_item_id`` (unless it is that article) and drop its events."""
    if first_item_id is None or first_item_id == article.item_id:
        return article.model_copy(update={"duplicate_of": None}), events
    return article.model_copy(update={"duplicate_of": first_item_id, "event_ids": []}), []


def analyse_item(
    item: NewsItem,
    page_html: str | None,
    *,
    extract: Extract,
    processed_at: dt.datetime,
    page_to_text: PageToText | None = None,
) -> Analysis:
    """Page or feed text → extraction → records with a fingerprint; duplicates are linked later."""
    prepared = build_article_input(item, page_html, page_to_text=page_to_text)
    result = extract(prepared.article)
    text = result.text or prepared.article.text or ""
    fp = story_fingerprint(text, title=result.title or prepared.article.title)
    article, events = to_records(
        item,
        result,
        processed_at=processed_at,
        fingerprint=fp,
        duplicate_of=None,
        text_source=prepared.text_source,
        text=prepared.article.text,
    )
    return Analysis(article, events)


def analyse_fetched(
    item: NewsItem, body: bytes | None, content_type: str | None, processed_at: dt.datetime
) -> Analysis:
    """A fetched page as raw bytes (any encoding; None: use the feed's own text) → records.

    The one function the embedded runner and the Kafka processor run in their worker processes;
    relative dates and office holders resolve against the item's publication time.
    """
    html = decode_body(body, content_type) if body else None
    reference = (item.published_at or processed_at).date()

    def extract(article: ArticleInput) -> ExtractionResult:
        return extract_article(article, reference_date=reference)

    return analyse_item(item, html, extract=extract, processed_at=processed_at)
