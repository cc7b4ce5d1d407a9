// Keyword tables shared by the parser and the AST printers.
//
// Almost every keyword is non-reserved: only the words that the grammar needs to see as keywords
// where a name could also stand (a select alias, a table alias, a column reference) are reserved.
// A reserved word may still be used as a name in backticks, and as a function name when a '('
// follows (`left(s, 2)`, `if(a, b, c)`, `mod(a, b)`).
// Thread safety: pure functions over constant tables.
#pragma once

#include <string_view>

namespace tributary {

// True when the unquoted word cannot be a column, table or alias name.
bool IsReservedWord(std::string_view word);

// True when the word starts expression syntax of its own (CASE, CAST, EXISTS, INTERVAL, NOT,
// NULL, TRUE, FALSE, SELECT, DEFAULT, ...): a function of that name must be printed quoted.
bool IsExpressionKeyword(std::string_view word);

}  // namespace tributary
