"""Actors in an article: states, organisations and office holders, resolved for the article's date.

Dictionaries live in ``data/actors/`` (countries, organisations, office holders, role words).
A *mention* is one phrase naming one actor: "der russische Außenminister Sergej Lawrow",
"Russia's deputy foreign minister Sergei Ryabkov", "US-Außenminister", "Kreml", "Nato".
Role phrases without a name are resolved through the office holders' term dates, so
"der US-Außenminister" is John Kerry in 2015 and Antony Blinken in 2021; role phrases with
an unknown name create a person with the role's country, whose surname later resolves too.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from dipwatch.core.matcher import Form, Hit, SurfaceMatcher
from dipwatch.core.resources import load_yaml
from dipwatch.core.text import Sentence
from dipwatch_schemas import Actor, ActorRef

LexKind = Literal["state", "org", "person", "role", "feature"]
DE_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em", "")
NAME_SUFFIXES = ("", "s", "'s", "’s")
ROLE_SUFFIXES = {"de": ("", "s", "n", "en"), "en": ("", "s", "'s", "’s")}
_GAP_WORDS = frozenset({"'s", "’s", "of", "the", "des", "der", "die", "den", "dem", "de", "-", "–", "s"})
_NAME_TOKEN_RE = re.compile(r"[A-ZÄÖÜÉ][\w’'\-]+")


@dataclass(frozen=True, slots=True)
class Lex:
    """What a dictionary form stands for."""

    kind: LexKind
    key: str  # alpha-3, organisation code, person id or role name
    sub: str = ""  # state: name/adjective/demonym/metonym; person: full/surname; org: organisation/group
    country: str | None = None
    org: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    country: str | None
    org: str | None
    start: dt.date | None
    end: dt.date | None

    def active(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name_en: str
    name_de: str
    offices: tuple[Office, ...]
    famous: bool

    def name(self, language: str) -> str:
        return self.name_de if language == "de" else self.name_en

    def office_at(self, day: dt.date | None) -> Office | None:
        active = [o for o in self.offices if o.active(day)]
        if active:
            return active[0]
        if not self.offices:
            return None
        # Not in office on that day: the office nearest in time still tells whom they speak for.
        return min(self.offices, key=lambda o: _distance(o, day))


def _distance(office: Office, day: dt.date | None) -> int:
    if day is None:
        return 0
    if office.start and day < office.start:
        return (office.start - day).days
    if office.end and day > office.end:
        return (day - office.end).days
    return 0


@dataclass
class ActorLexicon:
    matchers: dict[str, SurfaceMatcher[Lex]]
    persons: dict[str, Person]
    country_names: dict[str, dict[str, str]]  # code -> lang -> display name
    orgs: dict[str, tuple[str, str, str | None]]  # code -> (display name, kind, country)
    holders: dict[tuple[str, str], list[tuple[Office, Person]]]  # (role, country|org) -> offices


@dataclass
class Mention:
    """One phrase naming one actor within a sentence."""

    start: int  # offsets in the article text
    end: int
    actor: ActorRef
    surface: str
    capital_metonym: bool = False  # a capital standing for its government ("Moskau"): also a place
    parts: list[Lex] = field(default_factory=list)
    compound_modifier: bool = False  # a full name before a hyphen ("Ukraine-Krieg"): a topic, not an agent
    prep_free: bool = True  # set by the event coder: no preposition governs the mention


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def lexicon() -> ActorLexicon:
    countries = load_yaml("actors/countries.yaml")["countries"]
    orgs = load_yaml("actors/organisations.yaml")["organisations"]
    persons_data = load_yaml("actors/office_holders.yaml")["persons"]
    roles_data = load_yaml("actors/roles.yaml")
    forms: dict[str, list[Form[Lex]]] = {"de": [], "en": []}
    country_names: dict[str, dict[str, str]] = {}
    for entry in countries:
        code = entry["code"]
        ambiguous = set(entry.get("ambiguous") or [])
        country_names[code] = {}
        for lang in ("de", "en"):
            spec = entry.get(lang) or {}
            names = list(spec.get("names") or [])
            if names:
                country_names[code][lang] = names[0]
            for name in _inflected(names) if lang == "de" else names:
                forms[lang].append(
                    _name_form(name, Lex("state", code, "ambiguous" if name in ambiguous else "name"))
                )
            for name in spec.get("compound_prefixes") or []:
                forms[lang].append(Form(name, Lex("state", code, "name"), "title", ("",), hyphen_only=True))
            for metonym in spec.get("metonyms") or []:
                forms[lang].append(_name_form(metonym, Lex("state", code, "metonym")))
            for demonym in spec.get("demonyms") or []:
                forms[lang].append(Form(demonym, Lex("state", code, "demonym"), "title", ("", "n")))
            if lang == "en":
                for adjective in spec.get("adjectives") or []:
                    sub = "ambiguous" if adjective in ambiguous else "adjective"
                    forms[lang].append(Form(adjective, Lex("state", code, sub), "title", ("", "s")))
            else:
                for stem in spec.get("adjective_stems") or []:
                    forms[lang].append(
                        Form(stem, Lex("state", code, "adjective"), "any", DE_ADJECTIVE_ENDINGS)
                    )
                    # sentence-initial and compound-initial capitalised adjectives ("Russisch-chinesische")
                    forms[lang].append(
                        Form(
                            stem.capitalize(), Lex("state", code, "adjective"), "title", DE_ADJECTIVE_ENDINGS
                        )
                    )
    org_info: dict[str, tuple[str, str, str | None]] = {}
    for entry in orgs:
        code = entry["code"]
        kind = entry.get("kind", "organisation")
        lex = Lex("org", code, kind, country=entry.get("country"))
        for lang in ("de", "en"):
            names = entry.get(lang) or []
            for name in _inflected(names) if lang == "de" else names:
                forms[lang].append(_name_form(name, lex))
        display = (entry.get("en") or [code])[0]
        org_info[code] = (display, kind, entry.get("country"))
    persons: dict[str, Person] = {}
    holders: dict[tuple[str, str], list[tuple[Office, Person]]] = {}
    for entry in persons_data:
        offices = tuple(
            Office(o["role"], o.get("country"), o.get("org"), _date(o.get("start")), _date(o.get("end")))
            for o in entry.get("offices") or []
        )
        person_names: dict[str, str] = dict(entry.get("name") or {})
        person = Person(
            entry["id"],
            person_names.get("en") or person_names.get("de") or entry["id"],
            person_names.get("de") or person_names.get("en") or entry["id"],
            offices,
            bool(entry.get("famous")),
        )
        persons[person.id] = person
        for office in offices:
            holders.setdefault((office.role, office.country or office.org or ""), []).append((office, person))
        variants = {person_names.get("en"), person_names.get("de"), *(entry.get("variants") or [])}
        for variant in variants:
            if variant:
                for lang in ("de", "en"):
                    forms[lang].append(_name_form(variant, Lex("person", person.id, "full")))
        for surname in entry.get("surnames") or []:
            for lang in ("de", "en"):
                forms[lang].append(Form(surname, Lex("person", person.id, "surname"), "title", NAME_SUFFIXES))
    features = load_yaml("actors/geographic_names.yaml")
    for lang in ("de", "en"):
        for name in features.get(lang) or []:
            forms[lang].append(Form(name, Lex("feature", name), "title", ("",)))
    for spec in roles_data.get("roles") or []:
        for lang in ("de", "en"):
            for word in spec.get(lang) or []:
                forms[lang].append(Form(word, Lex("role", spec["role"]), "any", ROLE_SUFFIXES[lang]))
    for spec in roles_data.get("country_bound") or []:
        lang = spec.get("lang", "de")
        lex = Lex("role", spec["role"], "bound", country=spec.get("country"), org=spec.get("org"))
        targets = ("de", "en") if lang not in ("de", "en") else (lang,)
        for target in targets:
            forms[target].append(Form(spec["form"], lex, "any", ROLE_SUFFIXES[target]))
    return ActorLexicon(
        matchers={lang: SurfaceMatcher(f) for lang, f in forms.items()},
        persons=persons,
        country_names=country_names,
        orgs=org_info,
        holders=holders,
    )


def matcher(language: str) -> SurfaceMatcher[Lex]:
    """The actor dictionary of ``language`` (English for languages without one)."""
    matchers = lexicon().matchers
    return matchers.get(language) or matchers["en"]


def _inflected(names: list[str]) -> list[str]:
    """German multiword names with weak adjective endings: "Vereinigte Staaten" → "Vereinigten Staaten"."""
    out = list(names)
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        head = [w + "n" if w.endswith("e") and w[:1].isupper() else w for w in words[:-1]]
        variant = " ".join([*head, words[-1]])
        if variant != name:
            out.append(variant)
            if words[-1].endswith("e"):
                out.append(variant + "n")  # "den Vereinigten Arabischen Emiraten"
    return out


def _name_form(name: str, lex: Lex) -> Form[Lex]:
    letters = [c for c in name if c.isalpha()]
    acronym = len(name) <= 5 and bool(letters) and all(c.isupper() for c in letters)
    return Form(name, lex, "exact" if acronym else "title", NAME_SUFFIXES)


# --- resolution -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def state_ref(code: str, language: str) -> ActorRef:
    names = lexicon().country_names.get(code, {})
    name = names.get(language) or names.get("en") or code
    return ActorRef(name=name, country=code, kind="state", code=code, actor_id=code)


@lru_cache(maxsize=1024)
def org_ref(code: str) -> ActorRef:
    display, kind, country = lexicon().orgs.get(code, (code, "organisation", None))
    actor_kind: Literal["organisation", "group"] = "group" if kind == "group" else "organisation"
    return ActorRef(name=display, country=country, kind=actor_kind, code=code, actor_id=code)


@lru_cache(maxsize=16384)
def person_ref(person: Person, day: dt.date | None, language: str) -> ActorRef:
    office = person.office_at(day)
    return ActorRef(
        name=person.name(language),
        country=office.country if office else None,
        role=office.role if office else None,
        kind="person",
        code=office.org if office and office.org else (office.country if office else None),
        actor_id=f"person:{person.id}",
    )


def holder_at(role: str, key: str, day: dt.date | None) -> Person | None:
    """The person holding ``role`` for a state or organisation on ``day``."""
    holders = lexicon().holders
    for candidate_role in (role, "head_of_state") if role == "head_of_government" else (role,):
        for office, person in holders.get((candidate_role, key), []):
            if office.active(day):
                return person
    return None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass
class _Group:
    hits: list[Hit[Lex]]

    @property
    def start(self) -> int:
        return self.hits[0].start

    @property
    def end(self) -> int:
        return self.hits[-1].end


def _payload(hit: Hit[Lex]) -> Lex:
    """The reading of a form that several entries share: a country-bound role beats a generic one."""
    for lex in hit.payloads:
        if lex.sub == "bound":
            return lex
    return hit.payloads[0]


_NEXT_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _state_bodies() -> frozenset[str]:
    return frozenset(load_yaml("actors/state_bodies.yaml")["words"])


@lru_cache(maxsize=1)
def _quantifiers() -> frozenset[str]:
    return frozenset(load_yaml("actors/quantifiers.yaml")["words"])


def _person_name_context(hit: Hit[Lex], text: str) -> bool:
    """An ambiguous country name that is part of a person's name ("Michael Jordan", "Chad Smith").

    A German genitive ("die Einladung Chinas", "Chinas Präsident") is no name: German nouns are
    capitalised, and a name takes no bare "s"."""
    if hit.end - hit.start == len(hit.form.surface) + 1 and text[hit.end - 1] == "s":
        return False
    after = text[hit.end : hit.end + 2]
    if len(after) == 2 and after[0] == " " and after[1].isupper():
        following = _NEXT_WORD_RE.match(text, hit.end + 1)
        # "the Indian Navy", "the Indian Prime Minister": a body of the state, not "Michael Jordan"
        return not (following and following.group() in _state_bodies())
    before = text[max(0, hit.start - 25) : hit.start].rstrip()
    if before and not before.endswith((".", ":", "!", "?", "\n")):
        word = before.split()[-1] if before.split() else ""
        if word[:1].isupper() and word.isalpha() and word not in _quantifiers():
            return True  # "Eighteen Indian sailors": a number, not a first name
    return False


def _after_role(hit: Hit[Lex], role_ends: set[int], text: str) -> bool:
    """The hit follows a role phrase with only a space between ("Präsidenten Guineas")."""
    start = hit.start
    while start > 0 and text[start - 1] == " ":
        start -= 1
    return start < hit.start and start in role_ends


def _groups(hits: list[Hit[Lex]], text: str) -> Iterator[_Group]:
    """Adjacent hits that form one phrase ("der russische Außenminister Sergej Lawrow")."""
    current: list[Hit[Lex]] = []
    for index, hit in enumerate(hits):
        if current and (
            _joinable(current[-1], hit, text) or _state_envoy_to_org(current[-1], hit, hits, index, text)
        ):
            current.append(hit)
            continue
        if current:
            yield _Group(current)
        current = [hit]
    if current:
        yield _Group(current)


# role keys (data/actors/roles.yaml) of a state's envoys: "China's U.N. envoy" is China's, not the UN's
_STATE_ENVOYS = frozenset({"ambassador", "envoy", "diplomat"})


def _state_envoy_to_org(left: Hit[Lex], right: Hit[Lex], hits: list[Hit[Lex]], index: int, text: str) -> bool:
    """ "China's U.N. envoy", "the Japanese UN ambassador": a state right before an organisation that is
    followed at once by an envoy's role word opens one phrase with them (the state's envoy to it)."""
    if _payload(left).kind != "state" or _payload(right).kind != "org" or index + 1 >= len(hits):
        return False
    role = hits[index + 1]
    role_lex = _payload(role)
    return (
        role_lex.kind == "role"
        and role_lex.key in _STATE_ENVOYS
        and not text[left.end : right.start].strip()
        and not text[right.end : role.start].strip()
    )


def _joinable(left: Hit[Lex], right: Hit[Lex], text: str) -> bool:
    gap = text[left.end : right.start]
    if "," in gap or "\n" in gap:
        return False  # a line break ends a heading: "Talks begin in Putrajaya\nAnwar is hosting …"
    # at most three pieces: a third already rejects, and most gaps are whole stretches of text
    words = gap.replace("-", " - ").split(None, 2)
    if len(words) > 2 or any(w.lower() not in _GAP_WORDS for w in words):
        return False
    a, b = _payload(left), _payload(right)
    kinds = {a.kind, b.kind}
    if a.kind == "state" and b.kind == "state":
        return False  # "Russland - China" are two actors
    if a.kind == "person" and b.kind in ("person", "role"):
        # "traf Merz US-Außenminister Marco Rubio": a role after a person opens the next phrase
        return False
    if "role" in kinds:
        return True
    # adjective/name + person ("US-Präsident Biden" without role hit, "Russia's Lavrov"); after a person
    # only "of" joins a state ("Lavrov of Russia"): "forderte Scholz die Volksrepublik auf" is two actors
    if a.kind == "person" and b.kind == "state":
        return bool(words) and all(w.lower() == "of" for w in words)
    return "person" in kinds and "state" in kinds


def recognise(
    text: str,
    low: str,
    sentences: list[Sentence],
    language: str,
    day: dt.date | None,
    skip_before: int = 0,
    found: list[Hit[Lex]] | None = None,
) -> tuple[list[list[Mention]], list[Actor]]:
    """Mentions per sentence and the article's actor list (one entry per actor with its surface forms).

    Names before ``skip_before`` (a dateline such as "MOSKAU (dpa) –") are places, not actors.
    ``found`` are the dictionary matches if the caller has them (``matcher(language).find``).
    """
    candidates = matcher(language).find(text, low) if found is None else found
    # "die Präsidenten Guineas und Mauretaniens": a capitalised role word before an ambiguous name
    # is no first name, so the name stays the state's
    role_ends = {hit.end for hit in candidates if _payload(hit).kind == "role"}
    hits = [
        hit
        for index, hit in enumerate(candidates)
        if hit.start >= skip_before
        and _payload(hit).kind != "feature"  # "Sea of Japan": matched whole, no actor
        and not (
            _payload(hit).sub == "ambiguous"
            and _person_name_context(hit, text)
            and not _after_role(hit, role_ends, text)
            # "China's U.N. envoy": before an organisation and an envoy, no first name
            and not (
                index + 1 < len(candidates)
                and _state_envoy_to_org(hit, candidates[index + 1], candidates, index + 1, text)
            )
        )
    ]
    per_sentence: list[list[Mention]] = [[] for _ in sentences]
    seen_persons: set[str] = set()
    learned: dict[str, ActorRef] = {}  # surname -> person introduced through a role phrase
    blocked: set[str] = set()  # bare surnames seen after another first name ("Hunter Biden")
    named = frozenset(p.key for hit in hits for p in hit.payloads if p.kind in ("state", "org"))
    # "ambassador" -> the state of the last ambassador or diplomats mentioned without a name
    envoys: dict[str, str] = {}
    bounds = [(s.start, s.end) for s in sentences]
    sentence_of = _locator(bounds)
    for group in _groups(hits, text):
        mention = _resolve(group, text, language, day, seen_persons, learned, blocked, named, envoys)
        if mention is None:
            continue
        index = sentence_of(mention.start)
        if index is not None:
            per_sentence[index].append(mention)
    if learned:
        _add_learned_surnames(text, sentences, per_sentence, learned)
    actors = _aggregate(m for mentions in per_sentence for m in mentions)
    return per_sentence, actors


def _locator(bounds: list[tuple[int, int]]) -> Callable[[int], int | None]:
    starts = [b[0] for b in bounds]

    def locate(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < bounds[i][1]:
            return i
        return None

    return locate


def _resolve(
    group: _Group,
    text: str,
    language: str,
    day: dt.date | None,
    seen_persons: set[str],
    learned: dict[str, ActorRef],
    blocked: set[str],
    named: frozenset[str],
    envoys: dict[str, str],
) -> Mention | None:
    lex = lexicon()
    hits = group.hits
    parts = [_payload(h) for h in hits]
    start, end = hits[0].start, hits[-1].end
    surface = text[start:end]
    person_hit: Hit[Lex] | None = None
    role_parts: list[Lex] = []
    state_parts: list[Lex] = []
    org_parts: list[Lex] = []
    for hit, part in zip(hits, parts, strict=True):  # one pass instead of one list per kind
        kind = part.kind
        if kind == "state":
            state_parts.append(part)
        elif kind == "role":
            role_parts.append(part)
        elif kind == "org":
            org_parts.append(part)
        elif person_hit is None:
            person_hit = hit
    if person_hit is not None:
        hit = person_hit
        # only a name that opens its phrase can follow a first name ("Präsident Biden" cannot)
        bare = None
        if role_parts or (
            day is not None
            and hit is hits[0]
            and _bare_name(text, hit)
            and not _other_bearer(hit, text, blocked)
        ):
            bare = _BareSurname(bool(role_parts), named)
        choice = _choose_person(hit, seen_persons, day, bare, bool(_GIVEN_NAMES_RE.match(text, hit.end)))
        if choice is None:
            if not role_parts and not state_parts:
                return None
        else:
            person = lex.persons[choice]
            seen_persons.add(person.id)
            ref = person_ref(person, day, language)
            if ref.country is None and state_parts:
                ref = ref.model_copy(update={"country": state_parts[0].key})
            return Mention(start, end, ref, surface, parts=parts)
    if role_parts:
        role = role_parts[-1]
        # "der israelische Regierungssprecher", "Philippine Foreign Secretary": a named state beats the
        # country a role word implies on its own
        country = (state_parts[0].key if state_parts else None) or role.country
        if role.org and not role.country:
            # "die deutsche EU-Ratspräsidentschaft", "die französische EU-Kommissarin": an office bound to
            # an organisation acts for it, whatever its holder's nationality
            country = None
        org = role.org or (org_parts[0].key if org_parts else None)
        if state_parts and org_parts and not role.org and role.key in _STATE_ENVOYS:
            org = None  # "China's U.N. envoy": the state's envoy to the organisation speaks for the state
        name, name_end = _following_name(text, end)
        if not name:
            name, name_end = _appositive_name(text, end)
        if (
            name
            and not state_parts
            and role.country
            and not _QUALIFIED_ROLE_RE.search(text, max(0, start - 30), start)
            and _not_the_holder(name, role, day)
        ):
            # "Foreign Secretary Albert del Rosario" in 2012 is not Britain's (Hague): the bare role word
            # is used for another country, which the phrase does not name
            country = None
        if role.key in ("ambassador", "diplomat") and not org:
            if country is not None and not name:
                envoys["ambassador"] = country
            elif role.key == "ambassador" and country is None and name:
                # "bestellte den russischen Botschafter ein … Botschafter Georgi Sinowjew", "six Canadian
                # diplomats, including acting High Commissioner Stewart Wheeler": the named ambassador is the
                # one the article introduced with his state
                country = envoys.get("ambassador")
        listed = _listed_persons().get(name) if name else None
        if listed is not None:
            # "Die Sprecherin des Außenministeriums, Maria Sacharowa, …": the name is a listed office
            # holder, whom the role phrase stands for (the name itself is matched on its own)
            person = lex.persons[listed]
            seen_persons.add(person.id)
            return Mention(start, end, person_ref(person, day, language), surface, parts=parts)
        if name:
            ref = ActorRef(
                name=name,
                country=country,
                role=role.key,
                kind="person",
                code=org or country,
                actor_id=f"person:{_slug(name)}",
            )
            learned[name.split()[-1]] = ref
            return Mention(start, name_end, ref, text[start:name_end], parts=parts)
        key = country or org
        if key:
            # a generic "Sprecherin des Ministeriums" is not the government's spokesperson;
            # only a bound form ("Kremlsprecher", "White House press secretary") names one person
            generic_spokesperson = role.key == "spokesperson" and role.sub != "bound"
            # "A Pentagon spokesman said …", "ein Sprecher des Weißen Hauses": an indefinite article makes
            # the role phrase one unnamed official of the state, not the office's listed holder
            indefinite = _INDEFINITE_RE.get(language)
            unnamed = indefinite is not None and indefinite.search(text, max(0, start - 8), start) is not None
            holder = None if generic_spokesperson or unnamed else holder_at(role.key, key, day)
            if holder is not None:
                seen_persons.add(holder.id)
                return Mention(start, end, person_ref(holder, day, language), surface, parts=parts)
            label = f"{role.key.replace('_', ' ')} ({key})"
            ref = ActorRef(
                name=label,
                country=country,
                role=role.key,
                kind="person",
                code=org or country,
                actor_id=f"role:{role.key}:{key}",
            )
            return Mention(start, end, ref, surface, parts=parts)
        return None
    if org_parts:
        return Mention(start, end, org_ref(org_parts[0].key), surface, parts=parts)
    if state_parts:
        part = state_parts[0]
        modifier = (
            part.sub in ("name", "ambiguous", "metonym")
            and text[end : end + 1] == "-"
            and group.hits[0].form.case != "exact"
        )
        return Mention(
            start,
            end,
            state_ref(part.key, language),
            surface,
            capital_metonym=part.sub == "metonym",
            parts=parts,
            compound_modifier=modifier,
        )
    return None


_INDEFINITE_RE = {
    "en": re.compile(r"(?:^|\W)(?:a|an)\s+$", re.IGNORECASE),
    "de": re.compile(r"(?:^|\W)(?:ein|eine|einer|eines|einem|einen)\s+$", re.IGNORECASE),
}


# "former Foreign Secretary Jack Straw", "Assistant Secretary of State Victoria Nuland": another person
# of the role's own country
_QUALIFIED_ROLE_RE = re.compile(
    r"\b(?:former|ex|acting|assistant|deputy|under|vice|ehemalige[rn]?|frühere[rn]?|stellvertretende[rn]?"
    r"|amtierende[rn]?|designierte[rn]?)[\s-]*$",
    re.IGNORECASE,
)


def _not_the_holder(name: str, role: Lex, day: dt.date | None) -> bool:
    """Whether the bound role's own holder on ``day`` is known and someone other than ``name``."""
    if role.key not in _single_holder_roles():
        return False  # "White House spokesman Gordon Johndroe": one of many, the form names his state
    holder = holder_at(role.key, role.country or "", day) if role.country else None
    if holder is None:
        return False
    surname = name.split()[-1].lower()
    return surname not in holder.name("en").lower() and surname not in holder.name("de").lower()


@lru_cache(maxsize=1)
def _listed_persons() -> dict[str, str]:
    """Full names and variants of the listed office holders, each to the person's id."""
    names: dict[str, str] = {}
    for entry in load_yaml("actors/office_holders.yaml")["persons"]:
        for name in [*(entry.get("name") or {}).values(), *(entry.get("variants") or [])]:
            names.setdefault(name, entry["id"])
    return names


@lru_cache(maxsize=1)
def _state_roles() -> frozenset[str]:
    return frozenset(load_yaml("actors/roles.yaml").get("state_roles") or [])


@lru_cache(maxsize=1)
def _single_holder_roles() -> frozenset[str]:
    return frozenset(load_yaml("actors/roles.yaml").get("single_holder_roles") or [])


@lru_cache(maxsize=1)
def office_words() -> frozenset[str]:
    """Capitalised words of an office's title before its role word ("Commerce", "Erste")."""
    return frozenset(str(w) for w in load_yaml("actors/roles.yaml").get("office_words") or [])


@lru_cache(maxsize=1)
def _title_words() -> tuple[str, ...]:
    table = load_yaml("actors/roles.yaml").get("title_words") or {}
    return tuple(sorted({str(word) for words in table.values() for word in words or []}))


def held_by_other(actor: ActorRef, surface: str, country: str, day: dt.date | None) -> bool:
    """Whether ``country``'s listed holder of the person's office on ``day`` is someone else: then the
    person ("Foreign Minister David Choquehuanca" in an article about the US) is not of that state.
    ``surface`` is the phrase naming the person: a title before the name ("Prince Faisal") is no office.
    A head of government falls back to the head of state only for a state that lists no head of
    government at all (the US president heads the government; a French prime minister not listed for
    the day is no rival of the president)."""
    role = actor.role
    if role is None or role not in _single_holder_roles():
        return False
    name_at = surface.find(actor.name)
    if name_at > 0 and surface[:name_at].rstrip().lower().endswith(_title_words()):
        return False
    holders = lexicon().holders
    offices = holders.get((role, country), [])
    if not offices and role == "head_of_government":
        offices = holders.get(("head_of_state", country), [])
    current = [person for office, person in offices if office.active(day)]
    if not current:
        return False
    surname = actor.name.split()[-1].lower()
    return all(
        surname not in person.name("en").lower() and surname not in person.name("de").lower()
        for person in current
    )


def lacks_state(actor: ActorRef) -> bool:
    """An unknown person introduced by a state's office that names no state ("Foreign Secretary Albert
    del Rosario", "Außenminister Jean-Yves Le Drian"): readers take the state from the context."""
    return (
        actor.kind == "person"
        and actor.country is None
        and actor.code is None
        and actor.role in _state_roles()
        and (actor.actor_id or "").startswith("person:")
    )


def _choose_person(
    hit: Hit[Lex],
    seen: set[str],
    day: dt.date | None = None,
    bare: _BareSurname | None = None,
    given_names: bool = False,
) -> str | None:
    """Full names always count; a surname after the full name, for very famous people, or when it
    names exactly one listed person in office on ``day`` under the conditions of ``bare``. A short
    surname with ``given_names`` after it ("Vizeaußenminister Kim Hong Kyun") is someone else's."""
    lex = lexicon()
    full = [p.key for p in hit.payloads if p.sub == "full"]
    if full:
        return full[0]
    surnames = [p.key for p in hit.payloads if p.sub == "surname"]
    for key in surnames:
        if key in seen:
            return key
    famous = [key for key in surnames if lex.persons[key].famous]
    if len(famous) == 1 and not (len(hit.form.surface) < _MIN_BARE_SURNAME and given_names):
        return famous[0]
    if bare is None or famous or len(hit.form.surface) < _MIN_BARE_SURNAME:
        return None
    in_office = {
        key
        for key in surnames
        for office in lex.persons[key].offices
        if office.active(day) and (bare.with_role or (office.country or office.org) in bare.named)
    }
    return in_office.pop() if len(in_office) == 1 else None


@dataclass(frozen=True, slots=True)
class _BareSurname:
    """When a surname alone may name an office holder in office on the article's day: after a role
    word ("Außenminister Kuleba", "President Macron"), or, dated articles only, when the holder's
    state or organisation is named in the article too ("Blinken warns Beijing … Washington"); a
    surname that is also a word (Park, Price, Herzog) or another person's rarely meets both."""

    with_role: bool
    named: frozenset[str]


_MIN_BARE_SURNAME = 4
# two short capitalised words after a short surname: the rest of an East Asian name ("Kim Hong Kyun",
# "Lee Jae Myung"), not a noun the sentence goes on with ("Kim Raketen")
_GIVEN_NAMES_RE = re.compile(r" [A-Z][a-z]{1,5}[ -][A-Z][a-z]{1,5}\b")
"""Shorter surnames (Li, Kim, Lee) are too common to name an office holder without a first name."""


def _bare_name(text: str, hit: Hit[Lex]) -> bool:
    """A surname in title case, not followed by another capitalised word ("LINDE", "Price Alerts:",
    "Park Avenue" are no office holders); any script's letters ("Vučić", "Erdoğan")."""
    surface = text[hit.start : hit.end]
    if not surface[:1].isupper() or surface.isupper():
        return False
    following = text[hit.end : hit.end + 2]
    return not (following[:1] == " " and following[1:2].isupper())


def _other_bearer(hit: Hit[Lex], text: str, blocked: set[str]) -> bool:
    """A capitalised word right before a bare surname, not opening its sentence, is a first name
    ("Hunter Biden"; "Amtskollege Lawrow" errs on the safe side); the surname then stays blocked for
    the rest of the article, so a later bare "Johnson" is not taken for the office holder either."""
    surface = text[hit.start : hit.end].lower()
    if surface in blocked:
        return True
    match = _PRECEDING_WORD_RE.search(text, max(0, hit.start - 60), hit.start)
    if match is None:
        return False
    word, lead = match.group("word"), match.group("lead")
    opens_sentence = lead is None or "\n" in match.group("gap") or lead.endswith((".", ":", "!", "?"))
    if (
        word[:1].isupper()
        and word.isalpha()
        and word not in _not_names()
        and not (opens_sentence and word.lower() in _function_words())  # "After Blinken", "Auch Lawrow"
    ):
        blocked.add(surface)
        return True
    return False


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    languages = load_yaml("language/languages.yaml")["languages"]
    return frozenset(word for words in languages.values() for word in words)


_PRECEDING_WORD_RE = re.compile(r"(?:(?P<lead>\S+)|^)(?P<gap>\s*)(?<!\S)(?P<word>\S+)[ \t]+$")


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(load_yaml("language/not_names.yaml")["words"])


_POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")


@lru_cache(maxsize=1)
def _titles_re() -> re.Pattern[str]:
    """Ranks and titles between a role word and the name ("police chief Gen. Oscar Naranjo")."""
    titles = sorted(load_yaml("language/not_names.yaml").get("titles") or [], key=len, reverse=True)
    return re.compile(r"(?: (?:" + "|".join(re.escape(t) for t in titles) + r"))+(?= [A-ZÄÖÜ])")


def _following_name(text: str, pos: int) -> tuple[str | None, int]:
    """One to three capitalised words right after a role phrase (and a rank such as "Gen."): the unknown
    office holder's name."""
    words: list[str] = []
    title = _titles_re().match(text, pos)
    cursor = title.end() if title else pos
    while len(words) < 3:
        match = _NAME_TOKEN_RE.match(text, cursor + 1) if text[cursor : cursor + 1] == " " else None
        particle = _NAME_PARTICLE_RE.match(text, cursor) if words and not match else None
        if particle:  # "Albert del Rosario", "Ursula von der Leyen", "Luiz Inácio Lula da Silva"
            match = _NAME_TOKEN_RE.match(text, particle.end())
            if not match or match.group() in _not_names():
                break
            words.append(text[cursor + 1 : match.end()])
            cursor = match.end()
            continue
        if not match or match.group() in _not_names():
            break
        word = match.group()
        cursor = match.end()
        possessive = word.endswith(_POSSESSIVE_ENDINGS)
        if possessive:  # "President Evo Morales’s plane": the name ends before the possessive
            word = word[: -len(next(e for e in _POSSESSIVE_ENDINGS if word.endswith(e)))]
        words.append(word)
        if possessive:
            break
    if not words:
        return None, pos
    if len(words) == 1 and language_guess_is_noun(words[0]):
        return None, pos
    return " ".join(words), cursor


# "Russia's ambassador in Washington, Anatoly Antonov, said …", "der Botschafter in Berlin, Sergej
# Netschajew, …", "die Sprecherin des kambodschanischen Verteidigungsministeriums, Maly Socheata, …":
# the name set off by commas after the role and its post or ministry; the post may carry its acronym
# ("der Botschafter bei der Organisation Amerikanischer Staaten (OAS), Luis Alfonso Hoyos, …")
_APPOSITIVE_RE = re.compile(
    r"(?: (?:[A-Z][\w-]* )?(?:Ministry|Office|Department)| [A-ZÄÖÜ][\w-]*(?:ministeriums|amtes|amts))?"
    r"(?: (?:in|to|at|im|in der|bei|bei der|beim) (?:the |den |der )?"
    r"[A-ZÄÖÜ][\w.’'-]*(?: [A-ZÄÖÜ][\w.’'-]*){0,3})?"
    r"(?: \([A-ZÄÖÜ][\w.-]{1,11}\))?"
    r", ((?:[A-ZÄÖÜ][\w’'-]+ ){1,2}[A-ZÄÖÜ][\w’'-]+),"
)


def _appositive_name(text: str, pos: int) -> tuple[str | None, int]:
    """A person's name in commas right after a role phrase (and its post), else None; the mention
    keeps ending at ``pos``, so the post ("in Washington") stays a mention of its own."""
    match = _APPOSITIVE_RE.match(text, pos, pos + 120)
    if not match or any(word in _not_names() for word in match.group(1).split()):
        return None, pos
    return match.group(1), pos


_NAME_PARTICLE_RE = re.compile(
    r" (?:(?:de|del|della|da|dos|das|du|van|von|der|den|ter|ten|la|le|bin|ibn|al)\s)+"
)


def language_guess_is_noun(word: str) -> bool:
    """A single capitalised German word after a role is usually a noun ("Außenminister Treffen")."""
    low = word.lower()
    stem = low[:-2] if low.endswith("es") else low[:-1] if low.endswith("s") else low  # genitive
    return stem.endswith(_NOUN_ENDINGS) or low.endswith(_NOUN_ENDINGS)


# Endings of German common nouns that follow role words ("Sprecherin des Außenministeriums").
_NOUN_ENDINGS = (
    "ungen",
    "ionen",
    "heiten",
    "keiten",
    "schaften",
    "täten",
    "nisse",
    "nahmen",
    "gespräche",
    "ung",
    "heit",
    "keit",
    "schaft",
    "ion",
    "tät",
    "nis",
    "ium",
    "amt",
    "rat",
    "haus",
    "büro",
    "dienst",
    "gericht",
    "behörde",
    "regierung",
    "kommission",
    "parlament",
    "partei",
    "ministerium",
    "botschaft",
)


def _add_learned_surnames(
    text: str, sentences: list[Sentence], per_sentence: list[list[Mention]], learned: dict[str, ActorRef]
) -> None:
    pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in learned) + r")(?:s|'s|’s)?\b")
    for sentence in sentences:
        taken = [(m.start, m.end) for m in per_sentence[sentence.index]]
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            ref = learned[match.group(1)]
            per_sentence[sentence.index].append(Mention(match.start(), match.end(), ref, match.group()))
        per_sentence[sentence.index].sort(key=lambda m: m.start)


def _aggregate(mentions: Iterable[Mention]) -> list[Actor]:
    actors: dict[str, Actor] = {}
    for mention in mentions:
        key = mention.actor.actor_id or mention.actor.name
        actor = actors.get(key)
        if actor is None:
            actor = Actor(**mention.actor.model_dump(), mentions=[])
            actors[key] = actor
        if mention.surface not in actor.mentions:
            actor.mentions.append(mention.surface)
    return list(actors.values())
