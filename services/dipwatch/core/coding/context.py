"""The article context: what earlier sentences said, for roles a sentence leaves implicit.

``actor_key`` says which actors are the same side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dipwatch.core.actors import Mention, state_ref
from dipwatch_schemas import ActorRef, Event

_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE"})
# types whose two sides are at odds: "beide Seiten", "both sides" are the parties of the latest one
_HOSTILE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "REJECT"})


def actor_key(actor: ActorRef) -> str | None:
    """What makes two actors the same side: the state they act for, else the organisation."""
    if actor.kind in ("state", "person") and actor.country:
        return actor.country
    return actor.code or actor.country


@dataclass
class Context:
    """What earlier sentences of the article said: who acted last and which actors matter most.

    Reported speech and pronouns ("Man habe vereinbart …", "Der Kreml wies jede Verantwortung
    zurück") leave the source or the target implicit; news readers take them from context.
    """

    last_subject: ActorRef | None = None
    salience: dict[str, float] = field(default_factory=dict)
    refs: dict[str, ActorRef] = field(default_factory=dict)
    acted_on_by: dict[str, ActorRef] = field(default_factory=dict)  # target key → its latest source
    # event type → the article's events of that type so far, the latest last
    last_by_type: dict[str, list[Event]] = field(default_factory=dict)
    force_by: list[ActorRef] = field(default_factory=list)  # sources of attacks, build-ups, seizures
    hostile: list[tuple[ActorRef, ActorRef]] = field(default_factory=list)  # (source, target), latest last
    state_lists: list[list[ActorRef]] = field(default_factory=list)  # sentences' states named together
    # the two sides of the latest sentence that coded an event between two actors, and how many sentences
    # ago that was: "Putin wurde von Kim empfangen. Beide unterzeichneten …"
    last_pair: list[ActorRef] = field(default_factory=list)
    pair_age: int = 0

    def observe(self, mentions: list[Mention], events: list[Event]) -> None:
        self.salience = {key: value * 0.8 for key, value in self.salience.items()}  # recency
        for mention in mentions:
            key = actor_key(mention.actor)
            if key:
                self.salience[key] = self.salience.get(key, 0.0) + 1.0
                if key not in self.refs or mention.actor.kind == "person":
                    self.refs[key] = mention.actor
        named: dict[str, ActorRef] = {}
        for mention in mentions:
            key = actor_key(mention.actor)
            if key and mention.actor.kind == "state" and key not in named:
                named[key] = mention.actor
        if len(named) > 2:
            self.state_lists.append(list(named.values()))
        # "er/sie/he/she" in the next sentence: the last sentence's subject, a person if there is one
        subjects = [m for m in mentions if m.prep_free and not m.compound_modifier]
        persons = [m for m in subjects if m.actor.kind == "person"]
        for event in reversed(events):  # within a sentence, its first (main) event is the latest
            self.last_by_type.setdefault(event.event_type, []).append(event)
            if event.event_type in _FORCE_TYPES and event.modality in ("asserted", "reported"):
                self.force_by.append(event.source)
            if event.event_type in _HOSTILE_TYPES and event.target is not None:
                self.hostile.append((event.source, event.target))
        for event in events:
            target = actor_key(event.target) if event.target else None
            if target:
                self.acted_on_by[target] = event.source
        self.pair_age += 1
        paired = [e for e in events if e.target is not None and actor_key(e.source) != actor_key(e.target)]
        if paired:
            self.last_pair = [paired[0].source, paired[0].target] if paired[0].target else []
            self.pair_age = 0
        if events:
            self.last_subject = events[0].source
        elif persons:
            self.last_subject = persons[0].actor
        elif subjects:
            self.last_subject = subjects[0].actor

    def _ranked(self, source_key: str | None) -> list[tuple[float, str]]:
        """(salience, key) of every actor but ``source_key``'s, most salient first."""
        return sorted(((v, k) for k, v in self.salience.items() if k != source_key), reverse=True)

    def recent_pair(self) -> list[ActorRef]:
        """The two actors of the previous sentence's first event between two sides, else []."""
        return self.last_pair if self.pair_age == 0 else []

    def counterparts(self, source_key: str | None, count: int) -> list[ActorRef]:
        return [self.refs[key] for _, key in self._ranked(source_key)[:count]]

    def salient(self, kind: str, language: str) -> ActorRef | None:
        """The actor of ``kind`` the article is about so far: the last subject's, else the most salient."""
        last = self.last_subject
        if kind == "state" and last is not None and last.kind in ("state", "person") and last.country:
            return last if last.kind == "state" else state_ref(last.country, language)
        if last is not None and last.kind == kind:
            return last
        for _, key in self._ranked(None):
            ref = self.refs[key]
            if kind == "state" and ref.kind in ("state", "person") and ref.country == key:
                return ref if ref.kind == "state" else state_ref(key, language)
            if ref.kind == kind:
                return ref
        return None

    def states(self) -> list[str]:
        """The states the article is about so far: the last subject's first, then by salience."""
        last = self.last_subject
        keys = (
            [last.country] if last is not None and last.kind in ("state", "person") and last.country else []
        )
        for _, key in self._ranked(None):
            ref = self.refs[key]
            if ref.kind in ("state", "person") and ref.country == key and key not in keys:
                keys.append(key)
        return keys

    def group(self, count: int) -> list[ActorRef]:
        """ "die vier Staaten": the last ``count`` states of the latest sentence naming more than
        ``count`` - 1 ("Katar und die vier Boykottstaaten Saudi-Arabien, die Emirate, Bahrain und
        Ägypten"); else []."""
        for states in reversed(self.state_lists):
            if len(states) >= count:
                return states[-count:]
        return []

    def aggressor(self, source_key: str | None) -> ActorRef | None:
        """Who last used force (attacked, deployed, seized) other than ``source_key``."""
        for actor in reversed(self.force_by):
            if actor_key(actor) != source_key:
                return actor
        return None

    def parties(self, source_key: str | None) -> list[ActorRef]:
        """The two sides of the article's main dispute that ``source_key`` is no party to ("rief beide
        Seiten zur Zurückhaltung auf"): the pair most often at odds; on a tie the more salient pair, then
        the latest; else []."""
        counts: dict[frozenset[str], tuple[int, float, int, list[ActorRef]]] = {}
        for order, (actor, other) in enumerate(self.hostile):
            first, second = actor_key(actor), actor_key(other)
            if first is None or second is None or first == second or source_key in (first, second):
                continue
            pair = frozenset((first, second))
            count = counts[pair][0] + 1 if pair in counts else 1
            # on a tie, the pair the article keeps naming (its less salient side), then the latest
            named = min(self.salience.get(first, 0.0), self.salience.get(second, 0.0))
            counts[pair] = (count, named, order, [actor, other])
        if not counts:
            return []
        return max(counts.values(), key=lambda entry: entry[:3])[3]

    def opponent(self, source_key: str | None) -> ActorRef | None:
        """The other side of the latest hostile act (accusation, threat, attack …) ``source_key`` took
        part in, either way round; else None."""
        for actor, other in reversed(self.hostile):
            first, second = actor_key(actor), actor_key(other)
            if first == second:
                continue
            if first == source_key:
                return other
            if second == source_key:
                return actor
        return None

    def respondent(self, source_key: str | None) -> ActorRef | None:
        """Who last acted on ``source_key``: the one a rejection or a counter-accusation answers."""
        actor = self.acted_on_by.get(source_key) if source_key else None
        return actor if actor is not None and actor_key(actor) != source_key else None

    def counterpart(self, source_key: str | None, venues: frozenset[str] = frozenset()) -> ActorRef | None:
        """The most salient other actor; not one of ``venues`` (where talks are held, "talks in Malaysia")."""
        ranked = [entry for entry in self._ranked(source_key) if entry[1] not in venues]
        return self.refs[ranked[0][1]] if ranked and ranked[0][0] >= 1.0 else None
