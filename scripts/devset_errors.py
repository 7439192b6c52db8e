"""Show gold and predicted events of dev-set articles side by side (developer aid for tuning)."""

from __future__ import annotations

import sys
from pathlib import Path

from dipwatch.core.coding.context import actor_key
from dipwatch.core.extract import extract_article
from dipwatch.evaluation import _match, load_records, predicted_events, to_input


def main(path: str, ids: list[str]) -> None:
    for record in load_records(Path(path)):
        if ids and record["id"] not in ids:
            continue
        result = extract_article(to_input(record))
        gold = {
            (e["event_type"], e["source"], e["target"]): e.get("sentence", "")
            for e in record["gold"]["events"]
        }
        tp, fp, fn = _match(predicted_events(result), set(gold))
        print(f"### {record['id']}  tp={len(tp)} fp={len(fp)} fn={len(fn)}")
        for key in sorted(fn):
            print("  MISS", key, "|", gold[key][:160])
        for event in result.events:
            key = (
                event.event_type,
                actor_key(event.source),
                actor_key(event.target) if event.target else None,
            )
            if key in fp:
                print("  SPUR", key, event.trigger, "|", event.sentence[:160])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
