"""The alert adapters: the rules file, silences, and the Kafka alert service.

- :func:`load_rules` reads the YAML rules file; an invalid rule stops the start with the
  file, the line and the reason (YAML node marks), never a half-loaded rule set.
- Silences live in a compacted ``<prefix>.alert-control`` topic keyed by rule id (Kafka mode)
  or in the SQLite store (embedded mode); ``dipwatch alerts silence/unsilence`` write them and the
  running service picks them up without a restart.
- :class:`AlertService` consumes the events topic (group ``<consumer_group>-alerts``, manual
  commits), produces alerts to the alerts topic (key = rule id) and commits only after the broker
  acknowledged them: a crash repeats alerts (same alert id) rather than losing them. It also
  watches the items topic to raise a heartbeat alert when no item arrived for a while.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client import Counter, Gauge
from pydantic import ValidationError

from dipwatch.adapters.kafka import serde
from dipwatch.adapters.kafka.admin import kafka_client_kwargs
from dipwatch.adapters.store import Store
from dipwatch.core import alerts as core
from dipwatch.core.alerts import AlertRule
from dipwatch.errors import DipwatchError
from dipwatch.settings import Settings
from dipwatch_schemas.models import Alert, EventRecord

LOGGER = logging.getLogger(__name__)

CONTROL_STAGE = "alert-control"
STAGE = "alerts"

ALERTS_FIRED = Counter("dipwatch_alerts_fired_total", "Alerts produced", ["rule", "kind"])
ALERT_EVENTS = Counter("dipwatch_alert_events_total", "Events evaluated against the alert rules")
ALERT_DEADLETTERS = Counter("dipwatch_alert_deadletters_total", "Event records the alert service rejected")
ALERT_LAST_ITEM = Gauge("dipwatch_alert_last_item_timestamp_seconds", "Arrival time of the newest news item")


class AlertRulesError(DipwatchError):
    """An invalid rules file; the message names the file, the line and the reason of every problem."""


# --- rules file ----------------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _value_node(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _error_line(node: yaml.MappingNode, loc: Sequence[int | str], error_type: str) -> int:
    """The line a pydantic error location points at inside one rule's mapping node."""
    if not loc:
        return _line(node)
    found = _value_node(node, str(loc[0]))
    if found is None:
        return _line(node)
    key_node, value_node = found
    if error_type == "extra_forbidden":
        return _line(key_node)
    index = loc[1] if len(loc) > 1 else None
    if isinstance(index, int) and isinstance(value_node, yaml.SequenceNode) and index < len(value_node.value):
        return _line(value_node.value[index])
    return _line(value_node)


def parse_rules(text: str, filename: str = "<rules>") -> list[AlertRule]:
    """Rules from YAML text: a mapping with a ``rules:`` list, or a bare list of rule mappings."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 0
        raise AlertRulesError(f"{filename}:{line}: invalid YAML: {exc.problem or exc}") from exc
    if root is None:
        return []
    if isinstance(root, yaml.MappingNode):
        for key_node, _ in root.value:
            if key_node.value != "rules":
                where = f"{filename}:{_line(key_node)}"
                raise AlertRulesError(f"{where}: unknown top-level key {key_node.value!r} (expected 'rules')")
        found = _value_node(root, "rules")
        if found is None or found[1].tag == "tag:yaml.org,2002:null":
            return []
        seq_node, items = found[1], data["rules"]
    else:
        seq_node, items = root, data
    if not isinstance(seq_node, yaml.SequenceNode):
        raise AlertRulesError(f"{filename}:{_line(seq_node)}: 'rules' must be a list of rule mappings")

    problems: list[str] = []
    rules: list[AlertRule] = []
    seen: dict[str, int] = {}
    for node, item in zip(seq_node.value, items, strict=True):
        if not isinstance(node, yaml.MappingNode):
            problems.append(f"{filename}:{_line(node)}: a rule must be a mapping of keys to values")
            continue
        keys = [k.value for k, _ in node.value]
        for key_node, _ in node.value:
            if keys.count(key_node.value) > 1:
                problems.append(f"{filename}:{_line(key_node)}: duplicate key {key_node.value!r}")
                break
        try:
            rule = AlertRule.model_validate(item)
        except ValidationError as exc:
            rule_name = item.get("id", "?") if isinstance(item, dict) else "?"
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "<rule>"
                line = _error_line(node, err["loc"], err["type"])
                reason = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
                problems.append(f"{filename}:{line}: rule {rule_name!r}: {where}: {reason}")
            continue
        if rule.id in seen:
            problems.append(
                f"{filename}:{_line(node)}: duplicate rule id {rule.id!r} (first at line {seen[rule.id]})"
            )
            continue
        seen[rule.id] = _line(node)
        rules.append(rule)
    if problems:
        raise AlertRulesError("invalid alert rules:\n" + "\n".join(problems))
    return rules


def load_rules(path: Path | str) -> list[AlertRule]:
    """Rules from a YAML file; raises :class:`AlertRulesError` naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AlertRulesError(f"{path}: cannot read the rules file: {exc.strerror or exc}") from exc
    return parse_rules(text, str(path))


# --- silences ------------------------------------------------------------------------------------


def control_topic(settings: Settings) -> str:
    return settings.topic(CONTROL_STAGE)


def encode_silence(rule_id: str, until: dt.datetime | None) -> bytes:
    return json.dumps(
        {"rule_id": rule_id, "silenced_until": until.astimezone(dt.UTC).isoformat() if until else None}
    ).encode()


def decode_silence(value: bytes | None) -> dt.datetime | None:
    """The silence a control record sets; a tombstone or a null ``silenced_until`` lifts it."""
    if not value:
        return None
    raw = json.loads(value).get("silenced_until")
    return dt.datetime.fromisoformat(raw) if raw else None


async def publish_silence(settings: Settings, rule_id: str, until: dt.datetime | None) -> None:
    """Write a silence (or, with None, its end) to the compacted control topic."""
    producer = AIOKafkaProducer(**kafka_client_kwargs(settings), acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            control_topic(settings),
            key=rule_id.encode(),
            value=encode_silence(rule_id, until),
            headers=serde.headers_for(CONTROL_STAGE),
        )
    finally:
        await producer.stop()


async def _partitions(settings: Settings, topic: str, wait: float = 10.0) -> set[int]:
    """The partitions of ``topic`` (a topic created a moment ago may need a few tries)."""
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(settings))
    await admin.start()
    try:
        deadline = time.monotonic() + wait
        while True:
            described = await admin.describe_topics([topic])
            if described and described[0].get("error_code") == 0 and described[0].get("partitions"):
                return {int(p["partition"]) for p in described[0]["partitions"]}
            if time.monotonic() >= deadline:
                raise AlertRulesError(f"topic {topic} does not exist (create the topics first)")
            await asyncio.sleep(0.5)
    finally:
        await admin.close()


class ControlReader:
    """Follows the control topic from its beginning without a consumer group (every instance sees all)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._consumer: AIOKafkaConsumer | None = None  # aiokafka clients are made inside the loop
        self.silences: dict[str, dt.datetime] = {}

    async def start(self) -> None:
        """Assign every partition, seek to the start and read up to the current end."""
        topic = control_topic(self._settings)
        partitions = await _partitions(self._settings, topic)
        consumer = AIOKafkaConsumer(
            **kafka_client_kwargs(self._settings), group_id=None, enable_auto_commit=False
        )
        await consumer.start()
        self._consumer = consumer
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        for tp, end in ends.items():
            while await consumer.position(tp) < end:
                await self.poll(timeout_ms=500)

    async def poll(self, timeout_ms: int = 0) -> None:
        assert self._consumer is not None, "start() first"
        batches = await self._consumer.getmany(timeout_ms=timeout_ms)
        for records in batches.values():
            for record in records:
                if record.key is None:
                    continue
                rule_id = record.key.decode()
                try:
                    until = decode_silence(record.value)
                except (ValueError, AttributeError):
                    LOGGER.warning("ignoring unreadable control record for %s", rule_id)
                    continue
                if until is None:
                    self.silences.pop(rule_id, None)
                else:
                    self.silences[rule_id] = until

    async def stop(self) -> None:
        if self._consumer is not None:
            await self._consumer.stop()
            self._consumer = None


def store_silence(store: Store, rule_id: str, until: dt.datetime | None) -> None:
    """The embedded mode's silence: a row in the SQLite store."""
    store.set_silence(rule_id, until)


# --- the Kafka alert service ---------------------------------------------------------------------


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AlertService:
    """Events topic → rules → alerts topic, with at-least-once delivery and manual commits."""

    def __init__(
        self,
        settings: Settings,
        rules: Sequence[AlertRule],
        *,
        auto_offset_reset: str = "latest",
        clock: Callable[[], dt.datetime] = _utcnow,
        batch_size: int = 500,
    ) -> None:
        self.settings = settings
        self.rules = list(rules)
        self.throttle = core.Throttle.for_rules(self.rules)
        self.clock = clock
        self.batch_size = batch_size
        self.auto_offset_reset = auto_offset_reset
        self.started_at = clock()
        self.last_item_at = self.started_at
        self.last_heartbeat_at: dt.datetime | None = None
        self.last_loop_monotonic = time.monotonic()
        self.fired = 0
        self.control = ControlReader(settings)
        self._consumer: AIOKafkaConsumer | None = None
        self._producer: AIOKafkaProducer | None = None
        self.ready = asyncio.Event()
        """Set once the consumer has its partitions (tests wait for it before producing)."""

    def health(self) -> dict[str, Any]:
        stalled = time.monotonic() - self.last_loop_monotonic
        return {
            "ok": self._consumer is not None and stalled < 120,
            "service": "alerts",
            "rules": len(self.rules),
            "fired": self.fired,
            "silenced": sorted(self.control.silences),
            "seconds_since_poll": round(stalled, 1),
            "last_item_at": self.last_item_at.isoformat(),
        }

    async def start(self) -> None:
        kwargs = kafka_client_kwargs(self.settings)
        await self.control.start()
        self._producer = AIOKafkaProducer(**kwargs, acks="all", linger_ms=5)
        await self._producer.start()
        self._consumer = AIOKafkaConsumer(
            self.settings.topic("events"),
            self.settings.topic("items"),
            **kwargs,
            group_id=f"{self.settings.consumer_group}-alerts",
            enable_auto_commit=False,
            auto_offset_reset=self.auto_offset_reset,
        )
        await self._consumer.start()

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            if self._consumer is not None:
                await self._consumer.stop()
        with contextlib.suppress(Exception):
            if self._producer is not None:
                await self._producer.stop()
        with contextlib.suppress(Exception):
            await self.control.stop()

    async def run(self, stop: asyncio.Event) -> None:
        """Loop until ``stop`` is set; start/stop the clients around it."""
        await self.start()
        try:
            while not stop.is_set():
                await self.step()
        finally:
            await self.stop()

    async def step(self, timeout_ms: int = 500) -> list[Alert]:
        """One poll: evaluate a batch, produce its alerts, wait for the acks, then commit."""
        assert self._consumer is not None and self._producer is not None, "start() first"
        self.last_loop_monotonic = time.monotonic()
        await self.control.poll()
        batches = await self._consumer.getmany(timeout_ms=timeout_ms, max_records=self.batch_size)
        if self._consumer.assignment():
            self.ready.set()
        pending: list[Awaitable[Any]] = []
        produced: list[Alert] = []
        events_topic = self.settings.topic("events")
        for tp, records in batches.items():
            for record in records:
                now = self.clock()
                if tp.topic != events_topic:
                    self.last_item_at = now
                    ALERT_LAST_ITEM.set(now.timestamp())
                    continue
                ALERT_EVENTS.inc()
                try:
                    event = serde.decode("events", record.value, record.headers)
                except serde.RecordRejected as exc:
                    ALERT_DEADLETTERS.inc()
                    letter = serde.dead_letter(
                        STAGE,
                        exc,
                        value=record.value,
                        key=record.key,
                        source_topic=tp.topic,
                        partition=tp.partition,
                        offset=record.offset,
                        headers=record.headers,
                        now=now,
                    )
                    pending.append(
                        await self._producer.send(
                            self.settings.topic("deadletters"),
                            key=record.key,
                            value=serde.encode(letter),
                            headers=serde.headers_for("deadletters"),
                        )
                    )
                    continue
                assert isinstance(event, EventRecord)
                for alert in core.evaluate(
                    self.rules,
                    event,
                    now,
                    self.throttle,
                    silences=self.control.silences,
                    kibana_url_base=self.settings.kibana_url,
                    index_alias=self.settings.index_alias("events"),
                ):
                    pending.append(await self._send_alert(alert))
                    produced.append(alert)
        now = self.clock()
        beat = core.heartbeat(self.last_item_at, now, self.settings.heartbeat_seconds, self.last_heartbeat_at)
        if beat is not None:
            self.last_heartbeat_at = now
            pending.append(await self._send_alert(beat))
            produced.append(beat)
        if pending:
            await asyncio.gather(*pending)
        if batches:
            await self._consumer.commit()
            self.throttle.prune(now)
        return produced

    async def _send_alert(self, alert: Alert) -> Awaitable[Any]:
        assert self._producer is not None
        self.fired += 1
        ALERTS_FIRED.labels(rule=alert.rule_id, kind=alert.kind).inc()
        LOGGER.info("alert %s: %s", alert.rule_id, alert.message, extra={"alert_id": alert.alert_id})
        fut: Awaitable[Any] = await self._producer.send(
            self.settings.topic(STAGE),
            key=alert.rule_id.encode(),
            value=serde.encode(alert),
            headers=serde.headers_for(STAGE),
        )
        return fut


# --- reading alerts back -------------------------------------------------------------------------


async def iter_alerts(
    settings: Settings, *, rule_id: str | None = None, from_beginning: bool = False
) -> AsyncIterator[Alert]:
    """Alerts from the alerts topic as they arrive (no consumer group: tailing commits nothing)."""
    topic = settings.topic(STAGE)
    partitions = await _partitions(settings, topic)
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(settings), group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        if from_beginning:
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
        while True:
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for record in records:
                    try:
                        alert = serde.decode(STAGE, record.value, record.headers)
                    except serde.RecordRejected as exc:
                        LOGGER.warning(
                            "skipping unreadable alert at offset %s: %s", record.offset, exc.reason
                        )
                        continue
                    assert isinstance(alert, Alert)
                    if rule_id is None or alert.rule_id == rule_id:
                        yield alert
    finally:
        await consumer.stop()


def format_alert(alert: Alert) -> str:
    """One readable line (plus the Kibana link on a second line when there is one)."""
    line = f"{alert.fired_at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%SZ} {alert.kind:<9} {alert.message}"
    return f"{line}\n    {alert.kibana_url}" if alert.kibana_url else line
