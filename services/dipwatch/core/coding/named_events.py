"""Event nouns that name events: a trigger that is another's object or an event the article has
reported ("begrüßte das Treffen", "nach dem Anschlag"), and the earlier events a response's object
names ("wies die Vorwürfe zurück"), with the actors answering them addresses.
"""

from __future__ import annotations

from dipwatch.core.coding.context import Context, actor_key
from dipwatch.core.coding.structure import _is_modifier, _is_nominal, _Slot
from dipwatch.core.coding.triggers import _QUOTES, TriggerMatch
from dipwatch.core.eventlex import EventLexicon
from dipwatch.core.text import Token
from dipwatch_schemas import ActorRef, Event

_RESPONSES = frozenset({"REJECT", "ACCUSE", "THREATEN", "EVALUATE"})
"""Types that, with no target named, answer the actor who last acted on their source."""
_MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # both parties act


def _names_an_event(
    tokens: list[Token],
    match: TriggerMatch,
    previous: TriggerMatch | None,
    lexicon: EventLexicon,
    context: Context,
) -> bool:
    """A noun trigger that names an event rather than reporting a new one.

    The object of another trigger ("begrüßte das Treffen", "warned of an attack", "forderte
    Sanktionen"), or a sentence's definite subject once the article has coded that type ("Das
    Treffen habe „seinen Sinn verloren“", "The meeting, the first in 25 years, was hosted by …"), or
    a time ("nach dem Anschlag", "after the attack").
    """
    # "demanded the immediate release of X": a noun with its complement is a noun too
    complemented = len(match.indices) > 1 and tokens[match.indices[1]].lower in lexicon.cues.get(
        "noun_complements", frozenset()
    )
    if not complemented and not _is_nominal(tokens, match, lexicon):
        return False
    if previous is not None and previous.last < match.first:
        between = tokens[previous.last + 1 : match.first]
        if len(between) <= 3 and all(
            t.lower in lexicon.articles or _is_modifier(t, lexicon) for t in between
        ):
            return True
    # "nach dem Anschlag", "after the attack", "ahead of the summit": a time given by an event
    temporal = lexicon.cues.get("temporal", frozenset())
    index = match.first - 1
    while index >= 0 and (tokens[index].lower in lexicon.articles or _is_modifier(tokens[index], lexicon)):
        index -= 1
    if index >= 0 and tokens[index].lower in temporal:
        # "nach dem Treffen mit Wang Yi": a time given by an event the article has reported; one it
        # has not reported yet is news of its own
        return match.trigger.event_type in context.last_by_type
    definite = lexicon.cues.get("definite", frozenset())
    return (
        match.first == 1 and tokens[0].lower in definite and match.trigger.event_type in context.last_by_type
    )


def _referred_event(
    lowers: list[str],
    match: TriggerMatch,
    seg_end: int,
    slots: list[_Slot],
    lexicon: EventLexicon,
    context: Context,
) -> list[Event]:
    """The earlier events a response's object names ("wies die Vorwürfe zurück", "condemned the strikes",
    "welcomed the deal").

    Only for responses (rejections, accusations, threats, evaluations, welcomes) and only when the event noun
    comes before any named actor: "condemned the Russian strikes" names its target itself.
    """
    if match.trigger.event_type not in _RESPONSES and match.trigger.event_type != "SUPPORT":
        return []
    if seg_end + 1 < len(lowers) and lowers[seg_end + 1] in _QUOTES:
        # "sprach von einem „provokativen Schritt“": the quoted object still names the event
        closing = next((i for i in range(seg_end + 2, len(lowers)) if lowers[i] in _QUOTES), seg_end)
        seg_end = closing - 1 if closing > seg_end else seg_end
    return _named_event(
        lowers, match.first + 1, min(seg_end, match.first + 6), match, slots, lexicon, context
    )


def _named_event(
    lowers: list[str],
    start: int,
    end: int,
    match: TriggerMatch,
    slots: list[_Slot],
    lexicon: EventLexicon,
    context: Context,
) -> list[Event]:
    """The earlier events an event noun between ``start`` and ``end`` names, if it comes before any actor."""
    for index in range(start, min(end, len(lowers) - 1) + 1):
        if index in match.indices:
            continue
        if any(s.first <= index <= s.last for s in slots):
            return []
        for pattern in lexicon.candidates(lowers[index]):
            event_type = pattern.trigger.event_type
            if len(pattern.tokens) == 1 and event_type in context.last_by_type:
                return _same_target(context.last_by_type[event_type])
        for event_type in lexicon.named_types(lowers[index]):
            if event_type in context.last_by_type:
                return _same_target(context.last_by_type[event_type])
    return []


def _same_target(events: list[Event]) -> list[Event]:
    """The latest event and the earlier ones of its kind against the same target: "the strikes" after
    "the United States and Britain launched strikes on Yemen" and "the strikes hit 60 targets" are both
    countries'; "die Vorwürfe" after a criticism and an accusation are the accusation only."""
    latest = events[-1]
    key = actor_key(latest.target) if latest.target else None
    return [
        e
        for e in events
        if e is latest
        or (e.cameo_code == latest.cameo_code and e.target is not None and actor_key(e.target) == key)
    ]


def _answered(referred: list[Event], source_key: str | None) -> list[ActorRef]:
    """Who the events named answer to: their sources, or their targets where the source responds;
    both parties of a mutual act ("welcomed the deal" between Iran and Saudi Arabia)."""
    answered: dict[str, ActorRef] = {}
    for event in referred:
        actors: list[ActorRef | None]
        if event.event_type in _MUTUAL_TYPES and event.target is not None:
            actors = [event.source, event.target]
        else:
            actors = [event.source if actor_key(event.source) != source_key else event.target]
        for actor in actors:
            key = actor_key(actor) if actor is not None else None
            if actor is not None and key is not None and key != source_key:
                answered.setdefault(key, actor)
    return list(answered.values())
