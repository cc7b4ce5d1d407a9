// Expressions: literals, names, calls, MySQL operator precedence, and ToSql round trips.
#include <gtest/gtest.h>

#include "sql/parser_test_util.h"

namespace tributary {
namespace {

TEST(ParseExpression, IntegerLiteral) {
    ExprPtr e = MustParseExpr("42");
    ASSERT_NE(e, nullptr);
    const auto& literal = e->As<LiteralExpr>();
    EXPECT_EQ(literal.literal_kind, LiteralKind::kInt);
    EXPECT_EQ(literal.int_value, 42);
}

TEST(ParseExpression, IntegerBeyondInt64IsDecimalText) {
    ExprPtr e = MustParseExpr("18446744073709551616");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->As<LiteralExpr>().literal_kind, LiteralKind::kDecimal);
    EXPECT_EQ(e->As<LiteralExpr>().text, "18446744073709551616");
}

TEST(ParseExpression, NegativeNumberIsOneLiteral) {
    ExprPtr e = MustParseExpr("-9223372036854775808");
    ASSERT_NE(e, nullptr);
    const auto& literal = e->As<LiteralExpr>();
    EXPECT_EQ(literal.literal_kind, LiteralKind::kInt);
    EXPECT_EQ(literal.int_value, INT64_MIN);
    EXPECT_EQ(e->ToSql(), "-9223372036854775808");
}

TEST(ParseExpression, DecimalFloatAndHexLiterals) {
    EXPECT_EQ(MustParseExpr("1.50")->As<LiteralExpr>().literal_kind, LiteralKind::kDecimal);
    EXPECT_EQ(MustParseExpr("1.50")->ToSql(), "1.50");
    EXPECT_EQ(MustParseExpr("2e10")->As<LiteralExpr>().literal_kind, LiteralKind::kFloat);
    ExprPtr hex = MustParseExpr("0xff");
    EXPECT_EQ(hex->As<LiteralExpr>().int_value, 255);
}

TEST(ParseExpression, StringBoolNullAndTypedLiterals) {
    EXPECT_EQ(MustParseExpr("'a' \"b\"")->As<LiteralExpr>().text, "ab");
    EXPECT_TRUE(MustParseExpr("true")->As<LiteralExpr>().bool_value);
    EXPECT_EQ(MustParseExpr("FALSE")->As<LiteralExpr>().literal_kind, LiteralKind::kBool);
    EXPECT_EQ(MustParseExpr("null")->As<LiteralExpr>().literal_kind, LiteralKind::kNull);
    ExprPtr date = MustParseExpr("DATE '2023-06-01'");
    EXPECT_EQ(date->As<LiteralExpr>().literal_kind, LiteralKind::kDate);
    EXPECT_EQ(date->As<LiteralExpr>().text, "2023-06-01");
    EXPECT_EQ(MustParseExpr("TIMESTAMP '2023-06-01 10:00:00'")->As<LiteralExpr>().literal_kind,
              LiteralKind::kDateTime);
}

TEST(ParseExpression, ColumnReferencesWithQualifiers) {
    EXPECT_EQ(MustParseExpr("a")->As<ColumnRefExpr>().column, "a");
    ExprPtr qualified = MustParseExpr("db.`T`.Col");
    const auto& c = qualified->As<ColumnRefExpr>();
    EXPECT_EQ(c.db, "db");
    EXPECT_EQ(c.table, "T");
    EXPECT_EQ(c.column, "Col");
    EXPECT_EQ(qualified->ToSql(), "`db`.`T`.`Col`");
}

TEST(ParseExpression, KeywordsAreColumnNames) {
    for (const char* name : {"name", "data", "date", "type", "comment", "status", "key", "value",
                             "time", "timestamp", "partition", "temporary", "columns", "rows"}) {
        ExprPtr e = MustParseExpr(name);
        ASSERT_NE(e, nullptr) << name;
        EXPECT_EQ(e->As<ColumnRefExpr>().column, name);
    }
}

TEST(ParseExpression, ReservedWordIsNotAColumn) {
    EXPECT_FALSE(ParseExpression("from").ok());
    EXPECT_TRUE(ParseExpression("`from`").ok());
}

TEST(ParseExpression, SystemAndUserVariables) {
    ExprPtr plain = MustParseExpr("@@version_comment");
    const auto& v = plain->As<VariableExpr>();
    EXPECT_TRUE(v.is_system);
    EXPECT_EQ(v.scope, VariableScope::kDefault);
    EXPECT_EQ(v.name, "version_comment");
    EXPECT_EQ(MustParseExpr("@@session.auto_increment_increment")->As<VariableExpr>().scope,
              VariableScope::kSession);
    EXPECT_EQ(MustParseExpr("@@GLOBAL.x")->As<VariableExpr>().scope, VariableScope::kGlobal);
    EXPECT_EQ(MustParseExpr("@@local.x")->As<VariableExpr>().scope, VariableScope::kLocal);
    ExprPtr user = MustParseExpr("@my_var");
    EXPECT_FALSE(user->As<VariableExpr>().is_system);
    EXPECT_EQ(user->As<VariableExpr>().name, "my_var");
}

TEST(ParseExpression, FunctionCallsMayBeNamedByKeywords) {
    for (const char* call : {"date(x)", "year(x)", "if(a, b, c)", "left(s, 2)", "right(s, 2)",
                             "replace(s, 'a', 'b')", "mod(a, 2)", "database()", "user()",
                             "current_user()", "connection_id()", "insert(s, 1, 2, 'x')"}) {
        ExprPtr e = MustParseExpr(call);
        ASSERT_NE(e, nullptr) << call;
        EXPECT_EQ(e->kind, ExprKind::kFunctionCall) << call;
    }
    EXPECT_EQ(MustParseExpr("DATE(x)")->As<FunctionCallExpr>().name, "DATE");
}

TEST(ParseExpression, CountStarAndCountDistinct) {
    ExprPtr star = MustParseExpr("count(*)");
    EXPECT_TRUE(star->As<FunctionCallExpr>().star);
    EXPECT_EQ(star->ToSql(), "count(*)");
    ExprPtr distinct = MustParseExpr("COUNT(DISTINCT a, b)");
    const auto& call = distinct->As<FunctionCallExpr>();
    EXPECT_TRUE(call.distinct);
    EXPECT_EQ(call.args.size(), 2u);
    EXPECT_EQ(distinct->ToSql(), "COUNT(DISTINCT `a`, `b`)");
}

TEST(ParseExpression, NiladicFunctionsWithoutParentheses) {
    ExprPtr e = MustParseExpr("CURRENT_TIMESTAMP");
    EXPECT_EQ(e->As<FunctionCallExpr>().name, "CURRENT_TIMESTAMP");
    EXPECT_TRUE(e->As<FunctionCallExpr>().args.empty());
}

TEST(ParseExpression, CastWithTypeArguments) {
    ExprPtr e = MustParseExpr("CAST(a AS DECIMAL(10, 2))");
    const auto& cast = e->As<CastExpr>();
    EXPECT_EQ(cast.type, (TypeName{"DECIMAL", {10, 2}, {}}));
    EXPECT_EQ(e->ToSql(), "CAST(`a` AS DECIMAL(10,2))");
    EXPECT_EQ(MustParseExpr("cast(x as signed integer)")->As<CastExpr>().type.name, "signed");
}

TEST(ParseExpression, SearchedAndSimpleCase) {
    ExprPtr searched = MustParseExpr("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END");
    const auto& c = searched->As<CaseExpr>();
    EXPECT_EQ(c.operand, nullptr);
    EXPECT_EQ(c.whens.size(), 2u);
    EXPECT_NE(c.else_expr, nullptr);
    ExprPtr simple = MustParseExpr("case a when 1 then 'one' end");
    EXPECT_NE(simple->As<CaseExpr>().operand, nullptr);
    EXPECT_EQ(simple->As<CaseExpr>().else_expr, nullptr);
}

TEST(ParseExpression, IntervalInsideDateAdd) {
    ExprPtr e = MustParseExpr("date_add(dt, INTERVAL 1 DAY)");
    const auto& call = e->As<FunctionCallExpr>();
    ASSERT_EQ(call.args.size(), 2u);
    const auto& interval = call.args[1]->As<IntervalExpr>();
    EXPECT_EQ(interval.unit, "DAY");
    EXPECT_EQ(e->ToSql(), "date_add(`dt`, INTERVAL 1 DAY)");
    EXPECT_EQ(MustParseExpr("date_sub(now(), interval 2 hour)")->ToSql(),
              "date_sub(now(), INTERVAL 2 HOUR)");
}

TEST(ParseExpression, PredicatesWithNegation) {
    EXPECT_EQ(ExprSql("a NOT IN (1, 2)"), "`a` NOT IN (1, 2)");
    EXPECT_EQ(ExprSql("a between 1 and 2"), "`a` BETWEEN 1 AND 2");
    EXPECT_EQ(ExprSql("a not between 1 and 2"), "`a` NOT BETWEEN 1 AND 2");
    EXPECT_EQ(ExprSql("a like 'x%'"), "`a` LIKE 'x%'");
    EXPECT_EQ(ExprSql("a not like 'x%' escape '!'"), "`a` NOT LIKE 'x%' ESCAPE '!'");
    EXPECT_EQ(ExprSql("a regexp '^x'"), "`a` REGEXP '^x'");
    EXPECT_EQ(ExprSql("a not rlike '^x'"), "`a` NOT REGEXP '^x'");
    EXPECT_EQ(ExprSql("a is null"), "`a` IS NULL");
    EXPECT_EQ(ExprSql("a is not null"), "`a` IS NOT NULL");
    EXPECT_EQ(ExprSql("a is not true"), "`a` IS NOT TRUE");
    EXPECT_EQ(ExprSql("a is false"), "`a` IS FALSE");
}

TEST(ParseExpression, InAndExistsWithSubquery) {
    ExprPtr in = MustParseExpr("a IN (SELECT b FROM t)");
    EXPECT_NE(in->As<InExpr>().subquery, nullptr);
    EXPECT_EQ(in->ToSql(), "`a` IN (SELECT `b` FROM `t`)");
    ExprPtr exists = MustParseExpr("NOT EXISTS (SELECT 1)");
    EXPECT_EQ(exists->ToSql(), "NOT EXISTS (SELECT 1)");
    ExprPtr scalar = MustParseExpr("(SELECT max(a) FROM t) + 1");
    EXPECT_EQ(scalar->ToSql(), "(SELECT max(`a`) FROM `t`) + 1");
}

TEST(ParseExpressionPrecedence, AndBindsTighterThanOr) {
    EXPECT_EQ(TreeOf("a OR b AND c"), "(`a` OR (`b` AND `c`))");
    EXPECT_EQ(TreeOf("a || b && c"), "(`a` OR (`b` AND `c`))");
}

TEST(ParseExpressionPrecedence, XorBetweenOrAndAnd) {
    EXPECT_EQ(TreeOf("a OR b XOR c AND d"), "(`a` OR (`b` XOR (`c` AND `d`)))");
}

TEST(ParseExpressionPrecedence, NotBindsLooserThanComparison) {
    EXPECT_EQ(TreeOf("NOT a = b AND c"), "((NOT (`a` = `b`)) AND `c`)");
}

TEST(ParseExpressionPrecedence, BangBindsTighterThanComparison) {
    EXPECT_EQ(TreeOf("!a = b"), "((NOT `a`) = `b`)");
}

TEST(ParseExpressionPrecedence, ComparisonsAreLeftAssociative) {
    EXPECT_EQ(TreeOf("a = b <=> c != d <> e"), "((((`a` = `b`) <=> `c`) != `d`) != `e`)");
    EXPECT_EQ(TreeOf("a < b <= c > d >= e"), "((((`a` < `b`) <= `c`) > `d`) >= `e`)");
}

TEST(ParseExpressionPrecedence, ArithmeticAboveComparison) {
    EXPECT_EQ(TreeOf("a + b * c = d - e / f"), "((`a` + (`b` * `c`)) = (`d` - (`e` / `f`)))");
}

TEST(ParseExpressionPrecedence, BitOperatorsInMySqlOrder) {
    EXPECT_EQ(TreeOf("a | b & c << d + e"), "(`a` | (`b` & (`c` << (`d` + `e`))))");
    EXPECT_EQ(TreeOf("a * b ^ c"), "(`a` * (`b` ^ `c`))");
    EXPECT_EQ(TreeOf("a >> 1 & 3"), "((`a` >> 1) & 3)");
}

TEST(ParseExpressionPrecedence, MultiplicativeKeywords) {
    EXPECT_EQ(TreeOf("a DIV b MOD c % d"), "(((`a` DIV `b`) % `c`) % `d`)");
}

TEST(ParseExpressionPrecedence, SubtractionIsLeftAssociative) {
    EXPECT_EQ(TreeOf("2023-06-31"), "((2023 - 06) - 31)");
}

TEST(ParseExpressionPrecedence, UnaryOperatorsBindTightest) {
    EXPECT_EQ(TreeOf("-a * b"), "((-`a`) * `b`)");
    EXPECT_EQ(TreeOf("~a + 1"), "((~`a`) + 1)");
    EXPECT_EQ(TreeOf("- -1"), "(--1)");
    EXPECT_EQ(TreeOf("-(a + b)"), "(-(`a` + `b`))");
}

TEST(ParseExpressionPrecedence, BetweenBindsTighterThanComparison) {
    EXPECT_EQ(TreeOf("a = b BETWEEN 1 AND 2"), "(`a` = (`b` BETWEEN 1 AND 2))");
    EXPECT_EQ(TreeOf("a BETWEEN 1 AND 2 AND c"), "((`a` BETWEEN 1 AND 2) AND `c`)");
}

TEST(ParseExpressionPrecedence, ParenthesesOverridePrecedence) {
    EXPECT_EQ(TreeOf("(a OR b) AND c"), "((`a` OR `b`) AND `c`)");
}

TEST(ParseExpression, ToSqlPrintsOnlyTheParenthesesPrecedenceNeeds) {
    EXPECT_EQ(ExprSql("(a + b) * c"), "(`a` + `b`) * `c`");
    EXPECT_EQ(ExprSql("a + (b * c)"), "`a` + `b` * `c`");
    EXPECT_EQ(ExprSql("a - (b - c)"), "`a` - (`b` - `c`)");
    EXPECT_EQ(ExprSql("(a - b) - c"), "`a` - `b` - `c`");
    EXPECT_EQ(ExprSql("a OR b OR c AND d"), "`a` OR `b` OR `c` AND `d`");
    EXPECT_EQ(ExprSql("(a OR b) AND NOT c"), "(`a` OR `b`) AND NOT `c`");
    EXPECT_EQ(ExprSql("!a = b"), "(NOT `a`) = `b`");
    EXPECT_EQ(ExprSql("a = (b = c)"), "`a` = (`b` = `c`)");
    EXPECT_EQ(ExprSql("-(a + b)"), "-(`a` + `b`)");
    EXPECT_EQ(ExprSql("- -1"), "- -1");
    EXPECT_EQ(ExprSql("(a IS NULL) IN (1)"), "(`a` IS NULL) IN (1)");
}

TEST(ParseExpression, LongFlatChainsStayFlat) {
    std::string sql = "a0";
    for (int i = 1; i < 1000; ++i) sql += " OR a" + std::to_string(i) + " = " + std::to_string(i);
    ExprPtr first = MustParseExpr(sql);
    ASSERT_NE(first, nullptr);
    ExprPtr second = MustParseExpr(first->ToSql());
    ASSERT_NE(second, nullptr);
    EXPECT_TRUE(ExprEquals(*first, *second));
}

TEST(ParseExpression, KeepsSourcePositions) {
    ExprPtr e = MustParseExpr("a +\n  f(b)");
    const auto& add = e->As<BinaryExpr>();
    EXPECT_EQ(add.left->pos, (SourcePos{1, 1}));
    EXPECT_EQ(add.right->pos, (SourcePos{2, 3}));
}

TEST(ParseExpression, ToSqlQuotesIdentifiersAndStrings) {
    EXPECT_EQ(ExprSql("from_unixtime(pay_time, '%Y%m%d')"), "from_unixtime(`pay_time`, '%Y%m%d')");
    EXPECT_EQ(ExprSql("`we``ird` = 'it''s'"), "`we``ird` = 'it\\'s'");
}

// Every expression prints to SQL that parses back to an equal tree.
TEST(ParseExpression, ToSqlRoundTripsToAnEqualTree) {
    const char* cases[] = {
        "1",
        "-1.5e3",
        "'a\\nb\\\\c\\%'",
        "NULL IS NULL",
        "a.b.c + @@session.x - @u",
        "count(*) + count(DISTINCT a) + sum(ALL b)",
        "CASE a WHEN 1 THEN 'x' ELSE NULL END",
        "CASE WHEN a THEN b END",
        "CAST(a AS varchar(10)) LIKE 'x%' ESCAPE '#'",
        "a NOT IN (1, 2, (3))",
        "a IN (SELECT b FROM t WHERE c = 1 UNION ALL SELECT 2 ORDER BY 1 LIMIT 3)",
        "NOT EXISTS (SELECT * FROM t1, t2 LEFT JOIN t3 ON t2.a = t3.a)",
        "a BETWEEN b AND c AND d NOT BETWEEN e AND f",
        "x IS NOT TRUE OR y IS FALSE",
        "a | b & c << d >> e + f - g * h / i % j DIV k MOD l ^ m",
        "- - a + ~ b + ! c",
        "date_add(dt, INTERVAL -1 DAY) > DATE '2020-01-01'",
        "TIMESTAMP '2020-01-01 00:00:00' <=> now()",
        "`select`(1)",
        "`weird name`.`col``x`",
        "0x7FFFFFFFFFFFFFFF + 0xFFFFFFFFFFFFFFFF",
        "a REGEXP '^[0-9]+$' XOR b",
        "DEFAULT",
        "(SELECT 1) = (SELECT 2)",
        "if(a > 0, left(s, 2), right(s, 3))",
        "CURRENT_DATE",
        "!.5",
        "@'' + @'a b' + @`c`",
        "NOT .5 OR -.5",
    };
    for (const char* text : cases) {
        ExprPtr first = MustParseExpr(text);
        ASSERT_NE(first, nullptr) << text;
        std::string sql = first->ToSql();
        ExprPtr second = MustParseExpr(sql);
        ASSERT_NE(second, nullptr) << sql;
        EXPECT_TRUE(ExprEquals(*first, *second)) << text << "\n -> " << sql;
        EXPECT_EQ(second->ToSql(), sql);
    }
}

TEST(ParseExpression, ExprEqualsComparesStructure) {
    EXPECT_TRUE(ExprEquals(*MustParseExpr("a + 1"), *MustParseExpr("(a)+1")));
    EXPECT_FALSE(ExprEquals(*MustParseExpr("a + 1"), *MustParseExpr("a - 1")));
    EXPECT_FALSE(ExprEquals(*MustParseExpr("a"), *MustParseExpr("A")));
    EXPECT_FALSE(ExprEquals(*MustParseExpr("1.0"), *MustParseExpr("1.00")));
}

TEST(ParseExpression, RejectsTrailingInput) {
    auto result = ParseExpression("a b");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message(),
              "Getting syntax error at line 1, column 3. Detail message: Unexpected input 'b', "
              "expected one of: '^', '*', '/', '%', MOD, DIV, '+', '-', '<<', '>>', '&', '|', "
              "IN, BETWEEN, LIKE, REGEXP, RLIKE, IS, '=', '<=>', '!=', '<>', '<', '<=', '>', "
              "'>=', AND, '&&', XOR, OR, '||', end of input.");
}

}  // namespace
}  // namespace tributary
