// BinaryColumn: variable-length byte strings (CHAR, VARCHAR, STRING, JSON).
//
// Values are stored back to back in one byte buffer; offsets_ has size() + 1 entries and value i
// is bytes_[offsets_[i], offsets_[i + 1]). Offsets are 64-bit so that a chunk of long strings
// cannot overflow them. Ordering is bytewise (memcmp, shorter prefix first).
//
// Thread safety: none; const methods may run concurrently.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "column/column.h"

namespace tributary {

class BinaryColumn final : public Column {
public:
    explicit BinaryColumn(TypeDesc type) : Column(type), offsets_{0} {}

    size_t size() const override { return offsets_.size() - 1; }

    std::string_view value(size_t row) const {
        return std::string_view(bytes_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]);
    }
    void Append(std::string_view v) {
        bytes_.insert(bytes_.end(), v.begin(), v.end());
        offsets_.push_back(bytes_.size());
    }
    const std::vector<char>& bytes() const { return bytes_; }
    const std::vector<uint64_t>& offsets() const { return offsets_; }

    void AppendRange(const Column& src, size_t offset, size_t count) override;
    void AppendDefault(size_t count) override { offsets_.resize(offsets_.size() + count, bytes_.size()); }
    void Filter(const RowMask& mask) override;
    ColumnPtr Take(std::span<const uint32_t> indexes) const override;
    ColumnPtr CloneEmpty() const override { return std::make_unique<BinaryColumn>(type()); }
    void Reserve(size_t rows) override { offsets_.reserve(rows + 1); }
    // Makes room for `bytes` more bytes of values (growing geometrically, so that repeated
    // calls stay linear).
    void ReserveBytes(size_t bytes) {
        const size_t needed = bytes_.size() + bytes;
        if (needed > bytes_.capacity()) bytes_.reserve(std::max(needed, 2 * bytes_.capacity()));
    }
    void Clear() override {
        bytes_.clear();
        offsets_.assign(1, 0);
    }
    size_t MemoryUsage() const override {
        return bytes_.capacity() + offsets_.capacity() * sizeof(uint64_t);
    }
    int CompareAt(size_t lhs, const Column& other, size_t rhs) const override;
    uint64_t HashAt(size_t row, uint64_t seed) const override;
    std::string DebugString(size_t row) const override { return std::string(value(row)); }

private:
    std::vector<char> bytes_;
    std::vector<uint64_t> offsets_;
};

// Bytewise three-way comparison of two strings.
inline int CompareBytes(std::string_view a, std::string_view b) {
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace tributary
