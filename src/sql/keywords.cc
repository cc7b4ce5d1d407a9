#include "sql/keywords.h"

#include <algorithm>
#include <array>

#include "base/string_util.h"

namespace tributary {

namespace {

// Words that may follow an expression or a table reference and so cannot be an alias, plus the
// words that begin statements and clauses. Sorted, upper case.
constexpr std::array kReserved = std::to_array<std::string_view>({
    "ALL",       "AND",      "AS",     "ASC",      "BETWEEN", "BY",     "CASE",  "CAST",   "CREATE",
    "CROSS",     "DELETE",   "DESC",   "DISTINCT", "DIV",     "DROP",   "ELSE",  "EXCEPT", "EXISTS",
    "FALSE",     "FOR",      "FROM",   "GRANT",    "GROUP",   "HAVING", "IN",    "INNER",  "INSERT",
    "INTERSECT", "INTERVAL", "INTO",   "IS",       "JOIN",    "LEFT",   "LIKE",  "LIMIT",  "MINUS",
    "MOD",       "NATURAL",  "NOT",    "NULL",     "ON",      "OR",     "ORDER", "OUTER",  "REGEXP",
    "RIGHT",     "RLIKE",    "SELECT", "SET",      "SHOW",    "THEN",   "TRUE",  "UNION",  "UPDATE",
    "USING",     "VALUES",   "WHEN",   "WHERE",    "WITH",    "XOR",
});

constexpr std::array kExpressionKeywords = std::to_array<std::string_view>({
    "BINARY",
    "CASE",
    "CAST",
    "DEFAULT",
    "EXISTS",
    "FALSE",
    "INTERVAL",
    "NOT",
    "NULL",
    "SELECT",
    "TRUE",
    "WITH",
});

template <size_t N>
bool Contains(const std::array<std::string_view, N>& table, std::string_view word) {
    if (word.size() > 16) return false;
    std::string upper = ToUpper(word);
    return std::find(table.begin(), table.end(), upper) != table.end();
}

}  // namespace

bool IsReservedWord(std::string_view word) { return Contains(kReserved, word); }

bool IsExpressionKeyword(std::string_view word) { return Contains(kExpressionKeywords, word); }

}  // namespace tributary
