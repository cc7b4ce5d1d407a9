// The planner's internals, shared by query_planner.cc (SELECT, aggregation, ORDER BY, UNION)
// and plan_from.cc (FROM: tables, subqueries, joins, pushed-down filters). Not for other
// folders: src/query's interface is query_planner.h.
//
// Thread safety: a Planner plans one statement on one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/operator.h"
#include "exec/sort_operator.h"
#include "expr/expr_node.h"
#include "query/ast_walk.h"
#include "query/query_planner.h"
#include "query/relation_scope.h"

namespace tributary {
namespace planner_internal {

// An operator and the names its columns answer to.
struct Relation {
    OperatorPtr op;
    std::vector<ScopeColumn> columns;
};

// A WHERE conjunct and whether some operator already applies it.
struct Conjunct {
    const Expr* expr;
    bool applied = false;
};

struct AggregateInfo {
    // Group keys: the parsed expression (for matching) and its bound form over the FROM scope.
    std::vector<const Expr*> key_exprs;
    std::vector<ExprNodePtr> keys;
    std::vector<std::string> agg_texts;  // ToSql of each aggregate call
};

// The scope of an operator's output, every column qualified by `table`.
std::vector<ScopeColumn> ScopeOf(const ChunkSchema& schema, const std::vector<std::string>& names,
                                 const std::string& table);
// AND-ed parts of a parsed condition (none for a null condition).
void SplitConjuncts(const Expr* expr, std::vector<const Expr*>* out);
// References to the first `count` columns of `schema`.
std::vector<ExprNodePtr> ColumnRefsOf(const ChunkSchema& schema, size_t count);
std::vector<std::string> NamesOf(const std::vector<ScopeColumn>& columns);

class Planner {
public:
    Planner(const QueryEnvironment& env, const ColumnUsage& usage) : env_(env), usage_(usage) {}

    StatusOr<Relation> PlanQuery(const Query& query);

private:
    StatusOr<Relation> PlanBody(const QueryBody& body);

    // ORDER BY / LIMIT over a relation's output columns (set operations).
    StatusOr<Relation> OrderAndLimit(Relation rel, const std::vector<OrderByItem>& order_by,
                                     const std::optional<LimitClause>& limit);

    // An ORDER BY item that must name an output column: a position or a name.
    StatusOr<uint32_t> OutputPosition(const Expr& expr, const RelationScope& scope, size_t count);

    static SortKey MakeSortKey(const OrderByItem& item, uint32_t column, std::string text);

    StatusOr<Relation> SortAndLimit(Relation rel, std::vector<SortKey> keys,
                                    const std::optional<LimitClause>& limit);

    StatusOr<Relation> PlanUnion(const SetOperationBody& body);

    // Projects `rel` so that column i has types[i] (no-op projection when it already does).
    StatusOr<OperatorPtr> CastColumns(Relation rel, const std::vector<TypeDesc>& types);

    Relation Distinct(Relation rel);

    // Two tables of one FROM may not answer to the same name (1066).
    static Status CheckUniqueAliases(const TableRef& from);

    StatusOr<Relation> PlanSelect(const SelectBody& select,
                                  const std::vector<OrderByItem>& order_by,
                                  const std::optional<LimitClause>& limit);

    // ORDER BY / GROUP BY item naming a select-list entry: a position, an alias, or the same
    // expression. nullopt when it is none of these.
    StatusOr<std::optional<uint32_t>> SelectPosition(const Expr& expr, const SelectBody& select,
                                                     const std::vector<const Expr*>& items,
                                                     const RelationScope& from_scope);

    StatusOr<Relation> PlanAggregate(Relation input, const RelationScope& from_scope,
                                     const SelectBody& select,
                                     const std::vector<const Expr*>& items,
                                     const std::vector<const FunctionCallExpr*>& aggregates,
                                     AggregateInfo* info);

    // --- FROM (plan_from.cc) ---------------------------------------------------------------
    StatusOr<Relation> PlanTable(const TableRef& ref, std::vector<Conjunct>* where);

    Relation ApplyFilters(Relation rel, std::vector<ExprNodePtr> filters);

    StatusOr<ExprNodePtr> BindPredicate(const Expr& expr, const BindScope& scope);

    // `where` may be null: conjuncts are pushed only where they keep their meaning.
    StatusOr<Relation> PlanFrom(const TableRef& ref, std::vector<Conjunct>* where);

    StatusOr<Relation> PlanJoin(const TableRef& ref, std::vector<Conjunct>* where);

    StatusOr<Relation> JoinSides(const TableRef& left_ref, const TableRef& right_ref, JoinKind kind,
                                 const Expr* on, std::vector<Conjunct>* where, bool push_right,
                                 size_t* left_columns);

    const QueryEnvironment& env_;
    const ColumnUsage& usage_;
};

}  // namespace planner_internal
}  // namespace tributary
