#!/usr/bin/env python3
"""Produces JSON-lines records to Kafka as Confluent-framed Avro (magic byte 0, the schema id,
the Avro body), one record per message, message i to partition i % PARTITIONS - what a
Confluent Avro producer sends. The demo uses it for the seed's sensor_log example.

    produce_avro.py BOOTSTRAP TOPIC PARTITIONS SCHEMA_ID SCHEMA.avsc RECORDS.json
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "harness"))
from avro_produce import produce_avro  # noqa: E402


def main():
    bootstrap, topic, partitions, schema_id, schema_path, records_path = sys.argv[1:]
    with open(schema_path) as f:
        schema = f.read()
    with open(records_path) as f:
        records = [json.loads(line) for line in f if line.strip()]
    items = [(i % int(partitions), record) for i, record in enumerate(records)]
    produced = produce_avro(bootstrap, topic, items, int(schema_id), schema)
    print("   %d messages to %s (Avro, schema id %s)" % (produced, topic, schema_id))


if __name__ == "__main__":
    main()
