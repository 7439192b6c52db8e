"""Loading the data files shipped in ``dipwatch/data`` (read once, cached, never written)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def data_path(relative: str) -> Any:
    """A traversable path inside the package's data folder."""
    return resources.files("dipwatch").joinpath("data", *relative.split("/"))


@lru_cache(maxsize=64)
def load_yaml(relative: str) -> Any:
    with data_path(relative).open("r", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=8)
def load_text(relative: str) -> str:
    with data_path(relative).open("r", encoding="utf-8") as handle:
        return str(handle.read())
