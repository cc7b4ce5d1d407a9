#include "exec/sort_operator.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace tributary {

SortOperator::SortOperator(OperatorPtr child, std::vector<SortKey> keys,
                           std::optional<size_t> limit)
    : Operator(child->schema()), child_(std::move(child)), keys_(std::move(keys)), limit_(limit) {}

Chunk SortOperator::SortChunk(const Chunk& chunk, size_t keep) const {
    const size_t rows = chunk.num_rows();
    std::vector<uint32_t> order(rows);
    std::iota(order.begin(), order.end(), 0u);
    auto less = [&](uint32_t a, uint32_t b) {
        for (const SortKey& k : keys_) {
            const Column& c = *chunk.column(k.column);
            const bool an = c.IsNullAt(a);
            const bool bn = c.IsNullAt(b);
            if (an || bn) {
                if (an && bn) continue;
                return an == k.nulls_first;  // a is NULL: first iff nulls_first
            }
            int cmp = c.CompareAt(a, c, b);
            if (cmp == 0) continue;
            return k.descending ? cmp > 0 : cmp < 0;
        }
        return false;
    };
    // Ties keep their input order (the index breaks them), so the sort is stable and top-N
    // keeps the first of the rows tied at its cut.
    auto ordered = [&](uint32_t a, uint32_t b) {
        if (less(a, b)) return true;
        if (less(b, a)) return false;
        return a < b;
    };
    if (keep < rows) {
        std::partial_sort(order.begin(), order.begin() + keep, order.end(), ordered);
        order.resize(keep);
    } else {
        std::sort(order.begin(), order.end(), ordered);
    }
    return chunk.Take(order);
}

Status SortOperator::Run() {
    const int workers = std::max(1, child_->parallelism());
    std::vector<Chunk> buffers;
    for (int w = 0; w < workers; ++w) buffers.emplace_back(schema_);
    const size_t keep = limit_.value_or(SIZE_MAX);
    const size_t compact_at = limit_ ? std::max<size_t>(4 * keep, kChunkRows) : SIZE_MAX;
    RETURN_IF_ERROR(child_->RunParallel([&](int worker, Chunk chunk) {
        Chunk& buffer = buffers[worker];
        if (limit_ && chunk.num_rows() > keep) {
            // Top-N: only a chunk's own best rows can be among the best overall.
            chunk = SortChunk(chunk, keep);
        }
        buffer.AppendRange(chunk, 0, chunk.num_rows());
        if (buffer.num_rows() > compact_at) buffer = SortChunk(buffer, keep);
        return Status::OK();
    }));
    Chunk all(schema_);
    for (Chunk& b : buffers) all.AppendRange(b, 0, b.num_rows());
    result_ = SortChunk(all, std::min(keep, all.num_rows()));
    return Status::OK();
}

StatusOr<std::optional<Chunk>> SortOperator::Next() {
    if (!done_) {
        done_ = true;
        RETURN_IF_ERROR(Run());
    }
    if (!result_ || result_pos_ >= result_->num_rows()) return std::optional<Chunk>();
    const size_t n = std::min(kChunkRows * 16, result_->num_rows() - result_pos_);
    if (result_pos_ == 0 && n == result_->num_rows()) {
        result_pos_ = n;
        return std::optional<Chunk>(std::move(*result_));
    }
    Chunk piece(schema_);
    piece.AppendRange(*result_, result_pos_, n);
    result_pos_ += n;
    return std::optional<Chunk>(std::move(piece));
}

std::string SortOperator::Describe() const {
    std::string keys;
    for (size_t i = 0; i < keys_.size(); ++i) {
        if (i > 0) keys += ", ";
        keys += fmt::format("{} {} NULLS {}", keys_[i].text, keys_[i].descending ? "DESC" : "ASC",
                            keys_[i].nulls_first ? "FIRST" : "LAST");
    }
    if (limit_) return fmt::format("TOP-N {} [order by: {}]", *limit_, keys);
    return fmt::format("SORT [order by: {}]", keys);
}

}  // namespace tributary
