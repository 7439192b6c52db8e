"""Drops paragraphs that are boilerplate even as plain text (cookie notes, share prompts, credits).

Why a separate pass: HTML cleaning misses boilerplate that sits inside the article container
or arrives as plain text (feed summaries). Rules live in ``data/boilerplate.yaml``; each is
anchored and length-limited so a news sentence that merely mentions "cookies" or a newsletter
survives. Rules are compiled once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_DATA_FILE = "boilerplate.yaml"
_KNOWN_LANGUAGES = ("de", "en")


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    max_len: int


@cache
def load_rules_file() -> dict[str, Any]:
    """The parsed data file, shared with pagetext's DOM rules."""
    text = resources.files("dipwatch.data").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _rules(language: str) -> tuple[tuple[_Rule, ...], int]:
    """Rules for one language group ("de", "en" or "*" for all) and the longest max_len."""
    groups: dict[str, list[dict[str, Any]]] = load_rules_file()["paragraphs"]
    names = ["shared", *(_KNOWN_LANGUAGES if language == "*" else (language,))]
    rules = tuple(
        _Rule(re.compile(item["re"], re.IGNORECASE), int(item["max_len"]))
        for name in names
        for item in groups.get(name, [])
    )
    return rules, max((r.max_len for r in rules), default=0)


def _language_key(language: str | None) -> str:
    if language:
        primary = language.strip().lower().replace("_", "-").split("-")[0]
        if primary in _KNOWN_LANGUAGES:
            return primary
    return "*"


def is_boilerplate(paragraph: str, language: str | None = None) -> bool:
    """True if one paragraph matches a boilerplate rule of its language (or of any, if unknown)."""
    text = paragraph.strip()
    if not text:
        return True
    rules, longest = _rules(_language_key(language))
    if len(text) > longest:
        return False
    return any(len(text) <= r.max_len and r.pattern.search(text) for r in rules)


def drop_boilerplate(paragraphs: list[str], language: str | None) -> list[str]:
    """The paragraphs that are not boilerplate, in their order; empty ones are dropped too."""
    return [p for p in paragraphs if not is_boilerplate(p, language)]
