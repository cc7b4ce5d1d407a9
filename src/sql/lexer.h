// The SQL lexer: splits MySQL / StarRocks SQL text into tokens.
//
// Lexical rules (MySQL's):
//   - identifiers unquoted ([A-Za-z0-9_$] and any byte >= 0x80, not all digits) or in backticks
//     (`` `a``b` `` is a`b);
//   - strings in '...' or "..." with backslash escapes (\n \t \r \b \0 \Z \\ \' \"; \% and \_
//     keep their backslash, as MySQL does for LIKE patterns; any other \c is c) and doubled quotes;
//   - numbers: integers, decimals (1.5, .5), floats with an exponent (1e3), hex 0x1F;
//   - comments `-- ` (dash dash and a space or control character), `#`, `/* */`; the content of
//     an executable comment `/*!40101 ... */` is lexed as code, its version number skipped, and
//     optimizer hints `/*+ ... */` are comments;
//   - operators = <=> != <> < <= > >= + - * / % ( ) , . ; @ @@ || && ! ~ ^ & | << >> := [ ] ? :
// Keywords are not classified here: they are unquoted identifiers that the parser compares
// case-insensitively, so almost every keyword stays usable as a name.
//
// Thread safety: Tokenize is a pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/ast_common.h"

namespace tributary {

enum class TokenKind : uint8_t {
    kEnd,               // end of input; always the last token
    kIdentifier,        // unquoted word: a name or a keyword; text as written
    kQuotedIdentifier,  // `...`; text is the name without quotes, never empty
    kString,            // '...' or "..."; text is the unescaped value
    kInteger,           // digits; text as written
    kDecimal,           // digits with a '.'; text as written
    kFloat,             // number with an exponent; text as written
    kHexNumber,         // 0x...; text is the hex digits without "0x"
    kOperator,          // punctuation and operators; text is the operator
};

struct Token {
    TokenKind kind = TokenKind::kEnd;
    std::string text;
    SourcePos pos;
    size_t begin = 0;  // byte offsets of the token in the source: [begin, end)
    size_t end = 0;
    char quote = 0;  // kString: the quote character used
};

// Tokenizes the whole of `sql`. Fails with a syntax error naming the line and column of an
// unterminated string, quoted identifier or comment.
StatusOr<std::vector<Token>> Tokenize(std::string_view sql);

// "Getting syntax error at line L, column C. Detail message: <detail>"
Status SyntaxErrorAt(SourcePos pos, std::string_view detail);

}  // namespace tributary
