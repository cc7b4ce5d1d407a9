#include "exec/hash_join_operator.h"

#include <fmt/format.h>

#include "exec/group_key_table.h"

namespace tributary {

namespace {

ChunkSchema JoinSchema(JoinKind kind, const ChunkSchema& left, const ChunkSchema& right) {
    ChunkSchema out = left;
    for (ColumnSchema c : right.columns) {
        if (kind == JoinKind::kLeftOuter) c.nullable = true;
        out.columns.push_back(std::move(c));
    }
    return out;
}

ChunkSchema KeySchemaOf(const std::vector<ExprNodePtr>& keys) {
    ChunkSchema s;
    for (size_t i = 0; i < keys.size(); ++i) {
        s.columns.push_back(
            ColumnSchema{fmt::format("k{}", i), keys[i]->type(), keys[i]->nullable()});
    }
    return s;
}

// Rows `rows` of `src` as a new column, nullable when `nullable` (src may not be).
ColumnPtr TakeAs(const Column& src, std::span<const uint32_t> rows, bool nullable) {
    ColumnPtr taken = src.Take(rows);
    if (!nullable || taken->is_nullable()) return taken;
    const size_t n = taken->size();
    return std::make_unique<NullableColumn>(std::move(taken), std::vector<uint8_t>(n, 0));
}

}  // namespace

struct HashJoinOperator::BuildSide {
    explicit BuildSide(ChunkSchema key_schema) : table(std::move(key_schema)) {}
    Chunk rows;                   // every build row
    GroupKeyTable table;          // key tuple -> group
    std::vector<uint32_t> first;  // per group: first build row, chained through next
    std::vector<uint32_t> next;   // per build row: the next row of its group, or UINT32_MAX
};

HashJoinOperator::HashJoinOperator(JoinKind kind, OperatorPtr left, OperatorPtr right,
                                   std::vector<ExprNodePtr> left_keys,
                                   std::vector<ExprNodePtr> right_keys, ExprNodePtr residual,
                                   EvalContext ctx)
    : Operator(JoinSchema(kind, left->schema(), right->schema())),
      kind_(kind),
      left_(std::move(left)),
      right_(std::move(right)),
      left_keys_(std::move(left_keys)),
      right_keys_(std::move(right_keys)),
      residual_(std::move(residual)),
      ctx_(std::move(ctx)) {}

HashJoinOperator::~HashJoinOperator() = default;

Status HashJoinOperator::Build() {
    build_ = std::make_unique<BuildSide>(KeySchemaOf(right_keys_));
    ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectAll(*right_));
    Chunk rows(right_->schema());
    for (const Chunk& c : chunks) rows.AppendRange(c, 0, c.num_rows());
    build_->rows = std::move(rows);
    const size_t n = build_->rows.num_rows();
    build_->next.assign(n, UINT32_MAX);
    if (right_keys_.empty() || n == 0) return Status::OK();
    std::vector<EvalColumn> keys;
    for (const ExprNodePtr& k : right_keys_) {
        ASSIGN_OR_RETURN(EvalColumn v, k->Evaluate(build_->rows, ctx_));
        keys.push_back(std::move(v));
    }
    std::vector<uint32_t> groups(n);
    build_->table.FindOrInsert(keys, n, groups.data());
    build_->first.assign(build_->table.num_groups(), UINT32_MAX);
    // Chain in reverse so each group lists its rows in input order.
    for (size_t i = n; i-- > 0;) {
        bool has_null = false;
        for (const EvalColumn& k : keys) has_null |= k.IsNullAt(i);
        if (has_null) continue;
        build_->next[i] = build_->first[groups[i]];
        build_->first[groups[i]] = static_cast<uint32_t>(i);
    }
    return Status::OK();
}

Status HashJoinOperator::Probe(Chunk probe, const std::function<Status(Chunk)>& emit) const {
    const size_t rows = probe.num_rows();
    const size_t build_rows = build_->rows.num_rows();
    // Candidate pairs (probe row, build row), in probe order.
    std::vector<uint32_t> probe_idx;
    std::vector<uint32_t> build_idx;
    if (left_keys_.empty()) {
        probe_idx.reserve(rows * build_rows);
        for (size_t i = 0; i < rows; ++i) {
            for (size_t j = 0; j < build_rows; ++j) {
                probe_idx.push_back(static_cast<uint32_t>(i));
                build_idx.push_back(static_cast<uint32_t>(j));
            }
        }
    } else if (build_rows > 0) {
        std::vector<EvalColumn> keys;
        for (const ExprNodePtr& k : left_keys_) {
            ASSIGN_OR_RETURN(EvalColumn v, k->Evaluate(probe, ctx_));
            keys.push_back(std::move(v));
        }
        std::vector<uint32_t> groups(rows);
        build_->table.Find(keys, rows, groups.data());
        for (size_t i = 0; i < rows; ++i) {
            if (groups[i] == GroupKeyTable::kNotFound) continue;
            bool has_null = false;
            for (const EvalColumn& k : keys) has_null |= k.IsNullAt(i);
            if (has_null) continue;
            for (uint32_t b = build_->first[groups[i]]; b != UINT32_MAX; b = build_->next[b]) {
                probe_idx.push_back(static_cast<uint32_t>(i));
                build_idx.push_back(b);
            }
        }
    }

    auto assemble = [&](std::span<const uint32_t> p, std::span<const uint32_t> b) {
        std::vector<ColumnPtr> columns;
        const size_t left_cols = probe.num_columns();
        for (size_t c = 0; c < left_cols; ++c) columns.push_back(probe.column(c)->Take(p));
        for (size_t c = 0; c < build_->rows.num_columns(); ++c) {
            columns.push_back(
                TakeAs(*build_->rows.column(c), b, schema_.columns[left_cols + c].nullable));
        }
        return Chunk(schema_, std::move(columns));
    };

    // Every probe row matched exactly once, in order (a lookup into a dimension table): the
    // probe columns pass on as they are instead of being copied row by row.
    bool identity = !left_keys_.empty() && probe_idx.size() == rows && kind_ == JoinKind::kInner;
    for (size_t i = 0; identity && i < rows; ++i) identity = probe_idx[i] == i;
    Chunk joined;
    if (identity) {
        std::vector<ColumnPtr> columns = std::move(probe).ReleaseColumns();
        const size_t left_cols = columns.size();
        for (size_t c = 0; c < build_->rows.num_columns(); ++c) {
            columns.push_back(TakeAs(*build_->rows.column(c), build_idx,
                                     schema_.columns[left_cols + c].nullable));
        }
        joined = Chunk(schema_, std::move(columns));
    } else {
        joined = assemble(probe_idx, build_idx);
    }
    std::vector<uint8_t> matched(kind_ == JoinKind::kLeftOuter ? rows : 0, 0);
    if (residual_ && joined.num_rows() > 0) {
        ASSIGN_OR_RETURN(RowMask mask, EvaluatePredicate(*residual_, joined, ctx_));
        joined.Filter(mask);
        if (!matched.empty()) {
            for (size_t k = 0; k < mask.size(); ++k) matched[probe_idx[k]] |= mask[k];
        }
    } else if (!matched.empty()) {
        for (uint32_t p : probe_idx) matched[p] = 1;
    }
    if (joined.num_rows() > 0) RETURN_IF_ERROR(emit(std::move(joined)));
    if (kind_ == JoinKind::kLeftOuter) {
        std::vector<uint32_t> unmatched;
        for (size_t i = 0; i < rows; ++i) {
            if (!matched[i]) unmatched.push_back(static_cast<uint32_t>(i));
        }
        if (!unmatched.empty()) {
            std::vector<ColumnPtr> columns;
            const size_t left_cols = probe.num_columns();
            for (size_t c = 0; c < left_cols; ++c)
                columns.push_back(probe.column(c)->Take(unmatched));
            for (size_t c = left_cols; c < schema_.size(); ++c) {
                ColumnPtr out = MakeColumn(schema_.columns[c].type, true);
                out->AppendDefault(unmatched.size());
                columns.push_back(std::move(out));
            }
            RETURN_IF_ERROR(emit(Chunk(schema_, std::move(columns))));
        }
    }
    return Status::OK();
}

StatusOr<std::optional<Chunk>> HashJoinOperator::Next() {
    if (!build_) RETURN_IF_ERROR(Build());
    while (pending_pos_ >= pending_.size()) {
        pending_.clear();
        pending_pos_ = 0;
        ASSIGN_OR_RETURN(std::optional<Chunk> probe, left_->Next());
        if (!probe) return std::optional<Chunk>();
        RETURN_IF_ERROR(Probe(std::move(*probe), [&](Chunk c) {
            pending_.push_back(std::move(c));
            return Status::OK();
        }));
    }
    return std::optional<Chunk>(std::move(pending_[pending_pos_++]));
}

Status HashJoinOperator::RunParallel(const ChunkSink& sink) {
    if (!build_) RETURN_IF_ERROR(Build());
    return left_->RunParallel([&](int worker, Chunk chunk) {
        return Probe(std::move(chunk), [&](Chunk out) { return sink(worker, std::move(out)); });
    });
}

std::string HashJoinOperator::Describe() const {
    std::string keys;
    for (size_t i = 0; i < left_keys_.size(); ++i) {
        if (i > 0) keys += ", ";
        keys += fmt::format("{} = {}", left_keys_[i]->ToString(), right_keys_[i]->ToString());
    }
    std::string out =
        fmt::format("HASH JOIN {}", kind_ == JoinKind::kInner ? "INNER" : "LEFT OUTER");
    if (keys.empty())
        out =
            fmt::format("NESTED LOOP JOIN {}", kind_ == JoinKind::kInner ? "INNER" : "LEFT OUTER");
    if (!keys.empty()) out += fmt::format(" [keys: {}]", keys);
    if (residual_) out += fmt::format(" [other: {}]", residual_->ToString());
    return out;
}

}  // namespace tributary
