// The ExprNode kinds beyond literals and column references: function calls (operators and casts
// included), AND / OR / NOT with three-valued logic, IS [NOT] NULL, IN lists and CASE.
//
// Built by the binder (expr_binder.h); other code reads them only through ExprNode.
// Thread safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "expr/expr_node.h"
#include "expr/function_registry.h"

namespace tributary {

// A registered scalar function applied to its children (already cast to the argument types the
// function's binding asked for).
class CallNode final : public ExprNode {
public:
    CallNode(std::string name, FunctionBinding binding, std::vector<ExprNodePtr> args);
    const std::string& name() const { return name_; }
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;

private:
    std::string name_;
    FunctionBinding binding_;
};

// A CAST to `type` (explicit, or inserted by the binder).
class CastExprNode final : public ExprNode {
public:
    CastExprNode(ExprNodePtr input, TypeDesc type, bool nullable);
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;
};

// AND / OR of two BOOLEAN children: FALSE AND NULL = FALSE, TRUE OR NULL = TRUE.
class LogicalNode final : public ExprNode {
public:
    LogicalNode(ExprNodeKind kind, ExprNodePtr left, ExprNodePtr right);
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;
};

// NOT of a BOOLEAN child (NOT NULL = NULL).
class NotNode final : public ExprNode {
public:
    explicit NotNode(ExprNodePtr child);
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;
};

// e IS NULL / e IS NOT NULL; never NULL itself.
class IsNullNode final : public ExprNode {
public:
    IsNullNode(ExprNodePtr child, bool negated);
    bool negated() const { return negated_; }
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;

private:
    bool negated_;
};

// e [NOT] IN (v1, v2, ...) with constant values already cast to e's type. SQL semantics: TRUE
// when e equals a value; otherwise NULL when e is NULL or the list holds a NULL; else FALSE.
// Values are looked up in a hash set, so long lists cost the same per row as short ones.
class InListNode final : public ExprNode {
public:
    InListNode(ExprNodePtr child, std::vector<Value> values, bool negated);
    ~InListNode() override;
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;

private:
    struct Set;
    std::vector<Value> values_;
    bool negated_;
    bool list_has_null_ = false;
    std::unique_ptr<Set> set_;
};

// CASE WHEN c1 THEN r1 ... [ELSE e] END, with the conditions BOOLEAN and the results cast to
// the node's type. (CASE x WHEN v ... is bound as x = v conditions.) Every branch is evaluated
// over the whole chunk and the first TRUE condition picks each row's result.
class CaseNode final : public ExprNode {
public:
    // children: c1, r1, c2, r2, ..., [else]. `has_else` says whether the last child is ELSE.
    CaseNode(TypeDesc type, bool nullable, std::vector<ExprNodePtr> children, bool has_else);
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;

private:
    bool has_else_;
};

// Evaluates every child of `node` over `input`.
StatusOr<std::vector<EvalColumn>> EvaluateChildren(const ExprNode& node, const Chunk& input,
                                                   const EvalContext& ctx);

}  // namespace tributary
