#include "query/scan_pruning.h"

#include "column/type_dispatch.h"
#include "expr/expr_nodes.h"

namespace tributary {

namespace {

std::optional<std::string> EncodeConstant(const TypeDesc& type, const Value& value) {
    if (value.is_null()) return std::nullopt;
    return VisitLogicalType(type.type, [&]<LogicalType T>() -> std::optional<std::string> {
        if (!value.Holds<T>()) return std::nullopt;
        return EncodeZoneValue(value.Get<T>());
    });
}

void AddConjunct(const ExprNode& node, const TableInfo& table,
                 const std::vector<uint32_t>& scan_columns, std::vector<ScanPredicate>* out) {
    if (node.kind() == ExprNodeKind::kAnd) {
        for (const ExprNodePtr& child : node.children()) {
            AddConjunct(*child, table, scan_columns, out);
        }
        return;
    }
    auto prunable = [&](const ExprNode& n) -> std::optional<uint32_t> {
        if (n.kind() != ExprNodeKind::kColumn) return std::nullopt;
        const uint32_t table_column = scan_columns[static_cast<const ColumnNode&>(n).index()];
        if (table.model != KeyModel::kDuplicate && !table.columns[table_column].is_key) {
            return std::nullopt;
        }
        if (!(n.type() == table.columns[table_column].type)) return std::nullopt;
        return table_column;
    };
    if (node.kind() == ExprNodeKind::kIsNull) {
        const auto column = prunable(*node.children()[0]);
        if (!column) return;
        ZonePredicate p;
        const bool is_not_null = static_cast<const IsNullNode&>(node).negated();
        p.kind = is_not_null ? ZonePredicate::Kind::kIsNotNull : ZonePredicate::Kind::kIsNull;
        out->push_back(ScanPredicate{*column, p, node.ToString()});
        return;
    }
    const auto* call = dynamic_cast<const CallNode*>(&node);
    if (call == nullptr || call->children().size() != 2) return;
    std::string op = call->name();
    const ExprNode* column_side = call->children()[0].get();
    const ExprNode* constant_side = call->children()[1].get();
    if (IsLiteral(*column_side) && !IsLiteral(*constant_side)) {
        std::swap(column_side, constant_side);
        // c < x is x > c.
        if (op == "lt")
            op = "gt";
        else if (op == "gt")
            op = "lt";
        else if (op == "le")
            op = "ge";
        else if (op == "ge")
            op = "le";
    }
    const auto column = prunable(*column_side);
    if (!column || !IsLiteral(*constant_side)) return;
    const auto& literal = static_cast<const LiteralNode&>(*constant_side);
    if (!(literal.type() == column_side->type())) return;
    const std::optional<std::string> bound = EncodeConstant(literal.type(), literal.value());
    if (!bound) return;
    ZonePredicate p;
    if (op == "eq") {
        p = ZonePredicate::Equal(*bound);
    } else if (op == "lt" || op == "le") {
        p.upper = *bound;
        p.upper_inclusive = op == "le";
    } else if (op == "gt" || op == "ge") {
        p.lower = *bound;
        p.lower_inclusive = op == "ge";
    } else {
        return;
    }
    out->push_back(ScanPredicate{*column, p, node.ToString()});
}

}  // namespace

void AddScanPruning(const ExprNode& filter, const TableInfo& table,
                    const std::vector<uint32_t>& scan_columns, std::vector<ScanPredicate>* out) {
    AddConjunct(filter, table, scan_columns, out);
}

}  // namespace tributary
