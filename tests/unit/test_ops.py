"""The ops server (/metrics, /health) on loopback and the logging setup (JSON lines, masked secrets)."""

from __future__ import annotations

import io
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from prometheus_client import CollectorRegistry, Counter
from pydantic import SecretStr

from dipwatch.adapters.ops import configure_logging, secret_values, start_ops_server
from dipwatch.settings import Settings


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def test_metrics_and_health() -> None:
    registry = CollectorRegistry()
    counter = Counter("dipwatch_test_things_total", "things", registry=registry)
    counter.inc(3)
    state: dict[str, Any] = {"ok": True, "lag": 0}
    server = start_ops_server(0, lambda: dict(state), registry=registry)
    try:
        assert server.host == "127.0.0.1"
        base = f"http://127.0.0.1:{server.port}"
        status, ctype, body = get(f"{base}/metrics")
        assert status == 200 and ctype.startswith("text/plain")
        assert b"dipwatch_test_things_total 3.0" in body
        status, ctype, body = get(f"{base}/health")
        assert (status, ctype, json.loads(body)) == (200, "application/json", {"ok": True, "lag": 0})
        state["ok"] = False
        status, _, body = get(f"{base}/health")
        assert status == 503 and json.loads(body)["ok"] is False
        assert get(f"{base}/nope")[0] == 404
    finally:
        server.stop()


def test_health_that_raises_is_503() -> None:
    def broken() -> dict[str, Any]:
        raise RuntimeError("store gone")

    server = start_ops_server(0, broken, registry=CollectorRegistry())
    try:
        status, _, body = get(f"http://127.0.0.1:{server.port}/health")
        assert status == 503
        assert json.loads(body) == {"ok": False, "error": "RuntimeError: store gone"}
    finally:
        server.stop()


@pytest.fixture
def restore_root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_json_logs_one_object_per_line_with_masked_secrets(restore_root_logging: None) -> None:
    settings = Settings(
        kafka_sasl_password=SecretStr("hunter2-kafka"), elasticsearch_api_key=SecretStr("es-key-123456")
    )
    secrets = secret_values(settings)
    assert sorted(secrets) == ["es-key-123456", "hunter2-kafka"]
    stream = io.StringIO()
    configure_logging("json", "DEBUG", secrets=secrets, stream=stream)
    log = logging.getLogger("dipwatch.test")
    log.info("connecting with %s", "hunter2-kafka", extra={"feed_id": "tagesschau", "auth": "es-key-123456"})
    log.debug("plain")
    try:
        raise ValueError("bad password hunter2-kafka")
    except ValueError:
        log.exception("failed")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert first["msg"] == "connecting with ***"
    assert first["level"] == "INFO" and first["logger"] == "dipwatch.test"
    assert first["feed_id"] == "tagesschau" and first["auth"] == "***"
    assert first["ts"].endswith("+00:00")
    assert second["msg"] == "plain" and second["level"] == "DEBUG"
    assert "ValueError: bad password ***" in third["exc"]
    assert "hunter2" not in stream.getvalue() and "es-key-123456" not in stream.getvalue()


def test_text_logs_are_readable(restore_root_logging: None) -> None:
    stream = io.StringIO()
    configure_logging("text", "INFO", stream=stream)
    log = logging.getLogger("dipwatch.test")
    log.info("polled %d feeds", 3, extra={"took_ms": 12})
    log.debug("hidden")
    out = stream.getvalue()
    assert "INFO" in out and "dipwatch.test: polled 3 feeds took_ms=12" in out
    assert "hidden" not in out and not out.lstrip().startswith("{")
