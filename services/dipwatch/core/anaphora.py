"""Definite descriptions that point back to a named actor: "die Junta", "the bloc", "the militia".

News names an actor once and then refers to it by what it is. Each description (``data/actors/
anaphors.yaml``) stands for the most salient actor of its kind in the sentences before it; the
caller supplies that choice, so this module stays a pure function of the text and the context.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dipwatch.core.actors import Mention
from dipwatch.core.resources import load_yaml
from dipwatch.core.text import Sentence
from dipwatch_schemas import ActorRef


@dataclass(frozen=True, slots=True)
class Description:
    start: int
    end: int
    kind: str  # state | organisation | group


_NOT_KINDS = frozenset({"bound_heads", "organs"})
# between a state's name and its rulers: "Niger's military rulers", "the Malian ruling junta"
_QUALIFIER_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z][a-z-]*){0,2}\s+")
_PLACE_GAP = re.compile(r"\s+(?:in|of)\s+")  # "the ruling junta in Bamako"


@lru_cache(maxsize=8)
def _heads(language: str) -> re.Pattern[str] | None:
    heads = load_yaml("actors/anaphors.yaml").get(language, {}).get("bound_heads", [])
    if not heads:
        return None
    alternatives = "|".join(re.escape(str(h).lower()).replace(r"\ ", r"\s+") for h in heads)
    return re.compile(f"(?<!\\w)(?:{alternatives})(?!\\w)")


def state_bindings(text: str, low: str, language: str, mentions: list[Mention]) -> list[tuple[int, ActorRef]]:
    """(position, state) of every phrase that ties a rulers' noun to its state ("Niger's military
    rulers", "the ruling military junta in Bamako"), in text order; mentions in text order."""
    heads = _heads(language)
    if heads is None:
        return []
    states = [m for m in mentions if m.actor.kind == "state"]
    if not states:
        return []
    ends = [m.end for m in states]
    found: list[tuple[int, ActorRef]] = []
    for hit in heads.finditer(low):
        before = bisect.bisect_right(ends, hit.start()) - 1
        if before >= 0 and _QUALIFIER_GAP.fullmatch(text, states[before].end, hit.start()):
            found.append((hit.start(), states[before].actor))
            continue
        after = before + 1
        if after < len(states) and _PLACE_GAP.fullmatch(low, hit.end(), states[after].start):
            found.append((hit.start(), states[after].actor))
    return found


def bound_state(bindings: list[tuple[int, ActorRef]], position: int) -> ActorRef | None:
    """The state the latest binding before ``position`` ties its rulers to, else None."""
    index = bisect.bisect_left(bindings, position, key=lambda b: b[0]) - 1
    return bindings[index][1] if index >= 0 else None


@lru_cache(maxsize=8)
def _pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for all phrases, whole words, and the kind of each phrase (single-spaced).

    Every phrase starts with a literal word ("the", "die", …), so the alternatives are grouped by
    that word and each group starts with it: the regex engine then skips ahead to those words'
    first letters instead of trying every position of the article (twice as fast). Within a
    group the phrases keep their order in the data (kind by kind, longest first), so a position
    matches the phrase it would in one alternation of all phrases, and that phrase's kind.
    """
    table = load_yaml("actors/anaphors.yaml").get(language, {})
    kinds: dict[str, str] = {}
    groups: dict[str, list[str]] = {}  # first word -> the rest of each phrase, as regex
    for kind, phrases in table.items():
        if kind in _NOT_KINDS:
            continue
        for phrase in sorted((str(p).lower() for p in phrases), key=len, reverse=True):
            kinds.setdefault(" ".join(phrase.split()), str(kind))
            first, _, rest = phrase.partition(" ")
            rest_re = r"\s+" + re.escape(rest).replace(r"\ ", r"\s+") if rest else ""
            groups.setdefault(first, []).append(rest_re)
    alternatives = [
        f"{re.escape(first)}(?<!\\w{re.escape(first)})(?:{'|'.join(rests)})"
        for first, rests in groups.items()
    ]
    return re.compile(f"(?:{'|'.join(alternatives) or '(?!)'})(?!\\w)"), kinds


def find_descriptions(low: str, language: str) -> list[Description]:
    """Every description in the lower-cased article, in text order (one scan per article)."""
    pattern, kinds = _pattern(language)
    return [
        Description(hit.start(), hit.end(), kinds[" ".join(hit.group().split())])
        for hit in pattern.finditer(low)
    ]


def resolve_anaphors(
    text: str,
    descriptions: list[Description],
    start: int,
    end: int,
    mentions: list[Mention],
    salient: Callable[[str], ActorRef | None],
    bindings: list[tuple[int, ActorRef]] | None = None,
) -> list[Mention]:
    """``mentions`` plus one mention per description between ``start`` and ``end`` (a sentence) that
    ``salient(kind)`` resolves; a description that overlaps a named mention is left to the name.
    A state description after a phrase of ``bindings`` ("Niger's military rulers … The junta") stands
    for that phrase's state."""
    first = bisect.bisect_left(descriptions, start, key=lambda d: d.start)
    found: list[Mention] = []
    for description in descriptions[first:]:
        if description.start >= end:
            break
        if any(m.start < description.end and description.start < m.end for m in mentions):
            continue
        # the binding may lie inside the description itself: "the regime in Minsk", "das Regime in Minsk"
        bound = bound_state(bindings, description.end) if bindings and description.kind == "state" else None
        actor = bound or salient(description.kind)
        if actor is not None:
            found.append(
                Mention(
                    start=description.start,
                    end=description.end,
                    actor=actor,
                    surface=text[description.start : description.end],
                )
            )
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.start)


# --- organs: "die EU-Kommission … die Kommission" ----------------------------------------------------------

_ORGAN_ENDINGS = {"de": "(?:es|s)?", "en": ""}
_OWNER_LINKS = {"de": (" der ", " des "), "en": (" of the ", " of ")}
_DEFINITE = {"de": "(?i:der|die|das|den|dem|des)", "en": "(?i:the)"}
_INDEFINITE = {"de": "(?i:ein|eine|einer|einen|einem|eines)", "en": "(?i:a|an)"}
# up to two adjectives between an indefinite article and the noun ("eine unabhängige Kommission", "a new
# commission"), not "ein Sprecher der Kommission" or "a member of the board"
_ADJECTIVES = {
    "de": r"(?:\s+[a-zäöü][\w-]{2,}(?:e|en|er|es|em)){0,2}",
    "en": r"(?:\s+(?!(?:of|the|on|in|to|by|for|with|from|at)\b)[a-z][\w-]*){0,2}",
}
# "die Kommission des Bundestags", "the Commission of Inquiry": another owner follows the noun ("lobte die
# Kommission für ihre Geduld" is praise, so "für"/"for" is none; "accused the board of acting" names no owner)
_OTHER_OWNER = {"de": r"\s+(?:der|des|von)\b", "en": r"\s+of\s+(?:the\s+)?[A-Z]"}


@lru_cache(maxsize=8)
def _organs(language: str) -> tuple[str, ...]:
    """The organ nouns of ``language``, longest first ("Board of Governors" before "Board")."""
    words = load_yaml("actors/anaphors.yaml").get(language, {}).get("organs", [])
    return tuple(sorted((str(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=64)
def _short_forms(organ: str, language: str) -> tuple[str, ...]:
    """The organ noun and the shorter organ nouns it starts or ends with ("Board of Governors", "Executive
    Board" → "Board"): "the IAEA's Board of Governors … the board"."""
    return (
        organ,
        *(
            other
            for other in _organs(language)
            if other != organ and (organ.startswith(other + " ") or organ.endswith(" " + other))
        ),
    )


@lru_cache(maxsize=64)
def _organ_pattern(organ: str, language: str) -> re.Pattern[str]:
    """A definite ("die Kommission", "the Commission") or indefinite ("eine unabhängige Kommission") use of
    the organ noun; the group ``definite`` tells which. English accepts a lower-case noun ("the board")."""
    noun = re.escape(organ)
    if language == "en":
        noun = f"[{organ[0].upper()}{organ[0].lower()}]{re.escape(organ[1:])}"
    ending = _ORGAN_ENDINGS.get(language, "")
    adjectives = _ADJECTIVES.get(language, _ADJECTIVES["en"])
    return re.compile(
        f"(?<!\\w)(?:(?P<definite>{_DEFINITE.get(language, 'the')})|(?:{_INDEFINITE.get(language, 'a|an')})"
        f"{adjectives})\\s+(?P<noun>{noun}{ending})(?!\\w)"
    )


def _organ_of(text: str, mention: Mention, language: str) -> str | None:
    """The organ noun the phrase of an organisation's mention names with it: "EU-Kommission", "European
    Commission" (the noun ends the name), "Gouverneursrat der Atomenergiebehörde", "Board of Governors of the
    IAEA" (the noun before), "IAEA-Gouverneursrat", "the IAEA's Board of Governors" (the noun after)."""
    surface = mention.surface.lower()
    before = text[max(0, mention.start - 40) : mention.start]
    for organ in _organs(language):
        low = organ.lower()
        if len(surface) > len(low) and surface.endswith(low) and surface[-len(low) - 1] in " -":
            return organ
        for link in _OWNER_LINKS.get(language, ()):
            for ending in ("", "s", "es") if language == "de" else ("",):
                if before.endswith(organ + ending + link):
                    return organ
        after = text[mention.end : mention.end + len(organ) + 4]
        joins = ("-",) if language == "de" else (" ", "'s ", "’s ", "-")
        if any(after.startswith(join + organ) for join in joins):
            return organ
    return None


def organ_references(text: str, language: str, sentences: list[Sentence], rows: list[list[Mention]]) -> None:
    """Adds to ``rows`` (mentions per sentence) a mention of the organisation for every bare organ noun after
    a definite article that follows the organ's naming with its organisation in the same article ("Der
    Gouverneursrat der IAEA verabschiedete … warf … vor, den Gouverneursrat zu missbrauchen"). An organ
    introduced with an indefinite article in between ("eine unabhängige Kommission") is another body: the
    noun stays unresolved from there on."""
    if not _organs(language):
        return
    named: dict[str, list[tuple[int, ActorRef | None]]] = {}  # organ -> (position, its organisation)
    for row in rows:
        for mention in row:
            if mention.actor.kind == "organisation":
                organ = _organ_of(text, mention, language)
                if organ is not None:
                    for name in _short_forms(organ, language):
                        named.setdefault(name, []).append((mention.start, mention.actor))
    if not named:
        return
    starts = [s.start for s in sentences]
    other_owner = re.compile(_OTHER_OWNER.get(language, r"(?!)"))
    for organ, antecedents in named.items():
        first = antecedents[0][0]
        uses: list[tuple[int, int, bool]] = []
        for hit in _organ_pattern(organ, language).finditer(text, first):
            uses.append((hit.start("noun"), hit.end("noun"), hit.group("definite") is not None))
        referents = sorted(
            [*antecedents, *((start, None) for start, _, definite in uses if not definite)],
            key=lambda a: a[0],
        )
        for start, end, definite in uses:
            if not definite or other_owner.match(text, end):
                continue
            index = bisect.bisect_left(referents, start, key=lambda a: a[0]) - 1
            actor = referents[index][1] if index >= 0 else None
            row_index = bisect.bisect_right(starts, start) - 1
            if actor is None or row_index < 0 or start >= sentences[row_index].end:
                continue
            row = rows[row_index]
            if any(m.start < end and start < m.end for m in row):
                continue
            row.append(Mention(start=start, end=end, actor=actor, surface=text[start:end]))
            row.sort(key=lambda m: m.start)
