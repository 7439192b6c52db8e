"""Deterministic benchmark corpus: German and English news articles composed from templates.

The actors come from the project's own dictionaries (services/dipwatch/data/actors), so the
extractor meets the names, capitals and office holders it really knows; the sentences mix
diplomatic events (meetings, sanctions, threats, aid, attacks, criticism …), quotes and
non-diplomatic filler (sports, business, weather). Same seed, same corpus — byte for byte.

Usage::

    python benchmarks/corpus.py --count 2000 --out /tmp/corpus.jsonl [--seed 20250101]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
ACTORS_DIR = REPO / "services" / "dipwatch" / "data" / "actors"
DEFAULT_SEED = 20250101

# German state names that take an article ("die Türkei", "die USA"): we say the capital instead,
# as German wire copy often does, so the generated sentences stay grammatical.
_DE_WITH_ARTICLE = {
    "TUR",
    "USA",
    "CHE",
    "SVK",
    "NLD",
    "PHL",
    "MNG",
    "COD",
    "COG",
    "CAF",
    "DOM",
    "ARE",
    "VAT",
    "LBN",
    "IRQ",
    "YEM",
    "SDN",
    "SSD",
    "NER",
    "TCD",
    "GMB",
    "BHS",
    "MDV",
    "SLB",
    "MHL",
    "COM",
    "SYC",
    "CZE",
    "UKR",
    "IRN",
    "SYR",
}
_DE_ROLE = {
    "head_of_state": "Präsident",
    "head_of_government": "Regierungschef",
    "foreign_minister": "Außenminister",
    "defence_minister": "Verteidigungsminister",
    "spokesperson": "Regierungssprecher",
    "deputy_foreign_minister": "Vize-Außenminister",
}
_EN_ROLE = {
    "head_of_state": "President",
    "head_of_government": "Prime Minister",
    "foreign_minister": "Foreign Minister",
    "defence_minister": "Defence Minister",
    "spokesperson": "government spokesperson",
    "deputy_foreign_minister": "Deputy Foreign Minister",
}


@dataclass(frozen=True)
class State:
    code: str
    en: str
    en_adj: str
    de: str
    de_adj: str  # uninflected stem, e.g. "französisch"
    capital: str
    capital_de: str


@dataclass(frozen=True)
class Person:
    name_en: str
    name_de: str
    surname: str
    role: str
    country: str


@dataclass(frozen=True)
class Actors:
    states: list[State]
    persons: list[Person]
    orgs_en: list[str]
    orgs_de: list[str]


def load_actors(directory: Path = ACTORS_DIR) -> Actors:
    """States with a capital, current office holders with a known role, and organisation names."""
    countries = yaml.safe_load((directory / "countries.yaml").read_text(encoding="utf-8"))["countries"]
    states: list[State] = []
    for entry in countries:
        en, de = entry["en"], entry["de"]
        if not (en.get("metonyms") and en.get("adjectives") and de.get("adjective_stems")):
            continue
        states.append(
            State(
                entry["code"],
                en["names"][0],
                en["adjectives"][0],
                de["names"][0],
                de["adjective_stems"][0],
                en["metonyms"][0],
                (de.get("metonyms") or en["metonyms"])[0],
            )
        )
    by_code = {s.code for s in states}
    holders = yaml.safe_load((directory / "office_holders.yaml").read_text(encoding="utf-8"))["persons"]
    persons: list[Person] = []
    for entry in holders:
        for office in entry["offices"]:
            if office["end"] is None and office["role"] in _EN_ROLE and office.get("country") in by_code:
                surnames = entry.get("surnames") or [entry["name"]["en"].split()[-1]]
                persons.append(
                    Person(
                        entry["name"]["en"],
                        entry["name"]["de"],
                        surnames[0],
                        office["role"],
                        office["country"],
                    )
                )
                break
    orgs = yaml.safe_load((directory / "organisations.yaml").read_text(encoding="utf-8"))["organisations"]
    wanted = {"EU", "NATO", "UN", "IAEA", "WHO", "OSCE", "G7", "G20", "AU", "ASEAN", "OPEC", "ICRC", "IMF"}
    chosen = [o for o in orgs if o["code"] in wanted]
    return Actors(states, persons, [str(o["en"][0]) for o in chosen], [str(o["de"][0]) for o in chosen])


# --- templates ---------------------------------------------------------------------------------
# Slots: {A} {B} state names, {Aadj} adjective, {CAP} capital of A, {P} person with role, {PS}
# surname, {O} organisation, {N} number, {DAY} weekday, {Q} a quote.

EN_EVENTS = [
    "{P} met his {Badj} counterpart in {CAP} on {DAY} to discuss the ceasefire negotiations.",
    "{A} and {B} agreed to resume talks on a new trade agreement, officials said on {DAY}.",
    "{A} imposed new sanctions on {B} over its role in the conflict, freezing the assets of {N} officials.",
    "The {Aadj} government threatened to expel the {Badj} ambassador if the attacks continued.",
    "{A} pledged {N} million dollars in humanitarian aid to {B} after the earthquake.",
    "{Aadj} forces shelled border villages in {B} overnight, killing at least {N} civilians.",
    "{P} sharply criticised {B} for violating the agreement and called it a provocation.",
    "{A} recalled its ambassador from {B} for consultations after the incident.",
    "The {O} condemned the missile strike and urged {A} to show restraint.",
    "{P} arrived in {CAP} for a two-day state visit, the first in more than a decade.",
    "{A} expelled {N} {Badj} diplomats, accusing them of espionage.",
    "{A} and {B} signed a defence cooperation agreement in {CAP} on {DAY}.",
    "{A} accused {B} of supporting armed groups along the border.",
    "The {O} said it would send observers to monitor the elections in {A}.",
    "{P} called on {B} to release the detained journalists immediately.",
    "{A} rejected the proposal by {B} to hold a referendum in the disputed region.",
    "{Aadj} troops seized a {Badj} vessel in the strait on {DAY}, the navy said.",
    "{A} offered to mediate between the warring parties, {PS} told reporters.",
    "Talks between {A} and {B} on the prisoner exchange broke down on {DAY}.",
    "{A} announced a ban on imports from {B}, escalating the trade dispute.",
    "{P} praised the cooperation with {B} on climate and energy.",
    "Protesters gathered outside the {Badj} embassy in {CAP} to demand an end to the blockade.",
    "{A} will host a summit of the {O} next month, the foreign ministry said.",
    "{A} demanded that {B} withdraw its troops from the border area within {N} days.",
]
DE_EVENTS = [
    "{P} traf am {DAY} in {CAP} seinen {Badj}en Amtskollegen, um über die Waffenruhe zu beraten.",
    "{A} und {B} vereinbarten, die Gespräche über ein neues Handelsabkommen wieder aufzunehmen.",
    "{A} verhängte neue Sanktionen gegen {B} und fror die Vermögen von {N} Funktionären ein.",
    "Die {Aadj}e Regierung drohte, den {Badj}en Botschafter auszuweisen, falls die Angriffe weitergehen.",
    "{A} sagte {B} nach dem Erdbeben humanitäre Hilfe in Höhe von {N} Millionen Euro zu.",
    "{Aadj}e Truppen beschossen in der Nacht Grenzdörfer in {B}, mindestens {N} Zivilisten wurden getötet.",
    "{P} kritisierte {B} scharf für den Bruch der Vereinbarung und sprach von einer Provokation.",
    "{A} rief seinen Botschafter aus {B} zu Konsultationen zurück.",
    "Die {O} verurteilte den Raketenangriff und rief {A} zur Zurückhaltung auf.",
    "{P} traf am {DAY} zu einem zweitägigen Staatsbesuch in {CAP} ein.",
    "{A} wies {N} {Badj}e Diplomaten aus und warf ihnen Spionage vor.",
    "{A} und {B} unterzeichneten am {DAY} in {CAP} ein Abkommen über die Zusammenarbeit in der Verteidigung.",
    "{A} warf {B} vor, bewaffnete Gruppen im Grenzgebiet zu unterstützen.",
    "Die {O} will Beobachter zu den Wahlen in {A} entsenden.",
    "{P} forderte {B} auf, die festgenommenen Journalisten sofort freizulassen.",
    "{A} lehnte den Vorschlag aus {CAP} ab, ein Referendum in der umstrittenen Region abzuhalten.",
    "{Aadj}e Soldaten beschlagnahmten am {DAY} ein {Badj}es Schiff in der Meerenge.",
    "{A} bot an, zwischen den Kriegsparteien zu vermitteln, sagte {PS} vor Journalisten.",
    "Die Gespräche zwischen {A} und {B} über einen Gefangenenaustausch scheiterten am {DAY}.",
    "{A} kündigte ein Einfuhrverbot für Waren aus {B} an und verschärfte damit den Handelsstreit.",
    "{P} lobte die Zusammenarbeit mit {B} bei Klima und Energie.",
    "Vor der {Badj}en Botschaft in {CAP} demonstrierten Hunderte gegen die Blockade.",
    "{A} wird im kommenden Monat einen Gipfel der {O} ausrichten, teilte das Außenministerium mit.",
    "{A} verlangte von {B}, seine Truppen binnen {N} Tagen aus dem Grenzgebiet abzuziehen.",
]
EN_QUOTES = [
    "“We will not accept any violation of our sovereignty,” {PS} said.",
    "“The door to dialogue remains open,” {PS} told reporters in {CAP}.",
    "“This is a dangerous escalation that threatens the whole region,” a spokesperson for the {O} said.",
    "“Our support will continue for as long as it takes,” {PS} said after the meeting.",
    "“There can be no military solution,” {PS} said on {DAY}.",
]
DE_QUOTES = [
    "„Wir werden keine Verletzung unserer Souveränität hinnehmen“, sagte {PS}.",
    "„Die Tür für Gespräche bleibt offen“, sagte {PS} vor Journalisten in {CAP}.",
    "„Das ist eine gefährliche Eskalation, die die ganze Region bedroht“, sagte ein Sprecher der {O}.",
    "„Unsere Unterstützung wird so lange weitergehen wie nötig“, sagte {PS} nach dem Treffen.",
    "„Es kann keine militärische Lösung geben“, sagte {PS} am {DAY}.",
]
EN_FILLER = [
    "The home side took the lead after {N} minutes and never looked back.",
    "Shares in the carmaker fell {N} percent in early trading after the profit warning.",
    "Forecasters expect temperatures of up to {N} degrees and thunderstorms in the afternoon.",
    "The club confirmed that its striker will miss the next {N} matches with a knee injury.",
    "Analysts had expected quarterly revenue of around {N} billion dollars.",
    "Heavy rain is expected in the north, with winds reaching {N} kilometres per hour.",
    "The central bank left interest rates unchanged at its meeting on {DAY}.",
    "Ticket prices for the final rose by {N} percent compared with last season.",
    "The company plans to cut {N} jobs by the end of next year, the works council said.",
    "Commuters faced delays of up to {N} minutes because of the strike on regional trains.",
    "The coach praised his young team for a disciplined performance in difficult conditions.",
    "Retail sales rose slightly in the last quarter, driven by online shopping.",
]
DE_FILLER = [
    "Die Gastgeber gingen nach {N} Minuten in Führung und gaben das Spiel nicht mehr aus der Hand.",
    "Die Aktie des Autobauers verlor nach der Gewinnwarnung im frühen Handel {N} Prozent.",
    "Meteorologen erwarten Temperaturen von bis zu {N} Grad und am Nachmittag Gewitter.",
    "Der Verein bestätigte, dass der Stürmer wegen einer Knieverletzung {N} Spiele fehlen wird.",
    "Analysten hatten mit einem Quartalsumsatz von rund {N} Milliarden Euro gerechnet.",
    "Im Norden wird Starkregen erwartet, der Wind erreicht bis zu {N} Kilometer pro Stunde.",
    "Die Zentralbank ließ den Leitzins bei ihrer Sitzung am {DAY} unverändert.",
    "Die Ticketpreise für das Finale stiegen im Vergleich zur Vorsaison um {N} Prozent.",
    "Das Unternehmen will bis Ende nächsten Jahres {N} Stellen streichen, sagte der Betriebsrat.",
    "Pendler mussten wegen des Streiks im Regionalverkehr Verspätungen von bis zu {N} Minuten hinnehmen.",
    "Der Trainer lobte seine junge Mannschaft für eine disziplinierte Leistung bei schwierigen Bedingungen.",
    "Der Einzelhandelsumsatz stieg im letzten Quartal leicht, getragen vom Onlinehandel.",
]
EN_TITLES = [
    "{A} and {B} at odds over border dispute",
    "{PS} visits {CAP}",
    "New sanctions on {B}",
    "{O} calls for restraint",
    "Talks between {A} and {B} resume",
    "Aid for {B} announced",
]
DE_TITLES = [
    "Streit zwischen {A} und {B} um die Grenze",
    "{PS} besucht {CAP}",
    "Neue Sanktionen gegen {B}",
    "{O} ruft zur Zurückhaltung auf",
    "Gespräche zwischen {A} und {B} wieder aufgenommen",
    "Hilfe für {B} angekündigt",
]
EN_FILLER_TITLES = [
    "Home side wins derby",
    "Carmaker shares slide",
    "Storms expected this weekend",
    "Central bank holds rates",
]
DE_FILLER_TITLES = [
    "Gastgeber gewinnen das Derby",
    "Aktie des Autobauers unter Druck",
    "Gewitter am Wochenende erwartet",
    "Zentralbank lässt Zinsen unverändert",
]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]

_SLOT = re.compile(r"\{(\w+)\}")


class Composer:
    """Fills templates for one article: a fixed cast (two states, a person, an organisation)."""

    def __init__(self, rng: random.Random, actors: Actors, language: str) -> None:
        self.rng = rng
        self.language = language
        person = rng.choice(actors.persons)
        a = next(s for s in actors.states if s.code == person.country)
        b = rng.choice([s for s in actors.states if s.code != a.code])
        orgs = actors.orgs_de if language == "de" else actors.orgs_en
        self.cast = {"A": a, "B": b, "P": person, "O": rng.choice(orgs)}

    def _state(self, state: State) -> str:
        if self.language == "en":
            return state.en
        return state.capital_de if state.code in _DE_WITH_ARTICLE else state.de

    def _value(self, slot: str) -> str:
        a: State = self.cast["A"]  # type: ignore[assignment]
        b: State = self.cast["B"]  # type: ignore[assignment]
        person: Person = self.cast["P"]  # type: ignore[assignment]
        de = self.language == "de"
        if slot == "A":
            return self._state(a)
        if slot == "B":
            return self._state(b)
        if slot == "Aadj":
            return a.de_adj if de else a.en_adj
        if slot == "Badj":
            return b.de_adj if de else b.en_adj
        if slot == "CAP":
            return a.capital_de if de else a.capital
        if slot == "P":
            if de:
                return f"der {a.de_adj}e {_DE_ROLE[person.role]} {person.name_de}"
            return f"{a.en_adj} {_EN_ROLE[person.role]} {person.name_en}"
        if slot == "PS":
            return person.surname
        if slot == "O":
            return str(self.cast["O"])
        if slot == "N":
            return str(self.rng.choice([2, 3, 5, 12, 17, 24, 40, 85, 120, 300, 1500]))
        if slot == "DAY":
            return self.rng.choice(DE_DAYS if de else EN_DAYS)
        raise KeyError(slot)

    def fill(self, template: str) -> str:
        text = _SLOT.sub(lambda m: self._value(m.group(1)), template)
        return text[0].upper() + text[1:]

    def sentence(self, diplomatic: bool) -> str:
        de = self.language == "de"
        roll = self.rng.random()
        if diplomatic and roll < 0.55:
            return self.fill(self.rng.choice(DE_EVENTS if de else EN_EVENTS))
        if diplomatic and roll < 0.7:
            return self.fill(self.rng.choice(DE_QUOTES if de else EN_QUOTES))
        return self.fill(self.rng.choice(DE_FILLER if de else EN_FILLER))

    def paragraph(self, diplomatic: bool) -> str:
        return " ".join(self.sentence(diplomatic) for _ in range(self.rng.randint(2, 5)))

    def title(self, diplomatic: bool) -> str:
        de = self.language == "de"
        if diplomatic:
            return self.fill(self.rng.choice(DE_TITLES if de else EN_TITLES))
        return self.rng.choice(DE_FILLER_TITLES if de else EN_FILLER_TITLES)

    def body(self, words: int, diplomatic: bool) -> str:
        """Paragraphs until ``words`` is reached; a dateline opens diplomatic articles."""
        a: State = self.cast["A"]  # type: ignore[assignment]
        paragraphs: list[str] = []
        count = 0
        while count < words:
            paragraph = self.paragraph(diplomatic)
            if not paragraphs and diplomatic:
                paragraph = f"{a.capital_de if self.language == 'de' else a.capital} – {paragraph}"
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return "\n\n".join(paragraphs)


def _length(rng: random.Random) -> int:
    """Mixed lengths 100–1,500 words, most of them short-to-medium like a news feed."""
    return int(min(1500, max(100, rng.lognormvariate(5.9, 0.6))))


def make_corpus(
    count: int = 2000, seed: int = DEFAULT_SEED, actors: Actors | None = None
) -> list[dict[str, Any]]:
    """``count`` JSONL-ready records {id, text, title, published_at, language}; 60 % diplomatic."""
    rng = random.Random(seed)
    cast = actors or load_actors()
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    records: list[dict[str, Any]] = []
    for number in range(count):
        language = "de" if rng.random() < 0.5 else "en"
        diplomatic = rng.random() < 0.6
        composer = Composer(rng, cast, language)
        published = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 180))
        records.append(
            {
                "id": f"bench-{seed}-{number:05d}",
                "title": composer.title(diplomatic),
                "text": composer.body(_length(rng), diplomatic),
                "published_at": published.isoformat(),
                "language": language,
            }
        )
    return records


def make_article(
    words: int, language: str = "en", seed: int = DEFAULT_SEED, actors: Actors | None = None
) -> dict[str, Any]:
    """One diplomatic article of exactly ``words`` whitespace-separated words (for the scaling test)."""
    rng = random.Random(seed * 31 + words)
    composer = Composer(rng, actors or load_actors(), language)
    body = composer.body(words, diplomatic=True)
    kept: list[str] = []
    remaining = words
    for paragraph in body.split("\n\n"):
        tokens = paragraph.split()
        if len(tokens) >= remaining:
            cut = " ".join(tokens[:remaining])
            kept.append(cut if cut.endswith((".", "“", "“.")) else cut.rstrip(",;:") + ".")
            break
        kept.append(paragraph)
        remaining -= len(tokens)
    text = "\n\n".join(kept)
    return {
        "id": f"bench-len-{language}-{words}",
        "title": composer.title(True),
        "text": text,
        "published_at": "2025-03-01T09:00:00+00:00",
        "language": language,
    }


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    records = make_corpus(args.count, args.seed)
    write_jsonl(records, args.out)
    words = [len(r["text"].split()) for r in records]
    print(
        f"{len(records)} articles, {sum(words)} words (min {min(words)}, max {max(words)}, "
        f"mean {sum(words) / len(words):.0f}) → {args.out}"
    )


if __name__ == "__main__":
    main()
