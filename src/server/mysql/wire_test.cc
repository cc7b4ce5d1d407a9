#include "server/mysql/wire.h"

#include <gtest/gtest.h>

#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

TEST(WireReaderTest, ReadsLittleEndianIntegers) {
    const std::string data = FromHex("01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12");
    WireReader r(data);
    EXPECT_EQ(*r.ReadU8("a"), 0x01);
    EXPECT_EQ(*r.ReadU16("b"), 0x0302);
    EXPECT_EQ(*r.ReadU24("c"), 0x060504u);
    EXPECT_EQ(*r.ReadU32("d"), 0x0a090807u);
    EXPECT_EQ(*r.ReadU64("e"), 0x1211100f0e0d0c0bull);
    EXPECT_TRUE(r.AtEnd());
}

TEST(WireReaderTest, ReadsEveryLengthEncodedIntegerWidth) {
    const std::string data = FromHex("fa fc fb 00 fc ff ff fd 00 00 01 fe 08 07 06 05 04 03 02 01");
    WireReader r(data);
    EXPECT_EQ(*r.ReadLengthEncodedInt("n"), 250u);
    EXPECT_EQ(*r.ReadLengthEncodedInt("n"), 251u);
    EXPECT_EQ(*r.ReadLengthEncodedInt("n"), 65535u);
    EXPECT_EQ(*r.ReadLengthEncodedInt("n"), 65536u);
    EXPECT_EQ(*r.ReadLengthEncodedInt("n"), 0x0102030405060708ull);
    EXPECT_TRUE(r.AtEnd());
}

TEST(WireReaderTest, RejectsNullAndErrMarkerAsLengthEncodedInteger) {
    for (const char* bytes : {"fb", "ff"}) {
        const std::string data = FromHex(bytes);
        WireReader r(data);
        auto v = r.ReadLengthEncodedInt("affected rows");
        ASSERT_FALSE(v.ok()) << bytes;
        EXPECT_NE(v.status().message().find("affected rows"), std::string::npos);
        EXPECT_EQ(r.position(), 0u);
    }
}

TEST(WireReaderTest, RejectsTruncatedLengthEncodedInteger) {
    for (const char* bytes : {"", "fc 01", "fd 01 02", "fe 01 02 03 04 05 06 07"}) {
        const std::string data = FromHex(bytes);
        WireReader r(data);
        auto v = r.ReadLengthEncodedInt("n");
        ASSERT_FALSE(v.ok()) << bytes;
        EXPECT_EQ(v.status().code(), Status::Code::kInvalidArgument);
        EXPECT_NE(v.status().message().find("truncated"), std::string::npos);
    }
}

TEST(WireReaderTest, RejectsTruncatedFixedWidthIntegers) {
    const std::string data = FromHex("01 02 03");
    WireReader r(data);
    EXPECT_FALSE(r.ReadU32("capability flags").ok());
    EXPECT_FALSE(r.ReadU64("x").ok());
    EXPECT_EQ(r.position(), 0u);
    EXPECT_EQ(*r.ReadU24("x"), 0x030201u);
    EXPECT_FALSE(r.ReadU8("x").ok());
    EXPECT_FALSE(r.ReadU16("x").ok());
}

TEST(WireReaderTest, ReadsLengthEncodedString) {
    const std::string data = FromHex("03 61 62 63 00");
    WireReader r(data);
    EXPECT_EQ(*r.ReadLengthEncodedString("s"), "abc");
    EXPECT_EQ(*r.ReadLengthEncodedString("s"), "");
    EXPECT_TRUE(r.AtEnd());
}

TEST(WireReaderTest, RejectsTruncatedLengthEncodedString) {
    const std::string data = FromHex("05 61 62");
    WireReader r(data);
    auto s = r.ReadLengthEncodedString("user name");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("user name"), std::string::npos);
    EXPECT_EQ(r.position(), 0u);
}

TEST(WireReaderTest, RejectsHugeLengthEncodedStringWithoutOverflow) {
    const std::string data = FromHex("fe ff ff ff ff ff ff ff ff 61");
    WireReader r(data);
    EXPECT_FALSE(r.ReadLengthEncodedString("s").ok());
    EXPECT_EQ(r.position(), 0u);
}

TEST(WireReaderTest, ReadsNullableLengthEncodedString) {
    const std::string data = FromHex("fb 01 78");
    WireReader r(data);
    auto null = r.ReadNullableLengthEncodedString("v");
    ASSERT_TRUE(null.ok());
    EXPECT_FALSE(null->has_value());
    auto x = r.ReadNullableLengthEncodedString("v");
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(**x, "x");
}

TEST(WireReaderTest, ReadsNulTerminatedString) {
    const std::string data = std::string("root\0\0", 6);
    WireReader r(data);
    EXPECT_EQ(*r.ReadNulTerminatedString("user"), "root");
    EXPECT_EQ(*r.ReadNulTerminatedString("db"), "");
    EXPECT_TRUE(r.AtEnd());
}

TEST(WireReaderTest, RejectsStringWithoutNulTerminator) {
    WireReader r("root");
    auto s = r.ReadNulTerminatedString("user name");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("missing NUL"), std::string::npos);
    EXPECT_NE(s.status().message().find("user name"), std::string::npos);
}

TEST(WireReaderTest, ReadsFixedStringAndRest) {
    WireReader r("abcdef");
    EXPECT_EQ(*r.ReadFixedString(2, "x"), "ab");
    EXPECT_FALSE(r.ReadFixedString(5, "x").ok());
    EXPECT_TRUE(r.Skip(1, "x").ok());
    EXPECT_EQ(r.ReadRest(), "def");
    EXPECT_EQ(r.ReadRest(), "");
    EXPECT_FALSE(r.Skip(1, "x").ok());
}

TEST(WireReaderTest, ErrorsCarryTheConfiguredErrorCode) {
    WireReader r("", ErrorCode::kHandshakeError);
    EXPECT_EQ(r.ReadU8("x").status().error_code(), ErrorCode::kHandshakeError);
    WireReader plain("");
    EXPECT_EQ(plain.ReadU8("x").status().error_code(), ErrorCode::kNetReadError);
}

TEST(WireWriterTest, WritesIntegersLittleEndian) {
    std::string out;
    WireWriter w(&out);
    w.U8(1);
    w.U16(0x0302);
    w.U24(0x060504);
    w.U32(0x0a090807);
    w.U64(0x1211100f0e0d0c0bull);
    EXPECT_EQ(ToHex(out), "01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12");
}

TEST(WireWriterTest, WritesShortestLengthEncodedInteger) {
    auto encode = [](uint64_t v) {
        std::string out;
        WireWriter(&out).LengthEncodedInt(v);
        return ToHex(out);
    };
    EXPECT_EQ(encode(0), "00");
    EXPECT_EQ(encode(250), "fa");
    EXPECT_EQ(encode(251), "fc fb 00");
    EXPECT_EQ(encode(65535), "fc ff ff");
    EXPECT_EQ(encode(65536), "fd 00 00 01");
    EXPECT_EQ(encode(0xFFFFFF), "fd ff ff ff");
    EXPECT_EQ(encode(0x1000000), "fe 00 00 00 01 00 00 00 00");
    EXPECT_EQ(LengthEncodedIntSize(250), 1u);
    EXPECT_EQ(LengthEncodedIntSize(251), 3u);
    EXPECT_EQ(LengthEncodedIntSize(65536), 4u);
    EXPECT_EQ(LengthEncodedIntSize(1ull << 40), 9u);
}

TEST(WireWriterTest, LengthEncodedValuesRoundTrip) {
    const uint64_t values[] = {0, 1, 250, 251, 252, 65535, 65536, 0xFFFFFF, 0x1000000, ~0ull};
    std::string out;
    WireWriter w(&out);
    for (uint64_t v : values) w.LengthEncodedInt(v);
    const std::string long_string(70000, 'x');
    w.LengthEncodedString(long_string);
    w.NulTerminatedString("plugin");
    w.Null();

    WireReader r(out);
    for (uint64_t v : values) EXPECT_EQ(*r.ReadLengthEncodedInt("v"), v);
    EXPECT_EQ(*r.ReadLengthEncodedString("s"), long_string);
    EXPECT_EQ(*r.ReadNulTerminatedString("p"), "plugin");
    EXPECT_FALSE(r.ReadNullableLengthEncodedString("n")->has_value());
    EXPECT_TRUE(r.AtEnd());
}

}  // namespace
}  // namespace tributary::mysql
