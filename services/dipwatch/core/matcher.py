"""Dictionary look-up of surface forms in running text (Aho-Corasick over lower-cased text).

One pass finds every listed name, adjective, role word or place in an article, whatever the
dictionary size. Each form says how it may be written (case rule) and which endings it may take
(German inflection, genitive ``s``, English ``'s``), so "Russlands", "russischen", "US-Präsident"
and "Russia's" are found without a lemmatiser.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

import ahocorasick

Payload = TypeVar("Payload")
CaseRule = Literal["any", "title", "exact"]


@dataclass(frozen=True, slots=True)
class Form(Generic[Payload]):
    """One way of writing an entry."""

    surface: str
    payload: Payload
    case: CaseRule = "title"
    suffixes: tuple[str, ...] = ("",)
    hyphen_only: bool = False  # valid only as the first part of a hyphenated compound ("US-…")


@dataclass(slots=True, unsafe_hash=True)
class Hit(Generic[Payload]):
    """One accepted match (not frozen: a frozen init costs a third of the matching; treat as read-only)."""

    start: int
    end: int
    form: Form[Payload]
    payloads: tuple[Payload, ...] = field(default=())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class SurfaceMatcher(Generic[Payload]):
    """Finds the longest non-overlapping dictionary forms in a text."""

    def __init__(self, forms: Iterable[Form[Payload]]) -> None:
        grouped: dict[str, list[Form[Payload]]] = {}
        for form in forms:
            key = form.surface.lower()
            if key:
                grouped.setdefault(key, []).append(form)
        self._automaton = ahocorasick.Automaton()
        for key, group in grouped.items():
            # first letters of the non-empty suffixes: a key followed by any other word character
            # cannot end a match, which rejects most in-word hits ("unter", "Europe") at once
            firsts = frozenset(suffix[0] for form in group for suffix in form.suffixes if suffix)
            self._automaton.add_word(key, (len(key), tuple(group), firsts))
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, low: str) -> list[Hit[Payload]]:
        """All accepted matches, longest first where they overlap, in text order.

        ``low`` is ``text`` lower-cased with equal length (see ``text.lower_same_length``).
        """
        if self._empty:
            return []
        candidates: list[tuple[int, int, Form[Payload], tuple[Payload, ...]]] = []
        size = len(low)
        for end_index, (length, forms, firsts) in self._automaton.iter(low):
            start = end_index - length + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            base_end = end_index + 1
            if base_end < size:
                following = low[base_end]
                if following.isalnum() and following not in firsts:
                    continue
            if len(forms) == 1:
                form = forms[0]
                end = _accept(form, text, low, start, base_end, size)
                if end >= 0:
                    candidates.append((start, end, form, (form.payload,)))
                continue
            accepted: list[Form[Payload]] = []
            best_end = -1
            for form in forms:
                end = _accept(form, text, low, start, base_end, size)
                if end < 0:
                    continue
                if end > best_end:
                    best_end, accepted = end, [form]
                elif end == best_end:
                    accepted.append(form)
            if accepted:
                payloads = tuple(f.payload for f in accepted)
                candidates.append((start, best_end, accepted[0], payloads))
        candidates.sort(key=_order)
        chosen: list[Hit[Payload]] = []
        last_end = -1
        for start, end, form, payloads in candidates:
            if start >= last_end:
                chosen.append(Hit(start, end, form, payloads))
                last_end = end
        return chosen


def _order(candidate: tuple[int, int, object, object]) -> tuple[int, int]:
    return candidate[0], candidate[0] - candidate[1]


def _accept(form: Form[Payload], text: str, low: str, start: int, end: int, size: int) -> int:
    """End offset of an accepted match of ``form`` at ``start``, or -1."""
    case = form.case
    if case == "exact":
        if text[start:end] != form.surface:
            return -1
    elif case == "title":
        first = text[start]
        if not (first.isupper() or first.isdigit()):
            return -1
    best = -1
    hyphen_only = form.hyphen_only
    for suffix in form.suffixes:
        if suffix:
            if not low.startswith(suffix, end):
                continue
            stop = end + len(suffix)
        else:
            stop = end
        if stop < size:
            following = low[stop]
            if following.isalnum() or (hyphen_only and following != "-"):
                continue
        elif hyphen_only:
            continue
        if stop > best:
            best = stop
    return best
