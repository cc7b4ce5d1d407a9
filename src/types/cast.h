// CAST between column types with StarRocks' semantics, for INSERT and constant folding.
//
// CastValue(value, from, to) converts a Value of type `from` into the representation of `to`.
// NULL casts to NULL. Supported conversions and their rules:
//   integer / BOOLEAN -> integer      exact; a value outside the target's range is an error
//                                      (no wrap). Into BOOLEAN, any non-zero value is 1.
//   integer -> FLOAT / DOUBLE         nearest value.
//   integer -> DECIMAL(p, s)          exact; more than p - s integer digits is an error.
//   DECIMAL -> integer                truncates toward zero, as StarRocks does
//                                      (CAST(2.7 AS INT) = 2, CAST(-2.7 AS INT) = -2); then
//                                      range-checked.
//   DECIMAL -> DECIMAL                rescales, rounding half away from zero; overflow is an error.
//   DECIMAL -> FLOAT / DOUBLE         nearest value.
//   FLOAT / DOUBLE -> integer         truncates toward zero; NaN, infinity or out of range is
//                                      an error.
//   FLOAT / DOUBLE -> DECIMAL         see DecimalFromDouble in decimal.h.
//   FLOAT <-> DOUBLE                  nearest value; a finite double too large for FLOAT is an
//                                      error.
//   DATE <-> DATETIME                 midnight / the date part.
//   anything -> CHAR / VARCHAR        the value's text (Value::Format), checked against the length
//                                      in bytes.
//   CHAR / VARCHAR -> anything        ParseValue (value_parse.h), so '1.5' into INT is an error.
//   JSON <-> CHAR / VARCHAR           the JSON text (checked when going to JSON).
// Anything else (e.g. DATE -> INT) fails with NotSupported naming both types.
//
// Thread safety: pure functions.
#pragma once

#include "base/status.h"
#include "types/type_desc.h"
#include "types/value.h"

namespace tributary {

// REQUIRES: `value` is NULL or holds `from`'s physical type.
StatusOr<Value> CastValue(const Value& value, const TypeDesc& from, const TypeDesc& to);

}  // namespace tributary
