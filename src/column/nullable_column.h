// NullableColumn: a data column plus a null map (one byte per row, 1 = NULL).
//
// Invariants: data()->size() == null_map().size(); a NULL row holds a default value (0 or the
// empty string) in the data column, so bulk operations on the data column need no branches.
// NULL sorts before every value and all NULLs compare equal.
//
// Ownership: owns its data column. Thread safety: none; const methods may run concurrently.
#pragma once

#include <vector>

#include "column/column.h"

namespace tributary {

class NullableColumn final : public Column {
public:
    // REQUIRES: data is empty or null_map.size() == data->size().
    NullableColumn(ColumnPtr data, std::vector<uint8_t> null_map);
    explicit NullableColumn(ColumnPtr data);

    size_t size() const override { return null_map_.size(); }
    bool is_nullable() const override { return true; }
    bool IsNullAt(size_t row) const override { return null_map_[row] != 0; }

    Column* data() { return data_.get(); }
    const Column* data() const { return data_.get(); }
    std::vector<uint8_t>& null_map() { return null_map_; }
    const std::vector<uint8_t>& null_map() const { return null_map_; }
    // Gives up the data column, for a caller that has checked there is no NULL left. The
    // NullableColumn is left without data and must only be destroyed.
    ColumnPtr ReleaseData() && {
        null_map_.clear();
        return std::move(data_);
    }
    bool has_null() const;
    size_t null_count() const;

    // Appends one NULL.
    void AppendNull() { AppendDefault(1); }
    // Marks that one value was appended to data() directly. REQUIRES: data()->size() grew by one.
    void AppendNotNullMark() { null_map_.push_back(0); }

    void AppendRange(const Column& src, size_t offset, size_t count) override;
    void AppendDefault(size_t count) override;
    void Filter(const RowMask& mask) override;
    ColumnPtr Take(std::span<const uint32_t> indexes) const override;
    ColumnPtr CloneEmpty() const override;
    void Reserve(size_t rows) override;
    void Clear() override;
    size_t MemoryUsage() const override { return data_->MemoryUsage() + null_map_.capacity(); }
    int CompareAt(size_t lhs, const Column& other, size_t rhs) const override;
    uint64_t HashAt(size_t row, uint64_t seed) const override;
    std::string DebugString(size_t row) const override;

private:
    ColumnPtr data_;
    std::vector<uint8_t> null_map_;
};

}  // namespace tributary
