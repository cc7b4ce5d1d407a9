#include "exec/union_operator.h"

#include <fmt/format.h>

#include "base/check.h"
#include "column/nullable_column.h"

namespace tributary {

UnionAllOperator::UnionAllOperator(std::vector<OperatorPtr> children, ChunkSchema schema)
    : Operator(std::move(schema)), children_(std::move(children)) {}

Chunk UnionAllOperator::Conform(Chunk chunk) const {
    if (chunk.schema() == schema_) return chunk;
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < schema_.size(); ++c) {
        const Column& src = *chunk.column(c);
        ColumnPtr out = MakeColumn(schema_.columns[c].type, schema_.columns[c].nullable);
        TRIBUTARY_CHECK(out->is_nullable() || !src.is_nullable(),
                        "UNION ALL child produced NULLs in a column the union declares NOT NULL");
        if (out->is_nullable() && !src.is_nullable()) {
            auto* nc = static_cast<NullableColumn*>(out.get());
            nc->data()->AppendRange(src, 0, src.size());
            nc->null_map().assign(src.size(), 0);
        } else {
            out->AppendRange(src, 0, src.size());
        }
        columns.push_back(std::move(out));
    }
    return Chunk(schema_, std::move(columns));
}

StatusOr<std::optional<Chunk>> UnionAllOperator::Next() {
    while (current_ < children_.size()) {
        ASSIGN_OR_RETURN(std::optional<Chunk> chunk, children_[current_]->Next());
        if (chunk) return std::optional<Chunk>(Conform(std::move(*chunk)));
        ++current_;
    }
    return std::optional<Chunk>();
}

int UnionAllOperator::parallelism() const {
    int p = 1;
    for (const OperatorPtr& c : children_) p = std::max(p, c->parallelism());
    return p;
}

Status UnionAllOperator::RunParallel(const ChunkSink& sink) {
    for (OperatorPtr& child : children_) {
        RETURN_IF_ERROR(child->RunParallel(
            [&](int worker, Chunk chunk) { return sink(worker, Conform(std::move(chunk))); }));
    }
    return Status::OK();
}

std::vector<const Operator*> UnionAllOperator::children() const {
    std::vector<const Operator*> out;
    for (const OperatorPtr& c : children_) out.push_back(c.get());
    return out;
}

ValuesOperator::ValuesOperator(Chunk rows)
    : Operator(rows.schema()), rows_(std::move(rows)), num_rows_(rows_->num_rows()) {}

StatusOr<std::optional<Chunk>> ValuesOperator::Next() {
    std::optional<Chunk> out = std::move(rows_);
    rows_.reset();
    return out;
}

std::string ValuesOperator::Describe() const {
    return fmt::format("VALUES [{} row(s)]", num_rows_);
}

Chunk OneRowChunk() {
    ChunkSchema schema;
    schema.columns.push_back(ColumnSchema{"$row", TypeDesc::Of(LogicalType::kBoolean), false});
    Chunk chunk(schema);
    chunk.column(0)->AppendDefault(1);
    return chunk;
}

}  // namespace tributary
