#include "server/mysql/wire.h"

#include <fmt/format.h>

#include "base/check.h"

namespace tributary::mysql {

std::optional<uint8_t> WireReader::Peek() const {
    if (AtEnd()) return std::nullopt;
    return static_cast<uint8_t>(data_[pos_]);
}

Status WireReader::Truncated(std::string_view what, uint64_t needed) const {
    return Status::InvalidArgument(
        fmt::format("malformed packet: {} is truncated (needs {} byte(s) at offset {}, {} left)",
                    what, needed, pos_, remaining()),
        error_code_);
}

Status WireReader::Malformed(std::string_view what, std::string_view problem) const {
    return Status::InvalidArgument(
        fmt::format("malformed packet: {} at offset {}: {}", what, pos_, problem), error_code_);
}

namespace {

uint64_t DecodeLittleEndian(std::string_view bytes) {
    uint64_t v = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
        v |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[i])) << (8 * i);
    }
    return v;
}

}  // namespace

StatusOr<uint8_t> WireReader::ReadU8(std::string_view what) {
    if (remaining() < 1) return Truncated(what, 1);
    return static_cast<uint8_t>(data_[pos_++]);
}

StatusOr<uint16_t> WireReader::ReadU16(std::string_view what) {
    ASSIGN_OR_RETURN(std::string_view bytes, ReadFixedString(2, what));
    return static_cast<uint16_t>(DecodeLittleEndian(bytes));
}

StatusOr<uint32_t> WireReader::ReadU24(std::string_view what) {
    ASSIGN_OR_RETURN(std::string_view bytes, ReadFixedString(3, what));
    return static_cast<uint32_t>(DecodeLittleEndian(bytes));
}

StatusOr<uint32_t> WireReader::ReadU32(std::string_view what) {
    ASSIGN_OR_RETURN(std::string_view bytes, ReadFixedString(4, what));
    return static_cast<uint32_t>(DecodeLittleEndian(bytes));
}

StatusOr<uint64_t> WireReader::ReadU64(std::string_view what) {
    ASSIGN_OR_RETURN(std::string_view bytes, ReadFixedString(8, what));
    return DecodeLittleEndian(bytes);
}

StatusOr<uint64_t> WireReader::ReadLengthEncodedInt(std::string_view what) {
    if (AtEnd()) return Truncated(what, 1);
    const uint8_t first = static_cast<uint8_t>(data_[pos_]);
    size_t width;
    switch (first) {
        case 0xFB:
            return Malformed(what, "length-encoded integer is NULL (0xFB) where a value is needed");
        case 0xFF:
            return Malformed(what, "0xFF is not a valid length-encoded integer prefix");
        case 0xFC:
            width = 2;
            break;
        case 0xFD:
            width = 3;
            break;
        case 0xFE:
            width = 8;
            break;
        default:
            ++pos_;
            return static_cast<uint64_t>(first);
    }
    if (remaining() < 1 + width) return Truncated(what, 1 + width);
    const uint64_t v = DecodeLittleEndian(data_.substr(pos_ + 1, width));
    pos_ += 1 + width;
    return v;
}

StatusOr<std::string_view> WireReader::ReadLengthEncodedString(std::string_view what) {
    const size_t start = pos_;
    ASSIGN_OR_RETURN(uint64_t length, ReadLengthEncodedInt(what));
    if (length > remaining()) {
        Status st = Malformed(
            what, fmt::format("string length {} exceeds the {} byte(s) left", length, remaining()));
        pos_ = start;
        return st;
    }
    std::string_view s = data_.substr(pos_, static_cast<size_t>(length));
    pos_ += static_cast<size_t>(length);
    return s;
}

StatusOr<std::optional<std::string_view>> WireReader::ReadNullableLengthEncodedString(
    std::string_view what) {
    if (Peek() == kLenencNull) {
        ++pos_;
        return std::optional<std::string_view>();
    }
    ASSIGN_OR_RETURN(std::string_view s, ReadLengthEncodedString(what));
    return std::optional<std::string_view>(s);
}

StatusOr<std::string_view> WireReader::ReadNulTerminatedString(std::string_view what) {
    const size_t nul = data_.find('\0', pos_);
    if (nul == std::string_view::npos) return Malformed(what, "missing NUL terminator");
    std::string_view s = data_.substr(pos_, nul - pos_);
    pos_ = nul + 1;
    return s;
}

StatusOr<std::string_view> WireReader::ReadFixedString(size_t length, std::string_view what) {
    if (remaining() < length) return Truncated(what, length);
    std::string_view s = data_.substr(pos_, length);
    pos_ += length;
    return s;
}

std::string_view WireReader::ReadRest() {
    std::string_view s = data_.substr(pos_);
    pos_ = data_.size();
    return s;
}

Status WireReader::Skip(size_t length, std::string_view what) {
    if (remaining() < length) return Truncated(what, length);
    pos_ += length;
    return Status::OK();
}

size_t LengthEncodedIntSize(uint64_t v) {
    if (v < 0xFB) return 1;
    if (v <= 0xFFFF) return 3;
    if (v <= 0xFFFFFF) return 4;
    return 9;
}

void WireWriter::LittleEndian(uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out_->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
}

void WireWriter::LengthEncodedInt(uint64_t v) {
    switch (LengthEncodedIntSize(v)) {
        case 1:
            U8(static_cast<uint8_t>(v));
            break;
        case 3:
            U8(0xFC);
            U16(static_cast<uint16_t>(v));
            break;
        case 4:
            U8(0xFD);
            U24(static_cast<uint32_t>(v));
            break;
        default:
            U8(0xFE);
            U64(v);
            break;
    }
}

void WireWriter::LengthEncodedString(std::string_view s) {
    LengthEncodedInt(s.size());
    Bytes(s);
}

void WireWriter::NulTerminatedString(std::string_view s) {
    TRIBUTARY_DCHECK(s.find('\0') == std::string_view::npos,
                     "a NUL-terminated protocol string must not contain NUL");
    Bytes(s);
    U8(0);
}

}  // namespace tributary::mysql
