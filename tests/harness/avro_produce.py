"""Confluent-framed Avro messages for Routine Load tests, encoded with python3-avro (1.11.1) and
produced with confluent-kafka-python.

    schema_id = registry.register("orders-value", ORDER_SCHEMA)
    value = confluent_avro(schema_id, ORDER_SCHEMA, {"id": 1, "name": "apple"})
    produce_avro(kafka.bootstrap, "orders", [{"id": 1, ...}, (2, {"id": 2, ...})], schema_id,
                 ORDER_SCHEMA)                 # the second record goes to partition 2
    produce_raw(kafka.bootstrap, "orders", [b"not avro", b"\\x00\\x00"], partition=0)

The wire format is Confluent's: byte 0 is the magic 0, bytes 1-4 the schema id (big-endian
unsigned), then the Avro binary encoding of one datum with no container header.

Python values python3-avro 1.11.1 accepts (anything else raises avro.errors.AvroTypeException
before a byte is written):

    null None; boolean bool; int/long int within the type's range (a bool is an int too);
    float/double int or float; string str; bytes bytes; fixed bytes of the declared size; enum
    str (a symbol); array a list (not a tuple); map a dict with str keys; record a dict (not any
    Mapping) whose keys are field names: an absent field is written as None, so it must be
    nullable (defaults are not applied), and an unknown key is an error; union: any value one
    branch accepts, and the LAST branch that accepts it wins (5 for ["int", "long"] is written
    as branch 1, a long; 5 for ["long", "double"] as a double; True for ["boolean", "long"] as
    the long 1), so keep test unions unambiguous, like ["null", T].
    date (int) datetime.date only: an int is rejected, a datetime.datetime passes validation
        and then fails with TypeError.
    time-millis (int), time-micros (long) datetime.time.
    timestamp-millis, timestamp-micros (long) a timezone-aware datetime.datetime; naive ones
        and ints are rejected. Written as ms / us since the epoch in UTC, rounded toward minus
        infinity (micros below the millisecond are dropped; 1969-12-31T23:59:59.999999Z is
        -1 ms).
    decimal (bytes or fixed) decimal.Decimal with at most `scale` fractional digits (more
        raises AvroOutOfScaleException; precision is not checked). Written as the unscaled
        integer, big-endian two's complement: as bytes with a length prefix and one sign bit
        to spare (which may be a whole extra byte: -128 unscaled is ff 80, not 80), as fixed
        sign-extended to the declared size.
    uuid (string) a str uuid.UUID() accepts, written as the string itself.
    Other logical types (local-timestamp-*, duration) are ignored with a warning: the
        underlying type and its Python value apply.

Two python3-avro 1.11.1 decimal bugs are corrected here before encoding: it writes a Decimal's
digits without rescaling them to the schema's scale (Decimal("1.5") at scale 2 became 0.15), and
it writes a negative zero as -2 unscaled (Decimal("-0.00") became -0.02). Values are first
rescaled to exactly `scale` fractional digits and negative zero becomes zero.

Speed: encoding dominates. 100,000 records of five fields (long, string, double, a null/string
union, timestamp-millis) are encoded and produced to a one-broker kafka_test_cluster in 2.3 to
3.8 s over several runs on the two-core test machine, nearly all of it encoding (20-33 us a
record). Every record is checked against the schema before it is written (python3-avro's
DatumWriter.write), which costs about a third of the encoding time and is kept because it names
the field that is wrong.
"""
import decimal
import io
import json
import struct

import avro.io
import avro.schema

MAGIC = 0
_HEADER = struct.Struct(">bI")

# Room for any Avro decimal (precision is a positive int; 1000 digits is far beyond any column).
_RESCALE_CONTEXT = decimal.Context(prec=1000)

# Parsed schema and writer, keyed by the schema's normalised JSON text (or by the id of a parsed
# schema object, which the value keeps alive so the id stays unique).
_writers = {}


class _RescalingEncoder(avro.io.BinaryEncoder):
    """BinaryEncoder whose decimals are rescaled to the schema's scale first (see above)."""

    def write_decimal_bytes(self, datum, scale):
        super().write_decimal_bytes(_rescale(datum, scale), scale)

    def write_decimal_fixed(self, datum, scale, size):
        super().write_decimal_fixed(_rescale(datum, scale), scale, size)


def parse_schema(text):
    """python3-avro's parse, without checking enum symbols against Avro's name rules: the
    StarRocks page's sensor_log schema has the symbol "AIR-PRESSURE", which registries and
    avro-c accept. (python3-avro 1.11.1 checks enums nested in records even when
    parse(validate_enum_symbols=False) is asked, so the check is turned off where it is made.)"""
    return avro.schema.parse(text, validate_enum_symbols=False)


_strict_enum_init = avro.schema.EnumSchema.__init__


def _enum_init_without_symbol_check(self, name, namespace, symbols, names=None, doc=None,
                                    other_props=None, validate_enum_symbols=True):
    _strict_enum_init(self, name, namespace, symbols, names, doc, other_props, False)


avro.schema.EnumSchema.__init__ = _enum_init_without_symbol_check


def _rescale(datum, scale):
    if datum.is_zero():
        datum = abs(datum)
    exponent = datum.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < scale:  # fewer fractional digits: exact
        datum = datum.quantize(decimal.Decimal(1).scaleb(-scale), context=_RESCALE_CONTEXT)
    return datum  # more fractional digits than scale: python3-avro raises AvroOutOfScaleException


def _writer(schema):
    """(parsed schema, DatumWriter) for a dict, JSON text or parsed schema; cached."""
    if isinstance(schema, avro.schema.Schema):
        key = ("parsed", id(schema))
    else:
        if isinstance(schema, str):
            schema = json.loads(schema)
        key = json.dumps(schema, sort_keys=True, separators=(",", ":"))
    cached = _writers.get(key)
    if cached is None:
        parsed = schema if isinstance(schema, avro.schema.Schema) else \
            parse_schema(json.dumps(schema))
        cached = _writers[key] = (parsed, avro.io.DatumWriter(parsed))
    return cached


def _encode(writer, schema_id, record):
    buffer = io.BytesIO()
    buffer.write(_HEADER.pack(MAGIC, schema_id))
    writer.write(record, _RescalingEncoder(buffer))
    return buffer.getvalue()


def confluent_avro(schema_id, schema, record):
    """Confluent wire format of `record`: magic 0, the 4-byte big-endian schema id, then the
    Avro binary datum. `schema` is a dict, JSON text or avro.schema.Schema."""
    return _encode(_writer(schema)[1], schema_id, record)


def produce_avro(bootstrap, topic, records, schema_id, schema, partition=None, key=None):
    """Encodes each record with confluent_avro and produces it, to `partition` (or one the
    producer picks) unless the item is a tuple (partition, record) (no Avro value is a tuple);
    `key` (bytes or str) is every message's key. Flushes and fails unless all are acknowledged;
    returns the count."""
    writer = _writer(schema)[1]
    messages = []
    for item in records:
        target, record = item if isinstance(item, tuple) else (partition, item)
        messages.append((target, key, _encode(writer, schema_id, record)))
    return _produce(bootstrap, topic, messages)


def produce_raw(bootstrap, topic, payloads, partition=None):
    """Produces each payload (bytes or str) as is, e.g. messages that are not Avro at all."""
    messages = [(partition, None, p.encode() if isinstance(p, str) else p) for p in payloads]
    return _produce(bootstrap, topic, messages)


def _produce(bootstrap, topic, messages):
    """Produces (partition or None, key or None, value) messages; fails unless every one is
    acknowledged. Settings as routine_load.produce, plus waiting when the local queue is full."""
    import confluent_kafka
    producer = confluent_kafka.Producer({"bootstrap.servers": bootstrap, "linger.ms": 5,
                                         "enable.idempotence": True})
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(err)

    for partition, key, value in messages:
        kwargs = {"value": value, "on_delivery": on_delivery}
        if partition is not None:
            kwargs["partition"] = partition
        if key is not None:
            kwargs["key"] = key
        while True:
            try:
                producer.produce(topic, **kwargs)
                break
            except BufferError:  # more than queue.buffering.max.messages in flight
                producer.poll(0.1)
        producer.poll(0)
    assert producer.flush(60) == 0, "messages still queued after flush"
    assert errors == [], "delivery errors: %s" % errors
    return len(messages)
