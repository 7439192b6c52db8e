"""docker-compose.yml and deploy/Dockerfile, checked statically (no Docker engine is needed).

``docker-compose config -q`` validates the file; the rest checks what it cannot: referenced files
exist, every ``DIPWATCH_*`` variable is a settings field with a valid value, and every dipwatch
service runs a real sub-command of the ``dipwatch`` CLI.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from dipwatch.adapters.kafka.admin import STAGES
from dipwatch.cli.main import app
from dipwatch.settings import Settings

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "deploy" / "Dockerfile"
DIPWATCH_IMAGE = "dipwatch:local"


def compose_command() -> list[str]:
    """The compose client: Debian's ``docker-compose`` (v1) or the ``docker compose`` plugin."""
    binary = shutil.which("docker-compose")
    if binary:
        return [binary]
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    hint = "install it: apt-get install -y docker-compose"
    pytest.fail(f"no docker-compose client found ({hint}); CI={os.environ.get('CI', '')!r}")


@cache
def rendered() -> dict[str, Any]:
    """The compose file as the client resolves it (anchors merged, paths absolute)."""
    result = subprocess.run(
        [*compose_command(), "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "COMPOSE_PROJECT_NAME": "dipwatch-test"},
    )
    assert result.returncode == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert isinstance(doc, dict)
    return doc


def services() -> dict[str, dict[str, Any]]:
    return dict(rendered()["services"])


def dipwatch_services() -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in services().items() if svc.get("image") == DIPWATCH_IMAGE}


def bind_mounts(service: dict[str, Any]) -> list[tuple[Path, str]]:
    mounts: list[tuple[Path, str]] = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            if volume.get("type") == "bind":
                mounts.append((Path(volume["source"]), volume["target"]))
            continue
        source, target = volume.split(":")[:2]
        if source.startswith(("/", ".")):
            mounts.append(((REPO / source).resolve(), target))
    return mounts


def as_list(command: Any) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def test_compose_config_is_valid() -> None:
    result = subprocess.run(
        [*compose_command(), "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr


def test_expected_services_and_images() -> None:
    svcs = services()
    assert {"kafka", "topics", "elasticsearch", "kibana", "kibana-setup"} <= set(svcs)
    assert set(dipwatch_services()) == {"watcher", "processor", "indexer", "alerts"}
    assert svcs["kafka"]["image"] == "apache/kafka:4.1.1"
    assert svcs["elasticsearch"]["image"] == "docker.elastic.co/elasticsearch/elasticsearch:9.2.0"
    assert svcs["kibana"]["image"] == "docker.elastic.co/kibana/kibana:9.2.0"
    assert svcs["kafka"]["environment"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert svcs["elasticsearch"]["environment"]["xpack.security.enabled"] == "false"


def test_published_ports_are_loopback_only() -> None:
    for name, svc in services().items():
        for port in svc.get("ports", []):
            text = str(port["host_ip"]) if isinstance(port, dict) else str(port)
            assert text.startswith("127.0.0.1"), f"{name} publishes {port} beyond loopback"


def test_referenced_files_exist() -> None:
    for name, svc in services().items():
        build = svc.get("build")
        if build:
            context = Path(build["context"])
            assert context.is_dir(), f"{name}: build context {context}"
            assert (context / build.get("dockerfile", "Dockerfile")).is_file(), f"{name}: Dockerfile"
        for source, target in bind_mounts(svc):
            assert source.exists(), f"{name}: mounted {source} → {target} does not exist"
    # the importer posts this file (written with the Kibana saved objects)
    assert (REPO / "deploy" / "kibana" / "dipwatch.ndjson").is_file()


def test_dockerfile_copies_existing_files() -> None:
    text = DOCKERFILE.read_text()
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    assert re.search(r'^ENTRYPOINT \["dipwatch"\]', text, re.M)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0"), "the final stage must run as a non-root user"
    for line in re.findall(r"^COPY (.+)$", text, re.M):
        parts = [p for p in line.split() if not p.startswith("--")]
        if "--from" in line:
            continue
        for source in parts[:-1]:
            assert (REPO / source).exists(), f"COPY source {source} missing"


def test_dipwatch_env_vars_are_settings_fields_with_valid_values() -> None:
    fields = set(Settings.model_fields)
    seen = 0
    for name, svc in services().items():
        env = svc.get("environment", {}) or {}
        values: dict[str, Any] = {}
        for key, value in env.items():
            if not key.startswith("DIPWATCH_"):
                continue
            field = key.removeprefix("DIPWATCH_").lower()
            assert field in fields, f"{name}: {key} is not a field of dipwatch.settings.Settings"
            values[field] = value
            seen += 1
        if name in dipwatch_services():
            assert "kafka_bootstrap_servers" in values and "elasticsearch_url" in values, name
            Settings(**values)  # every value parses
    assert seen > 0


def _resolve(group: Any, args: list[str]) -> tuple[Any, list[str], list[str]]:
    """Walk the command tree (typer may vendor click, so groups are recognised by ``commands``)."""
    command = group
    path: list[str] = []
    while hasattr(command, "commands") and args and not args[0].startswith("-"):
        sub = command.commands.get(args[0])
        assert sub is not None, f"`dipwatch {' '.join([*path, args[0]])}` is not a sub-command"
        path.append(args[0])
        command, args = sub, args[1:]
    return command, path, args


@pytest.mark.parametrize("service", ["watcher", "processor", "indexer", "alerts"])
def test_service_commands_are_real_subcommands(service: str) -> None:
    svc = dipwatch_services()[service]
    args = as_list(svc["command"])
    root = typer.main.get_command(app)
    command, path, rest = _resolve(root, args)
    assert not hasattr(command, "commands"), f"`dipwatch {' '.join(path)}` needs a sub-command"
    known = {opt for param in command.params for opt in param.opts}
    for token in rest:
        if token.startswith("-"):
            assert token.split("=")[0] in known, f"{service}: `dipwatch {' '.join(path)}` has no {token}"
    try:
        command.make_context(" ".join(path), list(rest))
    except Exception as exc:  # click's UsageError family, from whichever click typer uses
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        # a path that only exists inside the container is fine; anything else is a broken command
        assert type(exc).__name__ == "BadParameter" and "does not exist" in message, f"{service}: {message}"
    # files the command reads from /config must be in the mounted host directory
    mounts = dict((target, source) for source, target in bind_mounts(svc))
    for arg in rest:
        if arg.startswith("/config/"):
            assert "/config" in mounts, f"{service}: /config is not mounted"
            host = mounts["/config"] / arg.removeprefix("/config/")
            assert host.is_file(), f"{service}: {arg} → {host} does not exist"


def test_long_running_services_have_healthchecks_and_ordered_start() -> None:
    svcs = services()
    for name in ("kafka", "elasticsearch", "kibana", *dipwatch_services()):
        assert svcs[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    for name in dipwatch_services():
        depends = svcs[name]["depends_on"]
        assert depends["topics"]["condition"] == "service_completed_successfully", name
    assert svcs["indexer"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    assert svcs["topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert svcs["kibana-setup"]["depends_on"]["kibana"]["condition"] == "service_healthy"


def test_topic_script_creates_every_stage_and_compacted_state_topics() -> None:
    script = (REPO / "deploy" / "compose" / "create-topics.sh").read_text()
    loop = re.search(r"for stage in ([^;]+);", script)
    assert loop is not None
    assert set(loop.group(1).split()) == set(STAGES)
    assert re.search(r"for state in watcher-state alert-control;", script)
    assert "cleanup.policy=compact" in script and "--partitions" in script
    result = subprocess.run(["bash", "-n", str(REPO / "deploy" / "compose" / "create-topics.sh")])
    assert result.returncode == 0
    result = subprocess.run(["sh", "-n", str(REPO / "deploy" / "compose" / "import-kibana.sh")])
    assert result.returncode == 0
