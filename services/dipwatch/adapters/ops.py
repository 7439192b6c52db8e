"""Operability: the /metrics + /health HTTP server and logging setup shared by every service.

``start_ops_server`` serves Prometheus metrics and a JSON health document from a daemon
thread (stdlib ``http.server``; the event loop is never blocked by a scrape). It listens on
127.0.0.1 unless told otherwise; containers pass ``host="0.0.0.0"``.

``configure_logging`` gives readable text by default or one JSON object per line, and masks
secrets (the values of the settings' ``SecretStr`` fields) wherever they would appear.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from pydantic import BaseModel, SecretStr

log = logging.getLogger(__name__)

HealthFn = Callable[[], dict[str, Any]]


class OpsServer:
    """A running ops server; ``stop()`` shuts it down and joins its thread."""

    def __init__(self, httpd: ThreadingHTTPServer, thread: threading.Thread) -> None:
        self._httpd = httpd
        self._thread = thread

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _handler(health: HealthFn, registry: CollectorRegistry) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "dipwatch-ops"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._send(200, generate_latest(registry), CONTENT_TYPE_LATEST)
            elif path in ("/health", "/healthz"):
                status, doc = _health_doc(health)
                self._send(status, json.dumps(doc, default=str).encode(), "application/json")
            else:
                self._send(404, b'{"error": "not found"}', "application/json")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("ops %s", format % args)

    return Handler


def _health_doc(health: HealthFn) -> tuple[int, dict[str, Any]]:
    """200 when ``health()`` says ``ok`` (missing counts as true), 503 when not or when it raises."""
    try:
        doc = dict(health())
    except Exception as exc:
        log.exception("health check failed")
        return 503, {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    ok = bool(doc.get("ok", True))
    doc["ok"] = ok
    return (200 if ok else 503), doc


def start_ops_server(
    port: int,
    health: HealthFn,
    *,
    host: str = "127.0.0.1",
    registry: CollectorRegistry = REGISTRY,
) -> OpsServer:
    """Serve ``/metrics`` and ``/health`` on ``host:port`` (port 0 picks a free one) in a daemon thread.

    ``health`` returns a JSON-able dict; its ``ok`` key (default true) decides 200 or 503.
    """
    httpd = ThreadingHTTPServer((host, port), _handler(health, registry))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="dipwatch-ops", daemon=True)
    thread.start()
    log.info("ops server on http://%s:%d (/metrics, /health)", host, httpd.server_address[1])
    return OpsServer(httpd, thread)


# --- logging -------------------------------------------------------------------------------------

_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "", None, None)).keys()
    | {"message", "asctime", "taskName"}
)
MASK = "***"


def secret_values(settings: BaseModel) -> list[str]:
    """The plain values of every ``SecretStr`` field that is set (to be masked in logs)."""
    values: list[str] = []
    for name in type(settings).model_fields:
        value = getattr(settings, name, None)
        if isinstance(value, SecretStr):
            plain = value.get_secret_value()
            if plain:
                values.append(plain)
    return values


class SecretMaskFilter(logging.Filter):
    """Replaces known secret values in the message, its arguments and extra fields."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Longest first, so a secret containing another is masked whole; very short ones would mask noise.
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def _mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        masked = self._mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, self._mask(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = self._mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, then the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                doc[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            doc["exc"] = record.exc_text
        return json.dumps(doc, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``time level logger: message key=value …`` — extra fields appended so they are not lost."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s", datefmt="%Y-%m-%dT%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = [
            f"{k}={v}" for k, v in vars(record).items() if k not in _STANDARD_ATTRS and not k.startswith("_")
        ]
        if extras:
            head, sep, tail = line.partition("\n")
            line = head + " " + " ".join(extras) + sep + tail
        return line


def configure_logging(
    fmt: Literal["text", "json"] = "text",
    level: str | int = "INFO",
    *,
    secrets: Iterable[str] = (),
    stream: Any = None,
) -> logging.Handler:
    """Replace the root logger's handlers with one on stderr (or ``stream``); returns the handler."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(SecretMaskFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for noisy in ("aiokafka", "kafka", "elastic_transport", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return handler
