// Naming rules for the objects the catalog stores, with StarRocks-style error messages that
// state the rule.
//
//   database, table   ^[a-zA-Z][a-zA-Z0-9_]*$, at most 256 characters (1102 / 1103)
//   column            1 to 1024 bytes of UTF-8, not starting with "__" (reserved for __op, ...),
//                     no NUL (1166)
//   partition         ^[a-zA-Z][a-zA-Z0-9_]{0,63}$ or ^_[a-zA-Z0-9][a-zA-Z0-9_]{0,62}$
//   user              1 to 64 characters: a letter, digit or '_' first, then letters, digits,
//                     '_', '.', '-'
//   host pattern      1 to 255 printable ASCII characters but `'` (`%` and `_` are wildcards)
//
// Case: database and table names are case-sensitive (StarRocks' default); column and partition
// names compare case-insensitively; user names are case-sensitive and host patterns are not.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

#include "base/status.h"

namespace tributary {

inline constexpr size_t kMaxDatabaseNameLength = 256;
inline constexpr size_t kMaxTableNameLength = 256;
inline constexpr size_t kMaxColumnNameLength = 1024;

Status CheckDatabaseName(std::string_view name);
Status CheckTableName(std::string_view name);
Status CheckColumnName(std::string_view name);
Status CheckPartitionName(std::string_view name);
Status CheckUserName(std::string_view name);
Status CheckHostPattern(std::string_view host);

// Text the catalog stores (column names, comments, default values) must be valid UTF-8;
// `what` names the text in the error ("the comment of column 'c'").
Status CheckUtf8Text(std::string_view what, std::string_view text);

}  // namespace tributary
