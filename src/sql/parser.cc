#include "sql/parser.h"

#include "sql/lexer.h"
#include "sql/parser_impl.h"

namespace tributary {

StatusOr<std::unique_ptr<Statement>> Parser::ParseStatement() {
    if (PeekKeyword("SELECT") || PeekOp("(")) return ParseSelectStatement();
    NoteExpected("SELECT");
    if (PeekKeyword("EXPLAIN")) return ParseExplain();
    NoteExpected("EXPLAIN");
    if (PeekKeyword("SET")) return ParseSet();
    NoteExpected("SET");
    if (PeekKeyword("USE")) return ParseUse();
    NoteExpected("USE");
    if (PeekKeyword("SHOW")) return ParseShow();
    NoteExpected("SHOW");
    if (PeekKeyword("CREATE")) return ParseCreate();
    NoteExpected("CREATE");
    if (PeekKeyword("DROP")) return ParseDrop();
    NoteExpected("DROP");
    if (PeekKeyword("ALTER")) return ParseAlter();
    NoteExpected("ALTER");
    if (PeekKeyword("INSERT")) return ParseInsert();
    NoteExpected("INSERT");
    if (PeekKeyword("DELETE")) return ParseDelete();
    NoteExpected("DELETE");
    if (PeekKeyword("TRUNCATE")) return ParseTruncate();
    NoteExpected("TRUNCATE");
    if (PeekKeyword("DESC") || PeekKeyword("DESCRIBE")) return ParseDescribe();
    NoteExpected("DESC");
    NoteExpected("DESCRIBE");
    if (PeekKeyword("GRANT")) return ParseGrantOrRevoke(/*grant=*/true);
    NoteExpected("GRANT");
    if (PeekKeyword("REVOKE")) return ParseGrantOrRevoke(/*grant=*/false);
    NoteExpected("REVOKE");
    if (PeekKeyword("ADMIN")) return ParseAdmin();
    NoteExpected("ADMIN");
    if (PeekKeyword("PAUSE") || PeekKeyword("RESUME") || PeekKeyword("STOP")) {
        return ParseRoutineLoadControl();
    }
    NoteExpected("PAUSE");
    NoteExpected("RESUME");
    NoteExpected("STOP");
    return Unexpected();
}

namespace {

// Parses the statement that starts at the parser's position and records its text.
StatusOr<std::unique_ptr<Statement>> ParseOne(Parser* parser) {
    size_t first = parser->position();
    SourcePos pos = parser->Current().pos;
    ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, parser->ParseStatement());
    stmt->sql = parser->TextOfTokens(first, parser->position());
    stmt->pos = pos;
    return stmt;
}

}  // namespace

StatusOr<std::vector<std::unique_ptr<Statement>>> ParseStatements(std::string_view sql) {
    ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
    Parser parser(sql, std::move(tokens));
    std::vector<std::unique_ptr<Statement>> statements;
    while (true) {
        while (parser.PeekOp(";")) parser.Advance();
        if (parser.AtEnd()) break;
        ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, ParseOne(&parser));
        statements.push_back(std::move(stmt));
        if (parser.AcceptOp(";")) continue;
        parser.NoteExpected("end of input");
        if (!parser.AtEnd()) return parser.Unexpected();
    }
    return statements;
}

StatusOr<std::unique_ptr<Statement>> ParseStatement(std::string_view sql) {
    ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
    Parser parser(sql, std::move(tokens));
    ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, ParseOne(&parser));
    if (!parser.AcceptOp(";")) parser.NoteExpected("end of input");
    if (!parser.AtEnd()) {
        parser.NoteExpected("end of input");
        return parser.Unexpected();
    }
    return stmt;
}

StatusOr<std::unique_ptr<Expr>> ParseExpression(std::string_view text) {
    ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
    Parser parser(text, std::move(tokens));
    ASSIGN_OR_RETURN(ExprPtr expr, parser.ParseExpr());
    if (!parser.AtEnd()) {
        parser.NoteExpected("end of input");
        return parser.Unexpected();
    }
    return expr;
}

StatusOr<std::vector<LoadColumn>> ParseLoadColumns(std::string_view text) {
    ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
    Parser parser(text, std::move(tokens));
    ASSIGN_OR_RETURN(std::vector<LoadColumn> columns, parser.ParseLoadColumnList());
    if (!parser.AtEnd()) {
        parser.NoteExpected("',' or end of input");
        return parser.Unexpected();
    }
    return columns;
}

}  // namespace tributary
