"""The test harness's Schema Registry (tests/harness/schema_registry.py) and Avro encoder
(tests/harness/avro_produce.py), pinned down before Routine Load tests rely on them.

The registry is driven over HTTP with urllib, as any client would: Confluent's REST subset and
error codes, basic auth, each switchable failure, the request log and the script mode. The
encoder's output is decoded back with python3-avro. No Kafka is needed. Nothing waits on a clock
except the hang test's 1 s client timeout; everything else polls with generous deadlines.
"""
import base64
import datetime
import decimal
import io
import json
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import avro.io
import avro.schema
import pytest

HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness")
sys.path.insert(0, HARNESS)

from avro_produce import confluent_avro  # noqa: E402
from schema_registry import InvalidSchema, SchemaRegistry  # noqa: E402

ORDER = {"type": "record", "name": "order", "namespace": "shop",
         "fields": [{"name": "id", "type": "long"}, {"name": "item", "type": "string"}]}
ORDER_V2 = {"type": "record", "name": "order", "namespace": "shop",
            "fields": [{"name": "id", "type": "long"}, {"name": "item", "type": "string"},
                       {"name": "note", "type": ["null", "string"], "default": None}]}
CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"


@pytest.fixture
def registry():
    with SchemaRegistry() as r:
        yield r


def call(url, method, path, body=None, auth=None, timeout=10):
    """(status, parsed JSON body, Content-Type) of one request; HTTP errors are answers too."""
    headers = {"Content-Type": CONTENT_TYPE}
    if auth is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % auth).encode()).decode()
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), response.headers["Content-Type"]
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()), e.headers["Content-Type"]


def get(registry, path, **kwargs):
    return call(registry.url, "GET", path, **kwargs)[:2]


def post_schema(registry, subject, schema, **kwargs):
    body = {"schema": schema if isinstance(schema, str) else json.dumps(schema)}
    return call(registry.url, "POST", "/subjects/%s/versions" % subject, body, **kwargs)[:2]


def connection_error(registry, path, timeout=10):
    """The OSError a GET of `path` fails with (unwrapped from urllib's URLError)."""
    try:
        get(registry, path, timeout=timeout)
    except urllib.error.URLError as e:
        return e.reason
    except OSError as e:
        return e
    raise AssertionError("GET %s was answered" % path)


def wait_until(predicate, timeout=20, what="condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for " + what
        time.sleep(0.02)


# --- REST API ----------------------------------------------------------------------------------

def test_registration_returns_global_ids_starting_at_1(registry):
    assert post_schema(registry, "orders-value", ORDER) == (200, {"id": 1})
    assert post_schema(registry, "payments-value", '"string"') == (200, {"id": 2})
    assert post_schema(registry, "orders-value", ORDER_V2) == (200, {"id": 3})


def test_answers_carry_the_schema_registry_content_type(registry):
    assert call(registry.url, "GET", "/config")[2] == CONTENT_TYPE
    assert call(registry.url, "GET", "/schemas/ids/1")[2] == CONTENT_TYPE


def test_schema_by_id_is_the_text_as_registered(registry):
    text = '{"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"}]}'
    _, answer = post_schema(registry, "r-value", text)
    assert get(registry, "/schemas/ids/%d" % answer["id"]) == (200, {"schema": text})
    assert registry.schema(answer["id"]) == text


def test_registering_a_known_schema_again_returns_its_id_without_a_new_version(registry):
    first = json.dumps(ORDER)
    reordered = json.dumps(ORDER, sort_keys=True, indent=4)
    assert post_schema(registry, "orders-value", first) == (200, {"id": 1})
    assert post_schema(registry, "orders-value", reordered) == (200, {"id": 1})
    assert get(registry, "/subjects/orders-value/versions") == (200, [1])
    assert get(registry, "/schemas/ids/1") == (200, {"schema": first})


def test_a_known_schema_under_another_subject_keeps_its_id_and_is_that_subjects_version(registry):
    post_schema(registry, "orders-value", ORDER)
    post_schema(registry, "archive-value", '"string"')
    assert post_schema(registry, "archive-value", ORDER) == (200, {"id": 1})
    assert get(registry, "/subjects/archive-value/versions/2") == (200, {
        "subject": "archive-value", "version": 2, "id": 1, "schema": json.dumps(ORDER)})


def test_versions_and_latest(registry):
    post_schema(registry, "orders-value", ORDER)
    post_schema(registry, "orders-value", ORDER_V2)
    assert get(registry, "/subjects/orders-value/versions") == (200, [1, 2])
    assert get(registry, "/subjects/orders-value/versions/1") == (200, {
        "subject": "orders-value", "version": 1, "id": 1, "schema": json.dumps(ORDER)})
    assert get(registry, "/subjects/orders-value/versions/latest") == (200, {
        "subject": "orders-value", "version": 2, "id": 2, "schema": json.dumps(ORDER_V2)})


def test_subjects_lists_every_subject(registry):
    assert get(registry, "/subjects") == (200, [])
    post_schema(registry, "payments-value", '"string"')
    post_schema(registry, "orders-value", ORDER)
    assert get(registry, "/subjects") == (200, ["orders-value", "payments-value"])


def test_config_is_backward(registry):
    assert get(registry, "/config") == (200, {"compatibilityLevel": "BACKWARD"})


def test_python_registration_is_served_over_http(registry):
    assert registry.register("orders-value", ORDER) == 1
    assert registry.register("orders-value", json.dumps(ORDER)) == 1
    assert get(registry, "/schemas/ids/1") == (200, {"schema": json.dumps(ORDER)})


def test_unknown_schema_id_is_40403(registry):
    assert get(registry, "/schemas/ids/7") == (
        404, {"error_code": 40403, "message": "Schema 7 not found"})


def test_unknown_subject_is_40401(registry):
    for path in ("/subjects/nope/versions", "/subjects/nope/versions/latest",
                 "/subjects/nope/versions/1"):
        status, answer = get(registry, path)
        assert (status, answer["error_code"]) == (404, 40401), path


def test_unknown_version_is_40402_and_a_malformed_one_42202(registry):
    post_schema(registry, "orders-value", ORDER)
    status, answer = get(registry, "/subjects/orders-value/versions/2")
    assert (status, answer["error_code"]) == (404, 40402)
    status, answer = get(registry, "/subjects/orders-value/versions/zero")
    assert (status, answer["error_code"]) == (422, 42202)


def test_unknown_path_is_404(registry):
    status, answer = get(registry, "/nowhere")
    assert (status, answer["error_code"]) == (404, 404)


@pytest.mark.parametrize("schema", [
    '{"type": "record", "name": "r", "fields": [{"name": "a", "type": "nope"}]}',
    '{"type": "record", "name": "r", "fields": [',
    '{"type": "enum", "name": "e"}',
])
def test_invalid_schema_is_42201_and_registers_nothing(registry, schema):
    status, answer = post_schema(registry, "bad-value", schema)
    assert (status, answer["error_code"]) == (422, 42201)
    assert answer["message"].startswith("Invalid schema")
    assert get(registry, "/subjects") == (200, [])
    with pytest.raises(InvalidSchema):
        registry.register("bad-value", schema)


def test_schema_type_other_than_avro_is_42201(registry):
    body = {"schema": "syntax = \"proto3\";", "schemaType": "PROTOBUF"}
    status, answer = call(registry.url, "POST", "/subjects/p-value/versions", body)[:2]
    assert (status, answer["error_code"]) == (422, 42201)
    body = {"schema": json.dumps(ORDER), "schemaType": "AVRO"}
    assert call(registry.url, "POST", "/subjects/o-value/versions", body)[:2] == (200, {"id": 1})


# --- basic auth --------------------------------------------------------------------------------

def test_basic_auth_rejects_requests_without_the_credentials():
    with SchemaRegistry(credentials=("key", "secret")) as registry:
        registry.register("orders-value", ORDER)
        unauthorized = (401, {"error_code": 401, "message": "Unauthorized"})
        assert get(registry, "/schemas/ids/1") == unauthorized
        assert get(registry, "/schemas/ids/1", auth=("key", "wrong")) == unauthorized
        assert post_schema(registry, "x-value", ORDER) == unauthorized


def test_basic_auth_accepts_the_credentials():
    with SchemaRegistry(credentials=("key", "secret")) as registry:
        registry.register("orders-value", ORDER)
        assert get(registry, "/schemas/ids/1", auth=("key", "secret")) == (
            200, {"schema": json.dumps(ORDER)})
        assert registry.url_with_credentials == "http://key:secret@127.0.0.1:%d" % registry.port


def test_failures_come_before_authentication():
    with SchemaRegistry(credentials=("key", "secret")) as registry:
        registry.fail("http500")
        assert get(registry, "/config")[0] == 500


# --- failures ----------------------------------------------------------------------------------

@pytest.mark.parametrize("mode, status, answer", [
    ("http500", 500, {"error_code": 50001, "message": "Error in the backend data store"}),
    ("http503", 503, {"error_code": 50003, "message": "Service unavailable"}),
])
def test_http_error_failure_answers_every_request_until_recover(registry, mode, status, answer):
    registry.register("orders-value", ORDER)
    registry.fail(mode)
    assert get(registry, "/schemas/ids/1") == (status, answer)
    assert post_schema(registry, "orders-value", ORDER_V2) == (status, answer)
    registry.recover()
    assert get(registry, "/schemas/ids/1") == (200, {"schema": json.dumps(ORDER)})
    assert get(registry, "/subjects/orders-value/versions") == (200, [1])


def test_refuse_refuses_connections_then_recover_listens_on_the_same_port_with_schemas_kept(
        registry):
    registry.register("orders-value", ORDER)
    port = registry.port
    registry.fail("refuse")
    assert isinstance(connection_error(registry, "/schemas/ids/1"), ConnectionRefusedError)
    registry.recover()
    assert registry.port == port
    assert get(registry, "/schemas/ids/1") == (200, {"schema": json.dumps(ORDER)})


def test_refuse_cannot_be_limited_to_a_path(registry):
    with pytest.raises(ValueError):
        registry.fail("refuse", path_prefix="/schemas/")
    with pytest.raises(ValueError):
        registry.fail("teapot")


def test_close_drops_the_connection_without_an_answer(registry):
    registry.fail("close")
    assert isinstance(connection_error(registry, "/config"), ConnectionError)
    registry.recover()
    assert get(registry, "/config")[0] == 200


def test_hang_leaves_the_client_to_time_out(registry):
    registry.fail("hang")
    started = time.monotonic()
    assert isinstance(connection_error(registry, "/config", timeout=1), TimeoutError)
    assert time.monotonic() - started < 10
    registry.recover()
    assert get(registry, "/config")[0] == 200


def test_a_hanging_request_is_answered_after_recover(registry):
    registry.register("orders-value", ORDER)
    registry.fail("hang")
    answers = []
    client = threading.Thread(target=lambda: answers.append(
        get(registry, "/schemas/ids/1", timeout=30)))
    client.start()
    wait_until(lambda: registry.requests == [("GET", "/schemas/ids/1")], what="the request")
    assert answers == []
    registry.recover()
    client.join(30)
    assert answers == [(200, {"schema": json.dumps(ORDER)})]


def test_stop_does_not_wait_for_hanging_requests():
    registry = SchemaRegistry().start()
    registry.fail("hang")
    errors = []
    client = threading.Thread(target=lambda: errors.append(
        connection_error(registry, "/config", timeout=30)))
    client.start()
    wait_until(lambda: registry.requests == [("GET", "/config")], what="the request")
    started = time.monotonic()
    registry.stop()
    assert time.monotonic() - started < 5
    client.join(30)
    assert isinstance(errors[0], ConnectionError)


def test_a_failure_can_be_limited_to_a_path_prefix(registry):
    registry.register("orders-value", ORDER)
    registry.fail("http503", path_prefix="/schemas/ids/")
    assert get(registry, "/schemas/ids/1")[0] == 503
    assert get(registry, "/subjects/orders-value/versions/1")[0] == 200
    registry.fail("close", path_prefix="/schemas/ids/")
    assert isinstance(connection_error(registry, "/schemas/ids/1"), ConnectionError)
    assert get(registry, "/config")[0] == 200


# --- request log -------------------------------------------------------------------------------

def test_requests_records_every_request_including_failed_ones(registry):
    registry.register("orders-value", ORDER)  # the Python API is not a request
    get(registry, "/schemas/ids/1")
    registry.fail("http500")
    get(registry, "/schemas/ids/1")
    registry.fail("close")
    connection_error(registry, "/config")
    registry.recover()
    post_schema(registry, "orders-value", ORDER)
    assert registry.requests == [("GET", "/schemas/ids/1"), ("GET", "/schemas/ids/1"),
                                 ("GET", "/config"), ("POST", "/subjects/orders-value/versions")]
    registry.clear_requests()
    assert registry.requests == []
    get(registry, "/config")
    assert registry.requests == [("GET", "/config")]


# --- script mode -------------------------------------------------------------------------------

def test_script_serves_registered_schemas_and_control_requests_until_sigterm(tmp_path):
    schema_file = tmp_path / "order.avsc"
    schema_file.write_text(json.dumps(ORDER))
    port_file = tmp_path / "port"
    proc = subprocess.Popen(
        [sys.executable, os.path.join(HARNESS, "schema_registry.py"), "--port", "0",
         "--port-file", str(port_file), "--register", "orders-value=%s" % schema_file],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until(port_file.exists, what="the port file")
        url = "http://127.0.0.1:%d" % int(port_file.read_text())

        assert call(url, "GET", "/schemas/ids/1")[:2] == (200, {"schema": json.dumps(ORDER)})
        control = {"mode": "http503", "path_prefix": "/schemas/"}
        assert call(url, "POST", "/_control/fail", control)[:2] == (200, control)
        assert call(url, "GET", "/schemas/ids/1")[0] == 503
        assert call(url, "GET", "/config")[0] == 200
        assert call(url, "POST", "/_control/recover", {})[0] == 200
        assert call(url, "GET", "/schemas/ids/1")[0] == 200
        status, answer, _ = call(url, "POST", "/_control/fail", {"mode": "refuse"})
        assert (status, answer["error_code"]) == (400, 400)
        assert call(url, "GET", "/config")[0] == 200

        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr.decode()
    assert stdout.decode().splitlines() == ["url %s" % url, "registered orders-value 1", "ready"]


# --- avro_produce ------------------------------------------------------------------------------

EVERYTHING = {
    "type": "record", "name": "everything", "namespace": "test",
    "fields": [
        {"name": "n", "type": "null"},
        {"name": "flag", "type": "boolean"},
        {"name": "i", "type": "int"},
        {"name": "l", "type": "long"},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "raw", "type": "bytes"},
        {"name": "s", "type": "string"},
        {"name": "color", "type": {"type": "enum", "name": "color", "symbols": ["RED", "GREEN"]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "long"}},
        {"name": "address", "type": {"type": "record", "name": "address", "fields": [
            {"name": "city", "type": "string"}, {"name": "zip", "type": "int"}]}},
        {"name": "maybe", "type": ["null", "string"], "default": None},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "ts_ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "ts_us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
                                    "precision": 12, "scale": 2}},
    ]}

UTC = datetime.timezone.utc


def everything(**overrides):
    record = {
        "n": None, "flag": True, "i": -2147483648, "l": 9007199254740993, "f": 1.5,
        "d": -0.1, "raw": b"\x00\xff\x80", "s": "h\u00e9llo \u2603", "color": "GREEN",
        "tags": ["a", "b", ""], "attrs": {"x": 1, "y": -1}, "address": {"city": "Oslo", "zip": 150},
        "maybe": "here", "day": datetime.date(1969, 12, 31),
        "ts_ms": datetime.datetime(2024, 2, 29, 23, 59, 59, 123000, tzinfo=UTC),
        "ts_us": datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        "amount": decimal.Decimal("-1234567.89"),
    }
    record.update(overrides)
    return record


def decode(message, schema):
    """(magic, schema id, datum) of a Confluent-framed Avro message."""
    magic, schema_id = struct.unpack(">bI", message[:5])
    parsed = avro.schema.parse(json.dumps(schema))
    datum = avro.io.DatumReader(parsed).read(avro.io.BinaryDecoder(io.BytesIO(message[5:])))
    return magic, schema_id, datum


@pytest.mark.parametrize("record", [everything(), everything(maybe=None, tags=[], attrs={})],
                         ids=["values", "empty-and-null"])
def test_confluent_avro_round_trips_every_type(record):
    message = confluent_avro(0x01020304, EVERYTHING, record)
    assert message[:5] == b"\x00\x01\x02\x03\x04"
    assert decode(message, EVERYTHING) == (0, 0x01020304, record)


def test_confluent_avro_rescales_decimals_to_the_schema_scale():
    schema = {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}
    for value, unscaled in [("1.5", b"\x00\x96"), ("-0.00", b"\x00"), ("1E+2", b"\x27\x10")]:
        message = confluent_avro(1, schema, decimal.Decimal(value))
        assert message[5:] == bytes([2 * len(unscaled)]) + unscaled, value
        assert decode(message, schema)[2] == decimal.Decimal(value)
