// Session and client statements: SELECT, SET, SET PASSWORD, USE, and the SHOW family.
#include "base/string_util.h"
#include "sql/parser_impl.h"

namespace tributary {

namespace {


bool ParseScopeWord(std::string_view word, VariableScope* scope) {
    if (EqualsIgnoreCase(word, "SESSION")) {
        *scope = VariableScope::kSession;
    } else if (EqualsIgnoreCase(word, "GLOBAL")) {
        *scope = VariableScope::kGlobal;
    } else if (EqualsIgnoreCase(word, "LOCAL")) {
        *scope = VariableScope::kLocal;
    } else {
        return false;
    }
    return true;
}

ExprPtr MakeString(std::string text, SourcePos pos) {
    auto literal = std::make_unique<LiteralExpr>(pos);
    literal->literal_kind = LiteralKind::kString;
    literal->text = std::move(text);
    return literal;
}

}  // namespace

StatusOr<std::unique_ptr<Statement>> Parser::ParseSelectStatement() {
    auto stmt = std::make_unique<SelectStmt>(Current().pos);
    ASSIGN_OR_RETURN(stmt->query, ParseQuery());
    return Done(std::move(stmt));
}

// EXPLAIN [VERBOSE | COSTS] <select>: the SELECT, flagged.
StatusOr<std::unique_ptr<Statement>> Parser::ParseExplain() {
    RETURN_IF_ERROR(ExpectKeyword("EXPLAIN"));
    if (PeekKeyword("VERBOSE") || PeekKeyword("COSTS")) Advance();
    if (!PeekKeyword("SELECT") && !PeekOp("(")) {
        NoteExpected("SELECT");
        return Unexpected();
    }
    ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, ParseSelectStatement());
    stmt->As<SelectStmt>().explain = true;
    return stmt;
}

// ---- SET --------------------------------------------------------------------------------------

StatusOr<std::unique_ptr<Statement>> Parser::ParseSet() {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("SET"));
    if (PeekKeyword("PASSWORD") && (PeekOp("=", 1) || PeekKeyword("FOR", 1))) {
        Advance();
        return ParseSetPassword(pos);
    }
    auto stmt = std::make_unique<SetStmt>(pos);
    do {
        SetAssignment assignment;
        RETURN_IF_ERROR(ParseSetAssignment(&assignment));
        stmt->assignments.push_back(std::move(assignment));
    } while (AcceptOp(","));
    return Done(std::move(stmt));
}

Status Parser::ParseSetAssignment(SetAssignment* out) {
    out->pos = Current().pos;
    if (PeekOp("@")) {
        out->kind = SetAssignmentKind::kUserVariable;
        Advance();
        if (Current().kind == TokenKind::kString) {
            out->name = Advance().text;
        } else {
            ASSIGN_OR_RETURN(out->name, ParseAnyIdentifier());
        }
    } else {
        out->kind = SetAssignmentKind::kSystemVariable;
        if (AcceptOp("@@")) {
            if (PeekOp(".", 1) && Current().kind == TokenKind::kIdentifier &&
                ParseScopeWord(Current().text, &out->scope)) {
                Advance();
                Advance();
            }
        } else {
            // SESSION / GLOBAL / LOCAL prefix, when a name follows it.
            const Token& next = Peek(1);
            if (Current().kind == TokenKind::kIdentifier &&
                (next.kind == TokenKind::kIdentifier ||
                 next.kind == TokenKind::kQuotedIdentifier) &&
                ParseScopeWord(Current().text, &out->scope)) {
                Advance();
            }
            bool followed_by_assign = PeekOp("=", 1) || PeekOp(":=", 1);
            if (!followed_by_assign && PeekKeyword("NAMES")) {
                Advance();
                out->kind = SetAssignmentKind::kNames;
                if (!AcceptKeyword("DEFAULT")) {
                    ASSIGN_OR_RETURN(out->charset, ParseIdentifierOrString());
                    if (AcceptKeyword("COLLATE")) {
                        ASSIGN_OR_RETURN(out->collation, ParseIdentifierOrString());
                    }
                }
                return Status::OK();
            }
            if (!followed_by_assign &&
                (AcceptKeywords({"CHARACTER", "SET"}) || AcceptKeywords({"CHAR", "SET"}) ||
                 (PeekKeyword("CHARSET") && !PeekOp("=", 1) && AcceptKeyword("CHARSET")))) {
                out->kind = SetAssignmentKind::kCharacterSet;
                if (!AcceptKeyword("DEFAULT")) {
                    ASSIGN_OR_RETURN(out->charset, ParseIdentifierOrString());
                }
                return Status::OK();
            }
            if (!followed_by_assign && AcceptKeyword("TRANSACTION")) {
                return ParseSetTransaction(out);
            }
        }
        ASSIGN_OR_RETURN(out->name, ParseAnyIdentifier());
    }
    if (!AcceptOp("=") && !AcceptOp(":=")) return Unexpected();
    // `SET x = ON` and `SET sql_mode = ANSI`: a bare word is the string of that name.
    const Token& value = Current();
    bool ends = PeekOp(",", 1) || PeekOp(";", 1) || Peek(1).kind == TokenKind::kEnd;
    if (value.kind == TokenKind::kIdentifier && ends &&
        (EqualsIgnoreCase(value.text, "ON") || EqualsIgnoreCase(value.text, "ALL") ||
         EqualsIgnoreCase(value.text, "BINARY"))) {
        SourcePos value_pos = value.pos;
        out->value = MakeString(Advance().text, value_pos);
        return Status::OK();
    }
    ASSIGN_OR_RETURN(out->value, ParseExpr());
    if (out->kind == SetAssignmentKind::kSystemVariable &&
        out->value->kind == ExprKind::kColumnRef) {
        const auto& column = out->value->As<ColumnRefExpr>();
        if (column.table.empty()) out->value = MakeString(column.column, column.pos);
    }
    return Status::OK();
}

// After SET [scope] TRANSACTION: ISOLATION LEVEL ... | READ ONLY | READ WRITE, stored as the
// variable MySQL maps it to.
Status Parser::ParseSetTransaction(SetAssignment* out) {
    SourcePos value_pos = Current().pos;
    if (AcceptKeyword("ISOLATION")) {
        RETURN_IF_ERROR(ExpectKeyword("LEVEL"));
        std::string level;
        if (AcceptKeyword("READ")) {
            if (AcceptKeyword("COMMITTED")) {
                level = "READ-COMMITTED";
            } else if (AcceptKeyword("UNCOMMITTED")) {
                level = "READ-UNCOMMITTED";
            } else {
                return Unexpected();
            }
        } else if (AcceptKeyword("REPEATABLE")) {
            RETURN_IF_ERROR(ExpectKeyword("READ"));
            level = "REPEATABLE-READ";
        } else if (AcceptKeyword("SERIALIZABLE")) {
            level = "SERIALIZABLE";
        } else {
            return Unexpected();
        }
        out->name = "transaction_isolation";
        out->value = MakeString(level, value_pos);
        return Status::OK();
    }
    RETURN_IF_ERROR(ExpectKeyword("READ"));
    out->name = "transaction_read_only";
    if (AcceptKeyword("ONLY")) {
        out->value = MakeString("ON", value_pos);
    } else {
        RETURN_IF_ERROR(ExpectKeyword("WRITE"));
        out->value = MakeString("OFF", value_pos);
    }
    return Status::OK();
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseSetPassword(SourcePos pos) {
    auto stmt = std::make_unique<SetPasswordStmt>(pos);
    if (AcceptKeyword("FOR")) {
        ASSIGN_OR_RETURN(UserSpec user, ParseUserIdentity());
        stmt->user = std::move(user);
    }
    RETURN_IF_ERROR(ExpectOp("="));
    if (AcceptKeyword("PASSWORD")) {
        RETURN_IF_ERROR(ExpectOp("("));
        ASSIGN_OR_RETURN(stmt->password, ParseStringLiteral());
        RETURN_IF_ERROR(ExpectOp(")"));
    } else {
        ASSIGN_OR_RETURN(stmt->password, ParseStringLiteral());
        stmt->is_hashed = true;
    }
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseUse() {
    auto stmt = std::make_unique<UseStmt>(Current().pos);
    RETURN_IF_ERROR(ExpectKeyword("USE"));
    ASSIGN_OR_RETURN(stmt->database, ParseIdentifier());
    return Done(std::move(stmt));
}

// ---- SHOW -------------------------------------------------------------------------------------

StatusOr<std::unique_ptr<Statement>> Parser::ParseShow() {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword("SHOW"));

    VariableScope scope = VariableScope::kDefault;
    if ((PeekKeyword("VARIABLES", 1) || PeekKeyword("STATUS", 1)) &&
        Current().kind == TokenKind::kIdentifier && ParseScopeWord(Current().text, &scope)) {
        Advance();
    }
    if (AcceptKeyword("VARIABLES")) {
        auto stmt = std::make_unique<ShowVariablesStmt>(pos);
        stmt->scope = scope;
        RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("STATUS")) {
        auto stmt = std::make_unique<ShowStatusStmt>(pos);
        stmt->scope = scope;
        RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
        return Done(std::move(stmt));
    }
    if (scope != VariableScope::kDefault) return Unexpected();

    if (AcceptKeyword("DATABASES") || AcceptKeyword("SCHEMAS")) {
        auto stmt = std::make_unique<ShowDatabasesStmt>(pos);
        RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
        return Done(std::move(stmt));
    }
    bool full = AcceptKeyword("FULL");
    if (AcceptKeyword("TABLES")) return ParseShowTables(pos, full);
    if (AcceptKeyword("COLUMNS") || AcceptKeyword("FIELDS")) return ParseShowColumns(pos, full);
    if (AcceptKeyword("PROCESSLIST")) {
        auto stmt = std::make_unique<ShowProcesslistStmt>(pos);
        stmt->full = full;
        return Done(std::move(stmt));
    }
    if (full) return Unexpected();

    if (AcceptKeyword("CREATE")) {
        if (AcceptKeyword("TABLE")) {
            auto stmt = std::make_unique<ShowCreateTableStmt>(pos);
            ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
            return Done(std::move(stmt));
        }
        if (AcceptKeyword("ROUTINE")) {
            RETURN_IF_ERROR(ExpectKeyword("LOAD"));
            auto stmt = std::make_unique<ShowCreateRoutineLoadStmt>(pos);
            ASSIGN_OR_RETURN(stmt->job, ParseQualifiedName());
            return Done(std::move(stmt));
        }
        return Unexpected();
    }
    if (AcceptKeyword("WARNINGS")) {
        auto stmt = std::make_unique<ShowWarningsStmt>(pos);
        if (AcceptKeyword("LIMIT")) {
            ASSIGN_OR_RETURN(LimitClause limit, ParseLimitBody());
            stmt->limit = limit;
        }
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("ERRORS")) {
        auto stmt = std::make_unique<ShowErrorsStmt>(pos);
        if (AcceptKeyword("LIMIT")) {
            ASSIGN_OR_RETURN(LimitClause limit, ParseLimitBody());
            stmt->limit = limit;
        }
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("ENGINES") || AcceptKeywords({"STORAGE", "ENGINES"})) {
        return Done(std::make_unique<ShowEnginesStmt>(pos));
    }
    if (AcceptKeyword("CHARSET") || AcceptKeywords({"CHARACTER", "SET"}) ||
        AcceptKeywords({"CHAR", "SET"})) {
        auto stmt = std::make_unique<ShowCharsetStmt>(pos);
        RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("COLLATION")) {
        auto stmt = std::make_unique<ShowCollationStmt>(pos);
        RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("GRANTS")) return ParseShowGrants(pos, /*all=*/false);
    if (PeekKeyword("PARTITIONS") || (PeekKeyword("TEMPORARY") && PeekKeyword("PARTITIONS", 1))) {
        auto stmt = std::make_unique<ShowPartitionsStmt>(pos);
        stmt->temporary = AcceptKeyword("TEMPORARY");
        RETURN_IF_ERROR(ExpectKeyword("PARTITIONS"));
        if (!AcceptKeyword("FROM")) RETURN_IF_ERROR(ExpectKeyword("IN"));
        ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
        if (AcceptKeyword("WHERE")) {
            ASSIGN_OR_RETURN(stmt->filter.where, ParseExpr());
        }
        if (AcceptKeyword("ORDER")) {
            RETURN_IF_ERROR(ExpectKeyword("BY"));
            ASSIGN_OR_RETURN(stmt->order_by, ParseOrderByList());
        }
        if (AcceptKeyword("LIMIT")) {
            ASSIGN_OR_RETURN(LimitClause limit, ParseLimitBody());
            stmt->limit = limit;
        }
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("TABLET") || AcceptKeyword("TABLETS")) {
        auto stmt = std::make_unique<ShowTabletStmt>(pos);
        RETURN_IF_ERROR(ExpectKeyword("FROM"));
        ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
        if (AcceptKeyword("PARTITION")) {
            RETURN_IF_ERROR(ExpectOp("("));
            do {
                ASSIGN_OR_RETURN(std::string name, ParseIdentifier());
                stmt->partitions.push_back(std::move(name));
            } while (AcceptOp(","));
            RETURN_IF_ERROR(ExpectOp(")"));
        }
        return Done(std::move(stmt));
    }
    if (AcceptKeyword("ROUTINE")) {
        RETURN_IF_ERROR(ExpectKeyword("LOAD"));
        return ParseShowRoutineLoad(pos, /*all=*/false);
    }
    if (AcceptKeyword("ALL")) {
        if (AcceptKeyword("GRANTS")) return ParseShowGrants(pos, /*all=*/true);
        RETURN_IF_ERROR(ExpectKeyword("ROUTINE"));
        RETURN_IF_ERROR(ExpectKeyword("LOAD"));
        return ParseShowRoutineLoad(pos, /*all=*/true);
    }
    return Unexpected();
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseShowTables(SourcePos pos, bool full) {
    auto stmt = std::make_unique<ShowTablesStmt>(pos);
    stmt->full = full;
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
        ASSIGN_OR_RETURN(stmt->database, ParseIdentifier());
    }
    RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseShowColumns(SourcePos pos, bool full) {
    auto stmt = std::make_unique<ShowColumnsStmt>(pos);
    stmt->full = full;
    if (!AcceptKeyword("FROM") && !AcceptKeyword("IN")) return Unexpected();
    ASSIGN_OR_RETURN(stmt->table, ParseQualifiedName());
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
        ASSIGN_OR_RETURN(stmt->table.db, ParseIdentifier());
    }
    RETURN_IF_ERROR(ParseShowFilter(&stmt->filter));
    return Done(std::move(stmt));
}

}  // namespace tributary
