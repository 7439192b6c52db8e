"""Sentence structure without a parser: clause and segment bounds, the actors' slots with their
prepositions, and the tests the role rules ask of a trigger or an actor (passive, noun, infinitive,
attributive participle, relative clause, coordination, …).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from itertools import compress

from dipwatch.core.actors import Mention
from dipwatch.core.coding.context import Context, actor_key
from dipwatch.core.coding.triggers import _STRONG_BREAKS, TriggerMatch
from dipwatch.core.eventlex import EventLexicon
from dipwatch.core.text import Sentence, Token
from dipwatch_schemas import Place

_CLAUSE_BREAKS = frozenset({";", ":", "–", "—", "(", ")", '"', "„", "“", "”"})
_SEGMENT_BREAKS = _CLAUSE_BREAKS | {","}
_PAUSES = frozenset({",", ";", ":"})
assert _PAUSES <= _SEGMENT_BREAKS  # _Bounds finds the pauses among the segment breaks


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
    talks_venues: frozenset[str] = frozenset()  # ``_talks_venues``, once per sentence


def _talks_venues(lowers: list[str], slots: list[_Slot], lexicon: EventLexicon) -> frozenset[str]:
    """States named only as where talks are held ("after talks in Malaysia", "the summit in Ankara";
    cues ``meeting_nouns`` and, to turn it off, ``hosting``): the venue is no party to the sentence's
    events."""
    meetings = lexicon.cues.get("meeting_nouns")
    if not meetings or not lexicon.cues.get("hosting", frozenset()).isdisjoint(lowers):
        return frozenset()
    venues = {
        actor_key(s.mention.actor)
        for s in slots
        if s.prep in ("in", "at") and s.prep_index > 0 and lowers[s.prep_index - 1] in meetings
    }
    named = {actor_key(s.mention.actor) for s in slots if s.prep not in ("in", "at")}
    return frozenset(k for k in venues if k is not None and k not in named)


@dataclass(slots=True)
class _Slot:
    mention: Mention
    first: int
    last: int
    prep: str | None
    prep_index: int = -1  # token index of the preposition


def _slots(
    tokens: list[Token], base: int, mentions: list[Mention], lexicon: EventLexicon, detention: bool = False
) -> list[_Slot]:
    """The actors' slots; with ``detention`` (the sentence codes a COERCE act) a state adjective before
    a private person stays: "detained a Japanese businessman" is held against Japan."""
    slots: list[_Slot] = []
    starts = [t.start for t in tokens]
    spans = [_span(starts, base, mention) for mention in mentions]
    private = set() if detention else _private_owners(tokens, spans, mentions, lexicon)
    for mention, (first, last) in zip(mentions, spans, strict=True):
        prep_index = _preposition_before(tokens, first, lexicon)
        if prep_index >= 0 and last + 1 < len(tokens) and tokens[last + 1].lower in _flag_words(lexicon):
            prep_index = -1  # "den unter britischer Flagge fahrenden Tanker": the flag's state is the ship's
        prep = tokens[prep_index].lower if prep_index >= 0 else None
        if (
            slots
            and first > 0
            and tokens[first - 1].lower == "("
            and slots[-1].last == first - 2
            and actor_key(slots[-1].mention.actor) == actor_key(mention.actor)
        ):
            continue  # "der Internationalen Atomenergiebehörde (IAEA)": the acronym repeats the name
        if prep is None and slots and slots[-1].prep in _topic_prepositions(lexicon):
            # "talking about Ukraine, Syria and Iran": a list after a topic preposition shares it
            between = [t.lower for t in tokens[slots[-1].last + 1 : first]]
            if (
                between
                and between != [",", "and"]
                and all(w == "," or w in lexicon.coordinators or w in lexicon.articles for w in between)
            ):
                prep, prep_index = slots[-1].prep, slots[-1].prep_index
        if id(mention) in private:
            continue  # "the French carmaker Renault", "der deutsche Radprofi": no act of the state
        slots.append(_Slot(mention, first, last, prep, prep_index))
    return slots


def _flag_words(lexicon: EventLexicon) -> frozenset[str]:
    return lexicon.cues.get("flags", frozenset())


def _span(starts: list[int], base: int, mention: Mention) -> tuple[int, int]:
    """The first and last token of ``mention`` (``starts``: the tokens' offsets, ``base``: the sentence's)."""
    first = _token_at(starts, mention.start - base)
    return first, max(first, _token_at(starts, mention.end - base - 1))


def _private_owners(
    tokens: list[Token], spans: list[tuple[int, int]], mentions: list[Mention], lexicon: EventLexicon
) -> set[int]:
    """ids of state adjectives before a private entity, also coordinated ones ("litauischer und
    taiwanischer Unternehmen"); ``spans`` are the mentions' token spans."""
    private: set[int] = set()
    next_first = len(tokens) + 1
    next_private = False
    for mention, (first, last) in zip(reversed(mentions), reversed(spans), strict=True):
        following = tokens[last + 1].lower if last + 1 < len(tokens) else ""
        joined = (
            next_private
            and last + 2 == next_first
            and (following in lexicon.coordinators or following == ",")
        )
        is_private = _is_adjective(mention) and (joined or _private_entity(following, lexicon))
        if is_private:
            private.add(id(mention))
        next_first, next_private = first, is_private
    return private


def _private_entity(word: str, lexicon: EventLexicon) -> bool:
    """A company, a club, an athlete, an artist (cue ``private_entities``; "*konzern" matches the head of a
    German compound): what a state's adjective before it names acts for itself, not for the state."""
    names = lexicon.cues.get("private_entities", frozenset())
    if word in names:
        return True
    heads: tuple[str, ...] | None = lexicon.extra.get("private_heads")
    if heads is None:
        heads = tuple(name[1:] for name in names if name.startswith("*"))
        lexicon.extra["private_heads"] = heads
    return bool(heads) and word.endswith(heads)


def _topic_prepositions(lexicon: EventLexicon) -> frozenset[str]:
    """Prepositions with no role of their own ("about", "over", "during"): what they govern is a topic
    or a circumstance, never the trigger's source or target (computed once per lexicon)."""
    found: frozenset[str] | None = lexicon.extra.get("topic_prepositions")
    if found is None:
        roles = ("target", "with", "agent", "of", "from", "locative")
        found = lexicon.prepositions["all"].difference(
            *(lexicon.prepositions.get(r, frozenset()) for r in roles)
        ) | lexicon.prepositions.get("topic_verbs", frozenset())
        lexicon.extra["topic_prepositions"] = found
    return found


def _token_at(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _preposition_before(tokens: list[Token], first: int, lexicon: EventLexicon) -> int:
    """Index of the preposition governing the phrase at token ``first`` (or -1); articles are skipped."""
    all_preps = lexicon.prepositions["all"]
    topic_verbs = lexicon.prepositions.get("topic_verbs", frozenset())  # "to discuss Ukraine": a topic
    skipped = 0
    owned = False  # the phrase is the genitive attribute of a noun before it
    index = first - 1
    while index >= 0 and skipped <= 3:
        word = tokens[index].lower
        if word in all_preps or word in topic_verbs:
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
        if (
            skipped
            and not owned
            and tokens[index].is_capitalised
            and tokens[index + 1].lower in lexicon.cues.get("genitive_articles", frozenset())
            and word not in lexicon.cues.get("agentive_nouns", frozenset())
        ):
            # the owner of a noun inside the phrase belongs to it: "Vor Beginn der UN-Klimakonferenz ruft X
            # auf", "nach dem Ende der Nato-Übung", "gegen die Politik der USA"; the owner of a leading role
            # acts ("unter Leitung der WHO", "im Namen der EU", cue ``agentive_nouns``)
            owned = True
            skipped += 1
            index -= 1
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
        # participles: "getroffen", "verhängt", "einbestellt", "kritisiert", "ausgewiesen", "festgehalten"
        # (a past tense in "-ten" has no "ge": "forderten")
        with_ge = head.startswith("ge") or "ge" in head[2:6]
        if (
            not head.endswith(("t", "en"))
            or (head.endswith(("ten", "test")) and not with_ge)
            or head in lexicon.cues.get("not_participles", frozenset())  # "sei zu Gesprächen bereit"
        ):
            return False
        start, end = bounds.clause(match.first)
        present = auxiliaries.intersection(lowers[start : end + 1])
        if present & {"wurde", "wurden", "worden", "wurdest"}:
            return True
        # "wird … treffen" is future tense, "wird … verhängt" passive
        return bool(present) and (with_ge or head.endswith(("t", "iert")))
    if (
        not head.endswith(("ed", "en", "ne", "et", "ut", "ld"))
        and head not in lexicon.cues.get("irregular_participles", frozenset())  # "was shot down by"
    ) or head in lexicon.cues.get("not_participles", frozenset()):
        return False  # "it was open to talks with X": an adjective
    return not auxiliaries.isdisjoint(lowers[max(0, match.first - 3) : match.first])


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


def _clause_subject(
    tokens: list[Token], slot: _Slot, match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> bool:
    """An actor after "after/since …" is the subject of the trigger verb: right before it, or before
    a verb ("forced") of the same clause, with no other such clause or punctuation before the trigger."""
    if slot.last + 1 == match.first:
        return True
    # a second predicate ("after police forced their way into the embassy … and arrested") reaches further
    reach = 16 if tokens[match.first - 1].lower in lexicon.coordinators else 10
    if slot.last >= match.first or match.first - slot.last > reach or slot.last + 1 >= len(tokens):
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


def _passive_between(lowers: list[str], start: int, end: int, lexicon: EventLexicon) -> bool:
    """A passive auxiliary followed by a participle between ``start`` and ``end`` ("were imposed … by")."""
    if lexicon.language != "en":
        return False
    auxiliaries = lexicon.cues.get("passive_aux", frozenset())
    adjectives = lexicon.cues.get("not_participles", frozenset())
    return any(
        lowers[i] in auxiliaries and lowers[i + 1].endswith(("ed", "en")) and lowers[i + 1] not in adjectives
        for i in range(max(0, start - 4), end - 1)
    )


def _infinitive(tokens: list[Token], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """An infinitive: "to deport" (English), "zu liefern" / "auszuweisen" (German)."""
    if lexicon.language == "en":
        return match.first > 0 and tokens[match.first - 1].lower == "to"
    return _zu_infinitive(tokens, match, lexicon)


def _continues_predicate(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """The trigger opens a coordinated predicate: right after "," or "und"/"and" (adverbs such as
    "aber", "zugleich" aside), with no subject of its own before it."""
    return _after_coordinator(lowers, match.first, lexicon)


def _after_coordinator(lowers: list[str], first: int, lexicon: EventLexicon) -> bool:
    """Whether the word at ``first`` follows "," or "und"/"and" (clause adverbs aside)."""
    index = first - 1
    adverbs = lexicon.cues.get("clause_adverbs", frozenset())
    while index >= 0 and lowers[index] in adverbs:
        index -= 1
    if index > 0 and lowers[index] == "," and _reported_before(lowers, index, lexicon):
        return False  # "Russland müsse abziehen, forderte Baerbock": the report, then its speaker
    return index > 0 and (lowers[index] == "," or lowers[index] in lexicon.coordinators)


_SPEAKER_REACH = 4  # words from the sentence start to an independent speaker ("Some Western analysts said")


def _independent_speaker(lowers: list[str], verb: int, slots: list[_Slot], lexicon: EventLexicon) -> bool:
    """Whether the verb at ``verb`` is said by people who speak for no state (cue ``independent_speakers``:
    "Analysts said …", "Experts warned …", "…, but cautioned that …" after them): the sentence opens with
    them, no actor comes before them, and the verb follows them at once or continues their predicate."""
    speakers = lexicon.cues.get("independent_speakers", frozenset())
    at = next((i for i in range(min(_SPEAKER_REACH, len(lowers))) if lowers[i] in speakers), -1)
    if at < 0 or verb <= at or any(s.first < at for s in slots):
        return False
    if verb - at <= 2:  # "Analysts said", "Experts have warned"
        return True
    return _after_coordinator(lowers, verb, lexicon)


def _break_before(lowers: list[str], index: int) -> int:
    """The nearest segment break (comma, full stop, …) at or before ``index``, -1 at the sentence start:
    the stretch that ends at ``index`` starts right after it. (Unlike ``_Bounds`` it counts the
    commas and brackets of short parentheses too.)"""
    while index >= 0 and lowers[index] not in _SEGMENT_BREAKS:
        index -= 1
    return index


def _reported_before(lowers: list[str], comma: int, lexicon: EventLexicon) -> bool:
    """Whether the clause before ``comma`` is reported speech in the German Konjunktiv I ("Russland müsse
    seine Truppen abziehen, …"), whose speaker follows the next verb."""
    reported = lexicon.cues.get("reported_verbs")
    if not reported:
        return False
    return not reported.isdisjoint(lowers[_break_before(lowers, comma - 1) + 1 : comma])


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
        if (
            previous.lower in lexicon.cues.get("non_agents", frozenset())
            and word.lower.endswith("ed")
            and following.lower in lexicon.prepositions["all"]
        ):
            return True  # "U.S. citizens detained for years in Iran": who they are, not a new act
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
    head = slot.prep_index - 1
    if (
        head > 0
        and tokens[head].lower in institutions
        and tokens[head - 1].lower in lexicon.cues.get("definite", frozenset())
        and not _is_adjective(slot.mention)
        and slot.mention.actor.kind == "state"
    ):
        return True  # "the authorities in Zimbabwe": no other state's adjective, the country's own
    while index >= 0 and (tokens[index].lower in lexicon.articles or _is_modifier(tokens[index], lexicon)):
        index -= 1
    return index >= 0 and tokens[index].lower in institutions and slot.mention.capital_metonym


def _adjacent_owner(tokens: list[Token], slot: _Slot, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """The owner of a noun trigger: "Russlands Angriff", "China's support", "the Russian invasion",
    or a genitive right after it ("der Besuch Xi Jinpings")."""
    if slot.last < match.first:
        if (
            lexicon.language == "de"
            and slot.first > 0
            and tokens[slot.first - 1].lower in ("der", "dem", "den")
            and not _is_adjective(slot.mention)
        ):
            return (
                False  # "sagte der Ukraine Militärhilfe zu": a dative object, no owner (that is "Russlands")
            )
        between = tokens[slot.last + 1 : match.first]
        if lexicon.language == "de" and between and not _is_adjective(slot.mention):
            # "sagte Indonesien ein Hilfspaket zu": a German owner stands right before its noun
            # ("Russlands Angriff"); a state and then an article is a dative object
            return False
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
    """ "against the Russian invasion", "a Chinese offer", "in a Russian drone strike": an article before a
    state adjective before the trigger makes it a noun (German nouns show by their capital)."""
    if lexicon.language != "en" or match.last - match.first + 1 != len(match.indices):
        return False  # a gapped pattern is a verb phrase ("sent … troops"); "a Russian drone strike" is not
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
