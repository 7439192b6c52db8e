"""Entry point of the extraction core: one article in, one typed result out. No I/O, no clock.

The stages, each a pure function of its own module: page → text (``pagetext``), boilerplate
paragraphs dropped (``boilerplate``), language (``language``), sentences (``text``), actors
(``actors``), places (``places``), events per sentence (``events``), relevance (``classify``).
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from dipwatch.core.actors import Lex, Mention, held_by_other, lacks_state, matcher, office_words, recognise
from dipwatch.core.anaphora import find_descriptions, organ_references, resolve_anaphors, state_bindings
from dipwatch.core.boilerplate import drop_boilerplate
from dipwatch.core.classify import Evidence, counts_as_diplomatic_role, diplomatic_score, threshold
from dipwatch.core.coding.context import Context, actor_key
from dipwatch.core.coding.sentence import code_sentence
from dipwatch.core.coding.triggers import codes_nothing_alone, find_triggers
from dipwatch.core.eventlex import event_lexicon, supported_languages
from dipwatch.core.language import detect_language
from dipwatch.core.matcher import PairedMatcher
from dipwatch.core.pagetext import extract_page
from dipwatch.core.places import (
    PlaceEntry,
    PlaceMention,
    dateline_country,
    dateline_end,
    dateline_place,
    find_places,
    place_matcher,
)
from dipwatch.core.text import ArticleTokens, lower_same_length, normalise, split_sentences, tokenize, words
from dipwatch_schemas import ActorRef, ArticleInput, Event, ExtractionResult, Place

EXTRACTOR_VERSION = "0.2.0"
"""Travels with every event, so stored events can be re-coded when the extractor changes."""


def _published(value: dt.datetime | dt.date | None, reference: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    return reference


def clean_text(article: ArticleInput) -> tuple[str, str | None, dt.date | None, str | None]:
    """Clean body text, title, page date and page language of an article given as text or HTML."""
    title = article.title
    page_date: dt.date | None = None
    page_language: str | None = None
    if article.html:
        page = extract_page(article.html, article.url)
        raw = page.text
        title = title or page.title
        page_language = page.language
        if page.published:
            try:
                page_date = dt.date.fromisoformat(page.published[:10])
            except ValueError:
                page_date = None
    else:
        raw = article.text or ""
    text = normalise(raw)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    kept = drop_boilerplate(paragraphs, article.language or page_language)
    return "\n".join(kept), (normalise(title) if title else None), page_date, page_language


def extract_article(article: ArticleInput, *, reference_date: dt.date | None = None) -> ExtractionResult:
    """Classify one article and code its diplomatic events.

    ``reference_date`` stands in for the publication date when the article carries none; relative
    dates ("am Donnerstag", "last week") and office holders ("der US-Außenminister") are resolved
    against it.
    """
    text, title, page_date, page_language = clean_text(article)
    language = detect_language(f"{title or ''}\n{text}", article.language or page_language)
    published = _published(article.published_at, page_date or reference_date)
    if not text or language not in supported_languages():
        return ExtractionResult(
            language=language,
            is_diplomatic=False,
            diplomatic_score=0.0,
            title=title,
            text=text,
            extractor_version=EXTRACTOR_VERSION,
        )
    lexicon = event_lexicon(language)
    sentences = split_sentences(text, language)
    low = lower_same_length(text)
    dateline = dateline_end(text)
    actor_hits, place_hits = _dictionaries(language).find(text, low)
    mentions, actors = recognise(
        text, low, sentences, language, published, skip_before=dateline, found=actor_hits
    )
    organ_references(text, language, sentences, mentions)
    place_mentions = _not_named_actors(
        find_places(text, low, sentences, language, found=place_hits), mentions
    )
    demonym_articles = lexicon.cues.get("demonym_articles")
    if demonym_articles:
        _demonyms_of_officials(
            text, mentions, demonym_articles, lexicon.cues.get("plural_articles", frozenset())
        )
    datelined = dateline_place(text, language)
    dateline_state = dateline_country(text, datelined)
    lead_place = datelined or _lead_place(place_mentions, language)
    stated: dict[str, str] = {}  # person id -> the state the context gave a role phrase without one
    article_tokens = ArticleTokens.of(text)  # None: each sentence is tokenised on its own
    events: list[Event] = []
    context = Context()
    descriptions = find_descriptions(low, language)
    bindings = (
        state_bindings(text, low, language, [m for row in mentions for m in row])
        if any(d.kind == "state" for d in descriptions)
        else []
    )

    def salient(kind: str) -> ActorRef | None:
        return context.salient(kind, language)

    for sentence in sentences:
        sentence_mentions = mentions[sentence.index]
        if descriptions:  # most articles have none
            sentence_mentions = resolve_anaphors(
                text, descriptions, sentence.start, sentence.end, sentence_mentions, salient, bindings
            )
        if not sentence_mentions and (
            not context.salience
            or (
                article_tokens
                and codes_nothing_alone(article_tokens.lowers_between(sentence.start, sentence.end), lexicon)
            )
        ):
            context.observe([], [])
            continue
        if any(lacks_state(m.actor) for m in sentence_mentions):
            sentence_mentions = _states_from_context(
                text,
                max(sentence.start, dateline),  # "BERLIN (dpa) – Der Außenminister …" opens the sentence
                sentence_mentions,
                place_mentions[sentence.index],
                dateline_state,
                context,
                stated,
                published,
            )
        # the dateline's place is the fallback, not the place of the lead sentence's event
        sentence_places = [
            p.entry.place(language) for p in place_mentions[sentence.index] if p.start >= dateline
        ]
        tokens = article_tokens.between(sentence.start, sentence.end) if article_tokens else None
        events.extend(
            code_sentence(
                sentence, sentence_mentions, sentence_places, lexicon, published, lead_place, context, tokens
            )
        )
    events = merge_duplicates(events)
    title_tokens = words(title) if title else []
    evidence = Evidence(
        tokens=article_tokens.lowers if article_tokens else words(text),
        title_tokens=title_tokens,
        events=len(events),
        event_types=len({e.event_type for e in events}),
        actors=len({a.actor_id for a in actors if a.kind in ("state", "organisation")}),
        persons=len({a.actor_id for a in actors if a.kind == "person" and counts_as_diplomatic_role(a.role)}),
        title_has_trigger=bool(title and find_triggers(tokenize(title), lexicon)),
    )
    score = diplomatic_score(evidence, lexicon)
    is_diplomatic = score >= threshold()
    places = _unique_places(p.entry.place(language) for row in place_mentions for p in row)
    if stated:
        actors = [
            a.model_copy(update={"country": stated[a.actor_id], "code": stated[a.actor_id]})
            if a.actor_id in stated and lacks_state(a)
            else a
            for a in actors
        ]
    return ExtractionResult(
        language=language,
        is_diplomatic=is_diplomatic,
        diplomatic_score=round(score, 3),
        title=title,
        text=text,
        actors=actors,
        places=places,
        events=events if is_diplomatic else [],
        extractor_version=EXTRACTOR_VERSION,
    )


@lru_cache(maxsize=8)
def _dictionaries(language: str) -> PairedMatcher[Lex, PlaceEntry]:
    """The actor and place dictionaries of ``language``, searched in one pass over an article.

    The dictionaries stay for the rest of the process, ≈130,000 objects: ``gc.freeze`` takes them
    (and whatever else is alive now) out of the cyclic collector, whose full collections otherwise
    walk them all, a tenth of the extraction time of the first hundred articles.
    """
    dictionaries = PairedMatcher(matcher(language), place_matcher())
    gc.freeze()
    return dictionaries


_DEMONYM_REACH = 3  # sentences: the person referred to was named shortly before


def _demonyms_of_officials(
    text: str, mentions: list[list[Mention]], articles: frozenset[str], plurals: frozenset[str]
) -> None:
    """German news varies a name with the person's nationality: "Nato-Generalsekretär Jens Stoltenberg
    warnte … , sagte der Norweger", "Grossi … sprach der Argentinier von Gesprächen". After an official
    of an organisation, "der Norweger" is that official, who acts for the organisation, not for Norway
    (a state's own office holder and the demonym name the same state, so nothing changes there).
    ``articles`` are the definite articles before such a noun (cue ``demonym_articles``), ``plurals`` those
    that also make it a people ("die Norweger", cue ``plural_articles``) unless it is feminine ("-in")."""
    persons: list[tuple[int, ActorRef]] = []  # persons named so far, the latest last
    for index, row in enumerate(mentions):
        for position, mention in enumerate(row):
            actor = mention.actor
            if actor.kind == "person":
                persons.append((index, actor))
                continue
            if not persons or not any(p.kind == "state" and p.sub == "demonym" for p in mention.parts):
                continue
            # "sagte der Norweger", "sprach die Deutsche": a nationality noun right after a definite article
            before = text[max(0, mention.start - 12) : mention.start]
            words_before = before.split()
            if not words_before or before[-1:].isalnum() or words_before[-1].lower() not in articles:
                continue
            # "die Norweger" is a people; "die Norwegerin" and "der Norweger" are one person
            if words_before[-1].lower() in plurals and not mention.surface.endswith("in"):
                continue
            # the latest person who can be of that nationality: a state's office holder only of their
            # own state (then nothing changes), an organisation's official of any
            for named, person in reversed(persons):
                if index - named > _DEMONYM_REACH:
                    break
                if person.country is None and person.code:
                    row[position] = replace(mention, actor=person)
                    break
                if person.country == mention.actor.country:
                    break


def _not_named_actors(
    place_mentions: list[list[PlaceMention]], mentions: list[list[Mention]]
) -> list[list[PlaceMention]]:
    """Drop place matches inside the name of a person, organisation or group: "Hamas" is no genitive of
    the Syrian city Hama, "Vladimir Putin" no visit to Vladimir; "Kremlin spokesman Dmitry Peskov"
    and "Brüssel" for the EU keep their places."""
    out: list[list[PlaceMention]] = []
    for places, actors in zip(place_mentions, mentions, strict=True):
        names = [m for m in actors if m.actor.kind != "state"]  # persons, organisations, groups
        if names and places:
            places = [
                p
                for p in places
                if not any(m.start <= p.start and p.end <= m.end and p.surface in m.actor.name for m in names)
            ]
        out.append(places)
    return out


# "IOC President Kirsty Coventry", "Conservative leader Kemi Badenoch", "die grönländische
# Außenministerin": a qualifier the dictionary does not know (an organisation, a party, a territory)
_UNKNOWN_QUALIFIER_RE = re.compile(r"\b(?:[A-ZÄÖÜ][\w.&-]*|[a-zäöü]\w*ische[nrs]?)\s$")
# "Lebanon's caretaker prime minister", "Iran's top security official": lowercase words between a
# state (or a person's possessive) and the role still belong to the role's phrase
_QUALIFIER_GAP_RE = re.compile(r"(?:\s+[a-zäöü][\w-]*){1,3}\s+")
_APPOSITION_GAP_RE = re.compile(r"\s+[A-ZÄÖÜa-z][\w-]*,\s+")
_LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|im|at|nach|aus|from)\s+$", re.IGNORECASE)
# "In Manila, …", "Aus Bamako hieß es …": a place opening the sentence sets where it happens
_OPENING_RE = re.compile(r"\W*(?:in|aus|from|at)\s+", re.IGNORECASE)


def _states_from_context(
    text: str,
    sentence_start: int,
    mentions: list[Mention],
    places: list[PlaceMention],
    dateline_country: str | None,
    context: Context,
    stated: dict[str, str],
    day: dt.date | None = None,
) -> list[Mention]:
    """Give a role phrase without a state ("Foreign Secretary Albert del Rosario", "Außenminister
    Le Drian") the state a reader takes from context: that of a place opening the sentence, else the
    dateline's, else the state the article is about so far; none when that state's own holder of a
    single office on ``day`` is listed and someone else. A state that another actor of the sentence
    stands for ("summoned Chinese Ambassador Ma Keqing", "forderte Frankreich auf") is the other party,
    never the speaker's; a state or person a few words before the role ("Lebanon's caretaker prime
    minister") qualifies it."""
    opening = next(
        (p.entry.country for p in places if _OPENING_RE.fullmatch(text, sentence_start, p.start)), None
    )
    out: list[Mention] = []
    for mention in mentions:
        actor = mention.actor
        if not lacks_state(actor) or actor.actor_id is None:
            out.append(mention)
            continue
        country = stated.get(actor.actor_id)
        if country is None:
            qualifier = (
                _qualifier(text, mention, mentions)
                or _seat(text, mention, mentions)
                or _coordinated(text, mention, mentions)
            )
            if qualifier is not None:
                country = qualifier.country if qualifier.kind in ("state", "person") else None
            elif _unknown_qualifier(text, sentence_start, mention.start):
                country = None
            else:
                others = {
                    actor_key(m.actor)
                    for m in mentions
                    if m.actor.actor_id != actor.actor_id
                    and (m.actor.kind == "person" or (m.start > mention.start and _names_party(text, m)))
                }
                # a place opening the sentence ("In Caracas, Foreign Minister …") is nearer than the dateline
                candidates = [opening, dateline_country, *context.states()]
                country = next((c for c in candidates if c and c not in others), None)
                if country is not None and held_by_other(actor, mention.surface, country, day):
                    # "Foreign Minister David Choquehuanca" in a story about the US: the state has its
                    # own foreign minister, so the stranger is someone else's; the next state in line
                    # is mostly wrong too, so he stays without a state rather than take it
                    country = None
        if country is None:
            out.append(mention)
            continue
        stated[actor.actor_id] = country
        ref = actor.model_copy(update={"country": country, "code": country})
        out.append(replace(mention, actor=ref))
    return out


def _unknown_qualifier(text: str, sentence_start: int, start: int) -> bool:
    """A word the dictionary does not know qualifies the role ("IOC President", "Conservative leader")."""
    match = _UNKNOWN_QUALIFIER_RE.search(text, max(sentence_start, start - 30), start)
    if match is None or match.group().strip() in office_words():
        return False  # "U.S. Commerce Secretary", "Der Erste Vizeaußenminister": the office's own title
    # a sentence's first word is capitalised anyway, unless an acronym ("IOC President …")
    return bool(text[sentence_start : match.start()].strip() or match.group().strip().isupper())


def _names_party(text: str, mention: Mention) -> bool:
    """A state named as a party ("forderte Frankreich auf", "urged Beijing"), not an adjective
    ("Philippine sovereignty") nor a place ("told a news conference in La Paz")."""
    if mention.actor.kind != "state" or not any(p.sub in ("name", "metonym") for p in mention.parts):
        return False
    return not _LOCATIVE_BEFORE_RE.search(text, max(0, mention.start - 8), mention.start)


def _title_gap(text: str, start: int, end: int) -> bool:
    """One to three capitalised words of an office's title between a state and a role ("U.S. Commerce
    Secretary", "Zimbabwe's Home Affairs Minister")."""
    gap = text[start:end]
    if len(gap) > 40 or not (gap[:1] == " " and gap[-1:] == " "):
        return False
    words = gap.split()
    return 0 < len(words) <= 3 and all(w in office_words() for w in words)


def _qualifier(text: str, mention: Mention, mentions: list[Mention]) -> ActorRef | None:
    """The state or person whose possessive or adjective opens the role's phrase a few words before it."""
    for other in mentions:
        if other.end > mention.start:
            continue
        adjective = other.actor.kind == "state" and any(p.sub == "adjective" for p in other.parts)
        if _QUALIFIER_GAP_RE.fullmatch(text, other.end, mention.start) and (
            adjective or other.surface.endswith(("'s", "’s", "s'"))
        ):
            return other.actor
        if other.actor.kind == "state" and _title_gap(text, other.end, mention.start):
            return other.actor  # "U.S. Commerce Secretary Howard Lutnick": the state names the whole title
        # "der ukrainische Delegationsleiter, Verteidigungsminister Rustem Umerow, …": the role in
        # apposition, set off by commas on both sides
        if (
            text[mention.end : mention.end + 1] == ","
            and other.actor.kind == "state"
            and (adjective or other.surface.endswith(("'s", "’s")))
            and _APPOSITION_GAP_RE.fullmatch(text, other.end, mention.start)
        ):
            return other.actor
    return None


_SEAT_GAP_RE = re.compile(r"\s+(?:in|im)\s+")
_COORDINATION_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|und|sowie)\s+")
_LEADER_ROLES = frozenset({"head_of_state", "head_of_government"})


def _coordinated(text: str, mention: Mention, mentions: list[Mention]) -> ActorRef | None:
    """The person a role phrase is coordinated with, when that person's state is known and the two offices
    differ, the second below a leader's: "German Chancellor Olaf Scholz and Economy Minister Robert Habeck",
    "Chinas Präsident Xi Jinping und Vizeaußenminister Ma Zhaoxu" are one government. Counterparts ("Secretary
    of State Antony Blinken and Foreign Minister Ayman Safadi") and two leaders ("President Biden and Prime
    Minister Anthony Albanese") are two states."""
    role = mention.actor.role
    if role is None or role in _LEADER_ROLES:
        return None
    for other in reversed(mentions):
        if other.end > mention.start:
            continue
        actor = other.actor
        if (
            actor.kind == "person"
            and actor.country
            and actor.role != role
            and _COORDINATION_GAP_RE.fullmatch(text, other.end, mention.start)
        ):
            return actor
        return None
    return None


def _seat(text: str, mention: Mention, mentions: list[Mention]) -> ActorRef | None:
    """The state of a capital right after a role without a state: "ein Sprecher des Außenministeriums
    in Peking", "der Regierungssprecher in Moskau" speak for the government seated there."""
    for other in mentions:
        if (
            other.start > mention.end
            and other.capital_metonym
            and _SEAT_GAP_RE.fullmatch(text, mention.end, other.start)
        ):
            return other.actor
    return None


def _lead_place(place_mentions: list[list[PlaceMention]], language: str) -> Place | None:
    """The article's lead place: the first place named in its first two sentences."""
    for row in place_mentions[:2]:
        for mention in row:
            return mention.entry.place(language)
    return None


def _unique_places(places: Iterable[Place]) -> list[Place]:
    seen: dict[tuple[str, str | None], Place] = {}
    for place in places:
        seen.setdefault((place.name, place.country), place)
    return list(seen.values())


def merge_duplicates(events: list[Event]) -> list[Event]:
    """One event per (type, source side, target side, place): the most confident, earliest mention wins."""
    merged: dict[tuple[str, str | None, str | None, str | None], Event] = {}
    for event in events:
        key = (
            event.event_type,
            actor_key(event.source),
            actor_key(event.target) if event.target else None,
            event.place.name if event.place else None,
        )
        current = merged.get(key)
        if current is None:
            merged[key] = event
            continue
        better_actor = event.source.kind == "person" and current.source.kind != "person"
        if event.confidence > current.confidence or better_actor:
            merged[key] = event.model_copy(update={"confidence": max(event.confidence, current.confidence)})
    return list(merged.values())
