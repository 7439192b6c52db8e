"""Alert rules: which events a subscriber wants to hear about, and how often.

Pure: no clock is read here (``now`` is always passed in), no Kafka, no files. The adapters
(``adapters.alerting`` for Kafka, the embedded runner for SQLite) load rules, keep the
silences and move the records; this module decides.

A rule matches an event when every condition it sets holds (conditions left empty are
ignored); inside one condition any listed value suffices. A match fires at most once per
``throttle`` seconds for the same rule and throttle key (by default source country, target
country and event type), and never while the rule is silenced.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from typing import Annotated, Any, Literal
from urllib.parse import quote

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from dipwatch.core.ids import alert_id
from dipwatch.core.resources import load_yaml
from dipwatch_schemas.models import Alert, EventRecord, EventType, Modality

EVENTS_DATA_VIEW_ID = "dipwatch-events"
"""Id of the events data view in the Kibana saved objects (deploy/kibana/dipwatch.ndjson)."""

HEARTBEAT_RULE_ID = "heartbeat"

ThrottleField = Literal["source", "target", "event_type", "article", "event"]
DEFAULT_THROTTLE_BY: tuple[ThrottleField, ...] = ("source", "target", "event_type")

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")


@functools.cache
def known_alpha3() -> frozenset[str]:
    """The country codes actors can carry: those of the actor dictionary (data/actors/countries.yaml)."""
    return frozenset(str(c["code"]) for c in load_yaml("actors/countries.yaml")["countries"])


def _check_country(code: str) -> str:
    if not _ALPHA3.match(code):
        raise ValueError(f"country codes are ISO 3166-1 alpha-3 in capitals (e.g. DEU), got {code!r}")
    if code not in known_alpha3():
        raise ValueError(f"unknown country code {code!r} (not in the actor dictionary)")
    return code


CountryCode = Annotated[str, AfterValidator(_check_country)]


class AlertRule(BaseModel):
    """One subscription, as written in the rules YAML file (unknown keys are errors)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="stable rule id: Kafka key of its alerts, part of the alert id")
    description: str = ""
    event_types: tuple[EventType, ...] = ()
    source_countries: tuple[CountryCode, ...] = Field(
        (), description="ISO 3166-1 alpha-3 of the source actor"
    )
    target_countries: tuple[CountryCode, ...] = Field(
        (), description="ISO 3166-1 alpha-3 of the target actor"
    )
    countries: tuple[CountryCode, ...] = Field((), description="alpha-3 on either side")
    actors: tuple[str, ...] = Field((), description="actor names, ids or codes, either side, any case")
    modalities: tuple[Modality, ...] = ()
    goldstein_max: float | None = Field(None, ge=-10, le=10, description="Goldstein at or below this")
    words: tuple[str, ...] = Field((), description="any of these in the evidence sentence (case-insensitive)")
    include_negated: bool = Field(False, description="also match events coded as negated")
    throttle: float = Field(0, ge=0, description="seconds between two alerts of the same rule and key")
    throttle_by: tuple[ThrottleField, ...] = DEFAULT_THROTTLE_BY
    silenced_until: AwareDatetime | None = None

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _RULE_ID.match(value):
            raise ValueError("rule id must be 1-100 characters of letters, digits, '_', '.', ':' or '-'")
        if value == HEARTBEAT_RULE_ID:
            raise ValueError(f"rule id {HEARTBEAT_RULE_ID!r} is reserved for heartbeat alerts")
        return value

    @field_validator("actors", "words")
    @classmethod
    def _no_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not v.strip() for v in value):
            raise ValueError("empty strings are not allowed")
        return value


def _actor_keys(event: EventRecord) -> set[str]:
    keys: set[str] = set()
    for ref in (event.source, event.target):
        if ref is None:
            continue
        for value in (ref.name, ref.actor_id, ref.code):
            if value:
                keys.add(value.casefold())
    return keys


def match(rule: AlertRule, event: EventRecord) -> bool:
    """True when ``event`` satisfies every condition ``rule`` sets (silence is not looked at)."""
    if event.negated and not rule.include_negated:
        return False
    if rule.event_types and event.event_type not in rule.event_types:
        return False
    if rule.modalities and event.modality not in rule.modalities:
        return False
    if rule.goldstein_max is not None and event.goldstein > rule.goldstein_max:
        return False
    source_country = event.source.country
    target_country = event.target.country if event.target else None
    if rule.source_countries and source_country not in rule.source_countries:
        return False
    if rule.target_countries and target_country not in rule.target_countries:
        return False
    if rule.countries and not ({source_country, target_country} & set(rule.countries)):
        return False
    if rule.actors and not ({a.casefold() for a in rule.actors} & _actor_keys(event)):
        return False
    if rule.words:
        sentence = event.sentence.casefold()
        if not any(word.casefold() in sentence for word in rule.words):
            return False
    return True


def is_silenced(rule: AlertRule, now: dt.datetime, silences: Mapping[str, dt.datetime] | None = None) -> bool:
    """Silenced by the rule file (``silenced_until``) or by ``dipwatch alerts silence`` (``silences``)."""
    until = rule.silenced_until
    extra = (silences or {}).get(rule.id)
    if extra is not None and (until is None or extra > until):
        until = extra
    return until is not None and now < until


def throttle_key(rule: AlertRule, event: EventRecord) -> str:
    """The part of the throttle key after the rule id, from the fields named in ``rule.throttle_by``."""
    target = event.target
    values: dict[str, str] = {
        "source": event.source.country or event.source.actor_id or event.source.name,
        "target": (target.country or target.actor_id or target.name) if target else "",
        "event_type": event.event_type,
        "article": event.article_id,
        "event": event.event_id,
    }
    return "|".join(values[name] for name in rule.throttle_by)


class Throttle:
    """Last firing time per (rule id, key); the state dict is injectable so it can be persisted.

    ``windows`` maps a rule id to its throttle in seconds; rules not in it never throttle.
    """

    def __init__(
        self,
        windows: Mapping[str, float],
        state: MutableMapping[tuple[str, str], dt.datetime] | None = None,
    ) -> None:
        self.windows = dict(windows)
        self.state: MutableMapping[tuple[str, str], dt.datetime] = {} if state is None else state

    @classmethod
    def for_rules(
        cls, rules: Iterable[AlertRule], state: MutableMapping[tuple[str, str], dt.datetime] | None = None
    ) -> Throttle:
        return cls({r.id: r.throttle for r in rules}, state)

    def should_fire(self, rule_id: str, key: str, now: dt.datetime) -> bool:
        """True (and remembers ``now``) unless the same rule and key fired less than its window ago."""
        window = self.windows.get(rule_id, 0.0)
        last = self.state.get((rule_id, key))
        if window > 0 and last is not None and (now - last).total_seconds() < window:
            return False
        self.state[(rule_id, key)] = now
        return True

    def prune(self, now: dt.datetime) -> int:
        """Forget entries whose window has passed (keeps the state small); returns how many."""
        stale = [
            k for k, last in self.state.items() if (now - last).total_seconds() >= self.windows.get(k[0], 0.0)
        ]
        for k in stale:
            del self.state[k]
        return len(stale)


# --- Kibana links --------------------------------------------------------------------------------

_RISON_ID = re.compile(r"^[A-Za-z_./~][A-Za-z0-9_./~-]*$")


def rison(value: Any) -> str:
    """Encode ``value`` as Rison, the URL notation of Kibana's ``_a`` and ``_g`` state."""
    if value is None:
        return "!n"
    if value is True:
        return "!t"
    if value is False:
        return "!f"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        if value and _RISON_ID.match(value):
            return value
        return "'" + value.replace("!", "!!").replace("'", "!'") + "'"
    if isinstance(value, Mapping):
        return "(" + ",".join(f"{rison(str(k))}:{rison(v)}" for k, v in value.items()) + ")"
    if isinstance(value, Sequence):
        return "!(" + ",".join(rison(v) for v in value) + ")"
    raise TypeError(f"cannot encode {type(value).__name__} as rison")


def _kql_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _iso_z(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def kibana_discover_url(
    kibana_url_base: str,
    event: EventRecord,
    now: dt.datetime,
    data_view_id: str = EVENTS_DATA_VIEW_ID,
) -> str:
    """A Kibana 8/9 Discover link showing exactly this event (KQL ``event_id:"…"``).

    The time range runs from a week before the earliest date the event carries to a day
    after ``now``, so the document is inside whichever date field the data view uses.
    """
    earliest = now
    if event.published_at is not None:
        earliest = min(earliest, event.published_at)
    if event.date is not None:
        earliest = min(earliest, dt.datetime.combine(event.date, dt.time(), tzinfo=dt.UTC))
    g_state = {
        "filters": [],
        "time": {"from": _iso_z(earliest - dt.timedelta(days=7)), "to": _iso_z(now + dt.timedelta(days=1))},
    }
    a_state = {
        "columns": [],
        "dataSource": {"dataViewId": data_view_id, "type": "dataView"},
        "filters": [],
        "query": {"language": "kuery", "query": f"event_id:{_kql_quote(event.event_id)}"},
    }
    safe = "()!:,'*-._~"
    return (
        f"{kibana_url_base.rstrip('/')}/app/discover#/"
        f"?_g={quote(rison(g_state), safe=safe)}&_a={quote(rison(a_state), safe=safe)}"
    )


# --- alerts --------------------------------------------------------------------------------------


def _describe(event: EventRecord) -> str:
    target = f" → {event.target.name}" if event.target else ""
    return f"{event.event_type} {event.source.name}{target}: {event.sentence}"


def make_alert(
    rule: AlertRule, event: EventRecord, now: dt.datetime, kibana_url_base: str | None, index_alias: str
) -> Alert:
    """The alert for one match; its id is stable, so a replay overwrites instead of repeating.

    ``index_alias`` names the events alias the link's data view covers; it goes into the message
    so a reader without Kibana knows where to look.
    """
    prefix = f"[{rule.id}] " + (f"{rule.description} — " if rule.description else "")
    return Alert(
        alert_id=alert_id(rule.id, event.event_id),
        rule_id=rule.id,
        kind="match",
        fired_at=now,
        message=f"{prefix}{_describe(event)} ({index_alias}/{event.event_id})",
        event=event,
        kibana_url=kibana_discover_url(kibana_url_base, event, now) if kibana_url_base else None,
    )


def evaluate(
    rules: Iterable[AlertRule],
    event: EventRecord,
    now: dt.datetime,
    throttle: Throttle,
    *,
    silences: Mapping[str, dt.datetime] | None = None,
    kibana_url_base: str | None = None,
    index_alias: str = "dipwatch-events",
) -> list[Alert]:
    """Every alert ``event`` fires now: matching, not silenced, not throttled."""
    fired: list[Alert] = []
    for rule in rules:
        if is_silenced(rule, now, silences) or not match(rule, event):
            continue
        if throttle.should_fire(rule.id, throttle_key(rule, event), now):
            fired.append(make_alert(rule, event, now, kibana_url_base, index_alias))
    return fired


# --- heartbeat -----------------------------------------------------------------------------------


def heartbeat(
    last_item_at: dt.datetime, now: dt.datetime, heartbeat_seconds: int, last_heartbeat_at: dt.datetime | None
) -> Alert | None:
    """A heartbeat alert when no item arrived for ``heartbeat_seconds`` (0 = off).

    Repeats every ``heartbeat_seconds`` while the silence lasts; the alert id depends on
    ``last_item_at`` and the number of windows passed, so the same gap gives the same ids.
    """
    if heartbeat_seconds <= 0:
        return None
    quiet = (now - last_item_at).total_seconds()
    if quiet < heartbeat_seconds:
        return None
    if (
        last_heartbeat_at is not None
        and last_heartbeat_at >= last_item_at
        and (now - last_heartbeat_at).total_seconds() < heartbeat_seconds
    ):
        return None
    windows = int(quiet // heartbeat_seconds)
    return Alert(
        alert_id=alert_id(HEARTBEAT_RULE_ID, f"{_iso_z(last_item_at)}#{windows}"),
        rule_id=HEARTBEAT_RULE_ID,
        kind="heartbeat",
        fired_at=now,
        message=(
            f"no news item arrived for {int(quiet)} s (since {_iso_z(last_item_at)}); "
            "check the watcher and the feeds"
        ),
    )
