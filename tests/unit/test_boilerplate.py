"""drop_boilerplate: typical DE/EN boilerplate goes, news sentences that mention the same words stay."""

from __future__ import annotations

import re

import pytest

from dipwatch.core.boilerplate import drop_boilerplate, is_boilerplate, load_rules_file


@pytest.mark.parametrize(
    ("paragraph", "language"),
    [
        ("Wir verwenden Cookies, um Ihnen ein optimales Erlebnis zu bieten.", "de"),
        ("Jetzt zum Newsletter anmelden und nichts verpassen!", "de"),
        ("Was denken Sie? Diskutieren Sie mit!", "de"),
        ("Diskutieren Sie mit", "de"),
        ("Teilen auf Facebook", "de"),
        ("Folgen Sie uns auf Twitter", "de"),
        ("Mehr zum Thema", "de"),
        ("Lesen Sie auch: Scholz reist nach Peking", "de"),
        ("Foto: dpa", "de"),
        ("Bild: picture alliance / Kay Nietfeld", "de"),
        ("© 2024 Spiegel Online", "de"),
        ("Anzeige", "de"),
        ("Jetzt abonnieren", "de"),
        ("Ein Beitrag geteilt von Auswärtiges Amt (@auswaertigesamt)", "de"),
        ("This site uses cookies to improve your experience.", "en"),
        ("What do you think? Tell us in the comments.", "en"),
        ("Follow us on Twitter", "en"),
        ("Read more: Blinken meets Wang Yi", "en"),
        ("Advertisement", "en"),
        ("Subscribe to continue reading", "en"),
        ("View this post on Instagram", "en"),
        ("— Antony Blinken (@SecBlinken) March 3, 2022", "en"),
        ("We are proud. pic.twitter.com/AbC123xyz", "en"),
        ("This article was amended on 3 March to correct the date.", "en"),
        ("Copyright 2023 The Associated Press. All rights reserved.", "en"),
        ("Photo: Reuters", None),
    ],
)
def test_boilerplate_is_dropped(paragraph: str, language: str | None) -> None:
    assert is_boilerplate(paragraph, language)
    assert drop_boilerplate([paragraph], language) == []


@pytest.mark.parametrize(
    ("paragraph", "language"),
    [
        (
            "Die EU-Kommission will Cookies strenger regulieren, sagte ein Sprecher am Montag in Brüssel.",
            "de",
        ),
        ("Das Auswärtige Amt verschickt seit 2020 einen Newsletter an Diplomaten im Ausland.", "de"),
        (
            "Anzeige gegen den Botschafter: Die Staatsanwaltschaft Berlin ermittelt wegen Spionage.",
            "de",
        ),
        ("Lawrow sagte, Russland werde seine Botschaft in Berlin nicht schließen.", "de"),
        ("The minister said the newsletter leak had damaged relations with Beijing for months.", "en"),
        ("Officials who accepted cookies from the delegation were later questioned by police.", "en"),
        ("Share prices fell sharply after the sanctions were announced on Tuesday in Brussels.", "en"),
        ("Follow-up talks between the foreign ministers are planned for next week in Geneva.", "en"),
    ],
)
def test_news_sentences_are_kept(paragraph: str, language: str | None) -> None:
    assert not is_boilerplate(paragraph, language)
    assert drop_boilerplate([paragraph], language) == [paragraph]


def test_order_kept_and_empty_dropped() -> None:
    paras = ["Erster Satz der Meldung.", "", "Foto: AFP", "Zweiter Satz der Meldung."]
    assert drop_boilerplate(paras, "de-DE") == ["Erster Satz der Meldung.", "Zweiter Satz der Meldung."]


def test_long_paragraph_with_cookie_words_is_kept() -> None:
    long = "Wir verwenden Cookies " + "und viele weitere Wörter in einem sehr langen Absatz " * 20
    assert not is_boilerplate(long, "de")


def test_dom_class_id_words_are_plain_css_safe_words() -> None:
    """They are pasted into CSS attribute selectors; anything but a plain word breaks the render."""
    words = load_rules_file()["dom"]["drop_class_id_substrings"]
    assert words
    for word in words:
        assert isinstance(word, str) and re.fullmatch(r"[a-z][a-z-]*", word), word
