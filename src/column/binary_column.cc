#include "column/binary_column.h"

#include <cstring>

#include "base/check.h"
#include "column/hash_util.h"

namespace tributary {

void BinaryColumn::AppendRange(const Column& src, size_t offset, size_t count) {
    const auto& s = static_cast<const BinaryColumn&>(src);
    TRIBUTARY_DCHECK(offset + count <= s.size(), "AppendRange past the end of the source");
    uint64_t begin = s.offsets_[offset];
    uint64_t end = s.offsets_[offset + count];
    uint64_t base = bytes_.size();
    bytes_.insert(bytes_.end(), s.bytes_.begin() + begin, s.bytes_.begin() + end);
    // resize, not an exact reserve: repeated appends must grow geometrically.
    const size_t first = offsets_.size();
    offsets_.resize(first + count);
    for (size_t i = 1; i <= count; ++i) offsets_[first + i - 1] = base + s.offsets_[offset + i] - begin;
}

void BinaryColumn::Filter(const RowMask& mask) {
    TRIBUTARY_DCHECK(mask.size() == size(), "filter mask size differs from column");
    // Compacts in place: the write position never passes the read position.
    size_t rows = size();
    size_t out_row = 0;
    uint64_t out_byte = 0;
    uint64_t begin = 0;  // original offsets_[i]; offsets_[i] itself may be overwritten already
    for (size_t i = 0; i < rows; ++i) {
        uint64_t end = offsets_[i + 1];
        if (mask[i] != 0) {
            uint64_t len = end - begin;
            if (out_byte != begin && len != 0) {
                std::memmove(bytes_.data() + out_byte, bytes_.data() + begin, len);
            }
            out_byte += len;
            offsets_[++out_row] = out_byte;
        }
        begin = end;
    }
    offsets_.resize(out_row + 1);
    bytes_.resize(out_byte);
}

ColumnPtr BinaryColumn::Take(std::span<const uint32_t> indexes) const {
    auto result = std::make_unique<BinaryColumn>(type());
    size_t total = 0;
    for (uint32_t i : indexes) total += offsets_[i + 1] - offsets_[i];
    result->bytes_.resize(total);
    result->offsets_.resize(indexes.size() + 1);
    char* out = result->bytes_.data();
    uint64_t pos = 0;
    for (size_t k = 0; k < indexes.size(); ++k) {
        const uint64_t begin = offsets_[indexes[k]];
        const uint64_t len = offsets_[indexes[k] + 1] - begin;
        if (len > 0) std::memcpy(out + pos, bytes_.data() + begin, len);
        pos += len;
        result->offsets_[k + 1] = pos;
    }
    return result;
}

int BinaryColumn::CompareAt(size_t lhs, const Column& other, size_t rhs) const {
    return CompareBytes(value(lhs), static_cast<const BinaryColumn&>(other).value(rhs));
}

uint64_t BinaryColumn::HashAt(size_t row, uint64_t seed) const {
    std::string_view v = value(row);
    return HashBytes(v.data(), v.size(), seed);
}

}  // namespace tributary
