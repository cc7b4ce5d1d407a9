#include "exec/aggregate_operator.h"

#include <fmt/format.h>

#include "exec/group_key_table.h"

namespace tributary {

namespace {

ChunkSchema KeySchema(const std::vector<ExprNodePtr>& keys, const std::vector<std::string>& names) {
    ChunkSchema schema;
    for (size_t i = 0; i < keys.size(); ++i) {
        schema.columns.push_back(ColumnSchema{names[i], keys[i]->type(), keys[i]->nullable()});
    }
    return schema;
}

ChunkSchema OutputSchema(const std::vector<ExprNodePtr>& keys,
                         const std::vector<std::string>& names,
                         const std::vector<AggregateCall>& aggregates) {
    ChunkSchema schema = KeySchema(keys, names);
    for (const AggregateCall& a : aggregates) {
        schema.columns.push_back(
            ColumnSchema{a.text, a.signature.result_type, a.signature.nullable});
    }
    return schema;
}

}  // namespace

struct AggregateOperator::Partial {
    explicit Partial(ChunkSchema key_schema) : table(std::move(key_schema)) {}
    GroupKeyTable table;
    std::vector<std::unique_ptr<AggregateState>> states;
    std::vector<uint32_t> group_ids;  // scratch
};

AggregateOperator::AggregateOperator(OperatorPtr child, std::vector<ExprNodePtr> group_keys,
                                     std::vector<std::string> key_names,
                                     std::vector<AggregateCall> aggregates, EvalContext ctx)
    : Operator(OutputSchema(group_keys, key_names, aggregates)),
      child_(std::move(child)),
      group_keys_(std::move(group_keys)),
      aggregates_(std::move(aggregates)),
      ctx_(std::move(ctx)) {}

AggregateOperator::~AggregateOperator() = default;

Status AggregateOperator::Aggregate(Partial& partial, const Chunk& chunk) const {
    const size_t rows = chunk.num_rows();
    std::vector<EvalColumn> keys;
    keys.reserve(group_keys_.size());
    for (const ExprNodePtr& k : group_keys_) {
        ASSIGN_OR_RETURN(EvalColumn v, k->Evaluate(chunk, ctx_));
        keys.push_back(std::move(v));
    }
    partial.group_ids.resize(rows);
    partial.table.FindOrInsert(keys, rows, partial.group_ids.data());
    for (size_t a = 0; a < aggregates_.size(); ++a) {
        std::vector<EvalColumn> args;
        for (const ExprNodePtr& e : aggregates_[a].args) {
            ASSIGN_OR_RETURN(EvalColumn v, e->Evaluate(chunk, ctx_));
            args.push_back(std::move(v));
        }
        partial.states[a]->Resize(partial.table.num_groups());
        partial.states[a]->Update(partial.group_ids.data(), args, rows);
    }
    return Status::OK();
}

Status AggregateOperator::Run() {
    const ChunkSchema key_schema = [&] {
        ChunkSchema s;
        for (size_t i = 0; i < group_keys_.size(); ++i) s.columns.push_back(schema_.columns[i]);
        return s;
    }();
    const int workers = std::max(1, child_->parallelism());
    std::vector<std::unique_ptr<Partial>> partials;
    for (int w = 0; w < workers; ++w) {
        auto p = std::make_unique<Partial>(key_schema);
        for (const AggregateCall& a : aggregates_)
            p->states.push_back(MakeAggregateState(a.signature));
        partials.push_back(std::move(p));
    }
    RETURN_IF_ERROR(child_->RunParallel(
        [&](int worker, Chunk chunk) { return Aggregate(*partials[worker], chunk); }));

    // Merge every worker's groups into worker 0's.
    Partial& total = *partials[0];
    if (group_keys_.empty()) {
        uint32_t unused;
        total.table.FindOrInsert({}, 0, &unused);  // the one group exists even over no rows
    }
    for (int w = 1; w < workers; ++w) {
        Partial& other = *partials[w];
        const size_t n = other.table.num_groups();
        if (n == 0) continue;
        std::vector<EvalColumn> keys;
        for (size_t c = 0; c < group_keys_.size(); ++c) {
            keys.push_back(EvalColumn::Borrow(*other.table.keys().column(c)));
        }
        std::vector<uint32_t> map(n);
        total.table.FindOrInsert(keys, n, map.data());
        for (size_t a = 0; a < aggregates_.size(); ++a) {
            total.states[a]->Resize(total.table.num_groups());
            other.states[a]->Resize(n);
            total.states[a]->Merge(*other.states[a], map);
        }
    }

    const size_t groups = total.table.num_groups();
    Chunk keys = total.table.TakeKeys();
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < group_keys_.size(); ++c) columns.push_back(keys.column(c)->Clone());
    for (size_t a = 0; a < aggregates_.size(); ++a) {
        const ColumnSchema& field = schema_.columns[group_keys_.size() + a];
        ColumnPtr out = MakeColumn(field.type, field.nullable);
        out->Reserve(groups);
        total.states[a]->Resize(groups);
        RETURN_IF_ERROR(total.states[a]->Finalize(groups, out.get()));
        columns.push_back(std::move(out));
    }
    if (groups == 0) return Status::OK();
    Chunk all(schema_, std::move(columns));
    if (groups <= kChunkRows * 4) {
        output_.push_back(std::move(all));
        return Status::OK();
    }
    for (size_t offset = 0; offset < groups; offset += kChunkRows) {
        Chunk piece(schema_);
        piece.AppendRange(all, offset, std::min(kChunkRows, groups - offset));
        output_.push_back(std::move(piece));
    }
    return Status::OK();
}

StatusOr<std::optional<Chunk>> AggregateOperator::Next() {
    if (!done_) {
        done_ = true;
        RETURN_IF_ERROR(Run());
    }
    if (output_pos_ >= output_.size()) return std::optional<Chunk>();
    return std::optional<Chunk>(std::move(output_[output_pos_++]));
}

std::string AggregateOperator::Describe() const {
    std::string keys;
    for (size_t i = 0; i < group_keys_.size(); ++i) {
        if (i > 0) keys += ", ";
        keys += group_keys_[i]->ToString();
    }
    std::string aggs;
    for (size_t i = 0; i < aggregates_.size(); ++i) {
        if (i > 0) aggs += ", ";
        aggs += aggregates_[i].text;
    }
    return fmt::format("HASH AGGREGATE [group by: {}] [aggregates: {}]", keys.empty() ? "-" : keys,
                       aggs.empty() ? "-" : aggs);
}

}  // namespace tributary
