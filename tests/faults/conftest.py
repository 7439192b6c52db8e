"""Fixtures of the fault suite (``pytest -m faults``): a private real stack and per-test names.

The stack is private (see :mod:`faultkit`): the faults stop and restart its Kafka broker and its
Elasticsearch node, which must not disturb other sessions using the shared stack. It is started
with ``--sasl`` once per session and stopped at the end.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from faultkit import FAULT_ROWS, FeedServer, Stack, es_delete_prefix, settings_for

from dipwatch.settings import Settings

COLUMNS = (
    "fault",
    "items sent",
    "events expected (cum.)",
    "events found (cum.)",
    "duplicates",
    "redelivered",
    "DLQ",
    "seconds",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here must carry the ``faults`` marker (``pytest -m faults`` selects the suite)."""
    for item in items:
        if (
            "tests/faults/" in str(item.fspath).replace("\\", "/")
            and item.get_closest_marker("faults") is None
        ):
            raise pytest.UsageError(f"{item.nodeid} lacks @pytest.mark.faults")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FAULT_ROWS:
        return
    terminalreporter.section("dipwatch faults")
    widths = [max(len(c), *(len(str(r.get(c, ""))) for r in FAULT_ROWS)) for c in COLUMNS]
    terminalreporter.write_line("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)))
    for row in FAULT_ROWS:
        terminalreporter.write_line(
            "  ".join(str(row.get(c, "")).ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
        )


@pytest.fixture(scope="session")
def fault_stack() -> Iterator[Stack]:
    """The private stack (Kafka with PLAINTEXT and SASL/SCRAM listeners, Elasticsearch)."""
    try:
        stack = Stack.start()
    except AssertionError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield stack
    finally:
        if stack.started:
            stack.down()


@pytest.fixture
def fault_prefix(fault_stack: Stack) -> Iterator[str]:
    prefix = "f" + secrets.token_hex(4)
    yield prefix
    es_delete_prefix(fault_stack.es_url, prefix)


@pytest.fixture
def fault_settings(fault_stack: Stack, fault_prefix: str) -> Settings:
    return settings_for(fault_stack, fault_prefix)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.stop()
