#!/usr/bin/env bash
# The test command of the README: lint, types, schema drift, then every test on the real local
# stack (Kafka + Elasticsearch are fetched and started by the integration fixtures).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/bootstrap.sh
.venv/bin/ruff check services schemas tests benchmarks scripts
.venv/bin/mypy
.venv/bin/pytest -p no:cacheprovider "$@"
