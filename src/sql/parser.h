// The SQL parser: text in, AST (sql/ast.h) out.
//
// A hand-written lexer (sql/lexer.h) and recursive-descent parser for the StarRocks / MySQL
// dialect Tributary speaks. Keywords are case-insensitive and almost all are non-reserved, so
// columns named `name`, `date`, `type`, `status`, ... need no quoting.
//
// Errors are Status::SyntaxError (MySQL 1064) in StarRocks' shape:
//   "Getting syntax error at line 2, column 14. Detail message: Unexpected input 'TABL',
//    expected one of: TABLE, DATABASE, USER, ROUTINE."
// with the 1-based line and column of the offending token. The parser never crashes, hangs or
// recurses without bound on any input: nesting deeper than kMaxNestingDepth is an error.
//
// Thread safety: the functions are pure; call them from any thread.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/ast.h"

namespace tributary {

// Parenthesis / expression / subquery nesting allowed before the parser gives up.
inline constexpr int kMaxNestingDepth = 200;

// Parses ';'-separated statements. Empty statements (";;", trailing ';', only comments) are
// skipped, so the result may be empty.
StatusOr<std::vector<std::unique_ptr<Statement>>> ParseStatements(std::string_view sql);

// Parses exactly one statement with an optional trailing ';'.
StatusOr<std::unique_ptr<Statement>> ParseStatement(std::string_view sql);

// Parses one expression that makes up the whole text (e.g. a stored WHERE or COLUMNS item).
StatusOr<std::unique_ptr<Expr>> ParseExpression(std::string_view text);

// Parses the items of a COLUMNS list without its parentheses, as Stream Load's `columns`
// header gives them: "k1, k2, tmp, v = tmp * 10".
StatusOr<std::vector<LoadColumn>> ParseLoadColumns(std::string_view text);

}  // namespace tributary
