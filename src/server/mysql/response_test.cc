#include "server/mysql/response.h"

#include <gtest/gtest.h>

#include "server/mysql/constants.h"
#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

constexpr uint32_t kCaps41 = kClientProtocol41 | kClientTransactions;

TEST(OkPacketTest, MatchesGoldenBytes) {
    OkPacket ok;
    ok.affected_rows = 1;
    ok.status_flags = kServerStatusAutocommit;
    EXPECT_EQ(ToHex(BuildOkPacket(ok, kCaps41)), "00 01 00 02 00 00 00");
}

TEST(OkPacketTest, EncodesLargeCountsAsLengthEncodedIntegers) {
    OkPacket ok;
    ok.affected_rows = 300;
    ok.last_insert_id = 70000;
    ok.status_flags = kServerStatusAutocommit | kServerStatusInTrans;
    ok.warnings = 2;
    EXPECT_EQ(ToHex(BuildOkPacket(ok, kCaps41)), "00 fc 2c 01 fd 70 11 01 03 00 02 00");
}

TEST(OkPacketTest, WritesInfoAsLengthEncodedString) {
    OkPacket ok;
    ok.info = "Rows matched: 1";
    const std::string payload = BuildOkPacket(ok, kCaps41);
    EXPECT_EQ(payload, FromHex("00 00 00 00 00 00 00 0f") + "Rows matched: 1");
}

TEST(OkPacketTest, UsesEofHeaderWhenItReplacesEof) {
    OkPacket ok;
    ok.status_flags = kServerStatusAutocommit;
    EXPECT_EQ(ToHex(BuildOkPacket(ok, kCaps41 | kClientDeprecateEof, /*eof_header=*/true)),
              "fe 00 00 02 00 00 00");
}

TEST(OkPacketTest, OmitsWarningsForPre41AndStatusWithoutTransactions) {
    OkPacket ok;
    ok.status_flags = kServerStatusAutocommit;
    ok.warnings = 5;
    EXPECT_EQ(ToHex(BuildOkPacket(ok, kClientTransactions)), "00 00 00 02 00");
    EXPECT_EQ(ToHex(BuildOkPacket(ok, 0)), "00 00 00");
}

TEST(OkPacketTest, WritesSessionStateOnlyWhenTrackedAndChanged) {
    OkPacket ok;
    ok.status_flags = kServerSessionStateChanged;
    ok.session_state_changes = FromHex("01 03 02 64 62");
    const uint32_t caps = kCaps41 | kClientSessionTrack;
    EXPECT_EQ(ToHex(BuildOkPacket(ok, caps)), "00 00 00 00 40 00 00 00 05 01 03 02 64 62");
    auto parsed = ParseOkPacket(BuildOkPacket(ok, caps), caps);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->session_state_changes, ok.session_state_changes);
    EXPECT_EQ(ToHex(BuildOkPacket(ok, kCaps41)), "00 00 00 00 40 00 00");
}

TEST(OkPacketTest, RoundTrips) {
    OkPacket ok;
    ok.affected_rows = 1ull << 40;
    ok.last_insert_id = 251;
    ok.status_flags = kServerMoreResultsExists | kServerStatusAutocommit;
    ok.warnings = 65535;
    ok.info = "Records: 3  Duplicates: 0  Warnings: 0";
    for (bool eof_header : {false, true}) {
        auto parsed = ParseOkPacket(BuildOkPacket(ok, kCaps41, eof_header), kCaps41);
        ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
        EXPECT_EQ(parsed->affected_rows, ok.affected_rows);
        EXPECT_EQ(parsed->last_insert_id, ok.last_insert_id);
        EXPECT_EQ(parsed->status_flags, ok.status_flags);
        EXPECT_EQ(parsed->warnings, ok.warnings);
        EXPECT_EQ(parsed->info, ok.info);
    }
}

TEST(OkPacketTest, RejectsTruncatedOrForeignPackets) {
    const std::string payload = FromHex("00 fc 2c 01 00 02 00 00 00");
    for (size_t n = 0; n < payload.size(); ++n) {
        EXPECT_FALSE(ParseOkPacket(payload.substr(0, n), kCaps41).ok()) << n;
    }
    EXPECT_FALSE(ParseOkPacket(FromHex("ff 28 04"), kCaps41).ok());
    EXPECT_FALSE(ParseOkPacket(FromHex("00 00 00 00 00 00 00 05 61"), kCaps41).ok());
}

TEST(ErrPacketTest, MatchesGoldenBytes) {
    ErrPacket err;
    err.error_code = 1064;
    err.sql_state = "42000";
    err.message = "You have an error in your SQL syntax";
    const std::string expected =
        FromHex("ff 28 04 23 34 32 30 30 30") + "You have an error in your SQL syntax";
    EXPECT_EQ(ToHex(BuildErrPacket(err, kCaps41)), ToHex(expected));
}

TEST(ErrPacketTest, BuiltFromStatusUsesItsErrorCodeAndSqlState) {
    const Status st = Status::SyntaxError("syntax error at line 1, column 8");
    EXPECT_EQ(BuildErrPacket(st, kCaps41),
              FromHex("ff 28 04") + "#42000" + "syntax error at line 1, column 8");
}

TEST(ErrPacketTest, StatusWithoutErrorCodeBecomesUnknownError) {
    const Status st = Status::Internal("broken");
    EXPECT_EQ(BuildErrPacket(st, kCaps41), FromHex("ff 51 04") + "#HY000broken");
}

TEST(ErrPacketTest, OmitsSqlStateForPre41Clients) {
    ErrPacket err{1045, "28000", "Access denied"};
    EXPECT_EQ(BuildErrPacket(err, 0), FromHex("ff 15 04") + "Access denied");
}

TEST(ErrPacketTest, ReplacesMalformedSqlStateWithHY000) {
    ErrPacket err{1105, "4200", "x"};
    EXPECT_EQ(BuildErrPacket(err, kCaps41), FromHex("ff 51 04") + "#HY000x");
}

TEST(ErrPacketTest, RoundTrips) {
    ErrPacket err{1146, "42S02", "Table 'db.t' doesn't exist"};
    auto parsed = ParseErrPacket(BuildErrPacket(err, kCaps41), kCaps41);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->error_code, 1146);
    EXPECT_EQ(parsed->sql_state, "42S02");
    EXPECT_EQ(parsed->message, err.message);
}

TEST(ErrPacketTest, ParsesErrorWithoutSqlStateMarker) {
    auto parsed = ParseErrPacket(FromHex("ff 10 04") + "Too many connections", kCaps41);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->error_code, 1040);
    EXPECT_EQ(parsed->sql_state, "");
    EXPECT_EQ(parsed->message, "Too many connections");
}

TEST(ErrPacketTest, RejectsTruncatedOrForeignPackets) {
    EXPECT_FALSE(ParseErrPacket("", kCaps41).ok());
    EXPECT_FALSE(ParseErrPacket(FromHex("ff 28"), kCaps41).ok());
    EXPECT_FALSE(ParseErrPacket(FromHex("ff 28 04 23 34 32"), kCaps41).ok());
    EXPECT_FALSE(ParseErrPacket(FromHex("00 28 04"), kCaps41).ok());
}

TEST(EofPacketTest, MatchesGoldenBytesAndRoundTrips) {
    const std::string payload = BuildEofPacket(EofPacket{1, kServerStatusAutocommit}, kCaps41);
    EXPECT_EQ(ToHex(payload), "fe 01 00 02 00");
    auto parsed = ParseEofPacket(payload, kCaps41);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->warnings, 1);
    EXPECT_EQ(parsed->status_flags, kServerStatusAutocommit);
    EXPECT_EQ(ToHex(BuildEofPacket(EofPacket{1, 2}, 0)), "fe");
}

TEST(EofPacketTest, RejectsTruncatedOversizedOrForeignPackets) {
    EXPECT_FALSE(ParseEofPacket(FromHex("fe 01 00 02"), kCaps41).ok());
    EXPECT_FALSE(ParseEofPacket(FromHex("fe 01 00 02 00 00"), kCaps41).ok());
    EXPECT_FALSE(ParseEofPacket(FromHex("00 01 00 02 00"), kCaps41).ok());
    EXPECT_FALSE(ParseEofPacket("", kCaps41).ok());
}

TEST(ResponseKindTest, ClassifiesByFirstByteAndLength) {
    EXPECT_TRUE(IsOkPacket(FromHex("00 00 00 02 00 00 00")));
    EXPECT_TRUE(IsErrPacket(FromHex("ff 28 04")));
    EXPECT_TRUE(IsEofPacket(FromHex("fe 00 00 02 00")));
    EXPECT_FALSE(IsEofPacket(FromHex("fe 00 00 00 00 00 00 00 00")));  // a 9-byte row
    EXPECT_FALSE(IsOkPacket(""));
    EXPECT_FALSE(IsErrPacket(""));
    EXPECT_FALSE(IsEofPacket(""));
}

}  // namespace
}  // namespace tributary::mysql
