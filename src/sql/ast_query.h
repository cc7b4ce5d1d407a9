// Query (SELECT) nodes of the SQL AST.
//
// A Query is a QueryBody with an optional ORDER BY and LIMIT that apply to the whole body. A body
// is a single SELECT block, a set operation (UNION [ALL|DISTINCT]) of two bodies, or a
// parenthesised Query, so `(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT 1 ORDER BY 1`
// keeps each ORDER BY where it was written. UNION chains are left-deep.
//
// Every node owns its children. ToSql() prints valid SQL that re-parses to the same tree.
// Thread safety: immutable after parsing; const access from many threads is safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast_common.h"
#include "sql/ast_expr.h"

namespace tributary {

// `expr [[AS] alias]`; `*` and `t.*` are a StarExpr with no alias.
struct SelectItem {
    ExprPtr expr;
    std::string alias;  // empty when not written
    std::string text;   // the expression as written (MySQL names unaliased columns by it)
    SourcePos pos;
};

enum class JoinType : uint8_t { kInner, kCross, kLeftOuter, kRightOuter };

enum class TableRefKind : uint8_t {
    kTable,     // [db.]tbl [[TEMPORARY] PARTITION (p, ...)] [[AS] alias]
    kSubquery,  // (query) [AS] alias
    kJoin,      // left JOIN right [ON cond]; comma joins are kCross with no condition
};

struct TableRef {
    TableRefKind kind = TableRefKind::kTable;
    SourcePos pos;

    // kTable
    QualifiedName table;
    // kTable: PARTITION (p, ...) or TEMPORARY PARTITION (tp, ...) after the name, the only
    // partitions to read; empty: every formal partition.
    std::vector<std::string> partitions;
    bool temporary_partitions = false;
    // kTable, kSubquery (required for a subquery)
    std::string alias;
    // kSubquery
    std::unique_ptr<Query> subquery;
    // kJoin
    JoinType join_type = JoinType::kInner;
    std::unique_ptr<TableRef> left;
    std::unique_ptr<TableRef> right;
    ExprPtr on;  // may be null (CROSS JOIN, comma, or INNER JOIN without ON)

    TableRef();
    ~TableRef();
    TableRef(TableRef&&) noexcept;
    TableRef& operator=(TableRef&&) noexcept;

    std::string ToSql() const;
};

enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct OrderByItem {
    ExprPtr expr;
    bool descending = false;
    NullsOrder nulls = NullsOrder::kDefault;

    std::string ToSql() const;
};

// LIMIT count [OFFSET offset] or LIMIT offset, count.
struct LimitClause {
    int64_t count = 0;
    int64_t offset = 0;
};

enum class QueryBodyKind : uint8_t { kSelect, kSetOperation, kParenthesized };

struct QueryBody {
    QueryBodyKind kind;
    SourcePos pos;

    explicit QueryBody(QueryBodyKind k, SourcePos p = {}) : kind(k), pos(p) {}
    QueryBody(const QueryBody&) = delete;
    QueryBody& operator=(const QueryBody&) = delete;
    virtual ~QueryBody();

    virtual std::string ToSql() const = 0;

    template <typename T>
    const T& As() const {
        TRIBUTARY_DCHECK(kind == T::kKind, "QueryBody::As<T> called on a body of another kind");
        return static_cast<const T&>(*this);
    }
    template <typename T>
    T& As() {
        TRIBUTARY_DCHECK(kind == T::kKind, "QueryBody::As<T> called on a body of another kind");
        return static_cast<T&>(*this);
    }
};

// SELECT [DISTINCT] items [FROM from] [WHERE where] [GROUP BY ...] [HAVING having].
struct SelectBody : QueryBody {
    static constexpr QueryBodyKind kKind = QueryBodyKind::kSelect;
    bool distinct = false;
    std::vector<SelectItem> items;
    std::unique_ptr<TableRef> from;  // null when there is no FROM
    ExprPtr where;
    ExprList group_by;
    ExprPtr having;

    explicit SelectBody(SourcePos p = {}) : QueryBody(kKind, p) {}
    std::string ToSql() const override;
};

enum class SetOperation : uint8_t { kUnion };

struct SetOperationBody : QueryBody {
    static constexpr QueryBodyKind kKind = QueryBodyKind::kSetOperation;
    SetOperation op = SetOperation::kUnion;
    bool all = false;  // UNION ALL; plain UNION and UNION DISTINCT remove duplicates
    std::unique_ptr<QueryBody> left;
    std::unique_ptr<QueryBody> right;

    explicit SetOperationBody(SourcePos p = {}) : QueryBody(kKind, p) {}
    std::string ToSql() const override;
};

struct ParenthesizedBody : QueryBody {
    static constexpr QueryBodyKind kKind = QueryBodyKind::kParenthesized;
    std::unique_ptr<Query> query;

    explicit ParenthesizedBody(SourcePos p = {}) : QueryBody(kKind, p) {}
    ~ParenthesizedBody() override;
    std::string ToSql() const override;
};

struct Query {
    std::unique_ptr<QueryBody> body;
    std::vector<OrderByItem> order_by;
    std::optional<LimitClause> limit;
    SourcePos pos;

    std::string ToSql() const;
};

}  // namespace tributary
