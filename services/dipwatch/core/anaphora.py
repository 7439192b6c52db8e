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
from dipwatch_schemas import ActorRef


@dataclass(frozen=True, slots=True)
class Description:
    start: int
    end: int
    kind: str  # state | organisation | group


_NOT_KINDS = frozenset({"bound_heads"})
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
        bound = bound_state(bindings, description.start) if bindings and description.kind == "state" else None
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
