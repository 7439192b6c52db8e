"""The mypyc-compiled extraction core (what the container image runs) gives exactly the results of
the Python sources, and really is compiled.

mypyc checks type annotations at run time and rejects a few Python constructs, so a source edit
can pass every other test and still break the image; this test builds the compiled package
(``scripts/build_native.py``, cached by source hash) and runs ``dipwatch extract --jsonl`` over
the dev set and the benchmark corpus both ways.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_corpus  # noqa: E402

pytestmark = pytest.mark.slow

_PROBE = (
    "import json, dipwatch.core.coding.roles as r, dipwatch.core.actors as a, dipwatch.core.text as t;"
    "print(json.dumps([m.__file__ for m in (r, a, t)]))"
)


def _input_records() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for line in (ROOT / "tests/devset/devset.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records.append({key: value for key, value in record.items() if key != "gold"})
    records.extend(make_corpus(300))
    return records


def _run(pythonpath: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": pythonpath}
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=True, timeout=900
    )


@pytest.fixture(scope="module")
def native_dir() -> str:
    built = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_native.py")],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=ROOT,
    )
    assert built.returncode == 0, f"native build failed:\n{built.stderr[-4000:]}"
    return built.stdout.strip().splitlines()[-1]


def test_compiled_modules_are_loaded(native_dir: str) -> None:
    files = json.loads(_run(native_dir, ["-c", _PROBE]).stdout)
    assert all(name.endswith(".so") and name.startswith(native_dir) for name in files), files


def test_compiled_core_gives_the_python_results(native_dir: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = _input_records()
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    outputs = {}
    for name, path in (
        ("python", os.pathsep.join([str(ROOT / "services"), str(ROOT / "schemas")])),
        ("native", native_dir),
    ):
        target = tmp_path / f"{name}.jsonl"
        _run(path, ["-m", "dipwatch.cli.main", "extract", "--jsonl", str(source), "-o", str(target)])
        outputs[name] = target.read_text(encoding="utf-8").splitlines()
    assert len(outputs["python"]) == len(records)
    assert sum('"event_type"' in line for line in outputs["python"]) > 100  # the runs code events
    for record, python_line, native_line in zip(records, outputs["python"], outputs["native"], strict=True):
        assert native_line == python_line, f"compiled core differs on {record.get('id')}"
