"""The story fingerprint: equal across sites' chrome, bylines and datelines; different across stories."""

from __future__ import annotations

import pytest

from dipwatch.core.dedup import FINGERPRINT_PREFIX, MIN_WORDS, content_words, fingerprint

BODY_DE = (
    "Bundesaußenministerin Annalena Baerbock ist zu einem überraschenden Besuch in Kiew eingetroffen. "
    "Sie wolle der Ukraine die weitere Unterstützung Deutschlands zusichern, sagte die Grünen-Politikerin "
    "nach ihrer Ankunft mit dem Zug. Geplant sind Gespräche mit Präsident Wolodymyr Selenskyj und "
    "Außenminister Dmytro Kuleba über Luftverteidigung, den Wiederaufbau und die Annäherung an die "
    "Europäische Union. Es ist bereits ihr sechster Besuch in dem Land seit Beginn des russischen "
    "Angriffskriegs im Februar 2022.\n"
    "Baerbock kündigte zudem weitere humanitäre Hilfe in Höhe von 100 Millionen Euro an."
)

BODY_EN = (
    "Germany's foreign minister arrived in Kyiv on Monday on an unannounced visit, pledging continued "
    "support for Ukraine as it braces for a difficult winter. Annalena Baerbock said she would discuss "
    "air defence, reconstruction and Ukraine's path towards membership of the European Union with "
    "President Volodymyr Zelenskiy and Foreign Minister Dmytro Kuleba during talks later in the day. "
    "It is her sixth trip to the country since the start of the full-scale invasion."
)


@pytest.mark.parametrize(
    "variant",
    [
        "Kiew (dpa) - " + BODY_DE,
        "KIEW (dpa) – " + BODY_DE,
        "Kiew, 11. September (dpa/AFP) - " + BODY_DE,
        "(dpa) " + BODY_DE,
        "KIEW. " + BODY_DE,
        "Von Anna Schmidt, dpa\nLesezeit: 3 Minuten\n" + "Kiew (dpa) - " + BODY_DE,
        "Baerbock überraschend in Kiew\n" + BODY_DE,
        BODY_DE.replace("„", '"').upper(),
        BODY_DE.replace("ß", "ss"),  # Swiss spelling
        BODY_DE + "\nMehr zum Thema: Alles zum Krieg in der Ukraine. Newsletter abonnieren.",
        BODY_DE.replace(". ", ".  ").replace(",", " ,"),
    ],
)
def test_same_agency_text_same_fingerprint(variant: str) -> None:
    assert fingerprint(variant, title="Baerbock überraschend in Kiew") == fingerprint(BODY_DE)


def test_reuters_dateline_dropped() -> None:
    with_dateline = "KYIV, Sept 11 (Reuters) - " + BODY_EN
    assert fingerprint(with_dateline) == fingerprint(BODY_EN)
    assert content_words(with_dateline)[:3] == ["germany", "s", "foreign"]


def test_different_stories_differ() -> None:
    other = BODY_DE.replace("Kiew", "Warschau").replace("Ukraine", "Polen")
    fp_de, fp_other, fp_en = fingerprint(BODY_DE), fingerprint(other), fingerprint(BODY_EN)
    assert fp_de is not None and fp_other is not None and fp_en is not None
    assert len({fp_de, fp_other, fp_en}) == 3
    assert fp_de.startswith(FINGERPRINT_PREFIX)


def test_change_within_window_changes_fingerprint_but_after_it_does_not() -> None:
    words = BODY_DE.split()
    early = " ".join([*words[:5], "Montag", *words[5:]])
    assert fingerprint(early) != fingerprint(BODY_DE)
    late = BODY_DE + " Zusatz " * 10
    assert fingerprint(late) == fingerprint(BODY_DE)


def test_short_text_has_no_fingerprint() -> None:
    short = " ".join(f"wort{i}" for i in range(MIN_WORDS - 1))
    assert fingerprint(short) is None
    assert fingerprint(short + " ende") is not None
    assert fingerprint("") is None


def test_parenthesis_inside_sentence_is_kept() -> None:
    text = "Die Vereinten Nationen (UN) haben " + BODY_DE
    assert content_words(text)[:4] == ["die", "vereinten", "nationen", "un"]
    assert fingerprint(text) != fingerprint(BODY_DE)
