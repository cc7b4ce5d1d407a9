// Helpers for the parser tests: parse or fail the test with the parser's message.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "sql/parser.h"

namespace tributary {

// Parses one statement; on failure records a test failure and returns nullptr.
inline std::unique_ptr<Statement> MustParse(std::string_view sql) {
    auto result = ParseStatement(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n" << result.status().ToString();
    if (!result.ok()) return nullptr;
    return std::move(result).value();
}

// Parses one expression; on failure records a test failure and returns nullptr.
inline ExprPtr MustParseExpr(std::string_view text) {
    auto result = ParseExpression(text);
    EXPECT_TRUE(result.ok()) << text << "\n" << result.status().ToString();
    if (!result.ok()) return nullptr;
    return std::move(result).value();
}

// The syntax error message of a statement that must fail to parse ("" when it parsed).
inline std::string ParseError(std::string_view sql) {
    auto result = ParseStatement(sql);
    EXPECT_FALSE(result.ok()) << "parsed unexpectedly: " << sql;
    if (result.ok()) return "";
    EXPECT_EQ(result.status().error_code(), ErrorCode::kParseError);
    return std::string(result.status().message());
}

// The shape of an expression tree: every operator application in parentheses, so that tests
// can state how a text was grouped. Leaves print as ToSql().
inline std::string Tree(const Expr& e) {
    switch (e.kind) {
        case ExprKind::kBinary: {
            const auto& b = e.As<BinaryExpr>();
            return "(" + Tree(*b.left) + " " + std::string(BinaryOpSql(b.op)) + " " +
                   Tree(*b.right) + ")";
        }
        case ExprKind::kUnary: {
            const auto& u = e.As<UnaryExpr>();
            const char* op = u.op == UnaryOp::kMinus  ? "-"
                             : u.op == UnaryOp::kPlus ? "+"
                             : u.op == UnaryOp::kNot  ? "NOT "
                                                      : "~";
            return std::string("(") + op + Tree(*u.operand) + ")";
        }
        case ExprKind::kIsNull: {
            const auto& i = e.As<IsNullExpr>();
            return "(" + Tree(*i.expr) + (i.negated ? " IS NOT NULL)" : " IS NULL)");
        }
        case ExprKind::kBetween: {
            const auto& b = e.As<BetweenExpr>();
            return "(" + Tree(*b.expr) + (b.negated ? " NOT BETWEEN " : " BETWEEN ") +
                   Tree(*b.low) + " AND " + Tree(*b.high) + ")";
        }
        case ExprKind::kLike: {
            const auto& l = e.As<LikeExpr>();
            return "(" + Tree(*l.expr) + (l.is_regexp ? " REGEXP " : " LIKE ") + Tree(*l.pattern) +
                   ")";
        }
        default:
            return e.ToSql();
    }
}

// Tree() of an expression that must parse.
inline std::string TreeOf(std::string_view text) {
    ExprPtr expr = MustParseExpr(text);
    return expr ? Tree(*expr) : "<error>";
}

// The ToSql() of an expression that must parse.
inline std::string ExprSql(std::string_view text) {
    ExprPtr expr = MustParseExpr(text);
    return expr ? expr->ToSql() : "<error>";
}

}  // namespace tributary
