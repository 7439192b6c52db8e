#!/usr/bin/env bash
# The README's first command: installs dipwatch on first use, then runs the pipeline once on the
# shipped example feeds in the embedded mode (no servers, no network). Extra arguments go to
# `dipwatch run` (e.g. --json); set DIPWATCH_KAFKA_BOOTSTRAP_SERVERS to run against Kafka instead.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/dipwatch ] || scripts/bootstrap.sh
if [ "$#" -eq 0 ]; then
  set -- --feeds examples/feeds.yaml --rules examples/alerts.yaml --once
fi
exec .venv/bin/dipwatch run "$@"
