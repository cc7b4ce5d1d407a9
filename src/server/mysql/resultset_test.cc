#include "server/mysql/resultset.h"

#include <gtest/gtest.h>

#include "server/mysql/constants.h"
#include "server/mysql/packet_framer.h"
#include "server/mysql/response.h"
#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

constexpr uint32_t kCaps41 = kClientProtocol41 | kClientTransactions;

std::vector<ColumnDefinition> TwoColumns() {
    return {ColumnDefinitionFor("id", TypeDesc::Of(LogicalType::kInt), false),
            ColumnDefinitionFor("name", TypeDesc::Varchar(10), true)};
}

// Splits a framed stream back into packets, checking that sequence ids run on from `first`.
std::vector<std::string> Unframe(const std::string& stream, uint8_t first) {
    PacketFramer framer;
    framer.ExpectSequenceId(first);
    framer.Append(stream);
    std::vector<std::string> payloads;
    while (true) {
        auto next = framer.Next();
        EXPECT_TRUE(next.ok()) << next.status().ToString();
        if (!next.ok() || !next->has_value()) break;
        payloads.push_back(std::move((*next)->payload));
    }
    EXPECT_EQ(framer.buffered_bytes(), 0u);
    return payloads;
}

TEST(TextRowTest, MatchesGoldenBytes) {
    const TextRow row = {"1", std::nullopt, "abc", ""};
    EXPECT_EQ(ToHex(BuildTextRow(row)), "01 31 fb 03 61 62 63 00");
}

TEST(TextRowTest, UsesWideLengthPrefixForLongValues) {
    const TextRow row = {std::string(251, 'x')};
    const std::string payload = BuildTextRow(row);
    EXPECT_EQ(ToHex(payload.substr(0, 3)), "fc fb 00");
    EXPECT_EQ(payload.size(), 3u + 251);
}

TEST(TextRowTest, RoundTrips) {
    const TextRow row = {"42", std::nullopt, std::string(70000, 'v'), "", std::string("\0\xfb", 2)};
    auto parsed = ParseTextRow(BuildTextRow(row), row.size());
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, row);
}

TEST(TextRowTest, RejectsTruncatedRowAndTrailingBytes) {
    const std::string payload = BuildTextRow({"1", std::nullopt, "abc"});
    for (size_t n = 0; n < payload.size(); ++n) {
        EXPECT_FALSE(ParseTextRow(payload.substr(0, n), 3).ok()) << n;
    }
    EXPECT_FALSE(ParseTextRow(payload, 2).ok());
    EXPECT_FALSE(ParseTextRow(payload, 4).ok());
}

TEST(ColumnCountTest, IsALengthEncodedInteger) {
    EXPECT_EQ(ToHex(BuildColumnCount(2)), "02");
    EXPECT_EQ(ToHex(BuildColumnCount(300)), "fc 2c 01");
}

TEST(ResultSetTest, SendsCountDefinitionsEofRowsEofWithoutDeprecateEof) {
    std::string out;
    uint8_t seq = 1;
    AppendResultSet(&out, seq, TwoColumns(), {{"1", "a"}, {"2", std::nullopt}}, kCaps41,
                    kServerStatusAutocommit);
    const std::vector<std::string> packets = Unframe(out, 1);
    ASSERT_EQ(packets.size(), 7u);
    EXPECT_EQ(ToHex(packets[0]), "02");
    EXPECT_EQ(packets[1], BuildColumnDefinition(TwoColumns()[0]));
    EXPECT_EQ(packets[2], BuildColumnDefinition(TwoColumns()[1]));
    EXPECT_EQ(ToHex(packets[3]), "fe 00 00 02 00");
    EXPECT_EQ(ToHex(packets[4]), "01 31 01 61");
    EXPECT_EQ(ToHex(packets[5]), "01 32 fb");
    EXPECT_EQ(ToHex(packets[6]), "fe 00 00 02 00");
    EXPECT_EQ(seq, 8);
}

TEST(ResultSetTest, EndsWithEofHeaderOkUnderDeprecateEof) {
    std::string out;
    uint8_t seq = 1;
    AppendResultSet(&out, seq, TwoColumns(), {{"1", "a"}}, kCaps41 | kClientDeprecateEof,
                    kServerStatusAutocommit | kServerMoreResultsExists, /*warnings=*/1);
    const std::vector<std::string> packets = Unframe(out, 1);
    ASSERT_EQ(packets.size(), 5u);
    EXPECT_EQ(ToHex(packets[0]), "02");
    EXPECT_EQ(ToHex(packets[3]), "01 31 01 61");
    EXPECT_EQ(ToHex(packets[4]), "fe 00 00 0a 00 01 00");
    auto ok = ParseOkPacket(packets[4], kCaps41);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->status_flags, kServerStatusAutocommit | kServerMoreResultsExists);
    EXPECT_EQ(seq, 6);
}

TEST(ResultSetTest, EmptyResultHasHeaderAndTerminatorOnly) {
    std::string out;
    uint8_t seq = 1;
    AppendResultSet(&out, seq, TwoColumns(), {}, kCaps41, kServerStatusAutocommit);
    EXPECT_EQ(Unframe(out, 1).size(), 5u);
}

TEST(ResultSetTest, SplitsRowLargerThanOnePacket) {
    const std::string big(kMaxPhysicalPayload + 10, 'b');
    std::string out;
    uint8_t seq = 1;
    AppendResultSet(&out, seq, {ColumnDefinitionFor("v", TypeDesc::Varchar(100), true)}, {{big}},
                    kCaps41 | kClientDeprecateEof, kServerStatusAutocommit);
    const std::vector<std::string> packets = Unframe(out, 1);
    ASSERT_EQ(packets.size(), 4u);
    auto row = ParseTextRow(packets[2], 1);
    ASSERT_TRUE(row.ok());
    EXPECT_TRUE((*row)[0] == big);
    EXPECT_EQ(seq, 6);  // the row took two physical packets
}

TEST(ResultSetWriterTest, IncrementalWritesEqualOneShot) {
    const std::vector<TextRow> rows = {{"1", "a"}, {"2", "b"}};
    std::string one_shot;
    uint8_t seq = 1;
    AppendResultSet(&one_shot, seq, TwoColumns(), rows, kCaps41, kServerStatusAutocommit);

    ResultSetWriter writer(kCaps41, 1);
    std::string incremental;
    writer.AppendHeader(&incremental, TwoColumns(), kServerStatusAutocommit);
    std::string flushed = incremental;  // as if sent to the socket
    incremental.clear();
    for (const auto& row : rows) writer.AppendRow(&incremental, row);
    writer.AppendEnd(&incremental, kServerStatusAutocommit);
    EXPECT_EQ(flushed + incremental, one_shot);
    EXPECT_EQ(writer.sequence_id(), seq);
}

TEST(FieldListTest, SendsDefinitionsWithDefaultsThenEof) {
    std::string out;
    uint8_t seq = 1;
    AppendFieldListResponse(&out, seq, TwoColumns(), {"0", std::nullopt}, kCaps41,
                            kServerStatusAutocommit);
    const std::vector<std::string> packets = Unframe(out, 1);
    ASSERT_EQ(packets.size(), 3u);
    EXPECT_EQ(packets[0], BuildColumnDefinition(TwoColumns()[0]) + FromHex("01 30"));
    EXPECT_EQ(packets[1], BuildColumnDefinition(TwoColumns()[1]) + "\xfb");
    EXPECT_EQ(ToHex(packets[2]), "fe 00 00 02 00");
}

TEST(FieldListTest, EndsWithOkUnderDeprecateEofAndDefaultsToNull) {
    std::string out;
    uint8_t seq = 1;
    AppendFieldListResponse(&out, seq, TwoColumns(), {}, kCaps41 | kClientDeprecateEof,
                            kServerStatusAutocommit);
    const std::vector<std::string> packets = Unframe(out, 1);
    ASSERT_EQ(packets.size(), 3u);
    EXPECT_EQ(packets[0].back(), '\xfb');
    EXPECT_EQ(ToHex(packets[2]), "fe 00 00 02 00 00 00");
}

}  // namespace
}  // namespace tributary::mysql
