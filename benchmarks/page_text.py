"""Page-to-text benchmark: dipwatch ``extract_page`` against trafilatura's default, one core, one run.

Usage::

    python benchmarks/page_text.py --pages /work/shared/bench/page-text [--limit N] [--json OUT]

or ``run(pages_dir, limit)`` from another script (benchmarks/run.py).

Scoring follows the data set's README: over all pages, a ``with`` snippet found in title + text is
a true positive, a missing one a false negative, a ``without`` snippet found a false positive.
Pages are read into memory first; dipwatch's time includes decoding the bytes (decode_body),
trafilatura gets the raw bytes and decodes them itself, as in its own evaluation. Besides wall
time, CPU time (``time.process_time``) per page is reported: on a shared machine it is the less
noisy figure, and the ratio of the two extractors within one run is the one to compare.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dipwatch.core.decoding import decode_body
from dipwatch.core.pagetext import extract_page


def _load(root: Path, limit: int | None) -> list[tuple[dict[str, Any], bytes]]:
    evaldata: dict[str, dict[str, Any]] = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    items = sorted(evaldata.items())
    if limit is not None:
        items = items[:limit]
    return [({**entry, "url": url}, (root / "pages" / entry["file"]).read_bytes()) for url, entry in items]


def _score(pages: list[tuple[dict[str, Any], bytes]], outputs: list[str]) -> dict[str, float | int]:
    tp = fn = fp = 0
    for (entry, _), out in zip(pages, outputs, strict=True):
        for snippet in entry["with"]:
            if snippet in out:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for snippet in entry["without"] if snippet in out)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fn": fn,
        "fp": fp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _title_accuracy(pages: list[tuple[dict[str, Any], bytes]], titles: list[str | None]) -> float:
    """Share of pages with a gold title whose extracted title equals it (case and punctuation aside)."""

    def norm(text: str | None) -> str:
        return " ".join(re.sub(r"\W+", " ", (text or "").lower()).split())

    scored = [
        (entry["title"], title) for (entry, _), title in zip(pages, titles, strict=True) if entry.get("title")
    ]
    return round(sum(norm(gold) == norm(found) for gold, found in scored) / max(len(scored), 1), 3)


def _date_accuracy(pages: list[tuple[dict[str, Any], bytes]], dates: list[str | None]) -> float:
    """Share of pages with a gold date whose extracted publication day equals it."""
    scored = [
        (entry["date"][:10], date) for (entry, _), date in zip(pages, dates, strict=True) if entry.get("date")
    ]
    return round(sum(gold == (date or "")[:10] for gold, date in scored) / max(len(scored), 1), 3)


def _timed(
    pages: list[tuple[dict[str, Any], bytes]], fn: Callable[[bytes], str]
) -> tuple[list[str], float, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    outputs = [fn(body) for _, body in pages]
    return outputs, time.perf_counter() - start, time.process_time() - cpu_start


def run(pages_dir: Path | str, limit: int | None = None) -> dict[str, Any]:
    """Score and time dipwatch and trafilatura on the pages; flat keys for the benchmark runner."""
    import trafilatura  # imported (and warmed up) before timing: import cost is not per page

    trafilatura.extract("<html><body><p>warm-up</p></body></html>")
    extract_page("<html><body><p>warm-up</p></body></html>")
    pages = _load(Path(pages_dir), limit)

    methods: collections.Counter[str] = collections.Counter()

    urls = {id(body): entry["url"] for entry, body in pages}
    titles: list[str | None] = []
    dates: list[str | None] = []

    def dipwatch(body: bytes) -> str:
        page = extract_page(decode_body(body), urls[id(body)])
        methods[page.method] += 1
        titles.append(page.title)
        dates.append(page.published)
        return f"{page.title or ''}\n{page.text}"

    def trafilatura_default(body: bytes) -> str:
        return trafilatura.extract(body) or ""

    results: dict[str, Any] = {"pages": len(pages)}
    for name, fn in (("dipwatch", dipwatch), ("trafilatura", trafilatura_default)):
        outputs, seconds, cpu = _timed(pages, fn)
        results[name] = {
            "pages_per_s": round(len(pages) / seconds, 1),
            "seconds": round(seconds, 2),
            "cpu_ms_per_page": round(1000 * cpu / max(len(pages), 1), 2),
            "pages_per_cpu_s": round(len(pages) / cpu, 1) if cpu else 0.0,
            **_score(pages, outputs),
        }
    results["dipwatch"]["paths"] = dict(methods)
    results["dipwatch"]["title_exact"] = _title_accuracy(pages, titles)
    results["dipwatch"]["date_exact"] = _date_accuracy(pages, dates)
    d, t = results["dipwatch"], results["trafilatura"]
    results.update(
        page_text_pages_per_s=d["pages_per_s"],
        page_text_pages_per_cpu_s=d["pages_per_cpu_s"],
        page_text_f1=d["f1"],
        trafilatura_pages_per_s=t["pages_per_s"],
        trafilatura_pages_per_cpu_s=t["pages_per_cpu_s"],
        trafilatura_f1=t["f1"],
        page_text_speedup_cpu=round(t["cpu_ms_per_page"] / max(d["cpu_ms_per_page"], 0.01), 2),
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=Path, required=True, help="folder with evaldata.json and pages/")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by URL)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)

    results = run(args.pages, args.limit)
    header = f"{'method':<12} {'pages/s':>8} {'CPU ms/page':>11} {'precision':>9} {'recall':>7} {'F1':>7}"
    print(header)
    for name in ("dipwatch", "trafilatura"):
        r = results[name]
        print(
            f"{name:<12} {r['pages_per_s']:>8} {r['cpu_ms_per_page']:>11} {r['precision']:>9.3f} "
            f"{r['recall']:>7.3f} {r['f1']:>7.3f}"
        )
    paths = results["dipwatch"]["paths"]
    print("dipwatch paths:", ", ".join(f"{k}={v}" for k, v in sorted(paths.items())))
    print("dipwatch title = gold title:", results["dipwatch"]["title_exact"])
    print("dipwatch date = gold date:", results["dipwatch"]["date_exact"])
    print(json.dumps(results, indent=2))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
