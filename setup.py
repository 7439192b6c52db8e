"""Build hook: with DIPWATCH_COMPILE=1 the extraction core is compiled to C with mypyc.

The compiled modules behave exactly like the Python sources (a test extracts the dev set both
ways and compares the JSON) and run the extractor 1.3–1.6 times as fast. The container image
and the benchmark build them; an editable development install stays pure Python, so an edit to
a source file takes effect without a rebuild. Everything else about the package is declared in
pyproject.toml.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

# The hot path of extraction. Left out: modules around I/O or third-party parsers (no gain).
NATIVE_MODULES = [
    "services/dipwatch/core/actors.py",
    "services/dipwatch/core/anaphora.py",
    "services/dipwatch/core/classify.py",
    "services/dipwatch/core/dates.py",
    "services/dipwatch/core/eventlex.py",
    "services/dipwatch/core/extract.py",
    "services/dipwatch/core/boilerplate.py",
    "services/dipwatch/core/language.py",
    "services/dipwatch/core/lemmas.py",
    "services/dipwatch/core/matcher.py",
    "services/dipwatch/core/places.py",
    "services/dipwatch/core/text.py",
    *sorted(
        str(path) for path in Path("services/dipwatch/core/coding").glob("*.py") if path.name != "__init__.py"
    ),
]


def _ext_modules() -> list[object]:
    if os.environ.get("DIPWATCH_COMPILE") != "1":
        return []
    from mypyc.build import mypycify  # needs mypy in the build environment

    return list(mypycify(["--config-file", "pyproject.toml", *NATIVE_MODULES], opt_level="3"))


setup(ext_modules=_ext_modules())
