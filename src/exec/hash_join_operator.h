// HashJoinOperator: INNER and LEFT OUTER joins on equality keys, plus CROSS joins.
//
// The right child is the build side: all its rows are gathered and indexed by their key tuple
// in a GroupKeyTable (fixed-width keys packed into 16 bytes, others serialized). The left child
// is the probe side and is read with RunParallel, each worker probing the shared, read-only
// table. Output layout: the left columns then the right columns (nullable on a LEFT join).
//
// Keys with a NULL never match (SQL equality). `residual` (the non-equality part of ON) is
// evaluated on each candidate pair; on a LEFT join a probe row with no surviving pair is
// emitted once with NULLs on the right. With no equality keys every pair is a candidate (a
// nested loop over the build rows), which is how CROSS JOIN and ON conditions without an
// equality run.
//
// Thread safety: see operator.h.
#pragma once

#include "exec/operator.h"
#include "expr/expr_node.h"

namespace tributary {

enum class JoinKind : uint8_t { kInner, kLeftOuter };

class HashJoinOperator final : public Operator {
public:
    // left_keys / right_keys: same count and pairwise the same types, bound against the left /
    // right child. residual: BOOLEAN over the output layout, or null.
    HashJoinOperator(JoinKind kind, OperatorPtr left, OperatorPtr right,
                     std::vector<ExprNodePtr> left_keys, std::vector<ExprNodePtr> right_keys,
                     ExprNodePtr residual, EvalContext ctx);
    ~HashJoinOperator() override;

    StatusOr<std::optional<Chunk>> Next() override;
    int parallelism() const override { return left_->parallelism(); }
    Status RunParallel(const ChunkSink& sink) override;
    std::string Describe() const override;
    std::vector<const Operator*> children() const override { return {left_.get(), right_.get()}; }

private:
    struct BuildSide;
    Status Build();
    // Joins one probe chunk, passing output chunks to `emit`.
    Status Probe(Chunk probe, const std::function<Status(Chunk)>& emit) const;

    JoinKind kind_;
    OperatorPtr left_;
    OperatorPtr right_;
    std::vector<ExprNodePtr> left_keys_;
    std::vector<ExprNodePtr> right_keys_;
    ExprNodePtr residual_;
    EvalContext ctx_;
    std::unique_ptr<BuildSide> build_;
    std::vector<Chunk> pending_;  // Next(): output of the current probe chunk
    size_t pending_pos_ = 0;
};

}  // namespace tributary
