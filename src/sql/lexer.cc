#include "sql/lexer.h"

#include <fmt/format.h>

namespace tributary {

namespace {

bool IsIdentChar(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || c >= 0x80;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Longest operators first so that "<=>" wins over "<=" and "<".
constexpr std::string_view kOperators[] = {
    "<=>", "<=", ">=", "<>", "!=", "<<", ">>", "||", "&&", ":=", "@@", "=",
    "<",   ">",  "+",  "-",  "*",  "/",  "%",  "(",  ")",  ",",  ".",  ";",
    "@",   "!",  "~",  "^",  "&",  "|",  "[",  "]",  "?",  ":",  "{",  "}",
};

class Lexer {
public:
    explicit Lexer(std::string_view sql) : sql_(sql) {}

    StatusOr<std::vector<Token>> Run() {
        std::vector<Token> tokens;
        while (true) {
            RETURN_IF_ERROR(SkipSpaceAndComments());
            if (AtEnd()) break;
            Token token;
            token.begin = i_;
            token.pos = Pos();
            RETURN_IF_ERROR(LexOne(&token, tokens));
            token.end = i_;
            tokens.push_back(std::move(token));
        }
        if (in_executable_comment_) {
            return SyntaxErrorAt(executable_comment_pos_, "Unterminated executable comment.");
        }
        Token end;
        end.kind = TokenKind::kEnd;
        end.begin = end.end = i_;
        end.pos = Pos();
        tokens.push_back(std::move(end));
        return tokens;
    }

private:
    bool AtEnd() const { return i_ >= sql_.size(); }
    char Peek(size_t ahead = 0) const { return i_ + ahead < sql_.size() ? sql_[i_ + ahead] : '\0'; }
    SourcePos Pos() const { return SourcePos{line_, static_cast<int>(i_ - line_start_) + 1}; }
    void Advance() {
        if (sql_[i_] == '\n') {
            ++line_;
            line_start_ = i_ + 1;
        }
        ++i_;
    }
    void AdvanceBy(size_t n) {
        for (size_t k = 0; k < n && !AtEnd(); ++k) Advance();
    }

    Status SkipSpaceAndComments() {
        while (!AtEnd()) {
            char c = Peek();
            if (IsSpace(c)) {
                Advance();
            } else if (c == '#' || (c == '-' && Peek(1) == '-' &&
                                    (i_ + 2 >= sql_.size() || IsSpace(Peek(2)) ||
                                     static_cast<unsigned char>(Peek(2)) < 0x20))) {
                while (!AtEnd() && Peek() != '\n') Advance();
            } else if (c == '/' && Peek(1) == '*') {
                if (Peek(2) == '!') {
                    if (in_executable_comment_) {
                        return SyntaxErrorAt(Pos(), "Nested executable comment.");
                    }
                    executable_comment_pos_ = Pos();
                    in_executable_comment_ = true;
                    AdvanceBy(3);
                    while (!AtEnd() && IsDigit(Peek())) Advance();
                    continue;
                }
                SourcePos start = Pos();
                AdvanceBy(2);
                bool closed = false;
                while (!AtEnd()) {
                    if (Peek() == '*' && Peek(1) == '/') {
                        AdvanceBy(2);
                        closed = true;
                        break;
                    }
                    Advance();
                }
                if (!closed) return SyntaxErrorAt(start, "Unterminated comment.");
            } else if (in_executable_comment_ && c == '*' && Peek(1) == '/') {
                in_executable_comment_ = false;
                AdvanceBy(2);
            } else {
                break;
            }
        }
        return Status::OK();
    }

    Status LexOne(Token* token, const std::vector<Token>& previous) {
        char c = Peek();
        if (c == '\'' || c == '"') return LexString(token);
        if (c == '`') return LexQuotedIdentifier(token);
        // A '.' glued to a name qualifies it (`t.5` is column 5 of t); anywhere else a '.'
        // before a digit starts a number (`NOT .5`, `(.5)`).
        bool after_name = !previous.empty() && previous.back().end == i_ &&
                          (previous.back().kind == TokenKind::kIdentifier ||
                           previous.back().kind == TokenKind::kQuotedIdentifier);
        bool dot_number = c == '.' && IsDigit(Peek(1)) && !after_name;
        if (IsDigit(c) || dot_number) return LexNumberOrIdentifier(token);
        if (IsIdentChar(static_cast<unsigned char>(c))) {
            while (!AtEnd() && IsIdentChar(static_cast<unsigned char>(Peek()))) Advance();
            token->kind = TokenKind::kIdentifier;
            token->text = std::string(sql_.substr(token->begin, i_ - token->begin));
            return Status::OK();
        }
        for (std::string_view op : kOperators) {
            if (sql_.substr(i_, op.size()) == op) {
                AdvanceBy(op.size());
                token->kind = TokenKind::kOperator;
                token->text = std::string(op);
                return Status::OK();
            }
        }
        return SyntaxErrorAt(Pos(), fmt::format("Unexpected character '{}'.", PrintableChar(c)));
    }

    static std::string PrintableChar(char c) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) return fmt::format("\\x{:02x}", u);
        return std::string(1, c);
    }

    Status LexString(Token* token) {
        char quote = Peek();
        SourcePos start = Pos();
        Advance();
        std::string value;
        while (true) {
            if (AtEnd()) return SyntaxErrorAt(start, "Unterminated string literal.");
            char c = Peek();
            if (c == quote) {
                if (Peek(1) == quote) {  // doubled quote
                    value.push_back(quote);
                    AdvanceBy(2);
                    continue;
                }
                Advance();
                break;
            }
            if (c == '\\') {
                if (i_ + 1 >= sql_.size())
                    return SyntaxErrorAt(start, "Unterminated string literal.");
                char e = Peek(1);
                AdvanceBy(2);
                switch (e) {
                    case 'n':
                        value.push_back('\n');
                        break;
                    case 't':
                        value.push_back('\t');
                        break;
                    case 'r':
                        value.push_back('\r');
                        break;
                    case 'b':
                        value.push_back('\b');
                        break;
                    case '0':
                        value.push_back('\0');
                        break;
                    case 'Z':
                        value.push_back('\x1a');
                        break;
                    case '%':
                        value.append("\\%");
                        break;
                    case '_':
                        value.append("\\_");
                        break;
                    default:
                        value.push_back(e);
                        break;
                }
                continue;
            }
            value.push_back(c);
            Advance();
        }
        token->kind = TokenKind::kString;
        token->text = std::move(value);
        token->quote = quote;
        return Status::OK();
    }

    Status LexQuotedIdentifier(Token* token) {
        SourcePos start = Pos();
        Advance();
        std::string name;
        while (true) {
            if (AtEnd()) return SyntaxErrorAt(start, "Unterminated quoted identifier.");
            char c = Peek();
            if (c == '`') {
                if (Peek(1) == '`') {
                    name.push_back('`');
                    AdvanceBy(2);
                    continue;
                }
                Advance();
                break;
            }
            name.push_back(c);
            Advance();
        }
        // MySQL has no empty names; rejecting `` here keeps every name printable.
        if (name.empty()) return SyntaxErrorAt(start, "Empty quoted identifier ``.");
        token->kind = TokenKind::kQuotedIdentifier;
        token->text = std::move(name);
        return Status::OK();
    }

    // Numbers; a digit run followed by identifier characters (`2023_sales`, `1abc`) is an
    // identifier, as in MySQL.
    Status LexNumberOrIdentifier(Token* token) {
        size_t start = i_;
        if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X') && IsHexDigit(Peek(2))) {
            size_t j = i_ + 2;
            while (j < sql_.size() && IsHexDigit(sql_[j])) ++j;
            if (j >= sql_.size() || !IsIdentChar(static_cast<unsigned char>(sql_[j]))) {
                AdvanceBy(j - i_);
                token->kind = TokenKind::kHexNumber;
                token->text = std::string(sql_.substr(start + 2, j - start - 2));
                return Status::OK();
            }
        }
        TokenKind kind = TokenKind::kInteger;
        size_t j = i_;
        while (j < sql_.size() && IsDigit(sql_[j])) ++j;
        if (j < sql_.size() && sql_[j] == '.') {
            kind = TokenKind::kDecimal;
            ++j;
            while (j < sql_.size() && IsDigit(sql_[j])) ++j;
        }
        if (j < sql_.size() && (sql_[j] == 'e' || sql_[j] == 'E')) {
            size_t k = j + 1;
            if (k < sql_.size() && (sql_[k] == '+' || sql_[k] == '-')) ++k;
            if (k < sql_.size() && IsDigit(sql_[k])) {
                while (k < sql_.size() && IsDigit(sql_[k])) ++k;
                kind = TokenKind::kFloat;
                j = k;
            }
        }
        if (kind == TokenKind::kInteger && j < sql_.size() &&
            IsIdentChar(static_cast<unsigned char>(sql_[j]))) {
            while (j < sql_.size() && IsIdentChar(static_cast<unsigned char>(sql_[j]))) ++j;
            kind = TokenKind::kIdentifier;
        }
        AdvanceBy(j - i_);
        token->kind = kind;
        token->text = std::string(sql_.substr(start, j - start));
        return Status::OK();
    }

    std::string_view sql_;
    size_t i_ = 0;
    int line_ = 1;
    size_t line_start_ = 0;
    bool in_executable_comment_ = false;
    SourcePos executable_comment_pos_;
};

}  // namespace

Status SyntaxErrorAt(SourcePos pos, std::string_view detail) {
    return Status::SyntaxError(
        fmt::format("Getting syntax error at line {}, column {}. Detail message: {}", pos.line,
                    pos.column, detail));
}

StatusOr<std::vector<Token>> Tokenize(std::string_view sql) { return Lexer(sql).Run(); }

}  // namespace tributary
