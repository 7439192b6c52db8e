"""Sentences and tokens with character offsets, fast enough for hundreds of articles a second.

Regular expressions instead of a tagger: the event coder needs word positions, prepositions
and capitalisation, not parse trees, and taggers cost tens of milliseconds per article.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import sub

from dipwatch.core.resources import load_yaml

_TOKEN_RE = re.compile(r"\w+(?:[-’'.]\w+)*|[^\w\s]", re.UNICODE)
# Sentence ends: a run of [.!?…] and closing quotes/brackets before a space and an upper-case start,
# or a run of line breaks. Written to begin with one character class (the lookbehinds pick the
# branch) so the regex engine skips ahead to candidate characters instead of trying every position:
# same matches as ``[.!?…]+[…]*(?=…)|\n+``, three times faster.
_SENT_END_RE = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|(?<=[.!?…])[.!?…]*[\"'”“»«)\]]*(?=\s+[\"'„“»«(\[]?[A-ZÄÖÜ0-9]))"
)
# One token with the whitespace before it: the pieces of a text add up to it, so their lengths
# give every token's offsets without a Python-level search per token.
_PIECE_RE = re.compile(r"\s*(?:\w+(?:[-’'.]\w+)*|[^\w\s])", re.UNICODE)
_SPACE_RE = re.compile(r"\s")
_WS_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
# Whitespace that _WS_RE would change (with a double space): most texts have single spaces only,
# and a search is far cheaper than a substitution that replaces every space by itself. A plain
# character class, so the search skips ahead instead of trying an alternation at every position.
_WS_CHANGE_RE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Not frozen: a frozen dataclass's __init__ goes through object.__setattr__ per field, which made
# building tokens cost more than finding them. Equality and hashing are kept; treat as read-only.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    lower: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True, unsafe_hash=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int


def normalise(text: str) -> str:
    """NFC, no control characters, single spaces inside lines, at most one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    if "  " in text or _WS_CHANGE_RE.search(text):
        text = _WS_RE.sub(" ", text)  # the class has no line break, so per text equals per line
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def lower_same_length(text: str) -> str:
    """Lower-cased text with the same length, so offsets stay valid: ``'İ'.lower()`` has two chars, of
    which the first ("i") is kept, so "İstanbul" and "İbrahim Kalın" read as "istanbul", "ibrahim kalın"."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower()[0] for ch in text)


@lru_cache(maxsize=8)
def _abbreviations(language: str) -> frozenset[str]:
    data = load_yaml("language/abbreviations.yaml")
    return frozenset(data.get(language, [])) | frozenset(data.get("en", []))


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Split at sentence-final punctuation followed by an upper-case start, and at line breaks."""
    abbreviations = _abbreviations(language)
    sentences: list[Sentence] = []
    start = 0
    rfind = text.rfind
    for match in _SENT_END_RE.finditer(text):
        stop, end = match.span()
        if end - stop == 1 and text[stop] == ".":
            # "Dr. Merkel", "U.S. officials", "3. März": not an end
            cut = max(rfind(" ", start, stop), rfind("\n", start, stop), start - 1) + 1
            last = text[cut:stop]
            if not last or not (last.isalnum() or not _SPACE_RE.search(last)):
                # the last word is not simply the text after the last space or line break
                head = text[start:stop]
                last = head.rsplit(None, 1)[-1] if head.strip() else ""
            last = last.lower().lstrip("(\"'„“")
            if last in abbreviations or last.isdigit():
                continue
            if len(last) == 1 and last.isalpha() and not _platform_x(text, start, stop, last):
                continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _platform_x(text: str, start: int, stop: int, letter: str) -> bool:
    """Whether "X." ends a sentence: "schrieb er auf X.", "posted on X." name the platform, while an
    initial ("George W. Bush") follows a capitalised name."""
    if letter != "x":
        return False
    before = text[start : stop - 1].rstrip().rsplit(None, 1)
    return len(before) == 2 and before[1][:1].islower()


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    # the leading whitespace's length, without a second strip when there is none (the usual case)
    offset = start if chunk[0] == stripped[0] else start + len(chunk) - len(chunk.lstrip())
    sentences.append(Sentence(len(sentences), stripped, offset, offset + len(stripped)))


def words(text: str) -> list[str]:
    """Lower-cased tokens as plain strings: what counting needs, without Token objects."""
    return _TOKEN_RE.findall(text.lower())


def tokenize(text: str) -> list[Token]:
    """Words (with inner hyphens, apostrophes and dots) and single punctuation marks."""
    low = lower_same_length(text)
    tokens: list[Token] = []
    append = tokens.append
    position = 0
    find = text.find
    for word in _TOKEN_RE.findall(text):  # findall + find is several times faster than finditer
        start = find(word, position)
        position = start + len(word)
        append(Token(word, low[start:position], start, position))
    return tokens


class ArticleTokens:
    """The tokens of a whole text, found in one regex pass and shared by every consumer.

    Equal to ``tokenize`` per sentence and ``words`` per text because lower-casing never changes
    whether a character is a word character, a space or one of ``-’'.``, and sentences start and
    end next to whitespace; ``of`` declines texts whose lower-casing is not per character
    ("İ" becomes two characters, "Σ" depends on its neighbours), which keep the per-sentence path.
    """

    __slots__ = ("_ends", "_starts", "_texts", "lowers")

    def __init__(self, text: str) -> None:
        pieces = _PIECE_RE.findall(text)
        self._ends = list(accumulate(map(len, pieces)))
        self._texts = list(map(str.lstrip, pieces))  # \s is str.isspace, so this drops the \s* part
        self._starts = list(map(sub, self._ends, map(len, self._texts)))
        self.lowers = list(map(str.lower, self._texts))  # == words(text)

    @classmethod
    def of(cls, text: str) -> ArticleTokens | None:
        """Tokens of ``text``, or None where lower-casing is not per character: "İ" is the only
        character whose lower case is longer, "Σ" the only one whose lower case depends on context."""
        if "İ" in text or "Σ" in text:
            return None
        return cls(text)

    def lowers_between(self, start: int, end: int) -> list[str]:
        """The lower-cased tokens starting in ``[start, end)``: ``between``'s ``lower``s, without Tokens."""
        first = bisect.bisect_left(self._starts, start)
        return self.lowers[first : bisect.bisect_left(self._starts, end, first)]

    def between(self, start: int, end: int) -> list[Token]:
        """The tokens starting in ``[start, end)`` (one sentence), with offsets into the text."""
        first = bisect.bisect_left(self._starts, start)
        stop = bisect.bisect_left(self._starts, end, first)
        return list(
            map(
                Token,
                self._texts[first:stop],
                self.lowers[first:stop],
                self._starts[first:stop],
                self._ends[first:stop],
            )
        )
