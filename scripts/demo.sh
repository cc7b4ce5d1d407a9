#!/usr/bin/env bash
# The embedded-default demo, end to end: the Kafka test cluster, a Schema Registry (the test
# one, tests/harness/schema_registry.py) and build/tributary on a fresh data directory; the
# seed's CSV and JSON rows produced to Kafka (kcat, one row per message) and sensor_log records
# as Confluent Avro with the seed's schema; the seed's CREATE TABLE and CREATE ROUTINE LOAD
# statements run verbatim through the `mysql` client (only the broker list and the registry URL
# filled in); then, once every row is loaded, SHOW ROUTINE LOAD and queries over the rows.
# KEEP=1 (what `make demo` sets) leaves the server and the cluster running afterwards.
set -euo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."

QUERY_PORT=${QUERY_PORT:-9030}
HTTP_PORT=${HTTP_PORT:-8030}
DATA_DIR=$(mktemp -d /tmp/tributary-demo-XXXXXX)
SEED=src/sql/testdata/seed_000
MYSQL=(mysql -h 127.0.0.1 -P "$QUERY_PORT" -u root)

"$BUILD_DIR/tools/kafka_test_cluster/kafka_test_cluster" --brokers=2 \
  --topic=ordertest1:5 --topic=ordertest2:5 --topic=topic_0:6 \
  --bootstrap-file="$DATA_DIR/kafka.bootstrap" \
  >"$DATA_DIR/kafka.stdout" 2>"$DATA_DIR/kafka.stderr" &
KAFKA_PID=$!
"$BUILD_DIR/tributary" --data-dir "$DATA_DIR/data" --query-port "$QUERY_PORT" \
  --http-port "$HTTP_PORT" 2>"$DATA_DIR/server.stderr" &
SERVER_PID=$!
/usr/bin/python3 tests/harness/schema_registry.py --port 0 --port-file "$DATA_DIR/registry.port" \
  --register topic_0-value=tools/demo/avro_schema.avsc \
  >"$DATA_DIR/registry.stdout" 2>"$DATA_DIR/registry.stderr" &
REGISTRY_PID=$!
finish() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo
    echo "The server and the Kafka test cluster are still running (data in $DATA_DIR):"
    echo "  connect:  mysql -h 127.0.0.1 -P $QUERY_PORT -u root example_db"
    echo "  produce:  echo '2020051201,2020-05-12,Emma Bovary,France,female,512' |" \
         "kcat -P -b $(cat "$DATA_DIR/kafka.bootstrap" 2>/dev/null) -t ordertest1"
    echo "  registry: http://127.0.0.1:$(cat "$DATA_DIR/registry.port" 2>/dev/null)"
    echo "  stop:     kill $SERVER_PID $KAFKA_PID $REGISTRY_PID"
    return
  fi
  kill -TERM "$SERVER_PID" "$KAFKA_PID" "$REGISTRY_PID" 2>/dev/null || true
  wait "$SERVER_PID" "$KAFKA_PID" "$REGISTRY_PID" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap finish EXIT

for _ in $(seq 1 100); do
  if [ -s "$DATA_DIR/kafka.bootstrap" ] && [ -s "$DATA_DIR/registry.port" ] &&
     "${MYSQL[@]}" -e "SELECT 1" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server failed to start:"; cat "$DATA_DIR/server.stderr"; exit 1
  fi
  if ! kill -0 "$KAFKA_PID" 2>/dev/null; then
    echo "kafka test cluster failed to start:"; cat "$DATA_DIR/kafka.stderr"; exit 1
  fi
  if ! kill -0 "$REGISTRY_PID" 2>/dev/null; then
    echo "schema registry failed to start:"; cat "$DATA_DIR/registry.stderr"; exit 1
  fi
  sleep 0.1
done
BROKERS=$(cat "$DATA_DIR/kafka.bootstrap")
REGISTRY="http://127.0.0.1:$(cat "$DATA_DIR/registry.port")"
SCHEMA_ID=$(awk '$1 == "registered" { print $3 }' "$DATA_DIR/registry.stdout")
echo "== tributary is up on port $QUERY_PORT (HTTP $HTTP_PORT); Kafka test cluster: $BROKERS;" \
     "Schema Registry: $REGISTRY (tools/demo/avro_schema.avsc is schema id $SCHEMA_ID)"

# One row per message, spread over the topics' five partitions.
produce() {  # topic file
  local i=0
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    printf '%s\n' "$line" | kcat -P -b "$BROKERS" -t "$1" -p $((i % 5))
    i=$((i + 1))
  done <"$2"
  echo "   $i messages to $1"
}
echo "== the seed's rows, produced to Kafka with kcat"
produce ordertest1 tools/demo/ordertest1.csv
produce ordertest2 tools/demo/ordertest2.json
/usr/bin/python3 tools/demo/produce_avro.py "$BROKERS" topic_0 6 "$SCHEMA_ID" \
  tools/demo/avro_schema.avsc tools/demo/sensor_log.json

echo "== tools/demo/seed_ddl.sql: the seed page's tables"
"${MYSQL[@]}" --table <tools/demo/seed_ddl.sql

echo "== the seed's CREATE ROUTINE LOAD statements, verbatim but for the broker list"
for statement in "$SEED/02_create_routine_load_csv.sql" "$SEED/04_create_routine_load_json.sql" \
                 "$SEED/06_create_routine_load_avro.sql"; do
  sql=$(sed -e "s/<kafka_broker1_ip>:<kafka_broker1_port>,<kafka_broker2_ip>:<kafka_broker2_port>\(,\.\.\.\)\{0,1\}/$BROKERS/" \
            -e "s#http://172.xx.xxx.xxx:8081#$REGISTRY#" "$statement")
  printf '%s\n' "$sql"
  printf '%s\n' "$sql" | "${MYSQL[@]}" example_db
done

echo "== waiting until every produced row is loaded"
expected_csv=$(grep -c . tools/demo/ordertest1.csv)
expected_json=$(grep -c . tools/demo/ordertest2.json)
expected_avro=$(grep -c . tools/demo/sensor_log.json)
expected="$expected_csv $expected_json $expected_avro"
for _ in $(seq 1 600); do
  loaded=$("${MYSQL[@]}" -N -e "SELECT count(*) FROM example_db.example_tbl1;
                                SELECT count(*) FROM example_db.example_tbl2;
                                SELECT count(*) FROM example_db.sensor_log" 2>/dev/null |
           paste -sd ' ' || true)
  [ "$loaded" = "$expected" ] && break
  sleep 0.1
done
echo "   example_tbl1, example_tbl2 and sensor_log hold: $loaded (produced: $expected)"

"${MYSQL[@]}" example_db -e "SHOW ROUTINE LOAD FOR example_tbl1_ordertest1\G
                             SHOW ROUTINE LOAD FOR example_tbl2_ordertest2\G
                             SHOW ROUTINE LOAD FOR sensor_log_load_job\G"
echo "== tools/demo/seed_queries.sql: the loaded rows and the query engine"
"${MYSQL[@]}" --table <tools/demo/seed_queries.sql
echo "== demo finished"
