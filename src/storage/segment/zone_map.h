// Zone maps (min, max, null count) of a page or a whole segment column, and pruning with them.
//
// Values are kept as their physical bytes: fixed-width types as the little-endian value
// (sizeof(T) bytes), strings as the bytes themselves. Ordering is the column order of
// column/column.h (NaN last for floating point; bytewise for strings).
//
// Strings longer than kZoneMapMaxStringBytes are truncated to that prefix. A truncated min is
// still a lower bound. A truncated max is NOT an upper bound, so it is flagged (max_truncated)
// and pruning compares only that many leading bytes of the bound against it: pruning stays
// correct (it never drops a page that holds a matching row), only a little less sharp.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "column/column.h"

namespace tributary {

inline constexpr size_t kZoneMapMaxStringBytes = 64;

struct ZoneMap {
    bool has_value = false;  // at least one non-NULL row; min and max are meaningful only then
    std::string min;
    std::string max;
    bool min_truncated = false;
    bool max_truncated = false;
    uint64_t null_count = 0;

    bool has_null() const { return null_count > 0; }
    bool operator==(const ZoneMap&) const = default;
};

// The physical bytes of a fixed-width value or a string, as zone maps and predicates hold them.
template <typename T>
std::string EncodeZoneValue(T v) {
    return std::string(reinterpret_cast<const char*>(&v), sizeof(T));
}
inline std::string EncodeZoneValue(std::string_view v) { return std::string(v); }

// Decodes a fixed-width zone value. REQUIRES: bytes.size() == sizeof(T).
template <typename T>
T DecodeZoneValue(std::string_view bytes) {
    T v;
    std::memcpy(&v, bytes.data(), sizeof(T));
    return v;
}

// Three-way comparison of two encoded values of `type`.
int CompareZoneValues(LogicalType type, std::string_view a, std::string_view b);

// Accumulates the zone map of rows; keeps untruncated min and max so that builders merge exactly.
class ZoneMapBuilder {
public:
    explicit ZoneMapBuilder(LogicalType type) : type_(type) {}

    // Adds rows [offset, offset + count) of `column` (nullable or not).
    void Add(const Column& column, size_t offset, size_t count);
    void Merge(const ZoneMapBuilder& other);
    // The zone map, strings truncated to kZoneMapMaxStringBytes.
    ZoneMap Finish() const;
    void Reset() { *this = ZoneMapBuilder(type_); }

private:
    void Offer(std::string_view value);

    LogicalType type_;
    bool has_value_ = false;
    std::string min_;
    std::string max_;
    uint64_t null_count_ = 0;
};

// A predicate on one column that zone maps can prune with:
//   kRange:     lower <(=) value <(=) upper, either bound optional (NULL never matches);
//   kIsNull:    value IS NULL;
//   kIsNotNull: value IS NOT NULL.
// Bounds are encoded with EncodeZoneValue of the column's physical type.
struct ZonePredicate {
    enum class Kind : uint8_t { kRange, kIsNull, kIsNotNull };
    Kind kind = Kind::kRange;
    std::optional<std::string> lower;
    bool lower_inclusive = true;
    std::optional<std::string> upper;
    bool upper_inclusive = true;

    static ZonePredicate Equal(std::string v) {
        ZonePredicate p;
        p.lower = v;
        p.upper = std::move(v);
        return p;
    }
    static ZonePredicate Between(std::optional<std::string> lo, std::optional<std::string> hi) {
        ZonePredicate p;
        p.lower = std::move(lo);
        p.upper = std::move(hi);
        return p;
    }
};

// False only when no row summarised by `zone` can satisfy `pred`.
bool ZoneMayMatch(LogicalType type, const ZoneMap& zone, const ZonePredicate& pred);

// Serialization (docs/formats/segment.md, "Zone map").
void EncodeZoneMap(const ZoneMap& zone, std::string* out);
// Parses a zone map of `type`; false when the bytes are malformed (caller reports Corruption).
[[nodiscard]] bool DecodeZoneMap(LogicalType type, class ByteReader* reader, ZoneMap* zone);

}  // namespace tributary
