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
) -> list[Mention]:
    """``mentions`` plus one mention per description between ``start`` and ``end`` (a sentence) that
    ``salient(kind)`` resolves; a description that overlaps a named mention is left to the name."""
    first = bisect.bisect_left(descriptions, start, key=lambda d: d.start)
    found: list[Mention] = []
    for description in descriptions[first:]:
        if description.start >= end:
            break
        if any(m.start < description.end and description.start < m.end for m in mentions):
            continue
        actor = salient(description.kind)
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
