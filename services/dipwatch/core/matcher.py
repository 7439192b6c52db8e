"""Dictionary look-up of surface forms in running text (Aho-Corasick over lower-cased text).

One pass finds every listed name, adjective, role word or place in an article, whatever the
dictionary size. Each form says how it may be written (case rule) and which endings it may take
(German inflection, genitive ``s``, English ``'s``), so "Russlands", "russischen", "US-Präsident"
and "Russia's" are found without a lemmatiser.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Literal, TypeVar

import ahocorasick

from dipwatch.core.text import lower_same_length

Payload = TypeVar("Payload")
Other = TypeVar("Other")
CaseRule = Literal["any", "title", "exact"]


class _ByValue:
    """Equality, hash and repr by the fields, as a dataclass's would be.

    Form and Hit are plain classes, not dataclasses, so that this module compiles with mypyc,
    which cannot yet build generic dataclasses (mypyc/mypyc#827). Read-only by convention.
    """

    __slots__ = ()

    def _fields(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByValue) and type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._fields()!r}"


class Form(_ByValue, Generic[Payload]):
    """One way of writing an entry."""

    __slots__ = ("case", "hyphen_only", "payload", "suffixes", "surface")

    def __init__(
        self,
        surface: str,
        payload: Payload,
        case: CaseRule = "title",
        suffixes: tuple[str, ...] = ("",),
        hyphen_only: bool = False,  # valid only as the first part of a hyphenated compound ("US-…")
    ) -> None:
        self.surface = surface
        self.payload = payload
        self.case: CaseRule = case
        self.suffixes = suffixes
        self.hyphen_only = hyphen_only

    def _fields(self) -> tuple[object, ...]:
        return (self.surface, self.payload, self.case, self.suffixes, self.hyphen_only)


class Hit(_ByValue, Generic[Payload]):
    """One accepted match."""

    __slots__ = ("end", "form", "payloads", "start")

    def __init__(self, start: int, end: int, form: Form[Payload], payloads: tuple[Payload, ...] = ()) -> None:
        self.start = start
        self.end = end
        self.form = form
        self.payloads = payloads

    def _fields(self) -> tuple[object, ...]:
        return (self.start, self.end, self.form, self.payloads)


class SurfaceMatcher(Generic[Payload]):
    """Finds the longest non-overlapping dictionary forms in a text."""

    def __init__(self, forms: Iterable[Form[Payload]]) -> None:
        grouped: dict[str, list[Form[Payload]]] = {}
        for form in forms:
            # lower-cased as the text is ("İzmir" keeps its "i"), so the key matches the text
            key = lower_same_length(form.surface)
            if key:
                grouped.setdefault(key, []).append(form)
            if "ß" in key:
                # Swiss and Liechtenstein German write "ss" for "ß" ("Aussenminister", "Grossbritannien",
                # "Strassburg"): each form with "ß" is also found in that spelling
                swiss = Form(
                    form.surface.replace("ß", "ss"), form.payload, form.case, form.suffixes, form.hyphen_only
                )
                grouped.setdefault(lower_same_length(swiss.surface), []).append(swiss)
        # Keys whose forms must all be written exactly ("UN", "IS", "AU") go into a second automaton
        # searched in the text as written: in the lower-cased text they hit inside every "this" and
        # "minister", half of all hits, each rejected only after a Python-level look at it.
        self.folded: dict[str, _Entry[Payload]] = {}
        exact: dict[str, _Entry[Payload]] = {}
        for key, group in grouped.items():
            if all(form.case == "exact" and len(form.surface) == len(key) for form in group):
                by_surface: dict[str, list[Form[Payload]]] = {}
                for form in group:
                    by_surface.setdefault(form.surface, []).append(form)
                for surface, forms_written in by_surface.items():
                    exact[surface] = _entry(forms_written)
            else:
                self.folded[key] = _entry(group)
        # built on the first ``find``: where a PairedMatcher searches the folded keys, this one never is
        self._automaton: ahocorasick.Automaton | Literal[False] | None = False
        self._exact = _automaton(exact)

    def find(self, text: str, low: str) -> list[Hit[Payload]]:
        """All accepted matches, longest first where they overlap, in text order.

        ``low`` is ``text`` lower-cased with equal length (see ``text.lower_same_length``).
        """
        candidates: list[_Candidate[Payload]] = []
        if self._automaton is False:
            self._automaton = _automaton(self.folded)
        if self._automaton is not None:
            _collect(self._automaton.iter(low), text, low, candidates)
        self.find_exact(text, low, candidates)
        return _choose(candidates)

    def find_exact(self, text: str, low: str, candidates: list[_Candidate[Payload]]) -> None:
        """Adds the candidates of the keys searched as written (see ``__init__``) to ``candidates``."""
        if self._exact is not None:
            _collect(self._exact.iter(text), text, low, candidates)


class PairedMatcher(Generic[Payload, Other]):
    """Two dictionaries searched in one pass over the text: the case-folded keys of both go into
    one automaton, so an article is walked once for actors and places instead of twice. Each
    side's matches are those of its own ``SurfaceMatcher.find``."""

    def __init__(self, first: SurfaceMatcher[Payload], second: SurfaceMatcher[Other]) -> None:
        self._first = first
        self._second = second
        self._automaton = ahocorasick.Automaton()
        for key, entry in first.folded.items():
            self._automaton.add_word(key, (len(key), entry, second.folded.get(key)))
        for key, other in second.folded.items():
            if key not in first.folded:
                self._automaton.add_word(key, (len(key), None, other))
        self._any = len(self._automaton) > 0
        if self._any:
            self._automaton.make_automaton()

    def find(self, text: str, low: str) -> tuple[list[Hit[Payload]], list[Hit[Other]]]:
        """``(first.find(text, low), second.find(text, low))``."""
        ones: list[_Candidate[Payload]] = []
        others: list[_Candidate[Other]] = []
        if self._any:
            size = len(low)
            for end_index, (length, one, other) in self._automaton.iter(low):
                start = end_index - length + 1
                if start > 0 and low[start - 1].isalnum():
                    continue
                base_end = end_index + 1
                following = low[base_end] if base_end < size else ""
                word_follows = following.isalnum()
                if one is not None and not (word_follows and following not in one[2]):
                    _add(one, text, low, start, base_end, size, ones)
                if other is not None and not (word_follows and following not in other[2]):
                    _add(other, text, low, start, base_end, size, others)
        self._first.find_exact(text, low, ones)
        self._second.find_exact(text, low, others)
        return _choose(ones), _choose(others)


_Entry = tuple[int, tuple[Form[Payload], ...], frozenset[str]]
_Candidate = tuple[int, int, Form[Payload], tuple[Payload, ...], int]


def _automaton(entries: dict[str, _Entry[Payload]]) -> ahocorasick.Automaton | None:
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, entry in entries.items():
        automaton.add_word(key, entry)
    automaton.make_automaton()
    return automaton


def _choose(candidates: list[_Candidate[Payload]]) -> list[Hit[Payload]]:
    """The longest non-overlapping candidates in text order."""
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


def _entry(group: list[Form[Payload]]) -> _Entry[Payload]:
    # first letters of the non-empty suffixes: a key followed by any other word character
    # cannot end a match, which rejects most in-word hits ("unter", "Europe") at once
    firsts = frozenset(suffix[0] for form in group for suffix in form.suffixes if suffix)
    return (len(lower_same_length(group[0].surface)), tuple(group), firsts)


def _collect(
    found: Iterable[tuple[int, _Entry[Payload]]],
    text: str,
    low: str,
    candidates: list[_Candidate[Payload]],
) -> None:
    """Candidates (start, end, first accepted form, payloads, key length) of one automaton's hits."""
    size = len(low)
    for end_index, entry in found:
        start = end_index - entry[0] + 1
        if start > 0 and low[start - 1].isalnum():
            continue
        base_end = end_index + 1
        if base_end < size:
            following = low[base_end]
            if following.isalnum() and following not in entry[2]:
                continue
        _add(entry, text, low, start, base_end, size, candidates)


def _add(
    entry: _Entry[Payload],
    text: str,
    low: str,
    start: int,
    base_end: int,
    size: int,
    candidates: list[_Candidate[Payload]],
) -> None:
    """The candidate of one key found between word boundaries at ``start``, if a form accepts it."""
    length, forms, _ = entry
    if len(forms) == 1:
        form = forms[0]
        end = _accept(form, text, low, start, base_end, size)
        if end >= 0:
            candidates.append((start, end, form, (form.payload,), length))
        return
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
