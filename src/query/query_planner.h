// PlanQuery: turns a parsed SELECT (sql/ast_query.h) into a tree of vectorized operators.
//
// The planner resolves tables through the catalog (checking SELECT on each), binds every
// expression with the shared expression engine, and builds: scans that read only the columns
// the query mentions and prune with zone maps derived from WHERE; filters pushed below joins
// where that keeps the meaning; hash joins whose keys are the equalities of ON (and of WHERE
// for comma joins); hash aggregation; projections; sort or top-N; limit; UNION [ALL].
//
// Name resolution follows MySQL: columns resolve by name (case-insensitively) with optional
// table and database qualifiers; GROUP BY and ORDER BY may name a select-list position or
// alias; ORDER BY may use columns that are not selected. Errors carry MySQL numbers: 1054
// unknown column, 1052 ambiguous column, 1146 unknown table, 1142 denied, 1222 UNION arity,
// 1111 aggregate in WHERE, 1055 a column neither grouped nor aggregated.
//
// Thread safety: PlanQuery is a pure function of its inputs; the plan it returns is used by one
// query at a time.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/catalog.h"
#include "exec/operator.h"
#include "expr/expr_binder.h"
#include "load/table_sink.h"
#include "sql/ast_query.h"

namespace tributary {

struct QueryEnvironment {
    const Catalog* catalog = nullptr;
    LoadServices services;
    std::string current_db;
    EvalContext eval;
    int workers = 1;
    // PermissionDenied unless the user may SELECT from db.table.
    std::function<Status(const std::string& db, const std::string& table)> check_select;
    // Session values (see BindScope); may be empty.
    std::function<std::optional<StatusOr<TypedValue>>(const VariableExpr&)> variable;
    std::function<std::optional<StatusOr<TypedValue>>(std::string_view)> session_function;
};

struct QueryPlan {
    OperatorPtr root;
    std::vector<std::string> column_names;  // what the client sees, one per root column
};

StatusOr<QueryPlan> PlanQuery(const Query& query, const QueryEnvironment& env);

}  // namespace tributary
