"""Build dipwatch with its extraction core compiled by mypyc into a cache directory; print its path.

The build is keyed on a hash of everything that goes into the package (sources, data files,
pyproject.toml, setup.py), so a second call without changes prints the same directory at once,
and a changed data file or source is never served from a stale build. Put the printed directory
first on PYTHONPATH to run the compiled build beside the editable development install:

    PYTHONPATH=$(.venv/bin/python scripts/build_native.py) .venv/bin/dipwatch extract --jsonl IN

Needs mypy, setuptools and wheel in the running interpreter (the dev extras) and a C compiler.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "native"
INPUTS = ("pyproject.toml", "setup.py", "services", "schemas")
COMPLETE = "BUILD-COMPLETE"


def source_hash(root: Path = ROOT) -> str:
    """Hash of every file the package is built from (paths and bytes; caches excluded)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        base = root / name
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix in {".pyc", ".so"} or ".egg-info" in str(path):
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build(target: Path) -> None:
    """``pip install --target`` of this checkout with DIPWATCH_COMPILE=1 (no dependencies: the
    development environment already has them)."""
    env = {**os.environ, "DIPWATCH_COMPILE": "1"}
    with tempfile.TemporaryDirectory(prefix="dipwatch-native-") as scratch:
        # a copy of the tree, so setuptools' build/ and egg-info never land in the checkout
        source = Path(scratch) / "src"
        source.mkdir()
        for name in (*INPUTS, "README.md"):
            origin = ROOT / name
            if origin.is_dir():
                shutil.copytree(
                    origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
                )
            else:
                shutil.copy2(origin, source / name)
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps"]
        subprocess.run(
            [*pip, "--target", str(target), str(source)],
            check=True,
            env=env,
            cwd=source,
        )
    (target / COMPLETE).write_text("ok\n")


def native_dir(rebuild: bool = False) -> Path:
    """The cached build for the current sources, built first if missing; older builds are removed."""
    target = CACHE / source_hash()
    if rebuild and target.exists():
        shutil.rmtree(target)
    if not (target / COMPLETE).exists():
        shutil.rmtree(target, ignore_errors=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.iterdir():
            shutil.rmtree(old, ignore_errors=True)
        build(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build again even if cached")
    args = parser.parse_args()
    print(native_dir(rebuild=args.rebuild))


if __name__ == "__main__":
    main()
