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


@dataclass(frozen=True, slots=True)
class Hit(Generic[Payload]):
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
            self._automaton.add_word(key, (len(key), tuple(group)))
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, low: str) -> list[Hit[Payload]]:
        """All accepted matches, longest first where they overlap, in text order.

        ``low`` is ``text`` lower-cased with equal length (see ``text.lower_same_length``).
        """
        if self._empty:
            return []
        candidates: list[Hit[Payload]] = []
        size = len(low)
        for end_index, (length, forms) in self._automaton.iter(low):
            start = end_index - length + 1
            if start > 0 and _is_word_char(low[start - 1]):
                continue
            base_end = end_index + 1
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
                candidates.append(Hit(start, best_end, accepted[0], payloads))
        candidates.sort(key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[Hit[Payload]] = []
        last_end = -1
        for hit in candidates:
            if hit.start >= last_end:
                chosen.append(hit)
                last_end = hit.end
        return chosen


def _accept(form: Form[Payload], text: str, low: str, start: int, end: int, size: int) -> int:
    """End offset of an accepted match of ``form`` at ``start``, or -1."""
    if form.case == "exact":
        if text[start:end] != form.surface:
            return -1
    elif form.case == "title" and not (text[start].isupper() or text[start].isdigit()):
        return -1
    best = -1
    for suffix in form.suffixes:
        stop = end + len(suffix)
        if suffix and not low.startswith(suffix, end):
            continue
        if stop < size and _is_word_char(low[stop]):
            continue
        if form.hyphen_only and not (stop < size and low[stop] == "-"):
            continue
        best = max(best, stop)
    return best
