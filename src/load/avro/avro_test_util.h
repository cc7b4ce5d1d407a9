// Test helpers for the Avro reader: an encoder for Avro binary values (so tests can write exact
// and deliberately broken bytes) and an in-memory schema source.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>

#include "load/avro/avro_reader.h"

namespace tributary::avro_test {

// Appends Avro binary encodings to a byte string.
class AvroBytes {
public:
    AvroBytes& Long(int64_t v) {
        uint64_t n = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
        while (n & ~uint64_t{0x7f}) {
            bytes_.push_back(static_cast<char>((n & 0x7f) | 0x80));
            n >>= 7;
        }
        bytes_.push_back(static_cast<char>(n));
        return *this;
    }
    AvroBytes& Int(int32_t v) { return Long(v); }
    AvroBytes& Bool(bool v) { return Raw(std::string(1, v ? '\1' : '\0')); }
    AvroBytes& Str(std::string_view s) {
        Long(static_cast<int64_t>(s.size()));
        return Raw(s);
    }
    AvroBytes& Double(double d) {
        char b[8];
        std::memcpy(b, &d, 8);
        return Raw(std::string_view(b, 8));
    }
    AvroBytes& Float(float f) {
        char b[4];
        std::memcpy(b, &f, 4);
        return Raw(std::string_view(b, 4));
    }
    AvroBytes& Raw(std::string_view b) {
        bytes_.append(b);
        return *this;
    }
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

// Magic byte 0, the schema id big-endian, then the body.
inline std::string Framed(int32_t id, const AvroBytes& body) {
    std::string m(1, '\0');
    for (int shift = 24; shift >= 0; shift -= 8) {
        m.push_back(static_cast<char>((static_cast<uint32_t>(id) >> shift) & 0xff));
    }
    return m + body.bytes();
}

// Schemas by id; `fail` makes every fetch fail as an unreachable registry would.
class MapSchemaSource : public AvroSchemaSource {
public:
    StatusOr<std::string> SchemaText(int32_t id) override {
        ++fetches;
        if (!fail.ok()) return fail;
        auto it = schemas.find(id);
        if (it == schemas.end()) return Status::NotFound("Schema " + std::to_string(id) + " not found");
        return it->second;
    }
    std::map<int32_t, std::string> schemas;
    Status fail;
    int fetches = 0;
};

}  // namespace tributary::avro_test
