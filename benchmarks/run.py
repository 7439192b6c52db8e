"""Runs every benchmark and prints the headline figures as a table and as JSON.

Usage::

    python benchmarks/run.py [--quick] [--json FILE] [--pages DIR] [--e2e] [--watcher]

``--quick`` (smaller corpus, fewer pages, shorter e2e run) finishes in under five minutes.
``--pages`` defaults to ../shared/bench/page-text next to the repository when that exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract_throughput

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

HEADLINE = (
    "extract_articles_per_s",
    "extract_peak_mb",
    "page_text_pages_per_s",
    "page_text_f1",
    "e2e_articles_per_s",
    "e2e_p50_s",
    "e2e_p95_s",
    "e2e_p99_s",
    "watcher_cycle_cpu_s",
    "watcher_peak_mb",
)


def machine() -> dict[str, Any]:
    """Facts that make figures comparable between runs."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _page_text(pages: Path | None, quick: bool, notes: list[str]) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "page_text_pages_per_s": None,
        "page_text_f1": None,
        "trafilatura_pages_per_s": None,
        "trafilatura_f1": None,
    }
    if pages is None or not (pages / "evaldata.json").exists():
        notes.append(f"page_text: skipped, no page set at {pages} (give --pages DIR)")
        return empty
    module = importlib.import_module("page_text")
    runner = getattr(module, "run", None)
    if runner is None:
        notes.append("page_text: benchmarks/page_text.py has no run(pages_dir, limit) yet")
        return empty
    figures: dict[str, Any] = runner(pages, 100 if quick else None)
    return {**empty, **{k: figures.get(k) for k in empty}}


def _e2e(enabled: bool, quick: bool, notes: list[str]) -> dict[str, Any]:
    empty: dict[str, Any] = {key: None for key in HEADLINE if key.startswith("e2e_")}
    if not enabled:
        notes.append("e2e: not run (needs the local stack; pass --e2e, see benchmarks/README.md)")
        return empty
    if not (HERE / "e2e.py").exists():
        notes.append("e2e: benchmarks/e2e.py does not exist yet")
        return empty
    module = importlib.import_module("e2e")
    figures: dict[str, Any] = module.run(quick=quick)
    if figures.get("note"):
        notes.append(f"e2e: {figures['note']}")
    return {**empty, **{k: figures.get(k) for k in empty}, "e2e_detail": figures}


def _watcher(enabled: bool, quick: bool, notes: list[str]) -> dict[str, Any]:
    empty: dict[str, Any] = {"watcher_cycle_cpu_s": None, "watcher_peak_mb": None}
    if not enabled:
        notes.append("watcher: not run (1,000 local feeds, about 2 minutes; pass --watcher)")
        return empty
    module = importlib.import_module("watcher_scale")
    figures: dict[str, Any] = module.run(cycles=3 if quick else 5)
    print(module.render(figures), flush=True)
    return {**{k: figures.get(k) for k in empty}, "watcher_detail": figures}


def render(figures: dict[str, Any]) -> str:
    width = max(len(k) for k in HEADLINE)
    lines = [f"{'figure':<{width}}  value", "-" * (width + 14)]
    for key in HEADLINE:
        value = figures.get(key)
        lines.append(f"{key:<{width}}  {'n/a' if value is None else value}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpus and page set (< 5 min)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    default_pages = REPO.parent / "shared" / "bench" / "page-text"
    parser.add_argument("--pages", type=Path, default=default_pages if default_pages.exists() else None)
    parser.add_argument("--e2e", action="store_true", help="also run the end-to-end benchmark (local stack)")
    parser.add_argument("--watcher", action="store_true", help="also run the 1,000-feed watcher benchmark")
    args = parser.parse_args()

    notes: list[str] = []
    extraction = extract_throughput.run(500 if args.quick else 2000, quick=args.quick)
    print(extract_throughput.render(extraction), flush=True)
    page_text = _page_text(args.pages, args.quick, notes)
    e2e = _e2e(args.e2e, args.quick, notes)
    watcher = _watcher(args.watcher, args.quick, notes)
    figures: dict[str, Any] = {
        "extract_articles_per_s": extraction["extract_articles_per_s"],
        "extract_peak_mb": extraction["extract_peak_mb"],
        **page_text,
        **{k: v for k, v in e2e.items() if k != "e2e_detail"},
        **{k: v for k, v in watcher.items() if k != "watcher_detail"},
        "quick": args.quick,
        "machine": machine(),
        "notes": notes,
        "detail": {
            "extract": extraction,
            **({"e2e": e2e["e2e_detail"]} if "e2e_detail" in e2e else {}),
            **({"watcher": watcher["watcher_detail"]} if "watcher_detail" in watcher else {}),
        },
    }
    print()
    print(render(figures))
    for note in notes:
        print(f"note: {note}")
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
