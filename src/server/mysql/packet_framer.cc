#include "server/mysql/packet_framer.h"

#include <fmt/format.h>

#include <algorithm>

#include "server/mysql/constants.h"

namespace tributary::mysql {
namespace {

// Compact the receive buffer once this many framed bytes sit at its front.
constexpr size_t kCompactThreshold = 64 * 1024;

}  // namespace

void PacketFramer::Append(std::string_view data) {
    if (consumed_ == buffer_.size()) {
        buffer_.clear();
        consumed_ = 0;
    } else if (consumed_ >= kCompactThreshold && consumed_ * 2 >= buffer_.size()) {
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
    buffer_.append(data);
}

StatusOr<std::optional<Packet>> PacketFramer::Next() {
    if (!error_.ok()) return error_;
    while (buffer_.size() - consumed_ >= kPacketHeaderSize) {
        const auto* header = reinterpret_cast<const uint8_t*>(buffer_.data() + consumed_);
        const size_t length = header[0] | (size_t{header[1]} << 8) | (size_t{header[2]} << 16);
        const uint8_t sequence_id = header[3];

        if (expected_sequence_id_.has_value() && sequence_id != *expected_sequence_id_) {
            error_ = Status::InvalidArgument(
                fmt::format("packets out of order: expected sequence id {}, got {}",
                            *expected_sequence_id_, sequence_id),
                ErrorCode::kNetPacketsOutOfOrder);
            return error_;
        }
        if (length > max_packet_size_ - partial_.size()) {
            error_ = Status::InvalidArgument(
                fmt::format("Got a packet bigger than 'max_allowed_packet' bytes ({} > {})",
                            partial_.size() + length, max_packet_size_),
                ErrorCode::kNetPacketTooLarge);
            return error_;
        }
        if (buffer_.size() - consumed_ < kPacketHeaderSize + length) return std::optional<Packet>();

        partial_.append(buffer_, consumed_ + kPacketHeaderSize, length);
        consumed_ += kPacketHeaderSize + length;
        if (expected_sequence_id_.has_value()) {
            expected_sequence_id_ = static_cast<uint8_t>(sequence_id + 1);
        }
        if (length == kMaxPhysicalPayload) continue;  // the payload goes on in the next packet

        Packet packet{std::move(partial_), sequence_id};
        partial_.clear();
        return std::optional<Packet>(std::move(packet));
    }
    return std::optional<Packet>();
}

void AppendPacket(std::string* out, uint8_t& seq, std::string_view payload) {
    size_t offset = 0;
    while (true) {
        const size_t length = std::min(payload.size() - offset, kMaxPhysicalPayload);
        out->push_back(static_cast<char>(length & 0xFF));
        out->push_back(static_cast<char>((length >> 8) & 0xFF));
        out->push_back(static_cast<char>((length >> 16) & 0xFF));
        out->push_back(static_cast<char>(seq++));
        out->append(payload.substr(offset, length));
        offset += length;
        if (length < kMaxPhysicalPayload) break;
    }
}

}  // namespace tributary::mysql
