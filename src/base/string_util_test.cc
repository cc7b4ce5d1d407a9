#include "base/string_util.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(StringUtilTest, CaseInsensitiveComparisonIsAsciiOnly) {
    EXPECT_TRUE(EqualsIgnoreCase("Example_DB", "example_db"));
    EXPECT_FALSE(EqualsIgnoreCase("abc", "abcd"));
    EXPECT_TRUE(StartsWithIgnoreCase("SHOW VARIABLES", "show"));
}

TEST(StringUtilTest, SplitKeepsEmptyPieces) {
    EXPECT_EQ(Split("a,,b", ","), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_EQ(Split("a||b", "||"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(Join({"x", "y"}, ", "), "x, y");
}

TEST(StringUtilTest, LikeMatchesPercentUnderscoreAndEscapes) {
    EXPECT_TRUE(LikeMatch("version_comment", "version%", false));
    EXPECT_TRUE(LikeMatch("version_comment", "%COMMENT", true));
    EXPECT_FALSE(LikeMatch("version_comment", "%COMMENT", false));
    EXPECT_TRUE(LikeMatch("abc", "a_c", false));
    EXPECT_FALSE(LikeMatch("abc", "a_", false));
    EXPECT_TRUE(LikeMatch("a_c", "a\\_c", false));
    EXPECT_FALSE(LikeMatch("abc", "a\\_c", false));
    EXPECT_TRUE(LikeMatch("", "%", false));
    EXPECT_TRUE(LikeMatch("aXbXc", "a%b%c", false));
}

TEST(StringUtilTest, ParseInt64RejectsJunkAndOverflow) {
    int64_t v = 0;
    EXPECT_TRUE(ParseInt64("-42", &v));
    EXPECT_EQ(v, -42);
    EXPECT_FALSE(ParseInt64("42x", &v));
    EXPECT_FALSE(ParseInt64("", &v));
    EXPECT_FALSE(ParseInt64("99999999999999999999", &v));
}

TEST(StringUtilTest, HexRoundTripsAndRejectsBadDigits) {
    EXPECT_EQ(HexEncode(std::string("\x01\xab\xff", 3)), "01abff");
    EXPECT_EQ(HexEncode(std::string("\xab", 1), /*uppercase=*/true), "AB");
    EXPECT_EQ(*HexDecode("01ABff"), std::string("\x01\xab\xff", 3));
    EXPECT_FALSE(HexDecode("abc").ok());
    EXPECT_FALSE(HexDecode("zz").ok());
}

TEST(StringUtilTest, QuotingEscapesDelimiters) {
    EXPECT_EQ(QuoteString("a\"b"), "\"a\\\"b\"");
    EXPECT_EQ(QuoteIdentifier("we`ird"), "`we``ird`");
}

}  // namespace
}  // namespace tributary

namespace tributary {
namespace {

TEST(StringUtilTest, ParseDoubleTakesTheWholeString) {
    double d = 0;
    EXPECT_TRUE(ParseDouble("0.25", &d));
    EXPECT_EQ(d, 0.25);
    EXPECT_TRUE(ParseDouble("1e-3", &d));
    EXPECT_EQ(d, 1e-3);
    EXPECT_FALSE(ParseDouble("", &d));
    EXPECT_FALSE(ParseDouble("0.5x", &d));
    EXPECT_FALSE(ParseDouble("lots", &d));
}

TEST(StringUtilTest, TruncateUtf8NeverSplitsACharacter) {
    EXPECT_EQ(TruncateUtf8("short", 10), "short");
    EXPECT_EQ(TruncateUtf8("abcdef", 3), "abc...");
    // "é" is two bytes (C3 A9): a cut inside it backs up before it.
    EXPECT_EQ(TruncateUtf8("ab\xC3\xA9z", 3), "ab...");
    EXPECT_EQ(TruncateUtf8("ab\xC3\xA9z", 4), "ab\xC3\xA9...");
}

}  // namespace
}  // namespace tributary
