// Vectorized CAST between column types, with SQL's lenient semantics.
//
// Casts follow types/cast.h value by value, with one difference: a value that cannot be
// converted (text that does not parse, a number out of the target's range, a string longer than
// VARCHAR(n)) becomes NULL instead of failing, as StarRocks' CAST does in queries. Hot paths
// (between integer widths, integer <-> floating point, DATE <-> DATETIME) run as tight loops;
// the rest go through CastValue per row.
//
// Thread safety: pure functions.
#pragma once

#include "base/status.h"
#include "expr/eval_column.h"
#include "types/type_desc.h"

namespace tributary {

// The result is nullable when the input is, or when some value may fail to convert
// (CastMayFail). A constant input gives a constant result.
StatusOr<EvalColumn> CastColumn(const EvalColumn& input, const TypeDesc& to, size_t rows);

// True when casting `from` to `to` can turn a non-NULL value into NULL (string to number,
// wider to narrower integer, ...). False for widening casts that always succeed.
bool CastMayFail(const TypeDesc& from, const TypeDesc& to);

// Whether CAST(from AS to) is allowed at all (DATE -> INT is not).
bool CanCast(const TypeDesc& from, const TypeDesc& to);

}  // namespace tributary
