#include "exec/sort_operator.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "column/type_dispatch.h"

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

namespace {

// Top-N's cut-off: rows whose first sort key sorts strictly after `bound` (row 0 of a column of
// the key's type) cannot enter the top N, since N rows at least as good as `bound` are already
// held. Returns the mask of rows that may (ties with the bound stay: later keys decide them).
RowMask MayEnterTopN(const Column& column, const Column& bound, const SortKey& key) {
    const size_t rows = column.size();
    RowMask mask(rows, 1);
    const bool bound_null = bound.IsNullAt(0);
    const uint8_t* nulls = column.is_nullable()
                               ? static_cast<const NullableColumn&>(column).null_map().data()
                               : nullptr;
    if (bound_null) {
        // NULL is the bound: with NULLS FIRST every non-NULL row sorts after it.
        if (key.nulls_first) {
            for (size_t i = 0; i < rows; ++i) mask[i] = nulls != nullptr && nulls[i] != 0;
        }
        return mask;
    }
    const Column& data =
        column.is_nullable() ? *static_cast<const NullableColumn&>(column).data() : column;
    const Column& bound_data =
        bound.is_nullable() ? *static_cast<const NullableColumn&>(bound).data() : bound;
    VisitPhysicalType(data.type().type, [&]<typename Tag>(Tag) {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view>) {
            for (size_t i = 0; i < rows; ++i)
                mask[i] = data.CompareAt(i, bound_data, 0) * (key.descending ? -1 : 1) <= 0;
        } else {
            const T* values = static_cast<const FixedColumn<T>&>(data).data().data();
            const T b = static_cast<const FixedColumn<T>&>(bound_data).value(0);
            if (key.descending) {
                for (size_t i = 0; i < rows; ++i) mask[i] = CompareValues(values[i], b) >= 0;
            } else {
                for (size_t i = 0; i < rows; ++i) mask[i] = CompareValues(values[i], b) <= 0;
            }
        }
    });
    if (nulls != nullptr) {
        // A NULL key sorts before the (non-NULL) bound only with NULLS FIRST.
        for (size_t i = 0; i < rows; ++i) {
            if (nulls[i] != 0) mask[i] = key.nulls_first;
        }
    }
    return mask;
}

}  // namespace

Status SortOperator::Run() {
    const int workers = std::max(1, child_->parallelism());
    struct Worker {
        Chunk buffer;
        ColumnPtr bound;  // top-N: the first key of the N-th best row seen so far
    };
    std::vector<Worker> state;
    for (int w = 0; w < workers; ++w) state.push_back(Worker{Chunk(schema_), nullptr});
    const size_t keep = limit_.value_or(SIZE_MAX);
    const size_t compact_at = limit_ ? std::max<size_t>(4 * keep, kChunkRows) : SIZE_MAX;
    auto update_bound = [&](Worker& w) {
        // Any N rows held bound the N best: their worst is the cut-off.
        if (keep == 0 || w.buffer.num_rows() < keep) return;
        const uint32_t last = static_cast<uint32_t>(keep - 1);
        w.bound = w.buffer.column(keys_[0].column)->Take(std::span<const uint32_t>(&last, 1));
    };
    RETURN_IF_ERROR(child_->RunParallel([&](int worker, Chunk chunk) {
        Worker& w = state[worker];
        if (limit_ && w.bound) {
            RowMask mask = MayEnterTopN(*chunk.column(keys_[0].column), *w.bound, keys_[0]);
            chunk.Filter(mask);
            if (chunk.num_rows() == 0) return Status::OK();
        }
        bool sorted = false;
        if (limit_ && chunk.num_rows() > keep) {
            // Top-N: only a chunk's own best rows can be among the best overall.
            chunk = SortChunk(chunk, keep);
            sorted = true;
        }
        const bool first = w.buffer.num_rows() == 0;
        w.buffer.AppendRange(chunk, 0, chunk.num_rows());
        if (w.buffer.num_rows() > compact_at) {
            w.buffer = SortChunk(w.buffer, keep);
            update_bound(w);
        } else if (first && sorted) {
            update_bound(w);  // the buffer is exactly this chunk's sorted best N
        }
        return Status::OK();
    }));
    Chunk all(schema_);
    for (Worker& w : state) all.AppendRange(w.buffer, 0, w.buffer.num_rows());
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
