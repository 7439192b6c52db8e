"""Definite descriptions ("die Junta", "the bloc", "the militia") resolve to the salient actor of a kind."""

from __future__ import annotations

from dipwatch.core.actors import Mention, org_ref, state_ref
from dipwatch.core.anaphora import find_descriptions, resolve_anaphors
from dipwatch.core.text import lower_same_length
from dipwatch_schemas import ActorRef


def _resolve(
    text: str, language: str, by_kind: dict[str, ActorRef], named: list[Mention] | None = None
) -> list[Mention]:
    descriptions = find_descriptions(lower_same_length(text), language)
    return resolve_anaphors(text, descriptions, 0, len(text), named or [], by_kind.get)


def test_german_description_takes_the_salient_state() -> None:
    found = _resolve("Die Junta warf Frankreich Einmischung vor.", "de", {"state": state_ref("MMR", "de")})
    assert [(m.surface, m.actor.country) for m in found] == [("Die Junta", "MMR")]


def test_english_descriptions_by_kind() -> None:
    text = "The bloc said the militia must disarm."
    found = _resolve(text, "en", {"organisation": org_ref("ECOWAS"), "group": org_ref("HAMAS")})
    assert [(m.surface, m.actor.code) for m in found] == [("The bloc", "ECOWAS"), ("the militia", "HAMAS")]


def test_unresolved_without_an_actor_of_that_kind() -> None:
    assert _resolve("The regime denied the report.", "en", {"group": org_ref("HAMAS")}) == []


def test_a_named_mention_wins_over_an_overlapping_description() -> None:
    text = "The group Hamas fired rockets."
    named = [Mention(start=0, end=15, actor=org_ref("HAMAS"), surface="The group Hamas")]
    found = _resolve(text, "en", {"group": org_ref("HEZBOLLAH")}, named)
    assert [m.actor.code for m in found] == ["HAMAS"]
