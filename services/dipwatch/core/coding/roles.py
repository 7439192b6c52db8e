"""Coding events in one sentence: trigger → PLOVER/CAMEO, clause roles → source and target.

Roles come from light clause rules instead of a parser (PETRARCH-style dictionaries, UD-free):
- a preposition before an actor decides first: "gegen/mit/an/für/auf X", "against/with/on/to X"
  make X the target; "durch/seitens X", "by X" the source; "von X"/"of X" after a noun trigger
  is its object ("die Ausweisung von US-Diplomaten") unless the trigger says otherwise; in the
  passive "von X" is the agent;
- otherwise position: actors before the trigger are its subject (source), actors after it its
  object (target); in the passive the subject is the target; German verb-second inversion
  ("Am Donnerstag traf Lawrow Blinken") takes the first actor after the verb as subject;
- coordinated actors ("Russland und China") share a role; symmetric events (meet, agree,
  cooperate) between coordinated subjects pair them.
Modality and negation come from cue words around the trigger (``cues`` in the lexicon).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from typing import Any, cast

from dipwatch.core.actors import Mention, state_ref
from dipwatch.core.dates import resolve_date
from dipwatch.core.eventlex import EventLexicon, Pattern, TokenPattern, Trigger, codebook
from dipwatch.core.text import Sentence, Token, tokenize
from dipwatch_schemas import ActorRef, Event, EventType, Modality, Place

CLAIMED_TYPES = frozenset(
    {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "CONSULT", "AGREE", "SUPPORT"}
)
"""Types that, after an accusation in the same sentence, are its content (a denial keeps them, as denied)."""
_WITH_CONTENT = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE"})
"""Types whose infinitive complement is what is asked, threatened, refused or promised, not an event."""
_JUDGEMENTS: dict[int, tuple[str, str, str]] = {
    -1: ("ACCUSE", "disapprove", "111"),
    1: ("SUPPORT", "praise", "051"),
}
"""A judgement's tone → event type, mode and CAMEO code (evaluation verbs and judged speech)."""
_JUDGED_TYPES = frozenset(kind for kind, _, _ in _JUDGEMENTS.values())
_RESPONSES = frozenset({"REJECT", "ACCUSE", "THREATEN", "EVALUATE"})
_MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # both parties act
_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE"})
_ADDRESSED_TYPES = frozenset({"ACCUSE", "PROTEST", "REQUEST", "SUPPORT"})  # "bei X": X is addressed
# what is asked for, refused or threatened has not happened: an event noun in that content is none
_UNREALISED_CONTENT = frozenset({"REQUEST", "REJECT", "THREATEN"})
_CONTENT_REACH = 8  # tokens from such a trigger to an event noun of its object
"""Types that, with no target named, answer the actor who last acted on their source."""
_CLAUSE_BREAKS = frozenset({";", ":", "–", "—", "(", ")", '"', "„", "“", "”"})
_SEGMENT_BREAKS = _CLAUSE_BREAKS | {","}
_PAUSES = frozenset({",", ";", ":"})
assert _PAUSES <= _SEGMENT_BREAKS  # _Bounds finds the pauses among the segment breaks
_STRONG_BREAKS = frozenset({".", "!", "?"})
_QUOTES = frozenset({'"', "„", "“", "”", "«", "»", "‚", "‘", "’"})


# Not frozen (a frozen init costs a third of the trigger search); treat as read-only.
@dataclass(slots=True, unsafe_hash=True)
class TriggerMatch:
    first: int  # token index of the first pattern token
    last: int  # token index of the last pattern token
    indices: tuple[int, ...]  # token indices matched by the pattern (not the gaps)
    pattern: Pattern

    @property
    def trigger(self) -> Trigger:
        return self.pattern.trigger


class _Bounds:
    """Clause and comma-segment boundaries of one sentence, found once instead of per trigger.

    A clause runs between ``_CLAUSE_BREAKS``, a segment between those and commas; the bounds of
    the stretch around a token are the nearest breaks on either side (the token itself may be one).
    """

    __slots__ = ("_clause", "_last", "_pauses", "_segment")

    def __init__(self, lowers: list[str]) -> None:
        # one scan in C for every break; clause breaks and pauses are subsets of the segment breaks
        segment = list(compress(range(len(lowers)), map(_SEGMENT_BREAKS.__contains__, lowers)))
        if "(" in lowers:  # "(IAEA)", "(Grüne)", "(dpa)": a short parenthesis is an aside, not a break
            aside = _short_parentheses(lowers)
            segment = [i for i in segment if i not in aside]
        self._segment = segment
        self._clause = [i for i in segment if lowers[i] in _CLAUSE_BREAKS]
        self._pauses = [i for i in segment if lowers[i] in _PAUSES]
        self._last = len(lowers) - 1

    def after_pause(self, index: int) -> int:
        """Walking back from ``index``: the position right after the nearest earlier comma, semicolon
        or colon, 0 at the sentence start; ``index`` itself when it is 0 or less."""
        if index <= 0:
            return index
        before = bisect.bisect_left(self._pauses, index - 1)
        return self._pauses[before - 1] + 1 if before else 0

    def clause(self, index: int) -> tuple[int, int]:
        return _around(self._clause, index, index, self._last)

    def segment(self, match: TriggerMatch) -> tuple[int, int]:
        """The comma-delimited stretch around the trigger (widened to cover a gapped trigger)."""
        return _around(self._segment, match.first, match.last, self._last)

    def stretch(self, index: int) -> tuple[int, int]:
        """The comma-delimited stretch that contains token ``index``."""
        return _around(self._segment, index, index, self._last)


def _short_parentheses(lowers: list[str]) -> set[int]:
    """Positions of "(" and ")" around at most three words."""
    found: set[int] = set()
    for index, word in enumerate(lowers):
        if word == "(":
            close = next((j for j in range(index + 1, min(index + 5, len(lowers))) if lowers[j] == ")"), -1)
            if close > 0:
                found.update((index, close))
    return found


def _around(breaks: list[int], first: int, last: int, final: int) -> tuple[int, int]:
    """From after the last break before ``first`` to before the first break after ``last``."""
    before = bisect.bisect_left(breaks, first)
    after = bisect.bisect_right(breaks, last)
    return (
        breaks[before - 1] + 1 if before else 0,
        breaks[after] - 1 if after < len(breaks) else final,
    )


@dataclass(frozen=True, slots=True)
class _View:
    """One sentence as the coder reads it: tokens, actors, places and what the article said before."""

    tokens: list[Token]
    lowers: list[str]
    bounds: _Bounds
    slots: list[_Slot]
    sentence: Sentence
    lexicon: EventLexicon
    date: dt.date | None
    places: list[Place]
    fallback_place: Place | None
    context: Context


@dataclass(slots=True)
class _Slot:
    mention: Mention
    first: int
    last: int
    prep: str | None
    prep_index: int = -1  # token index of the preposition


def find_triggers(tokens: list[Token], lexicon: EventLexicon) -> list[TriggerMatch]:
    """Longest non-overlapping trigger matches; blockers (no type) win over shorter triggers."""
    return _find_triggers([t.lower for t in tokens], lexicon)


def codes_nothing_alone(lowers: list[str], lexicon: EventLexicon) -> bool:
    """Whether a sentence without actor mentions, given as its lower-cased tokens, codes no event:
    without a trigger, ``code_sentence`` only records it in the context (``Context.observe([], [])``),
    so the caller can skip building its tokens. A quarter of all sentences are such."""
    return not lowers or not _find_triggers(lowers, lexicon)


def _find_triggers(lowers: list[str], lexicon: EventLexicon) -> list[TriggerMatch]:
    """``find_triggers`` over the sentence's lower-cased tokens."""
    present = set(lowers)
    # Most words start no pattern; they are remembered, so a sentence costs a set difference
    # instead of a look-up per token, and only the positions of the remaining words are visited.
    idle: set[str] = lexicon.extra.setdefault("idle_words", set())
    live = present.difference(idle)
    if not live:
        return []
    known: dict[str, list[Pattern]] = lexicon.extra.setdefault("trigger_candidates", {})
    positions: list[tuple[int, list[Pattern]]] = []
    for token in live:
        candidates = known.get(token)
        if candidates is None:
            candidates = _trigger_candidates(token, lexicon)
            if candidates:
                if len(known) < 100_000:
                    known[token] = candidates
            else:
                if len(idle) < 500_000:
                    idle.add(token)
                continue
        at = -1
        for _ in range(lowers.count(token)):
            at = lowers.index(token, at + 1)
            positions.append((at, candidates))
    if not positions:
        return []
    positions.sort(key=_first)
    found: list[TriggerMatch] = []
    for index, candidates in positions:
        for pattern in candidates:
            if len(pattern.tokens) == 1:  # the candidate look-up already matched its only token
                found.append(TriggerMatch(index, index, (index,), pattern))
                continue
            # a pattern's later literal words must all occur in the sentence: most candidates fail here
            # (the rest of a match never reads the token at ``index``, so compounds need no copy)
            if not pattern.later_literals <= present:
                continue
            indices = _match_rest(lowers, index, pattern)
            if indices:
                found.append(TriggerMatch(index, indices[-1], indices, pattern))
    if not found:
        return []
    found.sort(key=_longest_first)
    taken: set[int] = set()
    typed: list[TriggerMatch] = []  # the chosen matches that code an event (blockers only take words)
    for match in found:
        if not taken.isdisjoint(match.indices):
            continue
        taken.update(match.indices)
        if match.pattern.trigger.event_type:
            typed.append(match)
    gapped = [m for m in typed if m.last - m.first + 1 > len(m.indices)]
    if not gapped:
        return sorted(typed, key=_start)
    # "wies die Kritik aus Berlin zurück": a trigger inside another's gap is that trigger's object
    kept = [m for m in typed if not any(g is not m and g.first < m.first and m.last < g.last for g in gapped)]
    return sorted(kept, key=_start)


def _longest_first(match: TriggerMatch) -> tuple[int, int, int]:
    """The longest match first; between equally long ones, the one that matched most words."""
    return match.first - match.last, -len(match.indices), match.first


def _start(match: TriggerMatch) -> int:
    return match.first


def _first(item: tuple[int, list[Pattern]]) -> int:
    return item[0]


def _trigger_candidates(token: str, lexicon: EventLexicon) -> list[Pattern]:
    """Patterns starting at ``token``; for a hyphenated compound without any ("US-Sanktionen",
    "Nato-Gipfel", "EU-Einreiseverbot"), those of its last part."""
    candidates = lexicon.candidates(token)
    if not candidates and "-" in token:
        return lexicon.candidates(token.rsplit("-", 1)[1])
    return candidates


def _match_rest(lowers: list[str], index: int, pattern: Pattern) -> tuple[int, ...]:
    """Token indices of a match of ``pattern`` starting at ``index`` (empty: no match)."""
    position = index
    indices = [index]
    for part in pattern.tokens[1:]:
        if part.gap_before:
            limit = min(len(lowers), position + 1 + pattern.trigger.max_gap)
            nxt = -1
            for j in range(position + 1, limit):
                if lowers[j] in _STRONG_BREAKS:
                    break
                if part.matches(lowers[j]):
                    nxt = j
                    break
            if nxt < 0:
                return ()
            position = nxt
        else:
            position += 1
            if position < len(lowers) and lowers[position] in _QUOTES:
                position += 1  # a quote inside a phrase: could take "painful" measures
            if position >= len(lowers) or not part.matches(lowers[position]):
                return ()
        indices.append(position)
    return tuple(indices)


def actor_key(actor: ActorRef) -> str | None:
    """What makes two actors the same side: the state they act for, else the organisation."""
    if actor.kind in ("state", "person") and actor.country:
        return actor.country
    return actor.code or actor.country


@dataclass
class Context:
    """What earlier sentences of the article said: who acted last and which actors matter most.

    Reported speech and pronouns ("Man habe vereinbart …", "Der Kreml wies jede Verantwortung
    zurück") leave the source or the target implicit; news readers take them from context.
    """

    last_subject: ActorRef | None = None
    salience: dict[str, float] = field(default_factory=dict)
    refs: dict[str, ActorRef] = field(default_factory=dict)
    acted_on_by: dict[str, ActorRef] = field(default_factory=dict)  # target key → its latest source
    # event type → the article's events of that type so far, the latest last
    last_by_type: dict[str, list[Event]] = field(default_factory=dict)
    force_by: list[ActorRef] = field(default_factory=list)  # sources of attacks, build-ups, seizures

    def observe(self, mentions: list[Mention], events: list[Event]) -> None:
        self.salience = {key: value * 0.8 for key, value in self.salience.items()}  # recency
        for mention in mentions:
            key = actor_key(mention.actor)
            if key:
                self.salience[key] = self.salience.get(key, 0.0) + 1.0
                if key not in self.refs or mention.actor.kind == "person":
                    self.refs[key] = mention.actor
        # "er/sie/he/she" in the next sentence: the last sentence's subject, a person if there is one
        subjects = [m for m in mentions if m.prep_free and not m.compound_modifier]
        persons = [m for m in subjects if m.actor.kind == "person"]
        for event in reversed(events):  # within a sentence, its first (main) event is the latest
            self.last_by_type.setdefault(event.event_type, []).append(event)
            if event.event_type in _FORCE_TYPES and event.modality in ("asserted", "reported"):
                self.force_by.append(event.source)
        for event in events:
            target = actor_key(event.target) if event.target else None
            if target:
                self.acted_on_by[target] = event.source
        if events:
            self.last_subject = events[0].source
        elif persons:
            self.last_subject = persons[0].actor
        elif subjects:
            self.last_subject = subjects[0].actor

    def _ranked(self, source_key: str | None) -> list[tuple[float, str]]:
        """(salience, key) of every actor but ``source_key``'s, most salient first."""
        return sorted(((v, k) for k, v in self.salience.items() if k != source_key), reverse=True)

    def counterparts(self, source_key: str | None, count: int) -> list[ActorRef]:
        return [self.refs[key] for _, key in self._ranked(source_key)[:count]]

    def salient(self, kind: str, language: str) -> ActorRef | None:
        """The actor of ``kind`` the article is about so far: the last subject's, else the most salient."""
        last = self.last_subject
        if kind == "state" and last is not None and last.kind in ("state", "person") and last.country:
            return last if last.kind == "state" else state_ref(last.country, language)
        if last is not None and last.kind == kind:
            return last
        for _, key in self._ranked(None):
            ref = self.refs[key]
            if kind == "state" and ref.kind in ("state", "person") and ref.country == key:
                return ref if ref.kind == "state" else state_ref(key, language)
            if ref.kind == kind:
                return ref
        return None

    def aggressor(self, source_key: str | None) -> ActorRef | None:
        """Who last used force (attacked, deployed, seized) other than ``source_key``."""
        for actor in reversed(self.force_by):
            if actor_key(actor) != source_key:
                return actor
        return None

    def respondent(self, source_key: str | None) -> ActorRef | None:
        """Who last acted on ``source_key``: the one a rejection or a counter-accusation answers."""
        actor = self.acted_on_by.get(source_key) if source_key else None
        return actor if actor is not None and actor_key(actor) != source_key else None

    def counterpart(self, source_key: str | None) -> ActorRef | None:
        ranked = self._ranked(source_key)
        return self.refs[ranked[0][1]] if ranked and ranked[0][0] >= 1.0 else None


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
        slots = _slots(tokens, base, mentions, lexicon)
        for slot in slots:
            slot.mention.prep_free = slot.prep is None
        lowers = [t.lower for t in tokens]

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
            )

        view: _View | None = None
        claim_end = content_from = unrealised_from = -1
        previous: TriggerMatch | None = None
        for match in _find_triggers(lowers, lexicon):
            if match.first > claim_end >= 0 and match.trigger.event_type in CLAIMED_TYPES:
                # "warf Russland vor, Zivilisten angegriffen zu haben": the attack is what is claimed,
                # not an event of its own
                continue
            if _names_an_event(tokens, match, previous, lexicon, context):
                continue
            if match.first > content_from >= 0 and (
                _infinitive(tokens, match, lexicon) or _coordinated_infinitive(lowers, match, content_from)
            ):
                continue  # "urged Sharaa to normalise relations", "weigerte sich, … zu liefern": the content
            if (
                match.first > unrealised_from >= 0
                and match.first - unrealised_from <= _CONTENT_REACH
                and _SEGMENT_BREAKS.isdisjoint(lowers[unrealised_from + 1 : match.first])
                and lowers[match.first - 1] not in lexicon.coordinators  # "… and attacked": a predicate
            ):
                continue  # "called for a ceasefire", "dismissed talk of a swap": asked or refused, not done
            view = view or make_view()
            coded = _code(match, view, previous.last if previous is not None else -1, events)
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
        if mentions and not events:
            events = _judged_speech(view or make_view())
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


def _slots(tokens: list[Token], base: int, mentions: list[Mention], lexicon: EventLexicon) -> list[_Slot]:
    slots: list[_Slot] = []
    starts = [t.start for t in tokens]
    for mention in mentions:
        first = _token_at(starts, mention.start - base)
        last = max(first, _token_at(starts, mention.end - base - 1))
        prep_index = _preposition_before(tokens, first, lexicon)
        prep = tokens[prep_index].lower if prep_index >= 0 else None
        if (
            slots
            and first > 0
            and tokens[first - 1].lower == "("
            and slots[-1].last == first - 2
            and actor_key(slots[-1].mention.actor) == actor_key(mention.actor)
        ):
            continue  # "der Internationalen Atomenergiebehörde (IAEA)": the acronym repeats the name
        slots.append(_Slot(mention, first, last, prep, prep_index))
    return slots


def _token_at(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _preposition_before(tokens: list[Token], first: int, lexicon: EventLexicon) -> int:
    """Index of the preposition governing the phrase at token ``first`` (or -1); articles are skipped."""
    all_preps = lexicon.prepositions["all"]
    skipped = 0
    index = first - 1
    while index >= 0 and skipped <= 3:
        word = tokens[index].lower
        if word in all_preps:
            return index
        if word in lexicon.articles or word.isdigit() or _is_modifier(tokens[index], lexicon):
            skipped += 1
            index -= 1
            continue
        if word in ("'s", "’s") and index > 0:
            skipped += 1
            index -= 2  # "talks with China's foreign minister Wang Yi"
            continue
        if lexicon.language == "de" and tokens[index].is_capitalised and word.endswith("s") and skipped == 0:
            skipped += 1
            index -= 1  # a genitive owner: "mit Chinas Außenminister Qin Gang"
            continue
        return -1
    return -1


def _is_modifier(token: Token, lexicon: EventLexicon) -> bool:
    if token.lower in lexicon.prepositions["all"]:
        return False
    if lexicon.language == "de":
        return not token.is_capitalised and token.lower.endswith(("e", "en", "er", "es", "em"))
    return token.lower in lexicon.cues.get("modifiers", frozenset())


def _is_passive(lowers: list[str], bounds: _Bounds, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    if match.trigger.noun:
        return False
    auxiliaries = lexicon.cues.get("passive_aux", frozenset())
    head = lowers[match.last] if lexicon.language == "de" else lowers[match.first]
    if lexicon.language == "de":
        # participles: "getroffen", "verhängt", "einbestellt", "kritisiert", "ausgewiesen"
        if (
            not head.endswith(("t", "en"))
            or head.endswith(("ten", "test"))
            or head in lexicon.cues.get("not_participles", frozenset())  # "sei zu Gesprächen bereit"
        ):
            return False
        start, end = bounds.clause(match.first)
        present = auxiliaries.intersection(lowers[start : end + 1])
        if present & {"wurde", "wurden", "worden", "wurdest"}:
            return True
        # "wird … treffen" is future tense, "wird … verhängt" passive
        return bool(present) and (head.startswith("ge") or head.endswith(("t", "iert")) or "ge" in head[2:6])
    if not head.endswith(("ed", "en", "ne", "et", "ut", "ld")):
        return False
    return not auxiliaries.isdisjoint(lowers[max(0, match.first - 3) : match.first])


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
    score = 0
    for word in words:
        if word in negative or word.startswith(negative_prefixes):
            score -= 1
        elif word in positive:
            score += 1
    return None if score == 0 else (-1 if score < 0 else 1)


def _is_relative(tokens: list[Token], index: int, relatives: frozenset[str]) -> bool:
    """A relative pronoun opens the clause ("…, die am Sonntag …"), not an article ("…, die Türkei sei …")."""
    if index == 0 or tokens[index].lower not in relatives:
        return False  # (a sentence opens with an article: "Der ukrainische Präsident …")
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is None or not following.is_capitalised


def _is_nominal(tokens: list[Token], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """A noun trigger ("die Ausweisung", "the expulsion"): owner and "of"-phrases take its roles."""
    if match.trigger.noun:
        return True
    if lexicon.language == "de":
        # every matched word a noun ("Sanktionen", "Gipfeltreffen"); "Soldaten … zusammengezogen" has a verb
        # ("Maßnahmen gegen": a noun with its preposition)
        preps = lexicon.prepositions["all"]
        return (
            match.first > 0
            and tokens[match.first - 1].lower not in _STRONG_BREAKS
            and all(tokens[i].is_capitalised or tokens[i].lower in preps for i in match.indices)
            and tokens[match.first].is_capitalised
        )
    if len(match.indices) > 1:
        return False
    previous = tokens[match.first - 1].lower if match.first else ""
    return previous in lexicon.articles or previous.endswith(("'s", "’s"))


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
                )
            ]
            if near:
                return min(near, key=lambda s: abs(s.first - index))
    return None


def _code(
    match: TriggerMatch, view: _View, previous_end: int = -1, coded_before: list[Event] | None = None
) -> list[Event]:
    """The events of one trigger: its sources and targets from clause rules, else from context.

    ``previous_end``: where the sentence's previous trigger ends (-1: none); ``coded_before``: the
    events the sentence has coded so far."""
    tokens, lowers, bounds, slots, lexicon = view.tokens, view.lowers, view.bounds, view.slots, view.lexicon
    sentence, places, context = view.sentence, view.places, view.context
    trigger = match.trigger
    preps = lexicon.prepositions
    relatives = lexicon.cues.get("relative", frozenset())
    if _attributive(tokens, match, slots, lexicon):
        return []
    speech = _speech_verb(lowers, lexicon) if trigger.speaker_source else -1
    if speech >= 0:
        # "Jede Aggression werde für Moskau „einen hohen Preis“ haben, sagte Stoltenberg"
        return _spoken_about(match, speech, view)
    passive = _is_passive(lowers, bounds, match, lexicon)
    nominal = _is_nominal(tokens, match, lexicon) or _after_adjective(tokens, slots, match, lexicon)
    segment = bounds.segment(match)
    seg_start, seg_end = segment
    # "Polen, Litauen, Lettland und Estland reisten …": a list of actors is one stretch, commas and all
    if (seg_start > 1 and lowers[seg_start - 1] == ",") or (
        seg_end + 2 < len(lowers) and lowers[seg_end + 1] == ","
    ):
        ends = {slot.last for slot in slots}
        starts = {slot.first for slot in slots}
        # a list member is followed by a comma or "und"/"and"; "mediated by Qatar, Ethiopian troops
        # are to withdraw": an actor that heads a longer phrase starts a new clause, not a list
        listed = {
            slot.first
            for slot in slots
            if slot.last + 1 < len(lowers)
            and (lowers[slot.last + 1] == "," or lowers[slot.last + 1] in lexicon.coordinators)
        }

        def actor_at(index: int) -> int:  # "…, the United Arab Emirates, …": past an article
            while index < len(lowers) - 1 and lowers[index] in lexicon.articles and index not in starts:
                index += 1
            return index

        while (
            seg_start > 1
            and lowers[seg_start - 1] == ","
            and seg_start - 2 in ends
            and actor_at(seg_start) in starts
            and actor_at(seg_start) in listed
        ):
            seg_start = bounds.stretch(seg_start - 2)[0]
        # "… thanked Qatar, Oman, Switzerland and South Korea": the same after the trigger
        while (
            seg_end + 2 < len(lowers)
            and lowers[seg_end + 1] == ","
            and seg_end in ends
            and seg_end + 2 in starts
        ):
            seg_end = bounds.stretch(seg_end + 2)[1]
    # a noun trigger takes the clause subject only after a light verb ("verhängte Sanktionen", "held talks")
    subject_allowed = (
        not nominal
        or not lexicon.cues.get("light_verbs", frozenset()).isdisjoint(lowers[seg_start : seg_end + 1])
        or _possessed(tokens, match, lexicon)
        or _attended(tokens, match, lexicon)
    )
    sources: list[_Slot] = []
    targets: list[_Slot] = []
    outside_targets: list[_Slot] = []
    outside_sources: list[_Slot] = []
    subjects: list[_Slot] = []
    objects: list[_Slot] = []
    owner: _Slot | None = None
    late_sources: list[_Slot] = []
    governments: set[int] = set()
    subordinators = lexicon.cues.get("subordinators", frozenset())
    # "russische Einheiten trafen in Belarus ein", "U.S. citizens arrived in Qatar": people who are no
    # envoys of their state neither meet nor visit for it
    non_agents = (
        lexicon.cues.get("non_agents", frozenset()) if trigger.event_type == "CONSULT" else frozenset()
    )
    crowd = False
    governed: set[int] = set()  # actors after the trigger's own preposition: "reist … nach X", "talks with X"
    summoned_to: list[_Slot] = []
    for slot in slots:
        inside = seg_start <= slot.first <= seg_end
        after = slot.first > match.first
        # a preposition that belongs to the trigger ("bedankte sich bei X", "talks with X") marks the object
        prep = None if slot.prep_index in match.indices else slot.prep
        if prep is None and slot.prep is not None:
            governed.add(id(slot))
        if slot.first in match.indices:
            # an actor inside a trigger word: "US-Sanktionen" (owner), "Russland-Sanktionen" (target)
            if slot.mention.compound_modifier and trigger.of_role == "target":
                targets.append(slot)
            else:
                owner = slot
            continue
        if slot.mention.compound_modifier and prep is None:
            continue  # "Ukraine-Krieg", "Nahost-Konflikt": a topic, not a participant
        if nominal and (
            (prep is None and _adjacent_owner(tokens, slot, match, lexicon))
            or (slot.last + 1 == match.first and _is_adjective(slot.mention))
        ):
            # "auf den iranischen Raketenangriff", "against the Russian invasion": the preposition
            # governs the whole noun phrase; the adjective right before the noun owns it
            owner = slot
            continue
        if prep in subordinators and not nominal and _clause_subject(tokens, slot, match, slots, lexicon):
            # "… after Joe Biden pressed Netanyahu", "after Belarus forced a plane to land and arrested
            # …": a conjunction, the actor is its clause's subject
            sources.append(slot)
            continue
        if (
            prep is not None
            and lexicon.language == "en"
            and previous_end < slot.first
            and slot.last < match.first
            and previous_end >= 0
        ):
            # "breaking off relations with Ecuador in solidarity with Mexico": an English phrase between
            # two triggers belongs to the first
            continue
        if prep is not None and prep in preps["locative"] and _after_institution(tokens, slot, lexicon):
            prep = None  # "das Außenministerium in Moskau": the capital stands for the government
            governments.add(id(slot))
        bucket: list[_Slot] | None = None
        if prep is None and not after and not subject_allowed:
            continue
        if (
            prep is None
            and non_agents
            and slot.last + 1 < len(lowers)
            and lowers[slot.last + 1] in non_agents
        ):
            crowd = True
            continue
        if prep is None:
            bucket = objects if after else subjects
        elif prep in preps["target"] and (prep not in preps["with"] or trigger.with_is_target):
            bucket = targets
        elif prep in preps["agent"]:
            # "by X" is the agent of a passive or a noun; after an active verb it belongs to the object
            # ("sanctions were imposed on Iran by the EU": the passive may sit outside the trigger)
            agentive = (
                passive or nominal or not after or _passive_between(lowers, match.last, slot.first, lexicon)
            )
            bucket = sources if agentive else targets
        elif prep in preps["of"]:
            if passive:
                bucket = sources
            elif after:
                bucket = sources if trigger.of_role == "source" else targets
            else:
                bucket = subjects
        elif prep in preps["from"] and trigger.from_role in ("source", "target"):
            bucket = sources if trigger.from_role == "source" else targets
        elif prep in preps["locative"] and trigger.visit:
            bucket = targets
        elif (
            prep in preps["locative"]
            and trigger.event_type == "SANCTION"
            and slot.prep_index > 0
            and lowers[slot.prep_index - 1] in lexicon.cues.get("envoys", frozenset())
        ):
            bucket = targets  # "rief seinen Botschafter in Irland zurück": the country of the post
        elif (
            prep in preps.get("addressee", ())
            and trigger.event_type in _ADDRESSED_TYPES
            and not slot.mention.capital_metonym
            and not _is_adjective(slot.mention)
        ):
            bucket = targets  # "hat bei China gegen … protestiert", "beschwerte sich bei der EU"
        if bucket is None:
            if prep in preps["locative"] and not _is_adjective(slot.mention):
                summoned_to.append(slot)  # "ins Auswärtige Amt einbestellt": where a summons leads
            continue  # any other preposition (place, topic, time): not a participant
        if bucket is sources and after and not passive and not nominal:
            late_sources.append(slot)  # "Iraq expelled X's ambassador … from Stockholm": the subject wins
        if inside or bucket is subjects:
            bucket.append(slot)
        elif bucket is targets or bucket is objects:
            outside_targets.append(slot)
        else:
            # "die Unterstützung aus Griechenland: Athen entsandte …": an agent beyond the clause break
            # stands in for a subject the clause lacks, it does not outrank one
            outside_sources.append(slot)
    if (
        crowd
        and not sources
        and not (objects and lexicon.language == "de")  # German verb-second: a later actor is the subject
        and not any(seg_start <= s.first <= seg_end for s in subjects)
    ):
        return []
    if not any(seg_start <= s.first <= seg_end for s in subjects):
        sources = sources + outside_sources
    subjects = [
        s for s in subjects if not (s.mention.capital_metonym and s.prep and id(s) not in governments)
    ]
    in_segment = [s for s in subjects if s.first >= seg_start]
    subjects.sort(key=lambda s: s.first)
    implicit = 0.0
    if passive and not sources and _cue([lowers[i] for i in match.indices], lexicon, "summons"):
        # "Der russische Botschafter wurde ins Auswärtige Amt einbestellt", "was summoned to the foreign
        # ministry in Moscow": the ministry (or its capital) summons
        summoners = (
            summoned_to
            or [s for s in [*in_segment, *objects] if id(s) in governments]
            or [t for t in targets if t.prep in preps["locative"] and not _is_adjective(t.mention)]
        )
        if summoners:
            sources = summoners[:1]
            in_segment = [s for s in in_segment if s is not summoners[0]]
            objects = [s for s in objects if s is not summoners[0]]
            targets = [s for s in targets if s is not summoners[0]]
    if passive:
        targets = in_segment + objects + targets
        if not sources:
            # "Zehn US-Diplomaten seien ausgewiesen worden, teilte das Außenministerium in Moskau mit":
            # a passive with no agent, reported by a government, is that government's act
            speaker = _speaker_after(tokens, slots, match, lexicon)
            if speaker is not None and speaker.mention.actor.kind != "person":
                sources = [speaker]
                targets = [t for t in targets if t is not speaker]
    else:
        if owner is not None and not sources:
            sources = [owner]
        elif owner is not None:
            targets.append(owner)
        relative = seg_start > 0 and _is_relative(tokens, seg_start, relatives)
        antecedents = [s for s in subjects if s.last < seg_start] if relative else []
        if sources and all(s in late_sources for s in sources) and in_segment:
            sources = []
        # "Israeli troops are to withdraw", "Iran has to allow": "to" after "be"/"have" keeps its subject
        infinitive = (
            _infinitive(tokens, match, lexicon)
            and any(s.last < seg_start for s in subjects)
            and not (
                lexicon.language == "en"
                and match.first > 1
                and lowers[match.first - 2] in lexicon.cues.get("obligation", frozenset())
            )
        )
        if infinitive and not sources:
            # "Frankreich kündigte an, russische Diplomaten auszuweisen", "…, and the ministry summoned
            # Belarus's envoy to demand an explanation": the infinitive clause has no subject of its own;
            # its actors are objects, the main clause's subject acts
            targets = targets + in_segment
            in_segment = []
        if antecedents and not sources:
            # "Merkel, die den georgischen Präsidenten besucht hatte": the antecedent before the comma is
            # the subject, actors inside the relative clause are objects
            sources = [antecedents[-1]]
            targets = targets + in_segment
        elif in_segment and not sources:
            in_segment = _reported_clause(in_segment, lowers, match, view)
            head = in_segment[0]
            coordinated = _coordinated(head, in_segment, tokens, lexicon)
            sources = [head, *coordinated]
            # verb-final and verb-second clauses: later actors before the verb are objects
            targets = targets + [s for s in in_segment if s is not head and s not in coordinated]
        elif in_segment:
            targets = targets + in_segment
        pronoun_subject = _has_subject_pronoun(lowers, seg_start, match, objects, lexicon)
        # "Der Präsident, der in Brüssel eingetroffen war, kritisierte China": after a relative clause
        # the verb belongs to the subject before it; otherwise the verb comes second and its subject follows
        closes_relative = (
            seg_start > 1
            and lowers[seg_start - 1] == ","
            and _is_relative(tokens, bounds.stretch(seg_start - 2)[0], relatives)
            and any(s.last < seg_start for s in subjects)
        )
        for slot in [o for o in objects if id(o) in governed]:  # "nach Paris und London"
            governed.update(id(c) for c in _coordinated(slot, objects, tokens, lexicon))
        free_objects = [o for o in objects if id(o) not in governed]
        # "Merkel begrüßte die Einigung, forderte Russland aber auf …", "verurteilte den Angriff und
        # forderte Nordkorea auf": a verb right after a comma or "und" shares the earlier subject
        shared_subject = _continues_predicate(lowers, match, lexicon) and any(
            s.last < match.first for s in subjects
        )
        if (
            not sources
            and free_objects
            and lexicon.language == "de"
            and not nominal
            and not pronoun_subject
            and not closes_relative
            and not shared_subject
        ):
            sources = [free_objects[0], *_coordinated(free_objects[0], free_objects, tokens, lexicon)]
            objects = [o for o in objects if o not in sources]
        targets = targets + objects
        if not sources:
            speaker = _speaker_after(tokens, slots, match, lexicon)
            if speaker is not None:
                sources = [speaker]
                targets = [t for t in targets if t is not speaker]
        # "Die Taliban erklärten, sie seien bereit, …": a pronoun in reported speech is the speaker
        reported_pronoun = (
            pronoun_subject
            and bool(subjects)
            and not lexicon.cues.get("speech", frozenset()).isdisjoint(
                lowers[subjects[0].last + 1 : seg_start]
            )
        )
        if not sources and subjects and (not pronoun_subject or reported_pronoun):
            # the main clause's subject: the first one, skipping relative clauses ("X, der …, verlangte")
            earlier = [
                s
                for s in subjects
                if s.first < seg_start and not _is_relative(tokens, bounds.stretch(s.first)[0], relatives)
            ]
            if earlier:
                sources = [earlier[0]]
    givers = _givers(tokens, lowers, match, slots, lexicon) if not passive else []
    if givers:
        # "The junta received backing from Mali and Burkina Faso", "erhielt Hilfe von Japan": the giver
        # acts, the recipient (the clause subject) is the target
        receivers = [s for s in [*sources, *subjects, *targets] if s not in givers]
        sources, targets = givers, [s for s in receivers if s.first < match.first] or receivers
    sources = _unique(sources)
    targets = [t for t in _unique(targets) if t not in sources]
    if trigger.symmetric and not targets and len(sources) >= 2:
        targets = sources[1:]
        sources = sources[:1]
    elif trigger.symmetric and not sources:
        parties = [t for t in targets if t.prep in lexicon.cues.get("between", frozenset())]
        if len(parties) == 1:  # "a ceasefire between Israel and Hezbollah": the second is coordinated
            parties = _unique([parties[0], *_coordinated(parties[0], slots, tokens, lexicon)])
        if len(parties) >= 2:
            # "talks between Russia and Ukraine" with nobody else named: the two are the parties
            sources, targets = (parties, parties) if trigger.mutual else (parties[:1], parties[1:])
    if not targets and not (trigger.visit and _place_in(places, lowers[match.last + 1 : seg_end + 1])):
        # "struck targets across Gaza, while Hamas fired rockets": the place in the clause beats an
        # actor beyond it
        targets = [t for t in _unique(outside_targets) if t not in sources]
    if trigger.event_type in _WITH_CONTENT:  # see _addressees
        targets = _addressees(lowers, match, targets, lexicon)
    if trigger.event_type in ("ACCUSE", "THREATEN", "REJECT"):
        targets = _accused(lowers, match, targets, lexicon)
    source_refs = [s.mention.actor for s in sources]
    target_refs = [t.mention.actor for t in targets]
    if coded_before and _continues_predicate(lowers, match, lexicon):
        # "cut diplomatic ties with Qatar, accusing it of supporting terrorism": a predicate joined to
        # the last one keeps its subjects, and "it"/"ihn" right after it is the last one's target
        subjects_before = _unique_refs([e.source for e in coded_before])
        if not source_refs or (len(subjects_before) > 1 and not any(s.first >= seg_start for s in sources)):
            source_refs = subjects_before  # "Saudi Arabia, the UAE, Egypt and Bahrain …, accusing"
        pronouns = lexicon.cues.get("object_pronouns", frozenset())
        if match.last + 1 < len(lowers) and lowers[match.last + 1] in pronouns:
            target_refs = _unique_refs([e.target for e in coded_before if e.target is not None])
    place = _place_for(places, match, tokens, sentence) or view.fallback_place
    if not source_refs and trigger.place_is_source and place is not None and place.country:
        # "In Seoul zogen Zehntausende zur japanischen Botschaft": the protesters' country
        source_refs = [state_ref(place.country, lexicon.language)]
    explicit = bool(source_refs or target_refs)
    if not explicit and not slots:
        source_refs, target_refs = _implicit_roles(lowers, seg_start, match, lexicon, context)
        implicit += 0.25
    if not source_refs and context.last_subject is not None and explicit and subject_allowed:
        source_refs = [context.last_subject]
        implicit += 0.2
    referred = _referred_event(lowers, match, seg_end, slots, lexicon, context) if source_refs else []
    if referred:
        # "Russland verurteilte die Lieferungen", "Iran condemned the strikes as …": the answer goes to
        # the actors of the event its object names
        answered = _answered(referred, actor_key(source_refs[0]))
        if answered:
            target_refs = answered
    if source_refs and trigger.event_type == "THREATEN":
        # "warned that … would impose sanctions if Russia attacked": aimed at the condition's actor
        conditioned = _conditioned_actor(lowers, match, slots, lexicon)
        if conditioned is not None and actor_key(conditioned) != actor_key(source_refs[0]):
            target_refs = [conditioned]
    if source_refs and not target_refs and trigger.visit:
        # "entsandte Rettungsteams nach Antakya", "travelled to Kharkiv": a town visited names its country
        # German verb-final clauses name the place before the verb: "… Zivilisten in Charkiw angegriffen"
        from_index = seg_start if lexicon.language == "de" else match.last + 1
        visited = _visited_country(places, lowers[from_index:], actor_key(source_refs[0]))
        if visited is not None:
            target_refs = [state_ref(visited, lexicon.language)]
    if source_refs and not target_refs and _cue(lowers[seg_start : seg_end + 1], lexicon, "both_sides"):
        # "appellierte an beide Seiten", "urged both sides": the two actors the article is about
        target_refs = context.counterparts(actor_key(source_refs[0]), 2)
    if (
        source_refs
        and not target_refs
        and sources
        # "called on Western allies to send …", "appellierte an die internationale Gemeinschaft": the
        # ones addressed are named, just not as a state, so no other actor stands in for them
        and not _cue(lowers[match.last + 1 : match.last + 4], lexicon, "unnamed_parties")
        and not (  # "warnte den Westen vor …": right after the verb of a split trigger
            len(match.indices) > 1
            and _cue(lowers[match.first + 1 : match.first + 4], lexicon, "unnamed_parties")
        )
    ):
        counterpart = None
        if trigger.event_type in _RESPONSES:
            # "Qin wies die Mahnungen zurück": the answer goes to whoever last acted on the speaker
            counterpart = context.respondent(actor_key(source_refs[0]))
        elif trigger.event_type == "REQUEST" and _cue(
            lowers[match.last + 1 : seg_end + 1], lexicon, "de_escalation"
        ):
            # "verlangte die Freilassung der Seeleute", "called for restraint": asked of whoever used force
            counterpart = context.aggressor(actor_key(source_refs[0]))
        elif trigger.assists and context.last_subject is not None:
            # "The US struck Houthi targets. Canada and Bahrain provided support": the helped one acted last
            helped = context.last_subject
            if actor_key(helped) not in {actor_key(ref) for ref in source_refs}:
                counterpart = helped
        counterpart = counterpart or context.counterpart(actor_key(source_refs[0]))
        if counterpart is not None:
            target_refs = [counterpart]
            implicit += 0.2
    if not source_refs or not target_refs:
        return []
    return _emit(match, view, (seg_start, seg_end), place, source_refs, target_refs, implicit)


def _emit(
    match: TriggerMatch,
    view: _View,
    segment: tuple[int, int],
    place: Place | None,
    source_refs: list[ActorRef],
    target_refs: list[ActorRef],
    implicit: float,
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
        tone = _tone(lowers[match.first : end + 1], lexicon) or trigger.tone or None
        if tone is None:
            return []
        event_type, mode, cameo = _JUDGEMENTS[tone]
    if event_type == "CONSULT" and modality in ("intended", "proposed"):
        event_type, mode, cameo = "AGREE", "meet", "036"
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


@lru_cache(maxsize=2)
def _judgement_trigger(tone: int) -> Trigger:
    """The trigger a verb of saying carries when the judging words' ``tone`` decides the event."""
    event_type, mode, cameo = _JUDGEMENTS[tone]
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
    seg_start, seg_end = view.bounds.stretch(speech)
    actors = [s for s in slots if not s.mention.compound_modifier]
    speaker_slot = _speaker(actors, lowers, speech, seg_start, lexicon.coordinators)
    speaker = speaker_slot.mention.actor if speaker_slot else context.last_subject
    if speaker is None:
        return []
    implicit = 0.0 if speaker_slot else 0.2
    speakers = [speaker]
    if speaker_slot is not None:
        # "Brazil and Colombia said …": every member of a list that ends at the speaker speaks
        speakers = [s.mention.actor for s in _listed_before(speaker_slot, actors, lowers, lexicon)] + speakers
    speaking = {actor_key(a) for a in speakers}
    others = [s for s in actors if actor_key(s.mention.actor) not in speaking]
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
    if not targets:
        fallback = context.respondent(actor_key(speaker)) or context.counterpart(actor_key(speaker))
        targets = [fallback] if fallback is not None else []
        implicit += 0.2
    if not targets:
        return []
    place = _place_for(view.places, match, tokens, view.sentence) or view.fallback_place
    segment = (seg_start, seg_end) if match.first == speech else view.bounds.segment(match)
    return _emit(match, view, segment, place, speakers, targets, implicit)


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


def _speaker(
    actors: list[_Slot], lowers: list[str], index: int, seg_start: int, coordinators: frozenset[str]
) -> _Slot | None:
    """Who speaks: the subject before the verb ("Borrell said …", "Raisi, speaking in New York, said"),
    else the actor right after it ("„…“, sagte Lawrow", "…, said Lavrov"); the quote is what is said.
    A coordinated verb ("X traf Y und sagte …", "X met Y and said …") has the clause's first subject."""
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


def _reported_clause(
    in_segment: list[_Slot], lowers: list[str], match: TriggerMatch, view: _View
) -> list[_Slot]:
    """ "U.S. officials said Russia had moved troops": the subject of the reported clause acts, not
    the speaker; a verb of saying between the actors and the trigger separates the two clauses.

    Only a plain verb of saying counts: one that is a trigger itself ("warned Russia would face
    consequences") codes its own event with the speaker as source.
    """
    if len(in_segment) < 2:
        return in_segment
    speech = view.lexicon.cues.get("speech", frozenset())
    addressed = view.lexicon.cues.get("addressed", frozenset())
    for index in range(match.first - 1, in_segment[0].last, -1):
        word = lowers[index]
        if word in speech and word not in addressed and not view.lexicon.candidates(word):
            reported = [s for s in in_segment if index < s.first]
            return reported or in_segment
    return in_segment


def _conditioned_actor(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> ActorRef | None:
    """The subject of the condition in a threat's sentence ("if Russia attacked", "falls Moskau …",
    "Sollte Moskau …"): the first actor within four words after the conditional word."""
    conditionals = lexicon.cues.get("conditional", frozenset())
    for index, word in enumerate(lowers):
        if word in conditionals and index not in match.indices:
            near = [s for s in slots if index < s.first <= index + 4 and s.prep is None]
            if near:
                return near[0].mention.actor
    return None


def _implicit_roles(
    lowers: list[str], seg_start: int, match: TriggerMatch, lexicon: EventLexicon, context: Context
) -> tuple[list[ActorRef], list[ActorRef]]:
    """ "Beide Regierungen vereinbarten …", "The two leaders agreed …": an event between the two
    actors the article is about. (A bare pronoun subject with no actor named was tried too and
    coded more wrong events than right ones on the dev set.)"""
    if _cue(lowers[seg_start : match.first], lexicon, "both_sides"):
        ranked = context.counterparts(None, 3)
        pair = ranked[:2]
        if len(pair) == 2 and match.trigger.event_type in _RESPONSES:
            # "Both leaders condemned the launch": the two answer the third actor of the article
            return (pair, ranked[2:]) if len(ranked) == 3 else ([], [])
        if len(pair) == 2:
            # symmetric: one event; "Both countries have deployed troops": each against the other
            return (pair[:1], pair[1:]) if match.trigger.symmetric else (pair, pair)
    return [], []


_SEPARABLE_PARTICLES = (
    "ab",
    "an",
    "auf",
    "aus",
    "bei",
    "ein",
    "fest",
    "frei",
    "mit",
    "nach",
    "vor",
    "weg",
    "zurück",
    "zusammen",
    "teil",
    "los",
    "um",
    "durch",
    "über",
    "unter",
    "wieder",
    "hin",
    "her",
    "vorbei",
    "statt",
)


def _possessed(tokens: list[Token], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "bei ihrem Antrittsbesuch in Peking", "during his visit to Beijing": the subject owns the noun.

    Only in a prepositional phrase: "hatte … seine Freilassung gefordert" is someone else's release.
    """
    possessives = lexicon.cues.get("possessives", frozenset())
    index = match.first - 1
    while index >= 1 and index >= match.first - 3:
        if tokens[index].lower in possessives:
            return tokens[index - 1].lower in lexicon.prepositions["all"]
        if not _is_modifier(tokens[index], lexicon):
            return False
        index -= 1
    return False


def _attended(tokens: list[Token], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "zu Gesprächen mit Netanjahu", "bei einem Staatsbesuch in Moskau", "during a visit to Kyiv": the
    clause's subject takes part in the event the phrase names."""
    attendance = lexicon.cues.get("attendance", frozenset())
    index = match.first - 1
    while index >= 0 and index >= match.first - 3:
        word = tokens[index].lower
        if word in attendance:
            return True
        if word not in lexicon.articles and not _is_modifier(tokens[index], lexicon):
            return False
        index -= 1
    return False


def _addressees(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "dismissed U.S. reports that Russia was preparing to invade Ukraine", "warnte Peking, Taiwan zu
    …", "urged Beijing to rein in North Korea": the one answered, warned or asked is named before the
    infinitive; actors inside it are its content.
    """
    marker = "to" if lexicon.language == "en" else ","
    end = next((i for i in range(match.last + 1, len(lowers)) if lowers[i] == marker), -1)
    if end < 0 or not any(match.last < t.first < end for t in targets):
        return targets
    return [t for t in targets if t.first < end]


def _clause_subject(
    tokens: list[Token], slot: _Slot, match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> bool:
    """An actor after "after/since …" is the subject of the trigger verb: right before it, or before
    a verb ("forced") of the same clause, with no other such clause or punctuation before the trigger."""
    if slot.last + 1 == match.first:
        return True
    if slot.last >= match.first or match.first - slot.last > 10 or slot.last + 1 >= len(tokens):
        return False
    following = tokens[slot.last + 1].lower
    if (
        following in lexicon.prepositions["all"]
        or following in lexicon.articles
        or following in lexicon.coordinators
        or following in ("'s", "’s")
    ):
        return False
    # no other clause subject on the way ("after Belarus forced a Lithuanian plane to land and arrested")
    if any(
        slot.last < s.first < match.first and s.prep in lexicon.cues.get("subordinators", ()) for s in slots
    ):
        return False
    return not any(t.lower in _SEGMENT_BREAKS for t in tokens[slot.last + 1 : match.first])


def _accused(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "accused Iran of supplying drones to Russia", "warned against sending troops to Ukraine": what
    is charged or warned against is no party (cue ``charge``: the word that opens it, before a gerund)."""
    charge = lexicon.cues.get("charge", frozenset())
    end = next(
        (
            i
            for i in range(match.last + 1, len(lowers) - 1)
            if lowers[i] in charge and lowers[i + 1].endswith("ing")
        ),
        -1,
    )
    if end < 0 or not any(t.first < end for t in targets):
        return targets  # nobody named before the charge: its actors are the best guess
    return [t for t in targets if t.first < end]


def _givers(
    tokens: list[Token], lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """The "from X" actors of a received act ("received support from X", "erhielt Hilfe von X"), else []."""
    giving = lexicon.prepositions["from"] | lexicon.prepositions["of"]
    if match.trigger.inverse:
        # "at the request of Kenya", "auf Bitten Berlins" (a genitive right after the phrase)
        after = [
            s
            for s in slots
            if match.last < s.first <= match.last + 4 and (s.prep is None or s.prep_index >= match.first)
        ]
        return _unique([after[0], *_coordinated(after[0], slots, tokens, lexicon)]) if after else []
    receipt = lexicon.cues.get("receipt", frozenset())
    if not receipt or receipt.isdisjoint(lowers[max(0, match.first - 3) : match.last + 1]):
        return []
    after = [s for s in slots if s.first > match.last and s.prep in giving and s.prep_index <= match.last + 4]
    if not after:
        return []
    return _unique([after[0], *_coordinated(after[0], slots, tokens, lexicon)])


def _passive_between(lowers: list[str], start: int, end: int, lexicon: EventLexicon) -> bool:
    """A passive auxiliary followed by a participle between ``start`` and ``end`` ("were imposed … by")."""
    if lexicon.language != "en":
        return False
    auxiliaries = lexicon.cues.get("passive_aux", frozenset())
    return any(
        lowers[i] in auxiliaries and lowers[i + 1].endswith(("ed", "en"))
        for i in range(max(0, start - 4), end - 1)
    )


def _infinitive(tokens: list[Token], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """An infinitive: "to deport" (English), "zu liefern" / "auszuweisen" (German)."""
    if lexicon.language == "en":
        return match.first > 0 and tokens[match.first - 1].lower == "to"
    return _zu_infinitive(tokens, match, lexicon)


def _unique_refs(actors: list[ActorRef]) -> list[ActorRef]:
    """One actor per side, first mention first."""
    seen: dict[str | None, ActorRef] = {}
    for actor in actors:
        seen.setdefault(actor_key(actor), actor)
    return [a for k, a in seen.items() if k is not None]


def _continues_predicate(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """The trigger opens a coordinated predicate: right after "," or "und"/"and" (adverbs such as
    "aber", "zugleich" aside), with no subject of its own before it."""
    index = match.first - 1
    adverbs = lexicon.cues.get("clause_adverbs", frozenset())
    while index >= 0 and lowers[index] in adverbs:
        index -= 1
    return index > 0 and (lowers[index] == "," or lowers[index] in lexicon.coordinators)


def _coordinated_infinitive(lowers: list[str], match: TriggerMatch, content_from: int) -> bool:
    """ "called on China to press Russia to end its aggression and immediately withdraw its troops": a
    bare verb after "and"/"or" continues an infinitive of the content ("to" after ``content_from``)."""
    before = match.first - 1
    if before > 0 and lowers[before].endswith("ly"):
        before -= 1  # "and immediately withdraw"
    return (
        before > content_from
        and lowers[before] in ("and", "or")
        and "to" in lowers[content_from + 1 : before]
    )


def _zu_infinitive(tokens: list[Token], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """German "zu"-infinitives ("zu treffen", "auszuweisen", "anzugreifen"): a clause without a subject."""
    if lexicon.language != "de":
        return False
    index = match.last
    word = tokens[index].lower
    if index > 0 and tokens[index - 1].lower == "zu" and word.endswith("n"):
        return True
    return word.endswith("en") and any(
        word.startswith(particle + "zu") and len(word) > len(particle) + 4
        for particle in _SEPARABLE_PARTICLES
    )


def _has_subject_pronoun(
    lowers: list[str], seg_start: int, match: TriggerMatch, objects: list[_Slot], lexicon: EventLexicon
) -> bool:
    """ "Er rief Washington auf", "Zugleich lobte er …", "She urged Beijing …": the subject is a pronoun."""
    pronouns = lexicon.cues.get("subject_pronouns", frozenset())
    limit = min((o.first for o in objects), default=match.last + 3)
    return not pronouns.isdisjoint(lowers[seg_start:limit])


def _attributive(tokens: list[Token], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon) -> bool:
    """A participle describing a noun: "die inhaftierten Personen", "die von Ägypten vermittelte
    Feuerpause", "the deal brokered by the United States"."""
    if len(match.indices) != 1 or match.last + 1 >= len(tokens) or not match.first:
        return False
    word, following = tokens[match.first], tokens[match.last + 1]
    previous = tokens[match.first - 1]
    if lexicon.language != "de":
        # "the truce brokered by Egypt": a noun after an article, the participle, its agent
        return (
            following.lower in lexicon.prepositions["agent"]
            and word.lower.endswith(("ed", "en"))
            and not previous.is_capitalised
            and match.first >= 2
            and tokens[match.first - 2].lower in lexicon.articles
            and not any(s.first <= match.first - 1 <= s.last for s in slots)
        )
    if word.is_capitalised or not word.lower.endswith(
        ("te", "ten", "ter", "tes", "tem", "ene", "enen", "ener")
    ):
        return False
    if not following.is_capitalised or any(s.first == match.last + 1 for s in slots):
        return False
    if previous.lower in lexicon.articles or not previous.is_capitalised:
        return True
    # "der von Ägypten vermittelten Feuerpause": an article, the agent phrase, the participle
    agents = lexicon.prepositions["of"] | lexicon.prepositions["agent"]
    return any(
        s.last == match.first - 1
        and s.prep in agents
        and s.prep_index > 0
        and tokens[s.prep_index - 1].lower in lexicon.articles
        for s in slots
    )


def _after_institution(tokens: list[Token], slot: _Slot, lexicon: EventLexicon) -> bool:
    """ "<institution> in <capital>" ("the foreign ministry in Moscow", "die Regierung in Peking")."""
    institutions = lexicon.cues.get("institutions", frozenset())
    index = slot.first - 2  # token before the preposition
    while index >= 0 and (tokens[index].lower in lexicon.articles or _is_modifier(tokens[index], lexicon)):
        index -= 1
    return index >= 0 and tokens[index].lower in institutions and slot.mention.capital_metonym


def _adjacent_owner(tokens: list[Token], slot: _Slot, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """The owner of a noun trigger: "Russlands Angriff", "China's support", "the Russian invasion",
    or a genitive right after it ("der Besuch Xi Jinpings")."""
    if slot.last < match.first:
        between = tokens[slot.last + 1 : match.first]
        # only articles (and "'s") in between: in "nannte die Sanktionen" a verb separates them
        return len(between) <= 2 and all(
            t.lower in lexicon.articles or t.lower in ("'s", "’s") for t in between
        )
    if lexicon.language == "de" and slot.first == match.last + 1 and slot.mention.surface.endswith("s"):
        return match.trigger.of_role != "target"
    return False


def _after_adjective(
    tokens: list[Token], slots: list[_Slot], match: TriggerMatch, lexicon: EventLexicon
) -> bool:
    """ "against the Russian invasion", "a Chinese offer": an article before a state adjective before
    the trigger makes it a noun (German nouns show by their capital)."""
    if lexicon.language != "en" or len(match.indices) > 1:
        return False
    for slot in slots:
        if slot.last + 1 == match.first and _is_adjective(slot.mention) and slot.first > 0:
            before = tokens[slot.first - 1].lower
            return before in lexicon.articles or before in ("'s", "’s")
    return False


def _is_adjective(mention: Mention) -> bool:
    """A state named by its adjective ("iranischen", "Russian")."""
    parts = mention.parts
    return len(parts) == 1 and parts[0].kind == "state" and parts[0].sub == "adjective"


def _coordinated(head: _Slot, pool: list[_Slot], tokens: list[Token], lexicon: EventLexicon) -> list[_Slot]:
    """Actors joined to ``head`` by "und", "and", commas ("Russland, China und Iran")."""
    joined: list[_Slot] = []
    chain = [head]
    for slot in sorted(pool, key=lambda s: s.first):
        if slot is head or slot in joined:
            continue
        for member in chain:
            left, right = (member, slot) if member.last < slot.first else (slot, member)
            between = [t.lower for t in tokens[left.last + 1 : right.first]]
            if (
                between
                and all(w in lexicon.coordinators or w in lexicon.articles or w == "," for w in between)
                and any(w in lexicon.coordinators or w == "," for w in between)
            ) or _extended_attribute(tokens[left.last + 1 : right.first], lexicon):
                joined.append(slot)
                chain.append(slot)
                break
    return joined


def _extended_attribute(between: list[Token], lexicon: EventLexicon) -> bool:
    """ "und der im Gazastreifen herrschenden Hamas": a coordinator, an article and an attribute
    phrase ending in an inflected adjective or participle (German)."""
    return (
        lexicon.language == "de"
        and 3 <= len(between) <= 7
        and between[0].lower in lexicon.coordinators
        and between[1].lower in lexicon.articles
        and _is_modifier(between[-1], lexicon)
        and not any(t.lower in lexicon.coordinators or t.lower in _SEGMENT_BREAKS for t in between[1:])
    )


def _unique(slots: list[_Slot]) -> list[_Slot]:
    seen: set[int] = set()
    out = []
    for slot in slots:
        if id(slot) not in seen:
            seen.add(id(slot))
            out.append(slot)
    return out


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
    scope = lowers[max(start, before if before >= 0 else seg_start) : seg_end + 1]
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
    if event_type not in ("THREATEN",) and _cue(scope, lexicon, "intended"):
        return "intended", False
    if _cue(clause, lexicon, "reported"):
        return "reported", False
    return "asserted", False


def _visited_country(places: list[Place], after: list[str], source: str | None) -> str | None:
    """The country of the first place of the sentence named in ``after`` (the words after the
    trigger), unless it is the source's."""
    for place in places:
        if place.country and place.country != source and place.name.split()[0].lower() in after:
            return place.country
    return None


def _place_in(places: list[Place], lowers: list[str]) -> bool:
    """Whether one of the sentence's places with a country is named in ``lowers``."""
    return any(p.country and p.name.split()[0].lower() in lowers for p in places)


def _place_for(
    places: list[Place], match: TriggerMatch, tokens: list[Token], sentence: Sentence
) -> Place | None:
    return places[0] if places else None
