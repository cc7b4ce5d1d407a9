#include "expr/expr_node.h"

#include <fmt/format.h>

#include <chrono>

namespace tributary {

EvalContext EvalContext::Default() {
    EvalContext ctx;
    ctx.time_zone = TimeZone::Fixed("UTC", 0);
    ctx.now_unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    return ctx;
}

LiteralNode::LiteralNode(TypeDesc type, Value value)
    : ExprNode(ExprNodeKind::kLiteral, type, value.is_null()), value_(std::move(value)) {}

StatusOr<EvalColumn> LiteralNode::Evaluate(const Chunk&, const EvalContext&) const {
    return MakeConstant(type(), value_);
}

std::string LiteralNode::ToString() const {
    if (value_.is_null()) return "NULL";
    std::string text = value_.Format(type());
    if (type().IsString() || type().IsDateLike()) return fmt::format("'{}'", text);
    return text;
}

ExprNodePtr LiteralNode::Clone() const { return std::make_unique<LiteralNode>(type(), value_); }

ColumnNode::ColumnNode(uint32_t index, TypeDesc type, bool nullable, std::string name)
    : ExprNode(ExprNodeKind::kColumn, type, nullable), index_(index), name_(std::move(name)) {}

StatusOr<EvalColumn> ColumnNode::Evaluate(const Chunk& input, const EvalContext&) const {
    TRIBUTARY_DCHECK(index_ < input.num_columns(), "ColumnNode bound against another layout");
    return EvalColumn::Borrow(*input.column(index_));
}

std::string ColumnNode::ToString() const {
    return name_.empty() ? fmt::format("#{}", index_) : name_;
}

ExprNodePtr ColumnNode::Clone() const {
    return std::make_unique<ColumnNode>(index_, type(), nullable(), name_);
}

StatusOr<RowMask> EvaluatePredicate(const ExprNode& predicate, const Chunk& input,
                                    const EvalContext& ctx) {
    const size_t rows = input.num_rows();
    ASSIGN_OR_RETURN(EvalColumn result, predicate.Evaluate(input, ctx));
    FixedReader<uint8_t> reader(result);
    RowMask mask(rows);
    if (reader.constant()) {
        std::fill(mask.begin(), mask.end(), !reader.is_null(0) && reader.value(0) != 0);
        return mask;
    }
    const uint8_t* values = static_cast<const FixedColumn<uint8_t>&>(result.data()).data().data();
    const uint8_t* nulls = result.null_map();
    if (nulls == nullptr) {
        for (size_t i = 0; i < rows; ++i) mask[i] = values[i] != 0;
    } else {
        for (size_t i = 0; i < rows; ++i) mask[i] = (values[i] != 0) & (nulls[i] == 0);
    }
    return mask;
}

StatusOr<Value> EvaluateConstant(const ExprNode& node, const EvalContext& ctx) {
    // One row with no columns: enough for a tree without column references.
    Chunk one_row;
    ASSIGN_OR_RETURN(EvalColumn result, node.Evaluate(one_row, ctx));
    return result.ValueAt(0);
}

}  // namespace tributary
