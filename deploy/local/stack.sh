#!/usr/bin/env bash
# The real local stack for tests and development: one Apache Kafka broker (KRaft, broker+controller)
# and one Elasticsearch node, both fetched from Maven Central, cached outside the repository and
# bound to free loopback ports.
#
#   deploy/local/stack.sh up [--sasl|--sasl-ssl]   start what is not running, wait for health, print
#                                       the env lines (--sasl-ssl: the --sasl lines plus the SASL_SSL
#                                       listener and its CA file)
#   deploy/local/stack.sh env [--sasl|--sasl-ssl]  print the env lines of a running stack (exit 1 if not up)
#   deploy/local/stack.sh status        human-readable state on stderr, exit 0 if both are healthy
#   deploy/local/stack.sh down          stop both
#   deploy/local/stack.sh restart-kafka [--sasl|--sasl-ssl]  stop the broker only, start it again on the same ports
#                                       with its data (fault tests), print the env lines
#   deploy/local/stack.sh stop-es       stop Elasticsearch only (fault tests); `up` brings it back
#
# stdout of `up`/`env` is exactly the environment lines (eval/export-able); everything else goes to
# stderr and to the log files in the state directory. See deploy/local/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${DIPWATCH_STACK_CACHE:-${HOME}/.cache/dipwatch-stack}"
RUN="${CACHE}/run"
KAFKA_VERSION="4.1.1"
ES_VERSION="9.2.0"
KAFKA_LIB="${CACHE}/kafka-${KAFKA_VERSION}/lib"
ES_ZIP_DIR="${CACHE}/es-zip"
ES_USER="dipwatch-es"
SASL_USER="dipwatch"
SASL_MECHANISM="SCRAM-SHA-512"
START_TIMEOUT="${DIPWATCH_STACK_TIMEOUT:-180}"

log() { printf '[stack] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- helpers ----------------------------------------------------------------------------------

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

port_open() {  # port_open PORT -> 0 when something accepts on 127.0.0.1:PORT
  python3 - "$1" <<'PY'
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
except OSError:
    sys.exit(1)
PY
}

ports_free() {  # ports_free PORT... -> 0 when every port can be bound on 127.0.0.1
  python3 - "$@" <<'PY'
import socket, sys
for port in sys.argv[1:]:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(port)))
    except (OSError, ValueError):
        sys.exit(1)
    finally:
        s.close()
PY
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

state_get() { [[ -f "${RUN}/$1" ]] && cat "${RUN}/$1" || true; }
state_set() { printf '%s\n' "$2" >"${RUN}/$1"; }

java_major() {  # java_major /path/to/bin/java -> major version number
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' \
    | awk -F. '{ if ($1 == "1") print $2; else print $1 }'
}

find_java() {  # find_java MIN_MAJOR -> prints a java binary of at least that major version
  local min="$1" cand major
  local -a cands=()
  [[ -n "${JAVA_HOME:-}" ]] && cands+=("${JAVA_HOME}/bin/java")
  command -v java >/dev/null 2>&1 && cands+=("$(command -v java)")
  for cand in /usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/*/*/bin/java /usr/local/*/bin/java; do
    [[ -x "$cand" ]] && cands+=("$cand")
  done
  for cand in "${cands[@]}"; do
    [[ -x "$cand" ]] || continue
    major="$(java_major "$cand" || true)"
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= min )); then
      readlink -f "$cand"
      return 0
    fi
  done
  return 1
}

# --- fetching (Maven Central, cached) ---------------------------------------------------------

fetch_kafka() {
  [[ -f "${KAFKA_LIB}/kafka_2.13-${KAFKA_VERSION}.jar" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch Kafka into ${CACHE})"
  log "fetching Kafka ${KAFKA_VERSION} and its dependencies into ${KAFKA_LIB}"
  local tmp="${KAFKA_LIB}.tmp.$$"
  rm -rf "$tmp"
  mvn -B -q -Dstyle.color=never -f "${SCRIPT_DIR}/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" -DexcludeTypes=zip -DincludeScope=runtime >&2
  rm -rf "$KAFKA_LIB" && mv "$tmp" "$KAFKA_LIB"
}

fetch_es() {
  [[ -f "${ES_ZIP_DIR}/elasticsearch-${ES_VERSION}.zip" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch Elasticsearch into ${CACHE})"
  log "fetching Elasticsearch ${ES_VERSION} (integ-test-zip, ~99 MB) into ${ES_ZIP_DIR}"
  local tmp="${ES_ZIP_DIR}.tmp.$$"
  rm -rf "$tmp"
  mvn -B -q -Dstyle.color=never -f "${SCRIPT_DIR}/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" -DincludeTypes=zip >&2
  rm -rf "$ES_ZIP_DIR" && mv "$tmp" "$ES_ZIP_DIR"
}

unzip_keep_modes() {  # unzip_keep_modes ZIP DEST (python: unzip may be missing; keeps exec bits)
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zf:
    for info in zf.infolist():
        path = zf.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode:
            os.chmod(path, mode)
PY
}

# --- TLS for the SASL_SSL listener --------------------------------------------------------------

TLS="${RUN}/tls"

ensure_tls() {  # a CA and a broker certificate for 127.0.0.1/localhost, made once; PKCS12 keystore
  [[ -s "${TLS}/broker.p12" && -s "${TLS}/ca.pem" && -s "${TLS}/keystore.password" ]] && return 0
  log "making a CA and a broker certificate for 127.0.0.1 in ${TLS}"
  rm -rf "$TLS"; mkdir -p "$TLS"; chmod 700 "$TLS"
  (
    cd "$TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=dipwatch-local-ca \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
      -keyout ca.key -out ca.pem
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout broker.key -out broker.csr
    printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' 'basicConstraints=CA:FALSE' \
      'keyUsage=critical,digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' \
      'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid,issuer' >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile broker.ext -out broker.pem
    python3 -c 'import secrets; print(secrets.token_urlsafe(18))' >keystore.password
    openssl pkcs12 -export -name broker -in broker.pem -inkey broker.key -certfile ca.pem \
      -passout file:keystore.password -out broker.p12
    chmod 600 ca.key broker.key keystore.password broker.p12
  ) >"${RUN}/tls.log" 2>&1 || { cat "${RUN}/tls.log" >&2; rm -rf "$TLS"; die "making the TLS material failed"; }
}

kafka_has_sasl_ssl() {  # the broker's config has the SASL_SSL listener (brokers made before it had none)
  grep -q '^listeners=.*SASL_SSL://' "${RUN}/kafka/server.properties" 2>/dev/null \
    && [[ -n "$(state_get kafka.sasl_ssl_port)" ]]
}

# --- Kafka ------------------------------------------------------------------------------------

kafka_healthy() {
  local pid port
  pid="$(state_get kafka.pid)"; port="$(state_get kafka.port)"
  pid_alive "$pid" && [[ -n "$port" ]] && port_open "$port"
}

start_kafka() {
  fetch_kafka
  local java; java="$(find_java 17)" || die "Kafka ${KAFKA_VERSION} needs Java 17+; none found"
  local dir="${RUN}/kafka"
  local port cport sport tport="" password cluster_id
  local -a old_ports=()
  [[ -f "$dir/server.properties" ]] && mapfile -t old_ports < <(grep '^listeners=' "$dir/server.properties" | grep -o ':[0-9][0-9]*' | tr -d :)
  # 3 ports: a broker made before the SASL_SSL listener existed; 4: with it.
  if [[ -f "$dir/data/meta.properties" && ${#old_ports[@]} -ge 3 ]] && ports_free "${old_ports[@]}"; then
    # A stopped or crashed broker comes back on the same ports with its topics: clients keep working.
    port="$(state_get kafka.port)"
    log "restarting Kafka on 127.0.0.1:${port} with its previous data"
    kafka_launch "$java" "$dir" "$port"
    return
  fi
  rm -rf "$dir"; mkdir -p "$dir/data"
  port="$(free_port)"; cport="$(free_port)"; sport="$(free_port)"
  while [[ "$cport" == "$port" ]]; do cport="$(free_port)"; done
  while [[ "$sport" == "$port" || "$sport" == "$cport" ]]; do sport="$(free_port)"; done
  rm -f "${RUN}/kafka.sasl_ssl_port"
  local ssl_listener="" ssl_advertised="" ssl_map="" ssl_props=""
  if command -v openssl >/dev/null; then
    ensure_tls
    tport="$(free_port)"
    while [[ "$tport" == "$port" || "$tport" == "$cport" || "$tport" == "$sport" ]]; do tport="$(free_port)"; done
    ssl_listener=",SASL_SSL://127.0.0.1:${tport}"; ssl_advertised="$ssl_listener"; ssl_map=",SASL_SSL:SASL_SSL"
    ssl_props="listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=${TLS}/broker.p12
ssl.keystore.password=$(cat "${TLS}/keystore.password")
ssl.client.auth=none"
  else
    log "openssl not found: no SASL_SSL listener"
  fi
  password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${cport}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport},SASL_PLAINTEXT://127.0.0.1:${sport}${ssl_listener}
advertised.listeners=PLAINTEXT://127.0.0.1:${port},SASL_PLAINTEXT://127.0.0.1:${sport}${ssl_advertised}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT${ssl_map}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
sasl.enabled.mechanisms=${SASL_MECHANISM}
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
${ssl_props}
log.dirs=${dir}/data
auto.create.topics.enable=false
num.partitions=4
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
log.retention.hours=24
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRefs = stdout
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = WARN
EOF
  cluster_id="$("$java" -cp "${KAFKA_LIB}/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  log "formatting Kafka storage (cluster ${cluster_id}, SCRAM user ${SASL_USER})"
  "$java" -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "${KAFKA_LIB}/*" kafka.tools.StorageTool format \
    -t "$cluster_id" -c "$dir/server.properties" \
    --add-scram "${SASL_MECHANISM}=[name=${SASL_USER},password=${password}]" >"$dir/format.log" 2>&1 \
    || { cat "$dir/format.log" >&2; die "Kafka storage format failed"; }
  chmod 600 "$dir/server.properties"
  state_set kafka.port "$port"; state_set kafka.sasl_port "$sport"
  [[ -n "$tport" ]] && state_set kafka.sasl_ssl_port "$tport"
  state_set kafka.sasl_password "$password"; chmod 600 "${RUN}/kafka.sasl_password"
  log "starting Kafka ${KAFKA_VERSION} on 127.0.0.1:${port} (SASL ${sport}, SASL_SSL ${tport:-none}, controller ${cport}) with ${java}"
  kafka_launch "$java" "$dir" "$port"
}

kafka_launch() {  # kafka_launch JAVA DIR PORT: start the broker of DIR and wait until it serves
  local java="$1" dir="$2" port="$3"
  local mark=0
  [[ -f "$dir/kafka.log" ]] && mark="$(wc -l <"$dir/kafka.log")"
  setsid nohup "$java" -Xms256m -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "${KAFKA_LIB}/*" kafka.Kafka "$dir/server.properties" >>"$dir/kafka.log" 2>&1 </dev/null 9>&- &
  local pid=$!
  state_set kafka.pid "$pid"
  local deadline=$((SECONDS + START_TIMEOUT))
  until tail -n +"$((mark + 1))" "$dir/kafka.log" | grep -q "Kafka Server started" && port_open "$port"; do
    pid_alive "$pid" || { tail -n 40 "$dir/kafka.log" >&2; die "Kafka exited during start-up"; }
    (( SECONDS < deadline )) || { tail -n 40 "$dir/kafka.log" >&2; die "Kafka not up after ${START_TIMEOUT}s"; }
    sleep 0.5
  done
  log "Kafka is up"
}

# --- Elasticsearch ----------------------------------------------------------------------------

es_url() { echo "http://127.0.0.1:$(state_get es.port)"; }

es_healthy() {
  local pid port
  pid="$(state_get es.pid)"; port="$(state_get es.port)"
  pid_alive "$pid" && [[ -n "$port" ]] \
    && python3 - "$port" <<'PY'
import json, sys, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/_cluster/health?wait_for_status=yellow&timeout=1s"
try:
    with urllib.request.urlopen(url, timeout=5) as r:
        sys.exit(0 if json.load(r).get("status") in ("yellow", "green") else 1)
except Exception:
    sys.exit(1)
PY
}

as_es_user() {  # run a command as the unprivileged Elasticsearch user when we are root
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

start_es() {
  fetch_es
  local java; java="$(find_java 21)" || die "Elasticsearch ${ES_VERSION} needs Java 21+; none found in JAVA_HOME, PATH, /usr/lib/jvm, /opt"
  local java_home; java_home="$(dirname "$(dirname "$java")")"
  # Elasticsearch refuses to run as root: as root, run it as a dedicated system user from a directory
  # that user can reach (the cache under /root usually is not reachable).
  local base
  if [[ "$(id -u)" == "0" ]]; then
    id "$ES_USER" >/dev/null 2>&1 || { log "creating system user ${ES_USER}"; useradd -r -M -s /usr/sbin/nologin "$ES_USER"; }
    base="${DIPWATCH_STACK_ES_DIR:-/var/tmp/dipwatch-stack-es-$(printf '%s' "$CACHE" | cksum | cut -d' ' -f1)}"
  else
    base="${RUN}/es"
  fi
  local home="${base}/elasticsearch-${ES_VERSION}"
  if [[ ! -f "${home}/lib/elasticsearch-${ES_VERSION}.jar" ]]; then
    log "unpacking Elasticsearch into ${base}"
    rm -rf "$base"; mkdir -p "$base"
    unzip_keep_modes "${ES_ZIP_DIR}/elasticsearch-${ES_VERSION}.zip" "$base"
  fi
  local conf="${base}/config" data="${base}/data" logs="${base}/logs" tmp="${base}/tmp"
  local port tport
  port="$(sed -n 's/^http.port: //p' "${conf}/elasticsearch.yml" 2>/dev/null || true)"
  tport="$(sed -n 's/^transport.port: //p' "${conf}/elasticsearch.yml" 2>/dev/null || true)"
  if [[ -n "$port" && -n "$tport" && -d "$data" ]] && ports_free "$port" "$tport"; then
    log "restarting Elasticsearch on 127.0.0.1:${port} with its previous data"
  else
    rm -rf "$conf" "$data" "$logs" "$tmp"
    mkdir -p "$data" "$logs" "$tmp"
    cp -r "${home}/config" "$conf"
    port="$(free_port)"; tport="$(free_port)"
    while [[ "$tport" == "$port" ]]; do tport="$(free_port)"; done
    cat >"${conf}/elasticsearch.yml" <<EOF
cluster.name: dipwatch-local
node.name: dipwatch-local-1
network.host: 127.0.0.1
http.port: ${port}
transport.port: ${tport}
discovery.type: single-node
path.data: ${data}
path.logs: ${logs}
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
    printf -- '-Xms512m\n-Xmx1g\n' >"${conf}/jvm.options.d/heap.options"
  fi
  [[ "$(id -u)" == "0" ]] && chown -R "$ES_USER" "$base"
  log "starting Elasticsearch ${ES_VERSION} on 127.0.0.1:${port} with ${java_home}"
  local pidfile="${base}/es.pid"
  rm -f "$pidfile"
  as_es_user env ES_JAVA_HOME="$java_home" ES_PATH_CONF="$conf" ES_TMPDIR="$tmp" \
    "${home}/bin/elasticsearch" -d -p "$pidfile" >"${RUN}/es-start.log" 2>&1 </dev/null 9>&- \
    || { tail -n 40 "${RUN}/es-start.log" "${logs}"/*.log >&2 2>/dev/null; die "Elasticsearch failed to start"; }
  local deadline=$((SECONDS + START_TIMEOUT))
  until [[ -s "$pidfile" ]]; do
    (( SECONDS < deadline )) || die "Elasticsearch wrote no pid file after ${START_TIMEOUT}s"
    sleep 0.5
  done
  state_set es.pid "$(cat "$pidfile")"; state_set es.port "$port"; state_set es.base "$base"
  until es_healthy; do
    pid_alive "$(state_get es.pid)" || { tail -n 40 "${logs}"/*.log >&2 2>/dev/null; die "Elasticsearch exited during start-up"; }
    (( SECONDS < deadline )) || die "Elasticsearch not yellow after ${START_TIMEOUT}s (logs: ${logs})"
    sleep 1
  done
  log "Elasticsearch is up"
}

# --- commands ---------------------------------------------------------------------------------

print_env() {
  echo "DIPWATCH_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$(state_get kafka.port)"
  echo "DIPWATCH_ELASTICSEARCH_URL=$(es_url)"
  if [[ "${1:-}" == "--sasl" || "${1:-}" == "--sasl-ssl" ]]; then
    echo "DIPWATCH_KAFKA_SASL_BOOTSTRAP_SERVERS=127.0.0.1:$(state_get kafka.sasl_port)"
    echo "DIPWATCH_KAFKA_SASL_SECURITY_PROTOCOL=SASL_PLAINTEXT"
    echo "DIPWATCH_KAFKA_SASL_MECHANISM=${SASL_MECHANISM}"
    echo "DIPWATCH_KAFKA_SASL_USERNAME=${SASL_USER}"
    echo "DIPWATCH_KAFKA_SASL_PASSWORD=$(state_get kafka.sasl_password)"
  fi
  if [[ "${1:-}" == "--sasl-ssl" ]]; then
    echo "DIPWATCH_KAFKA_SASL_SSL_BOOTSTRAP_SERVERS=127.0.0.1:$(state_get kafka.sasl_ssl_port)"
    echo "DIPWATCH_KAFKA_SSL_CAFILE=${TLS}/ca.pem"
  fi
}

check_flag() {  # only the known flags; a typo must not silently print fewer lines
  case "${1:-}" in ""|--sasl|--sasl-ssl) ;; *) die "unknown option ${1} (use --sasl or --sasl-ssl)" ;; esac
}

need_sasl_ssl() {  # --sasl-ssl on a broker made before the SASL_SSL listener existed
  [[ "${1:-}" == "--sasl-ssl" ]] && ! kafka_has_sasl_ssl
}

stop_pid() {  # stop_pid NAME PID
  local name="$1" pid="$2"
  pid_alive "$pid" || return 0
  log "stopping ${name} (pid ${pid})"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while pid_alive "$pid"; do
    if (( SECONDS >= deadline )); then log "${name} ignores SIGTERM, killing"; kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.3
  done
}

cmd_up() {
  check_flag "${1:-}"
  local started=""
  if need_sasl_ssl "${1:-}"; then
    # Such a broker cannot gain the listener on its ports: it is made anew (new ports, no topics).
    log "the broker has no SASL_SSL listener: making a new one"
    stop_pid kafka "$(state_get kafka.pid)"
    rm -rf "${RUN}/kafka"
  fi
  if ! kafka_healthy; then
    stop_pid kafka "$(state_get kafka.pid)"
    start_kafka; started+=" kafka"
  fi
  if ! es_healthy; then
    stop_pid elasticsearch "$(state_get es.pid)"
    start_es; started+=" elasticsearch"
  fi
  # Tells a caller (the pytest fixture) whether this call started anything it should stop later.
  [[ -n "${DIPWATCH_STACK_STARTED_FILE:-}" ]] && printf '%s\n' "${started# }" >"$DIPWATCH_STACK_STARTED_FILE"
  print_env "${1:-}"
}

cmd_env() {
  check_flag "${1:-}"
  kafka_healthy && es_healthy || { log "the stack is not up (run: $0 up)"; exit 1; }
  need_sasl_ssl "${1:-}" && { log "the broker has no SASL_SSL listener (run: $0 up --sasl-ssl)"; exit 1; }
  print_env "${1:-}"
}

cmd_status() {
  local rc=0
  if kafka_healthy; then log "kafka: up, pid $(state_get kafka.pid), 127.0.0.1:$(state_get kafka.port)"; else log "kafka: down"; rc=1; fi
  if es_healthy; then log "elasticsearch: up, pid $(state_get es.pid), $(es_url)"; else log "elasticsearch: down"; rc=1; fi
  return $rc
}

cmd_down() {
  stop_pid kafka "$(state_get kafka.pid)"
  stop_pid elasticsearch "$(state_get es.pid)"
  rm -f "${RUN}/kafka.pid" "${RUN}/es.pid"
  log "stack is down"
}

cmd_restart_kafka() {
  check_flag "${1:-}"
  stop_pid kafka "$(state_get kafka.pid)"
  need_sasl_ssl "${1:-}" && rm -rf "${RUN}/kafka"
  start_kafka
  print_env "${1:-}"
}

cmd_stop_es() {
  stop_pid elasticsearch "$(state_get es.pid)"
  rm -f "${RUN}/es.pid"
}

main() {
  mkdir -p "$RUN"
  # One invocation at a time: parallel test sessions share a single stack.
  exec 9>"${CACHE}/.lock"
  flock 9
  case "${1:-}" in
    up) cmd_up "${2:-}" ;;
    env) cmd_env "${2:-}" ;;
    status) cmd_status ;;
    down) cmd_down ;;
    restart-kafka) cmd_restart_kafka "${2:-}" ;;
    stop-es) cmd_stop_es ;;
    *) echo "usage: $0 up [--sasl|--sasl-ssl] | env [--sasl|--sasl-ssl] | status | down | restart-kafka [--sasl|--sasl-ssl] | stop-es" >&2; exit 2 ;;
  esac
}

main "$@"
