// How each logical column type is held in memory: the one mapping every layer shares.
//
// PhysicalTypeOf<T> names the C++ type that holds one value of LogicalType T:
//   BOOLEAN uint8_t (0 or 1)      TINYINT int8_t       SMALLINT int16_t     INT int32_t
//   BIGINT int64_t                LARGEINT __int128    FLOAT float          DOUBLE double
//   DECIMAL(p, s) __int128, the unscaled value (value * 10^s), for every precision 1..38
//   DATE int32_t, days since 1970-01-01 (proleptic Gregorian), 0000-01-01 .. 9999-12-31
//   DATETIME int64_t, microseconds since 1970-01-01 00:00:00 wall-clock time (no time zone)
//   CHAR, VARCHAR, JSON std::string (bytes; JSON holds its text)
// Columns, the segment format and the expression engine build on this table; changing it is a
// storage format change.
//
// FixedWidthOf(t) is sizeof(PhysicalTypeOf<t>) for fixed-width types and 0 for the variable-width
// ones (CHAR, VARCHAR, JSON).
//
// Thread safety: compile-time constants and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "types/type_desc.h"

namespace tributary {

using int128_t = __int128;

template <LogicalType T>
struct PhysicalTypeTraits;

#define TRIBUTARY_PHYSICAL_TYPE(logical, cpp_type, width) \
    template <>                                           \
    struct PhysicalTypeTraits<LogicalType::logical> {     \
        using Type = cpp_type;                            \
        static constexpr size_t kFixedWidth = width;      \
    }

TRIBUTARY_PHYSICAL_TYPE(kBoolean, uint8_t, 1);
TRIBUTARY_PHYSICAL_TYPE(kTinyInt, int8_t, 1);
TRIBUTARY_PHYSICAL_TYPE(kSmallInt, int16_t, 2);
TRIBUTARY_PHYSICAL_TYPE(kInt, int32_t, 4);
TRIBUTARY_PHYSICAL_TYPE(kBigInt, int64_t, 8);
TRIBUTARY_PHYSICAL_TYPE(kLargeInt, int128_t, 16);
TRIBUTARY_PHYSICAL_TYPE(kFloat, float, 4);
TRIBUTARY_PHYSICAL_TYPE(kDouble, double, 8);
TRIBUTARY_PHYSICAL_TYPE(kDecimal, int128_t, 16);
TRIBUTARY_PHYSICAL_TYPE(kDate, int32_t, 4);
TRIBUTARY_PHYSICAL_TYPE(kDateTime, int64_t, 8);
TRIBUTARY_PHYSICAL_TYPE(kChar, std::string, 0);
TRIBUTARY_PHYSICAL_TYPE(kVarchar, std::string, 0);
TRIBUTARY_PHYSICAL_TYPE(kJson, std::string, 0);

#undef TRIBUTARY_PHYSICAL_TYPE

template <LogicalType T>
using PhysicalTypeOf = typename PhysicalTypeTraits<T>::Type;

// Bytes one value occupies in a fixed-width column; 0 for CHAR, VARCHAR and JSON.
constexpr size_t FixedWidthOf(LogicalType t) {
    switch (t) {
        case LogicalType::kBoolean:
            return PhysicalTypeTraits<LogicalType::kBoolean>::kFixedWidth;
        case LogicalType::kTinyInt:
            return PhysicalTypeTraits<LogicalType::kTinyInt>::kFixedWidth;
        case LogicalType::kSmallInt:
            return PhysicalTypeTraits<LogicalType::kSmallInt>::kFixedWidth;
        case LogicalType::kInt:
            return PhysicalTypeTraits<LogicalType::kInt>::kFixedWidth;
        case LogicalType::kBigInt:
            return PhysicalTypeTraits<LogicalType::kBigInt>::kFixedWidth;
        case LogicalType::kLargeInt:
            return PhysicalTypeTraits<LogicalType::kLargeInt>::kFixedWidth;
        case LogicalType::kFloat:
            return PhysicalTypeTraits<LogicalType::kFloat>::kFixedWidth;
        case LogicalType::kDouble:
            return PhysicalTypeTraits<LogicalType::kDouble>::kFixedWidth;
        case LogicalType::kDecimal:
            return PhysicalTypeTraits<LogicalType::kDecimal>::kFixedWidth;
        case LogicalType::kDate:
            return PhysicalTypeTraits<LogicalType::kDate>::kFixedWidth;
        case LogicalType::kDateTime:
            return PhysicalTypeTraits<LogicalType::kDateTime>::kFixedWidth;
        case LogicalType::kChar:
        case LogicalType::kVarchar:
        case LogicalType::kJson:
            return 0;
    }
    return 0;
}

constexpr bool IsFixedWidth(LogicalType t) { return FixedWidthOf(t) != 0; }

// Calls `fn.template operator()<T>()` with the compile-time LogicalType equal to `t`, so code
// written once as a template can serve every type:
//   size_t w = VisitLogicalType(t, []<LogicalType T>() { return sizeof(PhysicalTypeOf<T>); });
template <typename Fn>
decltype(auto) VisitLogicalType(LogicalType t, Fn&& fn) {
    switch (t) {
        case LogicalType::kBoolean:
            return fn.template operator()<LogicalType::kBoolean>();
        case LogicalType::kTinyInt:
            return fn.template operator()<LogicalType::kTinyInt>();
        case LogicalType::kSmallInt:
            return fn.template operator()<LogicalType::kSmallInt>();
        case LogicalType::kInt:
            return fn.template operator()<LogicalType::kInt>();
        case LogicalType::kBigInt:
            return fn.template operator()<LogicalType::kBigInt>();
        case LogicalType::kLargeInt:
            return fn.template operator()<LogicalType::kLargeInt>();
        case LogicalType::kFloat:
            return fn.template operator()<LogicalType::kFloat>();
        case LogicalType::kDouble:
            return fn.template operator()<LogicalType::kDouble>();
        case LogicalType::kDecimal:
            return fn.template operator()<LogicalType::kDecimal>();
        case LogicalType::kDate:
            return fn.template operator()<LogicalType::kDate>();
        case LogicalType::kDateTime:
            return fn.template operator()<LogicalType::kDateTime>();
        case LogicalType::kChar:
            return fn.template operator()<LogicalType::kChar>();
        case LogicalType::kVarchar:
            return fn.template operator()<LogicalType::kVarchar>();
        case LogicalType::kJson:
            return fn.template operator()<LogicalType::kJson>();
    }
    return fn.template operator()<LogicalType::kJson>();  // unreachable: the switch is complete
}

}  // namespace tributary
