// Catalog and data statements: CREATE / DROP / ALTER / TRUNCATE / DESC, ADMIN, INSERT.
#include <fmt/format.h>

#include "base/string_util.h"
#include "sql/parser_impl.h"

namespace tributary {

namespace {

constexpr std::string_view kAggregations[] = {
    "SUM",
    "MAX",
    "MIN",
    "REPLACE",
    "REPLACE_IF_NOT_NULL",
    "HLL_UNION",
    "BITMAP_UNION",
    "PERCENTILE_UNION",
};

bool IsAggregation(const Token& token) {
    if (token.kind != TokenKind::kIdentifier) return false;
    for (std::string_view name : kAggregations) {
        if (EqualsIgnoreCase(token.text, name)) return true;
    }
    return false;
}

}  // namespace

StatusOr<std::unique_ptr<Statement>> Parser::ParseCreate() {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("CREATE"));
    if (AcceptKeyword("TABLE")) return ParseCreateTable(pos);
    if (AcceptKeyword("DATABASE")) return ParseCreateDatabase(pos);
    if (PeekKeyword("SCHEMA")) {  // a synonym; not listed in error messages
        Advance();
        return ParseCreateDatabase(pos);
    }
    if (AcceptKeyword("USER")) return ParseCreateUser(pos);
    if (AcceptKeyword("ROUTINE")) {
        RETURN_IF_ERROR(ExpectKeyword("LOAD"));
        return ParseCreateRoutineLoad(pos);
    }
    return Unexpected();
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseDrop() {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("DROP"));
    if (AcceptKeyword("TABLE")) {
        auto stmt = std::make_unique<DropTableStmt>(pos);
        stmt->if_exists = AcceptKeywords({"IF", "EXISTS"});
        ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
        stmt->force = AcceptKeyword("FORCE");
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("DATABASE") || (PeekKeyword("SCHEMA") && (Advance(), true))) {
        auto stmt = std::make_unique<DropDatabaseStmt>(pos);
        stmt->if_exists = AcceptKeywords({"IF", "EXISTS"});
        ASSIGN_OR_RETURN(stmt->name, ParseIdentifier());
        stmt->force = AcceptKeyword("FORCE");
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("USER")) return ParseDropUser(pos);
    return Unexpected();
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseCreateDatabase(SourcePos pos) {
    auto stmt = std::make_unique<CreateDatabaseStmt>(pos);
    stmt->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
    ASSIGN_OR_RETURN(stmt->name, ParseIdentifier());
    RETURN_IF_ERROR(ParseOptionalProperties(&stmt->properties));
    return Done(std::move(stmt));
}

// ---- CREATE TABLE -----------------------------------------------------------------------------

StatusOr<std::unique_ptr<Statement>> Parser::ParseCreateTable(SourcePos pos) {
    auto stmt = std::make_unique<CreateTableStmt>(pos);
    stmt->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
    ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
    RETURN_IF_ERROR(ExpectOp("("));
    do {
        if (PeekKeyword("INDEX")) {
            ASSIGN_OR_RETURN(IndexDef index, ParseIndexDef());
            stmt->indexes.push_back(std::move(index));
        } else {
            ASSIGN_OR_RETURN(ColumnDef column, ParseColumnDef());
            stmt->columns.push_back(std::move(column));
        }
    } while (AcceptOp(","));
    RETURN_IF_ERROR(ExpectOp(")"));

    if (AcceptKeyword("ENGINE")) {
        AcceptOp("=");
        ASSIGN_OR_RETURN(stmt->engine, ParseIdentifier());
    }
    static constexpr std::pair<std::string_view, KeysType> kKeys[] = {
        {"DUPLICATE", KeysType::kDuplicate},
        {"AGGREGATE", KeysType::kAggregate},
        {"UNIQUE", KeysType::kUnique},
        {"PRIMARY", KeysType::kPrimary},
    };
    for (const auto& [word, type] : kKeys) {
        if (AcceptKeyword(word)) {
            RETURN_IF_ERROR(ExpectKeyword("KEY"));
            stmt->keys_type = type;
            ASSIGN_OR_RETURN(stmt->key_columns, ParseParenthesizedNames());
            break;
        }
    }
    if (AcceptKeyword("COMMENT")) {
        ASSIGN_OR_RETURN(std::string comment, ParseStringLiteral());
        stmt->comment = std::move(comment);
    }
    if (PeekKeyword("PARTITION")) {
        ASSIGN_OR_RETURN(PartitionDesc partition, ParsePartitionDesc());
        stmt->partition = std::move(partition);
    } else {
        NoteExpected("PARTITION");
    }
    if (PeekKeyword("DISTRIBUTED")) {
        ASSIGN_OR_RETURN(DistributionDesc distribution, ParseDistribution());
        stmt->distribution = std::move(distribution);
    } else {
        NoteExpected("DISTRIBUTED");
    }
    if (AcceptKeyword("ORDER")) {
        RETURN_IF_ERROR(ExpectKeyword("BY"));
        ASSIGN_OR_RETURN(stmt->order_by, ParseParenthesizedNames());
    }
    RETURN_IF_ERROR(ParseOptionalProperties(&stmt->properties));
    return Done(std::move(stmt));
}

// name type [KEY] [agg] [NULL | NOT NULL] [DEFAULT ...] [AUTO_INCREMENT] [COMMENT 'c'], the
// attributes after the type in any order.
StatusOr<ColumnDef> Parser::ParseColumnDef() {
    ColumnDef column;
    column.pos = Current().pos;
    ASSIGN_OR_RETURN(column.name, ParseIdentifier());
    ASSIGN_OR_RETURN(column.type, ParseTypeName());
    while (true) {
        SourcePos attribute_pos = Current().pos;
        if (AcceptKeyword("KEY")) {
            column.is_key = true;
        } else if (IsAggregation(Current())) {
            if (!column.aggregation.empty()) {
                return ErrorAt(attribute_pos, "A column has at most one aggregate type.");
            }
            column.aggregation = ToUpper(Advance().text);
        } else if (AcceptKeyword("NULL")) {
            column.nullability = Nullability::kNull;
        } else if (AcceptKeyword("NOT")) {
            RETURN_IF_ERROR(ExpectKeyword("NULL"));
            column.nullability = Nullability::kNotNull;
        } else if (AcceptKeyword("DEFAULT")) {
            if (PeekKeyword("CURRENT_TIMESTAMP") || PeekKeyword("NOW")) {
                Advance();
                if (AcceptOp("(")) RETURN_IF_ERROR(ExpectOp(")"));
                column.default_kind = DefaultKind::kCurrentTimestamp;
            } else if (AcceptOp("(")) {
                ASSIGN_OR_RETURN(column.default_value, ParseExpr());
                RETURN_IF_ERROR(ExpectOp(")"));
                column.default_kind = DefaultKind::kExpr;
            } else {
                ASSIGN_OR_RETURN(column.default_value, ParseUnary());
                column.default_kind = column.default_value->kind == ExprKind::kLiteral
                                          ? DefaultKind::kLiteral
                                          : DefaultKind::kExpr;
            }
        } else if (AcceptKeyword("AUTO_INCREMENT")) {
            column.auto_increment = true;
        } else if (AcceptKeyword("COMMENT")) {
            ASSIGN_OR_RETURN(std::string comment, ParseStringLiteral());
            column.comment = std::move(comment);
        } else {
            for (std::string_view name : kAggregations) NoteExpected(name);
            break;
        }
    }
    return column;
}

StatusOr<IndexDef> Parser::ParseIndexDef() {
    IndexDef index;
    index.pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("INDEX"));
    ASSIGN_OR_RETURN(index.name, ParseIdentifier());
    ASSIGN_OR_RETURN(index.columns, ParseParenthesizedNames());
    if (AcceptKeyword("USING")) {
        ASSIGN_OR_RETURN(std::string type, ParseIdentifier());
        index.index_type = ToUpper(type);
    }
    if (AcceptKeyword("COMMENT")) {
        ASSIGN_OR_RETURN(std::string comment, ParseStringLiteral());
        index.comment = std::move(comment);
    }
    return index;
}

StatusOr<PartitionDesc> Parser::ParsePartitionDesc() {
    PartitionDesc desc;
    desc.pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("PARTITION"));
    RETURN_IF_ERROR(ExpectKeyword("BY"));
    RETURN_IF_ERROR(ExpectKeyword("RANGE"));
    ASSIGN_OR_RETURN(desc.columns, ParseParenthesizedNames());
    RETURN_IF_ERROR(ExpectOp("("));
    if (!PeekOp(")")) {
        do {
            ASSIGN_OR_RETURN(PartitionDef def, ParsePartitionDef(/*allow_batch=*/true));
            desc.partitions.push_back(std::move(def));
        } while (AcceptOp(","));
    }
    RETURN_IF_ERROR(ExpectOp(")"));
    return desc;
}

// ( value, ... ) where a value is a string, a number or MAXVALUE.
StatusOr<std::vector<PartitionBoundValue>> Parser::ParsePartitionValueTuple() {
    RETURN_IF_ERROR(ExpectOp("("));
    std::vector<PartitionBoundValue> values;
    do {
        PartitionBoundValue value;
        const Token& token = Current();
        if (AcceptKeyword("MAXVALUE")) {
            value.is_maxvalue = true;
        } else if (token.kind == TokenKind::kString || token.kind == TokenKind::kInteger ||
                   token.kind == TokenKind::kDecimal) {
            value.text = Advance().text;
        } else if (PeekOp("-") &&
                   (Peek(1).kind == TokenKind::kInteger || Peek(1).kind == TokenKind::kDecimal)) {
            Advance();
            value.text = "-" + Advance().text;
        } else {
            NoteExpected("string");
            return Unexpected();
        }
        values.push_back(std::move(value));
    } while (AcceptOp(","));
    RETURN_IF_ERROR(ExpectOp(")"));
    return values;
}

StatusOr<PartitionDef> Parser::ParsePartitionDef(bool allow_batch) {
    PartitionDef def;
    def.pos = Current().pos;
    if (allow_batch && AcceptKeyword("START")) {
        def.kind = PartitionDefKind::kBatch;
        ASSIGN_OR_RETURN(def.lower, ParsePartitionValueTuple());
        RETURN_IF_ERROR(ExpectKeyword("END"));
        ASSIGN_OR_RETURN(def.upper, ParsePartitionValueTuple());
        RETURN_IF_ERROR(ExpectKeyword("EVERY"));
        RETURN_IF_ERROR(ExpectOp("("));
        ASSIGN_OR_RETURN(def.every, ParseExpr());
        RETURN_IF_ERROR(ExpectOp(")"));
        return def;
    }
    RETURN_IF_ERROR(ExpectKeyword("PARTITION"));
    def.if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
    ASSIGN_OR_RETURN(def.name, ParseIdentifier());
    RETURN_IF_ERROR(ExpectKeyword("VALUES"));
    if (AcceptKeyword("LESS")) {
        def.kind = PartitionDefKind::kLessThan;
        RETURN_IF_ERROR(ExpectKeyword("THAN"));
        if (AcceptKeyword("MAXVALUE")) {
            def.less_than.push_back(PartitionBoundValue{"", true});
        } else {
            ASSIGN_OR_RETURN(def.less_than, ParsePartitionValueTuple());
        }
    } else if (AcceptOp("[")) {
        def.kind = PartitionDefKind::kFixedRange;
        ASSIGN_OR_RETURN(def.lower, ParsePartitionValueTuple());
        RETURN_IF_ERROR(ExpectOp(","));
        ASSIGN_OR_RETURN(def.upper, ParsePartitionValueTuple());
        RETURN_IF_ERROR(ExpectOp(")"));
    } else {
        return Unexpected();
    }
    if (PeekOp("(")) {
        ASSIGN_OR_RETURN(def.properties, ParsePropertyList());
    }
    return def;
}

StatusOr<DistributionDesc> Parser::ParseDistribution() {
    DistributionDesc desc;
    desc.pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("DISTRIBUTED"));
    RETURN_IF_ERROR(ExpectKeyword("BY"));
    if (AcceptKeyword("HASH")) {
        desc.kind = DistributionKind::kHash;
        ASSIGN_OR_RETURN(desc.columns, ParseParenthesizedNames());
    } else if (AcceptKeyword("RANDOM")) {
        desc.kind = DistributionKind::kRandom;
    } else {
        return Unexpected();
    }
    if (AcceptKeyword("BUCKETS")) {
        SourcePos buckets_pos = Current().pos;
        ASSIGN_OR_RETURN(desc.buckets, ParseIntegerLiteral());
        if (desc.buckets <= 0) return ErrorAt(buckets_pos, "BUCKETS must be a positive integer.");
    }
    return desc;
}

// ---- other table statements -------------------------------------------------------------------

StatusOr<std::unique_ptr<Statement>> Parser::ParseTruncate() {
    auto stmt = std::make_unique<TruncateTableStmt>(Current().pos);
    RETURN_IF_ERROR(ExpectKeyword("TRUNCATE"));
    RETURN_IF_ERROR(ExpectKeyword("TABLE"));
    ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
    if (AcceptKeyword("PARTITION")) {
        ASSIGN_OR_RETURN(stmt->partitions, ParseParenthesizedNames());
    }
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseDescribe() {
    auto stmt = std::make_unique<DescribeStmt>(Current().pos);
    if (!AcceptKeyword("DESC") && !AcceptKeyword("DESCRIBE")) return Unexpected();
    ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
    stmt->all = AcceptKeyword("ALL");
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseAlter() {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("ALTER"));
    if (AcceptKeyword("TABLE")) return ParseAlterTable(pos);
    if (AcceptKeyword("ROUTINE")) {
        RETURN_IF_ERROR(ExpectKeyword("LOAD"));
        return ParseAlterRoutineLoad(pos);
    }
    return Unexpected();
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseAlterTable(SourcePos pos) {
    auto stmt = std::make_unique<AlterTableStmt>(pos);
    ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
    do {
        AlterTableClause clause;
        clause.pos = Current().pos;
        if (AcceptKeyword("ADD")) {
            clause.kind = AlterTableClauseKind::kAddPartition;
            clause.temporary = AcceptKeyword("TEMPORARY");
            if (!PeekKeyword("PARTITION")) {
                NoteExpected("PARTITION");
                return Unexpected();
            }
            ASSIGN_OR_RETURN(clause.partition, ParsePartitionDef(/*allow_batch=*/false));
            if (PeekKeyword("DISTRIBUTED")) {
                ASSIGN_OR_RETURN(DistributionDesc distribution, ParseDistribution());
                clause.distribution = std::move(distribution);
            }
        } else if (AcceptKeyword("DROP")) {
            clause.kind = AlterTableClauseKind::kDropPartition;
            clause.temporary = AcceptKeyword("TEMPORARY");
            RETURN_IF_ERROR(ExpectKeyword("PARTITION"));
            clause.if_exists = AcceptKeywords({"IF", "EXISTS"});
            ASSIGN_OR_RETURN(clause.partition_name, ParseIdentifier());
            clause.force = AcceptKeyword("FORCE");
        } else if (AcceptKeyword("REPLACE")) {
            clause.kind = AlterTableClauseKind::kReplacePartition;
            ASSIGN_OR_RETURN(clause.replaced_partitions, ParsePartitionNames());
            RETURN_IF_ERROR(ExpectKeyword("WITH"));
            RETURN_IF_ERROR(ExpectKeyword("TEMPORARY"));
            ASSIGN_OR_RETURN(clause.temp_partitions, ParsePartitionNames());
            RETURN_IF_ERROR(ParseOptionalProperties(&clause.properties));
        } else {
            return Unexpected();
        }
        stmt->clauses.push_back(std::move(clause));
    } while (AcceptOp(","));
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseAdmin() {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("ADMIN"));
    if (AcceptKeyword("SET")) {
        RETURN_IF_ERROR(ExpectKeyword("FRONTEND"));
        RETURN_IF_ERROR(ExpectKeyword("CONFIG"));
        auto stmt = std::make_unique<AdminSetFrontendConfigStmt>(pos);
        ASSIGN_OR_RETURN(stmt->configs, ParsePropertyList());
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("SHOW")) {
        RETURN_IF_ERROR(ExpectKeyword("FRONTEND"));
        RETURN_IF_ERROR(ExpectKeyword("CONFIG"));
        auto stmt = std::make_unique<AdminShowFrontendConfigStmt>(pos);
        if (AcceptKeyword("LIKE")) {
            ASSIGN_OR_RETURN(std::string pattern, ParseStringLiteral());
            stmt->like = std::move(pattern);
        }
        return Done(std::move(stmt));
    }
    return Unexpected();
}

// ---- INSERT -----------------------------------------------------------------------------------

StatusOr<std::unique_ptr<Statement>> Parser::ParseInsert() {
    auto stmt = std::make_unique<InsertStmt>(Current().pos);
    RETURN_IF_ERROR(ExpectKeyword("INSERT"));
    if (AcceptKeyword("OVERWRITE")) {
        stmt->overwrite = true;
        AcceptKeyword("INTO");
    } else {
        RETURN_IF_ERROR(ExpectKeyword("INTO"));
    }
    ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
    if (AcceptKeyword("PARTITION")) {
        ASSIGN_OR_RETURN(stmt->partitions, ParseParenthesizedNames());
    }
    if (AcceptKeyword("WITH")) {
        RETURN_IF_ERROR(ExpectKeyword("LABEL"));
        ASSIGN_OR_RETURN(stmt->label, ParseIdentifierOrString());
    }
    if (PeekOp("(") && !AtQueryStart()) {
        stmt->columns_written = true;
        ASSIGN_OR_RETURN(stmt->columns, ParseParenthesizedNames());
    }
    if (AcceptKeyword("VALUES") || AcceptKeyword("VALUE")) {
        do {
            RETURN_IF_ERROR(ExpectOp("("));
            ExprList row;
            if (!PeekOp(")")) {
                do {
                    ASSIGN_OR_RETURN(ExprPtr value, ParseExpr());
                    row.push_back(std::move(value));
                } while (AcceptOp(","));
            }
            RETURN_IF_ERROR(ExpectOp(")"));
            stmt->rows.push_back(std::move(row));
        } while (AcceptOp(","));
        return Done(std::move(stmt));
    }
    if (!AtQueryStart()) {
        NoteExpected("SELECT");
        return Unexpected();
    }
    ASSIGN_OR_RETURN(stmt->query, ParseQuery());
    return Done(std::move(stmt));
}

// ---- DELETE -----------------------------------------------------------------------------------

StatusOr<std::unique_ptr<Statement>> Parser::ParseDelete() {
    auto stmt = std::make_unique<DeleteStmt>(Current().pos);
    RETURN_IF_ERROR(ExpectKeyword("DELETE"));
    RETURN_IF_ERROR(ExpectKeyword("FROM"));
    const SourcePos at = Current().pos;
    ASSIGN_OR_RETURN(std::unique_ptr<TableRef> table, ParseTablePrimary());
    if (table->kind != TableRefKind::kTable) {
        return Status::SyntaxError(
            fmt::format("DELETE FROM needs a table name, not a subquery (line {}, column {})",
                        at.line, at.column));
    }
    stmt->table = table->table;
    RETURN_IF_ERROR(ExpectKeyword("WHERE"));
    auto body = std::make_unique<SelectBody>(at);
    SelectItem star;
    star.expr = std::make_unique<StarExpr>(at);
    star.text = "*";
    star.pos = at;
    body->items.push_back(std::move(star));
    body->from = std::move(table);
    ASSIGN_OR_RETURN(body->where, ParseExpr());
    stmt->query = std::make_unique<Query>();
    stmt->query->body = std::move(body);
    stmt->query->pos = at;
    return Done(std::move(stmt));
}

}  // namespace tributary
