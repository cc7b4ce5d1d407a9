// Small string helpers shared by every layer.
// SQL identifiers and keywords compare case-insensitively in ASCII; these helpers do exactly that
// and never depend on the C locale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

// Strips ASCII whitespace from both ends.
std::string_view Trim(std::string_view s);

// Splits on every occurrence of `sep` (empty pieces kept).
std::vector<std::string> Split(std::string_view s, std::string_view sep);

std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// MySQL LIKE matching with `%` and `_`, backslash escapes; case-insensitive when asked
// (SHOW ... LIKE compares case-insensitively, as MySQL does for its metadata).
bool LikeMatch(std::string_view text, std::string_view pattern, bool ignore_case);

// Parses a whole string as a signed 64-bit integer; false on any extra character or overflow.
bool ParseInt64(std::string_view s, int64_t* out);
// Parses a whole string as a double (std::from_chars syntax); false on any extra character.
bool ParseDouble(std::string_view s, double* out);

// The first `max_bytes` of `text`, cut at a UTF-8 character boundary, plus "..." when cut; for
// quoting user data in messages and logs.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// Quotes `s` for a SQL string literal: wraps in `quote` and escapes backslash and quote.
std::string QuoteString(std::string_view s, char quote = '"');

// Hex digits of `bytes` (lower case unless `uppercase`), and the inverse, which accepts either
// case and fails on an odd length or a non-hex character.
std::string HexEncode(std::string_view bytes, bool uppercase = false);
StatusOr<std::string> HexDecode(std::string_view hex);

// Wraps an identifier in backticks, doubling any backtick inside.
std::string QuoteIdentifier(std::string_view s);

}  // namespace tributary
