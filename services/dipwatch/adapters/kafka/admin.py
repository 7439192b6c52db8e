"""Kafka connection options and explicit topic creation.

Brokers run with ``auto.create.topics.enable=false`` (pitfalls 7): every topic is created here with
its partition count, replication factor and, for state topics, ``cleanup.policy=compact``.
:func:`kafka_client_kwargs` is the one place that maps the security settings to aiokafka arguments;
every producer, consumer and admin client is built from it.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterable, Mapping
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code

from dipwatch.settings import Settings

LOGGER = logging.getLogger(__name__)

STAGES: tuple[str, ...] = ("items", "articles", "events", "alerts", "deadletters")
"""The stage topics of the pipeline (``settings.topic(stage)``)."""

COMPACTED: Mapping[str, str] = {"cleanup.policy": "compact"}
"""Config of a state/changelog topic; pass it in ``extra`` of :func:`ensure_topics`."""


class KafkaConfigError(ValueError):
    """The Kafka settings cannot make a client (e.g. SASL without a user)."""


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """A verifying TLS context from the CA file and the optional client certificate (mutual TLS)."""
    cafile = str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None
    context = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=cafile)
    if settings.kafka_ssl_certfile:
        keyfile = str(settings.kafka_ssl_keyfile) if settings.kafka_ssl_keyfile else None
        context.load_cert_chain(certfile=str(settings.kafka_ssl_certfile), keyfile=keyfile)
    elif settings.kafka_ssl_keyfile:
        raise KafkaConfigError("DIPWATCH_KAFKA_SSL_KEYFILE needs DIPWATCH_KAFKA_SSL_CERTFILE")
    return context


def kafka_client_kwargs(settings: Settings) -> dict[str, Any]:
    """Keyword arguments shared by ``AIOKafkaProducer``, ``AIOKafkaConsumer`` and the admin client."""
    if not settings.kafka_bootstrap_servers:
        raise KafkaConfigError("DIPWATCH_KAFKA_BOOTSTRAP_SERVERS is not set")
    protocol = settings.kafka_security_protocol
    kwargs: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "security_protocol": protocol,
    }
    if protocol in ("SSL", "SASL_SSL"):
        kwargs["ssl_context"] = ssl_context(settings)
    if protocol in ("SASL_PLAINTEXT", "SASL_SSL"):
        if not (
            settings.kafka_sasl_mechanism and settings.kafka_sasl_username and settings.kafka_sasl_password
        ):
            raise KafkaConfigError(f"{protocol} needs DIPWATCH_KAFKA_SASL_MECHANISM, _USERNAME and _PASSWORD")
        kwargs["sasl_mechanism"] = settings.kafka_sasl_mechanism
        kwargs["sasl_plain_username"] = settings.kafka_sasl_username
        kwargs["sasl_plain_password"] = settings.kafka_sasl_password.get_secret_value()
    return kwargs


def _new_topics(
    settings: Settings, stages: Iterable[str], extra: Mapping[str, Mapping[str, str]]
) -> list[NewTopic]:
    topics = [
        NewTopic(settings.topic(stage), settings.topic_partitions, settings.topic_replication_factor)
        for stage in stages
    ]
    topics += [
        NewTopic(
            name, settings.topic_partitions, settings.topic_replication_factor, topic_configs=dict(config)
        )
        for name, config in extra.items()
    ]
    return topics


async def ensure_topics(
    settings: Settings,
    stages: Iterable[str] = STAGES,
    extra: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """Create the stage topics and the ``extra`` topics (full name → config); existing ones are kept.

    All get ``settings.topic_partitions`` partitions: topics that Faust tables join must be
    co-partitioned. An existing topic is not altered (its partition count is not checked here).
    """
    new_topics = _new_topics(settings, stages, extra or {})
    if not new_topics:
        return
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        response = await admin.create_topics(new_topics)
        for entry in response.topic_errors:
            name, code = entry[0], entry[1]
            if code == 0:
                LOGGER.info("created topic %s", name)
                continue
            error = for_code(code)
            if error is TopicAlreadyExistsError:
                continue
            message = entry[2] if len(entry) > 2 and entry[2] else error.__name__
            raise error(f"creating topic {name}: {message}")
    finally:
        await admin.close()
