"""Validate the annotated dev set (devset.jsonl) and print per-type counts.

The gold set is hand-written data; this script keeps its format honest so the eval
harness can trust it: unique ids, known event types/modalities, valid actor codes,
evidence sentences and names that really occur in the article text.

Usage: python tests/devset/check_devset.py [path/to/devset.jsonl] [--counts]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args

from dipwatch_schemas import EventType, Modality

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset.jsonl"

# the product's own vocabulary, so the gold set can never use a type or modality the models refuse
EVENT_TYPES = get_args(EventType)
MODALITIES = set(get_args(Modality))
ACTOR_KINDS = {"state", "organisation", "person", "group"}
ORG_CODES = {
    "EU",
    "NATO",
    "UN",
    "OSCE",
    "G7",
    "G20",
    "AU",
    "ASEAN",
    "IAEA",
    "WHO",
    "WTO",
    "IMF",
    "WB",
    "COE",
    "OPEC",
    "ARL",
    "GCC",
    "ECOWAS",
    "SCO",
    "BRICS",
    "CSTO",
    "ICC",
    "ICJ",
    "UNHCR",
    "UNRWA",
    "OPCW",
}
GROUP_CODES = {"HAMAS", "HEZBOLLAH", "TALIBAN", "HOUTHIS", "ISIS"}
TOP_KEYS = {"id", "language", "published_at", "url", "title", "text", "html", "gold"}
ID_RE = re.compile(r"^(de|en)-\d{3}$")
DATE_RE = re.compile(r"^(\d{4})-\d{2}-\d{2}$")


def iso3_codes() -> set[str]:
    """ISO 3166-1 alpha-3 list shipped next to the set (no runtime dependency)."""
    lines = (HERE / "iso3166_alpha3.txt").read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


class _TextOnly(HTMLParser):
    """Collects visible text, so sentences can be checked against HTML pages."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(rec: dict[str, Any]) -> str:
    if "text" in rec:
        raw = str(rec["text"])
    else:
        parser = _TextOnly()
        parser.feed(str(rec["html"]))
        raw = unescape(" ".join(parser.parts))
    return re.sub(r"\s+", " ", raw)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def check_record(rec: dict[str, Any], codes: set[str]) -> list[str]:
    """All format problems of one record, as readable strings."""
    rid = str(rec.get("id", "?"))
    errs: list[str] = []
    party_codes = codes | ORG_CODES | GROUP_CODES
    extra = set(rec) - TOP_KEYS
    if extra:
        errs.append(f"{rid}: unknown keys {sorted(extra)}")
    if not ID_RE.match(rid):
        errs.append(f"{rid}: bad id")
    if rec.get("language") not in ("de", "en") or not rid.startswith(str(rec.get("language"))):
        errs.append(f"{rid}: language does not match id")
    m = DATE_RE.match(str(rec.get("published_at", "")))
    if not m or not 2001 <= int(m.group(1)) <= 2026:
        errs.append(f"{rid}: published_at must be YYYY-MM-DD in 2001-2026")
    if not str(rec.get("url", "")).startswith("https://"):
        errs.append(f"{rid}: url must be https")
    if not str(rec.get("title", "")).strip():
        errs.append(f"{rid}: empty title")
    if ("text" in rec) == ("html" in rec):
        errs.append(f"{rid}: exactly one of text/html required")
        return errs
    body = visible_text(rec)
    words = len(body.split()) if "text" in rec else None
    if words is not None and not 120 <= words <= 500:
        errs.append(f"{rid}: text has {words} words")
    gold = rec.get("gold")
    if not isinstance(gold, dict) or set(gold) != {"is_diplomatic", "events", "actors", "places"}:
        errs.append(f"{rid}: gold must have is_diplomatic, events, actors, places")
        return errs
    if not isinstance(gold["is_diplomatic"], bool):
        errs.append(f"{rid}: is_diplomatic must be bool")
    seen: set[tuple[str, str, str]] = set()
    for ev in gold["events"]:
        key = (ev.get("event_type"), ev.get("source"), ev.get("target"))
        if ev.get("event_type") not in EVENT_TYPES:
            errs.append(f"{rid}: bad event_type {ev.get('event_type')}")
        for side in ("source", "target"):
            if ev.get(side) not in party_codes:
                errs.append(f"{rid}: bad {side} code {ev.get(side)}")
        if ev.get("source") == ev.get("target"):
            errs.append(f"{rid}: source == target in {key}")
        if ev.get("modality") not in MODALITIES:
            errs.append(f"{rid}: bad modality {ev.get('modality')}")
        if key in seen:
            errs.append(f"{rid}: duplicate event {key}")
        seen.add(key)
        if _norm(str(ev.get("sentence", ""))) not in body or not str(ev.get("sentence", "")).strip():
            errs.append(f"{rid}: evidence sentence not in text: {str(ev.get('sentence'))[:60]!r}")
    if gold["events"] and gold["is_diplomatic"] is False:
        errs.append(f"{rid}: non-diplomatic article with events")
    if gold["is_diplomatic"] and not gold["events"]:
        errs.append(f"{rid}: diplomatic article without events")
    for ac in gold["actors"]:
        if ac.get("kind") not in ACTOR_KINDS:
            errs.append(f"{rid}: bad actor kind {ac}")
        if ac.get("name", "") not in body:
            errs.append(f"{rid}: actor name not in text: {ac.get('name')!r}")
        if ac.get("country") is not None and ac["country"] not in codes:
            errs.append(f"{rid}: bad actor country {ac['country']}")
        if ac.get("code") is not None and ac["code"] not in party_codes:
            errs.append(f"{rid}: bad actor code {ac['code']}")
        if ac.get("kind") == "state" and ac.get("country") is None:
            errs.append(f"{rid}: state actor without country: {ac.get('name')}")
        if ac.get("kind") == "group" and ac.get("code") not in GROUP_CODES:
            errs.append(f"{rid}: group actor needs a group code: {ac.get('name')}")
    for pl in gold["places"]:
        if str(pl.get("name", "")).casefold() not in body.casefold():  # datelines are upper-case
            errs.append(f"{rid}: place not in text: {pl.get('name')!r}")
        if pl.get("country") not in codes:
            errs.append(f"{rid}: bad place country {pl.get('country')}")
    return errs


def load(path: Path = DEVSET) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check_all(records: list[dict[str, Any]]) -> list[str]:
    codes = iso3_codes()
    errs: list[str] = []
    ids = Counter(str(r.get("id")) for r in records)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for rec in records:
        errs += check_record(rec, codes)
    return errs


def counts(records: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    """Gold events per type, per language; plus article-level tallies."""
    out: dict[str, Counter[str]] = {"de": Counter(), "en": Counter(), "articles": Counter()}
    for rec in records:
        lang = str(rec["language"])
        for ev in rec["gold"]["events"]:
            out[lang][ev["event_type"]] += 1
        out["articles"][f"{lang}_total"] += 1
        out["articles"][f"{lang}_{'dip' if rec['gold']['is_diplomatic'] else 'nondip'}"] += 1
        out["articles"][f"{lang}_{'html' if 'html' in rec else 'text'}"] += 1
    return out


def counts_table(records: list[dict[str, Any]]) -> str:
    c = counts(records)
    rows = ["| type | de | en |", "|---|---|---|"]
    rows += [f"| {t} | {c['de'][t]} | {c['en'][t]} |" for t in EVENT_TYPES]
    rows.append(f"| **all events** | {sum(c['de'].values())} | {sum(c['en'].values())} |")
    a = c["articles"]
    for label in ("total", "dip", "nondip", "html", "text"):
        rows.append(f"| articles: {label} | {a['de_' + label]} | {a['en_' + label]} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    records = load(Path(args[0]) if args else DEVSET)
    errs = check_all(records)
    for e in errs:
        print(e)
    print(counts_table(records))
    print(f"{len(records)} articles, {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
