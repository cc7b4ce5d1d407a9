// UnionAllOperator: the rows of each child in turn (UNION ALL). Children have the same column
// types (the planner casts them); the output takes the first child's names, and a column is
// nullable when it is in any child.
#pragma once

#include "exec/operator.h"

namespace tributary {

class UnionAllOperator final : public Operator {
public:
    UnionAllOperator(std::vector<OperatorPtr> children, ChunkSchema schema);

    StatusOr<std::optional<Chunk>> Next() override;
    int parallelism() const override;
    Status RunParallel(const ChunkSink& sink) override;
    std::string Describe() const override { return "UNION ALL"; }
    std::vector<const Operator*> children() const override;

private:
    // The child's chunk in this operator's layout (nullable where the union is).
    Chunk Conform(Chunk chunk) const;

    std::vector<OperatorPtr> children_;
    size_t current_ = 0;
};

// ValuesOperator: constant rows (SELECT without FROM reads one row with no columns).
class ValuesOperator final : public Operator {
public:
    explicit ValuesOperator(Chunk rows);
    StatusOr<std::optional<Chunk>> Next() override;
    std::string Describe() const override;

private:
    std::optional<Chunk> rows_;
    size_t num_rows_;
};

// A chunk of `rows` rows and no columns (Chunk::num_rows() cannot express it, so the row
// count travels in a single BOOLEAN column named "$row"); what ValuesOperator yields for
// SELECT without FROM.
Chunk OneRowChunk();

}  // namespace tributary
