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
        # Keys whose forms must all be written exactly ("UN", "IS", "AU") go into a second automaton
        # searched in the text as written: in the lower-cased text they hit inside every "this" and
        # "minister", half of all hits, each rejected only after a Python-level look at it.
        self._automaton = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        for key, group in grouped.items():
            if all(form.case == "exact" and len(form.surface) == len(key) for form in group):
                by_surface: dict[str, list[Form[Payload]]] = {}
                for form in group:
                    by_surface.setdefault(form.surface, []).append(form)
                for surface, forms_written in by_surface.items():
                    self._exact.add_word(surface, _entry(forms_written))
            else:
                self._automaton.add_word(key, _entry(group))
        self._any_folded = len(self._automaton) > 0
        self._any_exact = len(self._exact) > 0
        if self._any_folded:
            self._automaton.make_automaton()
        if self._any_exact:
            self._exact.make_automaton()

    def find(self, text: str, low: str) -> list[Hit[Payload]]:
        """All accepted matches, longest first where they overlap, in text order.

        ``low`` is ``text`` lower-cased with equal length (see ``text.lower_same_length``).
        """
        candidates: list[tuple[int, int, Form[Payload], tuple[Payload, ...], int]] = []
        if self._any_folded:
            _collect(self._automaton.iter(low), text, low, candidates)
        if self._any_exact:
            _collect(self._exact.iter(text), text, low, candidates)
        # (start, longest first, shorter key first): the key length orders equal spans as the
        # single left-to-right pass over one automaton did
        candidates.sort(key=_order)
        chosen: list[Hit[Payload]] = []
        last_end = -1
        for start, end, form, payloads, _ in candidates:
            if start >= last_end:
                chosen.append(Hit(start, end, form, payloads))
                last_end = end
        return chosen


_Entry = tuple[int, tuple[Form[Payload], ...], frozenset[str]]


def _entry(group: list[Form[Payload]]) -> _Entry[Payload]:
    # first letters of the non-empty suffixes: a key followed by any other word character
    # cannot end a match, which rejects most in-word hits ("unter", "Europe") at once
    firsts = frozenset(suffix[0] for form in group for suffix in form.suffixes if suffix)
    return (len(group[0].surface.lower()), tuple(group), firsts)


def _collect(
    found: Iterable[tuple[int, _Entry[Payload]]],
    text: str,
    low: str,
    candidates: list[tuple[int, int, Form[Payload], tuple[Payload, ...], int]],
) -> None:
    """Candidates (start, end, first accepted form, payloads, key length) of one automaton's hits."""
    size = len(low)
    for end_index, (length, forms, firsts) in found:
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
                candidates.append((start, end, form, (form.payload,), length))
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
            candidates.append((start, best_end, accepted[0], payloads, length))


def _order(candidate: tuple[int, int, object, object, int]) -> tuple[int, int, int]:
    return candidate[0], candidate[0] - candidate[1], candidate[4]


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
