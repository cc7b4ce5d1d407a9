// SortOperator: ORDER BY, and top-N (ORDER BY ... LIMIT n) when given a limit.
//
// Sorts on columns of the child's layout (the planner projects ORDER BY expressions into
// columns first). NULL placement follows each key's nulls_first; StarRocks' defaults are NULLS
// FIRST for ASC and NULLS LAST for DESC. The sort is stable.
//
// With a limit (offset + count rows are kept), each worker keeps only its best rows: whenever
// its buffer passes a few times the limit it sorts and truncates, so memory stays
// O(workers * limit) however large the input. Without one, all rows are gathered and sorted.
//
// Thread safety: see operator.h.
#pragma once

#include <optional>

#include "exec/operator.h"

namespace tributary {

struct SortKey {
    uint32_t column = 0;
    bool descending = false;
    bool nulls_first = true;
    std::string text;  // for EXPLAIN
};

class SortOperator final : public Operator {
public:
    // `limit`: keep only the first `limit` rows of the sorted result (top-N).
    SortOperator(OperatorPtr child, std::vector<SortKey> keys, std::optional<size_t> limit);

    StatusOr<std::optional<Chunk>> Next() override;
    std::string Describe() const override;
    std::vector<const Operator*> children() const override { return {child_.get()}; }

private:
    // Sorts `chunk` and keeps at most `keep` rows.
    Chunk SortChunk(const Chunk& chunk, size_t keep) const;
    Status Run();

    OperatorPtr child_;
    std::vector<SortKey> keys_;
    std::optional<size_t> limit_;
    bool done_ = false;
    std::optional<Chunk> result_;
    size_t result_pos_ = 0;
};

}  // namespace tributary
