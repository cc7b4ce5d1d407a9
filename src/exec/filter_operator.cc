#include "exec/filter_operator.h"

#include <algorithm>

namespace tributary {

FilterOperator::FilterOperator(OperatorPtr child, ExprNodePtr predicate, EvalContext ctx)
    : Operator(child->schema()),
      child_(std::move(child)),
      predicate_(std::move(predicate)),
      ctx_(std::move(ctx)) {}

StatusOr<Chunk> FilterOperator::Apply(Chunk chunk) const {
    ASSIGN_OR_RETURN(RowMask mask, EvaluatePredicate(*predicate_, chunk, ctx_));
    const size_t kept = static_cast<size_t>(std::count(mask.begin(), mask.end(), 1));
    if (kept == chunk.num_rows()) return chunk;
    if (kept == 0) return Chunk(schema_);
    chunk.Filter(mask);
    return chunk;
}

StatusOr<std::optional<Chunk>> FilterOperator::Next() {
    while (true) {
        ASSIGN_OR_RETURN(std::optional<Chunk> chunk, child_->Next());
        if (!chunk) return chunk;
        ASSIGN_OR_RETURN(Chunk kept, Apply(std::move(*chunk)));
        if (kept.num_rows() > 0) return std::optional<Chunk>(std::move(kept));
    }
}

Status FilterOperator::RunParallel(const ChunkSink& sink) {
    return child_->RunParallel([&](int worker, Chunk chunk) -> Status {
        ASSIGN_OR_RETURN(Chunk kept, Apply(std::move(chunk)));
        if (kept.num_rows() == 0) return Status::OK();
        return sink(worker, std::move(kept));
    });
}

std::string FilterOperator::Describe() const { return "FILTER " + predicate_->ToString(); }

}  // namespace tributary
