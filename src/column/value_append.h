// Appending a scalar Value (types/value.h) to a column of the matching type.
//
// The bridge between row-at-a-time producers (INSERT VALUES, tests) and columns. A NULL value
// goes into a nullable column's null map; into a non-nullable column it is an error naming the
// column's type. Thread safety: as the column's.
#pragma once

#include "base/status.h"
#include "column/column.h"
#include "types/value.h"

namespace tributary {

// REQUIRES: `value` holds the physical type of column->type() (or is NULL).
Status AppendValue(Column* column, const Value& value);

}  // namespace tributary
