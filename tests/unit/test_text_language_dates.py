"""Sentences, tokens, language identification and date resolution (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from dipwatch.core.dates import resolve_date
from dipwatch.core.language import detect_language
from dipwatch.core.text import lower_same_length, normalise, split_sentences, tokenize


def test_sentences_keep_abbreviations_and_ordinals() -> None:
    text = "Am 3. März traf Dr. Schmidt die U.S. Delegation. Danach reiste er ab! Was nun?"
    sentences = [s.text for s in split_sentences(text, "de")]
    assert sentences == [
        "Am 3. März traf Dr. Schmidt die U.S. Delegation.",
        "Danach reiste er ab!",
        "Was nun?",
    ]


def test_sentence_offsets_point_into_the_text() -> None:
    text = "First one here.\nSecond line without stop\nThird. Fourth."
    for sentence in split_sentences(text, "en"):
        assert text[sentence.start : sentence.end] == sentence.text
    assert len(split_sentences(text, "en")) == 4


def test_tokens_keep_hyphenated_compounds() -> None:
    assert [t.text for t in tokenize("US-Diplomaten, Russia's envoy.")] == [
        "US-Diplomaten",
        ",",
        "Russia's",
        "envoy",
        ".",
    ]


def test_lower_keeps_length_for_dotted_capital_i() -> None:
    text = "İstanbul ve Ankara"
    assert len(lower_same_length(text)) == len(text)


def test_normalise_removes_controls_and_collapses_space() -> None:
    assert normalise("a\x00b  c\r\n\r\n\r\nd\u00a0e") == "ab c\n\nd e"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Außenminister sagte am Montag, dass die Gespräche mit der Regierung fortgesetzt werden.", "de"),
        ("The foreign minister said on Monday that the talks with the government would continue.", "en"),
        ("Le ministre des affaires étrangères a déclaré que les discussions avec le gouvernement.", "fr"),
        ("Министр иностранных дел заявил, что переговоры продолжатся.", "ru"),
    ],
)
def test_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lavrov met Blinken in Geneva.", "en"),  # "met" and "in" are Dutch too
        ("China warned Taiwan against declaring independence.", "en"),  # no function word listed before
        ("Lawrow traf Blinken in Genf.", "de"),
        ("Merkel trifft Macron", "de"),
        ("Russia expelled ten U.S. diplomats last week.", "en"),  # no function word at all
        ("Lawrow will Blinken am Freitag in Genf treffen.", "de"),
        ("Putin will meet Biden in Geneva.", "en"),
        ("Rutte ontmoette Scholz in Den Haag met de premier.", "nl"),
    ],
)
def test_language_of_one_line_briefs(text: str, expected: str) -> None:
    """A feed summary may be one short sentence; a near tie goes to German or English."""
    assert detect_language(text) == expected


def test_language_hint_decides_only_without_evidence() -> None:
    assert detect_language("Putin Selenskyj", hint="de") == "de"
    assert detect_language("The talks with the government are over.", hint="de") == "en"


REF = dt.date(2021, 3, 19)  # a Friday


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Lawrow traf Blinken am Donnerstag in Genf.", "de", dt.date(2021, 3, 18)),
        ("The ministers met on Thursday.", "en", dt.date(2021, 3, 18)),
        ("Am kommenden Dienstag wollen sie sich treffen.", "de", dt.date(2021, 3, 23)),
        ("Das Treffen fand im April statt.", "de", dt.date(2020, 4, 1)),
        ("They met in January.", "en", dt.date(2021, 1, 1)),
        ("Sie trafen sich vergangene Woche.", "de", dt.date(2021, 3, 12)),
        ("They met last week.", "en", dt.date(2021, 3, 12)),
        ("Am 3. März 2015 unterzeichneten sie den Vertrag.", "de", dt.date(2015, 3, 3)),
        ("The deal was signed on March 3.", "en", dt.date(2021, 3, 3)),
        ("Gestern hieß es aus Moskau …", "de", dt.date(2021, 3, 18)),
        ("No date here.", "en", REF),
    ],
)
def test_dates_resolve_against_publication(sentence: str, language: str, expected: dt.date) -> None:
    assert resolve_date(sentence, REF, language) == expected


def test_no_reference_no_date() -> None:
    assert resolve_date("am Donnerstag", None, "de") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "They met on Frıday, 5 officials said.",
        "Am Montag, dem 3. Mäṙz, İstanbul",
        "on \u212aeine Zeit",
        "Yeſterday 2020",
    ],
)
def test_date_words_with_letters_ignorecase_folds_never_crash(sentence: str) -> None:
    """IGNORECASE matches "ı", "ſ" and the Kelvin sign to date-word letters; the look-up must too."""
    assert resolve_date(sentence, dt.date(2024, 5, 1), "en") is not None
    assert resolve_date(sentence, dt.date(2024, 5, 1), "de") is not None


def test_dotless_i_weekday_resolves() -> None:
    found = resolve_date("They met on Frıday, 5 officials said.", dt.date(2024, 5, 1), "en")
    assert found == dt.date(2024, 4, 26)


def test_date_word_inside_a_joined_token() -> None:
    """The coder passes whole tokens: "Montag-Abend" and "Sunday's" still name the day."""
    day = dt.date(2024, 5, 1)
    assert resolve_date("Sunday's summit ended.", day, "en", ["sunday's", "summit", "ended"]) == dt.date(
        2024, 4, 28
    )
    assert resolve_date("Am Montag-Abend trafen sie sich.", day, "de", ["am", "montag-abend"]) == dt.date(
        2024, 4, 29
    )


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Im Jahr 2019 hatte Trump Kim in Hanoi getroffen.", "de", dt.date(2019, 1, 1)),
        ("In 2019, Trump met Kim in Hanoi.", "en", dt.date(2019, 1, 1)),
        ("Seit 2014 ist die Krim besetzt.", "de", dt.date(2014, 1, 1)),
        ("Last year, the two leaders met in Bali.", "en", dt.date(2022, 1, 1)),
        ("Im vergangenen Jahr trafen sich die beiden in Bali.", "de", dt.date(2022, 1, 1)),
        ("The deal runs until 2030.", "en", dt.date(2023, 6, 15)),  # a deadline, not a date of the past
        ("Rund 2000 Soldaten wurden verlegt.", "de", dt.date(2023, 6, 15)),  # a number, not a year
        ("In April 2019 they met.", "en", dt.date(2019, 4, 1)),  # the month is more precise
    ],
)
def test_a_past_year_alone_dates_the_event(sentence: str, language: str, expected: dt.date) -> None:
    assert resolve_date(sentence, dt.date(2023, 6, 15), language) == expected
