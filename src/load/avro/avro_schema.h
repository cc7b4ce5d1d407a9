// An Avro writer schema as the Avro reader walks it: a tree of nodes parsed from the schema's JSON
// text (as a Schema Registry returns it), with the logical types avro-c does not model, and the
// check that a message body is a well-formed encoding of it.
//
// Parsing follows the Avro 1.11 specification: primitive names, named types (record, enum,
// fixed) referenced later by name or full name with namespace inheritance, unions as JSON
// arrays, logical types as annotations - an annotation that does not fit its type (a "date" on a
// string, a decimal whose scale exceeds its precision) is ignored, as the specification says.
// Two kinds of schema are refused, because a message could make decoding take unbounded time or
// stack: recursive ones (a named type used inside itself) and arrays whose items can encode to
// no bytes at all (null, an empty record), where a count of 2^62 elements costs nothing to send.
// Nesting is limited to kMaxAvroDepth levels.
//
// ValidateAvroBinary walks a message body against the tree before avro-c sees it: every varint
// is at most 10 bytes and ints fit 32 bits, every length and block count fits in the bytes that
// are left, every union branch and enum index exists, and the record ends exactly at the end of
// the body. So avro-c only ever decodes well-formed input - it allocates before it checks lengths
// and leaks on truncated strings - and the error says what is wrong and at which byte.
//
// Internal to src/load/avro. Thread safety: a parsed tree is immutable and may be shared.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace tributary::avro_internal {

inline constexpr int kMaxAvroDepth = 128;

enum class AvroKind : uint8_t {
    kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kString,
    kRecord, kEnum, kArray, kMap, kUnion, kFixed,
};

enum class AvroLogical : uint8_t {
    kNone,
    kDate,                  // int: days since 1970-01-01
    kTimeMillis,            // int: milliseconds after midnight
    kTimeMicros,            // long: microseconds after midnight
    kTimestampMillis,       // long: milliseconds since the epoch, UTC
    kTimestampMicros,       // long: microseconds since the epoch, UTC
    kLocalTimestampMillis,  // long: milliseconds since 1970-01-01 00:00 wall-clock
    kLocalTimestampMicros,  // long: microseconds since 1970-01-01 00:00 wall-clock
    kDecimal,               // bytes / fixed: two's-complement big-endian unscaled value
};

struct AvroNode;

struct AvroField {
    std::string name;
    const AvroNode* type = nullptr;
};

struct AvroNode {
    AvroKind kind = AvroKind::kNull;
    AvroLogical logical = AvroLogical::kNone;
    int precision = 0;  // decimal
    int scale = 0;      // decimal
    std::string name;   // full name of a record, enum or fixed
    std::vector<AvroField> fields;            // record, in schema order
    std::vector<std::string> symbols;         // enum
    const AvroNode* items = nullptr;          // array items, map values
    std::vector<const AvroNode*> branches;    // union
    int64_t fixed_size = 0;                   // fixed

    // The index of the record field named `name`, or -1.
    int FieldIndex(std::string_view name) const;

    std::unordered_map<std::string, int> field_index;  // record: name -> index
};

// "int", "record sensor_log", "union", ... for messages.
std::string DescribeNode(const AvroNode& node);

class AvroSchemaTree {
public:
    // Parses a schema's JSON text. InvalidArgument names what is wrong ("unknown type 'strin'",
    // "record sensor_log: field 3 has no name"); NotSupported for recursive schemas and arrays of
    // items that encode to nothing.
    static StatusOr<std::unique_ptr<AvroSchemaTree>> Parse(std::string_view json);

    const AvroNode& root() const { return *root_; }

private:
    AvroSchemaTree() = default;

    std::deque<AvroNode> nodes_;  // stable addresses
    const AvroNode* root_ = nullptr;

    friend class SchemaParser;
};

// Checks that `body` (a message after its 5-byte header) is exactly one encoding of `root`.
// Returns an empty string when it is, else what is wrong, with the byte offset counted from the
// start of the message (`header_bytes` + the offset in body): "at byte 9: string length 300
// exceeds the 12 bytes left".
std::string ValidateAvroBinary(const AvroNode& root, std::string_view body, size_t header_bytes);

}  // namespace tributary::avro_internal
