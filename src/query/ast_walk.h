// Walks over parsed queries for the planner: which columns a query mentions (so scans read only
// those) and where its aggregate calls are.
//
// Thread safety: pure functions over immutable ASTs.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast_query.h"

namespace tributary {

// The column names a query (with all its subqueries) refers to. A superset: `t.a` marks `a`
// of `t`, an unqualified `a` marks `a` of every table, and `*` / `t.*` mark everything.
class ColumnUsage {
public:
    static ColumnUsage Of(const Query& query);
    // True when column `column` of the table known as `qualifier` may be needed.
    bool Uses(std::string_view qualifier, std::string_view column) const;

private:
    bool all_ = false;
    std::set<std::string> star_tables_;
    std::set<std::string> unqualified_;
    std::set<std::pair<std::string, std::string>> qualified_;
    friend struct ColumnUsageWalker;
};

// True when `name` (any case) is an aggregate function the engine computes.
bool IsAggregateFunction(std::string_view name);

// True when `expr` contains an aggregate call outside any subquery.
bool ContainsAggregate(const Expr& expr);

// Appends the outermost aggregate calls of `expr` to `out`, skipping ones with the same SQL
// text as a call already there.
void CollectAggregates(const Expr& expr, std::vector<const FunctionCallExpr*>* out);

}  // namespace tributary
