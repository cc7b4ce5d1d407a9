#include "storage/primary/primary_key_encoder.h"

#include <fmt/format.h>

#include <cstring>
#include <type_traits>

#include "column/binary_column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "column/type_dispatch.h"

namespace tributary {
namespace {

bool IsPrimaryKeyType(LogicalType type) {
    switch (type) {
        case LogicalType::kBoolean:
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
        case LogicalType::kLargeInt:
        case LogicalType::kChar:
        case LogicalType::kVarchar:
        case LogicalType::kDate:
        case LogicalType::kDateTime:
            return true;
        case LogicalType::kFloat:
        case LogicalType::kDouble:
        case LogicalType::kDecimal:
        case LogicalType::kJson:
            return false;
    }
    return false;
}

// The physical types of the fixed-width key types (DECIMAL shares __int128 with LARGEINT but
// never gets here: Create refuses it).
template <typename T>
constexpr bool kIsKeyInteger =
    std::is_same_v<T, uint8_t> || std::is_same_v<T, int8_t> || std::is_same_v<T, int16_t> ||
    std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> || std::is_same_v<T, __int128>;

// Stores `v` in sizeof(T) bytes whose memcmp order is numeric order: big-endian, with the sign
// bit flipped for signed types (BOOLEAN's uint8_t 0 / 1 is stored as is).
template <typename T>
inline void PutOrdered(char* dst, T v) {
    if constexpr (std::is_same_v<T, uint8_t>) {
        *dst = static_cast<char>(v);
    } else if constexpr (sizeof(T) == 1) {
        *dst = static_cast<char>(static_cast<uint8_t>(v) ^ 0x80u);
    } else if constexpr (sizeof(T) == 2) {
        uint16_t u = __builtin_bswap16(static_cast<uint16_t>(static_cast<uint16_t>(v) ^ 0x8000u));
        std::memcpy(dst, &u, sizeof(u));
    } else if constexpr (sizeof(T) == 4) {
        uint32_t u = __builtin_bswap32(static_cast<uint32_t>(v) ^ 0x80000000u);
        std::memcpy(dst, &u, sizeof(u));
    } else if constexpr (sizeof(T) == 8) {
        uint64_t u = __builtin_bswap64(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
        std::memcpy(dst, &u, sizeof(u));
    } else {
        static_assert(sizeof(T) == 16);
        using U = unsigned __int128;
        const U u = static_cast<U>(v) ^ (U{1} << 127);
        const uint64_t high = __builtin_bswap64(static_cast<uint64_t>(u >> 64));
        const uint64_t low = __builtin_bswap64(static_cast<uint64_t>(u));
        std::memcpy(dst, &high, sizeof(high));
        std::memcpy(dst + sizeof(high), &low, sizeof(low));
    }
}

size_t CountZeroBytes(std::string_view s) {
    if (s.empty()) return 0;  // data() may be null, which memchr must not see
    size_t zeros = 0;
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        const void* zero = std::memchr(p, 0, static_cast<size_t>(end - p));
        if (zero == nullptr) break;
        ++zeros;
        p = static_cast<const char*>(zero) + 1;
    }
    return zeros;
}

// Writes `s` with every 0x00 as 0x00 0x01, then the terminator 0x00 0x00; returns the bytes
// written, s.size() + CountZeroBytes(s) + 2.
size_t PutEscaped(char* dst, std::string_view s) {
    char* out = dst;
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        const void* zero = std::memchr(p, 0, static_cast<size_t>(end - p));
        const char* stop = zero != nullptr ? static_cast<const char*>(zero) : end;
        std::memcpy(out, p, static_cast<size_t>(stop - p));
        out += stop - p;
        if (zero == nullptr) break;
        *out++ = 0;
        *out++ = 1;
        p = stop + 1;
    }
    *out++ = 0;
    *out++ = 0;
    return static_cast<size_t>(out - dst);
}

size_t PutRaw(char* dst, std::string_view s) {
    if (!s.empty()) std::memcpy(dst, s.data(), s.size());
    return s.size();
}

// A key column's values and, when it is nullable, its null map.
struct ColumnView {
    const Column* data;
    const uint8_t* nulls;
};

ColumnView ViewOf(const Column* column, bool nullable) {
    if (!nullable) return ColumnView{column, nullptr};
    const auto* wrapper = static_cast<const NullableColumn*>(column);
    return ColumnView{wrapper->data(), wrapper->null_map().data()};
}

}  // namespace

void PrimaryKeys::Clear() {
    size_ = 0;
    bytes_.clear();
    offsets_.clear();
}

size_t PrimaryKeys::MemoryUsage() const {
    return bytes_.capacity() + (offsets_.capacity() + cursors_.capacity()) * sizeof(uint64_t);
}

StatusOr<PrimaryKeyEncoder> PrimaryKeyEncoder::Create(const ChunkSchema& schema,
                                                      size_t num_key_columns) {
    if (num_key_columns == 0 || num_key_columns > schema.size()) {
        return Status::InvalidArgument(
            fmt::format("a primary key needs between 1 and {} key columns, not {}", schema.size(),
                        num_key_columns));
    }
    PrimaryKeyEncoder encoder;
    bool all_fixed = true;
    for (size_t c = 0; c < num_key_columns; ++c) {
        const ColumnSchema& column = schema.columns[c];
        const LogicalType type = column.type.type;
        if (!IsPrimaryKeyType(type)) {
            return Status::InvalidArgument(fmt::format(
                "primary key column `{}` has type {}, which a primary key cannot use (allowed: "
                "BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, CHAR, VARCHAR, DATE, "
                "DATETIME)",
                column.name, column.type.ToSql()));
        }
        KeyColumn key;
        key.schema = column;
        key.width = FixedWidthOf(type);
        key.escaped = key.width == 0 && c + 1 < num_key_columns;
        all_fixed = all_fixed && key.width != 0;
        encoder.constant_bytes_ += (column.nullable ? 1 : 0) + key.width + (key.escaped ? 2 : 0);
        encoder.key_columns_.push_back(std::move(key));
    }
    const KeyColumn& first = encoder.key_columns_[0];
    encoder.widened_integer_ = num_key_columns == 1 && !first.schema.nullable && first.width != 0 &&
                               first.width <= sizeof(int64_t);
    if (encoder.widened_integer_) {
        encoder.fixed_size_ = sizeof(int64_t);
        encoder.constant_bytes_ = sizeof(int64_t);
    } else {
        encoder.fixed_size_ = all_fixed ? encoder.constant_bytes_ : 0;
    }
    return encoder;
}

void PrimaryKeyEncoder::CheckSchema(const ChunkSchema& schema) const {
    TRIBUTARY_CHECK(schema.size() >= key_columns_.size(),
                    "chunk has fewer columns than the primary key encoder's key");
    for (size_t c = 0; c < key_columns_.size(); ++c) {
        const ColumnSchema& expected = key_columns_[c].schema;
        TRIBUTARY_CHECK(schema.columns[c].type.type == expected.type.type &&
                            schema.columns[c].nullable == expected.nullable,
                        "chunk's key column differs in type or nullability from the encoder's");
    }
}

void PrimaryKeyEncoder::EncodeAll(const Chunk& chunk, PrimaryKeys* out) const {
    CheckSchema(chunk.schema());
    out->fixed_size_ = fixed_size_;
    out->size_ = chunk.num_rows();
    if (fixed_size_ != 0) {
        out->offsets_.clear();
        EncodeFixed(chunk, out);
    } else {
        EncodeVariable(chunk, out);
    }
}

// Fixed-width keys: column by column, each value written at its offset within the row's stride.
void PrimaryKeyEncoder::EncodeFixed(const Chunk& chunk, PrimaryKeys* out) const {
    const size_t rows = chunk.num_rows();
    const size_t stride = fixed_size_;
    out->bytes_.resize(rows * stride);
    char* base = out->bytes_.data();
    size_t at = 0;  // offset of the current column within a key
    for (size_t c = 0; c < key_columns_.size(); ++c) {
        const KeyColumn& key = key_columns_[c];
        const ColumnView view = ViewOf(chunk.column(c), key.schema.nullable);
        if (view.nulls != nullptr) {
            for (size_t r = 0; r < rows; ++r) base[r * stride + at] = view.nulls[r] ? 0 : 1;
            ++at;
        }
        VisitPhysicalType(key.schema.type.type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            if constexpr (kIsKeyInteger<T>) {
                const T* values = static_cast<const FixedColumn<T>*>(view.data)->data().data();
                if (widened_integer_) {
                    for (size_t r = 0; r < rows; ++r) {
                        PutOrdered<int64_t>(base + r * stride, static_cast<int64_t>(values[r]));
                    }
                } else {
                    for (size_t r = 0; r < rows; ++r)
                        PutOrdered<T>(base + r * stride + at, values[r]);
                }
            } else {
                TRIBUTARY_CHECK(false, "a fixed-size primary key has a column of another type");
            }
        });
        at += widened_integer_ ? sizeof(int64_t) : key.width;
    }
    TRIBUTARY_DCHECK(at == stride, "fixed-size key columns do not add up to the key size");
}

// Keys with strings: first every key's length (so the buffer is sized once), then column by
// column, each row's cursor advancing past what was written.
void PrimaryKeyEncoder::EncodeVariable(const Chunk& chunk, PrimaryKeys* out) const {
    const size_t rows = chunk.num_rows();
    std::vector<uint64_t>& offsets = out->offsets_;
    offsets.assign(rows + 1, constant_bytes_);
    offsets[0] = 0;
    for (size_t c = 0; c < key_columns_.size(); ++c) {
        const KeyColumn& key = key_columns_[c];
        if (key.width != 0) continue;
        const auto* strings =
            static_cast<const BinaryColumn*>(ViewOf(chunk.column(c), key.schema.nullable).data);
        for (size_t r = 0; r < rows; ++r) {
            const std::string_view value = strings->value(r);
            offsets[r + 1] += value.size() + (key.escaped ? CountZeroBytes(value) : 0);
        }
    }
    for (size_t r = 0; r < rows; ++r) offsets[r + 1] += offsets[r];

    out->bytes_.resize(offsets[rows]);
    char* base = out->bytes_.data();
    std::vector<uint64_t>& cursors = out->cursors_;
    cursors.assign(offsets.begin(), offsets.end() - 1);
    for (size_t c = 0; c < key_columns_.size(); ++c) {
        const KeyColumn& key = key_columns_[c];
        const ColumnView view = ViewOf(chunk.column(c), key.schema.nullable);
        if (view.nulls != nullptr) {
            for (size_t r = 0; r < rows; ++r) base[cursors[r]++] = view.nulls[r] ? 0 : 1;
        }
        VisitPhysicalType(key.schema.type.type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            if constexpr (std::is_same_v<T, std::string_view>) {
                const auto* strings = static_cast<const BinaryColumn*>(view.data);
                for (size_t r = 0; r < rows; ++r) {
                    char* dst = base + cursors[r];
                    cursors[r] += key.escaped ? PutEscaped(dst, strings->value(r))
                                              : PutRaw(dst, strings->value(r));
                }
            } else if constexpr (kIsKeyInteger<T>) {
                const T* values = static_cast<const FixedColumn<T>*>(view.data)->data().data();
                for (size_t r = 0; r < rows; ++r) {
                    PutOrdered<T>(base + cursors[r], values[r]);
                    cursors[r] += sizeof(T);
                }
            } else {
                TRIBUTARY_CHECK(false, "a primary key column has a type Create refuses");
            }
        });
    }
#ifndef NDEBUG
    for (size_t r = 0; r < rows; ++r) {
        TRIBUTARY_CHECK(cursors[r] == offsets[r + 1], "a key's bytes differ from its length");
    }
#endif
}

}  // namespace tributary
