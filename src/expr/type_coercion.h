// Implicit type rules: which type two operands meet in, with MySQL / StarRocks semantics.
//
//   integer op integer        -> BIGINT (LARGEINT when either side is LARGEINT)
//   DECIMAL op integer         -> DECIMAL
//   FLOAT / DOUBLE op number   -> DOUBLE
//   string op number           -> DOUBLE (the string is parsed; unparsable text is NULL)
//   DATE op DATETIME           -> DATETIME
//   DATE / DATETIME op string  -> the date type (the string is parsed as a date)
//   string op string           -> VARCHAR
//   BOOLEAN counts as an integer.
//
// Thread safety: pure functions.
#pragma once

#include "base/status.h"
#include "types/type_desc.h"

namespace tributary {

// The widest VARCHAR; what string results are typed as when their length is not known.
TypeDesc AnyVarchar();

// The type both sides of a comparison are cast to before comparing. Fails for pairs that
// cannot be compared (JSON with a number).
StatusOr<TypeDesc> ComparisonType(const TypeDesc& a, const TypeDesc& b);

// The type a list of values (CASE branches, COALESCE / IF arguments, IN lists, UNION columns)
// has in common. Fails with InvalidArgument naming both types when there is none.
StatusOr<TypeDesc> CommonType(const TypeDesc& a, const TypeDesc& b);

// The type numeric arguments are computed in (see the table above): BIGINT, LARGEINT, DOUBLE
// or DECIMAL(38, max scale).
TypeDesc ArithmeticType(const TypeDesc& a, const TypeDesc& b);

// The scale of DECIMAL division (and avg) when the dividend has scale `s`: StarRocks gives
// s + 6 up to scale 6, then 12, and keeps larger scales (5.0 / 2 = 2.5000000).
int DecimalDivisionScale(int s);

// The DECIMAL(p, s) exactly holding every value of an integer type (BIGINT -> DECIMAL(19, 0)).
TypeDesc DecimalOfInteger(const TypeDesc& integer);

}  // namespace tributary
