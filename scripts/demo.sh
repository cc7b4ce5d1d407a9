#!/usr/bin/env bash
# The embedded-default demo: starts build/tributary on a fresh data directory, creates the seed
# document's tables through the `mysql` client, loads the seed's CSV and JSON rows with Stream
# Load (curl), queries them, and stops the server.
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
echo "== tools/demo/seed_ddl.sql: the seed page's tables, through the mysql client"
mysql -h 127.0.0.1 -P "$QUERY_PORT" -u root --table < tools/demo/seed_ddl.sql

# The seed's two datasets, loaded with Stream Load (curl, as StarRocks documents it) and the
# seed's own mappings; Routine Load will consume the same messages from Kafka.
echo "== Stream Load of the seed's CSV into example_tbl1 (gender is the placeholder temp_gender)"
curl -sS --location-trusted -u root: -H "label:demo_ordertest1" -H "column_separator:," \
  -H "columns: order_id, pay_dt, customer_name, nationality, temp_gender, price" \
  -T tools/demo/ordertest1.csv "http://127.0.0.1:$HTTP_PORT/api/example_db/example_tbl1/_stream_load"
echo
echo "== Stream Load of the seed's JSON into example_tbl2 (jsonpaths; pay_dt derived from pay_time)"
curl -sS --location-trusted -u root: -H "label:demo_ordertest2" -H "format:json" \
  -H 'jsonpaths:["$.commodity_id","$.customer_name","$.country","$.pay_time","$.price"]' \
  -H "columns: commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d')" \
  -T tools/demo/ordertest2.json "http://127.0.0.1:$HTTP_PORT/api/example_db/example_tbl2/_stream_load"
echo
echo "== tools/demo/seed_queries.sql: the loaded rows and the query engine"
mysql -h 127.0.0.1 -P "$QUERY_PORT" -u root --table < tools/demo/seed_queries.sql
echo "== demo finished"
