#include "exec/project_operator.h"

#include "expr/expr_nodes.h"

namespace tributary {

namespace {

ChunkSchema ProjectSchema(const std::vector<ExprNodePtr>& exprs,
                          const std::vector<std::string>& names) {
    ChunkSchema schema;
    for (size_t i = 0; i < exprs.size(); ++i) {
        schema.columns.push_back(ColumnSchema{names[i], exprs[i]->type(), exprs[i]->nullable()});
    }
    return schema;
}

}  // namespace

ProjectOperator::ProjectOperator(OperatorPtr child, std::vector<ExprNodePtr> exprs,
                                 std::vector<std::string> names, EvalContext ctx)
    : Operator(ProjectSchema(exprs, names)),
      child_(std::move(child)),
      exprs_(std::move(exprs)),
      ctx_(std::move(ctx)) {}

StatusOr<Chunk> ProjectOperator::Apply(Chunk chunk) const {
    const size_t rows = chunk.num_rows();
    std::vector<ColumnPtr> columns;
    columns.reserve(exprs_.size());
    for (size_t i = 0; i < exprs_.size(); ++i) {
        ASSIGN_OR_RETURN(EvalColumn value, exprs_[i]->Evaluate(chunk, ctx_));
        ColumnPtr column = std::move(value).Materialize(rows);
        if (column->is_nullable() != schema_.columns[i].nullable) {
            return Status::Internal("projection produced a column of unexpected nullability: " +
                                    exprs_[i]->ToString());
        }
        columns.push_back(std::move(column));
    }
    return Chunk(schema_, std::move(columns));
}

StatusOr<std::optional<Chunk>> ProjectOperator::Next() {
    ASSIGN_OR_RETURN(std::optional<Chunk> chunk, child_->Next());
    if (!chunk) return chunk;
    ASSIGN_OR_RETURN(Chunk out, Apply(std::move(*chunk)));
    return std::optional<Chunk>(std::move(out));
}

Status ProjectOperator::RunParallel(const ChunkSink& sink) {
    return child_->RunParallel([&](int worker, Chunk chunk) -> Status {
        ASSIGN_OR_RETURN(Chunk out, Apply(std::move(chunk)));
        return sink(worker, std::move(out));
    });
}

std::string ProjectOperator::Describe() const {
    std::string out = "PROJECT ";
    for (size_t i = 0; i < exprs_.size(); ++i) {
        if (i > 0) out += ", ";
        out += exprs_[i]->ToString();
    }
    return out;
}

}  // namespace tributary
