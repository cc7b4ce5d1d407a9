#include "sql/parser_impl.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/string_util.h"
#include "sql/keywords.h"

namespace tributary {

namespace {

constexpr size_t kMaxShownInput = 48;

std::string_view TokenClassName(TokenKind kind) {
    switch (kind) {
        case TokenKind::kString:
            return "string";
        case TokenKind::kInteger:
            return "integer";
        default:
            return "identifier";
    }
}

}  // namespace

Parser::Parser(std::string_view sql, std::vector<Token> tokens)
    : sql_(sql), tokens_(std::move(tokens)) {
    TRIBUTARY_CHECK(!tokens_.empty() && tokens_.back().kind == TokenKind::kEnd,
                    "the token stream must end with an end-of-input token");
}

// ---- token helpers ----------------------------------------------------------------------------

const Token& Parser::Peek(size_t ahead) const {
    size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[i];
}

const Token& Parser::Advance() {
    const Token& token = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return token;
}

bool Parser::PeekKeyword(std::string_view keyword, size_t ahead) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kIdentifier && EqualsIgnoreCase(token.text, keyword);
}

bool Parser::PeekOp(std::string_view op, size_t ahead) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kOperator && token.text == op;
}

void Parser::NoteExpected(std::string_view what) {
    if (expected_at_ != pos_) {
        expected_at_ = pos_;
        expected_.clear();
    }
    if (std::find(expected_.begin(), expected_.end(), what) == expected_.end()) {
        expected_.emplace_back(what);
    }
}

bool Parser::AcceptKeyword(std::string_view keyword) {
    if (PeekKeyword(keyword)) {
        Advance();
        return true;
    }
    NoteExpected(ToUpper(keyword));
    return false;
}

bool Parser::AcceptOp(std::string_view op) {
    if (PeekOp(op)) {
        Advance();
        return true;
    }
    NoteExpected(fmt::format("'{}'", op));
    return false;
}

Status Parser::ExpectKeyword(std::string_view keyword) {
    if (AcceptKeyword(keyword)) return Status::OK();
    return Unexpected();
}

Status Parser::ExpectOp(std::string_view op) {
    if (AcceptOp(op)) return Status::OK();
    return Unexpected();
}

bool Parser::AcceptKeywords(std::initializer_list<std::string_view> keywords) {
    size_t i = 0;
    for (std::string_view keyword : keywords) {
        if (!PeekKeyword(keyword, i)) {
            if (i == 0) NoteExpected(ToUpper(keyword));
            return false;
        }
        ++i;
    }
    for (size_t k = 0; k < i; ++k) Advance();
    return true;
}

Status Parser::ErrorAt(SourcePos pos, std::string_view detail) const {
    return SyntaxErrorAt(pos, detail);
}

Status Parser::Unexpected() const {
    const Token& token = Current();
    std::string detail;
    if (token.kind == TokenKind::kEnd) {
        detail = "Unexpected end of input";
    } else {
        std::string_view text = sql_.substr(token.begin, token.end - token.begin);
        if (text.size() > kMaxShownInput) {
            detail = fmt::format("Unexpected input '{}...'", text.substr(0, kMaxShownInput));
        } else {
            detail = fmt::format("Unexpected input '{}'", text);
        }
    }
    if (expected_at_ == pos_ && !expected_.empty()) {
        detail += ", expected one of: " + Join(expected_, ", ");
    }
    detail += '.';
    return SyntaxErrorAt(token.pos, detail);
}

Status Parser::EnterNesting() {
    if (depth_ >= kMaxNestingDepth) {
        return ErrorAt(Current().pos,
                       fmt::format("The statement is nested too deeply (more than {} levels).",
                                   kMaxNestingDepth));
    }
    ++depth_;
    return Status::OK();
}

std::string Parser::TextOfTokens(size_t first, size_t end) const {
    if (end <= first || first >= tokens_.size()) return "";
    size_t last = std::min(end, tokens_.size()) - 1;
    size_t begin = tokens_[first].begin;
    size_t stop = tokens_[last].end;
    if (stop <= begin) return "";
    return std::string(sql_.substr(begin, stop - begin));
}

// ---- small shared grammar ---------------------------------------------------------------------

StatusOr<std::string> Parser::ParseIdentifier() {
    const Token& token = Current();
    if (token.kind == TokenKind::kQuotedIdentifier ||
        (token.kind == TokenKind::kIdentifier && !IsReservedWord(token.text))) {
        return Advance().text;
    }
    NoteExpected("identifier");
    return Unexpected();
}

StatusOr<std::string> Parser::ParseAnyIdentifier() {
    const Token& token = Current();
    if (token.kind == TokenKind::kQuotedIdentifier || token.kind == TokenKind::kIdentifier) {
        return Advance().text;
    }
    NoteExpected("identifier");
    return Unexpected();
}

StatusOr<std::string> Parser::ParseIdentifierOrString() {
    if (Current().kind == TokenKind::kString) return Advance().text;
    NoteExpected("string");
    return ParseIdentifier();
}

StatusOr<std::string> Parser::ParseStringLiteral() {
    if (Current().kind == TokenKind::kString) return Advance().text;
    NoteExpected(TokenClassName(TokenKind::kString));
    return Unexpected();
}

StatusOr<int64_t> Parser::ParseIntegerLiteral() {
    const Token& token = Current();
    int64_t value = 0;
    if (token.kind == TokenKind::kInteger) {
        if (!ParseInt64(token.text, &value)) {
            return ErrorAt(token.pos, fmt::format("Integer '{}' is out of range.", token.text));
        }
        Advance();
        return value;
    }
    NoteExpected(TokenClassName(TokenKind::kInteger));
    return Unexpected();
}

StatusOr<QualifiedName> Parser::ParseQualifiedName() {
    QualifiedName name;
    name.pos = Current().pos;
    ASSIGN_OR_RETURN(std::string first, ParseIdentifier());
    if (AcceptOp(".")) {
        name.db = std::move(first);
        ASSIGN_OR_RETURN(name.name, ParseAnyIdentifier());
    } else {
        name.name = std::move(first);
    }
    return name;
}

StatusOr<std::vector<std::string>> Parser::ParseParenthesizedNames() {
    RETURN_IF_ERROR(ExpectOp("("));
    std::vector<std::string> names;
    do {
        ASSIGN_OR_RETURN(std::string name, ParseIdentifier());
        names.push_back(std::move(name));
    } while (AcceptOp(","));
    RETURN_IF_ERROR(ExpectOp(")"));
    return names;
}

StatusOr<PropertyList> Parser::ParsePropertyList() {
    RETURN_IF_ERROR(ExpectOp("("));
    PropertyList properties;
    if (AcceptOp(")")) return properties;
    do {
        Property property;
        property.pos = Current().pos;
        if (Current().kind == TokenKind::kString) {
            property.key = Advance().text;
        } else {
            // Unquoted keys may be dotted: property.kafka_default_offsets.
            ASSIGN_OR_RETURN(property.key, ParseAnyIdentifier());
            while (PeekOp(".")) {
                Advance();
                ASSIGN_OR_RETURN(std::string part, ParseAnyIdentifier());
                property.key += "." + part;
            }
        }
        RETURN_IF_ERROR(ExpectOp("="));
        const Token& value = Current();
        switch (value.kind) {
            case TokenKind::kString:
            case TokenKind::kInteger:
            case TokenKind::kDecimal:
            case TokenKind::kFloat:
            case TokenKind::kIdentifier:
            case TokenKind::kQuotedIdentifier:
                property.value = Advance().text;
                break;
            default:
                NoteExpected("string");
                return Unexpected();
        }
        properties.push_back(std::move(property));
    } while (AcceptOp(","));
    RETURN_IF_ERROR(ExpectOp(")"));
    return properties;
}

Status Parser::ParseOptionalProperties(PropertyList* out) {
    if (!AcceptKeyword("PROPERTIES")) return Status::OK();
    ASSIGN_OR_RETURN(*out, ParsePropertyList());
    return Status::OK();
}

// 'u'@'h', u@'%', `u`@`h`, 'u', u. The lexer gives '@' as its own token, so 'u'@'h' is
// string, '@', string; a '@@' never follows a user name.
StatusOr<UserSpec> Parser::ParseUserIdentity() {
    UserSpec identity;
    identity.pos = Current().pos;
    ASSIGN_OR_RETURN(identity.user, ParseIdentifierOrString());
    if (AcceptOp("@")) {
        ASSIGN_OR_RETURN(identity.host, ParseIdentifierOrString());
        identity.host_written = true;
    }
    return identity;
}

StatusOr<TypeName> Parser::ParseTypeName() {
    TypeName type;
    type.pos = Current().pos;
    if (Current().kind != TokenKind::kIdentifier) {
        NoteExpected("type");
        return Unexpected();
    }
    type.name = Advance().text;
    if (EqualsIgnoreCase(type.name, "SIGNED") || EqualsIgnoreCase(type.name, "UNSIGNED")) {
        if (!AcceptKeyword("INTEGER")) AcceptKeyword("INT");
    }
    if (PeekOp("(")) {
        Advance();
        do {
            ASSIGN_OR_RETURN(int64_t arg, ParseIntegerLiteral());
            type.args.push_back(arg);
        } while (AcceptOp(","));
        RETURN_IF_ERROR(ExpectOp(")"));
    }
    return type;
}

bool Parser::AtPartitionNames(size_t ahead) const {
    if (!PeekKeyword("PARTITION", ahead) && !PeekKeyword("PARTITIONS", ahead)) return false;
    const Token& next = Peek(ahead + 1);
    return PeekOp("(", ahead + 1) || next.kind == TokenKind::kQuotedIdentifier ||
           next.kind == TokenKind::kString ||
           (next.kind == TokenKind::kIdentifier && !IsReservedWord(next.text));
}

StatusOr<std::vector<std::string>> Parser::ParsePartitionNames() {
    if (!AcceptKeyword("PARTITION") && !AcceptKeyword("PARTITIONS")) return Unexpected();
    if (PeekOp("(")) {
        RETURN_IF_ERROR(ExpectOp("("));
        std::vector<std::string> names;
        do {
            ASSIGN_OR_RETURN(std::string name, ParseIdentifierOrString());
            names.push_back(std::move(name));
        } while (AcceptOp(","));
        RETURN_IF_ERROR(ExpectOp(")"));
        return names;
    }
    ASSIGN_OR_RETURN(std::string name, ParseIdentifierOrString());
    return std::vector<std::string>{std::move(name)};
}

Status Parser::ParseShowFilter(ShowFilter* filter) {
    if (AcceptKeyword("LIKE")) {
        ASSIGN_OR_RETURN(std::string pattern, ParseStringLiteral());
        filter->like = std::move(pattern);
    } else if (AcceptKeyword("WHERE")) {
        ASSIGN_OR_RETURN(filter->where, ParseExpr());
    }
    return Status::OK();
}

StatusOr<LimitClause> Parser::ParseLimitBody() {
    LimitClause limit;
    ASSIGN_OR_RETURN(int64_t first, ParseIntegerLiteral());
    if (AcceptOp(",")) {
        limit.offset = first;
        ASSIGN_OR_RETURN(limit.count, ParseIntegerLiteral());
    } else if (AcceptKeyword("OFFSET")) {
        limit.count = first;
        ASSIGN_OR_RETURN(limit.offset, ParseIntegerLiteral());
    } else {
        limit.count = first;
    }
    return limit;
}

}  // namespace tributary
