"""Conditional threats: "Sollte Moskau die Lage weiter eskalieren, würden die Europäer weitere Schritte
beschließen", "Man werde zurückschlagen, sollte der Süden eindringen", "Andernfalls würden die
Sanktionen wieder in Kraft gesetzt".

A consequence announced for the case that another state acts is a threat against that state, even
when no word of threatening is used: the one announcing it threatens, the subject of the condition is
threatened. The cue words are in the lexicon (``threat_conditions``, ``consequence``,
``threat_auxiliaries``, ``threat_consequences``).
"""

from __future__ import annotations

from dipwatch.core.coding.context import actor_key
from dipwatch.core.coding.emission import _emit, _place_for, _tone
from dipwatch.core.coding.speech import _speaker_after, spoken_trigger
from dipwatch.core.coding.structure import _SEGMENT_BREAKS, _View
from dipwatch.core.coding.triggers import TriggerMatch
from dipwatch.core.eventlex import Pattern, TokenPattern, Trigger
from dipwatch_schemas import ActorRef, Event

_HOSTILE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "REJECT", "THREATEN"})
_CONCILIATORY = frozenset({"CONCEDE", "AID", "SUPPORT", "RETREAT"})  # not "gemeinsam mit" allies


def _threat_trigger() -> Trigger:
    return spoken_trigger("THREATEN", None, "130")


def conditional_threat(view: _View, matches: list[TriggerMatch], events: list[Event]) -> list[Event]:
    """The threat of a sentence that announces a hostile consequence of another's act (none if the
    sentence already codes a threat)."""
    lowers, lexicon, slots, context = view.lowers, view.lexicon, view.slots, view.context
    conditions = lexicon.cues.get("threat_conditions")
    auxiliaries = lexicon.cues.get("threat_auxiliaries")
    if not conditions or not auxiliaries or any(e.event_type == "THREATEN" for e in events):
        return []
    otherwise = lexicon.cues.get("consequence", frozenset())
    start = next((i for i, w in enumerate(lowers) if w in conditions or w in otherwise), -1)
    if start < 0:
        return []
    end = start + 1
    if lowers[start] in conditions:
        while end < len(lowers) and lowers[end] not in _SEGMENT_BREAKS:
            end += 1
    outside = [i for i in range(len(lowers)) if not start <= i < end]
    aux = next((i for i in outside if lowers[i] in auxiliaries), -1)
    if aux < 0:
        return []
    main = [lowers[i] for i in outside]
    if any(m.trigger.event_type in _CONCILIATORY and not start <= m.first < end for m in matches):
        return []  # "Sollte Iran Inspektoren zulassen, werde die EU die Sanktionen aufheben": a promise
    hostile = any(
        m.trigger.event_type in _HOSTILE and not start <= m.first < end for m in matches
    ) or not lexicon.cues.get("threat_consequences", frozenset()).isdisjoint(main)
    if not hostile and _tone(main, lexicon) != -1:
        return []
    free = [s for s in slots if s.prep is None and not s.mention.compound_modifier]
    targets: list[ActorRef] = []
    if lowers[start] in conditions:
        threatened = [s for s in free if start < s.first < end]
        if threatened:
            targets = [threatened[0].mention.actor]
    else:  # "Andernfalls …": the one just asked to act
        requests = context.last_by_type.get("REQUEST") or []
        asked = [e for e in events if e.event_type == "REQUEST"] or requests[-1:]
        if asked and asked[-1].target is not None:
            targets = [asked[-1].target]
    if not targets:
        return []
    pattern = Pattern(
        (TokenPattern(lowers[aux], False, False),), _threat_trigger(), f"{lowers[aux]} + condition"
    )
    match = TriggerMatch(aux, aux, (aux,), pattern)
    threatened_key = actor_key(targets[0])
    speaker = _speaker_after(view.tokens, slots, TriggerMatch(start, start, (start,), pattern), lexicon)
    acting = [s for s in free if not start <= s.first < end and actor_key(s.mention.actor) != threatened_key]
    source: ActorRef | None
    if acting:
        source = acting[0].mention.actor
    elif speaker is not None:
        source = speaker.mention.actor
    elif lowers[start] not in conditions and context.last_by_type.get("REQUEST"):
        source = context.last_by_type["REQUEST"][-1].source
    else:
        source = context.last_subject
    if source is None or actor_key(source) == threatened_key:
        return []
    place = _place_for(view.places, match, view.tokens, view.sentence) or view.fallback_place
    return _emit(match, view, view.bounds.segment(match), place, [source], targets, 0.2)
