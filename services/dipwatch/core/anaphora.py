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
def _pattern(language: str) -> re.Pattern[str]:
    """One alternation for all kinds (a named group per kind), longest phrases first, whole words."""
    table = load_yaml("actors/anaphors.yaml").get(language, {})
    groups = []
    for kind, phrases in table.items():
        ordered = sorted((str(p).lower() for p in phrases), key=len, reverse=True)
        groups.append(f"(?P<{kind}>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")")
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups) or '(?!)'})(?!\w)")


def find_descriptions(low: str, language: str) -> list[Description]:
    """Every description in the lower-cased article, in text order (one scan per article)."""
    return [
        Description(hit.start(), hit.end(), str(hit.lastgroup)) for hit in _pattern(language).finditer(low)
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
