"""Alert rules: matching, throttling, silences, Kibana links, heartbeat, the rules file and the CLI check."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from typer.testing import CliRunner

from dipwatch.adapters.alerting import (
    AlertRulesError,
    decode_silence,
    encode_silence,
    load_rules,
    parse_rules,
)
from dipwatch.cli.main import app
from dipwatch.core import alerts
from dipwatch.core.alerts import AlertRule, Throttle, evaluate, heartbeat, make_alert, match, rison
from dipwatch.core.ids import alert_id
from dipwatch_schemas.models import ActorRef, EventRecord

NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
REPO = Path(__file__).resolve().parents[2]


def event(**overrides: Any) -> EventRecord:
    base: dict[str, Any] = {
        "event_id": "e" * 40,
        "article_id": "a" * 40,
        "event_type": "THREATEN",
        "cameo_code": "130",
        "quad_class": 3,
        "goldstein": -4.4,
        "source": ActorRef(name="Russia", country="RUS", kind="state", code="RUS", actor_id="RUS"),
        "target": ActorRef(name="Germany", country="DEU", kind="state", code="DEU", actor_id="DEU"),
        "sentence": "Moscow threatened Berlin with consequences over the tank deliveries.",
        "confidence": 0.8,
        "language": "en",
        "extractor_version": "test",
        "published_at": dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC),
        "date": dt.date(2025, 2, 28),
    }
    base.update(overrides)
    return EventRecord(**base)


# --- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({}, True),
        ({"event_types": ["THREATEN", "COERCE"]}, True),
        ({"event_types": ["AGREE"]}, False),
        ({"source_countries": ["RUS"]}, True),
        ({"source_countries": ["DEU"]}, False),
        ({"target_countries": ["DEU"]}, True),
        ({"target_countries": ["RUS"]}, False),
        ({"countries": ["DEU"]}, True),
        ({"countries": ["RUS"]}, True),
        ({"countries": ["FRA"]}, False),
        ({"actors": ["germany"]}, True),
        ({"actors": ["rus"]}, True),
        ({"actors": ["NATO"]}, False),
        ({"modalities": ["asserted"]}, True),
        ({"modalities": ["intended", "proposed"]}, False),
        ({"goldstein_max": -4.4}, True),
        ({"goldstein_max": -5}, False),
        ({"words": ["TANK", "missile"]}, True),
        ({"words": ["missile"]}, False),
        ({"event_types": ["THREATEN"], "target_countries": ["DEU"], "goldstein_max": 0}, True),
        ({"event_types": ["THREATEN"], "target_countries": ["FRA"], "goldstein_max": 0}, False),
    ],
)
def test_match_conditions(rule: dict[str, Any], expected: bool) -> None:
    assert match(AlertRule(id="r", **rule), event()) is expected


def test_target_conditions_never_match_an_event_without_target() -> None:
    lone = event(target=None)
    assert not match(AlertRule(id="r", target_countries=["DEU"]), lone)
    assert match(AlertRule(id="r", countries=["RUS"]), lone)
    assert not match(AlertRule(id="r", countries=["DEU"]), lone)


def test_negated_events_only_with_include_negated() -> None:
    denied = event(negated=True)
    assert not match(AlertRule(id="r"), denied)
    assert match(AlertRule(id="r", include_negated=True), denied)


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "r", "countries": ["DE"]},
        {"id": "r", "countries": ["XYZ"]},
        {"id": "r", "source_countries": ["deu"]},
        {"id": "r", "event_types": ["HUG"]},
        {"id": "r", "modalities": ["maybe"]},
        {"id": "r", "goldstein_max": -11},
        {"id": "r", "throttle": -1},
        {"id": "r", "colour": "red"},
        {"id": "has space"},
        {"id": "heartbeat"},
        {"id": "r", "words": [""]},
    ],
)
def test_invalid_rules_are_rejected(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        AlertRule(**bad)


# --- throttle, silence, evaluate -----------------------------------------------------------------


def test_throttle_window_per_rule_and_key() -> None:
    state: dict[tuple[str, str], dt.datetime] = {}
    throttle = Throttle({"r": 60}, state)
    assert throttle.should_fire("r", "k", NOW)
    assert not throttle.should_fire("r", "k", NOW + dt.timedelta(seconds=59))
    assert throttle.should_fire("r", "other", NOW + dt.timedelta(seconds=1))
    assert throttle.should_fire("r", "k", NOW + dt.timedelta(seconds=60))
    assert state[("r", "k")] == NOW + dt.timedelta(seconds=60)
    # a rule without a window fires every time
    assert throttle.should_fire("free", "k", NOW) and throttle.should_fire("free", "k", NOW)


def test_throttle_state_is_injectable_and_prunable() -> None:
    state = {("r", "k"): NOW}
    throttle = Throttle({"r": 60}, state)
    assert not throttle.should_fire("r", "k", NOW + dt.timedelta(seconds=10))
    assert throttle.prune(NOW + dt.timedelta(seconds=61)) == 1
    assert state == {}


def test_evaluate_throttles_same_key_but_not_other_key() -> None:
    rule = AlertRule(id="threats", event_types=["THREATEN"], throttle=3600)
    throttle = Throttle.for_rules([rule])
    first = evaluate([rule], event(), NOW, throttle)
    again = evaluate([rule], event(event_id="f" * 40), NOW + dt.timedelta(minutes=5), throttle)
    other_target = event(
        event_id="1" * 40, target=ActorRef(name="France", country="FRA", kind="state", code="FRA")
    )
    third = evaluate([rule], other_target, NOW + dt.timedelta(minutes=6), throttle)
    later = evaluate([rule], event(event_id="2" * 40), NOW + dt.timedelta(hours=1), throttle)
    assert [len(first), len(again), len(third), len(later)] == [1, 0, 1, 1]


def test_silences_from_file_and_from_control() -> None:
    rule = AlertRule(id="r", silenced_until=NOW + dt.timedelta(hours=1))
    assert alerts.is_silenced(rule, NOW)
    assert not alerts.is_silenced(rule, NOW + dt.timedelta(hours=1))
    free = AlertRule(id="f")
    silences = {"f": NOW + dt.timedelta(minutes=1)}
    assert alerts.is_silenced(free, NOW, silences)
    assert evaluate([free], event(), NOW, Throttle({}), silences=silences) == []
    assert len(evaluate([free], event(), NOW + dt.timedelta(minutes=2), Throttle({}), silences=silences)) == 1


# --- alerts and links ----------------------------------------------------------------------------


def test_make_alert_ids_and_kibana_link() -> None:
    rule = AlertRule(id="threats", description="Threats against Germany")
    ev = event()
    alert = make_alert(rule, ev, NOW, "http://kibana.example:5601/", "dipwatch-events")
    assert alert.alert_id == alert_id("threats", ev.event_id)
    assert alert.rule_id == "threats" and alert.kind == "match" and alert.event == ev
    assert "Threats against Germany" in alert.message and ev.event_id in alert.message
    assert alert.kibana_url is not None
    url = urlsplit(alert.kibana_url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "http://kibana.example:5601/app/discover"
    assert url.fragment.startswith("/?")
    state = parse_qs(url.fragment[2:])
    a_state = unquote(state["_a"][0])
    g_state = unquote(state["_g"][0])
    assert "dataSource:(dataViewId:dipwatch-events,type:dataView)" in a_state
    assert f"query:(language:kuery,query:'event_id:\"{ev.event_id}\"')" in a_state
    # the window covers the event date (2025-02-28) and the alert time
    times = re.findall(r"(from|to):'([^']+)'", g_state)
    assert dict(times) == {"from": "2025-02-21T00:00:00.000Z", "to": "2025-03-02T12:00:00.000Z"}
    # the hash survives a browser: no spaces or quotes left unencoded
    assert " " not in alert.kibana_url and '"' not in alert.kibana_url


def test_rison_encoding() -> None:
    encoded = rison({"a": [1, "b c", True, None], "id": "x-y", "q": "it's!"})
    assert encoded == "(a:!(1,'b c',!t,!n),id:x-y,q:'it!'s!!')"
    assert rison("") == "''" and rison("-x") == "'-x'" and rison("1a") == "'1a'"


def test_heartbeat_fires_once_per_window_with_stable_ids() -> None:
    last_item = NOW - dt.timedelta(minutes=30)
    assert heartbeat(last_item, NOW, 3600, None) is None
    assert heartbeat(last_item, NOW, 0, None) is None  # off
    beat = heartbeat(last_item, NOW + dt.timedelta(minutes=31), 3600, None)
    assert beat is not None and beat.kind == "heartbeat" and beat.rule_id == "heartbeat"
    assert beat == heartbeat(last_item, NOW + dt.timedelta(minutes=31), 3600, None)
    fired = NOW + dt.timedelta(minutes=31)
    assert heartbeat(last_item, fired + dt.timedelta(minutes=10), 3600, fired) is None
    second = heartbeat(last_item, fired + dt.timedelta(hours=1), 3600, fired)
    assert second is not None and second.alert_id != beat.alert_id


# --- rules file ----------------------------------------------------------------------------------

GOOD = """\
rules:
  - id: threats
    event_types: [THREATEN]
    target_countries: [DEU]
    throttle: 60
  - id: words
    words: [ceasefire]
"""


def test_parse_rules_good_and_empty() -> None:
    rules = parse_rules(GOOD, "good.yaml")
    assert [r.id for r in rules] == ["threats", "words"]
    assert rules[0].throttle == 60
    assert parse_rules("", "empty.yaml") == []
    assert parse_rules("rules:\n", "empty.yaml") == []
    assert [r.id for r in parse_rules("- id: bare\n", "bare.yaml")] == ["bare"]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("rules:\n  - id: a\n    event_types: [THREATEN, HUG]\n", 3, "event_types.1"),
        ("rules:\n  - id: a\n    target_countries:\n      - DEU\n      - XX\n", 5, "target_countries"),
        ("rules:\n  - id: a\n    colour: red\n", 3, "unknown key"),
        ("rules:\n  - description: no id\n", 2, "id: Field required"),
        ("rules:\n  - id: a\n  - id: a\n", 3, "duplicate rule id 'a'"),
        ("rules:\n  - id: a\n    words: [x]\n    words: [y]\n", 3, "duplicate key 'words'"),
        ("rule:\n  - id: a\n", 1, "unknown top-level key 'rule'"),
        ("rules:\n  - id: a\n    throttle: [1\n", 4, "invalid YAML"),
        ("rules:\n  - id: a\n    silenced_until: 2025-01-01 10:00:00\n", 3, "timezone"),
        ("rules:\n  - just a string\n", 2, "must be a mapping"),
    ],
)
def test_parse_rules_errors_name_file_and_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(AlertRulesError) as info:
        parse_rules(text, "rules.yaml")
    message = str(info.value)
    assert f"rules.yaml:{line}:" in message, message
    assert reason in message, message


def test_load_rules_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AlertRulesError, match="cannot read"):
        load_rules(tmp_path / "nope.yaml")


def test_example_rules_file_is_valid() -> None:
    rules = load_rules(REPO / "examples" / "alerts.yaml")
    assert len(rules) >= 3


def test_silence_control_record_roundtrip() -> None:
    until = NOW + dt.timedelta(hours=2)
    assert decode_silence(encode_silence("r", until)) == until
    assert decode_silence(encode_silence("r", None)) is None
    assert decode_silence(None) is None


# --- CLI -----------------------------------------------------------------------------------------


def test_cli_check_ok_and_error(tmp_path: Path) -> None:
    runner = CliRunner()
    good = tmp_path / "good.yaml"
    good.write_text(GOOD)
    result = runner.invoke(app, ["alerts", "check", "--rules", str(good)])
    assert result.exit_code == 0, result.output
    assert "2 rule(s) OK" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: a\n    countries: [Germany]\n")
    result = runner.invoke(app, ["alerts", "check", "--rules", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:3:" in result.output and "alpha-3" in result.output


def test_cli_silence_embedded_mode_persists_in_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dipwatch.adapters.store import Store, default_path

    monkeypatch.delenv("DIPWATCH_KAFKA_BOOTSTRAP_SERVERS", raising=False)
    monkeypatch.setenv("DIPWATCH_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # no stray .env
    runner = CliRunner()
    result = runner.invoke(app, ["alerts", "silence", "threats", "--until", "2030-01-01T00:00:00Z"])
    assert result.exit_code == 0, result.output
    with Store(default_path(tmp_path)) as store:
        assert store.silences() == {"threats": dt.datetime(2030, 1, 1, tzinfo=dt.UTC)}
    result = runner.invoke(app, ["alerts", "unsilence", "threats"])
    assert result.exit_code == 0, result.output
    with Store(default_path(tmp_path)) as store:
        assert store.silences() == {}
    result = runner.invoke(app, ["alerts", "silence", "threats", "--until", "next tuesday"])
    assert result.exit_code == 2
