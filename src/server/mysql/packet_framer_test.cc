#include "server/mysql/packet_framer.h"

#include <gtest/gtest.h>

#include "server/mysql/constants.h"
#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

// Pops one packet, failing the test when there is none or an error.
Packet PopPacket(PacketFramer& framer) {
    auto next = framer.Next();
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !next->has_value()) {
        ADD_FAILURE() << "no complete packet";
        return {};
    }
    return std::move(**next);
}

std::string Pattern(size_t size) {
    std::string s(size, '\0');
    for (size_t i = 0; i < size; ++i) s[i] = static_cast<char>(i * 7 + 3);
    return s;
}

TEST(AppendPacketTest, FramesPayloadWithLengthAndSequenceId) {
    std::string out;
    uint8_t seq = 3;
    AppendPacket(&out, seq, "abc");
    EXPECT_EQ(ToHex(out), "03 00 00 03 61 62 63");
    EXPECT_EQ(seq, 4);
}

TEST(AppendPacketTest, EmptyPayloadIsOneEmptyPacket) {
    std::string out;
    uint8_t seq = 0;
    AppendPacket(&out, seq, "");
    EXPECT_EQ(ToHex(out), "00 00 00 00");
    EXPECT_EQ(seq, 1);
}

TEST(AppendPacketTest, SequenceIdWrapsAround) {
    std::string out;
    uint8_t seq = 255;
    AppendPacket(&out, seq, "x");
    AppendPacket(&out, seq, "y");
    EXPECT_EQ(ToHex(out), "01 00 00 ff 78 01 00 00 00 79");
    EXPECT_EQ(seq, 1);
}

TEST(AppendPacketTest, PayloadOfExactlyMaxPhysicalSizeEndsWithEmptyPacket) {
    const std::string payload = Pattern(kMaxPhysicalPayload);
    std::string out;
    uint8_t seq = 0;
    AppendPacket(&out, seq, payload);
    ASSERT_EQ(out.size(), kMaxPhysicalPayload + 2 * kPacketHeaderSize);
    EXPECT_EQ(ToHex(out.substr(0, 4)), "ff ff ff 00");
    EXPECT_EQ(out.substr(4, kMaxPhysicalPayload), payload);
    EXPECT_EQ(ToHex(out.substr(4 + kMaxPhysicalPayload)), "00 00 00 01");
    EXPECT_EQ(seq, 2);
}

TEST(AppendPacketTest, SplitsLargerPayloadIntoFullPacketsAndRemainder) {
    const std::string payload = Pattern(2 * kMaxPhysicalPayload + 10);
    std::string out;
    uint8_t seq = 1;
    AppendPacket(&out, seq, payload);
    ASSERT_EQ(out.size(), payload.size() + 3 * kPacketHeaderSize);
    EXPECT_EQ(ToHex(out.substr(0, 4)), "ff ff ff 01");
    EXPECT_EQ(ToHex(out.substr(4 + kMaxPhysicalPayload, 4)), "ff ff ff 02");
    EXPECT_EQ(ToHex(out.substr(8 + 2 * kMaxPhysicalPayload, 4)), "0a 00 00 03");
    EXPECT_EQ(seq, 4);
}

TEST(PacketFramerTest, ReturnsNothingUntilPacketIsComplete) {
    PacketFramer framer;
    framer.Append(FromHex("03 00 00"));
    EXPECT_FALSE(framer.Next()->has_value());
    framer.Append(FromHex("00 61 62"));
    EXPECT_FALSE(framer.Next()->has_value());
    framer.Append(FromHex("63"));
    Packet p = PopPacket(framer);
    EXPECT_EQ(p.payload, "abc");
    EXPECT_EQ(p.sequence_id, 0);
    EXPECT_FALSE(framer.Next()->has_value());
    EXPECT_EQ(framer.buffered_bytes(), 0u);
}

TEST(PacketFramerTest, PopsSeveralPacketsFromOneAppend) {
    PacketFramer framer;
    framer.Append(FromHex("01 00 00 00 0e 00 00 00 01 00 00 05 01 02"));
    EXPECT_EQ(PopPacket(framer).payload, "\x0e");
    Packet empty = PopPacket(framer);
    EXPECT_EQ(empty.payload, "");
    EXPECT_EQ(empty.sequence_id, 1);
    EXPECT_FALSE(framer.Next()->has_value());
    EXPECT_EQ(framer.buffered_bytes(), 5u);  // the header and start of a third packet
}

TEST(PacketFramerTest, ReassemblesBytesFedOneAtATime) {
    std::string stream;
    uint8_t seq = 0;
    AppendPacket(&stream, seq, "select 1");
    AppendPacket(&stream, seq, "select 2");
    PacketFramer framer;
    std::vector<std::string> payloads;
    for (char c : stream) {
        framer.Append(std::string_view(&c, 1));
        auto next = framer.Next();
        ASSERT_TRUE(next.ok());
        if (next->has_value()) payloads.push_back((*next)->payload);
    }
    EXPECT_EQ(payloads, (std::vector<std::string>{"select 1", "select 2"}));
}

TEST(PacketFramerTest, ReassemblesPayloadOfExactlyMaxPhysicalSize) {
    const std::string payload = Pattern(kMaxPhysicalPayload);
    std::string stream;
    uint8_t seq = 0;
    AppendPacket(&stream, seq, payload);
    PacketFramer framer;
    framer.ExpectSequenceId(0);
    framer.Append(stream);
    Packet p = PopPacket(framer);
    EXPECT_EQ(p.payload.size(), payload.size());
    EXPECT_TRUE(p.payload == payload);
    EXPECT_EQ(p.sequence_id, 1);  // the empty trailer's id: a reply starts at 2
}

TEST(PacketFramerTest, ReassemblesPayloadLargerThan16MiBFedInChunks) {
    const std::string payload = Pattern(kMaxPhysicalPayload + 1000);
    std::string stream;
    uint8_t seq = 0;
    AppendPacket(&stream, seq, payload);
    AppendPacket(&stream, seq, "next");
    PacketFramer framer;
    framer.ExpectSequenceId(0);
    std::vector<Packet> packets;
    for (size_t offset = 0; offset < stream.size(); offset += 1 << 20) {
        framer.Append(std::string_view(stream).substr(offset, 1 << 20));
        while (true) {
            auto next = framer.Next();
            ASSERT_TRUE(next.ok()) << next.status().ToString();
            if (!next->has_value()) break;
            packets.push_back(std::move(**next));
        }
    }
    ASSERT_EQ(packets.size(), 2u);
    EXPECT_TRUE(packets[0].payload == payload);
    EXPECT_EQ(packets[0].sequence_id, 1);
    EXPECT_EQ(packets[1].payload, "next");
    EXPECT_EQ(packets[1].sequence_id, 2);
}

TEST(PacketFramerTest, RejectsPacketLargerThanMaximumBeforeItsBytesArrive) {
    PacketFramer framer(100);
    framer.Append(FromHex("65 00 00 00"));  // announces 101 bytes
    auto next = framer.Next();
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().error_code(), ErrorCode::kNetPacketTooLarge);
    EXPECT_NE(next.status().message().find("max_allowed_packet"), std::string::npos);
}

TEST(PacketFramerTest, AcceptsPacketOfExactlyTheMaximum) {
    PacketFramer framer(100);
    std::string stream;
    uint8_t seq = 0;
    AppendPacket(&stream, seq, std::string(100, 'x'));
    framer.Append(stream);
    EXPECT_EQ(PopPacket(framer).payload.size(), 100u);
}

TEST(PacketFramerTest, RejectsReassembledPacketLargerThanMaximum) {
    PacketFramer framer(kMaxPhysicalPayload + 5);
    std::string stream;
    uint8_t seq = 0;
    AppendPacket(&stream, seq, std::string(kMaxPhysicalPayload + 6, 'x'));
    framer.Append(stream);
    auto next = framer.Next();
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().error_code(), ErrorCode::kNetPacketTooLarge);
}

TEST(PacketFramerTest, ErrorIsStickyBecauseTheStreamIsOutOfStep) {
    PacketFramer framer(10);
    framer.Append(FromHex("0b 00 00 00"));
    EXPECT_FALSE(framer.Next().ok());
    framer.Append(FromHex("01 00 00 00 01"));
    auto again = framer.Next();
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.status().error_code(), ErrorCode::kNetPacketTooLarge);
}

TEST(PacketFramerTest, IgnoresSequenceIdsUnlessAsked) {
    PacketFramer framer;
    framer.Append(FromHex("01 00 00 07 01 01 00 00 03 02"));
    EXPECT_EQ(PopPacket(framer).sequence_id, 7);
    EXPECT_EQ(PopPacket(framer).sequence_id, 3);
}

TEST(PacketFramerTest, RejectsUnexpectedSequenceId) {
    PacketFramer framer;
    framer.ExpectSequenceId(0);
    framer.Append(FromHex("01 00 00 01 03"));
    auto next = framer.Next();
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().error_code(), ErrorCode::kNetPacketsOutOfOrder);
    EXPECT_NE(next.status().message().find("out of order"), std::string::npos);
}

TEST(PacketFramerTest, ExpectsConsecutiveSequenceIdsAfterEachPacket) {
    PacketFramer framer;
    framer.ExpectSequenceId(1);
    framer.Append(FromHex("01 00 00 01 61 01 00 00 02 62 01 00 00 04 63"));
    EXPECT_EQ(PopPacket(framer).payload, "a");
    EXPECT_EQ(PopPacket(framer).payload, "b");
    EXPECT_FALSE(framer.Next().ok());
}

TEST(PacketFramerTest, RejectsOutOfOrderContinuationPacket) {
    std::string stream;
    uint8_t seq = 0;
    AppendPacket(&stream, seq, std::string(kMaxPhysicalPayload + 1, 'x'));
    stream[kPacketHeaderSize + kMaxPhysicalPayload + 3] = 5;  // the continuation's sequence id
    PacketFramer framer;
    framer.ExpectSequenceId(0);
    framer.Append(stream);
    EXPECT_FALSE(framer.Next().ok());
}

TEST(PacketFramerTest, ExpectSequenceIdRestartsCheckingForANewCommand) {
    PacketFramer framer;
    framer.ExpectSequenceId(0);
    framer.Append(FromHex("01 00 00 00 61"));
    EXPECT_EQ(PopPacket(framer).payload, "a");
    framer.ExpectSequenceId(0);
    framer.Append(FromHex("01 00 00 00 62"));
    EXPECT_EQ(PopPacket(framer).payload, "b");
    framer.DisableSequenceCheck();
    framer.Append(FromHex("01 00 00 09 63"));
    EXPECT_EQ(PopPacket(framer).payload, "c");
}

}  // namespace
}  // namespace tributary::mysql
