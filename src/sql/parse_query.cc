// SELECT queries: UNION chains of SELECT blocks or parenthesised queries, with ORDER BY and LIMIT
// on the whole, and the FROM clause's table references and joins.
#include "base/string_util.h"
#include "sql/keywords.h"
#include "sql/parser_impl.h"

namespace tributary {

StatusOr<std::unique_ptr<Query>> Parser::ParseQuery() {
    RETURN_IF_ERROR(EnterNesting());
    NestingScope nesting(this);
    auto query = std::make_unique<Query>();
    query->pos = Current().pos;
    ASSIGN_OR_RETURN(query->body, ParseQueryBody());
    if (AcceptKeyword("ORDER")) {
        RETURN_IF_ERROR(ExpectKeyword("BY"));
        ASSIGN_OR_RETURN(query->order_by, ParseOrderByList());
    }
    if (AcceptKeyword("LIMIT")) {
        ASSIGN_OR_RETURN(LimitClause limit, ParseLimitBody());
        query->limit = limit;
    }
    return query;
}

StatusOr<std::unique_ptr<QueryBody>> Parser::ParseQueryBody() {
    ASSIGN_OR_RETURN(std::unique_ptr<QueryBody> left, ParseQueryTerm());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptKeyword("UNION")) break;
        auto set = std::make_unique<SetOperationBody>(pos);
        if (AcceptKeyword("ALL")) {
            set->all = true;
        } else {
            AcceptKeyword("DISTINCT");
        }
        set->left = std::move(left);
        ASSIGN_OR_RETURN(set->right, ParseQueryTerm());
        left = std::move(set);
    }
    return left;
}

StatusOr<std::unique_ptr<QueryBody>> Parser::ParseQueryTerm() {
    SourcePos pos = Current().pos;
    if (AcceptOp("(")) {
        auto body = std::make_unique<ParenthesizedBody>(pos);
        ASSIGN_OR_RETURN(body->query, ParseQuery());
        RETURN_IF_ERROR(ExpectOp(")"));
        return std::unique_ptr<QueryBody>(std::move(body));
    }
    return ParseSelectBody();
}

StatusOr<std::unique_ptr<QueryBody>> Parser::ParseSelectBody() {
    auto select = std::make_unique<SelectBody>(Current().pos);
    RETURN_IF_ERROR(ExpectKeyword("SELECT"));
    if (AcceptKeyword("DISTINCT") || AcceptKeyword("DISTINCTROW")) {
        select->distinct = true;
    } else {
        AcceptKeyword("ALL");
    }
    do {
        ASSIGN_OR_RETURN(SelectItem item, ParseSelectItem());
        select->items.push_back(std::move(item));
    } while (AcceptOp(","));
    if (AcceptKeyword("FROM")) {
        if (!AcceptKeyword("DUAL")) {
            ASSIGN_OR_RETURN(select->from, ParseTableRefs());
        }
    }
    if (AcceptKeyword("WHERE")) {
        ASSIGN_OR_RETURN(select->where, ParseExpr());
    }
    if (AcceptKeyword("GROUP")) {
        RETURN_IF_ERROR(ExpectKeyword("BY"));
        do {
            ASSIGN_OR_RETURN(ExprPtr expr, ParseExpr());
            select->group_by.push_back(std::move(expr));
        } while (AcceptOp(","));
    }
    if (AcceptKeyword("HAVING")) {
        ASSIGN_OR_RETURN(select->having, ParseExpr());
    }
    return std::unique_ptr<QueryBody>(std::move(select));
}

StatusOr<SelectItem> Parser::ParseSelectItem() {
    SelectItem item;
    item.pos = Current().pos;
    if (AcceptOp("*")) {
        item.expr = std::make_unique<StarExpr>(item.pos);
        return item;
    }
    const size_t first = position();
    ASSIGN_OR_RETURN(item.expr, ParseExpr());
    if (position() > first) {
        const size_t begin = tokens_[first].begin;
        item.text = std::string(sql_.substr(begin, tokens_[position() - 1].end - begin));
    }
    if (item.expr->kind != ExprKind::kStar) {
        RETURN_IF_ERROR(ParseAlias(&item.alias, /*allow_string=*/true, /*required=*/false));
    }
    return item;
}

Status Parser::ParseAlias(std::string* alias, bool allow_string, bool required) {
    bool has_as = AcceptKeyword("AS");
    const Token& token = Current();
    if (token.kind == TokenKind::kQuotedIdentifier ||
        (token.kind == TokenKind::kIdentifier && !IsReservedWord(token.text)) ||
        (allow_string && token.kind == TokenKind::kString)) {
        *alias = Advance().text;
        return Status::OK();
    }
    if (has_as || required) {
        NoteExpected("alias");
        return Unexpected();
    }
    return Status::OK();
}

// Comma-separated references; a comma binds more loosely than JOIN.
StatusOr<std::unique_ptr<TableRef>> Parser::ParseTableRefs() {
    ASSIGN_OR_RETURN(std::unique_ptr<TableRef> left, ParseTableRef());
    while (true) {
        SourcePos pos = Current().pos;
        if (!AcceptOp(",")) break;
        auto join = std::make_unique<TableRef>();
        join->kind = TableRefKind::kJoin;
        join->pos = pos;
        join->join_type = JoinType::kCross;
        join->left = std::move(left);
        ASSIGN_OR_RETURN(join->right, ParseTableRef());
        left = std::move(join);
    }
    return left;
}

StatusOr<std::unique_ptr<TableRef>> Parser::ParseTableRef() {
    ASSIGN_OR_RETURN(std::unique_ptr<TableRef> left, ParseTablePrimary());
    while (true) {
        SourcePos pos = Current().pos;
        JoinType type;
        if (AcceptKeyword("JOIN")) {
            type = JoinType::kInner;
        } else if (AcceptKeyword("INNER")) {
            RETURN_IF_ERROR(ExpectKeyword("JOIN"));
            type = JoinType::kInner;
        } else if (AcceptKeyword("CROSS")) {
            RETURN_IF_ERROR(ExpectKeyword("JOIN"));
            type = JoinType::kCross;
        } else if (AcceptKeyword("LEFT")) {
            AcceptKeyword("OUTER");
            RETURN_IF_ERROR(ExpectKeyword("JOIN"));
            type = JoinType::kLeftOuter;
        } else if (AcceptKeyword("RIGHT")) {
            AcceptKeyword("OUTER");
            RETURN_IF_ERROR(ExpectKeyword("JOIN"));
            type = JoinType::kRightOuter;
        } else {
            break;
        }
        auto join = std::make_unique<TableRef>();
        join->kind = TableRefKind::kJoin;
        join->pos = pos;
        join->join_type = type;
        join->left = std::move(left);
        ASSIGN_OR_RETURN(join->right, ParseTablePrimary());
        bool outer = type == JoinType::kLeftOuter || type == JoinType::kRightOuter;
        if (AcceptKeyword("ON")) {
            ASSIGN_OR_RETURN(join->on, ParseExpr());
        } else if (outer) {
            return Unexpected();
        }
        left = std::move(join);
    }
    return left;
}

StatusOr<std::unique_ptr<TableRef>> Parser::ParseTablePrimary() {
    auto ref = std::make_unique<TableRef>();
    ref->pos = Current().pos;
    if (PeekOp("(")) {
        RETURN_IF_ERROR(EnterNesting());
        NestingScope nesting(this);
        if (AtQueryStart(1)) {
            Advance();
            ref->kind = TableRefKind::kSubquery;
            ASSIGN_OR_RETURN(ref->subquery, ParseQuery());
            RETURN_IF_ERROR(ExpectOp(")"));
            RETURN_IF_ERROR(ParseAlias(&ref->alias, /*allow_string=*/false, /*required=*/true));
            return ref;
        }
        Advance();
        ASSIGN_OR_RETURN(std::unique_ptr<TableRef> inner, ParseTableRefs());
        RETURN_IF_ERROR(ExpectOp(")"));
        return inner;
    }
    ref->kind = TableRefKind::kTable;
    ASSIGN_OR_RETURN(ref->table, ParseQualifiedName());
    if (PeekKeyword("TEMPORARY") && AtPartitionNames(1)) {
        Advance();
        ref->temporary_partitions = true;
        ASSIGN_OR_RETURN(ref->partitions, ParsePartitionNames());
    } else if (AtPartitionNames()) {
        ASSIGN_OR_RETURN(ref->partitions, ParsePartitionNames());
    }
    RETURN_IF_ERROR(ParseAlias(&ref->alias, /*allow_string=*/false, /*required=*/false));
    return ref;
}

StatusOr<std::vector<OrderByItem>> Parser::ParseOrderByList() {
    std::vector<OrderByItem> items;
    do {
        OrderByItem item;
        ASSIGN_OR_RETURN(item.expr, ParseExpr());
        if (AcceptKeyword("DESC")) {
            item.descending = true;
        } else {
            AcceptKeyword("ASC");
        }
        if (AcceptKeyword("NULLS")) {
            if (AcceptKeyword("FIRST")) {
                item.nulls = NullsOrder::kFirst;
            } else if (AcceptKeyword("LAST")) {
                item.nulls = NullsOrder::kLast;
            } else {
                return Unexpected();
            }
        }
        items.push_back(std::move(item));
    } while (AcceptOp(","));
    return items;
}

}  // namespace tributary
