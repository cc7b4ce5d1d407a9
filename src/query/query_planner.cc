#include "query/query_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "base/string_util.h"
#include "exec/aggregate_operator.h"
#include "exec/filter_operator.h"
#include "exec/hash_join_operator.h"
#include "exec/limit_operator.h"
#include "exec/project_operator.h"
#include "exec/scan_operator.h"
#include "exec/sort_operator.h"
#include "exec/union_operator.h"
#include "expr/expr_nodes.h"
#include "expr/type_coercion.h"
#include "query/planner_impl.h"

namespace tributary {
namespace planner_internal {

std::vector<ScopeColumn> ScopeOf(const ChunkSchema& schema, const std::vector<std::string>& names,
                                 const std::string& table) {
    std::vector<ScopeColumn> out;
    for (size_t i = 0; i < schema.size(); ++i) {
        out.push_back(
            ScopeColumn{"", table, names[i], schema.columns[i].type, schema.columns[i].nullable});
    }
    return out;
}

// AND-ed parts of a parsed condition.
void SplitConjuncts(const Expr* expr, std::vector<const Expr*>* out) {
    if (expr == nullptr) return;
    if (const auto* b = expr->TryAs<BinaryExpr>(); b != nullptr && b->op == BinaryOp::kAnd) {
        SplitConjuncts(b->left.get(), out);
        SplitConjuncts(b->right.get(), out);
        return;
    }
    out->push_back(expr);
}

std::vector<ExprNodePtr> ColumnRefsOf(const ChunkSchema& schema, size_t count) {
    std::vector<ExprNodePtr> out;
    for (size_t i = 0; i < count; ++i) {
        out.push_back(std::make_unique<ColumnNode>(static_cast<uint32_t>(i), schema.columns[i].type,
                                                   schema.columns[i].nullable,
                                                   schema.columns[i].name));
    }
    return out;
}

std::vector<std::string> NamesOf(const std::vector<ScopeColumn>& columns) {
    std::vector<std::string> out;
    for (const ScopeColumn& c : columns) out.push_back(c.name);
    return out;
}

namespace {

std::string OutputName(const SelectItem& item) {
    if (!item.alias.empty()) return item.alias;
    if (const auto* ref = item.expr->TryAs<ColumnRefExpr>()) return ref->column;
    return item.text.empty() ? item.expr->ToSql() : item.text;
}

// --- Aggregation scope --------------------------------------------------------------------

// Resolves names after aggregation: aggregate calls and grouped expressions become the
// aggregation's output columns; any other column is an error.
class AggregateScope final : public RelationScope {
public:
    AggregateScope(const QueryEnvironment& env, std::vector<ScopeColumn> columns,
                   const RelationScope& input, const AggregateInfo& info)
        : RelationScope(env, std::move(columns)), input_(input), info_(info) {}

    StatusOr<ExprNodePtr> Intercept(const Expr& expr) const override {
        const std::string sql = expr.ToSql();
        for (size_t i = 0; i < info_.agg_texts.size(); ++i) {
            if (info_.agg_texts[i] == sql) return Column(info_.keys.size() + i);
        }
        for (size_t i = 0; i < info_.key_exprs.size(); ++i) {
            if (info_.key_exprs[i]->ToSql() == sql) return Column(i);
        }
        return ExprNodePtr();
    }

    StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const override {
        // A column is usable when it is one of the grouped columns.
        ASSIGN_OR_RETURN(uint32_t index, input_.Find(ref));
        for (size_t i = 0; i < info_.keys.size(); ++i) {
            const ExprNode& key = *info_.keys[i];
            if (key.kind() == ExprNodeKind::kColumn &&
                static_cast<const ColumnNode&>(key).index() == index) {
                const ScopeColumn& c = columns()[i];
                return BoundColumn{static_cast<uint32_t>(i), c.type, c.nullable, c.name};
            }
        }
        return Status::InvalidArgument(
            fmt::format("'{}' must be an aggregate expression or appear in GROUP BY clause",
                        ref.ToSql()),
            ErrorCode::kWrongFieldWithGroup);
    }

private:
    ExprNodePtr Column(size_t i) const {
        const ScopeColumn& c = columns()[i];
        return std::make_unique<ColumnNode>(static_cast<uint32_t>(i), c.type, c.nullable, c.name);
    }

    const RelationScope& input_;
    const AggregateInfo& info_;
};

// HAVING and ORDER BY may name select-list aliases inside expressions (HAVING total > 35,
// ORDER BY 0 - k): an unqualified name that is an alias stands for its select item.
class AliasScope final : public BindScope {
public:
    AliasScope(const RelationScope& inner, const SelectBody& select,
               const std::vector<const Expr*>& items, const EvalContext& ctx)
        : inner_(inner), select_(select), items_(items), ctx_(ctx) {}

    StatusOr<ExprNodePtr> Intercept(const Expr& expr) const override {
        if (const auto* ref = expr.TryAs<ColumnRefExpr>(); ref && ref->table.empty()) {
            for (size_t i = 0; i < select_.items.size() && i < items_.size(); ++i) {
                if (!select_.items[i].alias.empty() &&
                    ToLower(select_.items[i].alias) == ToLower(ref->column)) {
                    return BindExpression(*items_[i], inner_, ctx_);
                }
            }
        }
        return inner_.Intercept(expr);
    }
    StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const override {
        return inner_.ResolveColumn(ref);
    }
    std::optional<StatusOr<TypedValue>> Variable(const VariableExpr& var) const override {
        return inner_.Variable(var);
    }
    std::optional<StatusOr<TypedValue>> SessionFunction(std::string_view name) const override {
        return inner_.SessionFunction(name);
    }

private:
    const RelationScope& inner_;
    const SelectBody& select_;
    const std::vector<const Expr*>& items_;
    const EvalContext& ctx_;
};

}  // namespace

StatusOr<Relation> Planner::PlanQuery(const Query& query) {
    if (query.body->kind == QueryBodyKind::kSelect) {
        return PlanSelect(query.body->As<SelectBody>(), query.order_by, query.limit);
    }
    ASSIGN_OR_RETURN(Relation body, PlanBody(*query.body));
    return OrderAndLimit(std::move(body), query.order_by, query.limit);
}

StatusOr<Relation> Planner::PlanBody(const QueryBody& body) {
    switch (body.kind) {
        case QueryBodyKind::kSelect:
            return PlanSelect(body.As<SelectBody>(), {}, std::nullopt);
        case QueryBodyKind::kParenthesized:
            return PlanQuery(*body.As<ParenthesizedBody>().query);
        case QueryBodyKind::kSetOperation:
            return PlanUnion(body.As<SetOperationBody>());
    }
    return Status::Internal("unknown query body");
}

// ORDER BY / LIMIT over a relation's output columns (set operations).
StatusOr<Relation> Planner::OrderAndLimit(Relation rel, const std::vector<OrderByItem>& order_by,
                                          const std::optional<LimitClause>& limit) {
    std::vector<SortKey> keys;
    RelationScope scope(env_, rel.columns);
    for (const OrderByItem& item : order_by) {
        ASSIGN_OR_RETURN(uint32_t index, OutputPosition(*item.expr, scope, rel.columns.size()));
        keys.push_back(MakeSortKey(item, index, rel.columns[index].name));
    }
    return SortAndLimit(std::move(rel), std::move(keys), limit);
}

// An ORDER BY item that must name an output column: a position or a name.
StatusOr<uint32_t> Planner::OutputPosition(const Expr& expr, const RelationScope& scope,
                                           size_t count) {
    if (const auto* lit = expr.TryAs<LiteralExpr>();
        lit && lit->literal_kind == LiteralKind::kInt) {
        if (lit->int_value < 1 || static_cast<size_t>(lit->int_value) > count) {
            return Status::InvalidArgument(
                fmt::format("Unknown column '{}' in 'order clause'", lit->int_value),
                ErrorCode::kBadFieldError);
        }
        return static_cast<uint32_t>(lit->int_value - 1);
    }
    if (const auto* ref = expr.TryAs<ColumnRefExpr>()) return scope.Find(*ref);
    return Status::NotSupported(
        "ORDER BY of a UNION may only name output columns by position or name",
        ErrorCode::kNotSupportedYet);
}

SortKey Planner::MakeSortKey(const OrderByItem& item, uint32_t column, std::string text) {
    SortKey key;
    key.column = column;
    key.descending = item.descending;
    key.nulls_first =
        item.nulls == NullsOrder::kDefault ? !item.descending : item.nulls == NullsOrder::kFirst;
    key.text = std::move(text);
    return key;
}

StatusOr<Relation> Planner::SortAndLimit(Relation rel, std::vector<SortKey> keys,
                                         const std::optional<LimitClause>& limit) {
    if (!keys.empty()) {
        std::optional<size_t> top;
        if (limit) top = static_cast<size_t>(limit->count + limit->offset);
        rel.op = std::make_unique<SortOperator>(std::move(rel.op), std::move(keys), top);
    }
    if (limit) {
        rel.op =
            std::make_unique<LimitOperator>(std::move(rel.op), static_cast<size_t>(limit->count),
                                            static_cast<size_t>(limit->offset));
    }
    return rel;
}

StatusOr<Relation> Planner::PlanUnion(const SetOperationBody& body) {
    ASSIGN_OR_RETURN(Relation left, PlanBody(*body.left));
    ASSIGN_OR_RETURN(Relation right, PlanBody(*body.right));
    if (left.columns.size() != right.columns.size()) {
        return Status::InvalidArgument(
            "The used SELECT statements have a different number of columns",
            ErrorCode::kWrongNumberOfColumnsInSelect);
    }
    std::vector<TypeDesc> types;
    for (size_t i = 0; i < left.columns.size(); ++i) {
        TypeDesc t = left.columns[i].type;
        if (!(t == right.columns[i].type)) {
            ASSIGN_OR_RETURN(t, CommonType(left.columns[i].type, right.columns[i].type));
        }
        types.push_back(t);
    }
    const std::vector<std::string> names = NamesOf(left.columns);
    std::vector<OperatorPtr> children;
    for (Relation* side : {&left, &right}) {
        ASSIGN_OR_RETURN(OperatorPtr op, CastColumns(std::move(*side), types));
        children.push_back(std::move(op));
    }
    // A column is nullable when it is in either branch (after the casts, which may add NULLs).
    ChunkSchema schema;
    for (size_t i = 0; i < types.size(); ++i) {
        const bool nullable =
            children[0]->schema().columns[i].nullable || children[1]->schema().columns[i].nullable;
        schema.columns.push_back(ColumnSchema{names[i], types[i], nullable});
    }
    Relation out;
    out.columns = ScopeOf(schema, names, "");
    out.op = std::make_unique<UnionAllOperator>(std::move(children), schema);
    if (!body.all) out = Distinct(std::move(out));
    return out;
}

// Projects `rel` so that column i has types[i] (no-op projection when it already does).
StatusOr<OperatorPtr> Planner::CastColumns(Relation rel, const std::vector<TypeDesc>& types) {
    bool same = true;
    for (size_t i = 0; i < types.size(); ++i) same &= rel.columns[i].type == types[i];
    if (same) return std::move(rel.op);
    std::vector<ExprNodePtr> exprs = ColumnRefsOf(rel.op->schema(), types.size());
    for (size_t i = 0; i < types.size(); ++i) {
        ASSIGN_OR_RETURN(exprs[i], CastNode(std::move(exprs[i]), types[i], env_.eval));
        if (!(exprs[i]->type() == types[i])) {
            // Strings widen without a cast node; make the type explicit for the union.
            const bool nullable = exprs[i]->nullable();
            exprs[i] = std::make_unique<CastExprNode>(std::move(exprs[i]), types[i], nullable);
        }
    }
    return OperatorPtr(std::make_unique<ProjectOperator>(std::move(rel.op), std::move(exprs),
                                                         NamesOf(rel.columns), env_.eval));
}

Relation Planner::Distinct(Relation rel) {
    const size_t n = rel.columns.size();
    std::vector<ExprNodePtr> keys = ColumnRefsOf(rel.op->schema(), n);
    std::vector<std::string> names = NamesOf(rel.columns);
    rel.op = std::make_unique<AggregateOperator>(std::move(rel.op), std::move(keys), names,
                                                 std::vector<AggregateCall>{}, env_.eval);
    return rel;
}

// Two tables of one FROM may not answer to the same name (1066).
Status Planner::CheckUniqueAliases(const TableRef& from) {
    std::set<std::string> seen;
    std::function<Status(const TableRef&)> visit = [&](const TableRef& ref) -> Status {
        if (ref.kind == TableRefKind::kJoin) {
            RETURN_IF_ERROR(visit(*ref.left));
            return visit(*ref.right);
        }
        const std::string name = ref.alias.empty() ? ref.table.name : ref.alias;
        if (!seen.insert(ToLower(name)).second) {
            return Status::InvalidArgument(fmt::format("Not unique table/alias: '{}'", name),
                                           ErrorCode::kNonUniqTable);
        }
        return Status::OK();
    };
    return visit(from);
}

StatusOr<Relation> Planner::PlanSelect(const SelectBody& select,
                                       const std::vector<OrderByItem>& order_by,
                                       const std::optional<LimitClause>& limit) {
    // FROM and WHERE.
    std::vector<const Expr*> parts;
    SplitConjuncts(select.where.get(), &parts);
    std::vector<Conjunct> where;
    for (const Expr* p : parts) {
        if (ContainsAggregate(*p)) {
            return Status::InvalidArgument("Invalid use of group function",
                                           ErrorCode::kInvalidGroupFuncUse);
        }
        where.push_back(Conjunct{p});
    }
    Relation input;
    if (select.from) {
        RETURN_IF_ERROR(CheckUniqueAliases(*select.from));
        ASSIGN_OR_RETURN(input, PlanFrom(*select.from, &where));
    } else {
        input.op = std::make_unique<ValuesOperator>(OneRowChunk());
    }
    RelationScope from_scope(env_, input.columns);
    std::vector<ExprNodePtr> remaining;
    for (Conjunct& c : where) {
        // Bound over the whole FROM even when pushed down, so that an ambiguous name is an
        // error (1052) however the plan placed the condition.
        ASSIGN_OR_RETURN(ExprNodePtr bound, BindPredicate(*c.expr, from_scope));
        if (!c.applied) remaining.push_back(std::move(bound));
    }
    input = ApplyFilters(std::move(input), std::move(remaining));

    // Expand `*` into column references.
    std::vector<std::unique_ptr<ColumnRefExpr>> star_refs;
    std::vector<const Expr*> items;
    std::vector<std::string> names;
    for (const SelectItem& item : select.items) {
        const auto* star = item.expr->TryAs<StarExpr>();
        if (star == nullptr) {
            items.push_back(item.expr.get());
            names.push_back(OutputName(item));
            continue;
        }
        bool any = false;
        for (const ScopeColumn& c : input.columns) {
            if (!star->table.empty() && ToLower(star->table) != ToLower(c.table)) continue;
            auto ref = std::make_unique<ColumnRefExpr>();
            ref->db = c.db;
            ref->table = c.table;
            ref->column = c.name;
            items.push_back(ref.get());
            names.push_back(c.name);
            star_refs.push_back(std::move(ref));
            any = true;
        }
        if (!any) {
            if (star->table.empty()) {
                return Status::InvalidArgument("No tables used", ErrorCode::kNoTablesUsed);
            }
            return Status::InvalidArgument(fmt::format("Unknown table '{}'", star->table),
                                           ErrorCode::kBadTable);
        }
    }

    // Aggregation.
    std::vector<const FunctionCallExpr*> aggregates;
    for (const Expr* e : items) CollectAggregates(*e, &aggregates);
    if (select.having) CollectAggregates(*select.having, &aggregates);
    for (const OrderByItem& o : order_by) CollectAggregates(*o.expr, &aggregates);
    const bool aggregating = !select.group_by.empty() || !aggregates.empty();

    Relation current = std::move(input);
    std::unique_ptr<RelationScope> scope;
    AggregateInfo info;
    if (aggregating) {
        ASSIGN_OR_RETURN(current, PlanAggregate(std::move(current), from_scope, select, items,
                                                aggregates, &info));
        scope = std::make_unique<AggregateScope>(env_, current.columns, from_scope, info);
        if (select.having) {
            const AliasScope having_scope(*scope, select, items, env_.eval);
            ASSIGN_OR_RETURN(ExprNodePtr having, BindPredicate(*select.having, having_scope));
            std::vector<ExprNodePtr> f;
            f.push_back(std::move(having));
            current = ApplyFilters(std::move(current), std::move(f));
        }
    } else {
        if (select.having) {
            return Status::NotSupported("HAVING without GROUP BY or aggregates",
                                        ErrorCode::kNotSupportedYet);
        }
        scope = std::make_unique<RelationScope>(env_, current.columns);
    }

    // The select list, plus hidden columns for ORDER BY expressions not selected.
    std::vector<ExprNodePtr> exprs;
    for (const Expr* e : items) {
        ASSIGN_OR_RETURN(ExprNodePtr bound, BindExpression(*e, *scope, env_.eval));
        exprs.push_back(std::move(bound));
    }
    const size_t visible = exprs.size();
    std::vector<SortKey> sort_keys;
    std::vector<std::string> all_names = names;
    for (const OrderByItem& o : order_by) {
        ASSIGN_OR_RETURN(std::optional<uint32_t> pos,
                         SelectPosition(*o.expr, select, items, from_scope));
        if (pos) {
            sort_keys.push_back(MakeSortKey(o, *pos, names[*pos]));
            continue;
        }
        if (select.distinct) {
            return Status::InvalidArgument(
                fmt::format("ORDER BY expression '{}' is not in the select list of a SELECT "
                            "DISTINCT",
                            o.expr->ToSql()),
                ErrorCode::kWrongFieldWithGroup);
        }
        const AliasScope order_scope(*scope, select, items, env_.eval);
        ASSIGN_OR_RETURN(ExprNodePtr bound, BindExpression(*o.expr, order_scope, env_.eval));
        sort_keys.push_back(MakeSortKey(o, static_cast<uint32_t>(exprs.size()), o.expr->ToSql()));
        exprs.push_back(std::move(bound));
        all_names.push_back(o.expr->ToSql());
    }
    Relation projected;
    projected.op = std::make_unique<ProjectOperator>(std::move(current.op), std::move(exprs),
                                                     all_names, env_.eval);
    projected.columns = ScopeOf(projected.op->schema(), all_names, "");
    if (select.distinct) projected = Distinct(std::move(projected));
    ASSIGN_OR_RETURN(projected, SortAndLimit(std::move(projected), std::move(sort_keys), limit));
    if (projected.columns.size() > visible) {
        std::vector<ExprNodePtr> keep = ColumnRefsOf(projected.op->schema(), visible);
        projected.op = std::make_unique<ProjectOperator>(std::move(projected.op), std::move(keep),
                                                         names, env_.eval);
        projected.columns.resize(visible);
    }
    return projected;
}

// ORDER BY / GROUP BY item naming a select-list entry: a position, an alias, or the same
// expression. nullopt when it is none of these.
StatusOr<std::optional<uint32_t>> Planner::SelectPosition(const Expr& expr,
                                                          const SelectBody& select,
                                                          const std::vector<const Expr*>& items,
                                                          const RelationScope& from_scope) {
    if (const auto* lit = expr.TryAs<LiteralExpr>();
        lit && lit->literal_kind == LiteralKind::kInt) {
        if (lit->int_value < 1 || static_cast<size_t>(lit->int_value) > items.size()) {
            return Status::InvalidArgument(
                fmt::format("Unknown column '{}' in 'order clause'", lit->int_value),
                ErrorCode::kBadFieldError);
        }
        return std::optional<uint32_t>(static_cast<uint32_t>(lit->int_value - 1));
    }
    if (const auto* ref = expr.TryAs<ColumnRefExpr>(); ref && ref->table.empty()) {
        for (size_t i = 0; i < select.items.size() && i < items.size(); ++i) {
            if (!select.items[i].alias.empty() &&
                ToLower(select.items[i].alias) == ToLower(ref->column)) {
                return std::optional<uint32_t>(static_cast<uint32_t>(i));
            }
        }
    }
    if (const auto* ref = expr.TryAs<ColumnRefExpr>()) {
        // The same column however it is written (k, t.k, db.t.k, or inside `*`).
        StatusOr<uint32_t> column = from_scope.Find(*ref);
        for (size_t i = 0; column.ok() && i < items.size(); ++i) {
            const auto* item = items[i]->TryAs<ColumnRefExpr>();
            if (item == nullptr) continue;
            StatusOr<uint32_t> item_column = from_scope.Find(*item);
            if (item_column.ok() && *item_column == *column) {
                return std::optional<uint32_t>(static_cast<uint32_t>(i));
            }
        }
    }
    const std::string sql = expr.ToSql();
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i]->ToSql() == sql) return std::optional<uint32_t>(static_cast<uint32_t>(i));
    }
    return std::optional<uint32_t>();
}

StatusOr<Relation> Planner::PlanAggregate(Relation input, const RelationScope& from_scope,
                                          const SelectBody& select,
                                          const std::vector<const Expr*>& items,
                                          const std::vector<const FunctionCallExpr*>& aggregates,
                                          AggregateInfo* info) {
    std::vector<std::string> key_names;
    std::vector<ScopeColumn> columns;
    for (const ExprPtr& g : select.group_by) {
        // GROUP BY position / alias name the select list; otherwise an expression.
        const Expr* key = g.get();
        if (const auto* lit = g->TryAs<LiteralExpr>();
            lit && lit->literal_kind == LiteralKind::kInt) {
            if (lit->int_value < 1 || static_cast<size_t>(lit->int_value) > items.size()) {
                return Status::InvalidArgument(
                    fmt::format("Unknown column '{}' in 'group statement'", lit->int_value),
                    ErrorCode::kBadFieldError);
            }
            key = items[lit->int_value - 1];
        } else if (const auto* ref = g->TryAs<ColumnRefExpr>();
                   ref && ref->table.empty() && !from_scope.Find(*ref).ok()) {
            for (size_t i = 0; i < select.items.size(); ++i) {
                if (!select.items[i].alias.empty() &&
                    ToLower(select.items[i].alias) == ToLower(ref->column)) {
                    key = items[i];
                    break;
                }
            }
        }
        if (ContainsAggregate(*key)) {
            return Status::InvalidArgument("Invalid use of group function",
                                           ErrorCode::kInvalidGroupFuncUse);
        }
        ASSIGN_OR_RETURN(ExprNodePtr bound, BindExpression(*key, from_scope, env_.eval));
        ScopeColumn column{"", "", key->ToSql(), bound->type(), bound->nullable()};
        if (const auto* ref = key->TryAs<ColumnRefExpr>()) {
            ASSIGN_OR_RETURN(uint32_t idx, from_scope.Find(*ref));
            column = from_scope.columns()[idx];
        }
        key_names.push_back(column.name);
        columns.push_back(column);
        info->key_exprs.push_back(key);
        info->keys.push_back(std::move(bound));
    }
    std::vector<AggregateCall> calls;
    for (const FunctionCallExpr* call : aggregates) {
        AggregateCall a;
        a.name = ToLower(call->name);
        a.text = call->ToSql();
        std::vector<TypeDesc> types;
        for (const ExprPtr& arg : call->args) {
            if (ContainsAggregate(*arg)) {
                return Status::InvalidArgument("Invalid use of group function",
                                               ErrorCode::kInvalidGroupFuncUse);
            }
            ASSIGN_OR_RETURN(ExprNodePtr bound, BindExpression(*arg, from_scope, env_.eval));
            const TypeDesc input_type = AggregateInputType(a.name, bound->type());
            ASSIGN_OR_RETURN(bound, CastNode(std::move(bound), input_type, env_.eval));
            types.push_back(bound->type());
            a.args.push_back(std::move(bound));
        }
        ASSIGN_OR_RETURN(a.signature, ResolveAggregate(a.name, call->star, call->distinct, types));
        columns.push_back(
            ScopeColumn{"", "", a.text, a.signature.result_type, a.signature.nullable});
        info->agg_texts.push_back(a.text);
        calls.push_back(std::move(a));
    }
    std::vector<ExprNodePtr> keys;
    for (const ExprNodePtr& k : info->keys) keys.push_back(k->Clone());
    Relation out;
    out.op = std::make_unique<AggregateOperator>(std::move(input.op), std::move(keys), key_names,
                                                 std::move(calls), env_.eval);
    out.columns = std::move(columns);
    return out;
}

}  // namespace planner_internal

StatusOr<QueryPlan> PlanQuery(const Query& query, const QueryEnvironment& env) {
    const ColumnUsage usage = ColumnUsage::Of(query);
    planner_internal::Planner planner(env, usage);
    ASSIGN_OR_RETURN(planner_internal::Relation rel, planner.PlanQuery(query));
    QueryPlan plan;
    plan.column_names = planner_internal::NamesOf(rel.columns);
    plan.root = std::move(rel.op);
    return plan;
}

}  // namespace tributary
