"""Is an article diplomatic news? A logistic score over readable counts (weights in data/classifier.yaml).

Sports, business, domestic-politics and crime stories mention countries too; what tells them
apart is whether two international actors do something to each other (coded events), the
diplomatic vocabulary, and how much off-topic vocabulary surrounds them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from dipwatch.core.eventlex import EventLexicon
from dipwatch.core.resources import load_yaml


@dataclass(frozen=True)
class Evidence:
    tokens: list[str]
    title_tokens: list[str]
    events: int
    event_types: int
    actors: int
    persons: int
    title_has_trigger: bool


@dataclass(frozen=True)
class _Config:
    """data/classifier.yaml, typed."""

    bias: float
    threshold: float
    weights: dict[str, float]
    caps: dict[str, float]
    event_density_full: float
    off_topic_full: float
    not_diplomatic_roles: frozenset[str]


@lru_cache(maxsize=1)
def _config() -> _Config:
    raw = load_yaml("classifier.yaml")
    return _Config(
        bias=float(raw["bias"]),
        threshold=float(raw["threshold"]),
        weights={name: float(value) for name, value in raw["weights"].items()},
        caps={name: float(value) for name, value in raw["caps"].items()},
        event_density_full=float(raw["event_density_full"]),
        off_topic_full=float(raw["off_topic_full"]),
        not_diplomatic_roles=frozenset(raw.get("not_diplomatic_roles", ())),
    )


def _classes(lexicon: EventLexicon, token: str) -> tuple[bool, str | None]:
    """(diplomatic word?, off-topic domain or None) of one token, cached per lexicon."""
    cache: dict[str, tuple[bool, str | None]] = lexicon.extra.setdefault("token_classes", {})
    found = cache.get(token)
    if found is None:
        diplomatic = token in lexicon.diplomatic_words or token.startswith(lexicon.diplomatic_prefixes)
        domain = None
        for name, words in lexicon.off_topic.items():
            prefixes = lexicon.off_topic_prefixes.get(name, ())
            suffixes = lexicon.off_topic_suffixes.get(name, ())
            if (
                token in words
                or (prefixes and token.startswith(prefixes))
                or (suffixes and token.endswith(suffixes))
            ):
                domain = name
                break
        found = (diplomatic, domain)
        if len(cache) < 200_000:
            cache[token] = found
    return found


def _count(tokens: list[str], lexicon: EventLexicon) -> tuple[int, dict[str, int]]:
    # Counted per distinct token (Counter runs in C): an article repeats most of its words.
    diplomatic = 0
    domains: dict[str, int] = {}
    cache: dict[str, tuple[bool, str | None]] = lexicon.extra.setdefault("token_classes", {})
    # Tokens known to be neither diplomatic nor off-topic (most of them) are dropped by one set
    # difference (only sums and the largest domain count are used, so the order does not matter).
    plain: set[str] = lexicon.extra.setdefault("plain_tokens", set())
    tally = Counter(tokens)
    for token in tally.keys() - plain:
        count = tally[token]
        found = cache.get(token)
        is_diplomatic, domain = found if found is not None else _classes(lexicon, token)
        if is_diplomatic:
            diplomatic += count
        if domain:
            domains[domain] = domains.get(domain, 0) + count
        elif not is_diplomatic and len(plain) < 200_000:
            plain.add(token)
    return diplomatic, domains


def diplomatic_score(evidence: Evidence, lexicon: EventLexicon) -> float:
    """The logistic score in [0, 1] over ``features``."""
    config = _config()
    weights = config.weights
    found = features(evidence, lexicon)
    z = config.bias + sum(weights[name] * value for name, value in found.items())
    return 1.0 / (1.0 + math.exp(-z))


def features(evidence: Evidence, lexicon: EventLexicon) -> dict[str, float]:
    """The classifier's inputs, capped (the names of the weights in data/classifier.yaml)."""
    config = _config()
    caps = config.caps
    per100 = 100.0 / max(len(evidence.tokens), 50)
    diplomatic_count, domains = _count(evidence.tokens, lexicon)
    off_topic = max(domains.values(), default=0)
    title_diplomatic = evidence.title_has_trigger or _count(evidence.title_tokens, lexicon)[0] > 0
    # a few events in a long essay, a forum page or a business story are asides: events count in
    # full only from ``event_density_full`` events per 100 tokens, proportionally less below
    density = evidence.events * per100 / config.event_density_full
    spread = min(1.0, density)
    return {
        "events": min(evidence.events, caps["events"]) * spread,
        "event_types": min(evidence.event_types, caps["event_types"]) * spread,
        "diplomatic_words": min(diplomatic_count * per100, caps["diplomatic_words"]),
        "actors": min(evidence.actors, caps["actors"]),
        "persons": min(evidence.persons, caps["persons"]),
        # two such words in a one-line brief say little: the share counts in full from ``off_topic_full``
        "off_topic_share": off_topic
        / (off_topic + diplomatic_count + 2)
        * min(1.0, off_topic / config.off_topic_full),
        "title_diplomatic": 1.0 if title_diplomatic else 0.0,
        # diplomatic words and office holders without anything coded: a speech, a profile, a guide
        "no_events": 0.0 if evidence.events else 1.0,
    }


def counts_as_diplomatic_role(role: str | None) -> bool:
    """An office holder who speaks for a state abroad; an interior minister or a mayor does not
    (``not_diplomatic_roles`` in data/classifier.yaml)."""
    return bool(role) and role not in _config().not_diplomatic_roles


def threshold() -> float:
    return _config().threshold
