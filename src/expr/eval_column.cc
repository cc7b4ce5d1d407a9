#include "expr/eval_column.h"

#include "column/value_append.h"

namespace tributary {

const Column& EvalColumn::data() const {
    if (column->is_nullable()) return *static_cast<const NullableColumn&>(*column).data();
    return *column;
}

const uint8_t* EvalColumn::null_map() const {
    if (!column->is_nullable()) return nullptr;
    return static_cast<const NullableColumn&>(*column).null_map().data();
}

Value EvalColumn::ValueAt(size_t row) const {
    const size_t r = constant ? 0 : row;
    if (column->IsNullAt(r)) return Value::Null();
    const Column& d = data();
    return VisitLogicalType(d.type().type, [&]<LogicalType T>() -> Value {
        if constexpr (IsFixedWidth(T)) {
            return Value::Of<T>(static_cast<const FixedColumn<PhysicalTypeOf<T>>&>(d).value(r));
        } else {
            return Value::Of<T>(std::string(static_cast<const BinaryColumn&>(d).value(r)));
        }
    });
}

ColumnPtr EvalColumn::Materialize(size_t rows) && {
    if (!constant) return owned ? std::move(owned) : column->Clone();
    ColumnPtr out = column->CloneEmpty();
    out->Reserve(rows);
    for (size_t i = 0; i < rows; ++i) out->AppendRange(*column, 0, 1);
    return out;
}

EvalColumn MakeConstant(const TypeDesc& type, const Value& value) {
    ColumnPtr column = MakeColumn(type, value.is_null());
    const Status st = AppendValue(column.get(), value);
    TRIBUTARY_CHECK(st.ok(), "MakeConstant: the value does not hold the type's physical type");
    return EvalColumn{std::move(column), true};
}

StringBuilder::StringBuilder(const TypeDesc& type, size_t rows)
    : column_(std::make_unique<BinaryColumn>(type)) {
    column_->Reserve(rows);
    nulls_.reserve(rows);
}

EvalColumn StringBuilder::Finish(bool nullable) && {
    return WrapResult(std::move(column_), std::move(nulls_), nullable);
}

EvalColumn WrapResult(ColumnPtr data, std::vector<uint8_t> nulls, bool nullable) {
    if (!nullable) return EvalColumn{std::move(data), false};
    return EvalColumn{std::make_unique<NullableColumn>(std::move(data), std::move(nulls)), false};
}

std::vector<uint8_t> UnionNulls(std::span<const EvalColumn> args, size_t rows) {
    std::vector<uint8_t> out;
    for (const EvalColumn& arg : args) {
        const uint8_t* nulls = arg.null_map();
        if (nulls == nullptr) continue;
        if (out.empty()) out.assign(rows, 0);
        if (arg.constant) {
            if (nulls[0] != 0) std::fill(out.begin(), out.end(), 1);
        } else {
            for (size_t i = 0; i < rows; ++i) out[i] |= nulls[i];
        }
    }
    return out;
}

}  // namespace tributary
