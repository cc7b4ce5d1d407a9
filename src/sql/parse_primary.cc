// Primary expressions: literals, names, variables, function calls, CAST, CASE, EXISTS,
// INTERVAL and parenthesised expressions or subqueries.
#include <fmt/format.h>

#include "base/string_util.h"
#include "sql/keywords.h"
#include "sql/parser_impl.h"

namespace tributary {

namespace {

// Units accepted after INTERVAL.
constexpr std::string_view kIntervalUnits[] = {
    "MICROSECOND",
    "MILLISECOND",
    "SECOND",
    "MINUTE",
    "HOUR",
    "DAY",
    "WEEK",
    "MONTH",
    "QUARTER",
    "YEAR",
    "SECOND_MICROSECOND",
    "MINUTE_MICROSECOND",
    "MINUTE_SECOND",
    "HOUR_MICROSECOND",
    "HOUR_SECOND",
    "HOUR_MINUTE",
    "DAY_MICROSECOND",
    "DAY_SECOND",
    "DAY_MINUTE",
    "DAY_HOUR",
    "YEAR_MONTH",
};

// Functions that MySQL lets you call without parentheses.
constexpr std::string_view kNiladicFunctions[] = {
    "CURRENT_TIMESTAMP", "CURRENT_DATE",  "CURRENT_TIME", "CURRENT_USER", "LOCALTIME",
    "LOCALTIMESTAMP",    "UTC_TIMESTAMP", "UTC_DATE",     "UTC_TIME",
};

template <size_t N>
bool InTable(const std::string_view (&table)[N], std::string_view word) {
    for (std::string_view entry : table) {
        if (EqualsIgnoreCase(entry, word)) return true;
    }
    return false;
}

}  // namespace

StatusOr<ExprPtr> Parser::ParseNumber() {
    const Token& token = Current();
    auto literal = std::make_unique<LiteralExpr>(token.pos);
    switch (token.kind) {
        case TokenKind::kInteger:
            if (ParseInt64(token.text, &literal->int_value)) {
                literal->literal_kind = LiteralKind::kInt;
            } else {
                literal->literal_kind = LiteralKind::kDecimal;  // beyond int64: keep the digits
            }
            literal->text = token.text;
            break;
        case TokenKind::kDecimal:
            literal->literal_kind = LiteralKind::kDecimal;
            literal->text = token.text;
            break;
        case TokenKind::kFloat:
            literal->literal_kind = LiteralKind::kFloat;
            literal->text = token.text;
            break;
        case TokenKind::kHexNumber: {
            std::string_view digits = token.text;
            while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
            if (digits.size() > 16) {
                return ErrorAt(token.pos,
                               fmt::format("Hex literal '0x{}' is out of range.", token.text));
            }
            uint64_t value = std::stoull(std::string(digits), nullptr, 16);
            literal->text = std::to_string(value);
            if (value <= static_cast<uint64_t>(INT64_MAX)) {
                literal->literal_kind = LiteralKind::kInt;
                literal->int_value = static_cast<int64_t>(value);
            } else {
                literal->literal_kind = LiteralKind::kDecimal;
            }
            break;
        }
        default:
            return Unexpected();
    }
    Advance();
    return ExprPtr(std::move(literal));
}

StatusOr<ExprPtr> Parser::ParsePrimary() {
    NoteExpected("expression");
    const Token& token = Current();
    switch (token.kind) {
        case TokenKind::kInteger:
        case TokenKind::kDecimal:
        case TokenKind::kFloat:
        case TokenKind::kHexNumber:
            return ParseNumber();
        case TokenKind::kString: {
            auto literal = std::make_unique<LiteralExpr>(token.pos);
            literal->literal_kind = LiteralKind::kString;
            literal->text = Advance().text;
            // Adjacent strings concatenate: 'a' 'b' is 'ab'.
            while (Current().kind == TokenKind::kString) literal->text += Advance().text;
            return ExprPtr(std::move(literal));
        }
        case TokenKind::kOperator:
            if (PeekOp("(")) {
                SourcePos pos = token.pos;
                // Only '(' SELECT is a subquery here: '((' may open a parenthesised expression
                // that starts with a subquery, as in ((SELECT 1) = 1).
                if (PeekKeyword("SELECT", 1)) {
                    Advance();
                    auto expr = std::make_unique<SubqueryExpr>(pos);
                    ASSIGN_OR_RETURN(expr->query, ParseQuery());
                    RETURN_IF_ERROR(ExpectOp(")"));
                    return ExprPtr(std::move(expr));
                }
                Advance();
                ASSIGN_OR_RETURN(ExprPtr inner, ParseExpr());
                RETURN_IF_ERROR(ExpectOp(")"));
                return inner;
            }
            if (PeekOp("@@") || PeekOp("@")) return ParseVariable();
            return Unexpected();
        case TokenKind::kIdentifier:
        case TokenKind::kQuotedIdentifier:
            return ParseIdentifierExpr();
        case TokenKind::kEnd:
            return Unexpected();
    }
    return Unexpected();
}

StatusOr<ExprPtr> Parser::ParseVariable() {
    SourcePos pos = Current().pos;
    auto expr = std::make_unique<VariableExpr>(pos);
    if (AcceptOp("@@")) {
        expr->is_system = true;
        if (PeekOp(".", 1)) {
            if (PeekKeyword("SESSION")) {
                expr->scope = VariableScope::kSession;
            } else if (PeekKeyword("GLOBAL")) {
                expr->scope = VariableScope::kGlobal;
            } else if (PeekKeyword("LOCAL")) {
                expr->scope = VariableScope::kLocal;
            }
            if (expr->scope != VariableScope::kDefault) {
                Advance();
                Advance();
            }
        }
        ASSIGN_OR_RETURN(expr->name, ParseAnyIdentifier());
        return ExprPtr(std::move(expr));
    }
    RETURN_IF_ERROR(ExpectOp("@"));
    expr->is_system = false;
    if (Current().kind == TokenKind::kString) {
        expr->name = Advance().text;
    } else {
        ASSIGN_OR_RETURN(expr->name, ParseAnyIdentifier());
    }
    return ExprPtr(std::move(expr));
}

StatusOr<ExprPtr> Parser::ParseIdentifierExpr() {
    const Token& token = Current();
    SourcePos pos = token.pos;
    if (token.kind == TokenKind::kQuotedIdentifier) {
        if (PeekOp("(", 1)) {
            std::string name = Advance().text;
            return ParseFunctionCall(std::move(name), pos);
        }
    } else {
        const std::string& word = token.text;
        if (EqualsIgnoreCase(word, "NULL")) {
            Advance();
            return ExprPtr(std::make_unique<LiteralExpr>(pos));
        }
        if (EqualsIgnoreCase(word, "TRUE") || EqualsIgnoreCase(word, "FALSE")) {
            auto literal = std::make_unique<LiteralExpr>(pos);
            literal->literal_kind = LiteralKind::kBool;
            literal->bool_value = EqualsIgnoreCase(word, "TRUE");
            literal->text = ToUpper(word);
            Advance();
            return ExprPtr(std::move(literal));
        }
        if ((EqualsIgnoreCase(word, "DATE") || EqualsIgnoreCase(word, "TIMESTAMP") ||
             EqualsIgnoreCase(word, "DATETIME")) &&
            Peek(1).kind == TokenKind::kString) {
            auto literal = std::make_unique<LiteralExpr>(pos);
            literal->literal_kind =
                EqualsIgnoreCase(word, "DATE") ? LiteralKind::kDate : LiteralKind::kDateTime;
            Advance();
            literal->text = Advance().text;
            return ExprPtr(std::move(literal));
        }
        if (EqualsIgnoreCase(word, "CASE")) return ParseCase();
        if (EqualsIgnoreCase(word, "CAST") && PeekOp("(", 1)) {
            Advance();
            Advance();
            auto expr = std::make_unique<CastExpr>(pos);
            ASSIGN_OR_RETURN(expr->expr, ParseExpr());
            RETURN_IF_ERROR(ExpectKeyword("AS"));
            ASSIGN_OR_RETURN(expr->type, ParseTypeName());
            RETURN_IF_ERROR(ExpectOp(")"));
            return ExprPtr(std::move(expr));
        }
        if (EqualsIgnoreCase(word, "EXISTS") && PeekOp("(", 1)) {
            Advance();
            Advance();
            auto expr = std::make_unique<SubqueryExpr>(pos);
            expr->exists = true;
            ASSIGN_OR_RETURN(expr->query, ParseQuery());
            RETURN_IF_ERROR(ExpectOp(")"));
            return ExprPtr(std::move(expr));
        }
        if (EqualsIgnoreCase(word, "INTERVAL")) {
            Advance();
            auto expr = std::make_unique<IntervalExpr>(pos);
            ASSIGN_OR_RETURN(expr->value, ParseExpr());
            const Token& unit = Current();
            if (unit.kind != TokenKind::kIdentifier || !InTable(kIntervalUnits, unit.text)) {
                NoteExpected("time unit (DAY, HOUR, ...)");
                return Unexpected();
            }
            expr->unit = ToUpper(Advance().text);
            return ExprPtr(std::move(expr));
        }
        if (EqualsIgnoreCase(word, "DEFAULT") && !PeekOp("(", 1)) {
            Advance();
            return ExprPtr(std::make_unique<DefaultExpr>(pos));
        }
        if (PeekOp("(", 1) && !IsExpressionKeyword(word)) {
            std::string name = Advance().text;
            return ParseFunctionCall(std::move(name), pos);
        }
        if (InTable(kNiladicFunctions, word)) {
            auto call = std::make_unique<FunctionCallExpr>(pos);
            call->name = Advance().text;
            return ExprPtr(std::move(call));
        }
        if (IsReservedWord(word)) return Unexpected();
    }

    // Column reference: col, t.col, db.t.col; or t.* / db.t.*.
    std::vector<std::string> parts;
    parts.push_back(Advance().text);
    while (PeekOp(".")) {
        Advance();
        if (AcceptOp("*")) {
            if (parts.size() > 2) return ErrorAt(pos, "Too many qualifiers before '.*'.");
            auto star = std::make_unique<StarExpr>(pos);
            star->table = parts.back();
            if (parts.size() == 2) star->db = parts[0];
            return ExprPtr(std::move(star));
        }
        ASSIGN_OR_RETURN(std::string part, ParseAnyIdentifier());
        parts.push_back(std::move(part));
    }
    if (parts.size() > 3) {
        return ErrorAt(pos, "A column reference has at most three parts (db.table.column).");
    }
    auto column = std::make_unique<ColumnRefExpr>(pos);
    column->column = parts.back();
    if (parts.size() >= 2) column->table = parts[parts.size() - 2];
    if (parts.size() == 3) column->db = parts[0];
    return ExprPtr(std::move(column));
}

StatusOr<ExprPtr> Parser::ParseFunctionCall(std::string name, SourcePos pos) {
    auto call = std::make_unique<FunctionCallExpr>(pos);
    call->name = std::move(name);
    RETURN_IF_ERROR(ExpectOp("("));
    if (AcceptOp(")")) return ExprPtr(std::move(call));
    if (AcceptOp("*")) {
        call->star = true;
        RETURN_IF_ERROR(ExpectOp(")"));
        return ExprPtr(std::move(call));
    }
    if (AcceptKeyword("DISTINCT")) {
        call->distinct = true;
    } else {
        AcceptKeyword("ALL");
    }
    do {
        ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
        call->args.push_back(std::move(arg));
    } while (AcceptOp(","));
    RETURN_IF_ERROR(ExpectOp(")"));
    return ExprPtr(std::move(call));
}

StatusOr<ExprPtr> Parser::ParseCase() {
    auto expr = std::make_unique<CaseExpr>(Current().pos);
    RETURN_IF_ERROR(ExpectKeyword("CASE"));
    if (!PeekKeyword("WHEN")) {
        ASSIGN_OR_RETURN(expr->operand, ParseExpr());
    }
    while (AcceptKeyword("WHEN")) {
        WhenClause clause;
        ASSIGN_OR_RETURN(clause.when, ParseExpr());
        RETURN_IF_ERROR(ExpectKeyword("THEN"));
        ASSIGN_OR_RETURN(clause.then, ParseExpr());
        expr->whens.push_back(std::move(clause));
    }
    if (expr->whens.empty()) return Unexpected();
    if (AcceptKeyword("ELSE")) {
        ASSIGN_OR_RETURN(expr->else_expr, ParseExpr());
    }
    RETURN_IF_ERROR(ExpectKeyword("END"));
    return ExprPtr(std::move(expr));
}

}  // namespace tributary
