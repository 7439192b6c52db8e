"""Fixtures of the integration tests: the real local stack (Kafka + Elasticsearch), never a fake.

``local_stack`` reuses ``DIPWATCH_KAFKA_BOOTSTRAP_SERVERS`` / ``DIPWATCH_ELASTICSEARCH_URL`` when both
are set and answer; otherwise it runs ``deploy/local/stack.sh up`` and, at the end of the session,
``down`` — only if this session started it (a stack already running is shared and left up).
A stack that cannot start fails the tests; nothing is skipped.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import urllib.request
from collections.abc import Awaitable, Callable, Iterator, Mapping
from pathlib import Path

import pytest

from dipwatch.adapters.kafka.admin import STAGES, ensure_topics
from dipwatch.settings import Settings

REPO = Path(__file__).resolve().parents[2]
STACK_SH = REPO / "deploy" / "local" / "stack.sh"
BOOTSTRAP_ENV = "DIPWATCH_KAFKA_BOOTSTRAP_SERVERS"
ES_ENV = "DIPWATCH_ELASTICSEARCH_URL"


def _kafka_reachable(bootstrap: str) -> bool:
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except (OSError, ValueError):
        return False
    return True


def _es_reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(
            f"{url}/_cluster/health?wait_for_status=yellow&timeout=5s", timeout=10
        ) as r:
            return json.load(r).get("status") in ("yellow", "green")
    except (OSError, ValueError):
        return False


def _parse_env_lines(stdout: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in stdout.splitlines() if "=" in line)


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """``(bootstrap_servers, elasticsearch_url)`` of a running real stack."""
    bootstrap, es_url = os.environ.get(BOOTSTRAP_ENV), os.environ.get(ES_ENV)
    if bootstrap and es_url and _kafka_reachable(bootstrap) and _es_reachable(es_url):
        yield bootstrap, es_url
        return
    # A stack some other session started is shared, never stopped by us.
    running = subprocess.run([str(STACK_SH), "env"], capture_output=True, text=True, timeout=120, check=False)
    if running.returncode == 0:
        env = _parse_env_lines(running.stdout)
        yield env[BOOTSTRAP_ENV], env[ES_ENV]
        return
    started_file = tmp_path_factory.mktemp("stack") / "started"
    try:
        up = subprocess.run(
            [str(STACK_SH), "up"],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
            env={**os.environ, "DIPWATCH_STACK_STARTED_FILE": str(started_file)},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"deploy/local/stack.sh up could not run: {exc}", pytrace=False)
    if up.returncode != 0:
        pytest.fail(f"deploy/local/stack.sh up failed ({up.returncode}):\n{up.stderr[-4000:]}", pytrace=False)
    env = _parse_env_lines(up.stdout)
    # Another session may have won the race to start it: stop it only if this call started something.
    started = started_file.exists() and started_file.read_text().strip() != ""
    try:
        yield env[BOOTSTRAP_ENV], env[ES_ENV]
    finally:
        if started:
            subprocess.run([str(STACK_SH), "down"], capture_output=True, timeout=300, check=False)


@pytest.fixture
def unique_prefix() -> str:
    """A short random prefix for the topics and indices of one test (lower case, starts with a letter)."""
    return "t" + secrets.token_hex(4)


@pytest.fixture
def stack_settings(local_stack: tuple[str, str], unique_prefix: str) -> Settings:
    """Settings pointing at the local stack, with this test's own topics, indices and consumer group."""
    bootstrap, es_url = local_stack
    return Settings(
        kafka_bootstrap_servers=bootstrap,
        elasticsearch_url=es_url,
        topic_prefix=unique_prefix,
        index_prefix=unique_prefix,
        consumer_group=unique_prefix,
        topic_partitions=2,
    )


CreateTopics = Callable[..., Awaitable[None]]


@pytest.fixture
def create_topics(stack_settings: Settings) -> CreateTopics:
    """``await create_topics(stages=..., extra={name: config}, partitions=n)`` with explicit partitions."""

    async def _create(
        stages: tuple[str, ...] = STAGES,
        extra: Mapping[str, Mapping[str, str]] | None = None,
        partitions: int | None = None,
    ) -> None:
        settings = stack_settings
        if partitions is not None:
            settings = stack_settings.model_copy(update={"topic_partitions": partitions})
        await ensure_topics(settings, stages=stages, extra=extra)

    return _create
