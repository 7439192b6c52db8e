"""Validate the actor dictionaries: the recogniser trusts these files blindly, so errors must fail here."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

import dipwatch

ACTORS_DIR = Path(dipwatch.__file__).resolve().parent / "data" / "actors"


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# 193 UN member states (ISO 3166-1 alpha-3) + observers PSE, VAT + Kosovo (XKX) + Taiwan (TWN).
EXPECTED_STATES = _codes(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
    DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
    HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
    LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
    NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
    SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
    ZWE PSE VAT XKX TWN
    """
)
OFFICE_ROLES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "spokesperson",
        "deputy_foreign_minister",
        "defence_minister",
        "secretary_general",
        "president",
        "high_representative",
        "director_general",
        "chair",
    }
)
RECOGNITION_ROLES = OFFICE_ROLES | {"ambassador", "diplomat", "envoy", "minister", "official"}
SINGLE_SEAT_ROLES = frozenset(
    {"head_of_government", "foreign_minister", "secretary_general", "high_representative"}
)
ORG_KINDS = frozenset({"organisation", "group"})
# G20 states plus the countries the brief requires full office coverage for.
REQUIRED_COVERAGE = _codes(
    "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA UKR BLR IRN ISR PSE SYR "
    "PRK AFG POL DNK NOR SWE FIN ISL EST LVA LTU"
)


def _load(name: str) -> dict[str, Any]:
    with (ACTORS_DIR / name).open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_LOADER)  # safe loader, C version when built
    assert isinstance(data, dict), name
    assert isinstance(data.get("source"), str) and data["source"].strip(), f"{name}: missing source"
    return data


@pytest.fixture(scope="module")
def countries() -> list[dict[str, Any]]:
    return list(_load("countries.yaml")["countries"])


@pytest.fixture(scope="module")
def organisations() -> list[dict[str, Any]]:
    return list(_load("organisations.yaml")["organisations"])


@pytest.fixture(scope="module")
def persons() -> list[dict[str, Any]]:
    return list(_load("office_holders.yaml")["persons"])


@pytest.fixture(scope="module")
def roles() -> dict[str, Any]:
    return _load("roles.yaml")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() == x and x for x in value)


def test_country_set_is_every_sovereign_state(countries: list[dict[str, Any]]) -> None:
    codes = [c["code"] for c in countries]
    assert len(codes) == len(set(codes)), [c for c, n in Counter(codes).items() if n > 1]
    assert set(codes) == EXPECTED_STATES, set(codes) ^ EXPECTED_STATES


def test_country_entries_are_complete(countries: list[dict[str, Any]]) -> None:
    for c in countries:
        en, de = c["en"], c["de"]
        assert set(en) == {"names", "adjectives", "demonyms", "metonyms"}, c["code"]
        assert set(de) == {"names", "adjective_stems", "demonyms", "metonyms", "compound_prefixes"}, c["code"]
        for block in (en, de):
            for key, value in block.items():
                assert _strings(value), (c["code"], key, value)
        assert en["names"] and de["names"], c["code"]
        # stems are uninflected (engine adds endings): "russisch", "deutsch", "US-amerikanisch"
        for stem in de["adjective_stems"]:
            assert stem.endswith(("sch", "lich")), (c["code"], stem)
        assert _strings(c.get("ambiguous", [])), c["code"]


def test_country_names_do_not_collide(countries: list[dict[str, Any]]) -> None:
    """A name mapped to two states would make recognition arbitrary."""
    owner: dict[tuple[str, str], set[str]] = {}
    for c in countries:
        for lang in ("en", "de"):
            for name in c[lang]["names"] + c[lang]["metonyms"]:
                owner.setdefault((lang, name.lower()), set()).add(c["code"])
    clashes = {k: v for k, v in owner.items() if len(v) > 1}
    assert not clashes, clashes


def test_key_forms_present(countries: list[dict[str, Any]]) -> None:
    by_code = {c["code"]: c for c in countries}
    assert "USA" in by_code["USA"]["de"]["names"] and "U.S." in by_code["USA"]["en"]["adjectives"]
    assert "Weißrussland" in by_code["BLR"]["de"]["names"]
    assert "Elfenbeinküste" in by_code["CIV"]["de"]["names"]
    assert "Kreml" in by_code["RUS"]["de"]["metonyms"]
    assert "saudi-arabisch" in by_code["SAU"]["de"]["adjective_stems"]
    assert "Turkey" in by_code["TUR"]["ambiguous"]


def test_organisations(organisations: list[dict[str, Any]]) -> None:
    codes = [o["code"] for o in organisations]
    assert len(codes) == len(set(codes))
    for required in (
        "EU",
        "NATO",
        "UN",
        "OSCE",
        "IAEA",
        "IMF",
        "WB",
        "COE",
        "ARL",
        "ICC",
        "ICJ",
        "HAMAS",
        "ISIS",
    ):
        assert required in codes, required
    forms: dict[tuple[str, str], str] = {}
    for o in organisations:
        assert re.fullmatch(r"[A-Z0-9]{2,16}", o["code"]), o["code"]
        assert o["kind"] in ORG_KINDS, o
        assert o["country"] is None or o["country"] in EXPECTED_STATES, o
        assert _strings(o["en"]) and o["en"] and _strings(o["de"]) and o["de"], o["code"]
        for lang in ("en", "de"):
            for form in o[lang]:
                prev = forms.setdefault((lang, form), o["code"])
                assert prev == o["code"], (form, prev, o["code"])


def _as_date(value: Any, where: str) -> dt.date:
    assert isinstance(value, dt.date) and not isinstance(value, dt.datetime), (where, value)
    return value


def test_persons(persons: list[dict[str, Any]], organisations: list[dict[str, Any]]) -> None:
    org_codes = {o["code"] for o in organisations}
    ids = [p["id"] for p in persons]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert len(persons) >= 300
    for p in persons:
        pid = p["id"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid), pid
        assert set(p["name"]) == {"en", "de"}, pid
        assert _strings(p["variants"]) and p["name"]["en"] in p["variants"], pid
        assert _strings(p["surnames"]), pid
        assert p.get("famous", False) in (True, False), pid
        assert p["offices"], pid
        for o in p["offices"]:
            assert o["role"] in OFFICE_ROLES, (pid, o)
            assert ("country" in o) != ("org" in o), (pid, o)
            if "country" in o:
                assert o["country"] in EXPECTED_STATES, (pid, o)
            else:
                assert o["org"] in org_codes, (pid, o)
            start = _as_date(o["start"], pid)
            if o["end"] is not None:
                assert start <= _as_date(o["end"], pid), (pid, o)


def test_shared_surnames_belong_to_no_famous_person(persons: list[dict[str, Any]]) -> None:
    """A surname alone names a person only after the full name, or a famous person without it: a
    shared surname (Kim, Li, Clinton) may have at most one famous owner (bare "Kim" is Kim Jong Un)."""
    owner: dict[str, set[str]] = {}
    famous = {p["id"] for p in persons if p.get("famous")}
    for p in persons:
        for s in p["surnames"]:
            owner.setdefault(s.lower(), set()).add(p["id"])
    shared = {s: ids for s, ids in owner.items() if len(ids) > 1}
    assert {"kim", "li", "clinton"} <= set(shared)
    assert not {s: ids & famous for s, ids in shared.items() if len(ids & famous) > 1}


def test_no_overlapping_terms_for_one_office(persons: list[dict[str, Any]]) -> None:
    """Two holders of one single-seat office at once point to a wrong date (spokespeople can overlap)."""
    seats: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {}
    for p in persons:
        for o in p["offices"]:
            if o["role"] in SINGLE_SEAT_ROLES:
                key = (o["role"], o.get("country") or o["org"])
                end = o["end"] or dt.date(2100, 1, 1)
                seats.setdefault(key, []).append((o["start"], end, p["id"]))
    bad = []
    for key, terms in seats.items():
        terms.sort()
        for (_s1, e1, a), (s2, _e2, b) in itertools.pairwise(terms):
            if s2 < e1 and a != b:
                bad.append((key, a, b))
    assert not bad, bad


def test_required_coverage(persons: list[dict[str, Any]]) -> None:
    held: set[tuple[str, str]] = set()
    current: set[tuple[str, str]] = set()
    for p in persons:
        for o in p["offices"]:
            if "country" in o:
                held.add((o["country"], o["role"]))
                if o["end"] is None:
                    current.add((o["country"], o["role"]))
            else:
                held.add((o["org"], o["role"]))
    for code in REQUIRED_COVERAGE:
        assert (code, "head_of_state") in held, code
        assert (code, "foreign_minister") in held, code
        assert (code, "head_of_state") in current, code
    for org, role in (
        ("UN", "secretary_general"),
        ("NATO", "secretary_general"),
        ("EU", "president"),
        ("EU", "high_representative"),
        ("AU", "chair"),
        ("IAEA", "director_general"),
    ):
        assert (org, role) in held, (org, role)
    names = {v for p in persons for v in p["variants"]}
    for must in (
        "Wladimir Putin",
        "Wolodymyr Selenskyj",
        "Dmitri Peskow",
        "Sergej Lawrow",
        "Benjamin Netanjahu",
    ):
        assert must in names, must


def test_roles(roles: dict[str, Any], organisations: list[dict[str, Any]]) -> None:
    org_codes = {o["code"] for o in organisations}
    seen = {r["role"] for r in roles["roles"]}
    assert seen <= RECOGNITION_ROLES and seen >= OFFICE_ROLES, seen ^ RECOGNITION_ROLES
    for lang in ("en", "de"):
        forms = [f for r in roles["roles"] for f in r[lang]]
        assert _strings(forms)
        assert len(forms) == len(set(forms)), [f for f, n in Counter(forms).items() if n > 1]
    pairs = [(b["form"], b["lang"]) for b in roles["country_bound"]]
    assert len(pairs) == len(set(pairs))
    for b in roles["country_bound"]:
        assert b["lang"] in {"en", "de"} and b["role"] in RECOGNITION_ROLES, b
        assert "country" in b or "org" in b, b
        assert b.get("country") is None or b["country"] in EXPECTED_STATES, b
        assert b.get("org") is None or b["org"] in org_codes, b
    kreml = {"form": "Kremlsprecher", "lang": "de", "role": "spokesperson", "country": "RUS"}
    assert kreml in roles["country_bound"]


# --- b5ap: office holders of the fifth dev batch's regions -------------------------------------------


@pytest.mark.parametrize(
    ("code", "role", "day", "holder"),
    [
        ("KEN", "head_of_state", dt.date(2022, 9, 25), "william-ruto"),
        ("RWA", "head_of_state", dt.date(2012, 11, 20), "paul-kagame"),
        ("TWN", "head_of_state", dt.date(2022, 8, 2), "tsai-ing-wen"),
        ("ECU", "head_of_state", dt.date(2008, 3, 2), "rafael-correa"),
        ("KGZ", "head_of_state", dt.date(2022, 9, 16), "sadyr-japarov"),
        ("TJK", "head_of_state", dt.date(2022, 9, 16), "emomali-rahmon"),
        ("UZB", "head_of_state", dt.date(2005, 7, 30), "islam-karimov"),
        ("BGD", "head_of_government", dt.date(2024, 12, 9), "muhammad-yunus"),
        ("BGD", "foreign_minister", dt.date(2024, 12, 9), "touhid-hossain"),
        ("FJI", "head_of_government", dt.date(2007, 6, 14), "frank-bainimarama"),
        ("NZL", "head_of_government", dt.date(2007, 6, 14), "helen-clark"),
        ("GEO", "head_of_state", dt.date(2006, 9, 28), "mikheil-saakashvili"),
        ("SDN", "head_of_state", dt.date(2025, 3, 6), "abdel-fattah-al-burhan"),
        ("MDV", "head_of_state", dt.date(2024, 1, 8), "mohamed-muizzu"),
        ("MLI", "head_of_state", dt.date(2025, 4, 7), "assimi-goita"),
        ("KWT", "head_of_state", dt.date(2017, 6, 8), "sabah-al-ahmad"),
        ("AUT", "head_of_government", dt.date(2025, 5, 18), "christian-stocker"),
        ("CHE", "head_of_state", dt.date(2024, 6, 15), "viola-amherd"),
        ("CHE", "foreign_minister", dt.date(2024, 6, 15), "ignazio-cassis"),
    ],
)
def test_office_holders_of_more_regions(
    persons: list[dict[str, Any]], code: str, role: str, day: dt.date, holder: str
) -> None:
    """Heads of state and government and foreign ministers beyond the G20 (Central Asia, the Sahel, South
    Asia, the Pacific, East Africa, the Alps): the holder on the day is the one listed."""
    found = [
        p["id"]
        for p in persons
        for o in p["offices"]
        if o["role"] == role
        and o.get("country") == code
        and o["start"] <= day
        and (o["end"] is None or day <= o["end"])
    ]
    assert found == [holder], (code, role, day, found)


def test_swiss_presidents_rotate_yearly(persons: list[dict[str, Any]]) -> None:
    """The President of the Swiss Confederation changes every 1 January: one holder per year, no gaps."""
    years = sorted(
        o["start"].year
        for p in persons
        for o in p["offices"]
        if o.get("country") == "CHE" and o["role"] == "head_of_state"
    )
    assert years == list(range(years[0], years[-1] + 1)) and years[0] <= 2000 and years[-1] >= 2025
