// FixedColumn<T>: a column of fixed-width values stored contiguously in a std::vector<T>.
//
// T is the physical type of the column's logical type (column.h lists the mapping); several
// logical types share one T (INT and DATE are both int32_t), so the TypeDesc decides how a value
// prints. Instantiated for uint8_t, int8_t, int16_t, int32_t, int64_t, __int128, float, double.
//
// Thread safety: none; const methods may run concurrently.
#pragma once

#include <cmath>
#include <cstring>
#include <span>
#include <vector>

#include "base/check.h"
#include "column/column.h"
#include "column/hash_util.h"

namespace tributary {

// Total order on physical values: NaN after every number and equal to itself, -0.0 == 0.0.
template <typename T>
inline int CompareValues(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
        bool an = std::isnan(a);
        bool bn = std::isnan(b);
        if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
    }
    return a < b ? -1 : (b < a ? 1 : 0);
}

// The value as text in the spelling of `type` (dates as YYYY-MM-DD, decimals with their scale).
template <typename T>
std::string FormatFixedValue(const TypeDesc& type, T value);

template <typename T>
class FixedColumn final : public Column {
public:
    using ValueType = T;

    explicit FixedColumn(TypeDesc type) : Column(type) {}

    size_t size() const override { return data_.size(); }

    std::vector<T>& data() { return data_; }
    const std::vector<T>& data() const { return data_; }
    T value(size_t row) const { return data_[row]; }
    void Append(T v) { data_.push_back(v); }

    void AppendRange(const Column& src, size_t offset, size_t count) override {
        const auto& s = static_cast<const FixedColumn<T>&>(src);
        TRIBUTARY_DCHECK(offset + count <= s.size(), "AppendRange past the end of the source");
        data_.insert(data_.end(), s.data_.begin() + offset, s.data_.begin() + offset + count);
    }
    void AppendDefault(size_t count) override { data_.resize(data_.size() + count, T{}); }

    void Filter(const RowMask& mask) override {
        TRIBUTARY_DCHECK(mask.size() == data_.size(), "filter mask size differs from column");
        size_t out = 0;
        for (size_t i = 0; i < data_.size(); ++i) {
            data_[out] = data_[i];
            out += mask[i] != 0;
        }
        data_.resize(out);
    }

    ColumnPtr Take(std::span<const uint32_t> indexes) const override {
        auto result = std::make_unique<FixedColumn<T>>(type());
        result->data_.resize(indexes.size());
        for (size_t i = 0; i < indexes.size(); ++i) result->data_[i] = data_[indexes[i]];
        return result;
    }

    ColumnPtr CloneEmpty() const override { return std::make_unique<FixedColumn<T>>(type()); }
    void Reserve(size_t rows) override { data_.reserve(rows); }
    void Clear() override { data_.clear(); }
    size_t MemoryUsage() const override { return data_.capacity() * sizeof(T); }

    int CompareAt(size_t lhs, const Column& other, size_t rhs) const override {
        return CompareValues(data_[lhs], static_cast<const FixedColumn<T>&>(other).data_[rhs]);
    }

    uint64_t HashAt(size_t row, uint64_t seed) const override {
        T v = data_[row];
        if constexpr (std::is_floating_point_v<T>) {
            if (v == 0) v = 0;                  // -0.0 and 0.0 compare equal: hash equally
            if (std::isnan(v)) v = NAN;         // one NaN
        }
        return HashBytes(&v, sizeof(T), seed);
    }

    std::string DebugString(size_t row) const override {
        return FormatFixedValue<T>(type(), data_[row]);
    }

private:
    std::vector<T> data_;
};

using BooleanColumn = FixedColumn<uint8_t>;
using Int8Column = FixedColumn<int8_t>;
using Int16Column = FixedColumn<int16_t>;
using Int32Column = FixedColumn<int32_t>;
using Int64Column = FixedColumn<int64_t>;
using Int128Column = FixedColumn<__int128>;
using FloatColumn = FixedColumn<float>;
using DoubleColumn = FixedColumn<double>;

}  // namespace tributary
