"""The dev set must stay well-formed and keep the coverage the eval relies on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_devset as cd


def test_devset_has_no_format_problems() -> None:
    assert cd.check_all(cd.load()) == []


def test_heldout_set_has_no_format_problems() -> None:
    records = cd.load(cd.DEVSET.with_name("heldout.jsonl"))
    assert len(records) >= 30 and cd.check_all(records) == []
    assert not {r["id"] for r in records} & {r["id"] for r in cd.load()}, "held-out ids are new"


def test_devset_size_and_language_balance() -> None:
    records = cd.load()
    by_lang = {lang: [r for r in records if r["language"] == lang] for lang in ("de", "en")}
    assert len(by_lang["de"]) >= 45 and len(by_lang["en"]) >= 45
    nondip = [r for r in records if not r["gold"]["is_diplomatic"]]
    assert len(nondip) >= 25
    assert all(sum(1 for r in nondip if r["language"] == lang) >= 10 for lang in ("de", "en"))
    assert sum(1 for r in records if "html" in r) >= 10


def test_every_plover_type_occurs_three_times_per_language() -> None:
    c = cd.counts(cd.load())
    for lang in ("de", "en"):
        thin = {t: c[lang][t] for t in cd.EVENT_TYPES if c[lang][t] < 3}
        assert thin == {}, f"{lang}: types under 3 gold events: {thin}"


def test_checker_catches_broken_records() -> None:
    good = cd.load()[0]
    codes = cd.iso3_codes()
    bad = {
        **good,
        "gold": {
            **good["gold"],
            "events": [
                {
                    **good["gold"]["events"][0],
                    "event_type": "DEMAND",
                    "source": "XXX",
                    "sentence": "not in the text",
                }
            ],
        },
    }
    errs = cd.check_record(bad, codes)
    assert any("bad event_type" in e for e in errs)
    assert any("bad source code" in e for e in errs)
    assert any("evidence sentence" in e for e in errs)
    assert cd.check_all([good, good]) != []  # duplicate id
