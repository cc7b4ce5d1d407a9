// Routine Load statements in StarRocks' grammar.
#include <fmt/format.h>

#include "base/string_util.h"
#include "sql/parser_impl.h"

namespace tributary {

StatusOr<std::unique_ptr<Statement>> Parser::ParseCreateRoutineLoad(SourcePos pos) {
    auto stmt = std::make_unique<CreateRoutineLoadStmt>(pos);
    ASSIGN_OR_RETURN(stmt->job, ParseQualifiedName());
    RETURN_IF_ERROR(ExpectKeyword("ON"));
    ASSIGN_OR_RETURN(stmt->table, ParseIdentifier());
    RETURN_IF_ERROR(ParseLoadProperties(&stmt->load));
    RETURN_IF_ERROR(ParseOptionalProperties(&stmt->properties));
    RETURN_IF_ERROR(ExpectKeyword("FROM"));
    RETURN_IF_ERROR(ParseDataSource(&stmt->data_source, &stmt->data_source_properties));
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseAlterRoutineLoad(SourcePos pos) {
    auto stmt = std::make_unique<AlterRoutineLoadStmt>(pos);
    RETURN_IF_ERROR(ExpectKeyword("FOR"));
    ASSIGN_OR_RETURN(stmt->job, ParseQualifiedName());
    RETURN_IF_ERROR(ParseLoadProperties(&stmt->load));
    RETURN_IF_ERROR(ParseOptionalProperties(&stmt->properties));
    if (AcceptKeyword("FROM")) {
        RETURN_IF_ERROR(ParseDataSource(&stmt->data_source, &stmt->data_source_properties));
    }
    return Done(std::move(stmt));
}

Status Parser::ParseDataSource(std::string* name, PropertyList* properties) {
    ASSIGN_OR_RETURN(*name, ParseIdentifier());
    ASSIGN_OR_RETURN(*properties, ParsePropertyList());
    return Status::OK();
}

StatusOr<std::vector<LoadColumn>> Parser::ParseLoadColumnList() {
    std::vector<LoadColumn> columns;
    do {
        size_t first = position();
        LoadColumn column;
        column.pos = Current().pos;
        ASSIGN_OR_RETURN(column.name, ParseIdentifier());
        if (AcceptOp("=")) {
            ASSIGN_OR_RETURN(column.expr, ParseExpr());
        }
        column.sql = TextOfTokens(first, position());
        columns.push_back(std::move(column));
    } while (AcceptOp(","));
    return columns;
}

Status Parser::ParseLoadProperties(LoadProperties* load) {
    bool seen_columns_separator = false;
    bool seen_rows_delimiter = false;
    bool seen_where = false;
    auto duplicate = [this](SourcePos pos, std::string_view clause) {
        return ErrorAt(pos, fmt::format("{} is specified more than once.", clause));
    };
    while (true) {
        SourcePos pos = Current().pos;
        if (PeekKeyword("COLUMNS") && PeekKeyword("TERMINATED", 1)) {
            Advance();
            Advance();
            RETURN_IF_ERROR(ExpectKeyword("BY"));
            if (seen_columns_separator) return duplicate(pos, "COLUMNS TERMINATED BY");
            seen_columns_separator = true;
            ASSIGN_OR_RETURN(std::string separator, ParseStringLiteral());
            load->column_separator = std::move(separator);
        } else if (AcceptKeyword("ROWS")) {
            RETURN_IF_ERROR(ExpectKeyword("TERMINATED"));
            RETURN_IF_ERROR(ExpectKeyword("BY"));
            if (seen_rows_delimiter) return duplicate(pos, "ROWS TERMINATED BY");
            seen_rows_delimiter = true;
            ASSIGN_OR_RETURN(std::string delimiter, ParseStringLiteral());
            load->row_delimiter = std::move(delimiter);
        } else if (AcceptKeyword("COLUMNS")) {
            if (load->has_columns) return duplicate(pos, "COLUMNS");
            load->has_columns = true;
            RETURN_IF_ERROR(ExpectOp("("));
            ASSIGN_OR_RETURN(load->columns, ParseLoadColumnList());
            RETURN_IF_ERROR(ExpectOp(")"));
        } else if (AcceptKeyword("WHERE")) {
            if (seen_where) return duplicate(pos, "WHERE");
            seen_where = true;
            size_t first = position();
            ASSIGN_OR_RETURN(load->where, ParseExpr());
            load->where_sql = TextOfTokens(first, position());
        } else if (AcceptKeyword("PARTITION")) {
            if (load->has_partitions) return duplicate(pos, "PARTITION");
            load->has_partitions = true;
            ASSIGN_OR_RETURN(load->partitions, ParseParenthesizedNames());
        } else if (PeekKeyword("TEMPORARY") && PeekKeyword("PARTITION", 1)) {
            Advance();
            Advance();
            if (load->has_temporary_partitions) return duplicate(pos, "TEMPORARY PARTITION");
            load->has_temporary_partitions = true;
            ASSIGN_OR_RETURN(load->temporary_partitions, ParseParenthesizedNames());
        } else {
            NoteExpected("COLUMNS");
            NoteExpected("ROWS");
            NoteExpected("WHERE");
            NoteExpected("PARTITION");
            NoteExpected("TEMPORARY");
            return Status::OK();
        }
        AcceptOp(",");  // the separating comma is optional
    }
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseRoutineLoadControl() {
    SourcePos pos = Current().pos;
    enum class Action { kPause, kResume, kStop } action;
    if (AcceptKeyword("PAUSE")) {
        action = Action::kPause;
    } else if (AcceptKeyword("RESUME")) {
        action = Action::kResume;
    } else if (AcceptKeyword("STOP")) {
        action = Action::kStop;
    } else {
        return Unexpected();
    }
    RETURN_IF_ERROR(ExpectKeyword("ROUTINE"));
    RETURN_IF_ERROR(ExpectKeyword("LOAD"));
    RETURN_IF_ERROR(ExpectKeyword("FOR"));
    ASSIGN_OR_RETURN(QualifiedName job, ParseQualifiedName());
    switch (action) {
        case Action::kPause: {
            auto stmt = std::make_unique<PauseRoutineLoadStmt>(pos);
            stmt->job = std::move(job);
            return Done(std::move(stmt));
        }
        case Action::kResume: {
            auto stmt = std::make_unique<ResumeRoutineLoadStmt>(pos);
            stmt->job = std::move(job);
            return Done(std::move(stmt));
        }
        case Action::kStop: {
            auto stmt = std::make_unique<StopRoutineLoadStmt>(pos);
            stmt->job = std::move(job);
            return Done(std::move(stmt));
        }
    }
    return Unexpected();
}

// After SHOW [ALL] ROUTINE LOAD.
StatusOr<std::unique_ptr<Statement>> Parser::ParseShowRoutineLoad(SourcePos pos, bool all) {
    if (!all && AcceptKeyword("TASK")) {
        auto stmt = std::make_unique<ShowRoutineLoadTaskStmt>(pos);
        if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
            ASSIGN_OR_RETURN(stmt->database, ParseIdentifier());
        }
        RETURN_IF_ERROR(ExpectKeyword("WHERE"));
        ASSIGN_OR_RETURN(stmt->where, ParseExpr());
        return Done(std::move(stmt));
    }
    auto stmt = std::make_unique<ShowRoutineLoadStmt>(pos);
    stmt->all = all;
    if (AcceptKeyword("FOR")) {
        ASSIGN_OR_RETURN(QualifiedName job, ParseQualifiedName());
        stmt->job = std::move(job);
    } else if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
        ASSIGN_OR_RETURN(stmt->database, ParseIdentifier());
    }
    if (AcceptKeyword("WHERE")) {
        ASSIGN_OR_RETURN(stmt->where, ParseExpr());
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

}  // namespace tributary
