// BindExpression: turns a parsed expression (sql/ast_expr.h) into a typed ExprNode tree.
//
// The caller describes what names mean through a BindScope: the planner's scope resolves
// `t.col` to an index in the operator's input chunk; a load's scope resolves the source columns
// of a COLUMNS mapping. An optional Intercept hook sees every sub-expression first, so the
// planner can replace an aggregate call or a GROUP BY expression with a reference to the
// aggregation's output without the binder knowing about aggregation.
//
// The binder resolves functions through FunctionRegistry, inserts implicit casts
// (type_coercion.h), binds IN lists, BETWEEN (as two comparisons), LIKE, CASE and IS [NOT]
// NULL, and folds every sub-tree without column references into a LiteralNode, evaluating it
// with `ctx` (so now() is fixed once per statement).
//
// Errors carry MySQL's numbers: 1054 "Unknown column 'x' in 'field list'", 1052 ambiguous
// column, 1305 "FUNCTION db.f does not exist" for unknown functions, 1064-style argument errors
// for bad calls. Subqueries used as values are NotSupported.
//
// Thread safety: pure function over the given scope.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "expr/expr_node.h"
#include "sql/ast_expr.h"
#include "types/value.h"

namespace tributary {

// A resolved column: its index in the input chunk and what it holds.
struct BoundColumn {
    uint32_t index = 0;
    TypeDesc type;
    bool nullable = true;
    std::string name;  // for EXPLAIN
};

// A typed constant supplied by the session (a variable, DATABASE(), ...).
struct TypedValue {
    TypeDesc type;
    Value value;
};

class BindScope {
public:
    virtual ~BindScope() = default;
    // Resolves a column reference, failing with 1054 / 1052 as appropriate.
    virtual StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const = 0;
    // Called on every sub-expression before the binder looks at it: returns a node to use
    // instead, nullptr to bind normally, or an error (e.g. "aggregate not allowed here").
    virtual StatusOr<ExprNodePtr> Intercept(const Expr& expr) const { return ExprNodePtr(); }
    // Session values: @@variables, @user variables, and argument-less session functions
    // (DATABASE(), USER(), CURRENT_USER(), CONNECTION_ID(), VERSION(), LAST_INSERT_ID()).
    // nullopt when the scope has no session (then these are errors).
    virtual std::optional<StatusOr<TypedValue>> Variable(const VariableExpr& var) const {
        return std::nullopt;
    }
    virtual std::optional<StatusOr<TypedValue>> SessionFunction(std::string_view name) const {
        return std::nullopt;
    }
};

StatusOr<ExprNodePtr> BindExpression(const Expr& expr, const BindScope& scope,
                                     const EvalContext& ctx);

// Wraps `node` in a cast to `type` (no-op when it already has it); folds constants.
StatusOr<ExprNodePtr> CastNode(ExprNodePtr node, const TypeDesc& type, const EvalContext& ctx);

// Builds a call of the registered function `name` on already bound arguments, inserting the
// casts its binding asks for and folding it when every argument is constant.
StatusOr<ExprNodePtr> MakeCall(std::string_view name, std::vector<ExprNodePtr> args,
                               const EvalContext& ctx);

// The literal of a parsed literal expression (INT -> BIGINT/TINYINT... as StarRocks types them).
StatusOr<TypedValue> BindLiteral(const LiteralExpr& literal);

}  // namespace tributary
