// Expression nodes of the SQL AST.
//
// An Expr is a tree: every node owns its children through std::unique_ptr, and a parsed tree owns
// no pointer into the SQL text (all spellings are copied). Each node has its ExprKind, the
// SourcePos of its first token, and ToSql(), which prints the expression back as valid SQL with
// identifiers in backticks, strings in single quotes and parentheses exactly where operator
// precedence needs them (`a` + `b` * 2, (`a` + `b`) * 2), so that ParseExpression(e.ToSql())
// yields a tree ExprEquals to e.
//
// Downcast with `expr.As<BinaryExpr>()` (checked in debug builds against T::kKind) or
// `expr.TryAs<BinaryExpr>()` (nullptr when the kind differs).
//
// Thread safety: immutable after parsing; const access from many threads is safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "sql/ast_common.h"

namespace tributary {

struct Query;  // sql/ast_query.h

enum class ExprKind : uint8_t {
    kLiteral,
    kColumnRef,
    kVariable,
    kFunctionCall,
    kCast,
    kCase,
    kUnary,
    kBinary,
    kIsNull,    // e IS [NOT] NULL
    kIsBool,    // e IS [NOT] TRUE | FALSE
    kIn,        // e [NOT] IN (list) | e [NOT] IN (subquery)
    kBetween,   // e [NOT] BETWEEN lo AND hi
    kLike,      // e [NOT] LIKE p [ESCAPE c] | e [NOT] REGEXP|RLIKE p
    kSubquery,  // (SELECT ...) as a value, or EXISTS (SELECT ...)
    kInterval,  // INTERVAL e unit
    kStar,      // * or t.* in a select list
    kDefault,   // the DEFAULT keyword as a value (INSERT VALUES, SET var = DEFAULT)
};

std::string_view ExprKindName(ExprKind kind);

struct Expr {
    ExprKind kind;
    SourcePos pos;

    explicit Expr(ExprKind k, SourcePos p = {}) : kind(k), pos(p) {}
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;
    virtual ~Expr();

    // Valid SQL for this expression (see the file comment).
    virtual std::string ToSql() const = 0;

    template <typename T>
    const T& As() const {
        TRIBUTARY_DCHECK(kind == T::kKind, "Expr::As<T> called on an expression of another kind");
        return static_cast<const T&>(*this);
    }
    template <typename T>
    T& As() {
        TRIBUTARY_DCHECK(kind == T::kKind, "Expr::As<T> called on an expression of another kind");
        return static_cast<T&>(*this);
    }
    template <typename T>
    const T* TryAs() const {
        return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
    }
};

using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

// The ToSql() of each expression, separated by ", ".
std::string JoinSql(const ExprList& exprs);

// Structural equality, ignoring source positions. Identifiers compare as written (exact case);
// numeric literals compare by their text. Subqueries compare by their ToSql().
bool ExprEquals(const Expr& a, const Expr& b);

// ---------------------------------------------------------------------------------------------

enum class LiteralKind : uint8_t {
    kNull,
    kBool,      // TRUE / FALSE; bool_value
    kInt,       // fits in int64; int_value, text
    kDecimal,   // 1.5, or an integer beyond int64; text is the digits as written
    kFloat,     // 1e3, 1.5E-2; text as written
    kString,    // text is the unescaped value
    kDate,      // DATE 'yyyy-mm-dd'; text is the string
    kDateTime,  // TIMESTAMP 'x' / DATETIME 'x'; text is the string
};

struct LiteralExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kLiteral;
    LiteralKind literal_kind = LiteralKind::kNull;
    std::string text;
    int64_t int_value = 0;
    bool bool_value = false;

    explicit LiteralExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// `column`, `table.column` or `db.table.column`; unwritten qualifiers are empty.
struct ColumnRefExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kColumnRef;
    std::string db;
    std::string table;
    std::string column;

    explicit ColumnRefExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

enum class VariableScope : uint8_t { kDefault, kSession, kGlobal, kLocal };

// `@@[session.|global.|local.]name` (system) or `@name` (user).
struct VariableExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kVariable;
    bool is_system = true;
    VariableScope scope = VariableScope::kDefault;  // always kDefault for user variables
    std::string name;

    explicit VariableExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// `name(args)`, `count(*)` (star), `count(DISTINCT a, b)` (distinct). `name` keeps the written
// spelling; compare it case-insensitively.
struct FunctionCallExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kFunctionCall;
    std::string name;
    ExprList args;
    bool distinct = false;
    bool star = false;

    explicit FunctionCallExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// CAST(expr AS type).
struct CastExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kCast;
    ExprPtr expr;
    TypeName type;

    explicit CastExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

struct WhenClause {
    ExprPtr when;
    ExprPtr then;
};

// CASE [operand] WHEN w THEN t ... [ELSE e] END. `operand` and `else_expr` may be null.
struct CaseExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kCase;
    ExprPtr operand;
    std::vector<WhenClause> whens;  // at least one
    ExprPtr else_expr;

    explicit CaseExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

enum class UnaryOp : uint8_t {
    kMinus,   // -e
    kPlus,    // +e
    kNot,     // NOT e, !e
    kBitNot,  // ~e
};

struct UnaryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kUnary;
    UnaryOp op = UnaryOp::kMinus;
    ExprPtr operand;

    explicit UnaryExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

enum class BinaryOp : uint8_t {
    kOr,          // OR, ||
    kXor,         // XOR
    kAnd,         // AND, &&
    kEq,          // =
    kNullSafeEq,  // <=>
    kNe,          // != <>
    kLt,
    kLe,
    kGt,
    kGe,
    kBitOr,       // |
    kBitAnd,      // &
    kShiftLeft,   // <<
    kShiftRight,  // >>
    kAdd,
    kSub,
    kMul,
    kDiv,     // /
    kMod,     // % MOD
    kIntDiv,  // DIV
    kBitXor,  // ^
};

// The SQL spelling used by ToSql ("OR", "=", "<=>", "DIV", ...).
std::string_view BinaryOpSql(BinaryOp op);

struct BinaryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kBinary;
    BinaryOp op = BinaryOp::kEq;
    ExprPtr left;
    ExprPtr right;

    explicit BinaryExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

struct IsNullExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kIsNull;
    ExprPtr expr;
    bool negated = false;  // IS NOT NULL

    explicit IsNullExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

struct IsBoolExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kIsBool;
    ExprPtr expr;
    bool value = true;     // IS TRUE / IS FALSE
    bool negated = false;  // IS NOT ...

    explicit IsBoolExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// Exactly one of `list` (non-empty) and `subquery` is set.
struct InExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kIn;
    ExprPtr expr;
    bool negated = false;
    ExprList list;
    std::unique_ptr<Query> subquery;

    explicit InExpr(SourcePos p = {});  // out of line: Query is incomplete here
    ~InExpr() override;
    std::string ToSql() const override;
};

struct BetweenExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kBetween;
    ExprPtr expr;
    bool negated = false;
    ExprPtr low;
    ExprPtr high;

    explicit BetweenExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// LIKE, or REGEXP / RLIKE when is_regexp. `escape` is set only for LIKE ... ESCAPE c.
struct LikeExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kLike;
    ExprPtr expr;
    bool negated = false;
    bool is_regexp = false;
    ExprPtr pattern;
    ExprPtr escape;

    explicit LikeExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// `(SELECT ...)` used as a value, or `EXISTS (SELECT ...)` when exists.
struct SubqueryExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kSubquery;
    std::unique_ptr<Query> query;
    bool exists = false;

    explicit SubqueryExpr(SourcePos p = {});  // out of line: Query is incomplete here
    ~SubqueryExpr() override;
    std::string ToSql() const override;
};

// INTERVAL value unit, e.g. INTERVAL 1 DAY. `unit` is upper-cased (DAY, HOUR, MINUTE, ...).
struct IntervalExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kInterval;
    ExprPtr value;
    std::string unit;

    explicit IntervalExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

// `*`, `t.*` or `db.t.*` in a select list (also the argument form of count(*) is a flag on the
// call, not a StarExpr).
struct StarExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kStar;
    std::string db;
    std::string table;

    explicit StarExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

struct DefaultExpr : Expr {
    static constexpr ExprKind kKind = ExprKind::kDefault;

    explicit DefaultExpr(SourcePos p = {}) : Expr(kKind, p) {}
    std::string ToSql() const override;
};

}  // namespace tributary
