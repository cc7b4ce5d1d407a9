// EvalColumn: the value of an expression over the rows of one chunk, and the typed readers and
// builders that function kernels use to walk it.
//
// An EvalColumn holds either one value per row (`column->size() == rows`) or, when `constant`,
// a single value that stands for every row (`column->size() == 1`), so `price > 100` never
// materialises 4096 copies of 100. The column is a NullableColumn exactly when the expression
// may produce NULL (ExprNode::nullable()); a NULL row holds the default value underneath, so
// kernels may compute on it and discard the result.
//
// Readers hide the constant / per-row difference without a branch per row: a reader keeps a
// mask that is all ones for a full column and zero for a constant, and reads `data[i & mask]`.
//
//   FixedReader<int64_t> a(args[0]);
//   FixedBuilder<int64_t> out(TypeDesc::Of(LogicalType::kBigInt), rows);
//   for (size_t i = 0; i < rows; ++i) out.Set(i, a.value(i) * 2, a.is_null(i));
//   return out.Finish(/*nullable=*/true);
//
// Ownership: an EvalColumn owns its column; readers borrow it and must not outlive it.
// Thread safety: none; a const EvalColumn may be read from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "column/binary_column.h"
#include "column/column.h"
#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "types/value.h"

namespace tributary {

struct EvalColumn {
    // The values: `owned`, or a column of the input chunk the expression merely references
    // (ColumnNode borrows instead of copying; the chunk outlives the evaluation).
    const Column* column = nullptr;
    ColumnPtr owned;
    bool constant = false;

    EvalColumn() = default;
    EvalColumn(ColumnPtr values, bool is_constant)
        : column(values.get()), owned(std::move(values)), constant(is_constant) {}
    // A view of `values`, which must outlive the EvalColumn.
    static EvalColumn Borrow(const Column& values) {
        EvalColumn c;
        c.column = &values;
        return c;
    }
    EvalColumn(EvalColumn&&) noexcept = default;
    EvalColumn& operator=(EvalColumn&&) noexcept = default;

    const TypeDesc& type() const { return column->type(); }
    bool is_nullable() const { return column->is_nullable(); }
    // The column underneath the null map (the column itself when not nullable).
    const Column& data() const;
    // The null map, or nullptr when the column is not nullable.
    const uint8_t* null_map() const;
    // True when the column is nullable and row `row` (row 0 for a constant) is NULL.
    bool IsNullAt(size_t row) const { return column->IsNullAt(constant ? 0 : row); }
    // The value of row `row` (row 0 for a constant) as a scalar.
    Value ValueAt(size_t row) const;

    // A full, non-constant column of `rows` rows that the caller owns (copies a constant out,
    // and a borrowed column); the way to hand an expression's value to code that does not know
    // about constants (chunks, sinks).
    ColumnPtr Materialize(size_t rows) &&;
};

// A constant EvalColumn of `type` holding `value` (NULL gives a nullable constant).
// REQUIRES: value is NULL or holds type's physical type.
EvalColumn MakeConstant(const TypeDesc& type, const Value& value);

// Reads a fixed-width EvalColumn whose physical type is T.
template <typename T>
class FixedReader {
public:
    explicit FixedReader(const EvalColumn& c)
        : data_(static_cast<const FixedColumn<T>&>(c.data()).data().data()),
          nulls_(c.null_map()),
          mask_(c.constant ? 0 : ~size_t{0}) {}
    T value(size_t i) const { return data_[i & mask_]; }
    bool is_null(size_t i) const { return nulls_ != nullptr && nulls_[i & mask_] != 0; }
    bool may_have_null() const { return nulls_ != nullptr; }
    bool constant() const { return mask_ == 0; }

private:
    const T* data_;
    const uint8_t* nulls_;
    size_t mask_;
};

// Reads a CHAR / VARCHAR / JSON EvalColumn.
class StringReader {
public:
    explicit StringReader(const EvalColumn& c)
        : column_(static_cast<const BinaryColumn&>(c.data())),
          nulls_(c.null_map()),
          mask_(c.constant ? 0 : ~size_t{0}) {}
    std::string_view value(size_t i) const { return column_.value(i & mask_); }
    bool is_null(size_t i) const { return nulls_ != nullptr && nulls_[i & mask_] != 0; }
    bool may_have_null() const { return nulls_ != nullptr; }
    bool constant() const { return mask_ == 0; }

private:
    const BinaryColumn& column_;
    const uint8_t* nulls_;
    size_t mask_;
};

// Builds a fixed-width result of exactly `rows` rows, set in any order.
template <typename T>
class FixedBuilder {
public:
    FixedBuilder(const TypeDesc& type, size_t rows)
        : column_(std::make_unique<FixedColumn<T>>(type)), nulls_(rows, 0) {
        column_->data().resize(rows);
    }
    T* data() { return column_->data().data(); }
    uint8_t* nulls() { return nulls_.data(); }
    void Set(size_t i, T v) { column_->data()[i] = v; }
    void Set(size_t i, T v, bool is_null) {
        column_->data()[i] = is_null ? T{} : v;
        nulls_[i] = is_null;
    }
    void SetNull(size_t i) {
        column_->data()[i] = T{};
        nulls_[i] = 1;
    }
    // The column, wrapped with its null map when `nullable` (when not, no row may be NULL).
    EvalColumn Finish(bool nullable) &&;

private:
    std::unique_ptr<FixedColumn<T>> column_;
    std::vector<uint8_t> nulls_;
};

// Builds a string result row by row, in row order.
class StringBuilder {
public:
    StringBuilder(const TypeDesc& type, size_t rows);
    void Append(std::string_view v) {
        column_->Append(v);
        nulls_.push_back(0);
    }
    void AppendNull() {
        column_->AppendDefault(1);
        nulls_.push_back(1);
    }
    EvalColumn Finish(bool nullable) &&;

private:
    std::unique_ptr<BinaryColumn> column_;
    std::vector<uint8_t> nulls_;
};

// Wraps a finished data column and null map (dropped when not `nullable`).
EvalColumn WrapResult(ColumnPtr data, std::vector<uint8_t> nulls, bool nullable);

template <typename T>
EvalColumn FixedBuilder<T>::Finish(bool nullable) && {
    return WrapResult(std::move(column_), std::move(nulls_), nullable);
}

// OR of the null maps of `args` over `rows` rows: 1 where any argument is NULL. Empty when no
// argument is nullable (the common fast path).
std::vector<uint8_t> UnionNulls(std::span<const EvalColumn> args, size_t rows);

}  // namespace tributary
