"""The settings → client options mapping of Kafka and Elasticsearch (no network)."""

from __future__ import annotations

import ssl
from typing import Any

import pytest
from pydantic import SecretStr

from dipwatch.adapters.elastic.client import ElasticConfigError, client_kwargs
from dipwatch.adapters.kafka.admin import KafkaConfigError, kafka_client_kwargs
from dipwatch.settings import Settings


def settings(**kw: Any) -> Settings:
    return Settings(_env_file=None, **kw)


def test_plaintext_has_no_security_options() -> None:
    kw = kafka_client_kwargs(settings(kafka_bootstrap_servers="127.0.0.1:9092"))
    assert kw == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT"}


def test_sasl_ssl_maps_credentials_and_a_verifying_context() -> None:
    kw = kafka_client_kwargs(
        settings(
            kafka_bootstrap_servers="broker:9093",
            kafka_security_protocol="SASL_SSL",
            kafka_sasl_mechanism="SCRAM-SHA-512",
            kafka_sasl_username="dipwatch",
            kafka_sasl_password=SecretStr("s3cret!"),
        )
    )
    assert (kw["sasl_mechanism"], kw["sasl_plain_username"], kw["sasl_plain_password"]) == (
        "SCRAM-SHA-512",
        "dipwatch",
        "s3cret!",
    )
    context = kw["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


@pytest.mark.parametrize(
    "extra",
    [
        {"kafka_security_protocol": "SASL_PLAINTEXT", "kafka_sasl_mechanism": "PLAIN"},
        {"kafka_security_protocol": "SSL", "kafka_ssl_keyfile": "/nonexistent/key.pem"},
    ],
)
def test_incomplete_security_settings_are_refused(extra: dict[str, Any]) -> None:
    with pytest.raises(KafkaConfigError):
        kafka_client_kwargs(settings(kafka_bootstrap_servers="b:1", **extra))


def test_missing_ssl_ca_file_is_an_error_not_a_silent_fallback() -> None:
    with pytest.raises(FileNotFoundError):
        kafka_client_kwargs(
            settings(
                kafka_bootstrap_servers="b:1",
                kafka_security_protocol="SSL",
                kafka_ssl_cafile="/nonexistent/ca.pem",
            )
        )


def test_elasticsearch_auth_options() -> None:
    kw = client_kwargs(settings(elasticsearch_url="https://es:9200", elasticsearch_api_key=SecretStr("k")))
    assert kw["hosts"] == ["https://es:9200"] and kw["api_key"] == "k" and "basic_auth" not in kw
    kw = client_kwargs(
        settings(
            elasticsearch_url="https://es:9200",
            elasticsearch_username="elastic",
            elasticsearch_password=SecretStr("pw"),
            elasticsearch_ca_certs="/etc/ca.pem",
            elasticsearch_verify_certs=False,
        )
    )
    assert kw["basic_auth"] == ("elastic", "pw")
    assert (kw["ca_certs"], kw["verify_certs"]) == ("/etc/ca.pem", False)
    with pytest.raises(ElasticConfigError):
        client_kwargs(settings(elasticsearch_url="http://es:9200", elasticsearch_username="elastic"))
    with pytest.raises(ElasticConfigError):
        client_kwargs(settings())
