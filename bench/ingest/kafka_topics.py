"""The benchmark's topics: producing them into the Kafka test cluster and checking what they hold.

Producing uses confluent-kafka-python (librdkafka), one row per message, partition i mod P for
row i so every partition holds the same number of rows. Two producer profiles:

  BACKLOG_PRODUCER    for the throughput topics, produced before any consumer starts:
                      batches of up to 1000 messages (batch.num.messages), linger.ms 100, so the
                      record batches every consumer reads have the same, realistic size whatever
                      the speed of the Python loop.
  STREAMING_PRODUCER  for the freshness topic: librdkafka's default linger.ms (5), as a live
                      feed would send; the linger is part of the measured latency.

The mock cluster keeps at most 5 MiB of record batches per partition and silently drops the
oldest ones beyond that (tools/kafka_test_cluster/README.md). check_topic() reads every
partition's watermarks after producing and fails the run when a log start offset moved, so a
benchmark never times a topic that lost rows.
"""
import time

import confluent_kafka

BACKLOG_PRODUCER = {"linger.ms": 100, "batch.num.messages": 1000,
                    "queue.buffering.max.messages": 500000}
STREAMING_PRODUCER = {"linger.ms": 5}

# What the topics may hold per partition: below the mock's 5 MiB, with room for the batch
# headers. A record costs its payload plus about 12 bytes of framing in a v2 record batch.
PARTITION_BUDGET_BYTES = 4500000
RECORD_OVERHEAD_BYTES = 12


class TopicError(Exception):
    pass


def rows_that_fit(average_payload_bytes, partitions):
    return int(PARTITION_BUDGET_BYTES * partitions
               / (average_payload_bytes + RECORD_OVERHEAD_BYTES))


def _producer(bootstrap, profile):
    errors = []
    conf = {"bootstrap.servers": bootstrap, "error_cb": errors.append}
    conf.update(profile)
    return confluent_kafka.Producer(conf), errors


def _produce(producer, topic, partition, payload):
    while True:
        try:
            producer.produce(topic, payload, partition=partition)
            return
        except BufferError:  # the local queue is full: let librdkafka send some
            producer.poll(0.01)


def produce(bootstrap, topic, partitions, payloads):
    """Produces every payload (row i to partition i mod `partitions`) and waits until all are
    acknowledged. Returns {"rows", "bytes", "seconds"}; raises TopicError."""
    producer, errors = _producer(bootstrap, BACKLOG_PRODUCER)
    rows = size = 0
    start = time.monotonic()
    for payload in payloads:
        _produce(producer, topic, rows % partitions, payload)
        rows += 1
        size += len(payload)
    left = producer.flush(120)
    seconds = time.monotonic() - start
    if left or errors:
        raise TopicError("producing %s: %d messages not delivered; errors: %s"
                         % (topic, left, "; ".join(str(e) for e in errors[:3])))
    return {"rows": rows, "bytes": size, "seconds": seconds}


def produce_paced(bootstrap, topic, partitions, rate, seconds, make_payload, stop_event=None):
    """Produces `rate` messages per second for `seconds`, `make_payload(i, produced_us)` giving
    message i, stamped with the wall clock (microseconds) when it is handed to librdkafka.
    Returns {"rows", "seconds"} (the achieved rate is rows / seconds)."""
    producer, errors = _producer(bootstrap, STREAMING_PRODUCER)
    rows = 0
    start = time.monotonic()
    while not (stop_event and stop_event.is_set()):
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(rate * elapsed) - rows
        for _ in range(due):
            _produce(producer, topic, rows % partitions,
                     make_payload(rows, int(time.time() * 1000000)))
            rows += 1
        producer.poll(0)
        time.sleep(0.002)
    elapsed = time.monotonic() - start
    left = producer.flush(120)
    if left or errors:
        raise TopicError("producing %s: %d messages not delivered; errors: %s"
                         % (topic, left, "; ".join(str(e) for e in errors[:3])))
    return {"rows": rows, "seconds": elapsed}


def watermarks(bootstrap, topic, partitions):
    """[(low, high)] per partition: the log start offset and the next offset to be written."""
    consumer = confluent_kafka.Consumer({"bootstrap.servers": bootstrap,
                                         "group.id": "ingest-bench-watermarks"})
    try:
        return [consumer.get_watermark_offsets(confluent_kafka.TopicPartition(topic, p),
                                               timeout=30)
                for p in range(partitions)]
    finally:
        consumer.close()


def check_topic(bootstrap, topic, partitions, expected_rows):
    """Raises TopicError unless every partition still holds all its rows from offset 0."""
    marks = watermarks(bootstrap, topic, partitions)
    for p, (low, _) in enumerate(marks):
        if low != 0:
            raise TopicError(
                "%s partition %d: log start offset moved to %d: the mock cluster keeps 5 MiB "
                "per partition; lower --rows or raise --partitions" % (topic, p, low))
    held = sum(high for _, high in marks)
    if held != expected_rows:
        raise TopicError("%s holds %d messages, %d were produced" % (topic, held, expected_rows))
