// The Avro reader's contract (avro_reader.h): Confluent framing, a writer schema per message,
// the type mapping, jsonpaths, and a reason for every message it cannot read.
#include "load/avro/avro_reader.h"

#include <gtest/gtest.h>

#include "load/avro/avro_test_util.h"

namespace tributary {
namespace {

using avro_test::AvroBytes;
using avro_test::Framed;
using avro_test::MapSchemaSource;

// The seed document's sensor_log schema, verbatim.
constexpr char kSensorLog[] = R"({
    "type": "record",
    "name": "sensor_log",
    "fields" : [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "checked", "type" : "boolean"},
        {"name": "data", "type": "double"},
        {"name": "sensor_type", "type": {"type": "enum", "name": "sensor_type_enum", "symbols" : ["TEMPERATURE", "HUMIDITY", "AIR-PRESSURE"]}}
    ]
})";

AvroBytes SensorLog(int64_t id, std::string_view name, bool checked, double data, int type) {
    AvroBytes b;
    b.Long(id).Str(name).Bool(checked).Double(data).Int(type);
    return b;
}

class AvroReaderTest : public ::testing::Test {
protected:
    // Reads `messages` with `paths` and returns the batch.
    SourceBatch ReadAll(const std::vector<std::string>& paths,
                        const std::vector<std::string>& messages,
                        std::shared_ptr<const TimeZone> zone = nullptr) {
        AvroOptions options;
        options.field_paths = paths;
        options.time_zone = std::move(zone);
        reader_ = std::make_unique<AvroReader>(options, &source_);
        SourceBatch batch(paths.size());
        for (size_t i = 0; i < messages.size(); ++i) {
            EXPECT_TRUE(reader_->Read(messages[i], "offset " + std::to_string(i), &batch).ok());
        }
        return batch;
    }

    static std::vector<std::string> Row(const SourceBatch& batch, size_t row) {
        std::vector<std::string> out;
        for (size_t f = 0; f < batch.num_fields(); ++f) {
            out.push_back(batch.IsNull(f, row) ? "NULL" : std::string(batch.value(f, row)));
        }
        return out;
    }

    MapSchemaSource source_;
    std::unique_ptr<AvroReader> reader_;
};

TEST_F(AvroReaderTest, ReadsTheSeedSensorLogByFieldName) {
    source_.schemas[1] = kSensorLog;
    SourceBatch batch = ReadAll({"id", "name", "checked", "data", "sensor_type"},
                                {Framed(1, SensorLog(1, "sensor-1", true, 21.5, 1)),
                                 Framed(1, SensorLog(-2, "", false, -0.25, 2))});
    ASSERT_EQ(batch.num_rows(), 2u);
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"1", "sensor-1", "1", "21.5", "HUMIDITY"}));
    EXPECT_EQ(Row(batch, 1), (std::vector<std::string>{"-2", "", "0", "-0.25", "AIR-PRESSURE"}));
    EXPECT_EQ(batch.raw(0), "offset 0, schema id 1");
    EXPECT_EQ(source_.fetches, 1);
}

TEST_F(AvroReaderTest, MapsEveryPrimitiveType) {
    source_.schemas[3] = R"({"type": "record", "name": "r", "fields": [
        {"name": "n", "type": "null"}, {"name": "b", "type": "boolean"},
        {"name": "i", "type": "int"}, {"name": "l", "type": "long"},
        {"name": "f", "type": "float"}, {"name": "d", "type": "double"},
        {"name": "y", "type": "bytes"}, {"name": "s", "type": "string"}]})";
    AvroBytes body;
    body.Bool(true).Int(-2147483648).Long(9007199254740993).Float(0.1f).Double(1e300);
    body.Str(std::string("\x00\xff", 2)).Str("h\xc3\xa9llo");
    SourceBatch batch = ReadAll({"n", "b", "i", "l", "f", "d", "y", "s"}, {Framed(3, body)});
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"NULL", "1", "-2147483648",
                                                        "9007199254740993", "0.1", "1e+300",
                                                        std::string("\x00\xff", 2),
                                                        "h\xc3\xa9llo"}));
}

TEST_F(AvroReaderTest, MapsComplexTypesToJsonAndUnionsToTheirBranch) {
    source_.schemas[4] = R"({"type": "record", "name": "r", "namespace": "ns", "fields": [
        {"name": "rec", "type": {"type": "record", "name": "inner", "fields": [
            {"name": "x", "type": "int"}, {"name": "tags", "type": {"type": "array", "items": "string"}}]}},
        {"name": "m", "type": {"type": "map", "values": ["null", "long"]}},
        {"name": "a", "type": {"type": "array", "items": "inner"}},
        {"name": "fx", "type": {"type": "fixed", "name": "two", "size": 2}},
        {"name": "opt", "type": ["null", "string"]},
        {"name": "either", "type": ["int", "string"]},
        {"name": "e", "type": {"type": "enum", "name": "color", "symbols": ["RED", "GREEN"]}}]})";
    AvroBytes body;
    body.Int(7).Long(2).Str("a").Str("b\"q").Long(0);         // rec
    body.Long(2).Str("k1").Long(1).Long(5).Str("k2").Long(0).Long(0);  // m: {k1: 5, k2: null}
    body.Long(1).Int(1).Long(0).Long(0);                       // a: [{x: 1, tags: []}]
    body.Raw("zz");                                            // fx
    body.Long(0);                                              // opt: null
    body.Long(1).Str("text");                                  // either: string
    body.Int(1);                                               // e: GREEN
    SourceBatch batch = ReadAll({"rec", "m", "a", "fx", "opt", "either", "e"}, {Framed(4, body)});
    ASSERT_EQ(batch.num_rows(), 1u) << (batch.num_rejected() ? batch.rejected()[0].reason : "");
    EXPECT_EQ(Row(batch, 0),
              (std::vector<std::string>{R"({"x":7,"tags":["a","b\"q"]})", R"({"k1":5,"k2":null})",
                                        R"([{"x":1,"tags":[]}])", "zz", "NULL", "text", "GREEN"}));
}

TEST_F(AvroReaderTest, JsonPathsReachNestedFieldsMapValuesAndArrayElements) {
    source_.schemas[5] = R"({"type": "record", "name": "r", "fields": [
        {"name": "id", "type": "long"},
        {"name": "data", "type": ["null", {"type": "record", "name": "d", "fields": [
            {"name": "data_x", "type": "string"}, {"name": "data_y", "type": "double"}]}]},
        {"name": "arr", "type": {"type": "array", "items": "int"}},
        {"name": "m", "type": {"type": "map", "values": "string"}}]})";
    AvroBytes with_data;
    with_data.Long(1).Long(1).Str("x").Double(2.5).Long(2).Int(10).Int(20).Long(0);
    with_data.Long(1).Str("k").Str("v").Long(0);
    AvroBytes without_data;
    without_data.Long(2).Long(0).Long(0).Long(0);
    SourceBatch batch = ReadAll({"$.id", "$.data.data_y", "$.arr[1]", "$.arr[5]", "$.m.k", "$.nope",
                                 "$.data"},
                                {Framed(5, with_data), Framed(5, without_data)});
    ASSERT_EQ(batch.num_rows(), 2u);
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"1", "2.5", "20", "NULL", "v", "NULL",
                                                        R"({"data_x":"x","data_y":2.5})"}));
    EXPECT_EQ(Row(batch, 1),
              (std::vector<std::string>{"2", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"}));
}

TEST_F(AvroReaderTest, WholeRecordPathGivesItsJson) {
    source_.schemas[1] = kSensorLog;
    SourceBatch batch = ReadAll({"$"}, {Framed(1, SensorLog(5, "s", false, 1, 0))});
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.value(0, 0),
              R"({"id":5,"name":"s","checked":false,"data":1,"sensor_type":"TEMPERATURE"})");
}

TEST_F(AvroReaderTest, LogicalTypesBecomeDatesDateTimesAndDecimals) {
    source_.schemas[6] = R"({"type": "record", "name": "r", "fields": [
        {"name": "d", "type": {"type": "int", "logicalType": "date"}},
        {"name": "tm", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "tu", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "tus", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "lts", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
        {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "decf", "type": {"type": "fixed", "name": "f8", "size": 8, "logicalType": "decimal", "precision": 18, "scale": 3}},
        {"name": "nd", "type": ["null", {"type": "int", "logicalType": "date"}]},
        {"name": "bad", "type": {"type": "string", "logicalType": "date"}}]})";
    AvroBytes body;
    body.Int(19844);                        // 2024-05-01
    body.Int(36672345);                     // 10:11:12.345
    body.Long(1);                           // 00:00:00.000001
    body.Long(1714558272000);               // 2024-05-01 10:11:12 UTC
    body.Long(-1);                          // 1969-12-31 23:59:59.999999 UTC
    body.Long(1714558272000);               // wall-clock, no zone
    body.Str(std::string("\xfb\x2e", 2));   // -1234 -> -12.34
    body.Raw(std::string("\x00\x00\x00\x00\x00\x01\xe2\x40", 8));  // 123456 -> 123.456
    body.Long(1).Int(0);                    // 1970-01-01
    body.Str("2024-01-01");                 // an annotation that does not fit is ignored
    SourceBatch batch = ReadAll({"d", "tm", "tu", "ts", "tus", "lts", "dec", "decf", "nd", "bad"},
                                {Framed(6, body)}, *TimeZone::Find("Asia/Shanghai"));
    ASSERT_EQ(batch.num_rows(), 1u) << (batch.num_rejected() ? batch.rejected()[0].reason : "");
    EXPECT_EQ(Row(batch, 0),
              (std::vector<std::string>{"2024-05-01", "10:11:12.345000", "00:00:00.000001",
                                        "2024-05-01 18:11:12", "1970-01-01 07:59:59.999999",
                                        "2024-05-01 10:11:12", "-12.34", "123.456", "1970-01-01",
                                        "2024-01-01"}));
}

TEST_F(AvroReaderTest, EachMessageIsReadWithItsOwnWriterSchema) {
    source_.schemas[1] = R"({"type": "record", "name": "user", "fields": [
        {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]})";
    // Version 2 added a field and moved one.
    source_.schemas[2] = R"({"type": "record", "name": "user", "fields": [
        {"name": "email", "type": ["null", "string"], "default": null},
        {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]})";
    std::vector<std::string> messages;
    for (int i = 0; i < 6; ++i) {
        AvroBytes b;
        if (i % 2 == 0) {
            b.Long(i).Str("u" + std::to_string(i));
            messages.push_back(Framed(1, b));
        } else {
            b.Long(1).Str("e" + std::to_string(i)).Long(i).Str("u" + std::to_string(i));
            messages.push_back(Framed(2, b));
        }
    }
    SourceBatch batch = ReadAll({"id", "name", "email"}, messages);
    ASSERT_EQ(batch.num_rows(), 6u);
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"0", "u0", "NULL"}));
    EXPECT_EQ(Row(batch, 1), (std::vector<std::string>{"1", "u1", "e1"}));
    EXPECT_EQ(Row(batch, 4), (std::vector<std::string>{"4", "u4", "NULL"}));
    EXPECT_EQ(Row(batch, 5), (std::vector<std::string>{"5", "u5", "e5"}));
    EXPECT_EQ(source_.fetches, 2);  // once per id
}

TEST_F(AvroReaderTest, MessagesNotInTheWireFormatAreRejectedWithTheirReason) {
    source_.schemas[1] = kSensorLog;
    SourceBatch batch = ReadAll({"id"}, {std::string("\0\0", 2), R"({"id": 1})",
                                         Framed(9, SensorLog(1, "a", true, 1, 0))});
    EXPECT_EQ(batch.num_rows(), 0u);
    ASSERT_EQ(batch.num_rejected(), 3u);
    EXPECT_EQ(batch.rejected()[0].reason,
              "not in the Confluent Avro wire format: 2 bytes, shorter than the 5-byte header");
    EXPECT_EQ(batch.rejected()[0].raw, "offset 0, 2 bytes: 00 00");
    EXPECT_EQ(batch.rejected()[1].reason,
              "not in the Confluent Avro wire format: magic byte 0x7b (a JSON message?), "
              "expected 0x00");
    EXPECT_EQ(batch.rejected()[2].reason,
              "schema id 9 is not in the Schema Registry: Schema 9 not found");
    EXPECT_TRUE(batch.rejected()[2].raw.starts_with("offset 2, schema id 9, 18 bytes: 00 00 00 00 09"));
}

TEST_F(AvroReaderTest, MalformedBodiesAreRejectedWithWhatAndWhere) {
    source_.schemas[1] = kSensorLog;
    AvroBytes truncated;
    truncated.Long(1).Str("name").Bool(true).Raw("abcd");  // 4 of the double's 8 bytes
    AvroBytes long_string;
    long_string.Long(1).Long(300).Raw("short");
    AvroBytes bad_enum = SensorLog(1, "a", true, 1, 0);
    bad_enum = AvroBytes();
    bad_enum.Long(1).Str("a").Bool(true).Double(1).Int(3);
    AvroBytes trailing = SensorLog(1, "a", true, 1, 0);
    trailing.Raw("xy");
    AvroBytes bad_bool;
    bad_bool.Long(1).Str("a").Raw("\x07");
    SourceBatch batch = ReadAll({"id", "name"},
                                {Framed(1, truncated), Framed(1, long_string), Framed(1, bad_enum),
                                 Framed(1, trailing), Framed(1, bad_bool),
                                 Framed(1, SensorLog(7, "ok", true, 1, 0))});
    ASSERT_EQ(batch.num_rows(), 1u);  // the good message after the bad ones
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"7", "ok"}));
    ASSERT_EQ(batch.num_rejected(), 5u);
    EXPECT_EQ(batch.rejected()[0].reason,
              "schema id 1: field data at byte 12: double needs 8 bytes, 4 are left");
    EXPECT_EQ(batch.rejected()[1].reason,
              "schema id 1: field name at byte 6: string length 300 exceeds the 5 bytes left");
    EXPECT_EQ(batch.rejected()[2].reason,
              "schema id 1: field sensor_type at byte 17: enum index 3 is not one of the 3 "
              "symbols of sensor_type_enum");
    EXPECT_EQ(batch.rejected()[3].reason,
              "schema id 1: at byte 18: 2 bytes are left over after the record");
    EXPECT_EQ(batch.rejected()[4].reason,
              "schema id 1: field checked at byte 8: boolean byte 0x07 is not 0 or 1");
}

TEST_F(AvroReaderTest, HugeCountsAndLengthsAreRefusedBeforeDecoding) {
    source_.schemas[2] = R"({"type": "record", "name": "r", "fields": [
        {"name": "a", "type": {"type": "array", "items": "long"}},
        {"name": "i", "type": "int"}]})";
    AvroBytes huge_count;
    huge_count.Long(int64_t{1} << 60).Long(1);
    AvroBytes negative_block;
    negative_block.Long(-2).Long(1 << 30).Long(1).Long(2).Long(0).Int(0);  // size given: fine
    AvroBytes int_overflow;
    int_overflow.Long(0).Long(int64_t{1} << 40);
    AvroBytes long_varint;
    long_varint.Raw(std::string(11, '\xff'));
    SourceBatch batch = ReadAll({"a", "i"}, {Framed(2, huge_count), Framed(2, negative_block),
                                             Framed(2, int_overflow), Framed(2, long_varint)});
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"[1,2]", "0"}));
    ASSERT_EQ(batch.num_rejected(), 3u);
    EXPECT_EQ(batch.rejected()[0].reason,
              "schema id 2: field a at byte 5: array block of 1152921504606846976 items exceeds "
              "the 1 bytes left");
    EXPECT_EQ(batch.rejected()[1].reason,
              "schema id 2: field i at byte 6: int value 1099511627776 does not fit 32 bits");
    EXPECT_EQ(batch.rejected()[2].reason,
              "schema id 2: field a at byte 5: array block count varint is longer than 10 bytes");
}

TEST_F(AvroReaderTest, SchemasThatCannotBeUsedRejectTheirMessagesOnce) {
    source_.schemas[1] = "{not json";
    source_.schemas[2] = R"({"type": "record", "name": "node", "fields": [
        {"name": "next", "type": ["null", "node"]}]})";
    source_.schemas[3] = R"({"type": "record", "name": "r", "fields": [
        {"name": "a", "type": {"type": "array", "items": "null"}}]})";
    AvroBytes body;
    body.Long(0);
    SourceBatch batch = ReadAll({"a"}, {Framed(1, body), Framed(2, body), Framed(3, body),
                                        Framed(1, body)});
    ASSERT_EQ(batch.num_rejected(), 4u);
    EXPECT_EQ(batch.rejected()[0].reason, "schema id 1: the schema is not valid JSON");
    EXPECT_EQ(batch.rejected()[1].reason,
              "schema id 2: recursive schemas are not supported (node is used inside itself)");
    EXPECT_EQ(batch.rejected()[2].reason,
              "schema id 3: arrays of null items are not supported: an item encodes to no "
              "bytes, so a message could claim any number of them");
    EXPECT_EQ(batch.rejected()[3].reason, batch.rejected()[0].reason);
    EXPECT_EQ(source_.fetches, 3);
}

TEST_F(AvroReaderTest, AnUnreachableRegistryFailsTheReadAndRecovers) {
    source_.schemas[1] = kSensorLog;
    source_.fail = Status::IOError("Schema Registry http://registry:8081 unreachable");
    AvroOptions options;
    options.field_paths = {"id"};
    AvroReader reader(options, &source_);
    SourceBatch batch(1);
    const std::string message = Framed(1, SensorLog(3, "a", true, 1, 0));
    Status st = reader.Read(message, "offset 0", &batch);
    EXPECT_EQ(st.code(), Status::Code::kIOError) << st.ToString();
    EXPECT_EQ(batch.num_rows() + batch.num_rejected(), 0u);  // nothing counted or skipped
    source_.fail = Status::OK();
    ASSERT_TRUE(reader.Read(message, "offset 0", &batch).ok());
    EXPECT_EQ(Row(batch, 0), (std::vector<std::string>{"3"}));
}

TEST_F(AvroReaderTest, ABatchOfAnotherWidthIsMisuse) {
    AvroOptions options;
    options.field_paths = {"a", "b"};
    AvroReader reader(options, &source_);
    SourceBatch batch(3);
    EXPECT_FALSE(reader.Read(Framed(1, AvroBytes()), "offset 0", &batch).ok());
}

TEST_F(AvroReaderTest, InvalidPathsAreRefused) {
    AvroOptions options;
    options.field_paths = {"$.a[x]"};
    EXPECT_FALSE(options.Validate().ok());
}

}  // namespace
}  // namespace tributary
