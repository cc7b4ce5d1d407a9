// Syntax errors name the line and column of the offending token and what was expected there.
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

TEST(ParseError, MisspelledObjectAfterCreate) {
    EXPECT_EQ(ParseError("CREATE TABL t"),
              "Getting syntax error at line 1, column 8. Detail message: Unexpected input "
              "'TABL', expected one of: TABLE, DATABASE, USER, ROUTINE.");
}

TEST(ParseError, PositionOnALaterLine) {
    auto result = ParseStatements("SELECT 1;\nCREATE TABLE t (a INT) ENGIN = OLAP");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message(),
              "Getting syntax error at line 2, column 24. Detail message: Unexpected input "
              "'ENGIN', expected one of: ENGINE, DUPLICATE, AGGREGATE, UNIQUE, PRIMARY, COMMENT, "
              "PARTITION, DISTRIBUTED, ORDER, PROPERTIES, ';', end of input.");
}

TEST(ParseError, UnexpectedEndOfInput) {
    EXPECT_EQ(ParseError("SELECT a FROM"),
              "Getting syntax error at line 1, column 14. Detail message: Unexpected end of "
              "input, expected one of: DUAL, identifier.");
}

TEST(ParseError, UnknownStatement) {
    EXPECT_EQ(
        ParseError("FROBNICATE everything"),
        "Getting syntax error at line 1, column 1. Detail message: Unexpected input "
        "'FROBNICATE', expected one of: SELECT, EXPLAIN, SET, USE, SHOW, CREATE, DROP, "
        "ALTER, INSERT, DELETE, TRUNCATE, DESC, DESCRIBE, GRANT, REVOKE, ADMIN, PAUSE, RESUME, "
        "STOP.");
}

TEST(ParseError, EmptyInputIsNotAStatement) {
    EXPECT_NE(ParseError("  -- only a comment\n").find("Unexpected end of input"),
              std::string::npos);
}

TEST(ParseError, SecondStatementWhereOneIsExpected) {
    EXPECT_EQ(ParseError("SELECT 1; SELECT 2"),
              "Getting syntax error at line 1, column 11. Detail message: Unexpected input "
              "'SELECT', expected one of: end of input.");
}

TEST(ParseError, EmptyStatementsAreSkipped) {
    auto result = ParseStatements(";; SELECT 1;; -- done\n;");
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->size(), 1u);
    auto none = ParseStatements("  /* nothing */ ");
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST(ParseError, TrailingSemicolonIsAllowed) { EXPECT_NE(MustParse("SELECT 1 ;"), nullptr); }

TEST(ParseError, LexerErrorsSurfaceThroughTheParser) {
    EXPECT_EQ(ParseError("SELECT 'abc"),
              "Getting syntax error at line 1, column 8. Detail message: Unterminated string "
              "literal.");
}

TEST(ParseError, LongInputIsTruncatedInTheMessage) {
    std::string word(100, 'x');
    std::string message = ParseError("SHOW " + word);
    EXPECT_NE(message.find("Unexpected input '" + std::string(48, 'x') + "...'"),
              std::string::npos);
}

TEST(ParseError, ReservedWordAsTableNameNeedsBackticks) {
    EXPECT_EQ(ParseError("CREATE TABLE select (a INT)"),
              "Getting syntax error at line 1, column 14. Detail message: Unexpected input "
              "'select', expected one of: IF, identifier.");
    EXPECT_NE(MustParse("CREATE TABLE `select` (a INT)"), nullptr);
}

TEST(ParseError, IntegerOutOfRange) {
    EXPECT_EQ(ParseError("SELECT 1 LIMIT 99999999999999999999"),
              "Getting syntax error at line 1, column 16. Detail message: Integer "
              "'99999999999999999999' is out of range.");
}

TEST(ParseError, NestingDepthIsCapped) {
    std::string deep = std::string(300, '(') + "1" + std::string(300, ')');
    auto result = ParseExpression(deep);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.status().message().find("nested too deeply"), std::string::npos);
    std::string ok = std::string(150, '(') + "1" + std::string(150, ')');
    EXPECT_TRUE(ParseExpression(ok).ok());
}

TEST(ParseError, UnaryChainsAreCapped) {
    EXPECT_FALSE(ParseExpression(std::string(10000, '-') + "1").ok());
    std::string nots;
    for (int i = 0; i < 5000; ++i) nots += "NOT ";
    EXPECT_FALSE(ParseExpression(nots + "1").ok());
}

TEST(ParseError, NestedSubqueriesAreCapped) {
    std::string sql;
    for (int i = 0; i < 500; ++i) sql += "SELECT * FROM (";
    sql += "SELECT 1";
    for (int i = 0; i < 500; ++i) sql += ") t";
    EXPECT_NE(ParseError(sql).find("nested too deeply"), std::string::npos);
}

}  // namespace
}  // namespace tributary
