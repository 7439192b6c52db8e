#!/bin/sh
# One-shot import of the Kibana saved objects (data views, searches, dashboards) for docker-compose.
# Posts deploy/kibana/dipwatch.ndjson, then any other deploy/kibana/*.ndjson, with overwrite=true,
# and fails unless Kibana reports success for every file.
set -eu

KIBANA="${KIBANA_URL:-http://kibana:5601}"
DIR="${KIBANA_OBJECTS_DIR:-/kibana}"

import() {
  file="$1"
  echo "importing ${file}"
  response="$(curl -sS --fail-with-body --retry 10 --retry-delay 3 --retry-all-errors \
    -X POST "${KIBANA}/api/saved_objects/_import?overwrite=true" \
    -H 'kbn-xsrf: dipwatch' --form "file=@${file}")"
  echo "$response"
  case "$response" in
    *'"success":true'*) ;;
    *) echo "import of ${file} failed" >&2; exit 1 ;;
  esac
}

[ -f "${DIR}/dipwatch.ndjson" ] || { echo "missing ${DIR}/dipwatch.ndjson" >&2; exit 1; }
import "${DIR}/dipwatch.ndjson"
for file in "${DIR}"/*.ndjson; do
  [ "$file" = "${DIR}/dipwatch.ndjson" ] || import "$file"
done
echo "saved objects imported"
