#include <gtest/gtest.h>

#include "expr/function_test_util.h"

namespace tributary {
namespace {

using namespace function_test;

// --- concat / concat_ws ---------------------------------------------------------------------

TEST(StringFunctionsTest, ConcatJoinsItsArguments) {
    EXPECT_EQ(Eval("concat", {Str("Star"), Str("Rocks"), Str("!")}), "StarRocks!");
    EXPECT_EQ(Eval("concat", {Str("solo")}), "solo");
    EXPECT_EQ(ResultType("concat", {Str("a"), Str("b")}), AnyVarchar().ToSql());
}

TEST(StringFunctionsTest, ConcatCastsOtherTypesToText) {
    EXPECT_EQ(Eval("concat", {Str("a"), Int64(1)}), "a1");
    EXPECT_EQ(Eval("concat", {Str("d="), Date("2020-05-08")}), "d=2020-05-08");
    EXPECT_EQ(Eval("concat", {Dec("1.50", 3, 2), Str("%")}), "1.50%");
}

TEST(StringFunctionsTest, ConcatIsNullWhenAnyArgumentIsNull) {
    EXPECT_EQ(Eval("concat", {Str("a"), NullStr(), Str("b")}), "NULL");
}

TEST(StringFunctionsTest, ConcatRejectsAnEmptyArgumentList) {
    EXPECT_EQ(Eval("concat", {}), "ERROR: concat expects at least 1 argument, got 0");
}

TEST(StringFunctionsTest, ConcatOverColumnsPropagatesNullRows) {
    EXPECT_EQ(EvalRows("concat", {Strings({"a", std::nullopt, "c"}), Const(Str("-")),
                                  Strings({"x", "y", std::nullopt})}),
              (Rows{"a-x", "NULL", "NULL"}));
}

TEST(StringFunctionsTest, ConcatWsSkipsNullsButKeepsEmptyStrings) {
    EXPECT_EQ(Eval("concat_ws", {Str("Rock"), Str("Star"), Str("s")}), "StarRocks");
    EXPECT_EQ(Eval("concat_ws", {Str("Rock"), Str("Star"), NullStr(), Str("s")}), "StarRocks");
    EXPECT_EQ(Eval("concat_ws", {Str("-"), Str("a"), Str(""), Str("b")}), "a--b");
    EXPECT_EQ(Eval("concat_ws", {Str(","), NullStr()}), "");
}

TEST(StringFunctionsTest, ConcatWsIsNullOnlyWhenTheSeparatorIsNull) {
    EXPECT_EQ(Eval("concat_ws", {NullStr(), Str("Star"), Str("s")}), "NULL");
    EXPECT_FALSE(MayReturnNull("concat_ws", {AnyVarchar(), AnyVarchar()}));
    EXPECT_EQ(EvalRows("concat_ws", {Strings({",", std::nullopt, "+"}),
                                     Strings({"a", "b", std::nullopt}), Const(Str("z"))}),
              (Rows{"a,z", "NULL", "z"}));
}

TEST(StringFunctionsTest, ConcatWsNeedsASeparatorAndOneString) {
    EXPECT_EQ(Eval("concat_ws", {Str(",")}),
              "ERROR: concat_ws expects at least 2 arguments, got 1");
}

// --- substr ---------------------------------------------------------------------------------

TEST(StringFunctionsTest, SubstrCountsPositionsFromOne) {
    EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(1), Int64(4)}), "star");
    EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(5)}), "rocks");
    EXPECT_EQ(Eval("substring", {Str("starrockscluster"), Int64(1)}), "starrockscluster");
}

TEST(StringFunctionsTest, SubstrCountsFromTheEndForNegativePosition) {
    EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(-5), Int64(5)}), "rocks");
    EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(-5), Int64(2)}), "ro");
    EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(-9)}), "starrocks");
}

TEST(StringFunctionsTest, SubstrGivesEmptyForPositionZero) {
    EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(0), Int64(3)}), "");
}

TEST(StringFunctionsTest, SubstrGivesEmptyOutsideTheString) {
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(8), Int64(2)}), "");
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(-6)}), "");
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(INT64_MIN)}), "");
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(INT64_MAX)}), "");
}

TEST(StringFunctionsTest, SubstrClampsTheLengthToWhatIsLeft) {
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(1), Int64(9)}), "apple");
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(2), Int64(INT64_MAX)}), "pple");
}

TEST(StringFunctionsTest, SubstrGivesEmptyForNonPositiveLength) {
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(1), Int64(0)}), "");
    EXPECT_EQ(Eval("substr", {Str("apple"), Int64(1), Int64(-1)}), "");
}

TEST(StringFunctionsTest, SubstrCountsUtf8Characters) {
    EXPECT_EQ(Eval("substr", {Str("héllo"), Int64(2), Int64(3)}), "éll");
    EXPECT_EQ(Eval("substr", {Str("日本語"), Int64(-1)}), "語");
    EXPECT_EQ(Eval("substr", {Str("日本語"), Int64(2), Int64(1)}), "本");
}

TEST(StringFunctionsTest, SubstrIsNullForNullArguments) {
    EXPECT_EQ(Eval("substr", {NullStr(), Int64(1)}), "NULL");
    EXPECT_EQ(Eval("substr", {Str("a"), Null(TypeDesc::Of(LogicalType::kBigInt))}), "NULL");
}

TEST(StringFunctionsTest, SubstrOverColumnsWithConstantOrPerRowPositions) {
    EXPECT_EQ(EvalRows("substr", {Strings({"hello", std::nullopt, "日本語"}), Const(Int64(2))}),
              (Rows{"ello", "NULL", "本語"}));
    EXPECT_EQ(EvalRows("substr", {Const(Str("starrocks")), Int64s({1, -5, std::nullopt, 0}),
                                  Int64s({4, 5, 1, std::nullopt})}),
              (Rows{"star", "rocks", "NULL", "NULL"}));
}

TEST(StringFunctionsTest, SubstrRejectsWrongArity) {
    EXPECT_EQ(Eval("substr", {Str("a")}), "ERROR: substr expects 2 or 3 arguments, got 1");
}

// --- length, case, trim ---------------------------------------------------------------------

TEST(StringFunctionsTest, LengthCountsBytesAndCharLengthCountsCharacters) {
    EXPECT_EQ(Eval("length", {Str("héllo")}), "6");
    EXPECT_EQ(Eval("char_length", {Str("héllo")}), "5");
    EXPECT_EQ(Eval("character_length", {Str("日本語")}), "3");
    EXPECT_EQ(Eval("length", {Str("")}), "0");
    EXPECT_EQ(ResultType("length", {Str("a")}), "int(11)");
    EXPECT_EQ(EvalRows("char_length", {Strings({"ab", std::nullopt, "é"})}),
              (Rows{"2", "NULL", "1"}));
}

TEST(StringFunctionsTest, LengthOfANumberIsTheLengthOfItsText) {
    EXPECT_EQ(Eval("length", {Int64(-123)}), "4");
}

TEST(StringFunctionsTest, UpperAndLowerMapAsciiLetters) {
    EXPECT_EQ(Eval("upper", {Str("Hello, World 1")}), "HELLO, WORLD 1");
    EXPECT_EQ(Eval("ucase", {Str("é")}), "é");
    EXPECT_EQ(Eval("lower", {Str("Hello, World 1")}), "hello, world 1");
    EXPECT_EQ(Eval("lcase", {Str("ABC")}), "abc");
    EXPECT_EQ(EvalRows("upper", {Strings({"a", std::nullopt, ""})}), (Rows{"A", "NULL", ""}));
}

TEST(StringFunctionsTest, TrimRemovesSpacesFromTheChosenEnds) {
    EXPECT_EQ(Eval("trim", {Str("   ab c  ")}), "ab c");
    EXPECT_EQ(Eval("ltrim", {Str("   ab c  ")}), "ab c  ");
    EXPECT_EQ(Eval("rtrim", {Str("   ab c  ")}), "   ab c");
    EXPECT_EQ(Eval("trim", {Str("\tab\t")}), "\tab\t");
    EXPECT_EQ(Eval("trim", {Str("    ")}), "");
}

TEST(StringFunctionsTest, TrimRemovesTheGivenCharacters) {
    EXPECT_EQ(Eval("trim", {Str("abcd"), Str("ad")}), "bc");
    EXPECT_EQ(Eval("trim", {Str("xxabcdxx"), Str("x")}), "abcd");
    EXPECT_EQ(Eval("ltrim", {Str("xxabcdxx"), Str("x")}), "abcdxx");
}

TEST(StringFunctionsTest, TrimRejectsAnEmptyCharacterSet) {
    EXPECT_EQ(Eval("trim", {Str("abc"), Str("")}),
              "ERROR: trim: the characters to remove must not be empty");
}

// --- searching and replacing ----------------------------------------------------------------

TEST(StringFunctionsTest, ReplaceReplacesEveryOccurrence) {
    EXPECT_EQ(Eval("replace", {Str("aXbXc"), Str("X"), Str("--")}), "a--b--c");
    EXPECT_EQ(Eval("replace", {Str("aaa"), Str("aa"), Str("b")}), "ba");
    EXPECT_EQ(Eval("replace", {Str("abc"), Str("b"), Str("")}), "ac");
    EXPECT_EQ(Eval("replace", {Str("abc"), Str("z"), Str("y")}), "abc");
}

TEST(StringFunctionsTest, ReplaceWithAnEmptySearchLeavesTheStringAlone) {
    EXPECT_EQ(Eval("replace", {Str("abc"), Str(""), Str("x")}), "abc");
}

TEST(StringFunctionsTest, SplitPartCountsFieldsFromOne) {
    EXPECT_EQ(Eval("split_part", {Str("hello world"), Str(" "), Int64(1)}), "hello");
    EXPECT_EQ(Eval("split_part", {Str("hello world"), Str(" "), Int64(2)}), "world");
    EXPECT_EQ(Eval("split_part", {Str("abca"), Str("a"), Int64(1)}), "");
    EXPECT_EQ(Eval("split_part", {Str("abc###123###234"), Str("##"), Int64(2)}), "#123");
    EXPECT_EQ(Eval("split_part", {Str("abc###123###234"), Str("##"), Int64(3)}), "#234");
    EXPECT_EQ(Eval("split_part", {Str("2019年9月8日"), Str("月"), Int64(1)}), "2019年9");
}

TEST(StringFunctionsTest, SplitPartCountsFromTheEndForNegativeField) {
    EXPECT_EQ(Eval("split_part", {Str("hello world"), Str(" "), Int64(-1)}), "world");
    EXPECT_EQ(Eval("split_part", {Str("hello world"), Str(" "), Int64(-2)}), "hello");
    EXPECT_EQ(Eval("split_part", {Str("abca"), Str("a"), Int64(-1)}), "");
    EXPECT_EQ(Eval("split_part", {Str("abca"), Str("a"), Int64(-2)}), "bc");
}

TEST(StringFunctionsTest, SplitPartIsNullPastTheLastField) {
    EXPECT_EQ(Eval("split_part", {Str("hello world"), Str(" "), Int64(3)}), "NULL");
    EXPECT_EQ(Eval("split_part", {Str("hello world"), Str(" "), Int64(-3)}), "NULL");
}

TEST(StringFunctionsTest, SplitPartIsNullForFieldZero) {
    EXPECT_EQ(Eval("split_part", {Str("a,b"), Str(","), Int64(0)}), "NULL");
}

TEST(StringFunctionsTest, SplitPartIsNullWhenTheDelimiterNeverOccurs) {
    // StarRocks' behaviour (unlike PostgreSQL, which returns the whole string for field 1).
    EXPECT_EQ(Eval("split_part", {Str("abcde"), Str(","), Int64(1)}), "NULL");
    EXPECT_EQ(Eval("split_part", {Str("abcde"), Str(","), Int64(-1)}), "NULL");
}

TEST(StringFunctionsTest, SplitPartWithAnEmptyDelimiterPicksCharacters) {
    EXPECT_EQ(Eval("split_part", {Str("abcde"), Str(""), Int64(2)}), "b");
    EXPECT_EQ(Eval("split_part", {Str("日本語"), Str(""), Int64(3)}), "語");
    EXPECT_EQ(Eval("split_part", {Str("abcde"), Str(""), Int64(10)}), "NULL");
}

TEST(StringFunctionsTest, SplitPartOverColumnsWithPerRowFields) {
    EXPECT_EQ(EvalRows("split_part", {Const(Str("a,b,c")), Const(Str(",")),
                                      Int64s({1, 3, 4, -1, std::nullopt, 0})}),
              (Rows{"a", "c", "NULL", "c", "NULL", "NULL"}));
}

TEST(StringFunctionsTest, SubstringIndexCutsAtTheCountthDelimiter) {
    EXPECT_EQ(Eval("substring_index", {Str("www.mysql.com"), Str("."), Int64(2)}), "www.mysql");
    EXPECT_EQ(Eval("substring_index", {Str("www.mysql.com"), Str("."), Int64(-2)}), "mysql.com");
    EXPECT_EQ(Eval("substring_index", {Str("www.mysql.com"), Str("."), Int64(5)}), "www.mysql.com");
    EXPECT_EQ(Eval("substring_index", {Str("www.mysql.com"), Str("."), Int64(0)}), "");
}

TEST(StringFunctionsTest, LocateGivesTheOneBasedCharacterPosition) {
    EXPECT_EQ(Eval("locate", {Str("bar"), Str("foobarbar")}), "4");
    EXPECT_EQ(Eval("locate", {Str("bar"), Str("foobarbar"), Int64(5)}), "7");
    EXPECT_EQ(Eval("locate", {Str("語"), Str("日本語")}), "3");
    EXPECT_EQ(ResultType("locate", {Str("a"), Str("b")}), "int(11)");
}

TEST(StringFunctionsTest, LocateGivesZeroWhenAbsent) {
    EXPECT_EQ(Eval("locate", {Str("xbar"), Str("foobar")}), "0");
    EXPECT_EQ(Eval("locate", {Str("bar"), Str("foobar"), Int64(0)}), "0");
    EXPECT_EQ(Eval("locate", {Str("bar"), Str("foobar"), Int64(9)}), "0");
}

TEST(StringFunctionsTest, LocateFindsTheEmptyStringAtTheStartPosition) {
    EXPECT_EQ(Eval("locate", {Str(""), Str("abc")}), "1");
    EXPECT_EQ(Eval("locate", {Str(""), Str("abc"), Int64(4)}), "4");
    EXPECT_EQ(Eval("locate", {Str(""), Str("abc"), Int64(5)}), "0");
}

TEST(StringFunctionsTest, InstrTakesTheHaystackFirst) {
    EXPECT_EQ(Eval("instr", {Str("foobarbar"), Str("bar")}), "4");
    EXPECT_EQ(Eval("instr", {Str("foobarbar"), Str("bar"), Int64(5)}),
              "ERROR: instr expects 2 arguments, got 3");
}

TEST(StringFunctionsTest, LocateOverColumns) {
    EXPECT_EQ(EvalRows("locate",
                       {Const(Str("o")), Strings({"foo", "bar", std::nullopt}), Int64s({3, 1, 1})}),
              (Rows{"3", "0", "NULL"}));
}

TEST(StringFunctionsTest, StartsWithAndEndsWithGiveBooleans) {
    EXPECT_EQ(Eval("starts_with", {Str("starrocks"), Str("star")}), "1");
    EXPECT_EQ(Eval("starts_with", {Str("starrocks"), Str("rocks")}), "0");
    EXPECT_EQ(Eval("ends_with", {Str("starrocks"), Str("rocks")}), "1");
    EXPECT_EQ(Eval("ends_with", {Str("starrocks"), NullStr()}), "NULL");
    EXPECT_EQ(ResultType("starts_with", {Str("a"), Str("a")}), "boolean");
}

// --- left / right, padding, reverse, repeat -------------------------------------------------

TEST(StringFunctionsTest, LeftAndRightTakeCharactersFromEachEnd) {
    EXPECT_EQ(Eval("left", {Str("starrocks"), Int64(4)}), "star");
    EXPECT_EQ(Eval("right", {Str("starrocks"), Int64(5)}), "rocks");
    EXPECT_EQ(Eval("strleft", {Str("日本語"), Int64(2)}), "日本");
    EXPECT_EQ(Eval("strright", {Str("日本語"), Int64(2)}), "本語");
    EXPECT_EQ(Eval("left", {Str("ab"), Int64(5)}), "ab");
    EXPECT_EQ(Eval("right", {Str("ab"), Int64(5)}), "ab");
    EXPECT_EQ(Eval("left", {Str("ab"), Int64(-1)}), "");
    EXPECT_EQ(Eval("right", {Str("ab"), Int64(0)}), "");
}

TEST(StringFunctionsTest, LpadAndRpadPadToTheGivenCharacterCount) {
    EXPECT_EQ(Eval("lpad", {Str("hi"), Int64(5), Str("xy")}), "xyxhi");
    EXPECT_EQ(Eval("rpad", {Str("hi"), Int64(5), Str("xy")}), "hixyx");
    EXPECT_EQ(Eval("lpad", {Str("hi"), Int64(5)}), "   hi");
    EXPECT_EQ(Eval("lpad", {Str("é"), Int64(3), Str("日")}), "日日é");
}

TEST(StringFunctionsTest, LpadAndRpadTruncateLongerStrings) {
    EXPECT_EQ(Eval("lpad", {Str("hi"), Int64(1), Str("xy")}), "h");
    EXPECT_EQ(Eval("rpad", {Str("日本語"), Int64(2), Str("x")}), "日本");
    EXPECT_EQ(Eval("lpad", {Str("hi"), Int64(2), Str("")}), "hi");
}

TEST(StringFunctionsTest, LpadIsNullForNegativeLengthOrAnEmptyPadThatIsNeeded) {
    EXPECT_EQ(Eval("lpad", {Str("hi"), Int64(-1), Str("x")}), "NULL");
    EXPECT_EQ(Eval("rpad", {Str("hi"), Int64(5), Str("")}), "NULL");
    EXPECT_EQ(Eval("lpad", {Str("hi"), Int64(INT64_MAX), Str("x")}), "NULL");
}

TEST(StringFunctionsTest, ReverseReversesCharactersNotBytes) {
    EXPECT_EQ(Eval("reverse", {Str("abc")}), "cba");
    EXPECT_EQ(Eval("reverse", {Str("日本é")}), "é本日");
    EXPECT_EQ(Eval("reverse", {Str("")}), "");
}

TEST(StringFunctionsTest, RepeatConcatenatesCopies) {
    EXPECT_EQ(Eval("repeat", {Str("ab"), Int64(3)}), "ababab");
    EXPECT_EQ(Eval("repeat", {Str("ab"), Int64(0)}), "");
    EXPECT_EQ(Eval("repeat", {Str("ab"), Int64(-2)}), "");
}

TEST(StringFunctionsTest, RepeatIsNullWhenTheResultWouldBeTooLong) {
    EXPECT_EQ(Eval("repeat", {Str("ab"), Int64(int64_t{1} << 40)}), "NULL");
}

TEST(StringFunctionsTest, AsciiAndSpace) {
    EXPECT_EQ(Eval("ascii", {Str("A")}), "65");
    EXPECT_EQ(Eval("ascii", {Str("")}), "0");
    EXPECT_EQ(Eval("space", {Int64(3)}), "   ");
    EXPECT_EQ(Eval("space", {Int64(-3)}), "");
}

TEST(StringFunctionsTest, NamesAreCaseInsensitive) {
    EXPECT_EQ(Eval("UPPER", {Str("a")}), "A");
    EXPECT_EQ(Eval("SubStr", {Str("abc"), Int64(2)}), "bc");
}

}  // namespace
}  // namespace tributary
