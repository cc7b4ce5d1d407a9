#include "expr/type_coercion.h"

#include <fmt/format.h>

#include <algorithm>

namespace tributary {

namespace {

bool IsIntegerLike(const TypeDesc& t) { return t.IsInteger() || t.type == LogicalType::kBoolean; }
bool IsFloating(const TypeDesc& t) {
    return t.type == LogicalType::kFloat || t.type == LogicalType::kDouble;
}

Status NoCommonType(const TypeDesc& a, const TypeDesc& b) {
    return Status::InvalidArgument(
        fmt::format("types {} and {} have no common type", a.ToSql(), b.ToSql()),
        ErrorCode::kWrongArguments);
}

// Digits before the decimal point a type needs.
int IntegerDigits(const TypeDesc& t) {
    switch (t.type) {
        case LogicalType::kBoolean:
            return 1;
        case LogicalType::kTinyInt:
            return 3;
        case LogicalType::kSmallInt:
            return 5;
        case LogicalType::kInt:
            return 10;
        case LogicalType::kBigInt:
            return 19;
        case LogicalType::kLargeInt:
            return 38;
        case LogicalType::kDecimal:
            return t.precision - t.scale;
        default:
            return 38;
    }
}

TypeDesc CommonDecimal(const TypeDesc& a, const TypeDesc& b) {
    const int scale = std::max(a.type == LogicalType::kDecimal ? a.scale : 0,
                               b.type == LogicalType::kDecimal ? b.scale : 0);
    const int digits = std::max(IntegerDigits(a), IntegerDigits(b));
    const int precision = std::min(TypeDesc::kMaxDecimalPrecision, digits + scale);
    return TypeDesc::Decimal(precision, std::min(scale, precision));
}

}  // namespace

int DecimalDivisionScale(int s) {
    if (s <= 6) return s + 6;
    if (s <= 12) return 12;
    return s;
}

TypeDesc AnyVarchar() { return TypeDesc::Varchar(TypeDesc::kMaxVarcharLength); }

TypeDesc DecimalOfInteger(const TypeDesc& integer) {
    return TypeDesc::Decimal(IntegerDigits(integer), 0);
}

TypeDesc ArithmeticType(const TypeDesc& a, const TypeDesc& b) {
    if (IsFloating(a) || IsFloating(b) || a.IsString() || b.IsString() ||
        a.type == LogicalType::kJson || b.type == LogicalType::kJson) {
        return TypeDesc::Of(LogicalType::kDouble);
    }
    if (a.type == LogicalType::kDecimal || b.type == LogicalType::kDecimal) {
        const int scale = std::max(a.type == LogicalType::kDecimal ? a.scale : 0,
                                   b.type == LogicalType::kDecimal ? b.scale : 0);
        return TypeDesc::Decimal(TypeDesc::kMaxDecimalPrecision, scale);
    }
    if (a.type == LogicalType::kLargeInt || b.type == LogicalType::kLargeInt) {
        return TypeDesc::Of(LogicalType::kLargeInt);
    }
    if (a.IsDateLike() || b.IsDateLike()) return TypeDesc::Of(LogicalType::kDouble);
    return TypeDesc::Of(LogicalType::kBigInt);
}

StatusOr<TypeDesc> CommonType(const TypeDesc& a, const TypeDesc& b) {
    if (a == b) return a;
    if (a.IsString() && b.IsString()) {
        return TypeDesc::Varchar(std::max({a.length, b.length, 1}));
    }
    if (IsIntegerLike(a) && IsIntegerLike(b)) {
        // The wider integer; BOOLEAN widens to TINYINT.
        auto rank = [](const TypeDesc& t) { return static_cast<int>(t.type); };
        TypeDesc wider = rank(a) >= rank(b) ? a : b;
        if (wider.type == LogicalType::kBoolean) wider = TypeDesc::Of(LogicalType::kTinyInt);
        return wider;
    }
    if (a.IsNumeric() && b.IsNumeric()) {
        if (IsFloating(a) || IsFloating(b)) return TypeDesc::Of(LogicalType::kDouble);
        return CommonDecimal(a, b);
    }
    if ((a.IsNumeric() || a.type == LogicalType::kBoolean) &&
        (b.IsNumeric() || b.type == LogicalType::kBoolean)) {
        return CommonType(
            a.type == LogicalType::kBoolean ? TypeDesc::Of(LogicalType::kTinyInt) : a,
            b.type == LogicalType::kBoolean ? TypeDesc::Of(LogicalType::kTinyInt) : b);
    }
    if (a.IsDateLike() && b.IsDateLike()) return TypeDesc::Of(LogicalType::kDateTime);
    if (a.type == LogicalType::kJson || b.type == LogicalType::kJson) {
        if (a.IsString() || b.IsString()) return TypeDesc::Of(LogicalType::kJson);
        return NoCommonType(a, b);
    }
    // Mixed families (number and string, date and string, date and number): the result is
    // text, as MySQL's CASE / COALESCE / UNION give VARCHAR for mixed branches.
    return AnyVarchar();
}

StatusOr<TypeDesc> ComparisonType(const TypeDesc& a, const TypeDesc& b) {
    if (a == b) return a;
    // BOOLEAN against a date or a string compares in the other type: an untyped NULL (typed
    // BOOLEAN, e.g. max(NULL)) must not turn '2024-02-15' into an unconvertible number.
    if (a.type == LogicalType::kBoolean && (b.IsDateLike() || b.IsString())) return b;
    if (b.type == LogicalType::kBoolean && (a.IsDateLike() || a.IsString())) return a;
    if (a.IsString() && b.IsString()) return AnyVarchar();
    if (a.IsDateLike() && b.IsDateLike()) return TypeDesc::Of(LogicalType::kDateTime);
    if (a.IsDateLike() && b.IsString()) return a;
    if (b.IsDateLike() && a.IsString()) return b;
    if (a.type == LogicalType::kJson || b.type == LogicalType::kJson) {
        if (a.type == b.type || a.IsString() || b.IsString()) return AnyVarchar();
        return NoCommonType(a, b);
    }
    const bool a_num = a.IsNumeric() || a.type == LogicalType::kBoolean;
    const bool b_num = b.IsNumeric() || b.type == LogicalType::kBoolean;
    if (a_num && b_num) {
        if (IsIntegerLike(a) && IsIntegerLike(b)) {
            if (a.type == LogicalType::kLargeInt || b.type == LogicalType::kLargeInt) {
                return TypeDesc::Of(LogicalType::kLargeInt);
            }
            return TypeDesc::Of(LogicalType::kBigInt);
        }
        if (IsFloating(a) || IsFloating(b)) return TypeDesc::Of(LogicalType::kDouble);
        return CommonDecimal(a, b);
    }
    // Number against string or date: compare as numbers (MySQL converts both to DOUBLE).
    return TypeDesc::Of(LogicalType::kDouble);
}

}  // namespace tributary
