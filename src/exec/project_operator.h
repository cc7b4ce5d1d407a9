// ProjectOperator: computes one output column per expression (SELECT lists, the inputs of
// aggregation and sorting). A plain column reference is moved, not copied, when the chunk is
// not needed afterwards. Runs on the worker that produced each chunk.
#pragma once

#include "exec/operator.h"
#include "expr/expr_node.h"

namespace tributary {

class ProjectOperator final : public Operator {
public:
    // REQUIRES: every expression is bound against child's schema; names.size() == exprs.size().
    ProjectOperator(OperatorPtr child, std::vector<ExprNodePtr> exprs,
                    std::vector<std::string> names, EvalContext ctx);

    StatusOr<std::optional<Chunk>> Next() override;
    int parallelism() const override { return child_->parallelism(); }
    Status RunParallel(const ChunkSink& sink) override;
    std::string Describe() const override;
    std::vector<const Operator*> children() const override { return {child_.get()}; }

    // The projection of one chunk (also used by operators that evaluate expressions inline).
    StatusOr<Chunk> Apply(Chunk chunk) const;

private:
    OperatorPtr child_;
    std::vector<ExprNodePtr> exprs_;
    EvalContext ctx_;
};

}  // namespace tributary
