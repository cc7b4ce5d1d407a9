// Expressions, by MySQL precedence from lowest to highest:
//   OR ||  <  XOR  <  AND &&  <  NOT  <  comparison (= <=> != <> < <= > >= IS) with the
//   predicates [NOT] IN / BETWEEN / LIKE / REGEXP binding tighter  <  |  <  &  <  << >>  <
//   + -  <  * / % DIV MOD  <  ^  <  unary - + ~ !  <  primary.

#include "base/string_util.h"
#include "sql/parser_impl.h"

namespace tributary {

namespace {

ExprPtr MakeBinary(BinaryOp op, ExprPtr left, ExprPtr right, SourcePos pos) {
    auto expr = std::make_unique<BinaryExpr>(pos);
    expr->op = op;
    expr->left = std::move(left);
    expr->right = std::move(right);
    return expr;
}

}  // namespace

StatusOr<ExprPtr> Parser::ParseExpr() {
    RETURN_IF_ERROR(EnterNesting());
    NestingScope nesting(this);
    return ParseOr();
}

StatusOr<ExprPtr> Parser::ParseOr() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseXor());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptKeyword("OR") && !AcceptOp("||")) break;
        ASSIGN_OR_RETURN(ExprPtr right, ParseXor());
        left = MakeBinary(BinaryOp::kOr, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseXor() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseAnd());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptKeyword("XOR")) break;
        ASSIGN_OR_RETURN(ExprPtr right, ParseAnd());
        left = MakeBinary(BinaryOp::kXor, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseAnd() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseNot());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptKeyword("AND") && !AcceptOp("&&")) break;
        ASSIGN_OR_RETURN(ExprPtr right, ParseNot());
        left = MakeBinary(BinaryOp::kAnd, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseNot() {
    SourcePos pos = Current().pos;
    if (AcceptKeyword("NOT")) {
        RETURN_IF_ERROR(EnterNesting());
        NestingScope nesting(this);
        auto expr = std::make_unique<UnaryExpr>(pos);
        expr->op = UnaryOp::kNot;
        ASSIGN_OR_RETURN(expr->operand, ParseNot());
        return ExprPtr(std::move(expr));
    }
    return ParseComparison();
}

StatusOr<ExprPtr> Parser::ParseComparison() {
    ASSIGN_OR_RETURN(ExprPtr left, ParsePredicate());
    while (true) {
        SourcePos pos = left->pos;
        if (AcceptKeyword("IS")) {
            bool negated = AcceptKeyword("NOT");
            if (AcceptKeyword("NULL")) {
                auto expr = std::make_unique<IsNullExpr>(pos);
                expr->expr = std::move(left);
                expr->negated = negated;
                left = std::move(expr);
            } else if (PeekKeyword("TRUE") || PeekKeyword("FALSE")) {
                auto expr = std::make_unique<IsBoolExpr>(pos);
                expr->value = PeekKeyword("TRUE");
                Advance();
                expr->expr = std::move(left);
                expr->negated = negated;
                left = std::move(expr);
            } else {
                NoteExpected("TRUE");
                NoteExpected("FALSE");
                return Unexpected();
            }
            continue;
        }
        static constexpr std::pair<std::string_view, BinaryOp> kComparisons[] = {
            {"=", BinaryOp::kEq},  {"<=>", BinaryOp::kNullSafeEq}, {"!=", BinaryOp::kNe},
            {"<>", BinaryOp::kNe}, {"<", BinaryOp::kLt},           {"<=", BinaryOp::kLe},
            {">", BinaryOp::kGt},  {">=", BinaryOp::kGe},
        };
        bool matched = false;
        for (const auto& [op, binary_op] : kComparisons) {
            if (AcceptOp(op)) {
                ASSIGN_OR_RETURN(ExprPtr right, ParsePredicate());
                left = MakeBinary(binary_op, std::move(left), std::move(right), pos);
                matched = true;
                break;
            }
        }
        if (!matched) break;
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParsePredicate() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseBitOr());
    SourcePos pos = left->pos;
    bool negated = false;
    if (PeekKeyword("NOT") &&
        (PeekKeyword("IN", 1) || PeekKeyword("BETWEEN", 1) || PeekKeyword("LIKE", 1) ||
         PeekKeyword("REGEXP", 1) || PeekKeyword("RLIKE", 1))) {
        Advance();
        negated = true;
    }
    if (AcceptKeyword("IN")) {
        auto expr = std::make_unique<InExpr>(pos);
        expr->expr = std::move(left);
        expr->negated = negated;
        RETURN_IF_ERROR(ExpectOp("("));
        if (PeekKeyword("SELECT")) {
            ASSIGN_OR_RETURN(expr->subquery, ParseQuery());
        } else {
            do {
                ASSIGN_OR_RETURN(ExprPtr item, ParseExpr());
                expr->list.push_back(std::move(item));
            } while (AcceptOp(","));
        }
        RETURN_IF_ERROR(ExpectOp(")"));
        return ExprPtr(std::move(expr));
    }
    if (AcceptKeyword("BETWEEN")) {
        auto expr = std::make_unique<BetweenExpr>(pos);
        expr->expr = std::move(left);
        expr->negated = negated;
        ASSIGN_OR_RETURN(expr->low, ParseBitOr());
        RETURN_IF_ERROR(ExpectKeyword("AND"));
        RETURN_IF_ERROR(EnterNesting());
        NestingScope nesting(this);
        ASSIGN_OR_RETURN(expr->high, ParsePredicate());
        return ExprPtr(std::move(expr));
    }
    if (AcceptKeyword("LIKE")) {
        auto expr = std::make_unique<LikeExpr>(pos);
        expr->expr = std::move(left);
        expr->negated = negated;
        ASSIGN_OR_RETURN(expr->pattern, ParseBitOr());
        if (AcceptKeyword("ESCAPE")) {
            ASSIGN_OR_RETURN(expr->escape, ParsePrimary());
        }
        return ExprPtr(std::move(expr));
    }
    if (AcceptKeyword("REGEXP") || AcceptKeyword("RLIKE")) {
        auto expr = std::make_unique<LikeExpr>(pos);
        expr->expr = std::move(left);
        expr->negated = negated;
        expr->is_regexp = true;
        ASSIGN_OR_RETURN(expr->pattern, ParseBitOr());
        return ExprPtr(std::move(expr));
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseBitOr() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseBitAnd());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptOp("|")) break;
        ASSIGN_OR_RETURN(ExprPtr right, ParseBitAnd());
        left = MakeBinary(BinaryOp::kBitOr, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseBitAnd() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseShift());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptOp("&")) break;
        ASSIGN_OR_RETURN(ExprPtr right, ParseShift());
        left = MakeBinary(BinaryOp::kBitAnd, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseShift() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseAdditive());
    while (true) {
        SourcePos pos = Current().pos;
        BinaryOp op;
        if (AcceptOp("<<")) {
            op = BinaryOp::kShiftLeft;
        } else if (AcceptOp(">>")) {
            op = BinaryOp::kShiftRight;
        } else {
            break;
        }
        ASSIGN_OR_RETURN(ExprPtr right, ParseAdditive());
        left = MakeBinary(op, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseAdditive() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseMultiplicative());
    while (true) {
        SourcePos pos = Current().pos;
        BinaryOp op;
        if (AcceptOp("+")) {
            op = BinaryOp::kAdd;
        } else if (AcceptOp("-")) {
            op = BinaryOp::kSub;
        } else {
            break;
        }
        ASSIGN_OR_RETURN(ExprPtr right, ParseMultiplicative());
        left = MakeBinary(op, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseMultiplicative() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseBitXor());
    while (true) {
        SourcePos pos = Current().pos;
        BinaryOp op;
        if (AcceptOp("*")) {
            op = BinaryOp::kMul;
        } else if (AcceptOp("/")) {
            op = BinaryOp::kDiv;
        } else if (AcceptOp("%") || AcceptKeyword("MOD")) {
            op = BinaryOp::kMod;
        } else if (AcceptKeyword("DIV")) {
            op = BinaryOp::kIntDiv;
        } else {
            break;
        }
        ASSIGN_OR_RETURN(ExprPtr right, ParseBitXor());
        left = MakeBinary(op, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseBitXor() {
    ASSIGN_OR_RETURN(ExprPtr left, ParseUnary());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptOp("^")) break;
        ASSIGN_OR_RETURN(ExprPtr right, ParseUnary());
        left = MakeBinary(BinaryOp::kBitXor, std::move(left), std::move(right), pos);
    }
    return left;
}

StatusOr<ExprPtr> Parser::ParseUnary() {
    SourcePos pos = Current().pos;
    UnaryOp op;
    if (AcceptOp("-")) {
        op = UnaryOp::kMinus;
    } else if (AcceptOp("+")) {
        op = UnaryOp::kPlus;
    } else if (AcceptOp("~")) {
        op = UnaryOp::kBitNot;
    } else if (AcceptOp("!")) {
        op = UnaryOp::kNot;
    } else {
        return ParsePrimary();
    }
    RETURN_IF_ERROR(EnterNesting());
    NestingScope nesting(this);
    ASSIGN_OR_RETURN(ExprPtr operand, ParseUnary());
    // A minus directly before a number is part of the literal: `-1` is the literal -1, so that
    // DEFAULT -1 and partition bounds read as values.
    if (op == UnaryOp::kMinus && operand->kind == ExprKind::kLiteral) {
        auto& literal = operand->As<LiteralExpr>();
        bool numeric = literal.literal_kind == LiteralKind::kInt ||
                       literal.literal_kind == LiteralKind::kDecimal ||
                       literal.literal_kind == LiteralKind::kFloat;
        if (numeric && !literal.text.empty() && literal.text[0] != '-') {
            literal.text = "-" + literal.text;
            literal.pos = pos;
            int64_t value = 0;
            if (literal.literal_kind != LiteralKind::kFloat && ParseInt64(literal.text, &value)) {
                literal.literal_kind = LiteralKind::kInt;
                literal.int_value = value;
            }
            return operand;
        }
    }
    auto expr = std::make_unique<UnaryExpr>(pos);
    expr->op = op;
    expr->operand = std::move(operand);
    return ExprPtr(std::move(expr));
}

bool Parser::AtQueryStart(size_t ahead) const {
    size_t i = ahead;
    while (PeekOp("(", i)) ++i;
    return PeekKeyword("SELECT", i);
}

}  // namespace tributary
