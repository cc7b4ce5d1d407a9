#include "storage/segment/zone_map.h"

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "column/type_dispatch.h"
#include "storage/segment/byte_io.h"

namespace tributary {
namespace {

constexpr uint8_t kHasValue = 1;
constexpr uint8_t kMinTruncated = 2;
constexpr uint8_t kMaxTruncated = 4;
constexpr uint8_t kKnownFlags = kHasValue | kMinTruncated | kMaxTruncated;

}  // namespace

int CompareZoneValues(LogicalType type, std::string_view a, std::string_view b) {
    return VisitPhysicalType(type, [&]<typename Tag>(Tag) {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view>) {
            return CompareBytes(a, b);
        } else {
            return CompareValues(DecodeZoneValue<T>(a), DecodeZoneValue<T>(b));
        }
    });
}

void ZoneMapBuilder::Offer(std::string_view value) {
    if (!has_value_) {
        min_.assign(value);
        max_.assign(value);
        has_value_ = true;
        return;
    }
    if (CompareZoneValues(type_, value, min_) < 0) min_.assign(value);
    if (CompareZoneValues(type_, value, max_) > 0) max_.assign(value);
}

void ZoneMapBuilder::Add(const Column& column, size_t offset, size_t count) {
    const Column* data = &column;
    const uint8_t* nulls = nullptr;
    if (column.is_nullable()) {
        const auto& n = static_cast<const NullableColumn&>(column);
        data = n.data();
        nulls = n.null_map().data();
    }
    VisitPhysicalType(type_, [&]<typename Tag>(Tag) {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view>) {
            const auto& c = static_cast<const BinaryColumn&>(*data);
            for (size_t i = offset; i < offset + count; ++i) {
                if (nulls != nullptr && nulls[i] != 0) {
                    ++null_count_;
                } else {
                    Offer(c.value(i));
                }
            }
        } else {
            // Typed min/max first, then one Offer: no per-row string work.
            const auto& v = static_cast<const FixedColumn<T>&>(*data).data();
            bool any = false;
            T lo{};
            T hi{};
            for (size_t i = offset; i < offset + count; ++i) {
                if (nulls != nullptr && nulls[i] != 0) {
                    ++null_count_;
                    continue;
                }
                if (!any) {
                    lo = hi = v[i];
                    any = true;
                } else {
                    if (CompareValues(v[i], lo) < 0) lo = v[i];
                    if (CompareValues(v[i], hi) > 0) hi = v[i];
                }
            }
            if (any) {
                Offer(EncodeZoneValue(lo));
                Offer(EncodeZoneValue(hi));
            }
        }
    });
}

void ZoneMapBuilder::Merge(const ZoneMapBuilder& other) {
    null_count_ += other.null_count_;
    if (other.has_value_) {
        Offer(other.min_);
        Offer(other.max_);
    }
}

ZoneMap ZoneMapBuilder::Finish() const {
    ZoneMap zone;
    zone.has_value = has_value_;
    zone.null_count = null_count_;
    if (!has_value_) return zone;
    zone.min = min_;
    zone.max = max_;
    if (zone.min.size() > kZoneMapMaxStringBytes) {
        zone.min.resize(kZoneMapMaxStringBytes);
        zone.min_truncated = true;
    }
    if (zone.max.size() > kZoneMapMaxStringBytes) {
        zone.max.resize(kZoneMapMaxStringBytes);
        zone.max_truncated = true;
    }
    return zone;
}

bool ZoneMayMatch(LogicalType type, const ZoneMap& zone, const ZonePredicate& pred) {
    switch (pred.kind) {
        case ZonePredicate::Kind::kIsNull: return zone.has_null();
        case ZonePredicate::Kind::kIsNotNull: return zone.has_value;
        case ZonePredicate::Kind::kRange: break;
    }
    if (!zone.has_value) return false;
    if (pred.upper) {
        // A truncated min is a prefix of (so not above) the true min: still a lower bound.
        int c = CompareZoneValues(type, *pred.upper, zone.min);
        if (c < 0 || (c == 0 && !pred.upper_inclusive && !zone.min_truncated)) return false;
    }
    if (pred.lower) {
        if (zone.max_truncated) {
            // Every value starts with a prefix <= zone.max; a bound whose own prefix is greater
            // lies above every value.
            std::string_view prefix = std::string_view(*pred.lower).substr(0, zone.max.size());
            if (CompareBytes(prefix, zone.max) > 0) return false;
        } else {
            int c = CompareZoneValues(type, *pred.lower, zone.max);
            if (c > 0 || (c == 0 && !pred.lower_inclusive)) return false;
        }
    }
    return true;
}

void EncodeZoneMap(const ZoneMap& zone, std::string* out) {
    ByteWriter w(out);
    uint8_t flags = (zone.has_value ? kHasValue : 0) | (zone.min_truncated ? kMinTruncated : 0) |
                    (zone.max_truncated ? kMaxTruncated : 0);
    w.Put<uint8_t>(flags);
    w.Put<uint64_t>(zone.null_count);
    if (zone.has_value) {
        w.PutString(zone.min);
        w.PutString(zone.max);
    }
}

bool DecodeZoneMap(LogicalType type, ByteReader* reader, ZoneMap* zone) {
    uint8_t flags = 0;
    if (!reader->Get(&flags) || !reader->Get(&zone->null_count)) return false;
    if ((flags & ~kKnownFlags) != 0) return false;
    zone->has_value = (flags & kHasValue) != 0;
    zone->min_truncated = (flags & kMinTruncated) != 0;
    zone->max_truncated = (flags & kMaxTruncated) != 0;
    zone->min.clear();
    zone->max.clear();
    if (!zone->has_value) return !zone->min_truncated && !zone->max_truncated;
    std::string_view min, max;
    if (!reader->GetString(&min) || !reader->GetString(&max)) return false;
    size_t width = FixedWidthOf(type);
    if (width != 0) {
        if (min.size() != width || max.size() != width) return false;
        if (zone->min_truncated || zone->max_truncated) return false;
    } else if (min.size() > kZoneMapMaxStringBytes || max.size() > kZoneMapMaxStringBytes) {
        return false;
    }
    zone->min.assign(min);
    zone->max.assign(max);
    return true;
}

}  // namespace tributary
