// AggregateOperator: hash aggregation (GROUP BY with aggregates, DISTINCT, and global
// aggregates without GROUP BY).
//
// Each worker of the child's RunParallel aggregates its chunks into its own GroupKeyTable and
// states; when the child is done, the per-worker results are merged into worker 0's and the
// groups are emitted in chunks. Output layout: the group keys, in order, then one column per
// aggregate. Without GROUP BY the output is exactly one row, even over no input (count = 0,
// the others NULL).
//
// Thread safety: see operator.h.
#pragma once

#include "exec/aggregate_function.h"
#include "exec/operator.h"
#include "expr/expr_node.h"

namespace tributary {

struct AggregateCall {
    std::string name;  // lower case
    AggregateSignature signature;
    std::vector<ExprNodePtr> args;  // bound against the child's schema, cast to arg_types
    std::string text;               // for EXPLAIN and the output column name
};

class AggregateOperator final : public Operator {
public:
    // REQUIRES: group keys and aggregate arguments are bound against child's schema.
    AggregateOperator(OperatorPtr child, std::vector<ExprNodePtr> group_keys,
                      std::vector<std::string> key_names, std::vector<AggregateCall> aggregates,
                      EvalContext ctx);
    ~AggregateOperator() override;

    StatusOr<std::optional<Chunk>> Next() override;
    std::string Describe() const override;
    std::vector<const Operator*> children() const override { return {child_.get()}; }

private:
    struct Partial;
    Status Aggregate(Partial& partial, const Chunk& chunk) const;
    Status Run();

    OperatorPtr child_;
    std::vector<ExprNodePtr> group_keys_;
    std::vector<AggregateCall> aggregates_;
    EvalContext ctx_;
    bool done_ = false;
    std::vector<Chunk> output_;
    size_t output_pos_ = 0;
};

}  // namespace tributary
