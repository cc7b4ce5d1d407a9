// Value: one scalar of any column type, or NULL.
//
// A Value holds the physical representation of physical_type.h (an int32_t for INT and for DATE,
// an int128_t for LARGEINT and for DECIMAL's unscaled value, a std::string for CHAR / VARCHAR /
// JSON, ...). It does not carry its logical type: the TypeDesc that goes with it (a column's, an
// expression's) says what the bits mean, and functions that need it take it as an argument.
// That keeps a Value small and lets INSERT, constant folding and the expression engine pass
// values around without repeating type parameters.
//
//   Value v = Value::Of<LogicalType::kDate>(18'390);   // 2020-05-08
//   v.Get<LogicalType::kDate>()                          // 18390
//   v.Format(TypeDesc::Of(LogicalType::kDate))           // "2020-05-08"
//
// Get<T>() REQUIRES that the value holds T's physical type (checked: a mismatch is a bug).
//
// Text form (Format) is what StarRocks sends over the MySQL text protocol: BOOLEAN "1" / "0";
// integers in decimal; DECIMAL with exactly `scale` fractional digits; DATE "2020-05-08";
// DATETIME "2020-05-08 10:11:12[.ffffff]"; FLOAT / DOUBLE by FormatFloat / FormatDouble below;
// strings as their bytes. NULL formats as "NULL" (the protocol itself sends a NULL marker).
//
// Compare gives a total order for two values of the same type: NULL first, then numbers by
// value (floating point: -0 equals +0, NaN after +inf and equal to itself), strings by bytes.
//
// Thread safety: a plain value type.
#pragma once

#include <string>
#include <variant>

#include "base/check.h"
#include "types/physical_type.h"
#include "types/type_desc.h"

namespace tributary {

class Value {
public:
    Value() = default;  // NULL

    static Value Null() { return Value(); }

    template <LogicalType T>
    static Value Of(PhysicalTypeOf<T> v) {
        Value value;
        value.data_.template emplace<PhysicalTypeOf<T>>(std::move(v));
        return value;
    }

    static Value Boolean(bool v) { return Of<LogicalType::kBoolean>(v ? 1 : 0); }
    static Value TinyInt(int8_t v) { return Of<LogicalType::kTinyInt>(v); }
    static Value SmallInt(int16_t v) { return Of<LogicalType::kSmallInt>(v); }
    static Value Int(int32_t v) { return Of<LogicalType::kInt>(v); }
    static Value BigInt(int64_t v) { return Of<LogicalType::kBigInt>(v); }
    static Value LargeInt(int128_t v) { return Of<LogicalType::kLargeInt>(v); }
    static Value Float(float v) { return Of<LogicalType::kFloat>(v); }
    static Value Double(double v) { return Of<LogicalType::kDouble>(v); }
    // `unscaled` = value * 10^scale of the column's DECIMAL(p, s).
    static Value Decimal(int128_t unscaled) { return Of<LogicalType::kDecimal>(unscaled); }
    static Value Date(int32_t days) { return Of<LogicalType::kDate>(days); }
    static Value DateTime(int64_t micros) { return Of<LogicalType::kDateTime>(micros); }
    static Value String(std::string bytes) { return Of<LogicalType::kVarchar>(std::move(bytes)); }

    bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

    // True when the value holds T's physical type (false for NULL).
    template <LogicalType T>
    bool Holds() const {
        return std::holds_alternative<PhysicalTypeOf<T>>(data_);
    }

    // REQUIRES: Holds<T>().
    template <LogicalType T>
    const PhysicalTypeOf<T>& Get() const {
        TRIBUTARY_CHECK(Holds<T>(), "Value::Get with a type the value does not hold");
        return *std::get_if<PhysicalTypeOf<T>>(&data_);
    }

    // The text the MySQL text protocol carries for this value of `type` (see above).
    // REQUIRES: the value is NULL or holds `type`'s physical type.
    std::string Format(const TypeDesc& type) const;

    // Debug text that needs no type ("NULL", "42", "'abc'"); not for clients.
    std::string DebugString() const;

    // Same alternative and same bits (NaN == NaN here); use Compare for SQL ordering.
    bool operator==(const Value& other) const = default;

private:
    std::variant<std::monostate, uint8_t, int8_t, int16_t, int32_t, int64_t, int128_t, float,
                 double, std::string>
        data_;

    friend int Compare(const Value& a, const Value& b);
};

// Negative, zero or positive as a sorts before, with or after b (see above).
// REQUIRES: both NULL or holding the same physical type.
int Compare(const Value& a, const Value& b);

// Shortest text that reads back as the same double, in StarRocks' style: fixed notation when the
// decimal exponent is between -7 and 15 ("895", "0.1", "0.0000001", "1000000000000000"),
// scientific with a sign and at least two exponent digits otherwise ("1e+16", "1.5e-08",
// "-2.5e+300"); "inf", "-inf", "nan"; zero prints "0" and negative zero "-0".
std::string FormatDouble(double v);
// The same for FLOAT, using the shortest text that reads back as the same float.
std::string FormatFloat(float v);

}  // namespace tributary
