#!/usr/bin/env bash
# Property-based API fuzzing (schemathesis) against a real server on PostgreSQL; fails on any 5xx.
#
# A fresh database is migrated and seeded with the county demo, gunicorn serves it on a free port of 127.0.0.1
# (tasks in-process), and schemathesis sends generated requests to every operation of the OpenAPI schema
# as the demo county admin (a token; the operation that revokes a token is left out, or the run would revoke its own
# and go on unauthenticated, which the check after the run catches). Bounded: FUZZ_EXAMPLES cases per operation, FUZZ_MAX_TIME seconds at most.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and the dev dependencies; run it with `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ST=${ST:-.venv/bin/schemathesis}
EXAMPLES=${FUZZ_EXAMPLES:-6}
MAX_TIME=${FUZZ_MAX_TIME:-300}

DB="jiuzhu_fuzz_$$"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE ${DB}"

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}" VAR_DIR="$WORK/var" DEBUG=true
unset CELERY_BROKER_URL
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$PY" manage.py migrate --no-input -v0
"$PY" manage.py seed_demo --scale county >"$WORK/seed.log"
TOKEN=$("$PY" manage.py create_api_token tianhe_admin | tail -n 1 | awk '{print $NF}')
"$PY" manage.py spectacular --file "$WORK/schema.yaml"

"$(dirname "$PY")/gunicorn" config.wsgi --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 --timeout 60 \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 60); do
  curl -fsS -o /dev/null -H "Authorization: Token ${TOKEN}" "http://127.0.0.1:${PORT}/api/v1/regions/" && break
  sleep 1
done

status=0
"$ST" run "$WORK/schema.yaml" \
  --url "http://127.0.0.1:${PORT}" \
  --header "Authorization: Token ${TOKEN}" \
  --checks not_a_server_error \
  --max-examples "$EXAMPLES" \
  --max-time "$MAX_TIME" \
  --phases examples,coverage,fuzzing \
  --workers 2 \
  --seed "${FUZZ_SEED:-170}" \
  --request-timeout 30 \
  --generation-database none \
  --exclude-path-regex '/tokens/\{id\}/revoke/$' \
  --no-color || status=$?
# A run whose token stopped working tested only the 401 path: say so and fail.
auth=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Token ${TOKEN}" "http://127.0.0.1:${PORT}/api/v1/regions/")
if [ "$auth" != "200" ]; then
  echo "fuzz: the county admin's token is refused after the run (HTTP ${auth}): the run was not authenticated"
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "---- server log (tail) ----"
  tail -n 80 "$WORK/server.log"
fi
exit "$status"
