// Framing of the MySQL packet stream (Protocol::Packet).
//
// On the wire every packet is a 3-byte little-endian payload length, a 1-byte sequence id and
// the payload. A payload of exactly 0xFFFFFF bytes means "continued in the next packet"; the
// logical packet ends with the first physical packet shorter than that (possibly empty). Sequence
// ids count up by one per physical packet, modulo 256, and restart at 0 with each command.
//
// PacketFramer turns received bytes, fed in whatever pieces the socket delivers, into logical
// packets. It enforces a maximum logical payload size, failing with ER_NET_PACKET_TOO_LARGE as
// soon as a header announces more than that (before the bytes are buffered), and, when asked,
// checks that sequence ids are consecutive. After an error the stream is out of step and cannot
// be recovered: every later Next() returns the same error and the session should close the
// connection.
//
// AppendPacket frames an outgoing payload, splitting it as needed.
//
// Thread safety: a PacketFramer is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary::mysql {

// One logical packet: the reassembled payload and the sequence id of its last physical packet.
// A reply to it starts at sequence_id + 1.
struct Packet {
    std::string payload;
    uint8_t sequence_id = 0;
};

class PacketFramer {
  public:
    static constexpr size_t kDefaultMaxPacketSize = size_t{64} << 20;  // 64 MiB

    explicit PacketFramer(size_t max_packet_size = kDefaultMaxPacketSize)
        : max_packet_size_(max_packet_size) {}

    // Buffers received bytes.
    void Append(std::string_view data);

    // The next complete logical packet, nullopt when more bytes are needed, or an error:
    // ER_NET_PACKET_TOO_LARGE (1153) when a packet exceeds the maximum size, ER_NET_READ_ERROR
    // (1158) when a sequence id is out of order.
    StatusOr<std::optional<Packet>> Next();

    // Turns on sequence checking: the next physical packet must carry `sequence_id` and each one
    // after it the following id. Call with 0 before reading each command, and with the id after
    // the last one sent when a reply is expected within an exchange (handshake, auth switch).
    void ExpectSequenceId(uint8_t sequence_id) { expected_sequence_id_ = sequence_id; }
    void DisableSequenceCheck() { expected_sequence_id_.reset(); }

    // Bytes received and not yet returned in a packet (including a partial packet's payload).
    size_t buffered_bytes() const { return buffer_.size() - consumed_ + partial_.size(); }

  private:
    size_t max_packet_size_;
    std::string buffer_;  // received bytes; [0, consumed_) are already framed
    size_t consumed_ = 0;
    std::string partial_;  // payload of a logical packet whose last physical packet is missing
    std::optional<uint8_t> expected_sequence_id_;
    Status error_;  // sticky: set once the stream is out of step
};

// Appends `payload` to *out as one logical packet: physical packets of at most 0xFFFFFF payload
// bytes with sequence ids seq, seq+1, ...; a non-empty payload whose size is a multiple of
// 0xFFFFFF ends with an empty packet, and an empty payload is one empty packet. Advances `seq`
// past the last id used.
void AppendPacket(std::string* out, uint8_t& seq, std::string_view payload);

}  // namespace tributary::mysql
