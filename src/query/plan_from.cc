// Planning FROM: base tables (column pruning, pushed-down filters, zone-map pruning), subqueries
// and joins (hash keys from ON and WHERE equalities, build-side filters, residual conditions).
#include <fmt/format.h>

#include <algorithm>

#include "base/string_util.h"
#include "exec/filter_operator.h"
#include "exec/hash_join_operator.h"
#include "exec/project_operator.h"
#include "exec/scan_operator.h"
#include "expr/expr_nodes.h"
#include "expr/type_coercion.h"
#include "query/planner_impl.h"
#include "query/scan_pruning.h"

namespace tributary {
namespace planner_internal {
namespace {

// The partitions `ref` names (FROM t [TEMPORARY] PARTITION (...)), each once; empty when it
// names none (the scan then reads every formal partition). 1735 for a name that is not a
// partition of that kind: a temporary partition is read only through TEMPORARY PARTITION.
StatusOr<std::vector<const PartitionInfo*>> ChosenPartitions(const TableRef& ref,
                                                             const TableInfo& table) {
    const PartitionKind kind =
        ref.temporary_partitions ? PartitionKind::kTemporary : PartitionKind::kFormal;
    std::vector<const PartitionInfo*> chosen;
    for (const std::string& name : ref.partitions) {
        const PartitionInfo* partition = table.FindPartition(kind, name);
        if (partition == nullptr) {
            return Status::NotFound(
                fmt::format("Unknown {}partition '{}' in table '{}'",
                            ref.temporary_partitions ? "temporary " : "", name, table.name),
                ErrorCode::kUnknownPartition);
        }
        if (std::find(chosen.begin(), chosen.end(), partition) == chosen.end()) {
            chosen.push_back(partition);
        }
    }
    return chosen;
}

}  // namespace

StatusOr<Relation> Planner::PlanTable(const TableRef& ref, std::vector<Conjunct>* where) {
    const std::string db = ref.table.db.empty() ? env_.current_db : ref.table.db;
    if (db.empty()) {
        return Status::InvalidArgument("No database selected", ErrorCode::kNoDbSelected);
    }
    if (env_.check_select) RETURN_IF_ERROR(env_.check_select(db, ref.table.name));
    ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                     env_.catalog->GetTable(db, ref.table.name));
    const std::string qualifier = ref.alias.empty() ? ref.table.name : ref.alias;

    ScanSpec spec;
    spec.table = table;
    ASSIGN_OR_RETURN(spec.partitions, ChosenPartitions(ref, *table));
    spec.table_alias = qualifier;
    spec.workers = env_.workers;
    for (size_t c = 0; c < table->columns.size(); ++c) {
        if (usage_.Uses(qualifier, table->columns[c].name)) {
            spec.columns.push_back(static_cast<uint32_t>(c));
        }
    }
    // count(*) and friends still need the row count: read the narrowest key column.
    if (spec.columns.empty()) spec.columns.push_back(0);

    std::vector<ScopeColumn> columns;
    for (uint32_t c : spec.columns) {
        const ColumnInfo& info = table->columns[c];
        columns.push_back(ScopeColumn{db, qualifier, info.name, info.type, info.nullable});
    }
    RelationScope scope(env_, columns);
    // WHERE conjuncts over this table alone: filter right above the scan, and prune.
    std::vector<ExprNodePtr> filters;
    if (where != nullptr) {
        for (Conjunct& c : *where) {
            if (c.applied) continue;
            StatusOr<ExprNodePtr> bound = BindPredicate(*c.expr, scope);
            if (!bound.ok()) continue;
            c.applied = true;
            filters.push_back(std::move(*bound));
        }
    }
    for (const ExprNodePtr& f : filters) {
        AddScanPruning(*f, *table, spec.columns, &spec.prune);
    }
    ASSIGN_OR_RETURN(std::unique_ptr<ScanOperator> scan,
                     ScanOperator::Open(env_.services, std::move(spec)));
    Relation rel{std::move(scan), std::move(columns)};
    return ApplyFilters(std::move(rel), std::move(filters));
}

Relation Planner::ApplyFilters(Relation rel, std::vector<ExprNodePtr> filters) {
    ExprNodePtr combined;
    for (ExprNodePtr& f : filters) {
        if (!combined) {
            combined = std::move(f);
        } else {
            combined = std::make_unique<LogicalNode>(ExprNodeKind::kAnd, std::move(combined),
                                                     std::move(f));
        }
    }
    if (combined) {
        rel.op =
            std::make_unique<FilterOperator>(std::move(rel.op), std::move(combined), env_.eval);
    }
    return rel;
}

StatusOr<ExprNodePtr> Planner::BindPredicate(const Expr& expr, const BindScope& scope) {
    ASSIGN_OR_RETURN(ExprNodePtr node, BindExpression(expr, scope, env_.eval));
    return CastNode(std::move(node), TypeDesc::Of(LogicalType::kBoolean), env_.eval);
}

// `where` may be null: conjuncts are pushed only where they keep their meaning.
StatusOr<Relation> Planner::PlanFrom(const TableRef& ref, std::vector<Conjunct>* where) {
    switch (ref.kind) {
        case TableRefKind::kTable:
            return PlanTable(ref, where);
        case TableRefKind::kSubquery: {
            ASSIGN_OR_RETURN(Relation sub, PlanQuery(*ref.subquery));
            for (ScopeColumn& c : sub.columns) {
                c.db.clear();
                c.table = ref.alias;
            }
            if (where == nullptr) return sub;
            RelationScope scope(env_, sub.columns);
            std::vector<ExprNodePtr> filters;
            for (Conjunct& c : *where) {
                if (c.applied) continue;
                StatusOr<ExprNodePtr> bound = BindPredicate(*c.expr, scope);
                if (!bound.ok()) continue;
                c.applied = true;
                filters.push_back(std::move(*bound));
            }
            return ApplyFilters(std::move(sub), std::move(filters));
        }
        case TableRefKind::kJoin:
            return PlanJoin(ref, where);
    }
    return Status::Internal("unknown table reference");
}

StatusOr<Relation> Planner::PlanJoin(const TableRef& ref, std::vector<Conjunct>* where) {
    if (ref.join_type == JoinType::kRightOuter) {
        // a RIGHT JOIN b = b LEFT JOIN a, with the columns put back in a, b order.
        size_t b_count = 0;
        ASSIGN_OR_RETURN(Relation swapped,
                         JoinSides(*ref.right, *ref.left, JoinKind::kLeftOuter, ref.on.get(), where,
                                   /*push_right=*/false, &b_count));
        const size_t right_count = swapped.columns.size();
        const size_t left_count = right_count - b_count;
        std::vector<ExprNodePtr> exprs;
        std::vector<ScopeColumn> columns;
        const ChunkSchema& s = swapped.op->schema();
        for (size_t i = 0; i < right_count; ++i) {
            const size_t src = i < left_count ? b_count + i : i - left_count;
            exprs.push_back(
                std::make_unique<ColumnNode>(static_cast<uint32_t>(src), s.columns[src].type,
                                             s.columns[src].nullable, s.columns[src].name));
            columns.push_back(swapped.columns[src]);
        }
        std::vector<std::string> names = NamesOf(columns);
        swapped.op = std::make_unique<ProjectOperator>(std::move(swapped.op), std::move(exprs),
                                                       names, env_.eval);
        swapped.columns = std::move(columns);
        return swapped;
    }
    const JoinKind kind =
        ref.join_type == JoinType::kLeftOuter ? JoinKind::kLeftOuter : JoinKind::kInner;
    size_t unused = 0;
    return JoinSides(*ref.left, *ref.right, kind, ref.on.get(), where,
                     /*push_right=*/kind == JoinKind::kInner, &unused);
}

StatusOr<Relation> Planner::JoinSides(const TableRef& left_ref, const TableRef& right_ref,
                                      JoinKind kind, const Expr* on, std::vector<Conjunct>* where,
                                      bool push_right, size_t* left_columns) {
    ASSIGN_OR_RETURN(Relation left, PlanFrom(left_ref, where));
    *left_columns = left.columns.size();
    ASSIGN_OR_RETURN(Relation right, PlanFrom(right_ref, push_right ? where : nullptr));
    RelationScope left_scope(env_, left.columns);
    RelationScope right_scope(env_, right.columns);
    std::vector<ScopeColumn> all = left.columns;
    for (ScopeColumn c : right.columns) {
        if (kind == JoinKind::kLeftOuter) c.nullable = true;
        all.push_back(std::move(c));
    }
    RelationScope joined_scope(env_, all);

    // Candidate conditions: ON, and for inner joins the WHERE conjuncts over both sides.
    std::vector<const Expr*> conditions;
    SplitConjuncts(on, &conditions);
    // Names in ON must be unambiguous over both sides, even when one side alone resolves them.
    for (const Expr* cond : conditions)
        RETURN_IF_ERROR(BindPredicate(*cond, joined_scope).status());
    std::vector<Conjunct*> from_where;
    if (kind == JoinKind::kInner && where != nullptr) {
        for (Conjunct& c : *where) {
            if (c.applied) continue;
            if (!BindPredicate(*c.expr, joined_scope).ok()) continue;
            conditions.push_back(c.expr);
            from_where.push_back(&c);
        }
    }
    std::vector<ExprNodePtr> left_keys;
    std::vector<ExprNodePtr> right_keys;
    std::vector<ExprNodePtr> residual;
    std::vector<ExprNodePtr> right_filters;
    for (const Expr* cond : conditions) {
        if (const auto* eq = cond->TryAs<BinaryExpr>(); eq != nullptr && eq->op == BinaryOp::kEq) {
            StatusOr<ExprNodePtr> l1 = BindExpression(*eq->left, left_scope, env_.eval);
            StatusOr<ExprNodePtr> r1 = BindExpression(*eq->right, right_scope, env_.eval);
            StatusOr<ExprNodePtr> l2 = BindExpression(*eq->right, left_scope, env_.eval);
            StatusOr<ExprNodePtr> r2 = BindExpression(*eq->left, right_scope, env_.eval);
            ExprNodePtr lk, rk;
            if (l1.ok() && r1.ok() && !IsLiteral(**l1) && !IsLiteral(**r1)) {
                lk = std::move(*l1);
                rk = std::move(*r1);
            } else if (l2.ok() && r2.ok() && !IsLiteral(**l2) && !IsLiteral(**r2)) {
                lk = std::move(*l2);
                rk = std::move(*r2);
            }
            if (lk) {
                ASSIGN_OR_RETURN(TypeDesc t, ComparisonType(lk->type(), rk->type()));
                if (t.IsString()) t = AnyVarchar();
                ASSIGN_OR_RETURN(lk, CastNode(std::move(lk), t, env_.eval));
                ASSIGN_OR_RETURN(rk, CastNode(std::move(rk), t, env_.eval));
                left_keys.push_back(std::move(lk));
                right_keys.push_back(std::move(rk));
                continue;
            }
        }
        // ON conditions over the right side alone filter the build side (for LEFT joins
        // too: they only decide which right rows can match).
        if (StatusOr<ExprNodePtr> r = BindPredicate(*cond, right_scope); r.ok()) {
            right_filters.push_back(std::move(*r));
            continue;
        }
        ASSIGN_OR_RETURN(ExprNodePtr bound, BindPredicate(*cond, joined_scope));
        residual.push_back(std::move(bound));
    }
    for (Conjunct* c : from_where) c->applied = true;
    right = ApplyFilters(std::move(right), std::move(right_filters));
    ExprNodePtr residual_expr;
    for (ExprNodePtr& r : residual) {
        residual_expr = residual_expr
                            ? std::make_unique<LogicalNode>(ExprNodeKind::kAnd,
                                                            std::move(residual_expr), std::move(r))
                            : std::move(r);
    }
    Relation out;
    out.columns = std::move(all);
    out.op = std::make_unique<HashJoinOperator>(kind, std::move(left.op), std::move(right.op),
                                                std::move(left_keys), std::move(right_keys),
                                                std::move(residual_expr), env_.eval);
    return out;
}

}  // namespace planner_internal
}  // namespace tributary
