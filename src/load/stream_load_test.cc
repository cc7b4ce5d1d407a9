// Specification of Stream Load's pure helpers: separator escapes and where a JSON body may be cut
// into pieces for the reader. (Stream Load itself is specified end to end with curl in
// tests/e2e/test_stream_load.py.)
#include "load/stream_load.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(StreamLoadTest, SeparatorEscapes) {
    EXPECT_EQ(UnescapeSeparator("\\x01").value(), std::string(1, '\x01'));
    EXPECT_EQ(UnescapeSeparator("\\t").value(), "\t");
    EXPECT_EQ(UnescapeSeparator("\\r\\n").value(), "\r\n");
    EXPECT_EQ(UnescapeSeparator("||").value(), "||");
    EXPECT_EQ(UnescapeSeparator("a\\\\b").value(), "a\\b");
    EXPECT_FALSE(UnescapeSeparator("\\x1").ok());
    EXPECT_FALSE(UnescapeSeparator("\\xZZ").ok());
}

TEST(StreamLoadTest, NdjsonIsCutBetweenLines) {
    const std::string body = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
    EXPECT_EQ(NextJsonDocumentBoundary(body, 0), 8u);
    EXPECT_EQ(NextJsonDocumentBoundary(body, 9), 16u);
    EXPECT_EQ(NextJsonDocumentBoundary(body, 17), body.size());
    EXPECT_EQ(NextJsonDocumentBoundary("{\"a\":1}\r\n\r\n[{\"a\":2}]", 0), 9u);
}

TEST(StreamLoadTest, OneDocumentOverManyLinesIsNeverCut) {
    const std::string pretty = "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n";
    EXPECT_EQ(NextJsonDocumentBoundary(pretty, 0), pretty.size());
    const std::string nested = "{\"x\": {\"a\": 1}\n, \"y\": [\n{\"b\": 2}\n]}\n";
    EXPECT_EQ(NextJsonDocumentBoundary(nested, 0), nested.size());
    const std::string objects = "{\n\"a\": {\n\"b\": 1\n}\n}\n{\n\"a\": 2\n}";
    EXPECT_EQ(NextJsonDocumentBoundary(objects, 0), 20u);  // just after the first document
}

}  // namespace
}  // namespace tributary
