"""Counts of event errors by kind on an annotated file, without showing a sentence.

Where do the misses and false alarms come from: no trigger in the gold sentence (vocabulary), the right
type with the wrong pair (roles), the right pair with another type (type choice), or events coded in
sentences that hold no gold event (precision)? Only counts are printed, so the held-out set can be
diagnosed without being read (tests/devset/README.md).

    .venv/bin/python scripts/error_kinds.py tests/devset/heldout.jsonl
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from dipwatch.core.coding.context import actor_key
from dipwatch.core.coding.triggers import find_triggers
from dipwatch.core.eventlex import event_lexicon
from dipwatch.core.extract import extract_article
from dipwatch.core.text import tokenize
from dipwatch.evaluation import _match, load_records, predicted_events, to_input

Predicted = tuple[str, str | None, str | None, str]


def _same_sentence(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    return a[:60] == b[:60] or a in b or b in a


def _miss_kind(gold: dict[str, Any], predicted: list[Predicted], language: str) -> str:
    key = (gold["event_type"], gold["source"], gold["target"])
    pair = frozenset(key[1:])
    here = [p for p in predicted if _same_sentence(p[3], gold["sentence"])]
    if any(frozenset(p[1:3]) == pair for p in here):
        return "in its sentence: right pair, other type"
    if any(p[0] == key[0] for p in here):
        return "in its sentence: right type, wrong pair"
    if here:
        return "in its sentence: other events"
    if any(p[0] == key[0] and (p[1] == key[1] or p[2] == key[2]) for p in predicted):
        return "right type and one side, elsewhere"
    types = {m.trigger.event_type for m in find_triggers(tokenize(gold["sentence"]), event_lexicon(language))}
    if not types:
        return "nothing in its sentence: no trigger"
    return "nothing in its sentence: " + (
        "its type triggered" if key[0] in types else "another type triggered"
    )


def _false_alarm_kind(
    key: tuple[str, str, str], predicted: list[Predicted], gold: list[dict[str, Any]]
) -> str:
    sentence = next((p[3] for p in predicted if p[:3] == key or (p[0], p[2], p[1]) == key), "")
    here = [g for g in gold if _same_sentence(sentence, g["sentence"])]
    if not here:
        return "in a sentence without gold event"
    if any(g["event_type"] == key[0] for g in here):
        return "in a gold sentence: right type, wrong pair"
    if any({g["source"], g["target"]} == {key[1], key[2]} for g in here):
        return "in a gold sentence: right pair, wrong type"
    return "in a gold sentence: other"


def main(path: Path) -> None:
    missed: Counter[tuple[str, str]] = Counter()
    spurious: Counter[tuple[str, str]] = Counter()
    for record in load_records(path):
        result = extract_article(to_input(record))
        language = record["language"]
        gold = record["gold"].get("events", [])
        keys = {(e["event_type"], e["source"], e["target"]) for e in gold}
        _, false_alarms, misses = _match(predicted_events(result), keys)
        predicted: list[Predicted] = [
            (str(e.event_type), actor_key(e.source), actor_key(e.target) if e.target else None, e.sentence)
            for e in result.events
        ]
        for key in misses:
            event = next(e for e in gold if (e["event_type"], e["source"], e["target"]) == key)
            missed[(language, _miss_kind(event, predicted, language))] += 1
        for key in false_alarms:
            spurious[(language, _false_alarm_kind(key, predicted, gold))] += 1
    for title, counts in (("missed", missed), ("false alarms", spurious)):
        print(f"{title}: {sum(counts.values())}")
        for (language, kind), count in sorted(counts.items()):
            print(f"  {language}  {kind}: {count}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/devset/devset.jsonl"))
