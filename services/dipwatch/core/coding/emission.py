"""Event emission: one trigger's events between its sources and targets, with the type a judgement
or a condition gives, the modality and negation from cue words, and the codebook values.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat
from typing import Any, cast

from dipwatch.core.coding.context import actor_key
from dipwatch.core.coding.structure import _Bounds, _View
from dipwatch.core.coding.triggers import _QUOTES, TriggerMatch
from dipwatch.core.eventlex import EventLexicon, codebook
from dipwatch.core.text import Sentence, Token
from dipwatch_schemas import ActorRef, Event, EventType, Modality, Place

_JUDGEMENTS: dict[int, tuple[str, str, str]] = {
    -1: ("ACCUSE", "disapprove", "111"),
    1: ("SUPPORT", "praise", "051"),
}
"""A judgement's tone → event type, mode and CAMEO code (evaluation verbs and judged speech)."""
_JUDGED_TYPES = frozenset(kind for kind, _, _ in _JUDGEMENTS.values())


def _condition(lowers: list[str], match: TriggerMatch, seg_start: int, lexicon: EventLexicon) -> str | None:
    """Where a condition stands: "inside" (the trigger is in the if-clause), "attached" (elsewhere in the
    sentence: the act depends on it), or None."""
    conditionals = lexicon.cues.get("conditional", frozenset())
    consequences = lexicon.cues.get("consequence", frozenset())
    if not consequences.isdisjoint(lowers[seg_start : match.first]):
        return "attached"  # "Andernfalls würden die Sanktionen …", "otherwise": the act is what follows
    if not conditionals.isdisjoint(lowers[seg_start : match.first]):
        return "inside"
    if not conditionals.isdisjoint(lowers):
        return "attached"
    return None


@lru_cache(maxsize=16)
def _star_prefixes(words: frozenset[str]) -> tuple[str, ...]:
    """The prefixes of a word list's "word*" entries (built once per list, not per sentence)."""
    return tuple(w[:-1] for w in words if w.endswith("*"))


def _tone(words: list[str], lexicon: EventLexicon) -> int | None:
    """-1 for disapproving, +1 for approving words (``sentiment`` in the lexicon), None for neither."""
    negative = lexicon.sentiment.get("negative", frozenset())
    positive = lexicon.sentiment.get("positive", frozenset())
    negative_prefixes = _star_prefixes(negative)
    negators = lexicon.cues.get("tone_negators", frozenset())
    score = 0
    for index, word in enumerate(words):
        if negators and not negators.isdisjoint(words[max(0, index - 2) : index]):
            continue  # "without a breakthrough", "not helpful": no judgement either way
        if word in negative or word.startswith(negative_prefixes):
            score -= 1
        elif word in positive:
            score += 1
    return None if score == 0 else (-1 if score < 0 else 1)


def _emit(
    match: TriggerMatch,
    view: _View,
    segment: tuple[int, int],
    place: Place | None,
    source_refs: list[ActorRef],
    target_refs: list[ActorRef],
    implicit: float,
    official: bool = False,
    forced: bool = False,
) -> list[Event]:
    """The events of one trigger between its sources and targets: type, modality, codebook values.

    ``segment`` is the trigger's stretch widened over lists of actors; modality cues are read in
    its plain comma-delimited stretch.
    """
    tokens, lowers, bounds, lexicon, sentence = (
        view.tokens,
        view.lowers,
        view.bounds,
        view.lexicon,
        view.sentence,
    )
    date = view.date
    trigger = match.trigger
    if trigger.target_kinds:
        target_refs = [t for t in target_refs if t.kind in trigger.target_kinds]
    seg_start, seg_end = segment
    modality, negated = _modality(lowers, bounds, bounds.segment(match), match, lexicon)
    event_type, mode, cameo = trigger.event_type, trigger.mode, trigger.cameo
    if event_type == "EVALUATE":
        # "nannte die Ausladung „irritierend“", "called the move a provocation": the words decide
        # the judging words are often quoted: "sprach von einer „unprovozierten Aggression“"
        end = seg_end
        if end + 2 < len(lowers) and lowers[end + 1] in _QUOTES:
            end = bounds.clause(end + 2)[1]
            # "von einem „Akt der Verzweiflung“ und einer „Provokation“": coordinated quotes judge together
            joiners = lexicon.coordinators | lexicon.articles | {","}
            while end + 3 < len(lowers) and lowers[end + 1] in _QUOTES:
                following = end + 2
                while following < min(len(lowers) - 1, end + 5) and lowers[following] in joiners:
                    following += 1
                if following == end + 2 or lowers[following] not in _QUOTES:
                    break
                end = bounds.clause(following + 1)[1]
        tone = _tone(lowers[match.first : end + 1], lexicon) or trigger.tone or None
        if tone is None:
            return []
        event_type, mode, cameo = _JUDGEMENTS[tone]
    if event_type == "PROTEST" and mode == "demo" and forced:
        # ``forced``: police or troops of a state at a foreign mission: coercion, not a protest
        event_type, mode, cameo = "COERCE", None, "170"
    elif event_type == "PROTEST" and mode == "demo" and official:
        # ``official``: the protesters are a government, not its people: an official complaint
        event_type, mode, cameo = "ACCUSE", None, "111"
    elif event_type == "CONSULT" and modality in ("intended", "proposed"):
        event_type, mode, cameo = "AGREE", "meet", "036"
    elif event_type == "RETREAT" and modality == "proposed":
        # "offered the Houthis a nationwide ceasefire", "schlug eine Waffenruhe vor": an offer to
        # de-escalate (PLOVER AGREE covers CAMEO 03, intent to cooperate), not yet a retreat
        event_type, mode, cameo = "AGREE", None, "030"
    elif event_type == "AID" and _cue(lowers[match.last + 1 : match.last + 5], lexicon, "vicinity"):
        # "sent warships and fighter jets around Taiwan": hardware sent near a state, not to it
        event_type, mode, cameo = "MOBILIZE", "show-of-force", "150"
    elif event_type in ("SANCTION", "COERCE", "ASSAULT", "MOBILIZE"):
        condition = _condition(lowers, match, seg_start, lexicon)
        if condition == "inside":
            return []  # "… if Russia attacked": the condition, not an event
        elif (condition == "attached" and modality in ("hypothetical", "intended", "asserted")) or (
            modality == "hypothetical" and match.trigger.event_type in ("SANCTION", "COERCE")
        ):
            # "würden … Sanktionen beschließen, falls …", "could freeze ratification": a conditional or
            # possible punishment announced is a threat
            restrict = event_type in ("SANCTION", "COERCE")
            event_type, mode, cameo = (
                ("THREATEN", "restrict", "131") if restrict else ("THREATEN", "violence", "138")
            )
            modality = "asserted"
    assert event_type is not None
    book = codebook()
    confidence = trigger.confidence - implicit
    if modality in ("hypothetical", "reported"):
        confidence -= 0.15
    words = [tokens[i].text for i in match.indices]
    trigger_text = (
        " … ".join(words) if len(words) > 1 and match.last - match.first >= len(words) else " ".join(words)
    )
    quad_class, goldstein = book.quad_class(cameo), book.goldstein(cameo)
    confidence = round(max(0.05, min(0.99, confidence)), 2)
    events = []
    for src in source_refs:
        src_key = actor_key(src)
        if src_key is None:
            continue
        for tgt in target_refs:
            tgt_key = actor_key(tgt)
            if tgt_key is None or src_key == tgt_key:
                continue
            events.append(
                _trusted_event(  # every value is valid by construction (codebook, clamped confidence)
                    {
                        "event_type": cast(EventType, event_type),
                        "mode": mode,
                        "cameo_code": cameo,
                        "quad_class": quad_class,
                        "goldstein": goldstein,
                        "source": src,
                        "target": tgt,
                        "place": place,
                        "date": date,
                        "modality": modality,
                        "negated": negated,
                        "sentence": sentence.text,
                        "sentence_index": sentence.index,
                        "confidence": confidence,
                        "trigger": trigger_text,
                    }
                )
            )
    return events


_EVENT_FIELDS = tuple(Event.model_fields)


def _trusted_event(values: dict[str, Any]) -> Event:
    """``Event.model_construct(**values)`` for values that name every field in field order, without
    its per-field alias and default handling (a tenth of the coding time): the same instance state,
    ``__dict__`` in field order, every field marked as set, no extra or private attributes."""
    if tuple(values) != _EVENT_FIELDS:
        return Event.model_construct(**values)
    event = Event.__new__(Event)
    object.__setattr__(event, "__dict__", values)
    object.__setattr__(event, "__pydantic_fields_set__", set(_EVENT_FIELDS))
    object.__setattr__(event, "__pydantic_extra__", None)
    object.__setattr__(event, "__pydantic_private__", None)
    return event


def _cue(lowers: list[str], lexicon: EventLexicon, name: str) -> bool:
    """Whether a word, a prefixed word or a phrase of cue list ``name`` occurs in ``lowers``."""
    words, prefixes, phrases = lexicon.cue_index(name)
    if not words.isdisjoint(lowers):
        return True
    if prefixes and any(map(str.startswith, lowers, repeat(prefixes))):  # no Python frame per word
        return True
    if phrases and not phrases.keys().isdisjoint(lowers):
        for index, word in enumerate(lowers):
            candidates = phrases.get(word)
            if candidates and any(tuple(lowers[index : index + len(p)]) == p for p in candidates):
                return True
    return False


def _modality(
    lowers: list[str],
    bounds: _Bounds,
    segment: tuple[int, int],
    match: TriggerMatch,
    lexicon: EventLexicon,
) -> tuple[Modality, bool]:
    """Cues in the trigger's clause and the one before it ("kündigte an, … zu treffen"), not the sentence.

    ``segment`` is the trigger's comma-delimited stretch (``_Bounds.segment``).
    """
    start, end = bounds.clause(match.first)
    seg_start, seg_end = segment
    before = bounds.after_pause(seg_start - 1)
    scope_start = max(start, before if before >= 0 else seg_start)
    # "would remain engaged … and was in talks with Niger": a coordinated finite verb starts its own
    # predicate; the modal before it does not reach the trigger
    finite = lexicon.cues.get("finite_auxiliaries", frozenset())
    for index in range(match.first - 1, scope_start, -1):
        if lowers[index] in finite and lowers[index - 1] in lexicon.coordinators:
            scope_start = index
            break
    scope = lowers[scope_start : seg_end + 1]
    window = lowers[max(0, match.first - 6) : min(len(lowers), match.last + 4)]
    clause = lowers[start : end + 1]
    negation = lexicon.cues.get("negation", frozenset())
    own = set(match.indices)  # "would not allow", "nicht bereit": the trigger's own negation is its meaning
    window = [w for i, w in enumerate(window, max(0, match.first - 6)) if i not in own]
    negated = not negation.isdisjoint(window) or (
        lexicon.language == "de" and not negation.isdisjoint(lowers[match.last : seg_end + 1])
    )
    event_type = match.trigger.event_type
    if _cue(clause, lexicon, "denial") and event_type != "REJECT":
        return "denied", True
    if negated:
        return "denied", True
    following = (
        lowers[seg_end + 2 : seg_end + 3] if seg_end + 1 < len(lowers) and lowers[seg_end + 1] == "," else []
    )
    conditional = scope + following  # "…, falls Moskau angreift": a condition right after the clause
    if event_type not in ("THREATEN", "REQUEST") and _cue(conditional, lexicon, "hypothetical"):
        return "hypothetical", False
    if _cue(scope, lexicon, "proposed"):
        return "proposed", False
    # "flew to Tbilisi … to win backing for the six-point plan": an English intention is announced before
    # the trigger or right after it ("visit Moscow next week"), not by a noun at the clause's end (German
    # puts it last: "zu Verhandlungen bereit")
    end = seg_end if lexicon.language == "de" else min(seg_end, match.last + 3)
    intention = lowers[scope_start : end + 1]
    if event_type not in ("THREATEN",) and _cue(intention, lexicon, "intended"):
        return "intended", False
    if _cue(clause, lexicon, "reported"):
        return "reported", False
    return "asserted", False


def _place_for(
    places: list[Place], match: TriggerMatch, tokens: list[Token], sentence: Sentence
) -> Place | None:
    return places[0] if places else None
