"""The event lexicons are data: each compiles, and no pattern is claimed by two entries."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

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


def test_every_cue_the_code_reads_is_defined_in_a_lexicon() -> None:
    """Cues are read by name (``lexicon.cues.get("clause_goes_on")``), and a misspelt name silently
    reads an empty list; so each name the core's source reads must be a cue list of de.yaml or en.yaml."""
    import dipwatch.core

    read = re.compile(r'(?:cues\.get\(|cues\[|cue_index\(|cue_suffixes\(|_cue\([^()]*?,\s*)\s*"([a-z_]+)"')
    names = {
        name
        for path in Path(dipwatch.core.__file__).parent.rglob("*.py")
        for name in read.findall(path.read_text(encoding="utf-8"))
    }
    defined = {name for language in ("de", "en") for name in event_lexicon(language).cues}
    defined |= {name for language in ("de", "en") for name in event_lexicon(language).cue_phrases}
    assert len(names) > 50  # the pattern still finds the reads
    assert names <= defined, sorted(names - defined)


def test_the_german_lexicon_carries_its_grammar_maps() -> None:
    lexicon = event_lexicon("de")
    assert lexicon.numbers["drei"] == 3
    assert "militärmanöver" in lexicon.prepositional_heads["vor"]
    assert "ei" in lexicon.cue_suffixes("article_state_names")  # "die Türkei"


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


def test_english_later_pattern_words_match_their_plural() -> None:
    """ "recalled its ambassador" also reads "recalled its ambassadors"; German forms are listed."""
    from dipwatch.core.coding.triggers import find_triggers
    from dipwatch.core.text import tokenize

    def types(text: str, language: str) -> list[str | None]:
        return [m.trigger.event_type for m in find_triggers(tokenize(text), event_lexicon(language))]

    assert types("France has recalled its ambassadors to the US and Australia.", "en") == ["SANCTION"]
    assert types("Ottawa recalled its envoys from Riyadh.", "en") == ["SANCTION"]
    plural = next(p for p in event_lexicon("en").exact["recalled"] if p.source == "recalled its ambassador")
    assert plural.tokens[2].plural and not plural.tokens[1].plural  # "its" ends in "s" already
    assert not any(t.plural for p in event_lexicon("de").exact.get("wies", []) for t in p.tokens)
