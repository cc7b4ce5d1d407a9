// Primitive encodings of the MySQL protocol (Protocol::BasicDataTypes).
//
// WireReader decodes little-endian fixed-width integers, length-encoded integers and strings,
// NUL-terminated, fixed-length and rest-of-packet strings from a byte buffer. Every read is
// bounds-checked: on underflow or a malformed value it returns an InvalidArgument Status naming
// the field (the `what` argument), the offset and what was wrong, and leaves the position
// unchanged. It never reads outside the buffer, whatever the bytes.
//
// WireWriter appends the same encodings to a std::string.
//
// Ownership: a WireReader views its buffer and returns views into it; the buffer must outlive the
// reader and every string_view it returned. A WireWriter appends to a string it does not own,
// which must outlive the writer.
// Thread safety: neither is thread-safe; each is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error_code.h"
#include "base/status.h"

namespace tributary::mysql {

// First byte of a length-encoded integer that means NULL (only valid in text result rows).
inline constexpr uint8_t kLenencNull = 0xFB;

class WireReader {
  public:
    // Errors carry `error_code` (the MySQL error a client should see for a malformed packet of
    // this kind, e.g. kHandshakeError while authenticating).
    explicit WireReader(std::string_view data, ErrorCode error_code = ErrorCode::kNetReadError)
        : data_(data), error_code_(error_code) {}

    size_t position() const { return pos_; }
    size_t remaining() const { return data_.size() - pos_; }
    bool AtEnd() const { return pos_ == data_.size(); }
    // The next byte without consuming it; nullopt at the end.
    std::optional<uint8_t> Peek() const;

    StatusOr<uint8_t> ReadU8(std::string_view what);
    StatusOr<uint16_t> ReadU16(std::string_view what);
    StatusOr<uint32_t> ReadU24(std::string_view what);
    StatusOr<uint32_t> ReadU32(std::string_view what);
    StatusOr<uint64_t> ReadU64(std::string_view what);

    // int<lenenc>: < 0xFB is the value; 0xFC + 2 bytes, 0xFD + 3 bytes, 0xFE + 8 bytes.
    // 0xFB (NULL) and 0xFF (the ERR marker) are rejected: neither is a number.
    StatusOr<uint64_t> ReadLengthEncodedInt(std::string_view what);
    // string<lenenc>: a length-encoded length, then that many bytes.
    StatusOr<std::string_view> ReadLengthEncodedString(std::string_view what);
    // As ReadLengthEncodedString, but a lone 0xFB reads as NULL (text-protocol row values).
    StatusOr<std::optional<std::string_view>> ReadNullableLengthEncodedString(
        std::string_view what);
    // string<NUL>: the bytes up to a NUL, which is consumed but not returned.
    StatusOr<std::string_view> ReadNulTerminatedString(std::string_view what);
    // string<fix>: exactly `length` bytes.
    StatusOr<std::string_view> ReadFixedString(size_t length, std::string_view what);
    // string<EOF>: everything that remains (possibly empty). Never fails.
    std::string_view ReadRest();
    Status Skip(size_t length, std::string_view what);

  private:
    Status Truncated(std::string_view what, uint64_t needed) const;
    Status Malformed(std::string_view what, std::string_view problem) const;

    std::string_view data_;
    size_t pos_ = 0;
    ErrorCode error_code_;
};

class WireWriter {
  public:
    // Appends to *out. REQUIRES: out != nullptr and outlives the writer.
    explicit WireWriter(std::string* out) : out_(out) {}

    void U8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
    void U16(uint16_t v) { LittleEndian(v, 2); }
    void U24(uint32_t v) { LittleEndian(v, 3); }
    void U32(uint32_t v) { LittleEndian(v, 4); }
    void U64(uint64_t v) { LittleEndian(v, 8); }
    // The shortest int<lenenc> for `v`.
    void LengthEncodedInt(uint64_t v);
    void LengthEncodedString(std::string_view s);
    // 0xFB: a NULL value in a text-protocol row.
    void Null() { U8(kLenencNull); }
    // REQUIRES: s contains no NUL byte (it would end the string early for the reader).
    void NulTerminatedString(std::string_view s);
    // The bytes of `s` as they are (string<fix> and string<EOF>).
    void Bytes(std::string_view s) { out_->append(s); }
    void Zeros(size_t count) { out_->append(count, '\0'); }

  private:
    void LittleEndian(uint64_t v, int bytes);

    std::string* out_;
};

// Size in bytes of the int<lenenc> encoding of `v` (1, 3, 4 or 9).
size_t LengthEncodedIntSize(uint64_t v);

}  // namespace tributary::mysql
