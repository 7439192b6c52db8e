"""The JSON Schema files in schemas/json must be exactly what the pydantic models generate."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipwatch_schemas.generate import SCHEMA_FILES, render

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas" / "json"


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_file_matches_model(name: str) -> None:
    path = SCHEMA_DIR / f"{name}.schema.json"
    assert path.exists(), f"{path} is missing: run python -m dipwatch_schemas"
    assert path.read_text(encoding="utf-8") == render(SCHEMA_FILES[name]), (
        f"{path.name} drifted from the model: run python -m dipwatch_schemas"
    )


def test_no_stray_schema_files() -> None:
    assert {p.name for p in SCHEMA_DIR.glob("*.schema.json")} == {f"{n}.schema.json" for n in SCHEMA_FILES}
