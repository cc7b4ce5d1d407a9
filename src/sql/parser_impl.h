// Internal to src/sql: the recursive-descent parser behind sql/parser.h.
//
// One Parser object parses one token stream. Its methods are split by concern over several files:
//   parser_impl.cc         token helpers, error reporting, shared small grammar pieces
//   parse_expr.cc          expressions (MySQL precedence)
//   parse_primary.cc       literals, names, calls, CAST, CASE and other primary expressions
//   parse_query.cc         SELECT / UNION queries
//   parse_session.cc       SET, USE, SHOW (client statements, databases, tables, columns)
//   parse_ddl.cc           CREATE / DROP / ALTER / TRUNCATE / DESC table and database, INSERT,
//   ADMIN parse_user.cc          users and privileges parse_routine_load.cc  Routine Load parser.cc
//   the public entry points and statement dispatch
//
// Error reporting: every time the parser tests the current token for a keyword, operator or
// token class it notes what it would have accepted; a syntax error at that token lists them
// ("expected one of: TABLE, DATABASE, USER, ROUTINE"). Nesting of expressions and queries is
// capped at kMaxNestingDepth so that no input recurses without bound.
// Thread safety: a Parser is used by one thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/ast.h"
#include "sql/lexer.h"
#include "sql/parser.h"

namespace tributary {

class Parser {
public:
    // REQUIRES: tokens come from Tokenize(sql) and end with a kEnd token.
    Parser(std::string_view sql, std::vector<Token> tokens);

    // One statement, stopping before the ';' or the end of input that follows it.
    StatusOr<std::unique_ptr<Statement>> ParseStatement();
    StatusOr<ExprPtr> ParseExpr();
    StatusOr<std::unique_ptr<Query>> ParseQuery();

    // ---- token helpers (parser_impl.cc) ----
    const Token& Peek(size_t ahead = 0) const;
    const Token& Current() const { return Peek(0); }
    size_t position() const { return pos_; }
    void Rewind(size_t position) { pos_ = position; }
    const Token& Advance();
    bool AtEnd() const { return Current().kind == TokenKind::kEnd; }

    // Tests without noting an expectation.
    bool PeekKeyword(std::string_view keyword, size_t ahead = 0) const;
    bool PeekOp(std::string_view op, size_t ahead = 0) const;
    // Notes `keyword` / `op` as expected here; consumes it when it is the current token.
    bool AcceptKeyword(std::string_view keyword);
    bool AcceptOp(std::string_view op);
    Status ExpectKeyword(std::string_view keyword);
    Status ExpectOp(std::string_view op);
    // Consumes the keywords in sequence when they are all there, else consumes nothing.
    bool AcceptKeywords(std::initializer_list<std::string_view> keywords);
    void NoteExpected(std::string_view what);

    // The syntax error for the current token: "Unexpected input 'x', expected one of: ...".
    Status Unexpected() const;
    // A syntax error at `pos` with a free-form detail message.
    Status ErrorAt(SourcePos pos, std::string_view detail) const;

    // The source text of tokens [first, end).
    std::string TextOfTokens(size_t first, size_t end) const;

    // ---- small shared grammar (parser_impl.cc) ----
    // A name: an unquoted non-reserved word, or a backquoted identifier.
    StatusOr<std::string> ParseIdentifier();
    // As ParseIdentifier, but any word is accepted (after '.', as a variable or property name).
    StatusOr<std::string> ParseAnyIdentifier();
    // A name or a string literal (aliases, user names, charsets).
    StatusOr<std::string> ParseIdentifierOrString();
    StatusOr<std::string> ParseStringLiteral();
    StatusOr<int64_t> ParseIntegerLiteral();
    StatusOr<QualifiedName> ParseQualifiedName();
    // ( name, ... )
    StatusOr<std::vector<std::string>> ParseParenthesizedNames();
    // True when the token `ahead` is PARTITION or PARTITIONS followed by '(' or a name: the start
    // of ParsePartitionNames (so that a table alias named "partition" still parses).
    bool AtPartitionNames(size_t ahead = 0) const;
    // PARTITION|PARTITIONS (name, ...) | PARTITION|PARTITIONS name.
    StatusOr<std::vector<std::string>> ParsePartitionNames();
    // ( "k" = "v", ... ); keys may be unquoted words, values strings or numbers.
    StatusOr<PropertyList> ParsePropertyList();
    // PROPERTIES ( ... ) when present.
    Status ParseOptionalProperties(PropertyList* out);
    StatusOr<UserSpec> ParseUserIdentity();
    StatusOr<TypeName> ParseTypeName();
    // [LIKE 'p' | WHERE expr]
    Status ParseShowFilter(ShowFilter* filter);
    // LIMIT n [OFFSET m] | LIMIT m, n; the LIMIT keyword already consumed.
    StatusOr<LimitClause> ParseLimitBody();

    // ---- expressions (parse_expr.cc) ----
    StatusOr<ExprPtr> ParseOr();
    StatusOr<ExprPtr> ParseXor();
    StatusOr<ExprPtr> ParseAnd();
    StatusOr<ExprPtr> ParseNot();
    StatusOr<ExprPtr> ParseComparison();
    StatusOr<ExprPtr> ParsePredicate();
    StatusOr<ExprPtr> ParseBitOr();
    StatusOr<ExprPtr> ParseBitAnd();
    StatusOr<ExprPtr> ParseShift();
    StatusOr<ExprPtr> ParseAdditive();
    StatusOr<ExprPtr> ParseMultiplicative();
    StatusOr<ExprPtr> ParseBitXor();
    StatusOr<ExprPtr> ParseUnary();
    StatusOr<ExprPtr> ParsePrimary();
    StatusOr<ExprPtr> ParseIdentifierExpr();
    StatusOr<ExprPtr> ParseFunctionCall(std::string name, SourcePos pos);
    StatusOr<ExprPtr> ParseCase();
    StatusOr<ExprPtr> ParseVariable();
    StatusOr<ExprPtr> ParseNumber();
    // True when the current token starts a query: SELECT, or '(' followed (through more '(')
    // by SELECT.
    bool AtQueryStart(size_t ahead = 0) const;

    // ---- queries (parse_query.cc) ----
    StatusOr<std::unique_ptr<QueryBody>> ParseQueryBody();
    StatusOr<std::unique_ptr<QueryBody>> ParseQueryTerm();
    StatusOr<std::unique_ptr<QueryBody>> ParseSelectBody();
    StatusOr<SelectItem> ParseSelectItem();
    StatusOr<std::unique_ptr<TableRef>> ParseTableRefs();
    StatusOr<std::unique_ptr<TableRef>> ParseTableRef();
    StatusOr<std::unique_ptr<TableRef>> ParseTablePrimary();
    // [AS] alias, where the alias may be omitted; `required` makes it mandatory.
    Status ParseAlias(std::string* alias, bool allow_string, bool required);
    StatusOr<std::vector<OrderByItem>> ParseOrderByList();

    // ---- statements ----
    StatusOr<std::unique_ptr<Statement>> ParseSelectStatement();
    StatusOr<std::unique_ptr<Statement>> ParseExplain();
    StatusOr<std::unique_ptr<Statement>> ParseSet();
    Status ParseSetAssignment(SetAssignment* out);
    Status ParseSetTransaction(SetAssignment* out);
    StatusOr<std::unique_ptr<Statement>> ParseSetPassword(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseUse();
    StatusOr<std::unique_ptr<Statement>> ParseShow();
    StatusOr<std::unique_ptr<Statement>> ParseShowColumns(SourcePos pos, bool full);
    StatusOr<std::unique_ptr<Statement>> ParseShowTables(SourcePos pos, bool full);
    StatusOr<std::unique_ptr<Statement>> ParseShowRoutineLoad(SourcePos pos, bool all);

    StatusOr<std::unique_ptr<Statement>> ParseCreate();
    StatusOr<std::unique_ptr<Statement>> ParseDrop();
    StatusOr<std::unique_ptr<Statement>> ParseCreateDatabase(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseCreateTable(SourcePos pos);
    StatusOr<ColumnDef> ParseColumnDef();
    StatusOr<IndexDef> ParseIndexDef();
    StatusOr<PartitionDesc> ParsePartitionDesc();
    StatusOr<PartitionDef> ParsePartitionDef(bool allow_batch);
    StatusOr<std::vector<PartitionBoundValue>> ParsePartitionValueTuple();
    StatusOr<DistributionDesc> ParseDistribution();
    StatusOr<std::unique_ptr<Statement>> ParseTruncate();
    StatusOr<std::unique_ptr<Statement>> ParseDescribe();
    StatusOr<std::unique_ptr<Statement>> ParseAlter();
    StatusOr<std::unique_ptr<Statement>> ParseAlterTable(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseAdmin();
    StatusOr<std::unique_ptr<Statement>> ParseInsert();
    StatusOr<std::unique_ptr<Statement>> ParseDelete();

    StatusOr<std::unique_ptr<Statement>> ParseCreateUser(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseDropUser(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseGrantOrRevoke(bool grant);
    StatusOr<std::vector<std::string>> ParsePrivilegeList();
    StatusOr<GrantOnClause> ParseGrantTarget();
    StatusOr<std::unique_ptr<Statement>> ParseShowGrants(SourcePos pos, bool all);

    StatusOr<std::unique_ptr<Statement>> ParseCreateRoutineLoad(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseAlterRoutineLoad(SourcePos pos);
    StatusOr<std::unique_ptr<Statement>> ParseRoutineLoadControl();
    // Load properties, with or without commas between them; stops at PROPERTIES, FROM or the end.
    Status ParseLoadProperties(LoadProperties* load);
    // item [, item ...] of COLUMNS (...), without the parentheses.
    StatusOr<std::vector<LoadColumn>> ParseLoadColumnList();
    Status ParseDataSource(std::string* name, PropertyList* properties);

    // Counts one level of nesting; fails past kMaxNestingDepth. On success pair it with a
    // NestingScope, which leaves the level again.
    Status EnterNesting();

private:
    friend class NestingScope;

    std::string_view sql_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
    int depth_ = 0;
    size_t expected_at_ = static_cast<size_t>(-1);
    std::vector<std::string> expected_;
};

// Leaves one level of nesting on destruction; construct after a successful EnterNesting().
class NestingScope {
public:
    explicit NestingScope(Parser* parser) : parser_(parser) {}
    ~NestingScope() { --parser_->depth_; }
    NestingScope(const NestingScope&) = delete;
    NestingScope& operator=(const NestingScope&) = delete;

private:
    Parser* parser_;
};

// Upcasts a freshly parsed statement for the ParseXxx functions' return.
template <typename T>
StatusOr<std::unique_ptr<Statement>> Done(std::unique_ptr<T> stmt) {
    return std::unique_ptr<Statement>(std::move(stmt));
}

}  // namespace tributary
