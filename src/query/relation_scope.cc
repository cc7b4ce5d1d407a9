#include "query/relation_scope.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {

namespace {

bool SameName(std::string_view a, std::string_view b) { return ToLower(a) == ToLower(b); }

std::string WrittenName(const ColumnRefExpr& ref) {
    std::string out;
    if (!ref.db.empty()) out += ref.db + ".";
    if (!ref.table.empty()) out += ref.table + ".";
    return out + ref.column;
}

}  // namespace

StatusOr<uint32_t> RelationScope::Find(const ColumnRefExpr& ref) const {
    std::optional<uint32_t> found;
    for (size_t i = 0; i < columns_.size(); ++i) {
        const ScopeColumn& c = columns_[i];
        if (!SameName(c.name, ref.column)) continue;
        if (!ref.table.empty() && !SameName(c.table, ref.table)) continue;
        if (!ref.db.empty() && !SameName(c.db, ref.db)) continue;
        if (found) {
            return Status::InvalidArgument(
                fmt::format("Column '{}' in field list is ambiguous", WrittenName(ref)),
                ErrorCode::kNonUniqError);
        }
        found = static_cast<uint32_t>(i);
    }
    if (!found) {
        return Status::NotFound(
            fmt::format("Unknown column '{}' in 'field list'", WrittenName(ref)),
            ErrorCode::kBadFieldError);
    }
    return *found;
}

StatusOr<BoundColumn> RelationScope::ResolveColumn(const ColumnRefExpr& ref) const {
    ASSIGN_OR_RETURN(uint32_t index, Find(ref));
    const ScopeColumn& c = columns_[index];
    return BoundColumn{index, c.type, c.nullable,
                       c.table.empty() ? c.name : c.table + "." + c.name};
}

std::optional<StatusOr<TypedValue>> RelationScope::Variable(const VariableExpr& var) const {
    if (!env_.variable) return std::nullopt;
    return env_.variable(var);
}

std::optional<StatusOr<TypedValue>> RelationScope::SessionFunction(std::string_view name) const {
    if (!env_.session_function) return std::nullopt;
    return env_.session_function(name);
}

}  // namespace tributary
