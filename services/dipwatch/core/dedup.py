"""Near-duplicate stories: one fingerprint for the same agency text on several sites.

Why: a dpa or Reuters report is printed by dozens of sites with different chrome, bylines
and datelines; coded twice it would double every event. The fingerprint hashes the first
:data:`WINDOW` content words of the normalised text after dropping what differs between
sites: leading short lines (bylines, "Lesezeit 3 Min.", the headline repeated), the dateline
with its agency tag ("BERLIN (dpa) -", "WASHINGTON, March 3 (Reuters) -", "Paris (AFP)."),
a bare upper-case dateline ("BERLIN. …"), punctuation, quote styles, case, and ß/ss.
Equality of the key is exact by design: the processor looks it up in a Kafka-partitioned
table, which needs one key per story (a simhash would need banding across partitions).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

WINDOW = 60
"""Content words hashed: enough to tell two stories apart, few enough to stop before the
sites' edits and appended boxes begin."""
MIN_WORDS = 25
"""Texts with fewer content words get no fingerprint: too little to call two articles one story."""
FINGERPRINT_PREFIX = "fp1-"

_SHORT_LINE_WORDS = 8
_LEADING_LINES_SCANNED = 4
# "(dpa)", "(Reuters)", "(dpa/AFP)", "(dpa-AFX)", "(AP)": a short tag of letters, one to three parts.
_AGENCY_TAG = r"\((?:[A-Za-z][A-Za-z.]{0,11})(?:\s*[/,-]\s*[A-Za-z][A-Za-z.]{0,11}){0,2}\)"
# A dateline of at most ~60 characters before the tag, then the tag, then a dash, colon or period.
_DATELINE = re.compile(r"^[^\n()]{0,60}?" + _AGENCY_TAG + r"\s*(?:[-–—:.]\s*|$)")
# A tag alone at the start: "(dpa) Die Regierung …".
_LEADING_TAG = re.compile(r"^\s*" + _AGENCY_TAG + r"\s*[-–—:.]?\s*")
# "BERLIN. " / "KIEW/MOSKAU: " – an upper-case place name used as dateline.
_CAPS_DATELINE = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ /-]{1,30}[.:]\s+(?=\S)")
_WORD = re.compile(r"[^\W_]+")


def content_words(text: str, *, title: str | None = None) -> list[str]:
    """The normalised words that identify a story, chrome and dateline removed."""
    text = unicodedata.normalize("NFKC", text)
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    title_words = _words(title) if title else None
    # Drop leading short lines (bylines, reading time, photo credits) and a repeated headline,
    # but only near the top, and never all of the text.
    dropped = 0
    while len(lines) > 1 and dropped < _LEADING_LINES_SCANNED:
        words = _words(lines[0])
        if len(words) < _SHORT_LINE_WORDS or (title_words and words == title_words):
            lines.pop(0)
            dropped += 1
            continue
        break
    if not lines:
        return []
    first = _strip_dateline(lines[0])
    return _words("\n".join([first, *lines[1:]]))


def _strip_dateline(paragraph: str) -> str:
    stripped = _DATELINE.sub("", paragraph, count=1)
    if stripped == paragraph:
        stripped = _LEADING_TAG.sub("", paragraph, count=1)
    if stripped == paragraph:
        stripped = _CAPS_DATELINE.sub("", paragraph, count=1)
    return stripped


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fingerprint(text: str, *, title: str | None = None) -> str | None:
    """Stable key of the story told by ``text``; ``None`` when the text is too short to tell."""
    words = content_words(text, title=title)
    if len(words) < MIN_WORDS:
        return None
    digest = hashlib.blake2b(" ".join(words[:WINDOW]).encode("utf-8"), digest_size=16).hexdigest()
    return FINGERPRINT_PREFIX + digest
