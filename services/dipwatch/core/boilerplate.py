"""Drops paragraphs that are boilerplate even as plain text (cookie notes, share prompts, credits).

Why a separate pass: HTML cleaning misses boilerplate that sits inside the article container
or arrives as plain text (feed summaries). Rules live in ``data/boilerplate.yaml``; each is
anchored and length-limited so a news sentence that merely mentions "cookies" or a newsletter
survives. Rules are compiled once per process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

_DATA_FILE = "boilerplate.yaml"
_KNOWN_LANGUAGES = ("de", "en")


@cache
def load_rules_file() -> dict[str, Any]:
    """The parsed data file, shared with pagetext's DOM rules."""
    text = resources.files("dipwatch.data").joinpath(_DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _rules(language: str) -> tuple[tuple[tuple[int, re.Pattern[str]], ...], int, re.Pattern[str]]:
    """Rules for one language group ("de", "en" or "*" for all) and the longest max_len.

    Rules with the same max_len are joined into one alternation, and all rules into one more
    regex that most paragraphs fail at once: the per-rule pass cost ~0.4 ms a page, half a parse.
    """
    groups: dict[str, list[dict[str, Any]]] = load_rules_file()["paragraphs"]
    names = ["shared", *(_KNOWN_LANGUAGES if language == "*" else (language,))]
    buckets: dict[int, list[str]] = {}
    for name in names:
        for item in groups.get(name, []):
            buckets.setdefault(int(item["max_len"]), []).append(f"(?:{item['re']})")
    rules = tuple(
        (max_len, re.compile("|".join(parts), re.IGNORECASE)) for max_len, parts in sorted(buckets.items())
    )
    # Any rule at all: most paragraphs match none, so they cost one test instead of one per bucket.
    # Anchored rules are tried at the start only (an alternation of them would be tried at every
    # position); the few unanchored ones are searched separately.
    patterns = [f"(?:{item['re']})" for name in names for item in groups.get(name, [])]
    anchored = [p[4:-1] for p in patterns if p.startswith("(?:^")]
    floating = [p for p in patterns if not p.startswith("(?:^")]
    any_rule = re.compile(
        "|".join([*(["^(?:" + "|".join(anchored) + ")"] if anchored else []), *floating]) or "(?!)",
        re.IGNORECASE,
    )
    return rules, max((max_len for max_len, _ in rules), default=0), any_rule


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
    rules, longest, any_rule = _rules(_language_key(language))
    if len(text) > longest or not any_rule.search(text):
        return False
    return any(len(text) <= max_len and pattern.search(text) for max_len, pattern in rules)


def drop_boilerplate(paragraphs: list[str], language: str | None) -> list[str]:
    """The paragraphs that are not boilerplate, in their order; empty ones are dropped too."""
    return [p for p in paragraphs if not is_boilerplate(p, language)]
