// FilterOperator: keeps the rows for which a BOOLEAN predicate is TRUE (WHERE, HAVING, join
// residuals). Runs on the worker that produced each chunk. Layout unchanged.
//
// An AND of conditions is applied one condition at a time, conditions over numbers and dates
// before those over strings; once a condition has dropped at least half of a chunk's rows the
// chunk is compacted, so the costlier conditions run only on the rows still in play.
#pragma once

#include "exec/operator.h"
#include "expr/expr_node.h"

namespace tributary {

class FilterOperator final : public Operator {
public:
    // REQUIRES: predicate is BOOLEAN and bound against child's schema.
    FilterOperator(OperatorPtr child, ExprNodePtr predicate, EvalContext ctx);

    StatusOr<std::optional<Chunk>> Next() override;
    int parallelism() const override { return child_->parallelism(); }
    Status RunParallel(const ChunkSink& sink) override;
    std::string Describe() const override;
    std::vector<const Operator*> children() const override { return {child_.get()}; }

private:
    // The rows of `chunk` that pass; an empty chunk when none do.
    StatusOr<Chunk> Apply(Chunk chunk) const;

    OperatorPtr child_;
    ExprNodePtr predicate_;
    std::vector<const ExprNode*> conjuncts_;  // parts of predicate_, cheapest first
    EvalContext ctx_;
};

}  // namespace tributary
