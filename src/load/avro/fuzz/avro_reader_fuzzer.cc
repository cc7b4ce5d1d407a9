// libFuzzer target for the Avro reader: any message bytes must give exactly one row or one
// rejected row - never a crash, a hang, an allocation sized by the input, or a row of the wrong
// width. The input is the whole Kafka message (magic byte, schema id, body); the registry knows
// ids 1 to 5, whose schemas cover every type, logical types, unions, nesting and named-type
// reuse. The reader is kept across inputs, like a task's reader across messages. Also checks
// that reading the same message twice gives the same outcome (no state leaks between messages).
//
// Build: cmake -DTRIBUTARY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ ...; ninja avro_reader_fuzzer
// Run:   ./avro_reader_fuzzer -max_len=4096 -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/avro/avro_reader.h"

namespace {

const std::map<int32_t, std::string> kSchemas = {
    {1, R"({"type": "record", "name": "sensor_log", "fields": [
          {"name": "id", "type": "long"}, {"name": "name", "type": "string"},
          {"name": "checked", "type": "boolean"}, {"name": "data", "type": "double"},
          {"name": "sensor_type", "type": {"type": "enum", "name": "e",
           "symbols": ["TEMPERATURE", "HUMIDITY", "AIR-PRESSURE"]}}]})"},
    {2, R"({"type": "record", "name": "r", "fields": [
          {"name": "id", "type": ["null", "long"]},
          {"name": "data", "type": {"type": "record", "name": "d", "fields": [
              {"name": "data_x", "type": "float"}, {"name": "data_y", "type": "bytes"}]}},
          {"name": "arr", "type": {"type": "array", "items": ["null", "d"]}},
          {"name": "m", "type": {"type": "map", "values": {"type": "array", "items": "int"}}},
          {"name": "fx", "type": {"type": "fixed", "name": "f4", "size": 4}}]})"},
    {3, R"({"type": "record", "name": "t", "fields": [
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "ms", "type": {"type": "int", "logicalType": "time-millis"}},
          {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "lts", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
          {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38,
                                   "scale": 4}},
          {"name": "decf", "type": {"type": "fixed", "name": "f17", "size": 17,
                                    "logicalType": "decimal", "precision": 38, "scale": 0}}]})"},
    {4, R"(["null", "string", "long", {"type": "map", "values": "string"}])"},
    {5, R"({"type": "record", "name": "empty", "fields": []})"},
};

const std::vector<std::vector<std::string>> kPathSets = {
    {"id", "name", "checked", "data", "sensor_type"},
    {"$.id", "$.data.data_y", "$.arr[0].data_x", "$.m.k", "$.fx", "$"},
    {"day", "ms", "ts", "us", "lts", "dec", "decf"},
    {"$", "$.k", "$[0]"},
};

class FixedSchemas : public tributary::AvroSchemaSource {
public:
    tributary::StatusOr<std::string> SchemaText(int32_t id) override {
        auto it = kSchemas.find(id);
        if (it == kSchemas.end()) return tributary::Status::NotFound("unknown id");
        return it->second;
    }
};

void Check(bool condition) {
    if (!condition) std::abort();
}

struct Outcome {
    bool rejected = false;
    std::string text;  // the reason, or the fields
};

Outcome ReadOnce(tributary::AvroReader& reader, std::string_view message, size_t width) {
    tributary::SourceBatch batch(width);
    Check(reader.Read(message, "fuzz", &batch).ok());
    Check(batch.num_rows() + batch.num_rejected() == 1);
    Outcome out;
    if (batch.num_rejected() == 1) {
        out.rejected = true;
        out.text = batch.rejected()[0].reason;
        Check(!out.text.empty());
    } else {
        for (size_t f = 0; f < width; ++f) {
            out.text += batch.IsNull(f, 0) ? std::string("\\N") : std::string(batch.value(f, 0));
            out.text.push_back('\x1f');
        }
    }
    reader.ReleaseRaw();
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static FixedSchemas schemas;
    static std::vector<std::unique_ptr<tributary::AvroReader>> readers = [] {
        std::vector<std::unique_ptr<tributary::AvroReader>> r;
        for (const auto& paths : kPathSets) {
            tributary::AvroOptions options;
            options.field_paths = paths;
            r.push_back(std::make_unique<tributary::AvroReader>(options, &schemas));
        }
        return r;
    }();
    if (size == 0) return 0;
    // The last byte picks the path set; the message is everything before it.
    const size_t set = data[size - 1] % kPathSets.size();
    const std::string_view message(reinterpret_cast<const char*>(data), size - 1);
    const size_t width = kPathSets[set].size();
    const Outcome first = ReadOnce(*readers[set], message, width);
    const Outcome second = ReadOnce(*readers[set], message, width);
    Check(first.rejected == second.rejected && first.text == second.text);
    return 0;
}
