// PartitionKey: one bound of a RANGE partition, compared the way StarRocks compares them.
//
// A key holds one value per partition column. A value is either finite (an integer, a DATE as
// days since 1970-01-01, a DATETIME as microseconds since 1970-01-01 00:00:00; see types/date_time.h)
// or MAXVALUE, which is greater than every finite value. Keys compare lexicographically. When a
// statement gives fewer values than there are partition columns, the missing trailing values
// are the minimum of their column type (StarRocks' rule), so every key is full length.
//
// A partition covers the half-open range [lower, upper). Range partition columns are integer,
// DATE or DATETIME columns (StarRocks' rule); only those types are accepted here.
//
// Thread safety: plain value.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "types/int128.h"
#include "catalog/table_definition.h"
#include "types/type_desc.h"

namespace tributary {

struct PartitionValue {
    bool is_max = false;
    int128_t value = 0;  // meaningful when !is_max

    static PartitionValue Max() { return PartitionValue{true, 0}; }
    static PartitionValue Of(int128_t v) { return PartitionValue{false, v}; }
    std::strong_ordering operator<=>(const PartitionValue& other) const;
    bool operator==(const PartitionValue& other) const { return (*this <=> other) == 0; }
};

class PartitionKey {
public:
    PartitionKey() = default;
    explicit PartitionKey(std::vector<PartitionValue> values) : values_(std::move(values)) {}

    // True when `type` may be a RANGE partition column (integers, DATE, DATETIME).
    static bool IsSupportedColumnType(const TypeDesc& type);

    // The minimum value of `type` (the lower bound of the first LESS THAN partition).
    // REQUIRES: IsSupportedColumnType(type).
    static int128_t TypeMin(const TypeDesc& type);

    // The key whose every value is its type's minimum.
    static PartitionKey Min(const std::vector<TypeDesc>& types);
    // The key whose every value is MAXVALUE.
    static PartitionKey Max(size_t num_columns);

    // Parses literal texts (nullopt = MAXVALUE) against the partition column types, filling
    // missing trailing values with the type minimum. Fails when there are more values than
    // columns or a text is not a valid value of its column; `column_names` name the culprit.
    static StatusOr<PartitionKey> Parse(const PartitionValues& texts,
                                        const std::vector<TypeDesc>& types,
                                        const std::vector<std::string>& column_names);

    // The canonical texts of the values, nullopt for MAXVALUE (the inverse of Parse).
    PartitionValues ToTexts(const std::vector<TypeDesc>& types) const;

    // StarRocks' spelling: ("2020-01-01"), ("10", MAXVALUE), (MAXVALUE).
    std::string ToSql(const std::vector<TypeDesc>& types) const;

    bool IsMin(const std::vector<TypeDesc>& types) const;

    const std::vector<PartitionValue>& values() const { return values_; }

    std::strong_ordering operator<=>(const PartitionKey& other) const;
    bool operator==(const PartitionKey& other) const { return (*this <=> other) == 0; }

private:
    std::vector<PartitionValue> values_;
};

// A half-open range [lower, upper) of partition keys.
struct PartitionRange {
    PartitionKey lower;
    PartitionKey upper;

    bool Contains(const PartitionKey& key) const { return lower <= key && key < upper; }
    bool Overlaps(const PartitionRange& other) const {
        return lower < other.upper && other.lower < upper;
    }
    // "[("2020-01-01"), ("2020-02-01"))"
    std::string ToSql(const std::vector<TypeDesc>& types) const;
};

}  // namespace tributary
