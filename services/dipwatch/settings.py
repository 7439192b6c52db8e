"""One settings model for every service, read from ``DIPWATCH_*`` environment variables and ``.env``.

Nested groups use a double underscore in environment variables only where noted; the
contract names ``DIPWATCH_KAFKA_BOOTSTRAP_SERVERS`` and ``DIPWATCH_ELASTICSEARCH_URL`` are
flat fields. Secrets are :class:`SecretStr` and never appear in logs or ``repr``.
"""

from __future__ import annotations

import ipaddress
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split_csv(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value]
    raise ValueError(f"expected a comma-separated list, got {value!r}")


CsvList = Annotated[list[str], NoDecode, BeforeValidator(_split_csv)]


class Settings(BaseSettings):
    """All configuration. Each field is the environment variable ``DIPWATCH_<FIELD NAME>``."""

    model_config = SettingsConfigDict(
        env_prefix="DIPWATCH_", env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    # --- Kafka -------------------------------------------------------------------------------
    kafka_bootstrap_servers: str | None = Field(
        None, description="host:port[,host:port]; unset means the embedded mode (no broker)"
    )
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None
    kafka_ssl_certfile: Path | None = None
    kafka_ssl_keyfile: Path | None = None
    topic_prefix: str = Field("dipwatch", description="topics are <prefix>.items, .articles, …")
    topic_partitions: int = Field(4, ge=1, description="partitions of every dipwatch topic")
    topic_replication_factor: int = Field(1, ge=1)
    consumer_group: str = "dipwatch"

    # --- Elasticsearch -----------------------------------------------------------------------
    elasticsearch_url: str | None = Field(
        None, description="e.g. http://localhost:9200; unset: SQLite search"
    )
    elasticsearch_api_key: SecretStr | None = None
    elasticsearch_username: str | None = None
    elasticsearch_password: SecretStr | None = None
    elasticsearch_ca_certs: Path | None = None
    elasticsearch_verify_certs: bool = True
    index_prefix: str = Field("dipwatch", description="aliases <prefix>-articles and <prefix>-events")
    kibana_url: str = Field("http://localhost:5601", description="base of the links in alerts")

    # --- fetching ----------------------------------------------------------------------------
    fetch_allow: CsvList = Field(
        default_factory=list,
        description="hosts or CIDR ranges that may resolve to loopback/private addresses (comma-separated)",
    )
    fetch_timeout: float = Field(15.0, gt=0, description="seconds per request (connect, read, whole body)")
    fetch_max_bytes: int = Field(5_000_000, gt=0, description="bodies above this are cut off and refused")
    fetch_max_redirects: int = Field(5, ge=0)
    fetch_per_host_concurrency: int = Field(2, ge=1)
    fetch_concurrency: int = Field(32, ge=1)
    user_agent: str = "dipwatch/0.1 (+https://github.com/dipwatch/dipwatch; news monitoring)"

    # --- stream processor ---------------------------------------------------------------------
    extraction_timeout: float = Field(
        120.0, gt=0, description="seconds page-to-text plus extraction may take for one item"
    )
    processor_stall_seconds: float = Field(
        60.0, gt=0, description="idle this long with unread input: read it again from the committed offsets"
    )

    # --- embedded mode, alerts, operations ----------------------------------------------------
    data_dir: Path = Field(Path(".dipwatch"), description="SQLite store and local state")
    alert_rules: Path | None = Field(None, description="YAML file of alert rules")
    heartbeat_seconds: int = Field(
        3600, ge=0, description="alert when no item arrived for this long; 0 = off"
    )
    metrics_port: int | None = Field(None, description="Prometheus /metrics and /health; unset = off")
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"

    @property
    def broker_configured(self) -> bool:
        return bool(self.kafka_bootstrap_servers)

    def topic(self, stage: str) -> str:
        """Full topic name of a stage: items, articles, events, alerts, deadletters."""
        return f"{self.topic_prefix}.{stage}"

    def index_alias(self, kind: Literal["articles", "events"]) -> str:
        return f"{self.index_prefix}-{kind}"

    @cached_property
    def fetch_allow_networks(self) -> tuple[list[str], list[ipaddress.IPv4Network | ipaddress.IPv6Network]]:
        """``fetch_allow`` split into plain host names and CIDR networks."""
        hosts: list[str] = []
        nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in self.fetch_allow:
            try:
                nets.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.append(entry.lower())
        return hosts, nets
