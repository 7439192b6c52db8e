"""Topic creation and the client options (PLAINTEXT and SASL/SCRAM) against the real broker."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaError
from pydantic import SecretStr

from dipwatch.adapters.kafka.admin import COMPACTED, STAGES, ensure_topics, kafka_client_kwargs
from dipwatch.settings import Settings

pytestmark = pytest.mark.integration

STACK_SH = Path(__file__).resolve().parents[2] / "deploy" / "local" / "stack.sh"


async def test_ensure_topics_is_idempotent_with_explicit_partitions(stack_settings: Settings) -> None:
    settings = stack_settings.model_copy(update={"topic_partitions": 3})
    table = f"{settings.topic_prefix}.state-changelog"
    await ensure_topics(settings, extra={table: COMPACTED})
    await ensure_topics(settings, extra={table: COMPACTED})  # everything exists now: no error

    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        names = [settings.topic(s) for s in STAGES] + [table]
        described = await admin.describe_topics(names)
        partitions = {t["topic"]: len(t["partitions"]) for t in described}
        assert partitions == dict.fromkeys(names, 3)
        configs = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, table)])
        entries = {c[0]: c[1] for c in configs[0].resources[0][4]}
        assert entries["cleanup.policy"] == "compact"
    finally:
        await admin.close()


def _sasl_env() -> dict[str, str]:
    out = subprocess.run(
        [str(STACK_SH), "env", "--sasl"], capture_output=True, text=True, timeout=60, check=False
    )
    if out.returncode != 0:
        pytest.fail(f"stack.sh env --sasl failed: {out.stderr}", pytrace=False)
    return dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)


async def test_sasl_scram_listener_round_trip(stack_settings: Settings) -> None:
    env = _sasl_env()
    settings = stack_settings.model_copy(
        update={
            "kafka_bootstrap_servers": env["DIPWATCH_KAFKA_SASL_BOOTSTRAP_SERVERS"],
            "kafka_security_protocol": "SASL_PLAINTEXT",
            "kafka_sasl_mechanism": env["DIPWATCH_KAFKA_SASL_MECHANISM"],
            "kafka_sasl_username": env["DIPWATCH_KAFKA_SASL_USERNAME"],
            "kafka_sasl_password": SecretStr(env["DIPWATCH_KAFKA_SASL_PASSWORD"]),
        }
    )
    kwargs = kafka_client_kwargs(settings)
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512"
    await ensure_topics(settings, stages=("alerts",))
    producer = AIOKafkaProducer(**kwargs)
    await producer.start()
    try:
        await producer.send_and_wait(settings.topic("alerts"), b"hello", key=b"k")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(settings.topic("alerts"), auto_offset_reset="earliest", **kwargs)
    await consumer.start()
    try:
        record = await consumer.getone()
        assert record.value == b"hello"
    finally:
        await consumer.stop()

    wrong = settings.model_copy(update={"kafka_sasl_password": SecretStr("not-the-password")})
    producer = AIOKafkaProducer(request_timeout_ms=5000, **kafka_client_kwargs(wrong))
    with pytest.raises(KafkaError):
        await producer.start()
    await producer.stop()
