#include "load/csv/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace tributary {
namespace {

// A row as the tests spell it: std::nullopt is NULL.
using Row = std::vector<std::optional<std::string>>;
constexpr std::nullopt_t kNull = std::nullopt;

// Everything a reader produced over one or more Parse calls, copied out of the batches.
struct Parsed {
    std::vector<Row> rows;
    std::vector<std::string> raws;  // each accepted row's raw text
    std::vector<std::string> rejected_raws;
    std::vector<std::string> rejected_reasons;
    uint64_t input_bytes = 0;
};

class CsvReaderTest : public ::testing::Test {
protected:
    static CsvOptions Comma() {
        CsvOptions options;
        options.column_separator = ",";
        return options;
    }
    static CsvOptions Quoted() {
        CsvOptions options = Comma();
        options.enclose = '"';
        return options;
    }

    // Copies the batch's rows and rejections into `out`.
    static void Collect(const SourceBatch& batch, Parsed* out) {
        for (size_t r = 0; r < batch.num_rows(); ++r) {
            Row row;
            for (size_t f = 0; f < batch.num_fields(); ++f) {
                if (batch.IsNull(f, r)) {
                    row.push_back(kNull);
                } else {
                    row.emplace_back(std::string(batch.value(f, r)));
                }
            }
            out->rows.push_back(std::move(row));
            out->raws.emplace_back(batch.raw(r));
        }
        for (const RejectedRow& rejected : batch.rejected()) {
            out->rejected_raws.push_back(rejected.raw);
            out->rejected_reasons.push_back(rejected.reason);
        }
        out->input_bytes += batch.input_bytes();
    }

    // Parses `input` in one final Parse call into a batch of `num_fields` fields.
    static Parsed ParseAll(const CsvOptions& options, std::string_view input, size_t num_fields) {
        CsvReader reader(options);
        SourceBatch batch(num_fields);
        size_t consumed = 0;
        Status status = reader.Parse(input, /*last_input=*/true, &batch, &consumed);
        EXPECT_TRUE(status.ok()) << status.ToString();
        EXPECT_EQ(consumed, input.size());
        Parsed out;
        Collect(batch, &out);
        return out;
    }

    // Feeds `input` in random pieces of 1 to `max_piece` bytes, keeping the unconsumed bytes
    // and appending the next piece to them as a caller does; the last piece is final.
    static Parsed ParseInPieces(const CsvOptions& options, std::string_view input,
                                size_t num_fields, uint32_t seed, size_t max_piece) {
        std::mt19937 rng(seed);
        CsvReader reader(options);
        SourceBatch batch(num_fields);
        Parsed out;
        std::string pending;
        size_t fed = 0;
        do {
            const size_t piece = std::min<size_t>(rng() % max_piece + 1, input.size() - fed);
            pending.append(input.substr(fed, piece));
            fed += piece;
            const bool last = fed == input.size();
            size_t consumed = 0;
            Status status = reader.Parse(pending, last, &batch, &consumed);
            EXPECT_TRUE(status.ok()) << status.ToString();
            if (last) {
                EXPECT_EQ(consumed, pending.size());
            }
            Collect(batch, &out);  // before `pending` changes: raw views point into it
            batch.Clear();
            pending.erase(0, consumed);
        } while (fed < input.size());
        return out;
    }

    static void ExpectSame(const Parsed& actual, const Parsed& expected) {
        EXPECT_EQ(actual.rows, expected.rows);
        EXPECT_EQ(actual.raws, expected.raws);
        EXPECT_EQ(actual.rejected_raws, expected.rejected_raws);
        EXPECT_EQ(actual.rejected_reasons, expected.rejected_reasons);
        EXPECT_EQ(actual.input_bytes, expected.input_bytes);
    }
};

// --- Options ------------------------------------------------------------------------------

TEST_F(CsvReaderTest, ValidateAcceptsSeparatorsOfOneToFiftyBytes) {
    CsvOptions options;
    EXPECT_TRUE(options.Validate().ok());
    options.column_separator = std::string(50, '|');
    options.row_delimiter = std::string(50, '\n');
    EXPECT_TRUE(options.Validate().ok());
}

TEST_F(CsvReaderTest, ValidateRejectsEmptyColumnSeparator) {
    CsvOptions options;
    options.column_separator = "";
    Status status = options.Validate();
    EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(status.message().find("column_separator must be 1 to 50 bytes"), std::string::npos)
        << status.message();
}

TEST_F(CsvReaderTest, ValidateRejectsOversizedColumnSeparator) {
    CsvOptions options;
    options.column_separator = std::string(51, ',');
    EXPECT_NE(options.Validate().message().find("column_separator"), std::string::npos);
}

TEST_F(CsvReaderTest, ValidateRejectsEmptyOrOversizedRowDelimiter) {
    CsvOptions options;
    options.row_delimiter = "";
    EXPECT_NE(options.Validate().message().find("row_delimiter must be 1 to 50 bytes"),
              std::string::npos);
    options.row_delimiter = std::string(51, '\n');
    EXPECT_EQ(options.Validate().code(), Status::Code::kInvalidArgument);
}

TEST_F(CsvReaderTest, ValidateRejectsEncloseEqualToEscape) {
    CsvOptions options;
    options.enclose = '"';
    options.escape = '"';
    Status status = options.Validate();
    EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(status.message().find("enclose"), std::string::npos);
    options.escape = '\\';
    EXPECT_TRUE(options.Validate().ok());
}

TEST_F(CsvReaderTest, ValidateRejectsNegativeSkipHeader) {
    CsvOptions options;
    options.skip_header = -1;
    EXPECT_NE(options.Validate().message().find("skip_header"), std::string::npos);
}

TEST_F(CsvReaderTest, ParseWithInvalidOptionsFailsAndConsumesNothing) {
    CsvOptions options;
    options.column_separator = "";
    CsvReader reader(options);
    SourceBatch batch(1);
    size_t consumed = 99;
    Status status = reader.Parse("a\n", true, &batch, &consumed);
    EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(consumed, 0u);
    EXPECT_EQ(batch.num_rows(), 0u);
}

// --- Separators and delimiters ------------------------------------------------------------

TEST_F(CsvReaderTest, SplitsTheSeedRowOnComma) {
    Parsed out =
        ParseAll(Comma(), "2020050802,2020-05-08,Johann Georg Faust,Deutschland,male,895\n", 6);
    ASSERT_EQ(out.rows.size(), 1u);
    EXPECT_EQ(out.rows[0], (Row{"2020050802", "2020-05-08", "Johann Georg Faust", "Deutschland",
                                "male", "895"}));
    EXPECT_EQ(out.raws[0], "2020050802,2020-05-08,Johann Georg Faust,Deutschland,male,895");
    EXPECT_TRUE(out.rejected_raws.empty());
}

TEST_F(CsvReaderTest, StrayQuoteInsideAFieldIsText) {
    // From the seed's dataset: the quote does not start the field, so it is an ordinary byte.
    Parsed out = ParseAll(Quoted(), "2020050901,2020-05-09,Anna Karenina\",Russia,female,175", 6);
    ASSERT_EQ(out.rows.size(), 1u);
    EXPECT_EQ(out.rows[0][2], "Anna Karenina\"");
}

TEST_F(CsvReaderTest, DefaultSeparatorIsTab) {
    Parsed out = ParseAll(CsvOptions{}, "a\tb,c\td\n", 3);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b,c", "d"}}));
}

TEST_F(CsvReaderTest, MultiByteSeparators) {
    CsvOptions options;
    options.column_separator = "||";
    EXPECT_EQ(ParseAll(options, "a||b|c||\n", 3).rows, (std::vector<Row>{{"a", "b|c", ""}}));
    options.column_separator = "分隔";
    EXPECT_EQ(ParseAll(options, "甲分隔乙分隔\n", 3).rows, (std::vector<Row>{{"甲", "乙", ""}}));
    options.column_separator = "\x01";
    EXPECT_EQ(ParseAll(options, "a\x01\x01z\n", 3).rows, (std::vector<Row>{{"a", "", "z"}}));
}

TEST_F(CsvReaderTest, MultiByteSeparatorWhosePrefixRepeats) {
    // "aab": the search must not skip the second 'a' after the first fails to match "ab".
    CsvOptions options;
    options.column_separator = "ab";
    EXPECT_EQ(ParseAll(options, "aab\n", 2).rows, (std::vector<Row>{{"a", ""}}));
    EXPECT_EQ(ParseAll(options, "xaabaaby\n", 3).rows, (std::vector<Row>{{"xa", "a", "y"}}));
    options.column_separator = "aa";
    EXPECT_EQ(ParseAll(options, "aaa\n", 2).rows, (std::vector<Row>{{"", "a"}}));
}

TEST_F(CsvReaderTest, MultiByteRowDelimiter) {
    CsvOptions options = Comma();
    options.row_delimiter = "$$$";
    EXPECT_EQ(ParseAll(options, "a,b$$$c,d$$e$$$", 2).rows,
              (std::vector<Row>{{"a", "b"}, {"c", "d$$e"}}));
}

TEST_F(CsvReaderTest, SeparatorRunningIntoTheDelimiterIsASeparator) {
    // Left to right, the delimiter is tried before the separator at each byte; "|\n" starts at
    // the '|', before the "\n" could be seen, so it separates fields within one row.
    CsvOptions options;
    options.column_separator = "|\n";
    EXPECT_EQ(ParseAll(options, "1|\n2\n3|\n4", 2).rows,
              (std::vector<Row>{{"1", "2"}, {"3", "4"}}));
}

TEST_F(CsvReaderTest, DelimiterWinsOverSeparatorAtTheSameByte) {
    CsvOptions options;
    options.column_separator = "\n\n";
    options.row_delimiter = "\n";
    EXPECT_EQ(ParseAll(options, "a\n\nb\n", 1).rows, (std::vector<Row>{{"a"}, {"b"}}));
}

TEST_F(CsvReaderTest, BackslashNIsNullAndEmptyFieldIsEmptyString) {
    Parsed out = ParseAll(Comma(), "\\N,,x\\N,\\NN\n", 4);
    EXPECT_EQ(out.rows, (std::vector<Row>{{kNull, "", "x\\N", "\\NN"}}));
}

TEST_F(CsvReaderTest, EnclosedBackslashNIsText) {
    Parsed out = ParseAll(Quoted(), "\"\\N\",\\N,\"\"\n", 3);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"\\N", kNull, ""}}));
}

TEST_F(CsvReaderTest, EmptyFieldsAreEmptyStrings) {
    EXPECT_EQ(ParseAll(Comma(), ",,\n", 3).rows, (std::vector<Row>{{"", "", ""}}));
}

TEST_F(CsvReaderTest, TrailingRowDelimiterIsNotAnExtraRow) {
    Parsed out = ParseAll(Comma(), "a,b\nc,d\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(out.input_bytes, 8u);
}

TEST_F(CsvReaderTest, FinalRowNeedsNoDelimiter) {
    Parsed out = ParseAll(Comma(), "a,b\nc,d", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(out.raws, (std::vector<std::string>{"a,b", "c,d"}));
}

TEST_F(CsvReaderTest, NewlineDelimiterKeepsCarriageReturn) {
    Parsed out = ParseAll(Comma(), "a,b\r\nc,d\r\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b\r"}, {"c", "d\r"}}));
}

TEST_F(CsvReaderTest, CrLfDelimiterSplitsCrLfData) {
    CsvOptions options = Comma();
    options.row_delimiter = "\r\n";
    Parsed out = ParseAll(options, "a,b\r\nc\r,d\n\r\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}, {"c\r", "d\n"}}));
}

TEST_F(CsvReaderTest, BlankRowsAreSkipped) {
    Parsed out = ParseAll(Comma(), "\na,b\n\n\nc,d\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}, {"c", "d"}}));
    EXPECT_TRUE(out.rejected_raws.empty());
    EXPECT_EQ(out.input_bytes, 11u);
}

TEST_F(CsvReaderTest, RowOfSpacesIsNotBlank) {
    Parsed out = ParseAll(Comma(), "  \n", 1);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"  "}}));
}

TEST_F(CsvReaderTest, EmptyInputHasNoRows) {
    Parsed out = ParseAll(Comma(), "", 2);
    EXPECT_TRUE(out.rows.empty());
    EXPECT_TRUE(out.rejected_raws.empty());
    EXPECT_EQ(out.input_bytes, 0u);
}

TEST_F(CsvReaderTest, InputOfOnlyDelimitersHasNoRows) {
    Parsed out = ParseAll(Comma(), "\n\n\n", 2);
    EXPECT_TRUE(out.rows.empty());
    EXPECT_TRUE(out.rejected_raws.empty());
    EXPECT_EQ(out.input_bytes, 3u);
    EXPECT_TRUE(ParseAll(Quoted(), "\n\n\n", 2).rows.empty());
}

TEST_F(CsvReaderTest, InputOfOnlySeparatorsIsEmptyFields) {
    EXPECT_EQ(ParseAll(Comma(), ",,,", 4).rows, (std::vector<Row>{{"", "", "", ""}}));
}

// --- Enclose --------------------------------------------------------------------------------

TEST_F(CsvReaderTest, EnclosedFieldMayHoldSeparatorsAndDelimiters) {
    Parsed out = ParseAll(Quoted(), "\"a,b\",\"c\nd\"\ne,f\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a,b", "c\nd"}, {"e", "f"}}));
    EXPECT_EQ(out.raws[0], "\"a,b\",\"c\nd\"");
}

TEST_F(CsvReaderTest, DoubledEncloseIsOneLiteralEnclose) {
    Parsed out = ParseAll(Quoted(), "\"say \"\"hi\"\"\",\"\"\"\"\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"say \"hi\"", "\""}}));
}

TEST_F(CsvReaderTest, TextAfterClosingEncloseIsAppended) {
    Parsed out = ParseAll(Quoted(), "\"ab\"c,\"x\"y\"\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"abc", "xy\""}}));
}

TEST_F(CsvReaderTest, EncloseOnlyOpensAtFieldStart) {
    Parsed out = ParseAll(Quoted(), "a\"b,c\"\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a\"b", "c\""}}));
}

TEST_F(CsvReaderTest, EncloseWithMultiByteSeparatorsAndDelimiter) {
    CsvOptions options;
    options.column_separator = "分隔";
    options.row_delimiter = "\r\n";
    options.enclose = '\'';
    Parsed out = ParseAll(options, "'x分隔\r\ny'分隔z\r\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"x分隔\r\ny", "z"}}));
}

TEST_F(CsvReaderTest, UnterminatedEncloseAtEndOfFinalInputIsRejected) {
    Parsed out = ParseAll(Quoted(), "a,b\nc,\"d\ne,f\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}}));
    ASSERT_EQ(out.rejected_reasons.size(), 1u);
    EXPECT_EQ(out.rejected_reasons[0], "unterminated enclosed field starting at byte 2 of the row");
    EXPECT_EQ(out.rejected_raws[0], "c,\"d\ne,f\n");
    EXPECT_EQ(out.input_bytes, 13u);
}

TEST_F(CsvReaderTest, OpenEncloseAtEndOfNonFinalInputWaitsForMore) {
    CsvReader reader(Quoted());
    SourceBatch batch(2);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("a,b\nc,\"d\ne,f\n", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 4u);
    EXPECT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.num_rejected(), 0u);
    EXPECT_EQ(batch.input_bytes(), 4u);
}

// --- Escape ---------------------------------------------------------------------------------

TEST_F(CsvReaderTest, EscapeTakesTheNextByteLiterally) {
    CsvOptions options = Comma();
    options.escape = '\\';
    Parsed out = ParseAll(options, "a\\,b,c\\\nd,e\\\\f\n", 3);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a,b", "c\nd", "e\\f"}}));
}

TEST_F(CsvReaderTest, EscapedFirstByteDisarmsAMultiByteDelimiter) {
    CsvOptions options = Comma();
    options.row_delimiter = "\r\n";
    options.escape = '\\';
    Parsed out = ParseAll(options, "a,b\\\r\nc\r\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b\r\nc"}}));
}

TEST_F(CsvReaderTest, EscapeInsideEnclosedField) {
    CsvOptions options = Quoted();
    options.escape = '\\';
    Parsed out = ParseAll(options, "\"a\\\"b\",\"c\\\\\"\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a\"b", "c\\"}}));
}

TEST_F(CsvReaderTest, BackslashNStaysNullWhenBackslashIsEscape) {
    CsvOptions options = Comma();
    options.escape = '\\';
    Parsed out = ParseAll(options, "\\N,\\\\N\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{kNull, "\\N"}}));
}

TEST_F(CsvReaderTest, EscapeAsLastByteOfFinalInputIsKept) {
    CsvOptions options = Comma();
    options.escape = '\\';
    EXPECT_EQ(ParseAll(options, "a,b\\", 2).rows, (std::vector<Row>{{"a", "b\\"}}));
}

// --- trim_space -----------------------------------------------------------------------------

TEST_F(CsvReaderTest, TrimSpaceDropsSpacesAndTabsAroundFields) {
    CsvOptions options = Comma();
    options.trim_space = true;
    Parsed out = ParseAll(options, " a ,\t b\t,  , \\N \n", 4);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b", "", kNull}}));
}

TEST_F(CsvReaderTest, TrimSpaceNeverTrimsEnclosedText) {
    CsvOptions options = Quoted();
    options.trim_space = true;
    Parsed out = ParseAll(options, "  \" a \"  , \"b\" c \n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{" a ", "b c"}}));
}

TEST_F(CsvReaderTest, TrimSpaceKeepsEscapedSpaces) {
    CsvOptions options = Comma();
    options.escape = '\\';
    options.trim_space = true;
    Parsed out = ParseAll(options, " a\\  ,b\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a ", "b"}}));
}

TEST_F(CsvReaderTest, TrimSpaceDoesNotEatTabSeparators) {
    CsvOptions options;  // tab-separated
    options.trim_space = true;
    EXPECT_EQ(ParseAll(options, " a \t\t b\n", 3).rows, (std::vector<Row>{{"a", "", "b"}}));
    options.enclose = '"';
    EXPECT_EQ(ParseAll(options, " a \t\t \"b\"\n", 3).rows, (std::vector<Row>{{"a", "", "b"}}));
}

// --- skip_header ----------------------------------------------------------------------------

TEST_F(CsvReaderTest, SkipHeaderSkipsTheFirstRows) {
    CsvOptions options = Comma();
    options.skip_header = 2;
    Parsed out = ParseAll(options, "id,name,extra\n\na,b\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}}));
    EXPECT_TRUE(out.rejected_raws.empty());
    EXPECT_EQ(out.input_bytes, 19u);
}

TEST_F(CsvReaderTest, SkipHeaderCountsAcrossParseCalls) {
    CsvOptions options = Comma();
    options.skip_header = 2;
    CsvReader reader(options);
    SourceBatch batch(2);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("h1\n", true, &batch, &consumed).ok());
    EXPECT_EQ(batch.num_rows(), 0u);
    EXPECT_EQ(batch.num_rejected(), 0u);
    ASSERT_TRUE(reader.Parse("h2\na,b\n", true, &batch, &consumed).ok());
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.value(0, 0), "a");
    EXPECT_EQ(batch.input_bytes(), 3u + 7u);
}

// --- Field count ----------------------------------------------------------------------------

TEST_F(CsvReaderTest, RowWithTooFewFieldsIsRejected) {
    Parsed out = ParseAll(Comma(), "a,b\nc\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"a", "b"}}));
    EXPECT_EQ(out.rejected_raws, (std::vector<std::string>{"c"}));
    EXPECT_EQ(out.rejected_reasons,
              (std::vector<std::string>{
                  "Value count does not match column count. Expect 2, but got 1."}));
}

TEST_F(CsvReaderTest, RowWithTooManyFieldsIsRejected) {
    Parsed out = ParseAll(Quoted(), "a,b,\"c,d\",e\nf,g\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{"f", "g"}}));
    EXPECT_EQ(out.rejected_raws, (std::vector<std::string>{"a,b,\"c,d\",e"}));
    EXPECT_EQ(out.rejected_reasons,
              (std::vector<std::string>{
                  "Value count does not match column count. Expect 2, but got 4."}));
}

TEST_F(CsvReaderTest, RejectedRawTextIsAbbreviatedPastOneKibibyte) {
    const std::string huge(5000, 'x');
    Parsed out = ParseAll(Comma(), huge + "\n", 2);
    ASSERT_EQ(out.rejected_raws.size(), 1u);
    EXPECT_EQ(out.rejected_raws[0], std::string(1024, 'x') + "... (5000 bytes)");
}

TEST_F(CsvReaderTest, AbbreviationDoesNotSplitAUtf8Character) {
    const std::string huge = std::string(1023, 'x') + "分" + std::string(100, 'y');
    Parsed out = ParseAll(Comma(), huge, 2);
    ASSERT_EQ(out.rejected_raws.size(), 1u);
    EXPECT_EQ(out.rejected_raws[0], std::string(1023, 'x') + "... (1126 bytes)");
}

// --- Bytes ----------------------------------------------------------------------------------

TEST_F(CsvReaderTest, InvalidUtf8PassesThroughUntouched) {
    const std::string bad = "\xff\xfe\xc3";
    Parsed out = ParseAll(Comma(), bad + "," + bad + "\n", 2);
    EXPECT_EQ(out.rows, (std::vector<Row>{{bad, bad}}));
    EXPECT_EQ(ParseAll(Quoted(), "\"" + bad + "\"," + bad, 2).rows, (std::vector<Row>{{bad, bad}}));
}

TEST_F(CsvReaderTest, OneMegabyteFieldWorks) {
    const std::string big(1 << 20, 'z');
    EXPECT_EQ(ParseAll(Comma(), "a," + big + "\n", 2).rows, (std::vector<Row>{{"a", big}}));
    EXPECT_EQ(ParseAll(Quoted(), "\"" + big + "\"\"\",\"x\"\n", 2).rows,
              (std::vector<Row>{{big + "\"", "x"}}));
}

TEST_F(CsvReaderTest, ZeroBytesAreOrdinary) {
    const std::string input("a\0b,\0\n", 6);
    EXPECT_EQ(ParseAll(Comma(), input, 2).rows,
              (std::vector<Row>{{std::string("a\0b", 3), std::string("\0", 1)}}));
}

// --- Streaming ------------------------------------------------------------------------------

TEST_F(CsvReaderTest, NonFinalInputKeepsThePartialRow) {
    CsvReader reader(Comma());
    SourceBatch batch(2);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("a,b\nc,", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 4u);
    EXPECT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.input_bytes(), 4u);
    ASSERT_TRUE(reader.Parse("c,d", true, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 3u);
    ASSERT_EQ(batch.num_rows(), 2u);
    EXPECT_EQ(batch.value(1, 1), "d");
}

TEST_F(CsvReaderTest, NonFinalInputKeepsAPartialMultiByteDelimiter) {
    CsvOptions options = Comma();
    options.row_delimiter = "\r\n";
    CsvReader reader(options);
    SourceBatch batch(2);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("a,b\r", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 0u);
    EXPECT_EQ(batch.num_rows(), 0u);
}

TEST_F(CsvReaderTest, DelimiterInsideEnclosedFieldDoesNotEndTheRow) {
    CsvReader reader(Quoted());
    SourceBatch batch(2);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("a,\"b\nc", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 0u);
    ASSERT_TRUE(reader.Parse("a,\"b\nc\"\n", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 8u);
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.value(1, 0), "b\nc");
}

TEST_F(CsvReaderTest, CloseEncloseAtEndOfNonFinalInputWaitsForTheNextByte) {
    // The next byte decides: another '"' makes a literal quote, anything else closes the field.
    CsvReader reader(Quoted());
    SourceBatch batch(1);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("\"a\"", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 0u);
    ASSERT_TRUE(reader.Parse("\"a\"\"\"\n", false, &batch, &consumed).ok());
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.value(0, 0), "a\"");
}

TEST_F(CsvReaderTest, SeparatorCutOffAtEndOfNonFinalInputWaitsForMore) {
    // "ab" may begin the separator "abc", which would hide the delimiter "b" inside it.
    CsvOptions options;
    options.column_separator = "abc";
    options.row_delimiter = "b";
    CsvReader reader(options);
    SourceBatch batch(2);
    size_t consumed = 0;
    ASSERT_TRUE(reader.Parse("xab", false, &batch, &consumed).ok());
    EXPECT_EQ(consumed, 0u);
    ASSERT_TRUE(reader.Parse("xabcy", true, &batch, &consumed).ok());
    ASSERT_EQ(batch.num_rows(), 1u);
    EXPECT_EQ(batch.value(0, 0), "x");
    EXPECT_EQ(batch.value(1, 0), "y");
    EXPECT_EQ(ParseAll(options, "xaby", 1).rows, (std::vector<Row>{{"xa"}, {"y"}}));
}

// Inputs for the piece-by-piece tests: many rows mixing every feature.
std::string MixedInput(bool quoted) {
    std::mt19937 rng(7);
    const char* pieces_plain[] = {"a", "", "\\N", " b ", "分隔", "\xff", "12345", "x y"};
    const char* pieces_quoted[] = {"\"a,b\"", "\"c\nd\"", "\"\"\"\"", "\"e\"f", "\"\\N\"", "\""};
    std::string input;
    for (int r = 0; r < 2000; ++r) {
        const int fields = rng() % 5 != 0 ? 3 : 2 + rng() % 2 * 2;  // mostly 3, some 2 or 4
        for (int f = 0; f < fields; ++f) {
            if (f > 0) input += "||";
            if (quoted && rng() % 3 == 0) {
                input += pieces_quoted[rng() % std::size(pieces_quoted)];
            } else {
                input += pieces_plain[rng() % std::size(pieces_plain)];
            }
        }
        input += rng() % 10 == 0 ? "\r\n\r\n" : "\r\n";
    }
    return input;
}

TEST_F(CsvReaderTest, RandomPiecesParseLikeOneShot) {
    CsvOptions options;
    options.column_separator = "||";
    options.row_delimiter = "\r\n";
    const std::string input = MixedInput(/*quoted=*/false);
    const Parsed whole = ParseAll(options, input, 3);
    EXPECT_GT(whole.rows.size(), 1000u);
    EXPECT_GT(whole.rejected_raws.size(), 100u);
    for (uint32_t seed = 0; seed < 4; ++seed) {
        ExpectSame(ParseInPieces(options, input, 3, seed, 1 + seed * 40), whole);
    }
}

TEST_F(CsvReaderTest, RandomPiecesParseLikeOneShotWithEnclose) {
    CsvOptions options;
    options.column_separator = "||";
    options.row_delimiter = "\r\n";
    options.enclose = '"';
    options.escape = '\\';
    options.trim_space = true;
    const std::string input = MixedInput(/*quoted=*/true);
    const Parsed whole = ParseAll(options, input, 3);
    EXPECT_GT(whole.rows.size(), 500u) << whole.rejected_raws.size();
    for (uint32_t seed = 0; seed < 4; ++seed) {
        ExpectSame(ParseInPieces(options, input, 3, seed, 1 + seed * 40), whole);
    }
}

TEST_F(CsvReaderTest, AcceptedRowsKeepTheirRawText) {
    Parsed out = ParseAll(Quoted(), "\"a\nb\",c\nd,e", 2);
    EXPECT_EQ(out.raws, (std::vector<std::string>{"\"a\nb\",c", "d,e"}));
}

}  // namespace
}  // namespace tributary
