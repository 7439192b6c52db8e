"""JSON values with a schema-version header, validated through the models in ``dipwatch_schemas``.

A record that is not JSON, fails validation or carries an unknown schema version raises
:class:`RecordRejected`; the caller turns it into a :class:`DeadLetter` and goes on.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ValidationError

from dipwatch_schemas import SCHEMA_VERSION, TOPIC_MODELS, DeadLetter

HEADER_SCHEMA_VERSION = "schema-version"
HEADER_STAGE = "dipwatch-stage"
SUPPORTED_VERSIONS = frozenset({SCHEMA_VERSION})

Headers = Sequence[tuple[str, bytes]]


class RecordRejected(ValueError):  # noqa: N818 -- names the outcome for the caller, like httpx.TimeoutException
    """A record this stage cannot read; ``reason`` is what goes into the dead letter."""

    def __init__(self, reason: str, error_type: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.error_type = error_type


def encode(model: BaseModel) -> bytes:
    return model.model_dump_json(exclude_none=False).encode("utf-8")


def headers_for(stage: str) -> list[tuple[str, bytes]]:
    return [(HEADER_SCHEMA_VERSION, str(SCHEMA_VERSION).encode()), (HEADER_STAGE, stage.encode())]


def _header(headers: Iterable[tuple[str, bytes]] | None, name: str) -> bytes | None:
    for key, value in headers or ():
        if key == name:
            return value
    return None


def decode(stage: str, value: bytes | None, headers: Iterable[tuple[str, bytes]] | None = None) -> BaseModel:
    """Validate ``value`` as the model of ``stage`` (items, articles, events, alerts, deadletters)."""
    model = TOPIC_MODELS[stage]
    raw_version = _header(headers, HEADER_SCHEMA_VERSION)
    if raw_version is not None:
        try:
            version = int(raw_version.decode("ascii"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise RecordRejected(f"unreadable schema version {raw_version!r}", "SchemaVersionError") from exc
        if version not in SUPPORTED_VERSIONS:
            raise RecordRejected(
                f"unknown schema version {version} (supported: {sorted(SUPPORTED_VERSIONS)})",
                "SchemaVersionError",
            )
    if value is None:
        raise RecordRejected("empty record value", "EmptyValue")
    try:
        return model.model_validate_json(value)
    except ValidationError as exc:
        kind = (
            "JSONDecodeError" if any(e["type"] == "json_invalid" for e in exc.errors()) else "ValidationError"
        )
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "<root>"
        raise RecordRejected(f"{kind} at {where}: {first['msg']}", kind) from exc


def dead_letter(
    stage: str,
    error: BaseException | str,
    *,
    value: bytes | None,
    key: bytes | None = None,
    source_topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
    headers: Iterable[tuple[str, bytes]] | None = None,
    now: dt.datetime | None = None,
) -> DeadLetter:
    """A dead letter carrying the original bytes (base64) and the reason."""
    if isinstance(error, RecordRejected):
        message, error_type = error.reason, error.error_type
    elif isinstance(error, BaseException):
        message, error_type = str(error) or repr(error), type(error).__name__
    else:
        message, error_type = error, "Error"
    return DeadLetter(
        stage=stage,
        error=message[:4000],
        error_type=error_type,
        source_topic=source_topic,
        partition=partition,
        offset=offset,
        key_b64=base64.b64encode(key).decode() if key is not None else None,
        value_b64=base64.b64encode(value).decode() if value is not None else None,
        headers={k: v.decode("utf-8", "replace") for k, v in (headers or ())},
        failed_at=now or dt.datetime.now(dt.UTC),
    )
