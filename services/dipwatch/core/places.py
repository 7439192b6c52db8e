"""Places in an article: capitals, large cities and diplomatic venues (``data/places/places.tsv``).

A name that is also a common word ("Essen", "Split", "Reading") counts only after a locative
preposition or as the dateline. Where several places share a name, the most populous wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dipwatch.core.matcher import Form, Hit, SurfaceMatcher
from dipwatch.core.resources import load_text, load_yaml
from dipwatch.core.text import Sentence
from dipwatch_schemas import Place


@lru_cache(maxsize=1)
def _locatives() -> dict[str, frozenset[str]]:
    """Words that make the next name a place, also an ambiguous one: prepositions and "der Stadt Gori"
    (data/language/locatives.yaml)."""
    data = load_yaml("language/locatives.yaml")
    return {lang: frozenset(str(w).lower() for w in data[lang]) for lang in ("de", "en")}


_PREVIOUS_WORD_RE = re.compile(r"(\w+)\W*$")
# "im walisischen Broughton", "aus dem hessischen Trebur": a locative, an optional article and a
# lower-case adjective of region or country before the name
_LOCATIVE_ADJECTIVE_RE = re.compile(r"(\w+)\s+(?:(?:dem|der|den|des)\s+)?(?:[a-zäöüß][\w-]*isch|nah)en\s+$")
_LIST_JOIN_RE = re.compile(r"\s*(?:,|/|und|and|oder|or|sowie)\s*", re.IGNORECASE)
# "MOSKAU (dpa) –", "WASHINGTON, March 3 (Reuters) -", "Berlin/Moskau –", "Kyiv —"
_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][\w'’.\-]*(?:[ /][A-ZÄÖÜ][\w'’.\-]*){0,2})"
    r"(?:,\s*[^()–—\n]{0,25}?)?\s*(?:\([^)\n]{1,30}\)\s*)?(?:[–—]|-\s|:\s)"
)


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int
    display_en: str
    display_de: str
    ambiguous: bool
    # the Place per language, built on first use: an article asks for each place mention's Place
    # up to three times, and building one costs more than finding it (shared like ``state_ref``'s)
    _places: dict[str, Place] = field(default_factory=dict, init=False, repr=False, compare=False)

    def place(self, language: str) -> Place:
        found = self._places.get(language)
        if found is None:
            name = self.display_de if language == "de" and self.display_de else self.display_en
            found = Place(name=name, country=self.country, lat=self.lat, lon=self.lon)
            self._places[language] = found
        return found


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    entry: PlaceEntry
    surface: str


@lru_cache(maxsize=1)
def place_matcher() -> SurfaceMatcher[PlaceEntry]:
    forms: list[Form[PlaceEntry]] = []
    lines = load_text("places/places.tsv").splitlines()
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    for line in lines[1:]:
        if not line.strip():
            continue
        row = line.split("\t")
        names_en = [n for n in row[col["names_en"]].split("|") if n]
        names_de = [n for n in row[col["names_de"]].split("|") if n]
        population = row[col["population"]]
        entry = PlaceEntry(
            id=row[col["id"]],
            kind=row[col["kind"]],
            country=row[col["country"]],
            lat=float(row[col["lat"]]),
            lon=float(row[col["lon"]]),
            population=int(float(population)) if population else 0,
            display_en=names_en[0] if names_en else (names_de[0] if names_de else ""),
            display_de=names_de[0] if names_de else "",
            ambiguous=row[col["ambiguous"]].strip() in ("1", "true", "True"),
        )
        for name in {*names_en, *names_de}:
            forms.append(Form(name, entry, "title", ("", "s", "'s", "’s")))
    return SurfaceMatcher(forms)


def _best(hit: Hit[PlaceEntry]) -> PlaceEntry:
    rank = {"capital": 2, "venue": 1, "city": 0}
    return max(hit.payloads, key=lambda e: (e.population, rank.get(e.kind, 0)))


def find_places(
    text: str,
    low: str,
    sentences: list[Sentence],
    language: str,
    found: list[Hit[PlaceEntry]] | None = None,
) -> list[list[PlaceMention]]:
    """Place mentions per sentence; ``found`` are the dictionary matches if the caller has them
    (``place_matcher().find``)."""
    per_sentence: list[list[PlaceMention]] = [[] for _ in sentences]
    locatives = _locatives()
    locative = locatives.get(language, locatives["en"])
    hits = place_matcher().find(text, low) if found is None else found
    dateline = dateline_end(text)
    index = 0
    previous_end = -1
    for hit in hits:
        while index < len(sentences) and hit.start >= sentences[index].end:
            index += 1
        if index >= len(sentences):
            break
        sentence = sentences[index]
        if hit.start < sentence.start:
            continue
        entry = _best(hit)
        surface = text[hit.start : hit.end]
        if entry.ambiguous and hit.end > dateline:  # "KOPENHAGEN/WASHINGTON (dpa) –": a dateline lists places
            before = _PREVIOUS_WORD_RE.search(text, max(sentence.start, hit.start - 30), hit.start)
            at_start = hit.start - sentence.start < 2 and index == 0
            # "von New York und Washington": joined to a place just named
            listed = previous_end >= sentence.start and _LIST_JOIN_RE.fullmatch(text, previous_end, hit.start)
            if not at_start and not listed and not (before and before.group(1).lower() in locative):
                qualified = _LOCATIVE_ADJECTIVE_RE.search(
                    text, max(sentence.start, hit.start - 50), hit.start
                )
                if not (language == "de" and qualified and qualified.group(1).lower() in locative):
                    continue
        per_sentence[index].append(PlaceMention(hit.start, hit.end, entry, surface))
        previous_end = hit.end
    return per_sentence


def dateline_end(text: str) -> int:
    """Offset where a leading dateline ends (0 without one); names in it are places, not actors."""
    match = _DATELINE_RE.match(text[:80])
    return match.end() if match else 0


def dateline_place(text: str, language: str) -> Place | None:
    """The place of a dateline such as "MOSKAU (dpa) –" or "GENEVA, May 3 (Reuters) -"."""
    head = text[:80]
    match = _DATELINE_RE.match(head)
    if not match:
        return None
    candidate = match.group("place").split("/")[0].strip()
    probe = candidate.title() if candidate.isupper() else candidate
    hits = place_matcher().find(probe, probe.lower())
    if hits and hits[0].start == 0:
        return _best(hits[0]).place(language)
    return None


def dateline_country(text: str, place: Place | None) -> str | None:
    """The state of a dateline naming one place ("MANILA (AFP) –"; ``place`` is its
    ``dateline_place``); "PEKING/CANBERRA (dpa) –" names both sides of a story, so it tells whom no
    unnamed official speaks for."""
    if place is None:
        return None
    match = _DATELINE_RE.match(text[:80])
    return place.country if match and "/" not in match.group("place") else None
