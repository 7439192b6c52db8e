#!/usr/bin/env bash
# One-shot topic creation for docker-compose (the broker runs with auto.create.topics.enable=false).
# Stage topics get explicit, equal partition counts (Faust joins need co-partitioning); state topics
# are compacted. Idempotent: existing topics are left as they are.
set -euo pipefail

BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
PREFIX="${DIPWATCH_TOPIC_PREFIX:-dipwatch}"
PARTITIONS="${DIPWATCH_TOPIC_PARTITIONS:-4}"
REPLICATION="${DIPWATCH_TOPIC_REPLICATION_FACTOR:-1}"
TOPICS_BIN="/opt/kafka/bin/kafka-topics.sh"

create() {  # create NAME [--config k=v …]
  local name="$1"; shift
  "$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$PARTITIONS" --replication-factor "$REPLICATION" "$@"
}

for stage in items articles events alerts deadletters; do
  create "${PREFIX}.${stage}"
done
for state in watcher-state alert-control; do
  create "${PREFIX}.${state}" --config cleanup.policy=compact
done

"$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --describe --topic "^${PREFIX}\..*" | grep -E '^Topic:' || true
echo "topics ready"
