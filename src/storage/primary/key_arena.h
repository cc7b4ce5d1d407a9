// KeyArena: the variable-length keys of a PrimaryIndex, back to back in one buffer.
//
// An entry is a u32 length, the key's bytes, and zero padding to a multiple of 4 bytes. A key is
// named by a 32-bit reference, (entry offset / 4) + 1, so references are never 0 (PrimaryIndex
// packs them into slot words where 0 means "empty") and the arena addresses up to 16 GiB.
//
// Released entries stay in the buffer as garbage until the owner copies the live keys into a
// fresh arena (PrimaryIndex does when garbage passes half the buffer). The buffer grows by half
// when full, so that growth stays amortised O(1) without doubling the memory.
//
// Ownership: owns its bytes; views returned by Get live until the next Add or the arena's end.
// Thread safety: none; const methods may run concurrently with each other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace tributary {

class KeyArena {
public:
    KeyArena() = default;
    // A moved-from arena is empty.
    KeyArena(KeyArena&& other) noexcept { *this = std::move(other); }
    KeyArena& operator=(KeyArena&& other) noexcept {
        if (this == &other) return *this;
        bytes_ = std::move(other.bytes_);
        other.bytes_.clear();
        garbage_bytes_ = std::exchange(other.garbage_bytes_, 0);
        return *this;
    }

    static constexpr size_t kAlignment = 4;
    static constexpr size_t kMaxBytes = kAlignment * size_t{UINT32_MAX};

    // Bytes an entry for a key of `key_size` bytes takes.
    static constexpr size_t EntryBytes(size_t key_size) {
        return (sizeof(uint32_t) + key_size + kAlignment - 1) / kAlignment * kAlignment;
    }

    // Copies `key` in and returns its reference (never 0).
    // REQUIRES (checked): the key is shorter than 4 GiB and the arena stays within kMaxBytes.
    uint32_t Add(std::string_view key);

    // The key named by `ref`. REQUIRES: ref came from Add on this arena.
    std::string_view Get(uint32_t ref) const {
        const char* entry = bytes_.data() + (size_t{ref} - 1) * kAlignment;
        uint32_t size;
        std::memcpy(&size, entry, sizeof(size));
        return std::string_view(entry + sizeof(size), size);
    }

    // Counts the entry named by `ref` as garbage. REQUIRES: ref is live (not released before).
    void Release(uint32_t ref) { garbage_bytes_ += EntryBytes(Get(ref).size()); }

    // Makes room for `bytes` more bytes of entries.
    void ReserveBytes(size_t bytes) { bytes_.reserve(bytes_.size() + bytes); }

    // Bytes of entries, live and released.
    size_t used_bytes() const { return bytes_.size(); }
    size_t garbage_bytes() const { return garbage_bytes_; }
    // Bytes of heap memory held (capacity).
    size_t MemoryBytes() const { return bytes_.capacity(); }

private:
    std::vector<char> bytes_;
    size_t garbage_bytes_ = 0;
};

}  // namespace tributary
