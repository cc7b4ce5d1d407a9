#include "sql/lexer.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

std::vector<Token> Lex(std::string_view sql) {
    auto result = Tokenize(sql);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? std::move(result).value() : std::vector<Token>{};
}

std::string LexError(std::string_view sql) {
    auto result = Tokenize(sql);
    EXPECT_FALSE(result.ok());
    return result.ok() ? "" : std::string(result.status().message());
}

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) {
        if (t.kind != TokenKind::kEnd) out.push_back(t.text);
    }
    return out;
}

TEST(Lexer, EndsWithEndToken) {
    auto tokens = Lex("");
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kEnd);
}

TEST(Lexer, SplitsWordsNumbersAndOperators) {
    auto tokens = Lex("SELECT a1, 12 FROM t WHERE x>=1.5");
    EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"SELECT", "a1", ",", "12", "FROM", "t",
                                                       "WHERE", "x", ">=", "1.5"}));
    EXPECT_EQ(tokens[0].kind, TokenKind::kIdentifier);
    EXPECT_EQ(tokens[3].kind, TokenKind::kInteger);
    EXPECT_EQ(tokens[9].kind, TokenKind::kDecimal);
}

TEST(Lexer, PrefersLongestOperator) {
    EXPECT_EQ(Texts(Lex("a<=>b<>c!=d<<e>>f||g&&h:=i@@j")),
              (std::vector<std::string>{"a", "<=>", "b", "<>", "c", "!=", "d", "<<", "e", ">>", "f",
                                        "||", "g", "&&", "h", ":=", "i", "@@", "j"}));
}

TEST(Lexer, TracksOneBasedLineAndColumn) {
    auto tokens = Lex("SELECT\n  a,\n\tb");
    EXPECT_EQ(tokens[0].pos, (SourcePos{1, 1}));
    EXPECT_EQ(tokens[1].pos, (SourcePos{2, 3}));
    EXPECT_EQ(tokens[2].pos, (SourcePos{2, 4}));
    EXPECT_EQ(tokens[3].pos, (SourcePos{3, 2}));
    EXPECT_EQ(tokens[1].begin, 9u);
    EXPECT_EQ(tokens[1].end, 10u);
}

TEST(Lexer, QuotedIdentifierDoublesBacktick) {
    auto tokens = Lex("`a``b` `select`");
    EXPECT_EQ(tokens[0].kind, TokenKind::kQuotedIdentifier);
    EXPECT_EQ(tokens[0].text, "a`b");
    EXPECT_EQ(tokens[1].text, "select");
}

TEST(Lexer, QuotedIdentifierFollowedByTypeNeedsNoSpace) {
    auto tokens = Lex("`price`double NULL");
    EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"price", "double", "NULL"}));
}

TEST(Lexer, StringsInSingleOrDoubleQuotes) {
    auto tokens = Lex(R"('it''s' "say ""hi""")");
    EXPECT_EQ(tokens[0].kind, TokenKind::kString);
    EXPECT_EQ(tokens[0].text, "it's");
    EXPECT_EQ(tokens[0].quote, '\'');
    EXPECT_EQ(tokens[1].text, "say \"hi\"");
    EXPECT_EQ(tokens[1].quote, '"');
}

TEST(Lexer, StringBackslashEscapesFollowMySql) {
    auto tokens = Lex(R"('a\nb\tc\\d\'e\"f\0g\Zh\%i\_j\qk')");
    EXPECT_EQ(tokens[0].text,
              std::string("a\nb\tc\\d'e\"f") + std::string(1, '\0') + "g\x1ah\\%i\\_jqk");
}

TEST(Lexer, StringMaySpanLines) {
    auto tokens = Lex("'a\nb' c");
    EXPECT_EQ(tokens[0].text, "a\nb");
    EXPECT_EQ(tokens[1].pos, (SourcePos{2, 4}));
}

TEST(Lexer, NumbersOfEveryForm) {
    auto tokens = Lex("1 1.5 .5 1e3 1.5E-2 0x1F 99999999999999999999");
    EXPECT_EQ(tokens[0].kind, TokenKind::kInteger);
    EXPECT_EQ(tokens[1].kind, TokenKind::kDecimal);
    EXPECT_EQ(tokens[2].kind, TokenKind::kDecimal);
    EXPECT_EQ(tokens[2].text, ".5");
    EXPECT_EQ(tokens[3].kind, TokenKind::kFloat);
    EXPECT_EQ(tokens[4].kind, TokenKind::kFloat);
    EXPECT_EQ(tokens[4].text, "1.5E-2");
    EXPECT_EQ(tokens[5].kind, TokenKind::kHexNumber);
    EXPECT_EQ(tokens[5].text, "1F");
    EXPECT_EQ(tokens[6].kind, TokenKind::kInteger);
    EXPECT_EQ(tokens[6].text, "99999999999999999999");
}

TEST(Lexer, DigitsFollowedByLettersAreAnIdentifier) {
    auto tokens = Lex("2023_sales 1abc");
    EXPECT_EQ(tokens[0].kind, TokenKind::kIdentifier);
    EXPECT_EQ(tokens[0].text, "2023_sales");
    EXPECT_EQ(tokens[1].kind, TokenKind::kIdentifier);
}

TEST(Lexer, DotAfterNameIsQualifierNotNumber) {
    EXPECT_EQ(Texts(Lex("t.5")), (std::vector<std::string>{"t", ".", "5"}));
    auto tokens = Lex("NOT .5");
    EXPECT_EQ(tokens[1].kind, TokenKind::kDecimal);
    EXPECT_EQ(tokens[1].text, ".5");
}

TEST(Lexer, DateLikeArithmeticStaysTokens) {
    EXPECT_EQ(Texts(Lex("2023-06-31")), (std::vector<std::string>{"2023", "-", "06", "-", "31"}));
}

TEST(Lexer, SkipsAllCommentStyles) {
    EXPECT_EQ(Texts(Lex("a -- line\nb # hash\nc /* block\n */ d")),
              (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(Lexer, DoubleDashWithoutSpaceIsTwoMinuses) {
    EXPECT_EQ(Texts(Lex("1--1")), (std::vector<std::string>{"1", "-", "-", "1"}));
    EXPECT_EQ(Texts(Lex("1 --")), (std::vector<std::string>{"1"}));
}

TEST(Lexer, ExecutableCommentContentIsCode) {
    EXPECT_EQ(Texts(Lex("/*!40101 SET NAMES utf8 */;")),
              (std::vector<std::string>{"SET", "NAMES", "utf8", ";"}));
    EXPECT_EQ(Texts(Lex("/*! SELECT 1*/")), (std::vector<std::string>{"SELECT", "1"}));
}

TEST(Lexer, OptimizerHintIsAComment) {
    EXPECT_EQ(Texts(Lex("SELECT /*+ SET_VAR(a=1) */ 1")),
              (std::vector<std::string>{"SELECT", "1"}));
}

TEST(Lexer, UserAtHostIsStringAtString) {
    auto tokens = Lex("'u'@'%'");
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(tokens[0].kind, TokenKind::kString);
    EXPECT_EQ(tokens[1].text, "@");
    EXPECT_EQ(tokens[2].kind, TokenKind::kString);
    EXPECT_EQ(tokens[2].text, "%");
}

TEST(Lexer, NonAsciiBytesBelongToIdentifiers) {
    auto tokens = Lex("Saint-Exupéry");
    EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"Saint", "-", "Exupéry"}));
}

TEST(Lexer, RejectsUnterminatedStringWithItsPosition) {
    EXPECT_EQ(LexError("SELECT\n  'abc"),
              "Getting syntax error at line 2, column 3. Detail message: Unterminated string "
              "literal.");
    EXPECT_NE(LexError("SELECT 'abc\\").find("Unterminated string"), std::string::npos);
}

TEST(Lexer, RejectsUnterminatedQuotedIdentifier) {
    EXPECT_EQ(LexError("SELECT `abc"),
              "Getting syntax error at line 1, column 8. Detail message: Unterminated quoted "
              "identifier.");
}

TEST(Lexer, RejectsEmptyQuotedIdentifier) {
    EXPECT_EQ(LexError("SELECT t.``"),
              "Getting syntax error at line 1, column 10. Detail message: Empty quoted identifier "
              "``.");
}

TEST(Lexer, RejectsUnterminatedComments) {
    EXPECT_EQ(LexError("SELECT 1 /* never closed"),
              "Getting syntax error at line 1, column 10. Detail message: Unterminated comment.");
    EXPECT_NE(LexError("/*!40101 SET a=1").find("Unterminated executable comment"),
              std::string::npos);
}

TEST(Lexer, RejectsStrayCharacter) {
    EXPECT_EQ(LexError("SELECT \x01"),
              "Getting syntax error at line 1, column 8. Detail message: Unexpected character "
              "'\\x01'.");
}

}  // namespace
}  // namespace tributary
