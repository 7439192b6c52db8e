"""Definite descriptions that point back to a named actor: "die Junta", "the bloc", "the militia".

News names an actor once and then refers to it by what it is. Each description (``data/actors/
anaphors.yaml``) stands for the most salient actor of its kind in the sentences before it; the
caller supplies that choice, so this module stays a pure function of the text and the context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from dipwatch.core.actors import Mention
from dipwatch.core.resources import load_yaml
from dipwatch.core.text import Sentence
from dipwatch_schemas import ActorRef


@lru_cache(maxsize=8)
def _patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One regular expression per kind, longest phrases first, whole words only."""
    table = load_yaml("actors/anaphors.yaml").get(language, {})
    compiled = []
    for kind, phrases in table.items():
        ordered = sorted((str(p).lower() for p in phrases), key=len, reverse=True)
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
        compiled.append((str(kind), re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return tuple(compiled)


def resolve_anaphors(
    text: str,
    low: str,
    sentence: Sentence,
    mentions: list[Mention],
    language: str,
    salient: Callable[[str], ActorRef | None],
) -> list[Mention]:
    """``mentions`` plus one mention per description in ``sentence`` that ``salient(kind)`` resolves.

    ``low`` is the lower-cased article (same offsets as ``text``); a description that overlaps a
    named mention ("die Junta in Niger" next to "Niger") is left to the name.
    """
    found: list[Mention] = []
    for kind, pattern in _patterns(language):
        for hit in pattern.finditer(low, sentence.start, sentence.end):
            start, end = hit.span()
            if any(m.start < end and start < m.end for m in [*mentions, *found]):
                continue
            actor = salient(kind)
            if actor is not None:
                found.append(Mention(start=start, end=end, actor=actor, surface=text[start:end]))
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.start)
