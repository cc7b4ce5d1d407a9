#include "load/json/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace tributary {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<std::string> kSeedPaths = {"$.commodity_id", "$.customer_name", "$.country",
                                             "$.pay_time", "$.price"};
const std::vector<std::string> kSeedColumns = {"commodity_id", "customer_name", "country",
                                               "pay_time", "price"};
constexpr std::string_view kSeedDocuments =
    R"({"commodity_id": "1", "customer_name": "Mark Twain", "country": "US","pay_time": 1589191487,"price": 875}
{"commodity_id": "2", "customer_name": "Oscar Wilde", "country": "UK","pay_time": 1589191487,"price": 895}
{"commodity_id": "3", "customer_name": "Antoine de Saint-Exupéry","country": "France","pay_time": 1589191487,"price": 895}
)";

JsonOptions Options(std::vector<std::string> paths, std::string json_root = "",
                    bool strip_outer_array = false) {
    JsonOptions options;
    options.field_paths = std::move(paths);
    options.json_root = std::move(json_root);
    options.strip_outer_array = strip_outer_array;
    return options;
}

class JsonReaderTest : public ::testing::Test {
protected:
    // Parses `input` with `options` into batch_; the call itself must succeed.
    void Parse(JsonOptions options, std::string_view input) {
        ASSERT_TRUE(options.Validate().ok()) << options.Validate().ToString();
        batch_ = std::make_unique<SourceBatch>(options.field_paths.size());
        reader_ = std::make_unique<JsonReader>(std::move(options));
        const Status status = reader_->Parse(input, batch_.get());
        ASSERT_TRUE(status.ok()) << status.ToString();
    }

    // Every accepted row as "f0|f1|...", NULL shown as \N.
    std::vector<std::string> Rows() const {
        std::vector<std::string> rows;
        for (size_t r = 0; r < batch_->num_rows(); ++r) {
            std::string row;
            for (size_t f = 0; f < batch_->num_fields(); ++f) {
                if (f > 0) row += '|';
                row += batch_->IsNull(f, r) ? std::string("\\N") : std::string(batch_->value(f, r));
            }
            rows.push_back(row);
        }
        return rows;
    }

    std::vector<std::string> Raws() const {
        std::vector<std::string> raws;
        for (size_t r = 0; r < batch_->num_rows(); ++r) raws.emplace_back(batch_->raw(r));
        return raws;
    }

    std::vector<std::string> RejectedRaws() const {
        std::vector<std::string> raws;
        for (const RejectedRow& rejected : batch_->rejected()) raws.push_back(rejected.raw);
        return raws;
    }

    std::vector<std::string> Reasons() const {
        std::vector<std::string> reasons;
        for (const RejectedRow& rejected : batch_->rejected()) reasons.push_back(rejected.reason);
        return reasons;
    }

    std::unique_ptr<SourceBatch> batch_;
    std::unique_ptr<JsonReader> reader_;
};

// --- The seed's documents ------------------------------------------------------------------

TEST_F(JsonReaderTest, ReadsSeedDocumentsWithJsonPaths) {
    Parse(Options(kSeedPaths), kSeedDocuments);
    EXPECT_THAT(Rows(),
                ElementsAre("1|Mark Twain|US|1589191487|875", "2|Oscar Wilde|UK|1589191487|895",
                            "3|Antoine de Saint-Exupéry|France|1589191487|895"));
    EXPECT_THAT(Reasons(), IsEmpty());
    EXPECT_EQ(batch_->input_bytes(), kSeedDocuments.size());
}

TEST_F(JsonReaderTest, ReadsSeedDocumentsInSimpleModeWhateverTheKeyOrder) {
    Parse(
        Options(kSeedColumns),
        std::string(kSeedDocuments) +
            R"({"price": 1, "pay_time": 2, "country": "NL", "customer_name": "Multatuli", "commodity_id": "4"})");
    EXPECT_THAT(
        Rows(),
        ElementsAre("1|Mark Twain|US|1589191487|875", "2|Oscar Wilde|UK|1589191487|895",
                    "3|Antoine de Saint-Exupéry|France|1589191487|895", "4|Multatuli|NL|2|1"));
}

TEST_F(JsonReaderTest, SimpleModeKeysMatchCaseSensitively) {
    Parse(Options({"id", "Name"}), R"({"ID": 1, "id": 2, "name": "x", "Name": "y"})");
    EXPECT_THAT(Rows(), ElementsAre("2|y"));
}

TEST_F(JsonReaderTest, PlainKeyIsALiteralKeyNotAPath) {
    Parse(Options({"a.b", "$.a.b"}), R"({"a.b": 1, "a": {"b": 2}})");
    EXPECT_THAT(Rows(), ElementsAre("1|2"));
}

// --- Streams and document layout -----------------------------------------------------------

TEST_F(JsonReaderTest, NdjsonStreamYieldsOneRowPerDocument) {
    Parse(Options({"$.a"}), "{\"a\":1}\n\n{\"a\":2}\r\n  {\"a\":3}");
    EXPECT_THAT(Rows(), ElementsAre("1", "2", "3"));
    EXPECT_THAT(Raws(), ElementsAre("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"));
}

TEST_F(JsonReaderTest, DocumentsMaySpanLinesOrShareOne) {
    Parse(Options({"$.a", "$.b"}),
          "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}\n{\"a\":3} {\"a\":4}{\"a\":5}");
    EXPECT_THAT(Rows(), ElementsAre("1|[\n    2\n  ]", "3|\\N", "4|\\N", "5|\\N"));
    EXPECT_EQ(Raws()[0], "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}");
}

TEST_F(JsonReaderTest, ReadsPrettyPrintedArrayWithStripOuterArray) {
    Parse(Options({"$.a", "$.b"}, "", true),
          "[\n  {\n    \"a\": 1,\n    \"b\": \"x\"\n  },\n  {\"a\": 2}\n]\n");
    EXPECT_THAT(Rows(), ElementsAre("1|x", "2|\\N"));
    EXPECT_THAT(Raws(), ElementsAre("{\n    \"a\": 1,\n    \"b\": \"x\"\n  }", "{\"a\": 2}"));
}

TEST_F(JsonReaderTest, ReadsManyDocumentsOnOneLineInLinearTime) {
    std::string input;
    for (int i = 0; i < 100000; ++i) input += "{\"a\":" + std::to_string(i) + "} ";
    input += "\n";
    for (int i = 0; i < 100000; ++i) input += "{\"a\":" + std::to_string(i) + "}";
    Parse(Options({"$.a"}), input);
    EXPECT_EQ(batch_->num_rows(), 200000u);
    EXPECT_EQ(batch_->value(0, 199999), "99999");
}

TEST_F(JsonReaderTest, EmptyInputYieldsNothing) {
    Parse(Options({"$.a"}), "");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_EQ(batch_->num_rejected(), 0u);
}

TEST_F(JsonReaderTest, WhitespaceOnlyInputYieldsNothing) {
    Parse(Options({"$.a"}), " \n\t\r\n ");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_EQ(batch_->num_rejected(), 0u);
    EXPECT_EQ(batch_->input_bytes(), 6u);
}

TEST_F(JsonReaderTest, SkipsUtf8ByteOrderMark) {
    Parse(Options({"$.a"}), "\xEF\xBB\xBF{\"a\":1}");
    EXPECT_THAT(Rows(), ElementsAre("1"));
}

// --- Roots and arrays ----------------------------------------------------------------------

TEST_F(JsonReaderTest, StripOuterArrayWithJsonRootReadsEachRecord) {
    Parse(Options({"$.column1", "$.column2"}, "$.RECORDS", true),
          R"({"total": 2, "RECORDS": [{"column1": "value1", "column2": "10"},
                                      {"column1": "value2", "column2": "30"}]})");
    EXPECT_THAT(Rows(), ElementsAre("value1|10", "value2|30"));
    EXPECT_THAT(Raws(), ElementsAre(R"({"column1": "value1", "column2": "10"})",
                                    R"({"column1": "value2", "column2": "30"})"));
}

TEST_F(JsonReaderTest, StripOuterArrayReadsEachElementOfATopLevelArray) {
    Parse(Options(kSeedColumns, "", true),
          R"([{"commodity_id": "1", "price": 875}, {"commodity_id": "2", "country": "UK"}])");
    EXPECT_THAT(Rows(), ElementsAre("1|\\N|\\N|\\N|875", "2|\\N|UK|\\N|\\N"));
}

TEST_F(JsonReaderTest, EmptyArrayYieldsNoRows) {
    Parse(Options({"$.a"}, "", true), "[]\n[ ]");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_EQ(batch_->num_rejected(), 0u);
}

TEST_F(JsonReaderTest, RejectsArrayWithoutStripOuterArray) {
    Parse(Options({"$.a"}), "[{\"a\":1}]\n{\"a\":2}");
    EXPECT_THAT(Rows(), ElementsAre("2"));
    EXPECT_THAT(Reasons(),
                ElementsAre("JSON data is an array. strip_outer_array must be set true"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("[{\"a\":1}]"));
}

TEST_F(JsonReaderTest, RejectsJsonRootArrayWithoutStripOuterArray) {
    Parse(Options({"$.a"}, "$.RECORDS"), R"({"RECORDS": [{"a": 1}]})");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_THAT(Reasons(),
                ElementsAre("JSON data is an array. strip_outer_array must be set true"));
}

TEST_F(JsonReaderTest, JsonRootObjectYieldsOneRow) {
    Parse(Options({"$.a"}, "$.data.row"), R"({"data": {"row": {"a": 7}}})");
    EXPECT_THAT(Rows(), ElementsAre("7"));
    EXPECT_THAT(Raws(), ElementsAre(R"({"a": 7})"));
}

TEST_F(JsonReaderTest, JsonRootMayIndexAnArray) {
    Parse(Options({"$.a"}, "$.pages[1]", true), R"({"pages": [[{"a": 1}], [{"a": 2}, {"a": 3}]]})");
    EXPECT_THAT(Rows(), ElementsAre("2", "3"));
}

TEST_F(JsonReaderTest, RejectsDocumentWithoutJsonRoot) {
    Parse(Options({"$.a"}, "$.RECORDS", true), "{\"records\": []}\n5\n{\"RECORDS\": 5}");
    EXPECT_THAT(Reasons(),
                ElementsAre("json_root '$.RECORDS' not found", "json_root '$.RECORDS' not found",
                            "json_root '$.RECORDS' is a number, not an object or an array"));
}

TEST_F(JsonReaderTest, RejectsScalarDocuments) {
    Parse(Options({"$.a"}), "1 \"text\" true null\n{\"a\":1}");
    EXPECT_THAT(Rows(), ElementsAre("1"));
    EXPECT_THAT(
        Reasons(),
        ElementsAre("JSON data is a number, not an object", "JSON data is a string, not an object",
                    "JSON data is a boolean, not an object", "JSON data is null, not an object"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("1", "\"text\"", "true", "null"));
}

TEST_F(JsonReaderTest, RejectsNonObjectArrayElementsOneByOne) {
    Parse(Options({"$.a"}, "", true), R"([{"a": 1}, 2, "x", [3, 4], null, {"a": 5}])");
    EXPECT_THAT(Rows(), ElementsAre("1", "5"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("2", "\"x\"", "[3, 4]", "null"));
    EXPECT_THAT(Reasons()[2], "JSON array element is an array, not an object");
}

// --- Paths ---------------------------------------------------------------------------------

TEST_F(JsonReaderTest, ReadsNestedPathsAndArrayIndexes) {
    Parse(Options({"$.a.b", "$.list[0]", "$.list[1].b", "$.list[9]", "$.a.b.c", "$.matrix[1][0]"}),
          R"({"a": {"b": "deep"}, "list": [10, {"b": "x"}], "matrix": [[1], [2]]})");
    EXPECT_THAT(Rows(), ElementsAre("deep|10|x|\\N|\\N|2"));
}

TEST_F(JsonReaderTest, ReadsBracketQuotedKeys) {
    Parse(Options({"$['a.b']", "$[\"c d\"].e", "$['$x']"}),
          R"({"a.b": 1, "c d": {"e": 2}, "$x": 3})");
    EXPECT_THAT(Rows(), ElementsAre("1|2|3"));
}

TEST_F(JsonReaderTest, DollarIsTheWholeRowObject) {
    Parse(Options({"$", "$.a"}, "", true), R"([{"a": 1,  "b": [2]}, {"a": 3}])");
    EXPECT_THAT(Rows(), ElementsAre(R"({"a": 1,  "b": [2]}|1)", R"({"a": 3}|3)"));
}

TEST_F(JsonReaderTest, PathAndItsParentBothRead) {
    Parse(Options({"$.a", "$.a.b"}), R"({"a": {"b": 1}})");
    EXPECT_THAT(Rows(), ElementsAre(R"({"b": 1}|1)"));
}

TEST_F(JsonReaderTest, SamePathMayFillSeveralFields) {
    Parse(Options({"$.a", "a", "$.a"}), R"({"a": "v"})");
    EXPECT_THAT(Rows(), ElementsAre("v|v|v"));
}

TEST_F(JsonReaderTest, MissingKeysAreNull) {
    Parse(Options({"$.a", "$.b", "$.c.d"}), "{\"a\": 1}\n{}\n{\"c\": 5}");
    EXPECT_THAT(Rows(), ElementsAre("1|\\N|\\N", "\\N|\\N|\\N", "\\N|\\N|\\N"));
}

TEST_F(JsonReaderTest, DuplicateKeysFirstOneWins) {
    Parse(Options({"$.a", "$.b.c"}), R"({"a": 1, "b": {"c": 2, "c": 3}, "a": 4, "b": {"c": 5}})");
    EXPECT_THAT(Rows(), ElementsAre("1|2"));
}

TEST_F(JsonReaderTest, EscapedKeysMatchByTheirUnescapedText) {
    Parse(Options({"$.a\"b", "caf\xC3\xA9"}), R"({"a\"b": 1, "caf\u00e9": 2})");
    EXPECT_THAT(Rows(), ElementsAre("1|2"));
}

TEST_F(JsonReaderTest, KeyLookupSurvivesChangingKeyOrder) {
    // The reader remembers each member position's key; changed orders must still match.
    Parse(Options({"a", "b", "c"}),
          "{\"a\":1,\"b\":2,\"c\":3}\n{\"c\":6,\"a\":4,\"b\":5}\n{\"x\":0,\"b\":8}\n{\"a\":1,\"b\":"
          "2,\"c\":3}");
    EXPECT_THAT(Rows(), ElementsAre("1|2|3", "4|5|6", "\\N|8|\\N", "1|2|3"));
}

// --- Values --------------------------------------------------------------------------------

TEST_F(JsonReaderTest, NullIsNullButTheStringNullIsText) {
    Parse(Options({"$.a", "$.b"}), R"({"a": null, "b": "null"})");
    EXPECT_TRUE(batch_->IsNull(0, 0));
    EXPECT_FALSE(batch_->IsNull(1, 0));
    EXPECT_EQ(batch_->value(1, 0), "null");
}

TEST_F(JsonReaderTest, BooleansBecomeOneAndZero) {
    Parse(Options({"$.t", "$.f"}), R"({"t": true, "f": false})");
    EXPECT_THAT(Rows(), ElementsAre("1|0"));
}

TEST_F(JsonReaderTest, NumbersKeepTheirJsonText) {
    Parse(Options({"$.i", "$.neg", "$.f", "$.e", "$.big", "$.zero", "$.small"}),
          R"({"i": 1589191487, "neg": -42 , "f": 8.75, "e": 8.75E+2, )"
          R"("big": 123456789012345678901234567890, "zero": -0, "small": 1e-400})");
    EXPECT_THAT(
        Rows(),
        ElementsAre("1589191487|-42|8.75|8.75E+2|123456789012345678901234567890|-0|1e-400"));
}

TEST_F(JsonReaderTest, ObjectsAndArraysBecomeTheirJsonText) {
    Parse(Options({"$.o", "$.a", "$.e"}),
          R"({"o": {"k": [1, {"x": null}], "s": "}"} , "a": [ "a", 1.5 ], "e": {}})");
    EXPECT_THAT(Rows(), ElementsAre(R"({"k": [1, {"x": null}], "s": "}"}|[ "a", 1.5 ]|{})"));
}

TEST_F(JsonReaderTest, StringsAreUnescaped) {
    Parse(Options({"$.plain", "$.escapes", "$.e_acute", "$.emoji", "$.raw_utf8"}),
          R"({"plain": "Mark Twain", "escapes": "q\"b\\s\/n\nt\t", "e_acute": "caf\u00e9", )"
          R"("emoji": "\ud83d\ude00", "raw_utf8": "Exupéry"})");
    EXPECT_THAT(Rows(),
                ElementsAre("Mark Twain|q\"b\\s/n\nt\t|caf\xC3\xA9|\xF0\x9F\x98\x80|Exupéry"));
}

// --- Malformed documents -------------------------------------------------------------------

TEST_F(JsonReaderTest, RejectsTruncatedDocument) {
    Parse(Options({"$.a"}), R"({"a": 1, "b": [1, 2)");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_THAT(Reasons(), ElementsAre("Malformed JSON at byte 19: the input ends inside the "
                                       "document (truncated?)"));
    EXPECT_THAT(RejectedRaws(), ElementsAre(R"({"a": 1, "b": [1, 2)"));
}

TEST_F(JsonReaderTest, RejectsInvalidTokenWithItsOffset) {
    Parse(Options({"$.a"}), R"({"a": tru})");
    EXPECT_THAT(Reasons(), ElementsAre("Malformed JSON at byte 6: invalid token 'tru'"));
}

TEST_F(JsonReaderTest, RejectsBadNumbers) {
    Parse(Options({"$.a"}),
          "{\"a\": 01}\n{\"a\": 1.}\n{\"a\": -}\n{\"a\": 1e}\n{\"a\": 0x1F}\n{\"a\": 2}");
    EXPECT_THAT(Rows(), ElementsAre("2"));
    EXPECT_EQ(batch_->num_rejected(), 5u);
    EXPECT_THAT(Reasons()[0], "Malformed JSON at byte 6: invalid token '01'");
}

TEST_F(JsonReaderTest, RejectsMalformedValueThatNoPathReads) {
    Parse(Options({"$.a"}), "{\"a\": 1, \"unused\": [nul]}\n{\"a\": 1, \"unused\": \"\\x\"}");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_THAT(Reasons(),
                ElementsAre("Malformed JSON at byte 20: invalid token 'nul'",
                            "Malformed JSON at byte 45: invalid escape in string \"\\x\""));
}

TEST_F(JsonReaderTest, RejectsMisplacedTokensAfterScalars) {
    // simdjson's On-Demand parser skips unread values leniently; the reader checks them.
    Parse(Options({"$.a"}), "{\"a\":\"b\":2]}\n{\"a\": 1 2}\n{\"a\": [true false]}\n{\"a\": 3}");
    EXPECT_THAT(Rows(), ElementsAre("3"));
    EXPECT_THAT(Reasons(), ElementsAre(HasSubstr("unexpected ':'"), HasSubstr("unexpected '2'"),
                                       HasSubstr("unexpected 'f'")));
}

TEST_F(JsonReaderTest, QuotesControlBytesOfABadTokenAsQuestionMarks) {
    Parse(Options({"$.a"}), std::string("{\"a\": x\0y}", 10));
    EXPECT_THAT(Reasons(), ElementsAre("Malformed JSON at byte 6: invalid token 'x?y'"));
}

TEST_F(JsonReaderTest, RejectsInvalidUtf8InsideAString) {
    Parse(Options({"$.a"}), "{\"a\": \"caf\xE9\"}\n{\"a\": \"ok\"}");
    EXPECT_THAT(Rows(), ElementsAre("ok"));
    EXPECT_THAT(Reasons(),
                ElementsAre(HasSubstr("Malformed JSON at byte 0: The input is not valid UTF-8")));
}

TEST_F(JsonReaderTest, RejectsUnescapedControlCharacterInsideAString) {
    Parse(Options({"$.a"}), "{\"a\": \"tab\there\"}");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_THAT(Reasons(), ElementsAre(HasSubstr("Malformed JSON at byte 0")));
}

TEST_F(JsonReaderTest, TrailingGarbageIsADocumentOfItsOwn) {
    Parse(Options({"$.a"}), "{\"a\": 1} xyz\n");
    EXPECT_THAT(Rows(), ElementsAre("1"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("xyz"));
    EXPECT_THAT(Reasons(), ElementsAre("Malformed JSON at byte 9: invalid token 'xyz'"));
}

TEST_F(JsonReaderTest, BadLineInTheMiddleOfNdjsonCostsOnlyThatLine) {
    const std::string input =
        "{\"a\": 1}\n"
        "{\"a\": tru}\n"    // a bad token; the brackets close
        "{\"a\": 2, \"b\n"  // a string cut by the line's end
        "{\"a\": 3,\n"      // truncated after a comma: the next line is no key
        "{\"a\": 5}\n"
        "{\"a\": 6}}\n"  // one bracket too many
        "{\"a\": 7}\n";
    Parse(Options({"$.a"}), input);
    EXPECT_THAT(Rows(), ElementsAre("1", "5", "6", "7"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("{\"a\": tru}", "{\"a\": 2, \"b", "{\"a\": 3,", "}"));
}

TEST_F(JsonReaderTest, TruncatedArrayAfterCommaMayTakeTheNextLineAlong) {
    // "{"a": [4," accepts the next line as an element; the break comes one line later.
    Parse(Options({"$.a"}), "{\"a\": [4,\n{\"a\": 5}\n{\"a\": 6}\n");
    EXPECT_THAT(Rows(), ElementsAre("6"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("{\"a\": [4,\n{\"a\": 5}"));
}

TEST_F(JsonReaderTest, BrokenPrettyPrintedDocumentResumesAtTheLineWhereItBroke) {
    // Line 3 breaks the document; lines 1-2 go with it, and the rest of the broken document is
    // read as whatever it is (here: a string, then garbage up to the line's end, twice).
    Parse(Options({"$.a"}), "{\n  \"a\": 1,\n  \"b\": [1 2]\n}\n{\"a\": 3}\n");
    EXPECT_THAT(Rows(), ElementsAre("3"));
    EXPECT_THAT(RejectedRaws(), ElementsAre("{\n  \"a\": 1,", "\"b\"", ": [1 2]", "}"));
    EXPECT_EQ(Reasons()[0],
              "Malformed JSON at byte 22: unexpected '2' where ',' or ']' was expected");
}

TEST_F(JsonReaderTest, MalformedArrayDocumentKeepsNoneOfItsRows) {
    Parse(Options({"$.a"}, "", true), R"([{"a": 1}, {"a": 2}, {"a": 3x}])");
    EXPECT_EQ(batch_->num_rows(), 0u);
    EXPECT_THAT(Reasons(), ElementsAre("Malformed JSON at byte 27: invalid token '3x'"));
}

TEST_F(JsonReaderTest, MismatchedBracketIsRejectedWhereItStands) {
    Parse(Options({"$.a"}), "{\"a\": [1, 2}\n{\"a\": 3}");
    EXPECT_THAT(Rows(), ElementsAre("3"));
    EXPECT_THAT(Reasons(), ElementsAre("Malformed JSON at byte 11: unexpected '}' where ',' or ']' "
                                       "was expected"));
}

TEST_F(JsonReaderTest, NestingBeyond1024LevelsIsRejected) {
    const std::string ok = "{\"a\":" + std::string(1023, '[') + std::string(1023, ']') + "}";
    const std::string deep = "{\"a\":" + std::string(1024, '[') + std::string(1024, ']') + "}";
    Parse(Options({"$.b"}), ok + "\n" + deep);
    EXPECT_EQ(batch_->num_rows(), 1u);
    EXPECT_THAT(Reasons(), ElementsAre(HasSubstr("nesting deeper than 1024 levels")));
}

TEST_F(JsonReaderTest, RejectedRawTextIsAbbreviated) {
    const std::string value(5000, 'x');
    Parse(Options({"$.a"}), "{\"a\": \"" + value + "\", \"b\": tru}");
    ASSERT_EQ(batch_->num_rejected(), 1u);
    EXPECT_EQ(batch_->rejected()[0].raw, "{\"a\": \"" + std::string(1024 - 7, 'x') + "...");
}

// --- Calls ---------------------------------------------------------------------------------

TEST_F(JsonReaderTest, RawTextOutlivesTheCallersInput) {
    std::string input = "{\"a\": \"one\"}";
    Parse(Options({"$.a"}), input);
    input.assign(input.size(), '#');  // the reader keeps its own copy until the next Parse
    EXPECT_THAT(Raws(), ElementsAre("{\"a\": \"one\"}"));
    EXPECT_THAT(Rows(), ElementsAre("one"));
}

TEST_F(JsonReaderTest, BadEscapeInAKeyIsRejected) {
    Parse(Options({"$.a"}), R"({"a": 1, "b\q": 2})");
    EXPECT_THAT(Reasons(),
                ElementsAre("Malformed JSON at byte 9: invalid escape in an object key"));
}

TEST_F(JsonReaderTest, ParseFailsForABatchOfAnotherWidth) {
    JsonReader reader(Options({"$.a", "$.b"}));
    SourceBatch batch(3);
    EXPECT_EQ(reader.Parse("{}", &batch).code(), Status::Code::kInvalidArgument);
}

TEST_F(JsonReaderTest, ParseFailsForInvalidOptions) {
    JsonReader reader(Options({"$..a"}));
    SourceBatch batch(1);
    const Status status = reader.Parse("{}", &batch);
    EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(status.message()), HasSubstr("$..a"));
}

// --- Options -------------------------------------------------------------------------------

TEST(JsonPathsPropertyTest, ParsesAnArrayOfPaths) {
    auto paths = ParseJsonPathsProperty(
        R"(["$.commodity_id","$.customer_name","$.country","$.pay_time","$.price"])");
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    EXPECT_EQ(*paths, kSeedPaths);
    auto escaped = ParseJsonPathsProperty(R"( [ "$['a.b']", "$.caf\u00e9" ] )");
    ASSERT_TRUE(escaped.ok());
    EXPECT_THAT(*escaped, ElementsAre("$['a.b']", "$.caf\xC3\xA9"));
}

TEST(JsonPathsPropertyTest, RejectsWhatIsNotANonEmptyArrayOfStrings) {
    for (std::string_view bad : {"", "$.a", "\"$.a\"", "[\"$.a\", 1]", "[]", "[\"$.a\"",
                                 "[\"$.a\"] x", "{\"a\": \"$.a\"}"}) {
        auto paths = ParseJsonPathsProperty(bad);
        EXPECT_FALSE(paths.ok()) << bad;
        EXPECT_THAT(std::string(paths.status().message()), HasSubstr("jsonpaths must be")) << bad;
    }
}

TEST(JsonPathsPropertyTest, RejectsAnInvalidPathNamingIt) {
    auto paths = ParseJsonPathsProperty(R"(["$.a", "$.b[x]"])");
    ASSERT_FALSE(paths.ok());
    EXPECT_THAT(std::string(paths.status().message()), HasSubstr("'$.b[x]'"));
}

TEST(JsonOptionsTest, AcceptsValidPaths) {
    JsonOptions options =
        Options({"$", "$.a", "$.a.b", "$.a[0]", "$.a[1].b", "$['x.y'][2]", "name", "with space"},
                "$.RECORDS");
    EXPECT_TRUE(options.Validate().ok());
}

TEST(JsonOptionsTest, RejectsUnparsablePathsNamingThem) {
    for (std::string bad :
         {"", "$..a", "$.a[x]", "$.", "$.a.", "$a", "$[1", "$['a]", "$.a[-1]", "$[*]", "$.a[]"}) {
        const Status status = Options({"$.ok", bad}).Validate();
        EXPECT_EQ(status.code(), Status::Code::kInvalidArgument) << bad;
        EXPECT_THAT(std::string(status.message()), HasSubstr("'" + bad + "'")) << bad;
    }
    const Status root = Options({"$.a"}, "$.RECORDS[").Validate();
    EXPECT_THAT(std::string(root.message()), HasSubstr("invalid json_root '$.RECORDS['"));
}

}  // namespace
}  // namespace tributary
