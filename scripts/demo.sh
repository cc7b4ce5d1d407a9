#!/usr/bin/env bash
# The embedded-default demo: starts build/tributary on a fresh data directory, runs the seed
# document's statements through the `mysql` client, and stops the server.
# Set KEEP=1 to leave the server running afterwards.
set -euo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."

QUERY_PORT=${QUERY_PORT:-9030}
HTTP_PORT=${HTTP_PORT:-8030}
DATA_DIR=$(mktemp -d /tmp/tributary-demo-XXXXXX)

"$BUILD_DIR/tributary" --data-dir "$DATA_DIR" --query-port "$QUERY_PORT" --http-port "$HTTP_PORT" \
  2>"$DATA_DIR/server.stderr" &
SERVER_PID=$!
stop_server() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "server still running: pid $SERVER_PID, data in $DATA_DIR"
    echo "  connect: mysql -h 127.0.0.1 -P $QUERY_PORT -u root"
    return
  fi
  kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap stop_server EXIT

for _ in $(seq 1 100); do
  if mysql -h 127.0.0.1 -P "$QUERY_PORT" -u root -e "SELECT 1" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server failed to start:"; cat "$DATA_DIR/server.stderr"; exit 1
  fi
  sleep 0.1
done

echo "== tributary is up on port $QUERY_PORT (HTTP $HTTP_PORT); health: $(curl -s "http://127.0.0.1:$HTTP_PORT/api/health" || true)"
echo "== running tools/demo/seed_ddl.sql (the seed page's tables and example rows) through the mysql client"
mysql -h 127.0.0.1 -P "$QUERY_PORT" -u root --table < tools/demo/seed_ddl.sql
echo "== demo finished"
