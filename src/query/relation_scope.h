// RelationScope: the columns an expression may name at one point of a plan, and how names
// resolve to them.
//
// A scope lists the columns of an operator's output, each with the qualifiers it may be named
// by (`db`.`table`.`column`, `table`.`column`, `column`). Resolution is case-insensitive; a
// name matching two columns is ambiguous (1052), none unknown (1054). Session values (@@vars,
// DATABASE(), ...) come from the QueryEnvironment.
//
// Thread safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "expr/expr_binder.h"
#include "query/query_planner.h"

namespace tributary {

struct ScopeColumn {
    std::string db;     // for base tables; empty otherwise
    std::string table;  // the table's name or alias; empty for derived columns
    std::string name;
    TypeDesc type;
    bool nullable = true;
};

class RelationScope : public BindScope {
public:
    RelationScope(const QueryEnvironment& env, std::vector<ScopeColumn> columns)
        : env_(env), columns_(std::move(columns)) {}

    const std::vector<ScopeColumn>& columns() const { return columns_; }
    const QueryEnvironment& env() const { return env_; }

    StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const override;
    std::optional<StatusOr<TypedValue>> Variable(const VariableExpr& var) const override;
    std::optional<StatusOr<TypedValue>> SessionFunction(std::string_view name) const override;

    // The index of the column `ref` names, or an error as ResolveColumn gives.
    StatusOr<uint32_t> Find(const ColumnRefExpr& ref) const;

private:
    const QueryEnvironment& env_;
    std::vector<ScopeColumn> columns_;
};

}  // namespace tributary
