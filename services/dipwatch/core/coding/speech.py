"""Speech: judgements reported as speech ("Borrell said Beijing's response was „regrettable“"),
events whose source is the speaker, and who speaks.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from dipwatch.core.coding.context import actor_key
from dipwatch.core.coding.emission import _JUDGEMENTS, _emit, _place_for, _tone
from dipwatch.core.coding.named_events import _answered, _named_event
from dipwatch.core.coding.structure import (
    _after_institution,
    _coordinated,
    _independent_speaker,
    _Slot,
    _View,
)
from dipwatch.core.coding.triggers import _QUOTES, TriggerMatch
from dipwatch.core.eventlex import EventLexicon, Pattern, TokenPattern, Trigger
from dipwatch.core.text import Token
from dipwatch_schemas import ActorRef, Event


def _speaker_after(
    tokens: list[Token], slots: list[_Slot], match: TriggerMatch, lexicon: EventLexicon
) -> _Slot | None:
    """The speaker of a quote or report: "…, sagte Lawrow", "…, Blinken said", "so Baerbock"."""
    speech = lexicon.cues.get("speech", frozenset())
    for index in range(match.last + 1, len(tokens)):
        if tokens[index].lower in speech:
            near = [
                s
                for s in slots
                if index - 4 <= s.first <= index + 5
                and s.first > match.last
                and (
                    s.prep is None
                    # "teilte das Außenministerium in Moskau mit": the capital stands for the ministry
                    or (s.prep in lexicon.prepositions["locative"] and _after_institution(tokens, s, lexicon))
                    or _impersonal_source(tokens, s, index, lexicon)
                )
            ]
            if near:
                return min(near, key=lambda s: abs(s.first - index))
    return None


@lru_cache(maxsize=2)
def _judgement_trigger(tone: int) -> Trigger:
    """The trigger a verb of saying carries when the judging words' ``tone`` decides the event."""
    return spoken_trigger(*_JUDGEMENTS[tone])


@lru_cache(maxsize=16)
def spoken_trigger(event_type: str, mode: str | None, cameo: str) -> Trigger:
    """A trigger made up for an event that a clause's shape carries rather than a lexicon word
    (a judgement, a reported obligation, a conditional threat): no noun, no roles from prepositions
    beyond the usual, a lower confidence."""
    return Trigger(
        event_type=event_type,
        mode=mode,
        cameo=cameo,
        noun=False,
        of_role="target",
        from_role="none",
        visit=False,
        symmetric=False,
        place_is_source=False,
        with_is_target=True,
        confidence=0.55,
    )


def _judged_speech(view: _View, quoted: bool = False) -> list[Event]:
    """ "Borrell said Beijing's response was „regrettable“": a judgement reported as speech.

    Statements are how states accuse and praise each other most of the time; with no trigger word,
    the speech verb carries the event, the judging words (``sentiment``) decide its type, the
    speaker is the source and the first other actor (the one judged) the target. ``quoted``: only
    words inside quotation marks judge (a sentence that codes other events already).
    """
    lowers, lexicon = view.lowers, view.lexicon
    index = _speech_verb(lowers, lexicon)
    if index < 0:
        return []
    tone = _tone(_quoted_words(lowers) if quoted else lowers, lexicon)
    if tone is None:
        return []
    trigger = _judgement_trigger(tone)
    pattern = Pattern((TokenPattern(lowers[index], False, False),), trigger, f"{lowers[index]} + judgement")
    match = TriggerMatch(index, index, (index,), pattern)
    return _spoken_about(match, index, view)


def _obligation_trigger() -> Trigger:
    """The trigger of a reported obligation ("Nordkorea solle alle Handlungen einstellen, sagte Mattis")."""
    return spoken_trigger("REQUEST", "demand", "100")


def _reported_obligation(view: _View) -> list[Event]:
    """ "Russland müsse seine Truppen abziehen, sagte Baerbock", "Mattis legte nach: Nordkorea solle …":
    what a speaker says another must do is a demand of it, though no verb of demanding is used."""
    lowers, lexicon = view.lowers, view.lexicon
    modals = lexicon.cues.get("obligation_modals")
    if not modals:
        return []
    modal = next((i for i, w in enumerate(lowers) if w in modals), -1)
    # "Man müsse der Ukraine helfen", "müssten wir …": the speaker's own side is obliged, nobody is asked
    if modal < 0 or not {"man", "wir", "ich"}.isdisjoint(lowers[max(0, modal - 1) : modal + 2]):
        return []
    speech = _speech_verb(lowers, lexicon)
    if speech < 0 and ":" not in lowers[:modal]:
        return []
    if obliges_the_speaker(view.slots, modal, speech):
        return []
    pattern = Pattern(
        (TokenPattern(lowers[modal], False, False),), _obligation_trigger(), f"{lowers[modal]} + report"
    )
    match = TriggerMatch(modal, modal, (modal,), pattern)
    if speech < 0:
        speech = lowers.index(":")  # "Mattis legte nach: …": the speaker opens the sentence
    return _spoken_about(match, speech, view)


def obliges_the_speaker(slots: list[_Slot], modal: int, speech: int) -> bool:
    """ "Deutschland müsse die Ukraine weiter unterstützen, sagte Scholz": the speaker's own state is
    the one obliged, so nobody is asked and what it must do stays its own statement. ``speech``: the
    verb of saying (``_speech_verb``, -1: none)."""
    if speech < 0:
        return False
    subject = next((s for s in reversed(slots) if s.prep is None and s.last < modal), None)
    speaker = next((s for s in slots if s.prep is None and speech < s.first <= speech + 4), None) or next(
        (s for s in reversed(slots) if s.prep is None and modal < s.first and s.last < speech), None
    )
    return (
        subject is not None
        and speaker is not None
        and actor_key(subject.mention.actor) == actor_key(speaker.mention.actor)
    )


def _quoted_words(lowers: list[str]) -> list[str]:
    """The words between quotation marks."""
    words: list[str] = []
    inside = False
    for word in lowers:
        if word in _QUOTES:
            inside = not inside
        elif inside:
            words.append(word)
    return words


def _spoken_about(match: TriggerMatch, speech: int, view: _View) -> list[Event]:
    """An event whose speaker (at the verb of saying ``speech``) is the source and the first other
    actor named, the one spoken about, the target."""
    tokens, lowers, slots, lexicon, context = view.tokens, view.lowers, view.slots, view.lexicon, view.context
    if _independent_speaker(lowers, speech, slots, lexicon):
        return []  # "Experts said the strikes were 'barbaric'": nobody speaks for a state
    seg_start, seg_end = view.bounds.stretch(speech)
    locative = lexicon.prepositions["locative"]
    actors = [
        # "Das Außenministerium in Teheran erklärte": the capital stands for the ministry, a subject
        replace(s, prep=None) if s.prep in locative and _after_institution(tokens, s, lexicon) else s
        for s in slots
        if not s.mention.compound_modifier
    ]
    speaker_slot = (
        None
        if _pronoun_speaker(lowers, speech, lexicon)
        else _inverted_speaker(tokens, actors, speech, lexicon)
        or _speaker(actors, lowers, speech, seg_start, lexicon.coordinators)
    )
    speaker = speaker_slot.mention.actor if speaker_slot else context.last_subject
    if speaker is None:
        return []
    implicit = 0.0 if speaker_slot else 0.2
    speakers = [speaker]
    if speaker_slot is not None:
        # "Brazil and Colombia said …": every member of a list that ends at the speaker speaks
        speakers = [s.mention.actor for s in _listed_before(speaker_slot, actors, lowers, lexicon)] + speakers
    speaking = {actor_key(a) for a in speakers}
    venue = _speech_venue(lowers, actors, speech, lexicon)
    others = [s for s in actors if actor_key(s.mention.actor) not in speaking and s is not venue]
    targets: list[ActorRef] = []
    referred = (
        _named_event(lowers, speech + 1, speech + 4, match, slots, lexicon, context)
        if match.first == speech
        else []
    )
    if referred:
        # "said the attacks were „unjustified“": the judgement answers the actors of the event it names
        targets = _answered(referred, actor_key(speaker))
    if not targets and others and match.first == speech:
        targets = [others[0].mention.actor]  # a judgement: the first actor named is the one judged
    elif not targets and others:
        # a phrase such as "would pay a heavy price": the actors nearest to it ("America and Britain")
        nearest = min(others, key=lambda s: abs(s.first - match.first))
        targets = [s.mention.actor for s in [nearest, *_coordinated(nearest, others, tokens, lexicon)]]
    if not targets and match.trigger.event_type == "SUPPORT":
        # praise needs someone named: "das Land habe das Recht, sich zu verteidigen" is a state's claim
        # for itself, "India's moon mission is not just India's alone" praises no one (dev set: the
        # article's last counterpart was wrong twice for each time it was right)
        return []
    if not targets:
        fallback = context.respondent(actor_key(speaker)) or context.counterpart(actor_key(speaker))
        targets = [fallback] if fallback is not None else []
        implicit += 0.2
    if not targets:
        return []
    place = _place_for(view.places, match, tokens, view.sentence) or view.fallback_place
    segment = (seg_start, seg_end) if match.first == speech else view.bounds.segment(match)
    return _emit(match, view, segment, place, speakers, targets, implicit)


def _speech_venue(lowers: list[str], slots: list[_Slot], speech: int, lexicon: EventLexicon) -> _Slot | None:
    """Where the speaker speaks: "told reporters in Ottawa that …", "said in Beijing", "erklärte in Moskau"
    (cue ``speech_venues``: the preposition a few words after the verb, no comma or word that opens what is
    said before it, cue ``reported_clause_openers``)."""
    venues = lexicon.cues.get("speech_venues", frozenset())
    clause_openers = lexicon.cues.get("reported_clause_openers", frozenset())
    for slot in slots:
        if (
            slot.prep in venues
            and speech < slot.prep_index <= speech + 5
            and not any(w == "," or w in clause_openers for w in lowers[speech + 1 : slot.prep_index])
        ):
            return slot
    return None


def _listed_before(slot: _Slot, pool: list[_Slot], lowers: list[str], lexicon: EventLexicon) -> list[_Slot]:
    """The actors listed right before ``slot`` ("Brazil and Colombia", "Saudi Arabia, the UAE and …"),
    first first; only commas, coordinators and articles between the members."""
    joiners = lexicon.coordinators | lexicon.articles | {","}
    listed: list[_Slot] = []
    current = slot
    for other in sorted((s for s in pool if s.prep is None and s.last < slot.first), key=lambda s: -s.last):
        between = lowers[other.last + 1 : current.first]
        if not between or not all(w in joiners for w in between):
            break
        if current is slot and lexicon.coordinators.isdisjoint(between):
            break  # "In Kyiv, Zelensky said": a list ends with "and" before its last member
        listed.insert(0, other)
        current = other
    return listed


def _inverted_speaker(
    tokens: list[Token], actors: list[_Slot], speech: int, lexicon: EventLexicon
) -> _Slot | None:
    """The speaker of a verb of saying that follows a comma ("Mexiko habe das Asylrecht missbraucht,
    erklärte das Präsidialamt in Quito", "…, said Lavrov"): the report comes first, the speaker after
    the verb; the subject before the comma is the one reported on."""
    if speech == 0 or tokens[speech - 1].lower != ",":
        return None
    if any(s.last == speech - 2 for s in actors) or _apposition_before(tokens, speech - 1):
        return None  # "Another senior Houthi, Hussein al-Ezzi, said": an apposition before the verb speaks
    after = [
        s
        for s in actors
        if speech < s.first <= speech + 5
        # ("das Präsidialamt in Quito" is a subject already: ``_spoken_about`` made it one)
        and (s.prep is None or _impersonal_source(tokens, s, speech, lexicon))
    ]
    return after[0] if after else None


def _pronoun_speaker(lowers: list[str], speech: int, lexicon: EventLexicon) -> bool:
    """ "Die Türkei stehe an der Seite ihrer aserbaidschanischen Brüder, sagte er", "…, he said": a pronoun
    speaks after the report; the actors before the comma are what is reported, the speaker is the one the
    pronoun stands for."""
    pronouns = lexicon.cues.get("subject_pronouns", frozenset())
    if speech > 0 and lowers[speech - 1] == ",":
        # German inversion: "…, sagte er"
        return speech + 1 < len(lowers) and lowers[speech + 1] in pronouns
    # English: "…, he said"
    return speech > 1 and lowers[speech - 1] in pronouns and lowers[speech - 2] == ","


def _impersonal_source(tokens: list[Token], slot: _Slot, speech: int, lexicon: EventLexicon) -> bool:
    """ "hieß es aus dem Kreml", "verlautete aus Moskau": an impersonal verb of saying: "aus X" speaks."""
    return (
        slot.prep in lexicon.prepositions.get("from", frozenset())
        and tokens[speech].lower in lexicon.cues.get("impersonal_speech", frozenset())
        and 0 < slot.prep_index - speech <= 3
    )


def _apposition_before(tokens: list[Token], comma: int) -> bool:
    """Whether the words before ``comma`` are a name set off by commas (", Hussein al-Ezzi,")."""
    for index in range(comma - 1, max(-1, comma - 6), -1):
        text = tokens[index].text
        if text == ",":
            return index < comma - 1
        if not (text[:1].isupper() or "-" in text):
            return False
    return False


def _speaker(
    actors: list[_Slot],
    lowers: list[str],
    index: int,
    seg_start: int,
    coordinators: frozenset[str],
) -> _Slot | None:
    """Who speaks: the subject before the verb ("Borrell said …", "Raisi, speaking in New York, said"),
    else the actor right after it ("„…“, sagte Lawrow", "…, said Lavrov"); the quote is what is said.
    A coordinated verb ("X traf Y und sagte …", "X met Y and said …") has the clause's first subject.
    (A verb of saying right after a comma is ``_inverted_speaker``'s.)"""
    before = [
        s
        for s in actors
        if s.prep is None and s.last < index and _QUOTES.isdisjoint(lowers[s.last + 1 : index])
    ]
    if before:
        in_clause = [s for s in before if s.first >= seg_start]
        if in_clause and not coordinators.isdisjoint(lowers[in_clause[-1].last + 1 : index]):
            return in_clause[0]
        return in_clause[-1] if in_clause else before[0]
    after = [s for s in actors if s.prep is None and index < s.first <= index + 4]
    return after[0] if after else None


def _speech_verb(lowers: list[str], lexicon: EventLexicon) -> int:
    """Index of the first verb of saying (-1: none); "sagte … zu" (promised) and "… ab" are no speech."""
    speech = lexicon.cues.get("speech", frozenset())
    for index, word in enumerate(lowers):
        if word not in speech:
            continue
        end = index + 1
        while end < len(lowers) and lowers[end] not in (",", ".", ";", ":"):
            end += 1
        if lexicon.language == "de" and lowers[end - 1] in ("zu", "ab"):
            continue
        return index
    return -1
