"""The event lexicons are data: each compiles, and no pattern is claimed by two entries."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dipwatch.core.eventlex import event_lexicon
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
