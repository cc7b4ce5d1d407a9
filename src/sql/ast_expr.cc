#include "sql/ast_expr.h"

#include "base/string_util.h"
#include "sql/ast_query.h"
#include "sql/keywords.h"

namespace tributary {

namespace {

// Identifiers that print unquoted: a plain word that the lexer reads back as one identifier.
bool IsPlainWord(std::string_view s) {
    if (s.empty()) return false;
    bool all_digits = true;
    for (char c : s) {
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
        if (c < '0' || c > '9') all_digits = false;
    }
    return !all_digits && !(s[0] >= '0' && s[0] <= '9');
}

std::string_view ScopePrefix(VariableScope scope) {
    switch (scope) {
        case VariableScope::kDefault:
            return "";
        case VariableScope::kSession:
            return "session.";
        case VariableScope::kGlobal:
            return "global.";
        case VariableScope::kLocal:
            return "local.";
    }
    return "";
}

bool PtrEquals(const ExprPtr& a, const ExprPtr& b) {
    if (!a || !b) return !a && !b;
    return ExprEquals(*a, *b);
}

bool ListEquals(const ExprList& a, const ExprList& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!PtrEquals(a[i], b[i])) return false;
    }
    return true;
}

bool QueryEquals(const std::unique_ptr<Query>& a, const std::unique_ptr<Query>& b) {
    if (!a || !b) return !a && !b;
    return a->ToSql() == b->ToSql();
}

}  // namespace

std::string JoinSql(const ExprList& exprs) {
    std::string out;
    for (size_t i = 0; i < exprs.size(); ++i) {
        if (i > 0) out += ", ";
        out += exprs[i]->ToSql();
    }
    return out;
}

Expr::~Expr() = default;
InExpr::InExpr(SourcePos p) : Expr(kKind, p) {}
InExpr::~InExpr() = default;
SubqueryExpr::SubqueryExpr(SourcePos p) : Expr(kKind, p) {}
SubqueryExpr::~SubqueryExpr() = default;

std::string_view ExprKindName(ExprKind kind) {
    switch (kind) {
        case ExprKind::kLiteral:
            return "Literal";
        case ExprKind::kColumnRef:
            return "ColumnRef";
        case ExprKind::kVariable:
            return "Variable";
        case ExprKind::kFunctionCall:
            return "FunctionCall";
        case ExprKind::kCast:
            return "Cast";
        case ExprKind::kCase:
            return "Case";
        case ExprKind::kUnary:
            return "Unary";
        case ExprKind::kBinary:
            return "Binary";
        case ExprKind::kIsNull:
            return "IsNull";
        case ExprKind::kIsBool:
            return "IsBool";
        case ExprKind::kIn:
            return "In";
        case ExprKind::kBetween:
            return "Between";
        case ExprKind::kLike:
            return "Like";
        case ExprKind::kSubquery:
            return "Subquery";
        case ExprKind::kInterval:
            return "Interval";
        case ExprKind::kStar:
            return "Star";
        case ExprKind::kDefault:
            return "Default";
    }
    return "?";
}

std::string_view BinaryOpSql(BinaryOp op) {
    switch (op) {
        case BinaryOp::kOr:
            return "OR";
        case BinaryOp::kXor:
            return "XOR";
        case BinaryOp::kAnd:
            return "AND";
        case BinaryOp::kEq:
            return "=";
        case BinaryOp::kNullSafeEq:
            return "<=>";
        case BinaryOp::kNe:
            return "!=";
        case BinaryOp::kLt:
            return "<";
        case BinaryOp::kLe:
            return "<=";
        case BinaryOp::kGt:
            return ">";
        case BinaryOp::kGe:
            return ">=";
        case BinaryOp::kBitOr:
            return "|";
        case BinaryOp::kBitAnd:
            return "&";
        case BinaryOp::kShiftLeft:
            return "<<";
        case BinaryOp::kShiftRight:
            return ">>";
        case BinaryOp::kAdd:
            return "+";
        case BinaryOp::kSub:
            return "-";
        case BinaryOp::kMul:
            return "*";
        case BinaryOp::kDiv:
            return "/";
        case BinaryOp::kMod:
            return "%";
        case BinaryOp::kIntDiv:
            return "DIV";
        case BinaryOp::kBitXor:
            return "^";
    }
    return "?";
}

std::string LiteralExpr::ToSql() const {
    switch (literal_kind) {
        case LiteralKind::kNull:
            return "NULL";
        case LiteralKind::kBool:
            return bool_value ? "TRUE" : "FALSE";
        case LiteralKind::kInt:
        case LiteralKind::kDecimal:
        case LiteralKind::kFloat:
            return text;
        case LiteralKind::kString:
            return QuoteString(text, '\'');
        case LiteralKind::kDate:
            return "DATE " + QuoteString(text, '\'');
        case LiteralKind::kDateTime:
            return "TIMESTAMP " + QuoteString(text, '\'');
    }
    return "NULL";
}

std::string ColumnRefExpr::ToSql() const {
    std::string out;
    if (!db.empty()) out += QuoteIdentifier(db) + ".";
    if (!table.empty()) out += QuoteIdentifier(table) + ".";
    return out + QuoteIdentifier(column);
}

std::string VariableExpr::ToSql() const {
    if (!is_system) return "@" + (name.empty() ? "''" : QuoteIdentifier(name));  // @'' is valid
    return "@@" + std::string(ScopePrefix(scope)) + QuoteIdentifier(name);
}

std::string FunctionCallExpr::ToSql() const {
    std::string out =
        IsPlainWord(name) && !IsExpressionKeyword(name) ? name : QuoteIdentifier(name);
    out += '(';
    if (star) {
        out += '*';
    } else {
        if (distinct) out += "DISTINCT ";
        out += JoinSql(args);
    }
    return out + ')';
}

std::string CastExpr::ToSql() const {
    return "CAST(" + expr->ToSql() + " AS " + type.ToSql() + ")";
}

std::string CaseExpr::ToSql() const {
    std::string out = "CASE";
    if (operand) out += " " + operand->ToSql();
    for (const WhenClause& w : whens) {
        out += " WHEN " + w.when->ToSql() + " THEN " + w.then->ToSql();
    }
    if (else_expr) out += " ELSE " + else_expr->ToSql();
    return out + " END";
}

namespace {

// Binding strength of the construct at the root of `e`, following the parser's levels: a child
// weaker than its position requires is printed in parentheses, and no other parentheses are
// printed. Printing only the parentheses the tree needs keeps long chains (a OR b OR c ...)
// flat, and keeps the printed text within the parser's nesting budget for any parsed tree.
constexpr int kPrecOr = 10;
constexpr int kPrecXor = 20;
constexpr int kPrecAnd = 30;
constexpr int kPrecNot = 40;
constexpr int kPrecComparison = 50;  // = <=> != < <= > >= IS
constexpr int kPrecPredicate = 55;   // IN BETWEEN LIKE REGEXP
constexpr int kPrecBitOr = 60;
constexpr int kPrecBitAnd = 70;
constexpr int kPrecShift = 80;
constexpr int kPrecAdditive = 90;
constexpr int kPrecMultiplicative = 100;
constexpr int kPrecBitXor = 110;
constexpr int kPrecUnary = 120;
constexpr int kPrecPrimary = 130;

int BinaryPrecedence(BinaryOp op) {
    switch (op) {
        case BinaryOp::kOr:
            return kPrecOr;
        case BinaryOp::kXor:
            return kPrecXor;
        case BinaryOp::kAnd:
            return kPrecAnd;
        case BinaryOp::kEq:
        case BinaryOp::kNullSafeEq:
        case BinaryOp::kNe:
        case BinaryOp::kLt:
        case BinaryOp::kLe:
        case BinaryOp::kGt:
        case BinaryOp::kGe:
            return kPrecComparison;
        case BinaryOp::kBitOr:
            return kPrecBitOr;
        case BinaryOp::kBitAnd:
            return kPrecBitAnd;
        case BinaryOp::kShiftLeft:
        case BinaryOp::kShiftRight:
            return kPrecShift;
        case BinaryOp::kAdd:
        case BinaryOp::kSub:
            return kPrecAdditive;
        case BinaryOp::kMul:
        case BinaryOp::kDiv:
        case BinaryOp::kMod:
        case BinaryOp::kIntDiv:
            return kPrecMultiplicative;
        case BinaryOp::kBitXor:
            return kPrecBitXor;
    }
    return kPrecPrimary;
}

int Precedence(const Expr& e) {
    switch (e.kind) {
        case ExprKind::kBinary:
            return BinaryPrecedence(e.As<BinaryExpr>().op);
        case ExprKind::kUnary:
            return e.As<UnaryExpr>().op == UnaryOp::kNot ? kPrecNot : kPrecUnary;
        case ExprKind::kIsNull:
        case ExprKind::kIsBool:
            return kPrecComparison;
        case ExprKind::kIn:
        case ExprKind::kBetween:
        case ExprKind::kLike:
            return kPrecPredicate;
        default:
            return kPrecPrimary;
    }
}

// `e` printed where the grammar accepts only constructs binding at least `min_precedence`.
std::string Operand(const Expr& e, int min_precedence) {
    std::string sql = e.ToSql();
    if (Precedence(e) < min_precedence) return "(" + sql + ")";
    return sql;
}

}  // namespace

std::string UnaryExpr::ToSql() const {
    if (op == UnaryOp::kNot) return "NOT " + Operand(*operand, kPrecNot);
    std::string operand_sql = Operand(*operand, kPrecUnary);
    // "- -1", not "--1", which a reader (and MySQL with a space after) would take as a comment.
    bool separate = !operand_sql.empty() &&
                    (operand_sql[0] == '-' || operand_sql[0] == '+' || operand_sql[0] == '~');
    char symbol = op == UnaryOp::kMinus ? '-' : op == UnaryOp::kPlus ? '+' : '~';
    return std::string(1, symbol) + (separate ? " " : "") + operand_sql;
}

std::string BinaryExpr::ToSql() const {
    int precedence = BinaryPrecedence(op);
    // Left-associative: the left operand may be at the same level, the right must bind tighter.
    return Operand(*left, precedence) + " " + std::string(BinaryOpSql(op)) + " " +
           Operand(*right, precedence + 1);
}

std::string IsNullExpr::ToSql() const {
    return Operand(*expr, kPrecComparison) + (negated ? " IS NOT NULL" : " IS NULL");
}

std::string IsBoolExpr::ToSql() const {
    return Operand(*expr, kPrecComparison) + (negated ? " IS NOT " : " IS ") +
           (value ? "TRUE" : "FALSE");
}

std::string InExpr::ToSql() const {
    std::string out = Operand(*expr, kPrecBitOr) + (negated ? " NOT IN (" : " IN (");
    out += subquery ? subquery->ToSql() : JoinSql(list);
    return out + ")";
}

std::string BetweenExpr::ToSql() const {
    return Operand(*expr, kPrecBitOr) + (negated ? " NOT BETWEEN " : " BETWEEN ") +
           Operand(*low, kPrecBitOr) + " AND " + Operand(*high, kPrecPredicate);
}

std::string LikeExpr::ToSql() const {
    std::string out = Operand(*expr, kPrecBitOr) + (negated ? " NOT" : "") +
                      (is_regexp ? " REGEXP " : " LIKE ") + Operand(*pattern, kPrecBitOr);
    if (escape) out += " ESCAPE " + Operand(*escape, kPrecPrimary);
    return out;
}

std::string SubqueryExpr::ToSql() const {
    return std::string(exists ? "EXISTS (" : "(") + query->ToSql() + ")";
}

std::string IntervalExpr::ToSql() const { return "INTERVAL " + value->ToSql() + " " + unit; }

std::string StarExpr::ToSql() const {
    std::string out;
    if (!db.empty()) out += QuoteIdentifier(db) + ".";
    if (!table.empty()) out += QuoteIdentifier(table) + ".";
    return out + "*";
}

std::string DefaultExpr::ToSql() const { return "DEFAULT"; }

bool ExprEquals(const Expr& a, const Expr& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case ExprKind::kLiteral: {
            const auto& x = a.As<LiteralExpr>();
            const auto& y = b.As<LiteralExpr>();
            return x.literal_kind == y.literal_kind && x.text == y.text &&
                   x.int_value == y.int_value && x.bool_value == y.bool_value;
        }
        case ExprKind::kColumnRef: {
            const auto& x = a.As<ColumnRefExpr>();
            const auto& y = b.As<ColumnRefExpr>();
            return x.db == y.db && x.table == y.table && x.column == y.column;
        }
        case ExprKind::kVariable: {
            const auto& x = a.As<VariableExpr>();
            const auto& y = b.As<VariableExpr>();
            return x.is_system == y.is_system && x.scope == y.scope && x.name == y.name;
        }
        case ExprKind::kFunctionCall: {
            const auto& x = a.As<FunctionCallExpr>();
            const auto& y = b.As<FunctionCallExpr>();
            return x.name == y.name && x.distinct == y.distinct && x.star == y.star &&
                   ListEquals(x.args, y.args);
        }
        case ExprKind::kCast: {
            const auto& x = a.As<CastExpr>();
            const auto& y = b.As<CastExpr>();
            return x.type == y.type && PtrEquals(x.expr, y.expr);
        }
        case ExprKind::kCase: {
            const auto& x = a.As<CaseExpr>();
            const auto& y = b.As<CaseExpr>();
            if (x.whens.size() != y.whens.size()) return false;
            for (size_t i = 0; i < x.whens.size(); ++i) {
                if (!PtrEquals(x.whens[i].when, y.whens[i].when) ||
                    !PtrEquals(x.whens[i].then, y.whens[i].then)) {
                    return false;
                }
            }
            return PtrEquals(x.operand, y.operand) && PtrEquals(x.else_expr, y.else_expr);
        }
        case ExprKind::kUnary: {
            const auto& x = a.As<UnaryExpr>();
            const auto& y = b.As<UnaryExpr>();
            return x.op == y.op && PtrEquals(x.operand, y.operand);
        }
        case ExprKind::kBinary: {
            const auto& x = a.As<BinaryExpr>();
            const auto& y = b.As<BinaryExpr>();
            return x.op == y.op && PtrEquals(x.left, y.left) && PtrEquals(x.right, y.right);
        }
        case ExprKind::kIsNull: {
            const auto& x = a.As<IsNullExpr>();
            const auto& y = b.As<IsNullExpr>();
            return x.negated == y.negated && PtrEquals(x.expr, y.expr);
        }
        case ExprKind::kIsBool: {
            const auto& x = a.As<IsBoolExpr>();
            const auto& y = b.As<IsBoolExpr>();
            return x.negated == y.negated && x.value == y.value && PtrEquals(x.expr, y.expr);
        }
        case ExprKind::kIn: {
            const auto& x = a.As<InExpr>();
            const auto& y = b.As<InExpr>();
            return x.negated == y.negated && PtrEquals(x.expr, y.expr) &&
                   ListEquals(x.list, y.list) && QueryEquals(x.subquery, y.subquery);
        }
        case ExprKind::kBetween: {
            const auto& x = a.As<BetweenExpr>();
            const auto& y = b.As<BetweenExpr>();
            return x.negated == y.negated && PtrEquals(x.expr, y.expr) && PtrEquals(x.low, y.low) &&
                   PtrEquals(x.high, y.high);
        }
        case ExprKind::kLike: {
            const auto& x = a.As<LikeExpr>();
            const auto& y = b.As<LikeExpr>();
            return x.negated == y.negated && x.is_regexp == y.is_regexp &&
                   PtrEquals(x.expr, y.expr) && PtrEquals(x.pattern, y.pattern) &&
                   PtrEquals(x.escape, y.escape);
        }
        case ExprKind::kSubquery: {
            const auto& x = a.As<SubqueryExpr>();
            const auto& y = b.As<SubqueryExpr>();
            return x.exists == y.exists && QueryEquals(x.query, y.query);
        }
        case ExprKind::kInterval: {
            const auto& x = a.As<IntervalExpr>();
            const auto& y = b.As<IntervalExpr>();
            return x.unit == y.unit && PtrEquals(x.value, y.value);
        }
        case ExprKind::kStar: {
            const auto& x = a.As<StarExpr>();
            const auto& y = b.As<StarExpr>();
            return x.db == y.db && x.table == y.table;
        }
        case ExprKind::kDefault:
            return true;
    }
    return false;
}

}  // namespace tributary
