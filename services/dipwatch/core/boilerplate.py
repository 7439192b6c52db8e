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


_Rules = tuple[tuple[tuple[int, re.Pattern[str]], ...], int, "_AnyRule"]


class _AnyRule:
    """Whether any rule matches at all: most paragraphs match none, so they cost one test instead of
    one per bucket. Anchored rules are tried at the start only (one ``match``); each unanchored one is
    searched only where its leading literal ("pic.twitter.com/", "cookie") occurs, because a
    case-insensitive search through a whole paragraph costs more than the rest of the cleaning."""

    def __init__(self, anchored: list[str], floating: list[str]) -> None:
        self._anchored = re.compile("(?:" + "|".join(anchored) + ")", re.IGNORECASE) if anchored else None
        self._floating = [
            (
                re.compile(re.escape(literal), re.IGNORECASE) if literal else None,
                literal.lower() if literal.isascii() else None,
                re.compile(p, re.IGNORECASE),
            )
            for p in floating
            for literal in (_literal_prefix(p),)
        ]

    def search(self, text: str) -> bool:
        if self._anchored is not None and self._anchored.match(text):
            return True
        # An ASCII literal occurs case-insensitively iff it occurs in ``text.lower()`` (a plain substring
        # test, several times cheaper than an IGNORECASE search) unless the text has a character that
        # IGNORECASE takes for an ASCII letter while ``str.lower`` does not: "İ", "ı", "ſ".
        low = None if "İ" in text or "ı" in text or "ſ" in text else text.lower()
        for literal, needle, rule in self._floating:
            if literal is not None:
                if needle is not None and low is not None:
                    if needle not in low:
                        continue
                elif not literal.search(text):
                    continue
            if rule.search(text):
                return True
        return False


def _literal_prefix(pattern: str) -> str:
    """Characters every match of ``pattern`` starts with (after word boundaries); "" when unsure.

    Deliberately simple: plain letters, digits and escaped punctuation only, nothing after a
    quantifier or group, nothing at all when the pattern has a top-level alternation.
    """
    if _has_top_level_alternation(pattern):
        return ""
    index = 0
    while pattern.startswith("\\b", index):
        index += 2
    out: list[str] = []
    while index < len(pattern):
        ch = pattern[index]
        if ch == "\\" and index + 1 < len(pattern) and not pattern[index + 1].isalnum():
            char, step = pattern[index + 1], 2
        elif ch.isalnum() or ch in " /-:@#,;":
            char, step = ch, 1
        else:
            break
        if pattern[index + step : index + step + 1] in ("?", "*", "{"):
            break  # the character may be absent
        out.append(char)
        if pattern[index + step : index + step + 1] == "+":
            break
        index += step
    literal = "".join(out)
    return literal if len(literal) >= 3 else ""


def _has_top_level_alternation(pattern: str) -> bool:
    depth, index, size = 0, 0, len(pattern)
    while index < size:
        ch = pattern[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "[":  # a character class: skip to its closing bracket ("[]…]" and "[^]…]" included)
            index += 1
            if index < size and pattern[index] == "^":
                index += 1
            if index < size and pattern[index] == "]":
                index += 1
            while index < size and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        index += 1
    return False


@cache
def _rules(language: str) -> _Rules:
    """Rules for one language group ("de", "en" or "*" for all) and the longest max_len.

    Rules with the same max_len are joined into one alternation, and all rules into one more
    test that most paragraphs fail at once: the per-rule pass cost ~0.4 ms a page, half a parse.
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
    patterns = [f"(?:{item['re']})" for name in names for item in groups.get(name, [])]
    anchored = [p[4:-1] for p in patterns if p.startswith("(?:^")]
    floating = [item["re"] for name in names for item in groups.get(name, []) if item["re"][:1] != "^"]
    return rules, max((max_len for max_len, _ in rules), default=0), _AnyRule(anchored, floating)


def _language_key(language: str | None) -> str:
    if language:
        primary = language.strip().lower().replace("_", "-").split("-")[0]
        if primary in _KNOWN_LANGUAGES:
            return primary
    return "*"


def is_boilerplate(paragraph: str, language: str | None = None) -> bool:
    """True if one paragraph matches a boilerplate rule of its language (or of any, if unknown)."""
    return _matches(paragraph, _rules(_language_key(language)))


def _matches(paragraph: str, compiled: _Rules) -> bool:
    text = paragraph.strip()
    if not text:
        return True
    rules, longest, any_rule = compiled
    if len(text) > longest or not any_rule.search(text):
        return False
    return any(len(text) <= max_len and pattern.search(text) for max_len, pattern in rules)


def drop_boilerplate(paragraphs: list[str], language: str | None) -> list[str]:
    """The paragraphs that are not boilerplate, in their order; empty ones are dropped too."""
    compiled = _rules(_language_key(language))  # once per article, not per paragraph
    return [p for p in paragraphs if not _matches(p, compiled)]
