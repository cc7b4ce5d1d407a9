#include "expr/cast_kernel.h"

#include <cmath>
#include <limits>

#include "column/value_append.h"
#include "types/cast.h"
#include "types/date_time.h"
#include "types/value_parse.h"

namespace tributary {

namespace {

// Integer, BOOLEAN and floating types: the ones the tight numeric loop handles.
constexpr bool IsPlainNumber(LogicalType t) {
    switch (t) {
        case LogicalType::kBoolean:
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
        case LogicalType::kFloat:
        case LogicalType::kDouble:
            return true;
        default:
            return false;
    }
}

// Converts one plain number; false when it does not fit the target (the row becomes NULL).
template <LogicalType To, typename From>
bool ConvertNumber(From v, PhysicalTypeOf<To>* out) {
    using T = PhysicalTypeOf<To>;
    if constexpr (To == LogicalType::kBoolean) {
        *out = v != 0 ? 1 : 0;
        return true;
    } else if constexpr (std::is_floating_point_v<T>) {
        *out = static_cast<T>(v);
        return true;
    } else if constexpr (std::is_floating_point_v<From>) {
        if (!std::isfinite(v)) return false;
        const double t = std::trunc(static_cast<double>(v));
        // The bounds are exact powers of two, so the comparisons are exact.
        if (t < -std::ldexp(1.0, sizeof(T) * 8 - 1) || t >= std::ldexp(1.0, sizeof(T) * 8 - 1)) {
            return false;
        }
        *out = static_cast<T>(t);
        return true;
    } else {
        if (v < static_cast<From>(std::numeric_limits<T>::min()) && std::is_signed_v<From> &&
            sizeof(From) > sizeof(T)) {
            return false;
        }
        if (sizeof(From) > sizeof(T) && v > static_cast<From>(std::numeric_limits<T>::max())) {
            return false;
        }
        *out = static_cast<T>(v);
        return true;
    }
}

template <LogicalType From, LogicalType To>
EvalColumn CastNumbers(const EvalColumn& input, const TypeDesc& to, size_t rows, bool nullable) {
    FixedReader<PhysicalTypeOf<From>> in(input);
    FixedBuilder<PhysicalTypeOf<To>> out(to, rows);
    PhysicalTypeOf<To>* data = out.data();
    uint8_t* nulls = out.nulls();
    for (size_t i = 0; i < rows; ++i) {
        const bool ok = ConvertNumber<To>(in.value(i), &data[i]);
        nulls[i] = in.is_null(i) || !ok;
    }
    return std::move(out).Finish(nullable);
}

// Text to a fixed-width type with the parsers of types/value_parse.h (what CastValue does for
// strings, without a Value per row); text that does not parse is NULL.
template <LogicalType To>
EvalColumn CastStringToFixed(const EvalColumn& input, const TypeDesc& to, size_t rows,
                             bool nullable) {
    using Physical = PhysicalTypeOf<To>;
    StringReader in(input);
    FixedBuilder<Physical> out(to, rows);
    for (size_t i = 0; i < rows; ++i) {
        if (in.is_null(i)) {
            out.Set(i, Physical{}, true);
            continue;
        }
        StatusOr<Physical> value = ParseAs<To>(in.value(i), to);
        out.Set(i, value.ok() ? *value : Physical{}, !value.ok());
    }
    return std::move(out).Finish(nullable);
}

// The general path: CastValue per row, failures to NULL.
StatusOr<EvalColumn> CastByValue(const EvalColumn& input, const TypeDesc& to, size_t rows) {
    ColumnPtr out = MakeColumn(to, true);
    out->Reserve(rows);
    auto* nullable = static_cast<NullableColumn*>(out.get());
    const TypeDesc& from = input.type();
    for (size_t i = 0; i < rows; ++i) {
        Value v = input.ValueAt(i);
        StatusOr<Value> cast = CastValue(v, from, to);
        if (!cast.ok() || cast->is_null()) {
            nullable->AppendNull();
            continue;
        }
        RETURN_IF_ERROR(AppendValue(out.get(), *cast));
    }
    return EvalColumn{std::move(out), false};
}

}  // namespace

bool CanCast(const TypeDesc& from, const TypeDesc& to) {
    if (from == to || to.IsString() || from.IsString()) return true;
    if (from.type == LogicalType::kJson || to.type == LogicalType::kJson) return false;
    if (from.IsDateLike() && to.IsDateLike()) return true;
    if (from.IsDateLike() || to.IsDateLike()) return false;
    return true;  // numbers, BOOLEAN, DECIMAL among themselves
}

bool CastMayFail(const TypeDesc& from, const TypeDesc& to) {
    if (from == to || to.IsString())
        return to.IsString() && to.length < TypeDesc::kMaxVarcharLength;
    if (from.IsDateLike() && to.IsDateLike()) return false;
    if (to.type == LogicalType::kDouble &&
        (from.IsNumeric() || from.type == LogicalType::kBoolean)) {
        return false;
    }
    if (to.type == LogicalType::kBoolean) return from.IsString();
    if (from.IsInteger() && to.IsInteger()) return FixedWidthOf(to.type) < FixedWidthOf(from.type);
    if (from.type == LogicalType::kBoolean && to.IsInteger()) return false;
    return true;
}

StatusOr<EvalColumn> CastColumn(const EvalColumn& input, const TypeDesc& to, size_t rows) {
    const size_t n = input.constant ? 1 : rows;
    const TypeDesc& from = input.type();
    StatusOr<EvalColumn> result = [&]() -> StatusOr<EvalColumn> {
        const bool nullable = input.is_nullable() || CastMayFail(from, to);
        if (IsPlainNumber(from.type) && IsPlainNumber(to.type)) {
            return VisitLogicalType(from.type, [&]<LogicalType F>() {
                return VisitLogicalType(to.type, [&]<LogicalType T>() {
                    if constexpr (IsPlainNumber(F) && IsPlainNumber(T)) {
                        return CastNumbers<F, T>(input, to, n, nullable);
                    } else {
                        return EvalColumn();  // unreachable: both are plain numbers here
                    }
                });
            });
        }
        if (from.type == LogicalType::kDate && to.type == LogicalType::kDateTime) {
            FixedReader<int32_t> in(input);
            FixedBuilder<int64_t> out(to, n);
            for (size_t i = 0; i < n; ++i) out.Set(i, DateTimeOfDate(in.value(i)), in.is_null(i));
            return std::move(out).Finish(nullable);
        }
        if (from.type == LogicalType::kDateTime && to.type == LogicalType::kDate) {
            FixedReader<int64_t> in(input);
            FixedBuilder<int32_t> out(to, n);
            for (size_t i = 0; i < n; ++i) out.Set(i, DateOfDateTime(in.value(i)), in.is_null(i));
            return std::move(out).Finish(nullable);
        }
        if (from.IsString() && IsFixedWidth(to.type)) {
            return VisitLogicalType(to.type, [&]<LogicalType T>() {
                if constexpr (IsFixedWidth(T)) {
                    return CastStringToFixed<T>(input, to, n, nullable);
                } else {
                    return EvalColumn();  // unreachable: `to` is fixed-width here
                }
            });
        }
        if (from.IsString() && to.IsString() && to.length >= from.length) {
            // Same bytes, a wider type: copy the values under the new type.
            StringReader in(input);
            StringBuilder out(to, n);
            for (size_t i = 0; i < n; ++i) {
                if (in.is_null(i)) {
                    out.AppendNull();
                } else {
                    out.Append(in.value(i));
                }
            }
            return std::move(out).Finish(nullable);
        }
        ASSIGN_OR_RETURN(EvalColumn general, CastByValue(input, to, n));
        if (!nullable) {
            // Every row converted: drop the all-zero null map.
            const auto& nc = static_cast<const NullableColumn&>(*general.column);
            return EvalColumn{nc.data()->Clone(), false};
        }
        return general;
    }();
    if (result.ok()) result->constant = input.constant;
    return result;
}

}  // namespace tributary
