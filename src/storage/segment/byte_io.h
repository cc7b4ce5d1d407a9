// ByteWriter and ByteReader: little-endian encoding of the segment format's fields.
//
// ByteWriter appends to a std::string. ByteReader reads from a byte range it does not own and
// checks every read against the end: a read that would pass the end returns false and leaves
// the reader "failed", so decoders of untrusted bytes never read out of bounds.
// This machine and every target are little-endian; values are copied with memcpy.
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace tributary {

class ByteWriter {
public:
    explicit ByteWriter(std::string* out) : out_(out) {}

    template <typename T>
    void Put(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        out_->append(reinterpret_cast<const char*>(&v), sizeof(T));
    }
    void PutBytes(std::string_view b) { out_->append(b); }
    // u32 length + bytes.
    void PutString(std::string_view b) {
        Put<uint32_t>(static_cast<uint32_t>(b.size()));
        out_->append(b);
    }
    size_t size() const { return out_->size(); }

private:
    std::string* out_;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

    template <typename T>
    [[nodiscard]] bool Get(T* v) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (remaining() < sizeof(T)) return Fail();
        std::memcpy(v, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }
    [[nodiscard]] bool GetBytes(size_t n, std::string_view* out) {
        if (remaining() < n) return Fail();
        *out = bytes_.substr(pos_, n);
        pos_ += n;
        return true;
    }
    // u32 length + bytes; the length is checked against what remains before use.
    [[nodiscard]] bool GetString(std::string_view* out) {
        uint32_t n = 0;
        return Get(&n) && GetBytes(n, out);
    }

    size_t remaining() const { return bytes_.size() - pos_; }
    size_t position() const { return pos_; }
    bool failed() const { return failed_; }

private:
    bool Fail() {
        failed_ = true;
        return false;
    }

    std::string_view bytes_;
    size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace tributary
