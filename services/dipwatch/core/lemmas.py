"""Lemmatised text for search: "trafen", "getroffen" and "Treffen" all become "treffen".

The minimal Elasticsearch used in tests has no German or English analysers, and SQLite's FTS5
has none at all; a lemma field filled here makes German and English search work on every
backend. simplemma (dictionary-based, no model download) does the lemmatisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

_WORD_RE = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
SUPPORTED = frozenset({"de", "en"})


@lru_cache(maxsize=200_000)
def _lemma(word: str, language: str) -> str:
    return str(simplemma.lemmatize(word, lang=language)).lower()


def lemma_text(text: str, language: str) -> str:
    """Space-separated lower-case lemmas of the words in ``text`` (lower-cased words for other languages)."""
    words = _WORD_RE.findall(text)
    if language not in SUPPORTED:
        return " ".join(w.lower() for w in words)
    return " ".join(_lemma(w, language) for w in words)


def query_forms(word: str) -> list[str]:
    """A search word and its German and English lemmas, so "Treffen" also finds "trafen"."""
    forms = [word.lower()]
    for language in sorted(SUPPORTED):
        lemma = _lemma(word, language)
        if lemma not in forms:
            forms.append(lemma)
    return forms
