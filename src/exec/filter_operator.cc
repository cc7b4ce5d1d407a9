#include "exec/filter_operator.h"

#include <algorithm>

namespace tributary {

namespace {

void SplitAnd(const ExprNode& node, std::vector<const ExprNode*>* out) {
    if (node.kind() == ExprNodeKind::kAnd) {
        for (const ExprNodePtr& child : node.children()) SplitAnd(*child, out);
        return;
    }
    out->push_back(&node);
}

// True when the condition touches strings (comparisons, LIKE): evaluated after the others.
bool ReadsStrings(const ExprNode& node) {
    if (node.type().IsString()) return true;
    for (const ExprNodePtr& child : node.children()) {
        if (ReadsStrings(*child)) return true;
    }
    return false;
}

}  // namespace

FilterOperator::FilterOperator(OperatorPtr child, ExprNodePtr predicate, EvalContext ctx)
    : Operator(child->schema()),
      child_(std::move(child)),
      predicate_(std::move(predicate)),
      ctx_(std::move(ctx)) {
    SplitAnd(*predicate_, &conjuncts_);
    std::stable_sort(conjuncts_.begin(), conjuncts_.end(),
                     [](const ExprNode* a, const ExprNode* b) {
                         return !ReadsStrings(*a) && ReadsStrings(*b);
                     });
}

StatusOr<Chunk> FilterOperator::Apply(Chunk chunk) const {
    // `mask` holds the rows still passing that have not been compacted away yet.
    RowMask mask;
    for (const ExprNode* conjunct : conjuncts_) {
        ASSIGN_OR_RETURN(RowMask passed, EvaluatePredicate(*conjunct, chunk, ctx_));
        if (mask.empty()) {
            mask = std::move(passed);
        } else {
            for (size_t i = 0; i < mask.size(); ++i) mask[i] &= passed[i];
        }
        const size_t kept = static_cast<size_t>(std::count(mask.begin(), mask.end(), 1));
        if (kept == 0) return Chunk(schema_);
        if (kept * 2 <= chunk.num_rows()) {
            chunk.Filter(mask);
            mask.clear();
        }
    }
    if (!mask.empty() && std::count(mask.begin(), mask.end(), 1) != static_cast<long>(mask.size())) {
        chunk.Filter(mask);
    }
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
