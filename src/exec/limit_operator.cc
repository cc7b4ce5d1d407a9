#include "exec/limit_operator.h"

#include <fmt/format.h>

namespace tributary {

LimitOperator::LimitOperator(OperatorPtr child, size_t count, size_t offset)
    : Operator(child->schema()), child_(std::move(child)), count_(count), to_skip_(offset) {}

StatusOr<std::optional<Chunk>> LimitOperator::Next() {
    while (returned_ < count_) {
        ASSIGN_OR_RETURN(std::optional<Chunk> chunk, child_->Next());
        if (!chunk) break;
        size_t begin = 0;
        if (to_skip_ > 0) {
            begin = std::min(to_skip_, chunk->num_rows());
            to_skip_ -= begin;
        }
        const size_t n = std::min(chunk->num_rows() - begin, count_ - returned_);
        if (n == 0) continue;
        returned_ += n;
        if (begin == 0 && n == chunk->num_rows()) return chunk;
        Chunk piece(schema_);
        piece.AppendRange(*chunk, begin, n);
        return std::optional<Chunk>(std::move(piece));
    }
    return std::optional<Chunk>();
}

std::string LimitOperator::Describe() const {
    return to_skip_ > 0 ? fmt::format("LIMIT {} OFFSET {}", count_, to_skip_)
                        : fmt::format("LIMIT {}", count_);
}

}  // namespace tributary
