"""Security settings on real servers: Kafka SASL/SCRAM, Elasticsearch with TLS and basic auth.

* Kafka: the private stack's SASL_PLAINTEXT listener (SCRAM-SHA-512, ``stack.sh up --sasl``) and its
  SASL_SSL listener (the same user over TLS, a certificate for 127.0.0.1 from the stack's own CA,
  ``stack.sh up --sasl-ssl``); a client that does not trust that CA must be refused.
* Elasticsearch: the integ-test distribution ships x-pack-security, so a second node is started
  here with security on: HTTPS with a certificate from a CA made with ``openssl`` for 127.0.0.1,
  and the ``elastic`` user with a known bootstrap password.

The whole pipeline (watch → process → index) runs against both; every service runs with known
passwords and its logs (text at DEBUG, and JSON) must never contain them. Wrong credentials must
be refused with a clear error, not hang.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import time
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from faultkit import (
    DIPWATCH,
    FeedServer,
    Service,
    Stack,
    base_env,
    free_port,
    make_article,
    wait_for,
)

from dipwatch.settings import Settings

pytestmark = [pytest.mark.faults, pytest.mark.slow]

ES_USER = "dipwatch-es"
CLI_SUMMARY = re.compile(r"^(\S+: \d+ new / \d+ read \(|indexed \d+ documents, \d+ dead letters$)")
"""The end-of-run reports the CLI echoes (not log records)."""


@dataclass
class SecureEs:
    url: str
    password: str
    ca: Path

    def get(self, path: str, password: str | None = None) -> object:
        context = ssl.create_default_context(cafile=str(self.ca))
        auth = b64encode(f"elastic:{password or self.password}".encode()).decode()
        request = urllib.request.Request(f"{self.url}{path}", headers={"Authorization": f"Basic {auth}"})
        with urllib.request.urlopen(request, timeout=10, context=context) as r:
            return json.load(r)


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _certificates(directory: Path) -> None:
    """A CA and a server certificate for 127.0.0.1 / localhost, PEM."""
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=dipwatch-test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        cwd=directory,
    )
    _openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "node.key",
        "-out",
        "node.csr",
        cwd=directory,
    )
    (directory / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _openssl(
        "x509",
        "-req",
        "-in",
        "node.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
        "-out",
        "node.pem",
        cwd=directory,
    )


@pytest.fixture(scope="module")
def secure_es(fault_stack: Stack) -> Iterator[SecureEs]:
    """A second Elasticsearch node with security on (HTTPS + basic auth), from the stack's unpacked copy."""
    base = Path((fault_stack.cache / "run" / "es.base").read_text().strip())
    home = next(base.glob("elasticsearch-*"))
    root = Path(f"/var/tmp/dipwatch-secure-es-{secrets.token_hex(4)}")
    conf, data, logs, tmp = root / "config", root / "data", root / "logs", root / "tmp"
    for d in (data, logs, tmp):
        d.mkdir(parents=True)
    shutil.copytree(home / "config", conf)
    _certificates(conf)
    port, tport = free_port(), free_port()
    password = "es-" + secrets.token_urlsafe(12)
    (conf / "elasticsearch.yml").write_text(
        f"cluster.name: dipwatch-secure\nnode.name: secure-1\nnetwork.host: 127.0.0.1\n"
        f"http.port: {port}\ntransport.port: {tport}\ndiscovery.type: single-node\n"
        f"path.data: {data}\npath.logs: {logs}\n"
        "xpack.security.enabled: true\n"
        "xpack.security.http.ssl.enabled: true\n"
        "xpack.security.http.ssl.certificate: node.pem\n"
        "xpack.security.http.ssl.key: node.key\n"
        "xpack.security.http.ssl.certificate_authorities: [ca.pem]\n"
        "xpack.security.transport.ssl.enabled: false\n"
        "cluster.routing.allocation.disk.threshold_enabled: false\n"
    )
    (conf / "jvm.options.d").mkdir(exist_ok=True)
    (conf / "jvm.options.d" / "heap.options").write_text("-Xms384m\n-Xmx512m\n")
    as_root = os.getuid() == 0
    if as_root:
        subprocess.run(["chown", "-R", ES_USER, str(root)], check=True)
    prefix = ["runuser", "-u", ES_USER, "--"] if as_root else []
    java_home = next(Path("/usr/lib/jvm").glob("temurin-2*"), None) or Path(
        os.environ.get("JAVA_HOME", "/usr")
    )
    env = {**os.environ, "ES_JAVA_HOME": str(java_home), "ES_PATH_CONF": str(conf), "ES_TMPDIR": str(tmp)}
    subprocess.run(
        [*prefix, str(home / "bin" / "elasticsearch-keystore"), "create"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        [*prefix, str(home / "bin" / "elasticsearch-keystore"), "add", "-x", "bootstrap.password"],
        env=env,
        input=password.encode(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    pidfile = root / "es.pid"
    subprocess.run(
        [*prefix, str(home / "bin" / "elasticsearch"), "-d", "-p", str(pidfile)],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    es = SecureEs(f"https://127.0.0.1:{port}", password, conf / "ca.pem")
    try:
        wait_for(
            lambda: es.get("/_cluster/health?wait_for_status=yellow&timeout=1s") is not None,
            240,
            "the secured Elasticsearch",
            2.0,
        )
        yield es
    finally:
        with contextlib.suppress(OSError, ValueError):
            pid = int(pidfile.read_text())
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
                time.sleep(0.5)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(root, ignore_errors=True)


def _secure_settings(stack: Stack, es: SecureEs, prefix: str) -> Settings:
    return Settings(
        kafka_bootstrap_servers=stack.env["DIPWATCH_KAFKA_SASL_BOOTSTRAP_SERVERS"],
        kafka_security_protocol="SASL_PLAINTEXT",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username=stack.env["DIPWATCH_KAFKA_SASL_USERNAME"],
        kafka_sasl_password=stack.env["DIPWATCH_KAFKA_SASL_PASSWORD"],
        elasticsearch_url=es.url,
        topic_prefix=prefix,
        index_prefix=prefix,
        consumer_group=prefix,
        topic_partitions=2,
    )


def _es_env(es: SecureEs, password: str | None = None) -> dict[str, str]:
    return {
        "DIPWATCH_ELASTICSEARCH_USERNAME": "elastic",
        "DIPWATCH_ELASTICSEARCH_PASSWORD": password or es.password,
        "DIPWATCH_ELASTICSEARCH_CA_CERTS": str(es.ca),
    }


def _no_secret(service: Service, *secrets_: str) -> None:
    text = service.text()
    assert text.strip(), f"{service.name} logged nothing"
    for secret in secrets_:
        assert secret not in text, f"{service.name} logged a password"


@pytest.fixture(scope="module")
def sasl_ssl_env(fault_stack: Stack) -> dict[str, str]:
    """The stack's env lines with the SASL_SSL listener and its CA (``up`` is idempotent)."""
    fault_stack.sh("up", "--sasl-ssl", timeout=400)
    env = dict(fault_stack.env)
    for name in ("DIPWATCH_KAFKA_SASL_SSL_BOOTSTRAP_SERVERS", "DIPWATCH_KAFKA_SSL_CAFILE"):
        assert env.get(name), f"stack.sh up --sasl-ssl printed no {name}"
    assert Path(env["DIPWATCH_KAFKA_SSL_CAFILE"]).is_file()
    return env


def _sasl_ssl_settings(stack_env: dict[str, str], es: SecureEs, prefix: str) -> Settings:
    return Settings(
        kafka_bootstrap_servers=stack_env["DIPWATCH_KAFKA_SASL_SSL_BOOTSTRAP_SERVERS"],
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username=stack_env["DIPWATCH_KAFKA_SASL_USERNAME"],
        kafka_sasl_password=stack_env["DIPWATCH_KAFKA_SASL_PASSWORD"],
        elasticsearch_url=es.url,
        topic_prefix=prefix,
        index_prefix=prefix,
        consumer_group=prefix,
        topic_partitions=2,
    )


@pytest.mark.timeout(420)
@pytest.mark.parametrize("log_format", ["json", "text"])
def test_pipeline_over_sasl_and_secured_elasticsearch(
    fault_stack: Stack, secure_es: SecureEs, tmp_path: Path, log_format: str
) -> None:
    prefix = "s" + secrets.token_hex(4)
    settings = _secure_settings(fault_stack, secure_es, prefix)
    kafka_password = fault_stack.env["DIPWATCH_KAFKA_SASL_PASSWORD"]
    level = "DEBUG" if log_format == "text" else "INFO"
    env = base_env(
        settings,
        tmp_path / "data",
        DIPWATCH_LOG_FORMAT=log_format,
        DIPWATCH_LOG_LEVEL=level,
        **_es_env(secure_es),
    )
    _run_pipeline(env, secure_es, prefix, tmp_path, log_format, kafka_password)


@pytest.mark.timeout(420)
def test_pipeline_over_sasl_ssl_and_secured_elasticsearch(
    sasl_ssl_env: dict[str, str], secure_es: SecureEs, tmp_path: Path
) -> None:
    """TLS to Kafka through configuration alone: protocol, CA file and the SCRAM user, nothing else."""
    prefix = "t" + secrets.token_hex(4)
    settings = _sasl_ssl_settings(sasl_ssl_env, secure_es, prefix)
    env = base_env(
        settings,
        tmp_path / "data",
        DIPWATCH_KAFKA_SSL_CAFILE=sasl_ssl_env["DIPWATCH_KAFKA_SSL_CAFILE"],
        DIPWATCH_LOG_FORMAT="text",
        DIPWATCH_LOG_LEVEL="DEBUG",
        **_es_env(secure_es),
    )
    assert env["DIPWATCH_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    _run_pipeline(env, secure_es, prefix, tmp_path, "text", sasl_ssl_env["DIPWATCH_KAFKA_SASL_PASSWORD"])


@pytest.mark.timeout(240)
def test_sasl_ssl_client_without_the_ca_is_refused(
    sasl_ssl_env: dict[str, str], secure_es: SecureEs, tmp_path: Path
) -> None:
    """Without DIPWATCH_KAFKA_SSL_CAFILE the system trust store does not know the stack's CA."""
    prefix = "t" + secrets.token_hex(4)
    settings = _sasl_ssl_settings(sasl_ssl_env, secure_es, prefix)
    env = base_env(settings, tmp_path / "data", DIPWATCH_LOG_LEVEL="DEBUG", **_es_env(secure_es))
    assert "DIPWATCH_KAFKA_SSL_CAFILE" not in env
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - id: nothing\n    url: http://127.0.0.1:9/feed.xml\n")
    watcher = Service("watcher-no-ca", ["watch", "--feeds", str(feeds), "--once"], env, tmp_path).start()
    code = watcher.wait(150)
    assert code != 0, watcher.tail()
    assert "CERTIFICATE_VERIFY_FAILED" in watcher.text() or "certificate verify failed" in watcher.text(), (
        watcher.tail()
    )
    _no_secret(watcher, sasl_ssl_env["DIPWATCH_KAFKA_SASL_PASSWORD"])


def _run_pipeline(
    env: dict[str, str],
    secure_es: SecureEs,
    prefix: str,
    tmp_path: Path,
    log_format: str,
    kafka_password: str,
) -> None:
    """Watch 3 articles once, process and index them; 9 events and 3 articles land, no password logged."""
    server = FeedServer()
    services: list[Service] = []
    try:
        for n in range(3):
            server.add(make_article(1000 + n, "secure", time_of(n)))
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(
            f"feeds:\n  - id: secure\n    url: {server.url('/feed/secure.xml')}\n    language: en\n"
        )
        watcher = Service("watcher", ["watch", "--feeds", str(feeds), "--once"], env, tmp_path).start()
        services.append(watcher)
        assert watcher.wait(120) == 0, watcher.tail()
        processor = Service("processor", ["process", "--workers", "1"], env, tmp_path).start()
        services.append(processor)
        indexer = Service("indexer", ["index", "--batch-ms", "300"], env, tmp_path).start()
        services.append(indexer)

        def count(index: str) -> int:
            found = secure_es.get(f"/{prefix}-{index}/_count")
            return int(found["count"]) if isinstance(found, dict) else -1

        # Events and articles are separate topics, indexed in separate bulk batches: wait for both.
        wait_for(
            lambda: count("events") == 9 and count("articles") == 3,
            180,
            "9 events and 3 articles in the secured Elasticsearch",
            2.0,
            processor.tail() + indexer.tail(),
        )
        time.sleep(2.0)
        assert (count("events"), count("articles")) == (9, 3), "duplicates appeared after the first count"
        for service in services:
            service.stop()
        for service in services:
            _no_secret(service, kafka_password, secure_es.password)
            if log_format == "json":
                lines = [
                    line
                    for line in service.text().splitlines()
                    if line.strip() and not line.startswith("=====")
                ]
                not_json = [line for line in lines if not _is_json(line) and not CLI_SUMMARY.match(line)]
                assert not not_json, f"{service.name}: non-JSON log lines {not_json[:5]}"
    finally:
        for service in services:
            service.stop()
        server.stop()
        with contextlib.suppress(OSError):
            secure_es_delete(secure_es, prefix)


def time_of(n: int) -> dt.datetime:
    return dt.datetime(2025, 3, 10, 9, n, tzinfo=dt.UTC)


def _is_json(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def secure_es_delete(es: SecureEs, prefix: str) -> None:
    context = ssl.create_default_context(cafile=str(es.ca))
    auth = b64encode(f"elastic:{es.password}".encode()).decode()
    request = urllib.request.Request(
        f"{es.url}/{prefix}-*?expand_wildcards=all",
        method="DELETE",
        headers={"Authorization": f"Basic {auth}"},
    )
    urllib.request.urlopen(request, timeout=30, context=context).close()


@pytest.mark.timeout(240)
def test_wrong_credentials_are_refused_clearly(
    fault_stack: Stack, secure_es: SecureEs, tmp_path: Path
) -> None:
    prefix = "s" + secrets.token_hex(4)
    settings = _secure_settings(fault_stack, secure_es, prefix)
    wrong_es = "wrong-es-" + secrets.token_hex(6)
    env = base_env(settings, tmp_path / "data", **_es_env(secure_es, wrong_es))
    indexer = Service("indexer-wrong-es", ["index", "--until-idle"], env, tmp_path).start()
    code = indexer.wait(120)
    assert code != 0, indexer.tail()
    assert "401" in indexer.text() or "AuthenticationException" in indexer.text(), indexer.tail()
    _no_secret(indexer, wrong_es, secure_es.password)

    wrong_kafka = "wrong-kafka-" + secrets.token_hex(6)
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - id: nothing\n    url: http://127.0.0.1:9/feed.xml\n")
    bad_env = {**env, "DIPWATCH_KAFKA_SASL_PASSWORD": wrong_kafka}
    watcher = Service(
        "watcher-wrong-kafka", ["watch", "--feeds", str(feeds), "--once"], bad_env, tmp_path
    ).start()
    code = watcher.wait(120)
    assert code != 0, watcher.tail()
    assert "authentication" in watcher.text().lower(), watcher.tail()
    _no_secret(watcher, wrong_kafka, fault_stack.env["DIPWATCH_KAFKA_SASL_PASSWORD"])
    # and the secured node itself refuses a wrong password
    with pytest.raises(urllib.error.HTTPError) as refused:
        secure_es.get("/", password=wrong_es)
    assert refused.value.code == 401
    assert DIPWATCH.exists()
