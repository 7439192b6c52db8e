"""Language identification from function words and scripts (data/language/languages.yaml).

Precise enough for news paragraphs and three orders of magnitude faster than model-based
detectors; a language is added as data.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from dipwatch.core.resources import load_yaml

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class _Profiles:
    stopwords: dict[str, frozenset[str]]
    languages_of: dict[str, tuple[str, ...]]  # word -> languages that list it
    scripts: dict[str, re.Pattern[str]]
    any_script: re.Pattern[str]  # any character of any listed script: most texts have none
    min_tokens: int
    markers: dict[str, tuple[str, ...]]
    preferred: tuple[str, ...]


@lru_cache(maxsize=1)
def _profiles() -> _Profiles:
    data = load_yaml("language/languages.yaml")
    languages_of: dict[str, list[str]] = {}
    for lang, words in data["languages"].items():
        for word in words:
            languages_of.setdefault(str(word), []).append(lang)
    scripts = data.get("scripts", {})
    return _Profiles(
        stopwords={lang: frozenset(words) for lang, words in data["languages"].items()},
        languages_of={word: tuple(langs) for word, langs in languages_of.items()},
        scripts={lang: re.compile(f"[{chars}]") for lang, chars in scripts.items()},
        any_script=re.compile("|".join(f"[{chars}]" for chars in scripts.values()) or "(?!)"),
        min_tokens=int(data.get("min_tokens", 3)),
        markers={lang: tuple(map(str, found)) for lang, found in data.get("markers", {}).items()},
        preferred=tuple(map(str, data.get("prefer_when_unsure", ()))),
    )


def detect_language(text: str, hint: str | None = None, sample_chars: int = 2000) -> str:
    """ISO 639-1 code of the text's language, ``"und"`` when it cannot be told.

    The hint (from a feed or the caller) decides only when the text gives too little evidence.
    """
    profiles = _profiles()
    sample = text[:sample_chars]
    words = _WORD_RE.findall(sample.lower())
    if profiles.any_script.search(sample):
        letters = sum(map(len, words)) or 1
        for lang, pattern in profiles.scripts.items():
            if len(pattern.findall(sample)) / letters > 0.4:
                return lang
    counts = dict.fromkeys(profiles.stopwords, 0)
    languages_of = profiles.languages_of
    tally = Counter(words)  # per distinct word: function words repeat
    for word in tally.keys() & languages_of.keys():  # only listed words count (set operation in C)
        count = tally[word]
        for lang in languages_of[word]:
            counts[lang] += count
    best = max(counts, key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < profiles.min_tokens or (len(ranked) > 1 and ranked[0] < 1.3 * ranked[1]):
        if hint:
            return hint.lower()[:2]
        return _weak_evidence(sample.lower(), counts, profiles)
    return best


def _weak_evidence(sample: str, counts: dict[str, int], profiles: _Profiles) -> str:
    """A short text's language: clear letter sequences ("sch", "ß" against "th", "ing") decide; else
    the languages within one function word of the best, German and English first
    (``prefer_when_unsure``), ordered by letter sequences, then function words."""
    markers = {lang: sum(sample.count(m) for m in found) for lang, found in profiles.markers.items()}
    ranked = sorted(markers.items(), key=lambda item: item[1], reverse=True)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    top = max(counts.values(), default=0)
    if top == 0:
        # no function word at all: a single letter sequence still beats nothing
        if ranked and ranked[0][1] >= 1 and (len(ranked) == 1 or ranked[1][1] == 0):
            return ranked[0][0]
        return "und"
    close = [lang for lang in counts if counts[lang] >= top - 1]
    preferred = [lang for lang in profiles.preferred if lang in close]
    pool = preferred or [lang for lang in close if counts[lang] == top]
    order = {lang: i for i, lang in enumerate(profiles.preferred)}
    return max(pool, key=lambda lang: (markers.get(lang, 0), counts[lang], -order.get(lang, len(order))))
