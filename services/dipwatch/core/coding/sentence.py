"""The sentence driver: every event coded in one sentence, trigger by trigger, and what the
article context learns from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dipwatch.core.actors import Mention
from dipwatch.core.coding.conditional import conditional_threat
from dipwatch.core.coding.context import Context
from dipwatch.core.coding.emission import _JUDGED_TYPES, _cue
from dipwatch.core.coding.named_events import _names_an_event
from dipwatch.core.coding.roles import _WITH_CONTENT, _code
from dipwatch.core.coding.speech import (
    _judged_speech,
    _reported_obligation,
    _speech_verb,
    obliges_the_speaker,
)
from dipwatch.core.coding.structure import (
    _SEGMENT_BREAKS,
    _Bounds,
    _break_before,
    _coordinated_infinitive,
    _infinitive,
    _Slot,
    _slots,
    _talks_venues,
    _View,
)
from dipwatch.core.coding.triggers import _QUOTES, TriggerMatch, _find_triggers
from dipwatch.core.dates import resolve_date
from dipwatch.core.eventlex import EventLexicon
from dipwatch.core.text import Sentence, Token, tokenize
from dipwatch_schemas import Event, Place

CLAIMED_TYPES = frozenset(
    {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "CONSULT", "AGREE", "SUPPORT"}
)
"""Types that, after an accusation in the same sentence, are its content (a denial keeps them, as denied)."""
# what is asked for, refused or threatened has not happened: an event noun in that content is none
_UNREALISED_CONTENT = frozenset({"REQUEST", "REJECT", "THREATEN"})
_CONTENT_REACH = 8  # tokens from such a trigger to an event noun of its object


_STATEMENT_TYPES = frozenset({"THREATEN", "SUPPORT", "AGREE"})
"""Claimed types that, as a verb coordinated with the accusation, are a statement of the accuser's own."""


def _charged_gerund(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "accused Washington of having pressed European governments", "of pressing …": any act right after
    the charge's "of" (cue ``charge``; and "having", cue ``perfect_gerunds``) is what is charged."""
    before = match.first - 1
    if before > 0 and lowers[before] in lexicon.cues.get("perfect_gerunds", frozenset()):
        before -= 1
    return before > 0 and lowers[before] in lexicon.cues.get("charge", frozenset())


def _coordinated_statement(
    lowers: list[str], match: TriggerMatch, lexicon: EventLexicon, slots: list[_Slot] | None = None
) -> bool:
    """ "accused India of aggression and vowed to respond": a finite verb after "and" is the accuser's
    next predicate, not part of the charge (a gerund, "of arming and training rebels", still is);
    so is a new clause with its own subject ("…, and spokeswoman Maria Zakharova warned that …")."""
    before = match.first - 1
    subject = next((s for s in slots or [] if s.prep is None and s.last == before), None)
    if subject is not None and subject.first > 1 and lowers[subject.first - 2] == ",":
        before = subject.first - 1  # the coordinator must follow a comma: ", and X warned"
    if before > 0 and lowers[before] in lexicon.cues.get("clause_adverbs", frozenset()):
        before -= 1  # "and also warned"
    return (
        match.trigger.event_type in _STATEMENT_TYPES
        and before > 0
        and lowers[before] in lexicon.coordinators
        and not lowers[match.first].endswith("ing")
    )


def _new_statement(lowers: list[str], claim_end: int, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "accused Abu Dhabi of arming the RSF … and said Sudan reserved the right to respond": a speech verb
    after "and" opens a statement of its own, no longer the charge."""
    speech = lexicon.cues.get("speech", frozenset())
    adverbs = lexicon.cues.get("clause_adverbs", frozenset())
    for index in range(claim_end + 1, match.first - 1):
        if lowers[index] not in lexicon.coordinators:
            continue
        after = index + 1
        if lowers[after] in adverbs:
            after += 1  # "and also said"
        if after < match.first and lowers[after] in speech:
            return True
    return False


_WARNING_TYPES = {"REQUEST": ("demand", "100"), "ACCUSE": (None, "112")}


def _warning_content(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> TriggerMatch:
    """What a warning reports decides its type: "warnte, die Vereinbarung müsse umgesetzt werden" demands,
    "warnte, Russland bereite weitere Angriffe vor" accuses; only a consequence announced ("werde nicht
    ohne Antwort bleiben") threatens."""
    warnings = lexicon.cues.get("warning_verbs")
    after = match.last + 1
    if (
        not warnings
        or match.trigger.event_type != "THREATEN"
        or len(match.indices) > 1
        or lowers[match.first] not in warnings
        or after + 1 >= len(lowers)
        or lowers[after] != ","
    ):
        return match
    end = after + 1
    while end < len(lowers) and lowers[end] not in (".", ";", ":", "?", "!"):
        end += 1
    clause = lowers[after + 1 : end]
    conditions = lexicon.cues.get("threat_conditions", frozenset())
    if clause[:1] and clause[0] in conditions:
        return match  # "warnte, sollten die USA Truppen entsenden, werde …": a conditional threat
    if not (lexicon.cues.get("obligation_modals", frozenset()) - conditions).isdisjoint(clause):
        event_type = "REQUEST"
    elif lexicon.cues.get("threat_auxiliaries", frozenset()).isdisjoint(clause) and lexicon.cues.get(
        "threat_consequences", frozenset()
    ).isdisjoint(clause):
        event_type = "ACCUSE"
    else:
        return match
    mode, cameo = _WARNING_TYPES[event_type]
    trigger = replace(match.trigger, event_type=event_type, mode=mode, cameo=cameo)
    pattern = replace(match.pattern, trigger=trigger)
    return TriggerMatch(match.first, match.last, match.indices, pattern)


def _obliged_contents(
    lowers: list[str], matches: list[TriggerMatch], slots: list[_Slot], lexicon: EventLexicon
) -> set[int]:
    """Triggers in a reported obligation of a named actor ("Russland müsse seine Truppen abziehen, sagte
    Baerbock"): what it must do has not happened; the report is a demand (``_reported_obligation``)."""
    modals = lexicon.cues.get("obligation_modals")
    if not modals or modals.isdisjoint(lowers):
        return set()
    found: set[int] = set()
    speech = _speech_verb(lowers, lexicon)
    for match in matches:
        if match.trigger.event_type in _UNREALISED_CONTENT:
            continue
        start = _break_before(lowers, match.first - 1)
        modal = next((i for i in range(start + 1, match.first) if lowers[i] in modals), -1)
        if (
            modal >= 0
            and any(start < s.first < modal and s.prep is None for s in slots)
            and not obliges_the_speaker(slots, modal, speech)
        ):
            found.add(id(match))
    return found


def _verb_final_contents(lowers: list[str], matches: list[TriggerMatch], lexicon: EventLexicon) -> set[int]:
    """Noun triggers that are the content of a later request, refusal or threat: German puts the
    participle or the verb of a subordinate clause last ("hat Moskau zur Freilassung aufgefordert",
    "…, das Iran mit einer Blockade gedroht hatte"), so what is asked for comes before the verb that
    asks. Only after a preposition that introduces such content (``content_prepositions``)."""
    introducers = lexicon.cues.get("content_prepositions")
    if not introducers or len(matches) < 2:
        return set()
    found: set[int] = set()
    modals = lexicon.cues.get("obligation_modals", frozenset())
    auxiliaries = lexicon.cues.get("auxiliaries", frozenset())
    for later in matches:
        trigger = later.trigger
        if trigger.event_type == "REQUEST" and later.first > 1 and lowers[later.first - 1] == ",":
            # "Israel müsse mehr Hilfe zulassen, verlangte Macron": what the report says must be done
            start = _break_before(lowers, later.first - 2)
            if not modals.isdisjoint(lowers[start + 1 : later.first - 1]):
                found.update(id(m) for m in matches if start < m.first and m.last < later.first - 1)
        if trigger.event_type not in _UNREALISED_CONTENT or trigger.inverse or later.last != later.first:
            continue
        following = lowers[later.last + 1] if later.last + 1 < len(lowers) else "."
        if following.isalnum() and following not in auxiliaries:
            continue  # not the last verb of its clause
        for earlier in matches:
            if (
                earlier.last >= later.first
                or later.first - earlier.last > _CONTENT_REACH
                or earlier.trigger.event_type in _UNREALISED_CONTENT
                or not _SEGMENT_BREAKS.isdisjoint(lowers[earlier.last + 1 : later.first])
                or not lexicon.coordinators.isdisjoint(lowers[earlier.last + 1 : later.first])
            ):
                continue
            # "zur sofortigen Freilassung", "mit einer Blockade", "um Hilfe bei den Verhandlungen"
            phrase = lowers[max(0, earlier.first - 4) : earlier.first]
            if not introducers.isdisjoint(phrase) and _SEGMENT_BREAKS.isdisjoint(phrase):
                found.add(id(earlier))
    return found


_TOPIC_TYPES = frozenset({"AGREE"})
"""Types whose noun, as the topic of a decision or a debate ("die Entscheidung über das Abkommen", "a vote on
the treaty"), names an agreement talked about, not one reached."""
_TOPIC_REACH = 3  # words between the topic preposition and the noun: articles, adjectives ("das neue")


def _topic_noun(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """Whether a one-word agreement noun is governed by a topic preposition (cue ``topic_prepositions``) over
    at most articles and lower-case modifiers: "die Entscheidung über das neue EU-Austrittsabkommen"."""
    if len(match.indices) > 1 or match.trigger.event_type not in _TOPIC_TYPES:
        return False
    topics = lexicon.cues.get("topic_prepositions", frozenset())
    index = match.first - 1
    steps = 0
    while index >= 0 and steps <= _TOPIC_REACH:
        word = lowers[index]
        if word in topics:
            return True
        modifier = word.isalpha() and (
            lexicon.language == "en" or word.endswith(("e", "en", "er", "es", "em"))
        )  # German: lower-case inflected adjectives only (nouns are capitalised)
        if word not in lexicon.articles and not modifier:
            return False
        index -= 1
        steps += 1
    return False


def code_sentence(
    sentence: Sentence,
    mentions: list[Mention],
    places: list[Place],
    lexicon: EventLexicon,
    published: dt.date | None,
    fallback_place: Place | None,
    context: Context | None = None,
    tokens: list[Token] | None = None,
) -> list[Event]:
    """Every event coded in one sentence; ``context`` (earlier sentences) fills implicit roles.

    ``tokens`` are the sentence's tokens with offsets into the article text (tokenised here if
    not given, with offsets relative to the sentence).
    """
    context = context or Context()
    if tokens is None:
        tokens = tokenize(sentence.text)
        base = sentence.start
    else:
        base = 0
    events: list[Event] = []
    # a sentence without actors can still code an event whose roles the article has set up:
    # "Beide Regierungen vereinbarten …", "Er forderte zugleich …"
    if tokens and (mentions or context.salience):
        lowers = [t.lower for t in tokens]
        matches = _find_triggers(lowers, lexicon)
        detention = any(m.trigger.event_type == "COERCE" for m in matches)
        slots = _slots(tokens, base, mentions, lexicon, detention)
        for slot in slots:
            slot.mention.prep_free = slot.prep is None

        def make_view() -> _View:  # the date and the bounds only for sentences that code something
            date = resolve_date(sentence.text, published, lexicon.language, lowers)
            return _View(
                tokens,
                lowers,
                _Bounds(lowers),
                slots,
                sentence,
                lexicon,
                date,
                places,
                fallback_place,
                context,
                _talks_venues(lowers, slots, lexicon),
            )

        view: _View | None = None
        claim_end = content_from = unrealised_from = -1
        unrealised_type: str | None = None
        previous: TriggerMatch | None = None
        contents = _verb_final_contents(lowers, matches, lexicon) | _obliged_contents(
            lowers, matches, slots, lexicon
        )
        for match in matches:
            if contents and id(match) in contents:
                continue
            match = _warning_content(lowers, match, lexicon)
            if (
                match.first > claim_end >= 0
                and (match.trigger.event_type in CLAIMED_TYPES or _charged_gerund(lowers, match, lexicon))
                and not _coordinated_statement(lowers, match, lexicon, slots)
                and not _new_statement(lowers, claim_end, match, lexicon)
                and ";"
                not in lowers[claim_end : match.first]  # "verurteilten …; Nicaragua brach …": a new clause
            ):
                # "warf Russland vor, Zivilisten angegriffen zu haben": the attack is what is claimed,
                # not an event of its own
                continue
            if _names_an_event(tokens, match, previous, lexicon, context):
                continue
            if _topic_noun(lowers, match, lexicon):
                continue  # "die Entscheidung über das neue Abkommen verschoben": the topic, no agreement
            if match.first > content_from >= 0 and (
                _infinitive(tokens, match, lexicon) or _coordinated_infinitive(lowers, match, content_from)
            ):
                continue  # "urged Sharaa to normalise relations", "weigerte sich, … zu liefern": the content
            if (
                match.first > unrealised_from >= 0
                and match.first - unrealised_from <= _CONTENT_REACH
                and _SEGMENT_BREAKS.isdisjoint(lowers[unrealised_from + 1 : match.first])
                and lowers[match.first - 1] not in lexicon.coordinators  # "… and attacked": a predicate
                and not match.trigger.inverse  # "rejected calls from Israel for …": the calls were made
                # "hat Taiwan mit Konsequenzen gedroht": the verb-final predicate of the same act
                and match.trigger.event_type != unrealised_type
            ):
                continue  # "called for a ceasefire", "dismissed talk of a swap": asked or refused, not done
            view = view or make_view()
            # the next trigger that is coded, not a content or claim skipped above
            following = next((m.first for m in matches if m.first > match.last and id(m) not in contents), -1)
            coded = _code(match, view, previous.last if previous is not None else -1, events, following)
            previous = match
            events.extend(coded)
            if coded and match.trigger.event_type == "ACCUSE" and claim_end < 0:
                claim_end = match.last
            if coded and coded[0].event_type in _WITH_CONTENT and content_from < 0:
                content_from = match.last
            if (
                match.trigger.event_type in _UNREALISED_CONTENT
                and not match.trigger.inverse  # "auf Bitten Berlins … unterstützt": done at request
                and not _cue(lowers[match.first : match.last + 1], lexicon, "denial")  # coded as denied
                and unrealised_from < 0
            ):
                unrealised_from = match.last
                unrealised_type = match.trigger.event_type
        if mentions and lexicon.cues.get("threat_conditions"):
            # "Sollte Moskau eskalieren, würden die Europäer weitere Schritte beschließen"
            view = view or make_view()
            events = events + conditional_threat(view, matches, events)
        if mentions and not events:
            view = view or make_view()
            events = _reported_obligation(view) or _judged_speech(view)
        elif (
            mentions
            and not any(e.event_type in _JUDGED_TYPES for e in events)
            and not _QUOTES.isdisjoint(lowers)
        ):
            # "Blinken told Wang in a phone call that the balloon was „an irresponsible act“": beside
            # the call, a quoted judgement is an accusation of its own
            events = events + _judged_speech(view or make_view(), quoted=True)
    context.observe(mentions, events)
    return events
