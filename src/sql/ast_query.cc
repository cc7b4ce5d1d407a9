#include "sql/ast_query.h"

#include "base/string_util.h"

namespace tributary {

QueryBody::~QueryBody() = default;
ParenthesizedBody::~ParenthesizedBody() = default;
TableRef::TableRef() = default;
TableRef::~TableRef() = default;
TableRef::TableRef(TableRef&&) noexcept = default;
TableRef& TableRef::operator=(TableRef&&) noexcept = default;

namespace {

std::string_view JoinTypeSql(JoinType type) {
    switch (type) {
        case JoinType::kInner:
            return "INNER JOIN";
        case JoinType::kCross:
            return "CROSS JOIN";
        case JoinType::kLeftOuter:
            return "LEFT OUTER JOIN";
        case JoinType::kRightOuter:
            return "RIGHT OUTER JOIN";
    }
    return "JOIN";
}


}  // namespace

std::string TableRef::ToSql() const {
    switch (kind) {
        case TableRefKind::kTable: {
            std::string out = table.ToSql();
            if (!partitions.empty()) {
                out += temporary_partitions ? " TEMPORARY PARTITION (" : " PARTITION (";
                for (size_t i = 0; i < partitions.size(); ++i) {
                    if (i > 0) out += ", ";
                    out += QuoteIdentifier(partitions[i]);
                }
                out += ")";
            }
            if (!alias.empty()) out += " AS " + QuoteIdentifier(alias);
            return out;
        }
        case TableRefKind::kSubquery:
            return "(" + subquery->ToSql() + ") AS " + QuoteIdentifier(alias);
        case TableRefKind::kJoin: {
            // Joins chain to the left; a join on the right came from parentheses.
            std::string right_sql = right->ToSql();
            if (right->kind == TableRefKind::kJoin) right_sql = "(" + right_sql + ")";
            std::string out =
                left->ToSql() + " " + std::string(JoinTypeSql(join_type)) + " " + right_sql;
            if (on) out += " ON " + on->ToSql();
            return out;
        }
    }
    return "";
}

std::string OrderByItem::ToSql() const {
    std::string out = expr->ToSql();
    if (descending) out += " DESC";
    if (nulls == NullsOrder::kFirst) out += " NULLS FIRST";
    if (nulls == NullsOrder::kLast) out += " NULLS LAST";
    return out;
}

std::string SelectBody::ToSql() const {
    std::string out = distinct ? "SELECT DISTINCT " : "SELECT ";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += items[i].expr->ToSql();
        if (!items[i].alias.empty()) out += " AS " + QuoteIdentifier(items[i].alias);
    }
    if (from) out += " FROM " + from->ToSql();
    if (where) out += " WHERE " + where->ToSql();
    if (!group_by.empty()) out += " GROUP BY " + JoinSql(group_by);
    if (having) out += " HAVING " + having->ToSql();
    return out;
}

std::string SetOperationBody::ToSql() const {
    std::string right_sql = right->ToSql();
    if (right->kind == QueryBodyKind::kSetOperation) right_sql = "(" + right_sql + ")";
    return left->ToSql() + (all ? " UNION ALL " : " UNION ") + right_sql;
}

std::string ParenthesizedBody::ToSql() const { return "(" + query->ToSql() + ")"; }

std::string Query::ToSql() const {
    std::string out = body->ToSql();
    if (!order_by.empty()) {
        out += " ORDER BY ";
        for (size_t i = 0; i < order_by.size(); ++i) {
            if (i > 0) out += ", ";
            out += order_by[i].ToSql();
        }
    }
    if (limit) {
        out += " LIMIT " + std::to_string(limit->count);
        if (limit->offset != 0) out += " OFFSET " + std::to_string(limit->offset);
    }
    return out;
}

}  // namespace tributary
