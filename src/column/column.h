// Column: one column of values in memory, the unit that vectorized operators pass around.
//
// A Column holds `size()` values of one logical type (TypeDesc). Concrete kinds:
//   - FixedColumn<T>  (fixed_column.h): contiguous std::vector<T> of the physical type;
//   - BinaryColumn    (binary_column.h): CHAR / VARCHAR / JSON bytes, offsets + one byte buffer;
//   - NullableColumn  (nullable_column.h): a data column plus a null map (1 = NULL).
// A column that is not nullable has no null map at all.
//
// Bulk operations (AppendRange, Filter, Take) run one virtual call per column, never per row.
// Row-wise helpers (CompareAt, HashAt, DebugString) exist for sorting, bucketing and debugging.
//
// Physical representation, shared with src/types: BOOLEAN uint8_t 0/1; TINYINT int8_t; SMALLINT
// int16_t; INT int32_t; BIGINT int64_t; LARGEINT __int128; FLOAT float; DOUBLE double;
// DECIMAL(p,s) __int128 unscaled; DATE int32_t days since 1970-01-01; DATETIME int64_t
// microseconds since 1970-01-01 00:00:00; CHAR / VARCHAR / JSON bytes.
//
// Ordering: NULL sorts before every value; floating point uses a total order in which NaN sorts
// after every number and equals itself (so sorting is well defined); -0.0 equals 0.0.
//
// Ownership: a Column owns its values. Thread safety: none; const methods may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "types/physical_type.h"
#include "types/type_desc.h"

namespace tributary {

class Column;
using ColumnPtr = std::unique_ptr<Column>;

// A boolean mask over rows: mask[i] != 0 keeps row i.
using RowMask = std::vector<uint8_t>;

class Column {
public:
    explicit Column(TypeDesc type) : type_(type) {}
    virtual ~Column() = default;
    Column(const Column&) = delete;
    Column& operator=(const Column&) = delete;

    const TypeDesc& type() const { return type_; }

    virtual size_t size() const = 0;
    virtual bool is_nullable() const { return false; }
    // True when row `row` is NULL. REQUIRES: row < size().
    virtual bool IsNullAt(size_t row) const { return false; }

    // Appends rows [offset, offset + count) of `src`.
    // REQUIRES: src has the same concrete kind (same MakeColumn arguments) and the range is valid.
    virtual void AppendRange(const Column& src, size_t offset, size_t count) = 0;
    // Appends `count` default values (0, empty string; NULL for a nullable column).
    virtual void AppendDefault(size_t count) = 0;

    // Keeps the rows whose mask byte is non-zero, in order. REQUIRES: mask.size() == size().
    virtual void Filter(const RowMask& mask) = 0;
    // Returns a new column holding rows indexes[0], indexes[1], ... (a selection vector when the
    // indexes ascend, a permutation when sorting). REQUIRES: every index < size().
    virtual ColumnPtr Take(std::span<const uint32_t> indexes) const = 0;

    // An empty column of the same kind.
    virtual ColumnPtr CloneEmpty() const = 0;
    ColumnPtr Clone() const {
        ColumnPtr copy = CloneEmpty();
        copy->AppendRange(*this, 0, size());
        return copy;
    }

    virtual void Reserve(size_t rows) = 0;
    virtual void Clear() = 0;
    // Bytes of heap memory held by the values (capacity, not size).
    virtual size_t MemoryUsage() const = 0;

    // <0, 0, >0 as row `lhs` of this column sorts before, equal to, after row `rhs` of `other`.
    // REQUIRES: other has the same concrete kind.
    virtual int CompareAt(size_t lhs, const Column& other, size_t rhs) const = 0;
    // A 64-bit hash of row `row` mixed with `seed`; equal values hash equally.
    virtual uint64_t HashAt(size_t row, uint64_t seed) const = 0;
    // The value as text for logs and tests ("NULL" for NULL).
    virtual std::string DebugString(size_t row) const = 0;

private:
    TypeDesc type_;
};

// A new empty column for `type`; `nullable` wraps it in a NullableColumn.
ColumnPtr MakeColumn(const TypeDesc& type, bool nullable);

}  // namespace tributary
