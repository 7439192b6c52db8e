"""Generate the JSON Schema files in ``schemas/json/`` from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from dipwatch_schemas.models import TOPIC_MODELS, ArticleInput, ExtractionResult

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    **{f"topic-{stage}": model for stage, model in TOPIC_MODELS.items()},
    "extraction-result": ExtractionResult,
    "article-input": ArticleInput,
}


def render(model: type[BaseModel]) -> str:
    """The schema text exactly as it is stored (stable key order, trailing newline)."""
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMA_FILES.items():
        path = directory / f"{name}.schema.json"
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
