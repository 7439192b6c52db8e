"""The feeds file: ``feeds: [{id, url, language, interval, tags, enabled, name}]``, validated.

Why the YAML node tree: a validation error should say *where* in the file it is. The file is
composed once (``yaml.compose``, safe loader, marks kept) and each pydantic error location is
walked down that tree to the line of the offending key or value.

``interval`` takes seconds (``600``) or a duration (``"90s"``, ``"10m"``, ``"1h"``, ``"1d"``).
An optional top-level ``defaults:`` mapping supplies ``language``, ``interval`` and ``tags``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from dipwatch.errors import FeedConfigError

MIN_INTERVAL = 30.0
"""Seconds; polling a publisher more often than this is impolite and never needed for news."""
DEFAULT_INTERVAL = 600.0

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def _duration(value: object) -> object:
    if isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"not a duration: {value!r} (use seconds or e.g. 90s, 10m, 1h)")
        return float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    return value


Seconds = Annotated[float, BeforeValidator(_duration)]


class FeedConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$", description="stable slug; key of the feed state")
    url: str
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="ISO 639-1 hint, e.g. de, en")
    interval: Seconds = Field(DEFAULT_INTERVAL, ge=MIN_INTERVAL)
    tags: tuple[str, ...] = ()
    enabled: bool = True
    name: str | None = None

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
            raise ValueError("url must be an absolute http:// or https:// URL")
        return value.strip()


class FeedDefaults(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str | None = None
    interval: Seconds | None = None
    tags: tuple[str, ...] = ()


class FeedsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: FeedDefaults = Field(default_factory=FeedDefaults)
    feeds: list[FeedConfig] = Field(min_length=1)


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the deepest node along ``loc`` that exists in the YAML tree."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _with_defaults(raw: dict[str, Any]) -> dict[str, Any]:
    defaults = raw.get("defaults")
    feeds = raw.get("feeds")
    if not isinstance(defaults, dict) or not isinstance(feeds, list):
        return raw
    merged = []
    for feed in feeds:
        if isinstance(feed, dict):
            feed = dict(feed)
            for key in ("language", "interval"):
                if key not in feed and defaults.get(key) is not None:
                    feed[key] = defaults[key]
            if defaults.get("tags"):
                feed["tags"] = [
                    *defaults["tags"],
                    *[t for t in feed.get("tags") or () if t not in defaults["tags"]],
                ]
        merged.append(feed)
    return {**raw, "feeds": merged}


def parse_feeds_yaml(text: str, source: str = "<feeds>") -> list[FeedConfig]:
    """All feeds of a feeds file (disabled ones included); :class:`FeedConfigError` with line on error."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise FeedConfigError(f"{source}{where}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise FeedConfigError(f"{source}:1: expected a mapping with a 'feeds:' list")
    try:
        parsed = FeedsFile.model_validate(_with_defaults(raw))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = _line_of(root, loc)
            field = ".".join(str(p) for p in loc)
            problems.append(f"{source}:{line or '?'}: {field}: {err['msg']}")
        raise FeedConfigError("\n".join(problems)) from exc
    seen: dict[str, int] = {}
    for index, feed in enumerate(parsed.feeds):
        line = _line_of(root, ("feeds", index))
        if feed.id in seen:
            raise FeedConfigError(
                f"{source}:{line}: duplicate feed id {feed.id!r} (first at feed #{seen[feed.id]})"
            )
        seen[feed.id] = index + 1
    return parsed.feeds


def load_feeds(path: Path | str) -> list[FeedConfig]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FeedConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return parse_feeds_yaml(text, str(path))
