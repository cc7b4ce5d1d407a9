#include "column/nullable_column.h"

#include <algorithm>

#include "base/check.h"
#include "column/hash_util.h"

namespace tributary {

NullableColumn::NullableColumn(ColumnPtr data, std::vector<uint8_t> null_map)
    : Column(data->type()), data_(std::move(data)), null_map_(std::move(null_map)) {
    if (null_map_.empty()) null_map_.assign(data_->size(), 0);
    TRIBUTARY_CHECK(null_map_.size() == data_->size(), "null map size differs from data column");
}

NullableColumn::NullableColumn(ColumnPtr data) : NullableColumn(std::move(data), {}) {}

bool NullableColumn::has_null() const {
    return std::find(null_map_.begin(), null_map_.end(), 1) != null_map_.end();
}

size_t NullableColumn::null_count() const {
    return static_cast<size_t>(std::count(null_map_.begin(), null_map_.end(), 1));
}

void NullableColumn::AppendRange(const Column& src, size_t offset, size_t count) {
    if (src.is_nullable()) {
        const auto& s = static_cast<const NullableColumn&>(src);
        data_->AppendRange(*s.data_, offset, count);
        null_map_.insert(null_map_.end(), s.null_map_.begin() + offset,
                         s.null_map_.begin() + offset + count);
    } else {
        // A non-nullable source of the same data kind: all rows are values.
        data_->AppendRange(src, offset, count);
        null_map_.resize(null_map_.size() + count, 0);
    }
}

void NullableColumn::AppendDefault(size_t count) {
    data_->AppendDefault(count);
    null_map_.resize(null_map_.size() + count, 1);
}

void NullableColumn::Filter(const RowMask& mask) {
    data_->Filter(mask);
    size_t out = 0;
    for (size_t i = 0; i < null_map_.size(); ++i) {
        null_map_[out] = null_map_[i];
        out += mask[i] != 0;
    }
    null_map_.resize(out);
}

ColumnPtr NullableColumn::Take(std::span<const uint32_t> indexes) const {
    std::vector<uint8_t> nulls(indexes.size());
    for (size_t i = 0; i < indexes.size(); ++i) nulls[i] = null_map_[indexes[i]];
    return std::make_unique<NullableColumn>(data_->Take(indexes), std::move(nulls));
}

ColumnPtr NullableColumn::CloneEmpty() const {
    return std::make_unique<NullableColumn>(data_->CloneEmpty());
}

void NullableColumn::Reserve(size_t rows) {
    data_->Reserve(rows);
    null_map_.reserve(rows);
}

void NullableColumn::Clear() {
    data_->Clear();
    null_map_.clear();
}

int NullableColumn::CompareAt(size_t lhs, const Column& other, size_t rhs) const {
    bool ln = null_map_[lhs] != 0;
    if (!other.is_nullable()) return ln ? -1 : data_->CompareAt(lhs, other, rhs);
    const auto& o = static_cast<const NullableColumn&>(other);
    bool rn = o.null_map_[rhs] != 0;
    if (ln || rn) return ln == rn ? 0 : (ln ? -1 : 1);
    return data_->CompareAt(lhs, *o.data_, rhs);
}

uint64_t NullableColumn::HashAt(size_t row, uint64_t seed) const {
    if (null_map_[row] != 0) return MixHash64(seed ^ 0x9e3779b97f4a7c15ULL);
    return data_->HashAt(row, seed);
}

std::string NullableColumn::DebugString(size_t row) const {
    return null_map_[row] != 0 ? "NULL" : data_->DebugString(row);
}

}  // namespace tributary
