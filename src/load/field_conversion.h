// ConvertTextColumn: source field text to a column of the table's type, with the load's rules.
//
// The load pipeline (load_pipeline.h) calls it once per source field that maps straight onto a
// table column. Text is parsed by the single set of parsers in types/value_parse.h (so '1.5'
// into INT fails exactly as in INSERT and CAST). A row whose text does not convert is reported
// to `on_failure` with the reason; its value becomes NULL. What a failure means is the caller's
// decision (StarRocks' strict mode); the failure kind tells it:
//   kBadValue        the text is not a valid value of the type, or out of its range
//                    ('abc' into INT, '2020-13-45' into DATE, '300' into TINYINT). Strict mode
//                    makes the row an error row; otherwise the value is NULL.
//   kInvalidString   a string that cannot be stored whatever the mode: longer than CHAR(n) /
//                    VARCHAR(n) in bytes, or not valid UTF-8, or not valid JSON text for a JSON
//                    column. Always an error row (StarRocks filters over-long strings in every
//                    mode; we also refuse invalid UTF-8, which no MySQL client can display).
// A NULL field (`\N`, JSON null, a missing key) is NULL and never a failure here; whether the
// column accepts NULL is checked later, on the assembled row.
//
// Thread safety: pure function.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "base/status.h"
#include "column/binary_column.h"
#include "column/column.h"
#include "types/type_desc.h"

namespace tributary {

enum class ConversionFailure : uint8_t { kBadValue, kInvalidString };

using ConversionFailureFn =
    std::function<void(size_t row, ConversionFailure kind, const Status& reason)>;

// Returns a nullable column of `type` with one row per row of `text`. `nulls` (one byte per
// row, 1 = NULL) may be empty when no row is NULL.
ColumnPtr ConvertTextColumn(const BinaryColumn& text, const std::vector<uint8_t>& nulls,
                            const TypeDesc& type, const ConversionFailureFn& on_failure);

// Whether `text` is valid UTF-8 (exposed for tests).
bool IsValidUtf8(std::string_view text);

}  // namespace tributary
