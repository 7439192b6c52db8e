"""The event lexicons are data: each compiles, and no pattern is claimed by two entries."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dipwatch.core.eventlex import event_lexicon, subjunctive_form
from dipwatch.core.resources import load_yaml


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_pattern_has_one_meaning(language: str) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for entry in load_yaml(f"events/{language}.yaml")["triggers"]:
        for pattern in entry["patterns"]:
            owners[str(pattern).lower()].append(f"{entry.get('type')}/{entry.get('cameo')}")
    ambiguous = {pattern: found for pattern, found in owners.items() if len(found) > 1}
    assert not ambiguous


@pytest.mark.parametrize("language", ["de", "en"])
def test_lexicon_compiles_with_cues_the_coder_reads(language: str) -> None:
    lexicon = event_lexicon(language)
    for cue in ("speech", "negation", "both_sides", "possessives", "subject_pronouns", "conditional"):
        assert lexicon.cues.get(cue) or lexicon.cue_phrases.get(cue), cue
    assert lexicon.sentiment["negative"] and lexicon.sentiment["positive"]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("werfen", "werfe"),
        ("fordert", "fordere"),
        ("forderten", "fordere"),
        ("weisen", "weise"),
        ("droht", "drohe"),
    ],
)
def test_konjunktiv_forms_from_pattern_verbs(form: str, expected: str) -> None:
    assert subjunctive_form(form) == expected


def test_konjunktiv_token_finds_the_verbs_patterns() -> None:
    lexicon = event_lexicon("de")
    assert {p.trigger.event_type for p in lexicon.candidates("werfe")} == {"ACCUSE"}
    assert "REJECT" in {p.trigger.event_type for p in lexicon.candidates("weise")}
