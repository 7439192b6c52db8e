"""Extraction-core benchmark on one core: articles/s, peak memory, CLI start-up, time vs length.

Targets (from the issue): >= 500 articles/s on one core, < 300 MB peak, start-up < 2 s, time
linear in article length. Every workload runs in a fresh subprocess pinned to one CPU, so its
peak RSS (getrusage maxrss) is the workload's own and not the harness's.

Usage::

    python benchmarks/extract_throughput.py [--count 2000] [--quick] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_article, make_corpus, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"articles_per_s": 500.0, "peak_mb": 300.0, "startup_s": 2.0}
LENGTHS = (100, 1000, 10000)


def pin_core() -> int | None:
    """Pin this process to one CPU (the first allowed); None where affinity is not supported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def _maxrss_mb(rusage: resource.struct_rusage) -> float:
    # Linux reports kilobytes, macOS bytes.
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return round(rusage.ru_maxrss * scale, 1)


# --- workers (run in a fresh subprocess) ----------------------------------------------------------


def _worker_corpus(path: Path) -> dict[str, Any]:
    """Parse the JSONL, then extract every article; the first article (data loading) is timed apart."""
    import_start = time.perf_counter()
    from dipwatch.core.extract import extract_article
    from dipwatch_schemas import ArticleInput

    import_s = time.perf_counter() - import_start
    lines = [line for line in path.read_bytes().splitlines() if line.strip()]
    articles = [ArticleInput.model_validate_json(line) for line in lines]
    first_start = time.perf_counter()
    extract_article(articles[0])
    first_s = time.perf_counter() - first_start
    words = sum(len((a.text or "").split()) for a in articles)
    start = time.perf_counter()
    diplomatic = events = 0
    for article in articles:
        result = extract_article(article)
        diplomatic += result.is_diplomatic
        events += len(result.events)
    elapsed = time.perf_counter() - start
    return {
        "articles": len(articles),
        "words": words,
        "seconds": elapsed,
        "import_s": import_s,
        "first_article_s": first_s,
        "diplomatic": diplomatic,
        "events": events,
        "maxrss_mb": _maxrss_mb(resource.getrusage(resource.RUSAGE_SELF)),
    }


def _worker_lengths(quick: bool) -> dict[str, Any]:
    """Median time per article of exactly N words, per language, after a warm-up run."""
    from dipwatch.core.extract import extract_article
    from dipwatch_schemas import ArticleInput

    out: dict[str, Any] = {}
    budget = 1.0 if quick else 3.0  # seconds of repetitions per (language, length)
    for language in ("en", "de"):
        for words in LENGTHS:
            article = ArticleInput.model_validate(make_article(words, language))
            extract_article(article)
            samples: list[float] = []
            spent = 0.0
            while (spent < budget and len(samples) < 200) or len(samples) < 3:
                start = time.perf_counter()
                extract_article(article)
                samples.append(time.perf_counter() - start)
                spent += samples[-1]
            ms = statistics.median(samples) * 1000
            out[f"{language}_{words}"] = {
                "words": words,
                "language": language,
                "ms": round(ms, 2),
                "ms_per_1000_words": round(ms * 1000 / words, 2),
                "runs": len(samples),
            }
    return out


# --- harness --------------------------------------------------------------------------------------


def _run_worker(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _dipwatch_exe() -> str:
    candidate = Path(sys.executable).parent / "dipwatch"
    return str(candidate) if candidate.exists() else "dipwatch"


def _timed_cli(args: list[str], core: int | None, env: dict[str, str] | None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit code of one pinned `dipwatch` subprocess (via wait4)."""

    def pin() -> None:
        if core is not None:
            os.sched_setaffinity(0, {core})

    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [_dipwatch_exe(), *args], stdout=subprocess.DEVNULL, stderr=errors, preexec_fn=pin, env=env
        )
        _, status, rusage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"dipwatch {' '.join(args)} failed: {message}")
    return wall, _maxrss_mb(rusage), proc.returncode


def _compiled_env() -> tuple[dict[str, str] | None, str]:
    """The environment that runs the mypyc-compiled core (``scripts/build_native.py``, cached by
    source hash), or None with the reason when it cannot be built here."""
    built = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_native.py")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if built.returncode != 0:
        return None, f"compiled build failed, pure Python measured: {built.stderr.strip()[-300:]}"
    return {**os.environ, "PYTHONPATH": built.stdout.strip().splitlines()[-1]}, "mypyc"


def run(
    count: int = 2000, quick: bool = False, workdir: Path | None = None, compiled: bool = True
) -> dict[str, Any]:
    """All extraction figures as one dict (see README for the keys); only the subprocesses are pinned.

    With ``compiled`` (the default) the headline figures are those of the mypyc-compiled core the
    container image ships; the pure-Python rate of the development install is reported beside them.
    """
    core = min(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    tmp = Path(workdir or tempfile.mkdtemp(prefix="dipwatch-bench-"))
    corpus_path = write_jsonl(make_corpus(count), tmp / "corpus.jsonl")
    one_path = write_jsonl(make_corpus(1)[:1], tmp / "one.jsonl")
    env, build = _compiled_env() if compiled else (None, "python")

    python = _run_worker(["--worker", "corpus", str(corpus_path)])
    inproc = _run_worker(["--worker", "corpus", str(corpus_path)], env) if env else python
    cli_args = ["extract", "--jsonl", str(corpus_path), "-o", str(tmp / "out.jsonl")]
    cli_wall, cli_peak, _ = _timed_cli(cli_args, core, env)
    with (tmp / "out.jsonl").open(encoding="utf-8") as handle:
        cli_lines = sum(1 for _ in handle)
    startups = [
        _timed_cli(["extract", "--jsonl", str(one_path), "-o", str(tmp / "one.out.jsonl")], core, env)[0]
        for _ in range(5)
    ]
    lengths = _run_worker(["--worker", "lengths", *(["--quick"] if quick else [])], env)

    per_s = inproc["articles"] / inproc["seconds"]
    return {
        "core": core,
        "core_build": "mypyc" if env else "python",
        "core_build_note": build,
        "corpus_articles": inproc["articles"],
        "corpus_words": inproc["words"],
        "corpus_diplomatic": inproc["diplomatic"],
        "corpus_events": inproc["events"],
        "extract_articles_per_s": round(per_s, 1),
        "extract_words_per_s": round(inproc["words"] / inproc["seconds"]),
        "extract_articles_per_s_python": round(python["articles"] / python["seconds"], 1),
        "extract_peak_mb": inproc["maxrss_mb"],
        "extract_import_s": round(inproc["import_s"], 3),
        "extract_first_article_s": round(inproc["first_article_s"], 3),
        "cli_articles_per_s": round(cli_lines / cli_wall, 1),
        "cli_wall_s": round(cli_wall, 2),
        "cli_peak_mb": cli_peak,
        "cli_startup_s": round(statistics.median(startups), 3),
        "cli_startup_runs_s": [round(s, 3) for s in startups],
        "length_scaling": lengths,
        "targets": TARGETS,
    }


def render(result: dict[str, Any]) -> str:
    """A plain-text table of the figures against their targets."""

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISS"

    rows = [
        (
            "articles/s (in-process, 1 core, as shipped)",
            f"{result['extract_articles_per_s']:.1f}",
            f">= {TARGETS['articles_per_s']:.0f}",
            verdict(result["extract_articles_per_s"] >= TARGETS["articles_per_s"]),
        ),
        (
            "articles/s pure Python (development install)",
            f"{result['extract_articles_per_s_python']:.1f}",
            "",
            "",
        ),
        ("articles/s (CLI --jsonl, incl. start-up)", f"{result['cli_articles_per_s']:.1f}", "", ""),
        (
            "peak memory in-process (MB)",
            f"{result['extract_peak_mb']:.1f}",
            f"< {TARGETS['peak_mb']:.0f}",
            verdict(result["extract_peak_mb"] < TARGETS["peak_mb"]),
        ),
        (
            "peak memory CLI (MB)",
            f"{result['cli_peak_mb']:.1f}",
            f"< {TARGETS['peak_mb']:.0f}",
            verdict(result["cli_peak_mb"] < TARGETS["peak_mb"]),
        ),
        (
            "start-up `dipwatch extract` 1 line (s, median of 5)",
            f"{result['cli_startup_s']:.3f}",
            f"< {TARGETS['startup_s']:.0f}",
            verdict(result["cli_startup_s"] < TARGETS["startup_s"]),
        ),
        (
            "import + first article (s)",
            f"{result['extract_import_s'] + result['extract_first_article_s']:.3f}",
            "",
            "",
        ),
    ]
    for key, row in result["length_scaling"].items():
        rows.append(
            (
                f"time per article {key} words (ms | ms/1k words)",
                f"{row['ms']:.1f} | {row['ms_per_1000_words']:.1f}",
                "linear",
                "",
            )
        )
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  {'value':>16}  {'target':>8}  ", "-" * (width + 34)]
    lines += [f"{name:<{width}}  {value:>16}  {target:>8}  {flag}" for name, value, target, flag in rows]
    lines.append(
        f"corpus: {result['corpus_articles']} articles, {result['corpus_words']} words, "
        f"{result['corpus_diplomatic']} classed diplomatic, {result['corpus_events']} events; "
        f"core {result['core']}; extraction core: {result['core_build_note']}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=None, help="corpus size (default 2000, --quick 500)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--python", action="store_true", help="measure the pure-Python core only (no mypyc build)"
    )
    parser.add_argument("--worker", choices=["corpus", "lengths"], default=None, help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        pin_core()
        figures = _worker_corpus(args.path) if args.worker == "corpus" else _worker_lengths(args.quick)
        print(json.dumps(figures))
        return
    result = run(args.count or (500 if args.quick else 2000), quick=args.quick, compiled=not args.python)
    print(render(result))
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
