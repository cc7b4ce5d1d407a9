"""kafka_test_cluster (tools/kafka_test_cluster) against Kafka clients nobody here wrote:
confluent-kafka-python (librdkafka) and kcat. These pin down what later Routine Load tests rely
on: the printed addresses and files, topics with partitions, produce/consume round trips, and
fault injection through the control channel.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))

from kafka_cluster import KafkaControlError, KafkaTestCluster  # noqa: E402

confluent_kafka = pytest.importorskip("confluent_kafka")


@pytest.fixture(scope="module")
def kafka():
    cluster = KafkaTestCluster(brokers=3, topics={"orders": 4})
    cluster.start()
    yield cluster
    cluster.cleanup()


def producer(kafka, **conf):
    settings = {"bootstrap.servers": kafka.bootstrap, "linger.ms": 5}
    settings.update(conf)
    return confluent_kafka.Producer(settings)


def produce_all(kafka, topic, values, partition=None, **conf):
    """Produces every value and returns the delivery errors (empty when all were acknowledged)."""
    p = producer(kafka, **conf)
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(err)

    for v in values:
        if partition is None:
            p.produce(topic, value=v, key=v, on_delivery=on_delivery)
        else:
            p.produce(topic, value=v, partition=partition, on_delivery=on_delivery)
        p.poll(0)
    assert p.flush(30) == 0, "messages still queued after flush"
    return errors


def consume_all(kafka, topic, partitions, expected_count, timeout=30, errors=None, **conf):
    """Reads `partitions` from the beginning with an explicit assign (no group offsets), as
    Routine Load will; returns {partition: [(offset, value), ...]} once `expected_count`
    messages arrived or every partition reached its end. Consumer errors fail the test unless
    an `errors` list is given to collect their codes."""
    settings = {"bootstrap.servers": kafka.bootstrap, "group.id": "kafka-test-cluster-e2e",
                "enable.auto.commit": False, "enable.partition.eof": True}
    settings.update(conf)
    c = confluent_kafka.Consumer(settings)
    c.assign([confluent_kafka.TopicPartition(topic, p, confluent_kafka.OFFSET_BEGINNING)
              for p in partitions])
    got = {p: [] for p in partitions}
    at_end = set()
    count = 0
    deadline = time.monotonic() + timeout
    while count < expected_count or len(at_end) < len(partitions):
        msg = c.poll(0.5)
        if msg is None:
            if time.monotonic() > deadline:
                break
            continue
        if msg.error():
            if msg.error().code() == confluent_kafka.KafkaError._PARTITION_EOF:
                at_end.add(msg.partition())
                continue
            if errors is None:
                raise AssertionError("consumer error: %s" % msg.error())
            errors.append(msg.error().code())
            continue
        at_end.discard(msg.partition())
        got[msg.partition()].append((msg.offset(), msg.value()))
        count += 1
    c.close()
    return got


def test_prints_bootstrap_and_control_and_writes_files():
    with tempfile.TemporaryDirectory() as d:
        bootstrap_file = os.path.join(d, "bootstrap")
        control_file = os.path.join(d, "control")
        with KafkaTestCluster(brokers=2, extra_args=["--bootstrap-file=" + bootstrap_file,
                                                     "--control-file=" + control_file]) as k:
            brokers = k.bootstrap.split(",")
            assert len(brokers) == 2
            assert all(b.startswith("127.0.0.1:") for b in brokers)
            with open(bootstrap_file) as f:
                assert f.read() == k.bootstrap + "\n"
            with open(control_file) as f:
                assert f.read() == k.control + "\n"
            status = k.status()
            assert status["bootstrap"] == k.bootstrap
            assert [b["id"] for b in status["brokers"]] == [1, 2]
            assert k.stop() == 0


def test_confluent_producer_and_consumer_round_trip(kafka):
    values = [b"order-%05d" % i for i in range(2000)]
    assert produce_all(kafka, "orders", values) == []
    got = consume_all(kafka, "orders", [0, 1, 2, 3], len(values))
    received = [v for p in got.values() for _, v in p]
    assert sorted(received) == sorted(values)
    # Keys spread the messages over the partitions; each partition keeps produce order.
    assert sum(1 for p in got.values() if p) > 1
    for partition in got.values():
        offsets = [o for o, _ in partition]
        assert offsets == list(range(len(partition)))
        values_in_partition = [v for _, v in partition]
        assert values_in_partition == sorted(values_in_partition)


def test_kcat_lists_topic_and_partitions(kafka):
    kafka.create_topic("kcat_listed", partitions=5)
    out = subprocess.run(["kcat", "-b", kafka.bootstrap, "-L", "-J", "-t", "kcat_listed"],
                         check=True, capture_output=True, timeout=60).stdout
    md = json.loads(out)
    assert len(md["brokers"]) == 3
    (topic,) = [t for t in md["topics"] if t["topic"] == "kcat_listed"]
    assert sorted(p["partition"] for p in topic["partitions"]) == [0, 1, 2, 3, 4]
    assert all(p["leader"] in (1, 2, 3) for p in topic["partitions"])


def test_kcat_produce_and_consume_round_trip(kafka):
    kafka.create_topic("kcat_rt", partitions=2)
    lines = ["%d,kcat row %d" % (i, i) for i in range(100)]
    subprocess.run(["kcat", "-b", kafka.bootstrap, "-P", "-t", "kcat_rt", "-p", "1"],
                   input=("\n".join(lines) + "\n").encode(), check=True, timeout=60)
    out = subprocess.run(["kcat", "-b", kafka.bootstrap, "-C", "-t", "kcat_rt", "-p", "1",
                          "-o", "beginning", "-e", "-q"],
                         check=True, capture_output=True, timeout=60).stdout
    assert out.decode().splitlines() == lines
    # And a librdkafka consumer sees the same rows kcat wrote.
    got = consume_all(kafka, "kcat_rt", [1], len(lines))
    assert [v.decode() for _, v in got[1]] == lines


def test_broker_down_then_up_loses_nothing(kafka):
    kafka.create_topic("failover", partitions=1)
    kafka.set_leader("failover", 0, 2)
    first = [b"before-%03d" % i for i in range(100)]
    second = [b"during-%03d" % i for i in range(100)]
    p = producer(kafka, **{"acks": "all", "enable.idempotence": True})
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(err)

    for v in first:
        p.produce("failover", value=v, partition=0, on_delivery=on_delivery)
    assert p.flush(30) == 0
    kafka.broker_down(2)
    for v in second:
        p.produce("failover", value=v, partition=0, on_delivery=on_delivery)
    p.poll(1)  # the leader is unreachable: nothing can be acknowledged yet
    assert len(p) > 0
    kafka.broker_up(2)
    assert p.flush(60) == 0
    assert errors == []
    got = consume_all(kafka, "failover", [0], len(first) + len(second))
    assert [v for _, v in got[0]] == first + second  # nothing lost, nothing duplicated


def test_injected_fetch_errors_are_consumed_and_retried(kafka):
    kafka.create_topic("fetch_errors", partitions=1)
    kafka.set_leader("fetch_errors", 0, 1)
    values = [b"row-%d" % i for i in range(50)]
    assert produce_all(kafka, "fetch_errors", values, partition=0) == []
    kafka.push_errors("Fetch", codes=["NOT_LEADER_FOR_PARTITION", "REQUEST_TIMED_OUT",
                                      "NOT_LEADER_FOR_PARTITION"], broker=1)
    assert kafka.pending_errors("Fetch", broker=1) == 3
    errors = []
    got = consume_all(kafka, "fetch_errors", [0], len(values), errors=errors)
    assert [v for _, v in got[0]] == values  # retried: nothing lost, nothing repeated
    assert kafka.pending_errors("Fetch", broker=1) == 0  # the consumer's fetches hit all three
    # librdkafka 2.0.2 retries NOT_LEADER_FOR_PARTITION silently (metadata refresh) but hands
    # REQUEST_TIMED_OUT to the application as a consumer error, then goes on fetching.
    assert errors == [confluent_kafka.KafkaError.REQUEST_TIMED_OUT]


def test_injected_fatal_fetch_error_reaches_the_consumer(kafka):
    kafka.create_topic("fetch_denied", partitions=1)
    kafka.set_leader("fetch_denied", 0, 2)
    assert produce_all(kafka, "fetch_denied", [b"x"], partition=0) == []
    kafka.push_errors("Fetch", "TOPIC_AUTHORIZATION_FAILED", count=1, broker=2)
    c = confluent_kafka.Consumer({"bootstrap.servers": kafka.bootstrap, "group.id": "denied",
                                  "enable.auto.commit": False})
    c.assign([confluent_kafka.TopicPartition("fetch_denied", 0, confluent_kafka.OFFSET_BEGINNING)])
    seen_error = None
    value = None
    for _ in range(60):
        msg = c.poll(0.5)
        if msg is None:
            continue
        if msg.error():
            seen_error = msg.error().code()
            continue
        value = msg.value()
        break
    c.close()
    assert kafka.pending_errors("Fetch", broker=2) == 0
    assert seen_error == confluent_kafka.KafkaError.TOPIC_AUTHORIZATION_FAILED
    assert value == b"x"  # the next fetch succeeds


def test_read_committed_sees_aborted_records_on_the_mock(kafka):
    """Pins a limit of librdkafka 2.0.2's mock (README): transactions commit and abort at the
    protocol level, but no markers are written, so read_committed filters nothing. If this starts
    failing, the mock learned transactions: update the README and Routine Load's tests."""
    kafka.create_topic("txn", partitions=1)
    p = producer(kafka, **{"transactional.id": "kafka-test-cluster-e2e"})
    p.init_transactions(30)
    for value, commit in ((b"committed-1", True), (b"aborted", False), (b"committed-2", True)):
        p.begin_transaction()
        p.produce("txn", value=value, partition=0)
        p.flush(30)
        if commit:
            p.commit_transaction(30)
        else:
            p.abort_transaction(30)
    got = consume_all(kafka, "txn", [0], 3, **{"isolation.level": "read_committed"})
    assert got[0] == [(0, b"committed-1"), (1, b"aborted"), (2, b"committed-2")]


def test_rtt_and_status(kafka):
    kafka.set_rtt(3, 20)
    brokers = {b["id"]: b for b in kafka.status()["brokers"]}
    assert brokers[3]["rtt_ms"] == 20
    kafka.set_rtt(3, 0)
    assert {t["name"] for t in kafka.status()["topics"]} >= {"orders"}
    (orders,) = [t for t in kafka.metadata() if t["name"] == "orders"]
    assert len(orders["partitions"]) == 4


@pytest.mark.parametrize("call, status, fragment", [
    (lambda k: k.push_errors("Fecth", "NOT_LEADER_FOR_PARTITION"), 400, "unknown api"),
    (lambda k: k.push_errors("Fetch", "NO_SUCH_ERROR"), 400, "unknown error code"),
    (lambda k: k.push_errors("Fetch", "_TRANSPORT"), 400, "local to librdkafka"),
    (lambda k: k.broker_down(7), 404, "no broker 7"),
    (lambda k: k.create_topic("orders", partitions=2), 409, "exists"),
    (lambda k: k.create_topic("bad name", partitions=2), 400, "illegal topic name"),
    (lambda k: k.create_topic("zero", partitions=0), 400, "partitions"),
    (lambda k: k.set_leader("missing", 0, 1), 404, "no topic missing"),
    (lambda k: k.set_leader("orders", 9, 1), 404, "no partition 9"),
])
def test_control_channel_rejects_bad_requests(kafka, call, status, fragment):
    with pytest.raises(KafkaControlError) as e:
        call(kafka)
    assert e.value.status == status
    assert fragment in e.value.message


def test_rejects_bad_flags():
    from kafka_cluster import cluster_binary
    r = subprocess.run([cluster_binary(), "--brokers=0"], capture_output=True, timeout=30)
    assert r.returncode == 2
    assert b"--brokers must be an integer in 1..64" in r.stderr
    r = subprocess.run([cluster_binary(), "--topic=nopartitions"], capture_output=True, timeout=30)
    assert r.returncode == 2
    assert b"NAME:PARTITIONS" in r.stderr
