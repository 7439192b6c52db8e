"""Trigger search: the lexicon's event patterns matched in a sentence's tokens.

Longest non-overlapping matches win; patterns may have gaps (German separable verbs) and match the
last part of a hyphenated compound.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dipwatch.core.eventlex import EventLexicon, Pattern, Trigger
from dipwatch.core.text import Token, _abbreviations

_STRONG_BREAKS = frozenset({".", "!", "?"})
_DOUBLE_QUOTES = frozenset({'"', "„", "“", "”", "«", "»"})
_QUOTES = _DOUBLE_QUOTES | frozenset({"‚", "‘", "’"})  # and the typographic single quotes
# punctuation after a separable verb's particle that ends its clause ("weist … aus, …")
_CLAUSE_PUNCTUATION = frozenset({",", ";", ":", ".", "!", "?", "–"})


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
    present.update([word.rsplit("-", 1)[1] for word in lowers if "-" in word])  # "Leopard-Panzer"
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
            # (the rest of a match reads the token at ``index`` only to tell a preposition from a verb
            # particle, ``_prepositional_head``, which looks inside compounds itself)
            if not pattern.later_literals <= present:
                continue
            indices = _match_rest(lowers, index, pattern, lexicon)
            if indices and _phrasal(lowers, indices, pattern, lexicon):
                continue
            if indices:
                found.append(TriggerMatch(index, indices[-1], indices, pattern))
    if not found:
        return []
    if len(found) > 1:
        found = _own_particles(lowers, found, lexicon)
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
    # "wies die Kritik aus Berlin zurück": a trigger inside another's gap is that trigger's object;
    # "sicherte ihm in einem Telefonat Unterstützung zu": a meeting named as the occasion is not;
    # "lehnte Forderungen aus Berlin ab": a request named with its requester (inverse) was made
    kept = [
        m
        for m in typed
        if not any(g is not m and g.first < m.first and m.last < g.last for g in gapped)
        or _occasion(lowers, m, lexicon)
        or m.pattern.trigger.inverse
    ]
    if lexicon.language == "de":
        # "Hilfe der EU lehnt die Regierung ab": a fronted noun right before a rejection is its object
        kept = [m for m in kept if not any(_fronted_object(lowers, m, g, lexicon) for g in gapped)]
    return sorted(kept, key=_start)


def _own_particles(lowers: list[str], found: list[TriggerMatch], lexicon: EventLexicon) -> list[TriggerMatch]:
    """German separable verbs: "weist zwölf Diplomaten aus und ruft den Botschafter zurück" — once the
    verb's own particle closes its clause (followed by "und", a comma or the end, cue ``clause_goes_on``),
    a longer match of the same verb that reaches for a later particle ("weist … zurück") takes the next
    predicate's particle and is dropped."""
    closers = lexicon.cues.get("clause_goes_on", frozenset())
    if not closers:
        return found
    closed: dict[int, int] = {}  # first index → end of the shortest gapped match whose particle closes
    for match in found:
        if len(match.indices) < 2 or match.indices[-1] == match.indices[-2] + 1:
            continue
        after = match.last + 1
        closes = after < len(lowers) and (lowers[after] in closers or lowers[after] in _CLAUSE_PUNCTUATION)
        if closes and (match.first not in closed or match.last < closed[match.first]):
            closed[match.first] = match.last
    if not closed:
        return found
    # a longer match that contains the closing particle ("bot … an … zu vermitteln") extends it and stays
    return [
        m
        for m in found
        if not (m.first in closed and m.last > closed[m.first] and closed[m.first] not in m.indices)
    ]


def _fronted_object(
    lowers: list[str], match: TriggerMatch, verb: TriggerMatch, lexicon: EventLexicon
) -> bool:
    """German verb-second: a one-word noun trigger that opens the sentence (after at most an article)
    and stands at most three words before a gapped rejection ("lehnt … ab") is that rejection's object."""
    return (
        verb.pattern.trigger.event_type == "REJECT"
        and match is not verb
        and len(match.indices) == 1
        and (match.first == 0 or (match.first == 1 and lowers[0] in lexicon.articles))
        and 0 < verb.first - match.last <= 4
    )


def _phrasal(lowers: list[str], indices: tuple[int, ...], pattern: Pattern, lexicon: EventLexicon) -> bool:
    """Whether an evaluation's gap opens with a particle of another phrasal verb ("called for a
    ceasefire", "called on China to play a role": a request, not a judgement; cue ``phrasal_particles``)."""
    if pattern.trigger.event_type != "EVALUATE" or len(indices) < 2 or indices[1] == indices[0] + 1:
        return False
    return lowers[indices[0] + 1] in lexicon.cues.get("phrasal_particles", ())


def _occasion(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """Whether a meeting trigger is the occasion of the act around it ("in einem Telefonat", "bei einem
    Treffen", ``occasions`` in the lexicon): a preposition, then at most an article and an adjective."""
    occasions = lexicon.cues.get("occasions")
    if not occasions or match.pattern.trigger.event_type != "CONSULT":
        return False
    for index in range(match.first - 1, max(-1, match.first - 4), -1):
        if lowers[index] in occasions:
            return True
        if lowers[index] not in lexicon.articles and not lowers[index].endswith(
            ("en", "em", "er", "es", "e")
        ):
            return False
    return False


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
        head = token.rsplit("-", 1)[1]
        # "visa-free", "Iran-backed", "Saudi-led": an English compound adjective, no act of its last part
        if head in lexicon.cues.get("adjective_heads", frozenset()):
            return []
        return lexicon.candidates(head)
    return candidates


def _inner_stop(before: str) -> bool:
    """A full stop that the sentence splitter also keeps inside a sentence: "U.S.", "3. Oktober", "St."."""
    return "." in before or before.isdigit() or len(before) == 1 or before in _all_abbreviations()


@lru_cache(maxsize=1)
def _all_abbreviations() -> frozenset[str]:
    return _abbreviations("de") | _abbreviations("en")


def _match_rest(lowers: list[str], index: int, pattern: Pattern, lexicon: EventLexicon) -> tuple[int, ...]:
    """Token indices of a match of ``pattern`` starting at ``index`` (empty: no match)."""
    position = index
    indices = [index]
    cues = lexicon.cues
    for part in pattern.tokens[1:]:
        if part.gap_before:
            limit = min(len(lowers), position + 1 + pattern.trigger.max_gap)
            nxt = -1
            last = part is pattern.tokens[-1]
            # inside a quotation that opened after the match's first word
            quoted = last and sum(1 for w in lowers[index + 1 : position + 1] if w in _DOUBLE_QUOTES) % 2 == 1
            for j in range(position + 1, limit):
                if lowers[j] in _STRONG_BREAKS and not (lowers[j] == "." and _inner_stop(lowers[j - 1])):
                    break
                if last and lowers[j] in _DOUBLE_QUOTES:
                    quoted = not quoted
                    continue
                if quoted:
                    # "sprach von „Staatsterrorismus mit Geiselnahme“": a quoted word is no closing particle
                    # (a quoted noun may be a middle part: "sagte die „volle Unterstützung“ zu")
                    continue
                if last and _clause_preposition(lowers, j, cues):
                    continue
                if part.matches(lowers[j]) and not (
                    last
                    and lowers[j] in cues.get("ambiguous_particles", frozenset())
                    and not _prepositional_head(lowers[index], lowers[j], lexicon)
                    and _phrase_follows(lowers, j, cues)
                ):
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


def _clause_preposition(lowers: list[str], index: int, cues: dict[str, frozenset[str]]) -> bool:
    """German: a final "in" that opens a new clause after a comma or heads a direction ("begrüßte die
    Zusage, in die Verteidigung zu investieren") is no place of the gapped verb ("begrüßte X in Berlin")."""
    if lowers[index] not in cues.get("clause_prepositions", frozenset()):
        return False
    return lowers[index - 1] == "," or (
        index + 1 < len(lowers) and lowers[index + 1] in cues.get("direction_articles", frozenset())
    )


def _prepositional_head(first: str, particle: str, lexicon: EventLexicon) -> bool:
    """Whether a pattern's first word takes ``particle`` as its preposition ("pochte auf", "Manöver
    vor"), also as the last part of a compound ("US-Militärmanöver", "Großmilitärmanöver")."""
    heads = lexicon.prepositional_heads.get(particle)
    return heads is not None and any(head in first for head in heads)


def _phrase_follows(lowers: list[str], index: int, cues: dict[str, frozenset[str]]) -> bool:
    """Whether a word (not a conjunction) follows the particle at ``index``: then it is an article
    or a preposition ("auf ein Ende", "an der Grenze"), not the end of a separable verb."""
    if index + 1 >= len(lowers):
        return False
    following = lowers[index + 1]
    return following[:1].isalpha() and following not in cues.get("clause_goes_on", frozenset())
