#include "types/cast.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <optional>

#include "base/string_util.h"
#include "types/date_time.h"
#include "types/decimal.h"
#include "types/int128.h"
#include "types/value_parse.h"

namespace tributary {
namespace {

std::string TypeNameForMessage(const TypeDesc& t) {
    if (t.type == LogicalType::kDecimal) return DecimalTypeName(t.precision, t.scale);
    if (t.IsString()) return ToUpper(t.ToSql());
    return ToUpper(LogicalTypeName(t.type));
}

Status OutOfRange(std::string_view shown, const TypeDesc& to) {
    return Status::InvalidArgument(
        fmt::format("value {} is out of range for {}", shown, TypeNameForMessage(to)));
}

bool IsIntegerLike(const TypeDesc& t) { return t.IsInteger() || t.type == LogicalType::kBoolean; }
bool IsFloating(const TypeDesc& t) {
    return t.type == LogicalType::kFloat || t.type == LogicalType::kDouble;
}

// The value of an integer or BOOLEAN as int128_t.
int128_t IntegerOf(const Value& v, const TypeDesc& from) {
    switch (from.type) {
        case LogicalType::kBoolean:
            return v.Get<LogicalType::kBoolean>();
        case LogicalType::kTinyInt:
            return v.Get<LogicalType::kTinyInt>();
        case LogicalType::kSmallInt:
            return v.Get<LogicalType::kSmallInt>();
        case LogicalType::kInt:
            return v.Get<LogicalType::kInt>();
        case LogicalType::kBigInt:
            return v.Get<LogicalType::kBigInt>();
        case LogicalType::kLargeInt:
            return v.Get<LogicalType::kLargeInt>();
        default:
            break;
    }
    TRIBUTARY_CHECK(false, "IntegerOf called on a non-integer type");
    return 0;
}

// An integer value into an integer-like target type.
StatusOr<Value> IntegerToInteger(int128_t v, const TypeDesc& to) {
    auto check = [&](int128_t min, int128_t max) -> Status {
        if (v < min || v > max) return OutOfRange(Int128ToString(v), to);
        return Status::OK();
    };
    switch (to.type) {
        case LogicalType::kBoolean:
            return Value::Boolean(v != 0);
        case LogicalType::kTinyInt:
            RETURN_IF_ERROR(check(INT8_MIN, INT8_MAX));
            return Value::TinyInt(static_cast<int8_t>(v));
        case LogicalType::kSmallInt:
            RETURN_IF_ERROR(check(INT16_MIN, INT16_MAX));
            return Value::SmallInt(static_cast<int16_t>(v));
        case LogicalType::kInt:
            RETURN_IF_ERROR(check(INT32_MIN, INT32_MAX));
            return Value::Int(static_cast<int32_t>(v));
        case LogicalType::kBigInt:
            RETURN_IF_ERROR(check(INT64_MIN, INT64_MAX));
            return Value::BigInt(static_cast<int64_t>(v));
        case LogicalType::kLargeInt:
            return Value::LargeInt(v);
        default:
            break;
    }
    return Status::Internal("IntegerToInteger: target is not an integer type");
}

// Truncates a floating-point value toward zero into an integer-like target.
StatusOr<Value> FloatingToInteger(double v, const TypeDesc& to) {
    if (to.type == LogicalType::kBoolean && !std::isnan(v)) return Value::Boolean(v != 0);
    // 2^127 is exactly representable; every finite double below it in magnitude fits int128.
    constexpr double kTwoTo127 = 170141183460469231731687303715884105728.0;
    double truncated = std::trunc(v);
    if (!std::isfinite(truncated) || truncated >= kTwoTo127 || truncated < -kTwoTo127) {
        return OutOfRange(FormatDouble(v), to);
    }
    StatusOr<Value> result = IntegerToInteger(static_cast<int128_t>(truncated), to);
    if (!result.ok()) return OutOfRange(FormatDouble(v), to);
    return result;
}

double FloatingOf(const Value& v, const TypeDesc& from) {
    return from.type == LogicalType::kFloat ? double{v.Get<LogicalType::kFloat>()}
                                            : v.Get<LogicalType::kDouble>();
}

StatusOr<Value> FloatingValue(double v, const TypeDesc& to) {
    if (to.type == LogicalType::kDouble) return Value::Double(v);
    if (std::isfinite(v) && std::fabs(v) > std::numeric_limits<float>::max()) {
        return OutOfRange(FormatDouble(v), to);
    }
    return Value::Float(static_cast<float>(v));
}

Status Unsupported(const TypeDesc& from, const TypeDesc& to) {
    return Status::NotSupported(
        fmt::format("cannot cast {} to {}", TypeNameForMessage(from), TypeNameForMessage(to)));
}

}  // namespace

StatusOr<Value> CastValue(const Value& value, const TypeDesc& from, const TypeDesc& to) {
    if (value.is_null()) return Value::Null();

    // Into text: the value's own text, length-checked.
    if (to.IsString()) {
        std::string text = value.Format(from);
        RETURN_IF_ERROR(CheckStringLength(text, to));
        return Value::String(std::move(text));
    }
    // From text: the shared parser.
    if (from.IsString() || from.type == LogicalType::kJson) {
        if (from.type == LogicalType::kJson && to.type != LogicalType::kJson) {
            return Unsupported(from, to);
        }
        return ParseValue(value.Get<LogicalType::kVarchar>(), to);
    }

    if (IsIntegerLike(from)) {
        int128_t v = IntegerOf(value, from);
        if (IsIntegerLike(to)) return IntegerToInteger(v, to);
        if (IsFloating(to)) return FloatingValue(static_cast<double>(v), to);
        if (to.type == LogicalType::kDecimal) {
            ASSIGN_OR_RETURN(int128_t d, DecimalFromInteger(v, to.precision, to.scale));
            return Value::Decimal(d);
        }
        return Unsupported(from, to);
    }

    if (from.type == LogicalType::kDecimal) {
        int128_t unscaled = value.Get<LogicalType::kDecimal>();
        if (to.type == LogicalType::kBoolean) return Value::Boolean(unscaled != 0);
        if (IsIntegerLike(to)) {
            StatusOr<Value> result = IntegerToInteger(DecimalToInteger(unscaled, from.scale), to);
            if (!result.ok()) return OutOfRange(FormatDecimal(unscaled, from.scale), to);
            return result;
        }
        if (IsFloating(to)) return FloatingValue(DecimalToDouble(unscaled, from.scale), to);
        if (to.type == LogicalType::kDecimal) {
            ASSIGN_OR_RETURN(int128_t d,
                             RescaleDecimal(unscaled, from.scale, to.precision, to.scale));
            return Value::Decimal(d);
        }
        return Unsupported(from, to);
    }

    if (IsFloating(from)) {
        double v = FloatingOf(value, from);
        if (IsIntegerLike(to)) return FloatingToInteger(v, to);
        if (IsFloating(to)) return FloatingValue(v, to);
        if (to.type == LogicalType::kDecimal) {
            // A FLOAT's own shortest text keeps 0.1f as 0.1 rather than 0.100000001490116.
            if (from.type == LogicalType::kFloat && std::isfinite(v)) {
                ASSIGN_OR_RETURN(int128_t d,
                                 ParseDecimal(FormatFloat(value.Get<LogicalType::kFloat>()),
                                              to.precision, to.scale));
                return Value::Decimal(d);
            }
            ASSIGN_OR_RETURN(int128_t d, DecimalFromDouble(v, to.precision, to.scale));
            return Value::Decimal(d);
        }
        return Unsupported(from, to);
    }

    if (from.type == LogicalType::kDate) {
        if (to.type == LogicalType::kDate) return value;
        if (to.type == LogicalType::kDateTime) {
            return Value::DateTime(DateTimeOfDate(value.Get<LogicalType::kDate>()));
        }
        return Unsupported(from, to);
    }
    if (from.type == LogicalType::kDateTime) {
        if (to.type == LogicalType::kDateTime) return value;
        if (to.type == LogicalType::kDate) {
            return Value::Date(DateOfDateTime(value.Get<LogicalType::kDateTime>()));
        }
        return Unsupported(from, to);
    }
    return Unsupported(from, to);
}

}  // namespace tributary
