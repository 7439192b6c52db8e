"""Dates of events: explicit or relative expressions resolved against the publication date.

"am Donnerstag", "on Thursday" → the last such day on or before publication (news reports the
past; "kommenden"/"next" looks forward); "im April"/"in April" → the 1st of that month, in the
previous year when April lies after publication; "last week"/"vergangene Woche" → 7 days back;
"3. März 2015", "March 3", "on 3 March" → that day; a past year alone ("in 2019", "seit 2014",
"last year") → the 1st of January of that year. Words live in ``data/language/dates.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from dipwatch.core.resources import load_yaml

_DIGIT_RE = re.compile(r"\d")
_MONTH, _WEEKDAY, _RELATIVE = 1, 2, 4  # kinds of date word
# characters IGNORECASE matches to letters of date words while str.lower() leaves them alone
_FOLD_SPECIAL_RE = re.compile("[İıſ]")


@dataclass(frozen=True)
class _DateWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    relative_weeks: dict[str, int]
    forward: frozenset[str]
    keywords: frozenset[str]  # any of these (or a digit) must occur for a sentence to name a date
    pattern_day_month: re.Pattern[str]
    pattern_month_day: re.Pattern[str]
    pattern_weekday: re.Pattern[str]
    pattern_month: re.Pattern[str]
    pattern_relative: re.Pattern[str]
    pattern_year: re.Pattern[str]  # "in 2019", "im Jahr 2019", "last year"
    relative_years: dict[str, int]
    # every pattern names a month, weekday or relative word: a sentence without one (found
    # case-insensitively as in the patterns) is resolved by one search instead of five
    any_word: re.Pattern[str]
    # the same words in one automaton over the lower-cased sentence, each with the kinds it belongs
    # to (``_MONTH | _WEEKDAY | _RELATIVE``): one pass says which of the patterns can match at all,
    # where three regex alternations cost more than the rest of the date resolution
    kinds_in_lower: ahocorasick.Automaton


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _words(language: str) -> _DateWords:
    data = load_yaml("language/dates.yaml")[language if language in ("de", "en") else "en"]
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in data["weekdays"].items()}
    relative_days = {k.lower(): int(v) for k, v in data["relative_days"].items()}
    relative_weeks = {k.lower(): int(v) for k, v in data["relative_weeks"].items()}
    relative_years = {k.lower(): int(v) for k, v in (data.get("relative_years") or {}).items()}
    month_alt = _alternation(list(months))
    return _DateWords(
        months=months,
        weekdays=weekdays,
        relative_days=relative_days,
        relative_weeks=relative_weeks,
        forward=frozenset(w.lower() for w in data["forward"]),
        keywords=frozenset(
            [
                *(
                    word
                    for key in (*months, *weekdays, *relative_days, *relative_weeks)
                    for word in key.split()[:1]
                ),
                # the year word, not "the"/"a"/"im": a sentence without one skips the patterns
                *(key.split()[-1] for key in relative_years),
            ]
        ),
        pattern_day_month=re.compile(rf"\b(\d{{1,2}})\.?\s+({month_alt})\.?(?:\s+(\d{{4}}))?\b", re.I),
        pattern_month_day=re.compile(
            rf"\b({month_alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I
        ),
        # "\b" first: the leftmost match starts at a word start anyway, and the test spares running
        # "\w+" from every position inside a word
        pattern_weekday=re.compile(rf"(?:\b(\w+)\s+)?\b({_alternation(list(weekdays))})\b", re.I),
        pattern_month=re.compile(
            rf"\b(?:im|in|seit|since|ab|bis|until|early|late|mid|Anfang|Ende|Mitte)\s+"
            rf"({month_alt})\b(?:\s+(\d{{4}}))?",
            re.I,
        ),
        pattern_relative=re.compile(
            rf"\b({_alternation(list(relative_days) + list(relative_weeks))})\b", re.I
        ),
        pattern_year=re.compile(
            rf"\b(?:(?:{_alternation(list(data.get('year_prepositions') or []))})\s+((?:19|20)\d\d)\b"
            rf"|({_alternation(list(relative_years))})\b)",
            re.I,
        ),
        relative_years=relative_years,
        any_word=re.compile(
            _alternation([*months, *weekdays, *relative_days, *relative_weeks]) or "(?!)", re.I
        ),
        kinds_in_lower=_kinds_automaton(
            {_MONTH: list(months), _WEEKDAY: list(weekdays), _RELATIVE: [*relative_days, *relative_weeks]}
        ),
    )


def _kinds_automaton(words_by_kind: dict[int, list[str]]) -> ahocorasick.Automaton:
    kinds: dict[str, int] = {}
    for kind, words in words_by_kind.items():
        for word in words:
            if word:
                kinds[word] = kinds.get(word, 0) | kind
    automaton = ahocorasick.Automaton()
    for word, kind in kinds.items():
        automaton.add_word(word, kind)
    if kinds:
        automaton.make_automaton()
    return automaton


def _kinds_in(low: str, automaton: ahocorasick.Automaton) -> int:
    """The kinds of date word (``_MONTH | _WEEKDAY | _RELATIVE``) occurring anywhere in ``low``."""
    if len(automaton) == 0:
        return 0
    found = 0
    for _, kind in automaton.iter(low):
        found |= kind
    return found


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, reference: dt.date, slack_days: int) -> int:
    """The year that puts day/month at or before publication (news reports the past), within slack."""
    candidate = _safe(reference.year, month, min(day, 28)) or reference
    return reference.year - 1 if candidate > reference + dt.timedelta(days=slack_days) else reference.year


_JOINS_RE = re.compile(r"[-'’]")
_FOLD_TABLE = str.maketrans({"ı": "i", "ſ": "s", "\u212a": "k", "\u0307": None})


def _fold(word: str) -> str:
    """A matched date word as its dictionary key: IGNORECASE also matched "Frıday" (dotless i),
    "ſ" and the Kelvin sign, which ``str.lower`` leaves as they are."""
    return word.lower().translate(_FOLD_TABLE)


def resolve_date(
    sentence: str, reference: dt.date | None, language: str, tokens: Iterable[str] | None = None
) -> dt.date | None:
    """The date an event in ``sentence`` happened on, or ``reference`` when the sentence names none.

    ``tokens`` (the sentence's lower-cased words, when the caller has them) make the common case,
    a sentence without any date word, cheap.
    """
    if reference is None:
        return None
    words = _words(language)
    lowered = tokens if tokens is not None else re.findall(r"\w+", sentence.lower())
    if words.keywords.isdisjoint(lowered) and not _DIGIT_RE.search(sentence):
        # "Montag-Abend", "Sunday's summit": a date word inside a joined token counts too (a token
        # without a joining character is one of ``lowered``: only a sentence with one needs a look)
        if not _JOINS_RE.search(sentence):
            return reference
        joined = {part for token in lowered if not token.isalnum() for part in _JOINS_RE.split(token)}
        if words.keywords.isdisjoint(joined):
            return reference
    if _FOLD_SPECIAL_RE.search(sentence):
        # IGNORECASE matches these to date-word letters, str.lower() does not: all patterns, as written
        if not words.any_word.search(sentence):
            return reference
        return _resolve(sentence, reference, words, True, True, True)
    kinds = _kinds_in(sentence.lower(), words.kinds_in_lower)
    if not kinds:
        return _year(sentence, reference, words) or reference
    return _resolve(
        sentence, reference, words, bool(kinds & _MONTH), bool(kinds & _WEEKDAY), bool(kinds & _RELATIVE)
    )


def _resolve(
    sentence: str, reference: dt.date, words: _DateWords, months: bool, weekdays: bool, relative: bool
) -> dt.date | None:
    """The patterns in their order of precedence, each only when its kind of word occurs."""
    if months:
        found = _explicit_day(sentence, reference, words)
        if found:
            return found
    if relative:
        match = words.pattern_relative.search(sentence)
        if match:
            key = _fold(match.group(1))
            if key in words.relative_days:
                return reference + dt.timedelta(days=words.relative_days[key])
            return reference + dt.timedelta(weeks=words.relative_weeks[key])
    if weekdays:
        match = words.pattern_weekday.search(sentence)
        if match:
            weekday = words.weekdays[_fold(match.group(2))]
            previous = (match.group(1) or "").lower()
            delta = (reference.weekday() - weekday) % 7
            if previous in words.forward:
                ahead = (weekday - reference.weekday()) % 7 or 7
                return reference + dt.timedelta(days=ahead)
            return reference - dt.timedelta(days=delta)
    if months:
        match = words.pattern_month.search(sentence)
        if match:
            month = words.months[_fold(match.group(1))]
            year = int(match.group(2)) if match.group(2) else _year_for(month, 1, reference, 0)
            return _safe(year, month, 1)
    return _year(sentence, reference, words) or reference


def _year(sentence: str, reference: dt.date, words: _DateWords) -> dt.date | None:
    """ "in 2019", "seit 2014", "last year": the 1st of January of a year before the publication's
    (a later year is a plan or a deadline, the publication's own says nothing new)."""
    match = words.pattern_year.search(sentence)
    if match is None:
        return None
    if match.group(1):
        year = int(match.group(1))
    else:
        year = reference.year + words.relative_years[_fold(match.group(2))]
    return dt.date(year, 1, 1) if year < reference.year else None


def _explicit_day(sentence: str, reference: dt.date, words: _DateWords) -> dt.date | None:
    """ "3. März 2015", "March 3", "on 3 March": that day."""
    match = words.pattern_day_month.search(sentence)
    if match and _fold(match.group(2)) in words.months:
        month = words.months[_fold(match.group(2))]
        day = int(match.group(1))
        year = int(match.group(3)) if match.group(3) else _year_for(month, day, reference, 7)
        found = _safe(year, month, day)
        if found:
            return found
    match = words.pattern_month_day.search(sentence)
    if match and _fold(match.group(1)) in words.months:
        month = words.months[_fold(match.group(1))]
        day = int(match.group(2))
        year = int(match.group(3)) if match.group(3) else _year_for(month, day, reference, 7)
        found = _safe(year, month, day)
        if found:
            return found
    return None
