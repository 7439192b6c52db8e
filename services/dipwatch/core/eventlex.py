"""The event lexicon of one language (``data/events/<lang>.yaml``), compiled for token matching.

A trigger pattern is a sequence of tokens: a literal (``traf``), a prefix (``sanktion*``) or a
gap (``...``, up to ``MAX_GAP`` tokens) for German separable verbs ("wies … aus") and split
English phrases ("called … to"). Entries without a type block the words they cover
("eine Entscheidung getroffen" is no meeting). CAMEO codes, Goldstein values and QuadClass come
from ``data/events/cameo.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dipwatch.core.resources import data_path, load_yaml

MAX_GAP = 15


@dataclass(frozen=True, slots=True)
class TokenPattern:
    text: str
    prefix: bool
    gap_before: bool
    compound: bool = False  # "*gefangene" after the first word: the head of a compound ("Kriegsgefangene")
    plural: bool = False  # English: a literal word after the first also matches its "-s" form ("ambassadors")

    def matches(self, token: str) -> bool:
        if token.startswith(self.text) if self.prefix else token == self.text:
            return True
        if (
            self.plural
            and len(token) == len(self.text) + 1
            and token[-1] == "s"
            and token.startswith(self.text)
        ):
            return True
        if self.compound:
            return token.endswith(self.text) or (self.prefix and self.text in token[1:])
        # "Leopard-Panzer", "Patriot-Systeme": a hyphenated compound counts by its last part
        if "-" in token and len(token) > len(self.text):
            last = token.rsplit("-", 1)[1]
            return last.startswith(self.text) if self.prefix else last == self.text
        return False


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str | None  # None: a blocker
    mode: str | None
    cameo: str
    noun: bool
    of_role: str  # role of "von X" / "of X" / genitive after the trigger: target | source
    from_role: str  # "aus X" / "from X": source (expulsions), target (recalls, withdrawals) or none
    visit: bool  # "in/nach/to/near X" names the target (visits, deployments, attacks)
    symmetric: bool  # "X und Y trafen sich": one of them is the target
    place_is_source: bool  # protests: without a named source, the country where it happens
    with_is_target: bool
    confidence: float
    tone: int = 0  # EVALUATE: the verb's own polarity when no judging word follows ("verurteilte … als")
    max_gap: int = MAX_GAP  # "called … a": an evaluation's object is short, a long gap is another clause
    speaker_source: bool = False  # "X would pay a heavy price, Y said": the speaker acts, X is the target
    target_kinds: frozenset[str] = frozenset()  # "joined NATO": only these kinds of actor can be its target
    mutual: bool = False  # "a ceasefire between Israel and Hamas": each party acts toward the other
    inverse: bool = False  # "at the request of X", "auf Bitten Berlins": X acts, the subject is the target
    assists: bool = False  # "Canada provided support": with no target named, it helps whoever acted last
    # "die von X eingebrachte Resolution": with no target named, it joins the article's latest act of
    # its type ("Der Gouverneursrat rügte Iran") and so aims at that act's target
    joins: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    tokens: tuple[TokenPattern, ...]
    trigger: Trigger
    source: str
    # the literal (non-prefix) words after the first: a match needs all of them in the sentence,
    # which rejects most multi-word candidates with one set test (empty: no such test)
    later_literals: frozenset[str] = frozenset()


@dataclass
class EventLexicon:
    language: str
    exact: dict[str, list[Pattern]]
    prefixes: dict[str, list[Pattern]]  # first 3 letters of the first token's prefix
    cues: dict[str, frozenset[str]]
    cue_phrases: dict[str, tuple[tuple[str, ...], ...]]
    prepositions: dict[str, frozenset[str]]
    coordinators: frozenset[str]
    articles: frozenset[str]
    diplomatic_words: frozenset[str]
    diplomatic_prefixes: tuple[str, ...]
    off_topic: dict[str, frozenset[str]]
    off_topic_prefixes: dict[str, tuple[str, ...]]
    off_topic_suffixes: dict[str, tuple[str, ...]]  # "*konzern": heads of German compounds
    sentiment: dict[str, frozenset[str]] = field(default_factory=dict)
    subjunctive: dict[str, list[Pattern]] = field(default_factory=dict)  # "werfe" → "werfen … vor"
    # heads of German compounds ("*sanktionen" matches "Wirtschaftssanktionen"), longest first
    heads: tuple[tuple[str, list[Pattern]], ...] = ()
    # nouns that name an earlier event without reporting one ("welcomed the deal", "die Lieferungen"):
    # word → event types, and compound heads ("*lieferungen") → event types
    event_nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    event_noun_heads: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # number words of counted groups ("die drei Golfstaaten" → 3)
    numbers: dict[str, int] = field(default_factory=dict)
    # words whose particle is their object's preposition ("pochte auf", "Manöver vor"): particle → stems
    prepositional_heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    extra: dict[Any, Any] = field(default_factory=dict)

    def named_types(self, token: str) -> tuple[str, ...]:
        """The event types an event noun can name: "deal" → AGREE, "Waffenlieferungen" → AID."""
        found = self.event_nouns.get(token)
        if found is not None:
            return found
        for head, types in self.event_noun_heads:
            if token.endswith(head) and len(token) > len(head):
                return types
        return ()

    def cue_index(
        self, name: str
    ) -> tuple[frozenset[str], tuple[str, ...], dict[str, list[tuple[str, ...]]]]:
        """Single words, prefixes ("word*") and phrases by first word of one cue list, built once."""
        cached = self.extra.get(("cue", name))
        if cached is None:
            words = self.cues.get(name, frozenset())
            phrases: dict[str, list[tuple[str, ...]]] = {}
            for phrase in self.cue_phrases.get(name, ()):
                phrases.setdefault(phrase[0], []).append(phrase)
            cached = (words, tuple(w[:-1] for w in words if w.endswith("*")), phrases)
            self.extra[("cue", name)] = cached
        return cached

    def cue_suffixes(self, name: str) -> tuple[str, ...]:
        """The endings ("*ei" → "ei") of one cue list, for ``str.endswith``, built once."""
        cached = self.extra.get(("suffixes", name))
        if cached is None:
            cached = tuple(sorted(w[1:] for w in self.cues.get(name, frozenset()) if w.startswith("*")))
            self.extra[("suffixes", name)] = cached
        return cached

    def candidates(self, token: str) -> list[Pattern]:
        """Patterns whose first token matches ``token`` (cached: news vocabulary repeats a lot)."""
        cache: dict[str, list[Pattern]] = self.extra.setdefault("candidates", {})
        found = cache.get(token)
        if found is None:
            found = list(self.exact.get(token, ()))
            for pattern in self.prefixes.get(token[:3], ()):
                if token.startswith(pattern.tokens[0].text):
                    found.append(pattern)
            if not found and token.endswith("e"):
                # German reported speech: "werfe … vor", "fordere", "weise … zurück"
                found = list(self.subjunctive.get(token, ()))
            if not found and self.heads:
                # "Wirtschaftssanktionen", "Terroranschlag": a listed head after a modifier of 3+ letters
                for head, patterns in self.heads:
                    if len(token) >= len(head) + 3 and token.endswith(head) and token[-len(head) - 1] != "-":
                        found = list(patterns)
                        break
            if len(cache) < 500_000:
                cache[token] = found
        return found


@dataclass(frozen=True)
class Codebook:
    codes: dict[str, tuple[str, float]]
    quad_by_root: dict[str, int]

    def goldstein(self, code: str) -> float:
        return self.codes[code][1]

    def quad_class(self, code: str) -> int:
        return self.quad_by_root[code[:2]]


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    data = load_yaml("events/cameo.yaml")
    return Codebook(
        codes={str(code): (", ".join(map(str, v[:-1])), float(v[-1])) for code, v in data["codes"].items()},
        quad_by_root={str(k): int(v) for k, v in data["quad_class_by_root"].items()},
    )


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    folder = data_path("events")
    return frozenset(
        p.name.removesuffix(".yaml")
        for p in folder.iterdir()
        if p.name.endswith(".yaml") and len(p.name) == 7
    )


def subjunctive_form(word: str) -> str | None:
    """The German Konjunktiv I (3rd person singular) of a verb form in a pattern, if it can be told.

    German news reports statements in the Konjunktiv I, a form the pattern lists rarely spell out;
    weak and most strong verbs build it from the stem the pattern's infinitive, present or past
    forms show: "werfen" → "werfe", "fordert"/"forderte" → "fordere", "weisen" → "weise", "droht"
    → "drohe". A wrong guess ("wirft" → "wirfe") is no word and never matches.
    """
    for ending, cut in (("ten", 3), ("te", 2), ("ern", 1), ("eln", 1), ("en", 2), ("t", 1)):
        if word.endswith(ending) and len(word) - cut >= 3:
            return word[: len(word) - cut] + "e"
    return None


def _compile(text: str, plurals: bool = False) -> tuple[TokenPattern, ...]:
    parts: list[TokenPattern] = []
    gap = False
    for raw in text.lower().split():
        if raw == "...":
            gap = True
            continue
        prefix = raw.endswith("*")
        compound = bool(parts) and raw.startswith("*")
        word = raw.strip("*") if compound else raw.rstrip("*")
        plural = plurals and bool(parts) and not prefix and not compound and _takes_plural_s(word)
        parts.append(TokenPattern(word, prefix, gap, compound, plural))
        gap = False
    if not parts:
        raise ValueError(f"empty trigger pattern {text!r}")
    if parts[0].prefix and len(parts[0].text) < 3:
        raise ValueError(f"prefix patterns need at least 3 letters: {text!r}")
    return tuple(parts)


def _takes_plural_s(word: str) -> bool:
    """A word of three or more letters that can take an "-s" ("envoy", "ambassador"), not one that
    already ends in it or is no word ("its", "u.s.")."""
    return len(word) >= 3 and word.isalpha() and not word.endswith("s")


def _with_swiss_spellings(words: list[str]) -> list[str]:
    """The classifier's words and, after them, those with "ß" in Swiss spelling with "ss" ("Fussball",
    "Aussenpolitik"), so both count."""
    return [*words, *(w.replace("ß", "ss") for w in words if "ß" in w)]


@lru_cache(maxsize=8)
def event_lexicon(language: str) -> EventLexicon:
    data = load_yaml(f"events/{language}.yaml")
    book = codebook()
    exact: dict[str, list[Pattern]] = {}
    prefixes: dict[str, list[Pattern]] = {}
    subjunctive: dict[str, list[Pattern]] = {}
    heads: dict[str, list[Pattern]] = {}
    plurals = bool(data.get("plural_s"))  # English: later pattern words match their "-s" plural too
    for entry in data["triggers"]:
        event_type = entry.get("type")
        cameo = str(entry.get("cameo", "010"))
        if event_type == "EVALUATE":
            cameo = "010"  # resolved per sentence: negative words → ACCUSE 111, positive → SUPPORT 051
        elif event_type and cameo not in book.codes:
            raise ValueError(f"{language}: unknown CAMEO code {cameo} for {entry}")
        trigger = Trigger(
            event_type=event_type,
            mode=entry.get("mode"),
            cameo=cameo,
            noun=bool(entry.get("noun", False)),
            of_role=entry.get("of", "target"),
            from_role=str(entry.get("from", "none")),
            visit=bool(entry.get("visit", False)),
            symmetric=bool(entry.get("symmetric", False)),
            place_is_source=bool(entry.get("place_is_source", False)),
            with_is_target=bool(entry.get("with_is_target", True)),
            confidence=float(entry.get("confidence", 0.8)),
            tone={"negative": -1, "positive": 1}.get(str(entry.get("tone")), 0),
            max_gap=int(entry.get("max_gap", MAX_GAP)),
            speaker_source=bool(entry.get("speaker_source", False)),
            assists=bool(entry.get("assists", False)),
            inverse=bool(entry.get("inverse", False)),
            joins=bool(entry.get("joins", False)),
            target_kinds=frozenset(entry.get("target_kinds", ())),
            mutual=bool(entry.get("mutual", False)),
        )
        for text in entry["patterns"]:
            if text.startswith("*"):
                if " " in text or not event_type:
                    raise ValueError(f"{language}: a compound head is one word of a typed trigger: {text!r}")
                parts = _compile(text[1:])
                heads.setdefault(parts[0].text, []).append(Pattern(parts, trigger, text))
                continue
            parts = _compile(text, plurals)
            # words that may stand in the plural are checked in ``_match_rest``, not by the set test
            later = frozenset(
                part.text for part in parts[1:] if not part.prefix and not part.compound and not part.plural
            )
            pattern = Pattern(parts, trigger, text, later)
            first = pattern.tokens[0]
            if first.prefix:
                prefixes.setdefault(first.text[:3], []).append(pattern)
            else:
                exact.setdefault(first.text, []).append(pattern)
            if data.get("subjunctive_forms") and event_type:
                form = subjunctive_form(first.text)
                if form:
                    subjunctive.setdefault(form, []).append(pattern)
    cues = data.get("cues", {})
    single = {name: frozenset(w for w in words if " " not in w) for name, words in cues.items()}
    phrases = {name: tuple(tuple(w.split()) for w in words if " " in w) for name, words in cues.items()}
    nouns: dict[str, list[str]] = {}
    for event_type, words in (data.get("event_nouns") or {}).items():
        for word in words:
            nouns.setdefault(str(word), []).append(event_type)
    classifier = data.get("classifier", {})
    diplomatic = classifier.get("diplomatic", [])
    off_topic: dict[str, list[str]] = {k: list(v) for k, v in classifier.get("off_topic", {}).items()}
    # further off-topic words kept with the classifier's weights (data/classifier.yaml, "off_topic")
    for name, words in (load_yaml("classifier.yaml").get("off_topic", {}).get(language) or {}).items():
        off_topic.setdefault(name, []).extend(words)
    diplomatic = _with_swiss_spellings(diplomatic)
    off_topic = {name: _with_swiss_spellings(words) for name, words in off_topic.items()}
    return EventLexicon(
        language=language,
        exact=exact,
        prefixes=prefixes,
        cues=single,
        cue_phrases=phrases,
        prepositions={k: frozenset(v) for k, v in data["prepositions"].items()},
        coordinators=frozenset(data.get("coordinators", [])),
        articles=frozenset(data.get("articles", [])),
        diplomatic_words=frozenset(w for w in diplomatic if not w.endswith("*")),
        diplomatic_prefixes=tuple(w[:-1] for w in diplomatic if w.endswith("*")),
        off_topic={k: frozenset(w for w in v if "*" not in w) for k, v in off_topic.items()},
        off_topic_prefixes={k: tuple(w[:-1] for w in v if w.endswith("*")) for k, v in off_topic.items()},
        off_topic_suffixes={k: tuple(w[1:] for w in v if w.startswith("*")) for k, v in off_topic.items()},
        sentiment={k: frozenset(str(w) for w in v) for k, v in data.get("sentiment", {}).items()},
        subjunctive={form: found for form, found in subjunctive.items() if form not in exact},
        event_nouns={w: tuple(t) for w, t in nouns.items() if not w.startswith("*")},
        event_noun_heads=tuple((w[1:], tuple(t)) for w, t in nouns.items() if w.startswith("*")),
        heads=tuple(sorted(heads.items(), key=lambda item: -len(item[0]))),
        numbers={str(word): int(number) for word, number in (data.get("numbers") or {}).items()},
        prepositional_heads={
            str(particle): tuple(str(stem) for stem in stems)
            for particle, stems in (data.get("prepositional_heads") or {}).items()
        },
    )
