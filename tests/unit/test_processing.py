"""Item + page → Article + EventRecords: input choice, deterministic ids, provenance, duplicates."""

from __future__ import annotations

import datetime as dt

from dipwatch.core import ids
from dipwatch.core.pagetext import PageText, extract_page
from dipwatch.core.processing import (
    actor_key,
    analyse_item,
    build_article_input,
    feed_text,
    link_duplicate,
    parse_published,
    to_records,
)
from dipwatch_schemas import ActorRef, ArticleInput, Event, ExtractionResult, NewsItem

NOW = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)
PUBLISHED = dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.UTC)
PAGE_TEXT = (
    "Außenminister Johann Wadephul ist am Dienstag in Paris mit seinem französischen Amtskollegen "
    "Jean-Noël Barrot zusammengetroffen. Beide Minister vereinbarten eine engere Zusammenarbeit in der "
    "Verteidigungspolitik und bei der Unterstützung der Ukraine. Frankreich kritisierte zugleich die "
    "Zollpläne der Vereinigten Staaten scharf und kündigte Gegenmaßnahmen der Europäischen Union an."
)


def _item(**kw: object) -> NewsItem:
    base: dict[str, object] = {
        "item_id": ids.item_id("https://news.example/politik/wadephul-paris"),
        "feed_id": "example-politik",
        "url": "https://news.example/politik/wadephul-paris",
        "title": "Wadephul trifft Barrot",
        "summary": "<p>Wadephul in <b>Paris</b> &amp; Gespräche.</p><script>x()</script>",
        "published_at": PUBLISHED,
        "fetched_at": NOW,
        "language": "de",
        "tags": ["politik"],
    }
    base.update(kw)
    return NewsItem.model_validate(base)


def _page_to_text(html: str, url: str) -> PageText:
    """Stands in for page→text: the article body only when the page has an <article>."""
    text = PAGE_TEXT if "<article>" in html else ""
    return PageText(
        title="Wadephul in Paris", text=text, published="2025-03-01", language="de", method="fake"
    )


DE = ActorRef(name="Deutschland", kind="state", country="DEU", code="DEU", actor_id="DEU")
FR = ActorRef(name="Frankreich", kind="state", country="FRA", code="FRA", actor_id="FRA")
USA = ActorRef(name="Vereinigte Staaten", kind="state", country="USA")
WADEPHUL = ActorRef(name="Johann Wadephul", kind="person", country="DEU", role="foreign_minister")


def _event(
    event_type: str, source: ActorRef, target: ActorRef | None, index: int, conf: float = 0.8
) -> Event:
    return Event.model_validate(
        {
            "event_type": event_type,
            "cameo_code": {"CONSULT": "040", "AGREE": "057", "ACCUSE": "111"}[event_type],
            "quad_class": 1 if event_type != "ACCUSE" else 3,
            "goldstein": 1.0 if event_type != "ACCUSE" else -2.0,
            "source": source,
            "target": target,
            "sentence": f"sentence {index}",
            "sentence_index": index,
            "confidence": conf,
        }
    )


def fake_extract(article: ArticleInput) -> ExtractionResult:
    """Stands in for the extraction core: fixed events, text echoed back."""
    return ExtractionResult(
        language="de",
        is_diplomatic=True,
        diplomatic_score=0.9,
        title=article.title,
        text=article.text or "",
        events=[
            _event("CONSULT", WADEPHUL, FR, 0),
            _event("AGREE", DE, FR, 1),
            _event("ACCUSE", FR, USA, 2),
            _event("ACCUSE", FR, USA, 2, conf=0.95),  # the same event twice
        ],
        extractor_version="test-1",
    )


def test_page_text_preferred_when_fetched() -> None:
    prepared = build_article_input(_item(), "<html><article>…</article></html>", page_to_text=_page_to_text)
    assert prepared.text_source == "page"
    assert prepared.article.text == PAGE_TEXT
    assert prepared.article.title == "Wadephul in Paris"
    assert prepared.article.id == _item().item_id
    assert prepared.article.published_at == PUBLISHED


def test_feed_text_when_page_missing_or_poorer() -> None:
    for html in (None, "<html><div>cookie wall</div></html>"):
        prepared = build_article_input(_item(), html, page_to_text=_page_to_text)
        assert prepared.text_source == "feed"
        assert prepared.article.text == "Wadephul in Paris & Gespräche."
        assert prepared.article.title == "Wadephul trifft Barrot"


def test_feed_without_summary_falls_back_to_title() -> None:
    prepared = build_article_input(_item(summary=None), None)
    assert (prepared.text_source, prepared.article.text) == ("feed", "Wadephul trifft Barrot")


def test_feed_text_plain_and_html() -> None:
    assert feed_text("  plain text ") == "plain text"
    assert feed_text(None) == ""
    assert feed_text("<div>a<br>b <style>.x{}</style>c</div>") == "a b c"


def test_actor_key_order() -> None:
    assert actor_key(DE) == "DEU"
    assert actor_key(ActorRef(name="EU", kind="organisation", code="EU")) == "EU"
    assert actor_key(USA) == "USA"
    assert actor_key(ActorRef(name="Hamas", kind="group")) == "Hamas"
    assert actor_key(None) == ""


def test_records_ids_and_provenance() -> None:
    item = _item()
    result = fake_extract(ArticleInput(text=PAGE_TEXT, title="Wadephul in Paris"))
    article, events = to_records(
        item, result, processed_at=NOW, fingerprint="fp1-x", duplicate_of=None, text_source="page"
    )
    assert [e.event_type for e in events] == ["CONSULT", "AGREE", "ACCUSE"]
    assert events[2].confidence == 0.95  # the surer of the two identical events
    assert events[0].event_id == ids.event_id(item.item_id, "CONSULT", "DEU", "FRA", 0)  # person → country
    assert events[1].event_id == ids.event_id(item.item_id, "AGREE", "DEU", "FRA", 1)
    assert events[2].event_id == ids.event_id(item.item_id, "ACCUSE", "FRA", "USA", 2)
    assert article.event_ids == [e.event_id for e in events]
    for e in events:
        assert (e.article_id, e.url, e.feed_id) == (item.item_id, item.url, "example-politik")
        assert (e.language, e.published_at, e.extractor_version) == ("de", PUBLISHED, "test-1")
        assert e.sentence == f"sentence {e.sentence_index}"
        assert e.title == "Wadephul in Paris"
    assert article.item_id == item.item_id and article.processed_at == NOW
    assert (article.fingerprint, article.duplicate_of, article.text_source) == ("fp1-x", None, "page")
    assert article.tags == ["politik"] and article.is_diplomatic and article.text == PAGE_TEXT


def test_records_are_deterministic() -> None:
    item = _item()
    result = fake_extract(ArticleInput(text=PAGE_TEXT))
    one = to_records(item, result, processed_at=NOW, fingerprint=None, duplicate_of=None)
    two = to_records(item, result, processed_at=NOW, fingerprint=None, duplicate_of=None)
    assert one == two
    other = to_records(_item(item_id="other"), result, processed_at=NOW, fingerprint=None, duplicate_of=None)
    assert {e.event_id for e in other[1]}.isdisjoint(one[0].event_ids)


def test_duplicate_keeps_link_but_no_events() -> None:
    item = _item()
    result = fake_extract(ArticleInput(text=PAGE_TEXT))
    article, events = to_records(item, result, processed_at=NOW, fingerprint="fp1-x", duplicate_of="first")
    assert (article.duplicate_of, article.event_ids, events) == ("first", [], [])
    # Re-processing the first article itself is not a duplicate of itself.
    original, own_events = to_records(
        item, result, processed_at=NOW, fingerprint="fp1-x", duplicate_of=item.item_id
    )
    assert original.duplicate_of is None and len(own_events) == 3
    linked, none = link_duplicate(original, own_events, "first")
    assert linked.duplicate_of == "first" and none == [] and original.event_ids  # input untouched


def test_analyse_item_end_to_end_with_fake_extractor() -> None:
    analysis = analyse_item(
        _item(), "<article>", extract=fake_extract, processed_at=NOW, page_to_text=_page_to_text
    )
    assert analysis.article.text_source == "page"
    assert analysis.article.fingerprint is not None and analysis.article.fingerprint.startswith("fp1-")
    assert len(analysis.events) == 3
    # The same story fetched from another site with a dateline gets the same fingerprint.
    other = _item(item_id="other-site", url="https://other.example/a")
    page_other = lambda html, url: PageText(None, "PARIS (dpa) - " + PAGE_TEXT, None, None, "fake")  # noqa: E731
    analysis_other = analyse_item(
        other, "<x>", extract=fake_extract, processed_at=NOW, page_to_text=page_other
    )
    assert analysis_other.article.fingerprint == analysis.article.fingerprint
    assert analysis_other.article.text_source == "page"


def test_published_from_page_only_when_feed_has_none() -> None:
    html = "<html><article>…</article></html>"
    prepared = build_article_input(_item(published_at=None), html, page_to_text=_page_to_text)
    assert prepared.article.published_at == dt.date(2025, 3, 1)
    assert parse_published("2025-03-04T10:00:00+01:00") == dt.datetime.fromisoformat(
        "2025-03-04T10:00:00+01:00"
    )
    assert parse_published("not a date") is None and parse_published(None) is None


def test_real_page_to_text_used_by_default() -> None:
    paragraphs = "".join(f"<p>{s}.</p>" for s in PAGE_TEXT.split(". "))
    html = "<html lang='de'><head><title>Wadephul in Paris</title></head><body><nav>Startseite</nav>"
    html += (
        f"<article><h1>Wadephul in Paris</h1>{paragraphs}</article><footer>Impressum</footer></body></html>"
    )
    prepared = build_article_input(_item(), html)
    assert prepared.text_source == "page"
    assert "Barrot" in (prepared.article.text or "") and "Impressum" not in (prepared.article.text or "")
    assert extract_page(html, _item().url).text == prepared.article.text
