// PrimaryIndex: the in-memory primary-key index of a PRIMARY KEY table (merge-on-write).
//
// Maps an encoded key (PrimaryKeyEncoder) to a 64-bit location. The location is opaque here: the
// caller packs what it needs (a segment id and a row ordinal) into it. A load looks every new
// row's key up with Upsert: the previous location it returns is the row to mark deleted.
//
// Layout: an open-addressing hash table of 16-byte slots in Robin Hood order, at most 7/8 full
// (robin_hood_slots.h), in one of two forms chosen by the constructor:
//   - fixed_key_size == 8 (one integer-like key column): the key is held in the slot as a 64-bit
//     word, bijectively mixed (MixHash64) so the word is both the key and its hash. Nothing else
//     is stored: 16 bytes per slot, about 18-27 bytes per key.
//   - any other size, 0 meaning variable: the slot holds 32 bits of the key's XXH3 hash and a
//     reference into a KeyArena (key_arena.h) holding the key's bytes. Keys of erased entries are
//     garbage in the arena until it is compacted, when garbage passes half the arena (and at least
//     64 KiB); overwriting a key's location leaves no garbage (the key is equal).
// MemoryBytes reports everything the index owns (slots, arena, the object itself).
//
// Invariants: size() is the number of distinct keys; a key is present exactly when its last
// Upsert was not followed by an Erase.
//
// Thread safety: none; the caller locks. Find may run concurrently with other Finds, not with a
// non-const method.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "storage/primary/key_arena.h"
#include "storage/primary/robin_hood_slots.h"

namespace tributary {

class PrimaryIndex {
public:
    // `fixed_key_size` is PrimaryKeyEncoder::fixed_size(): 8 takes the uint64 fast path; 0 (keys
    // vary in length) or any other size takes the arena path.
    explicit PrimaryIndex(size_t fixed_key_size);

    PrimaryIndex(const PrimaryIndex&) = delete;
    PrimaryIndex& operator=(const PrimaryIndex&) = delete;
    // A moved-from index is empty.
    PrimaryIndex(PrimaryIndex&& other) noexcept;
    PrimaryIndex& operator=(PrimaryIndex&& other) noexcept;

    // Sets key -> location. Returns the key's previous location, or nullopt if it was absent.
    // REQUIRES (checked): on the fast path, key.size() == 8.
    std::optional<uint64_t> Upsert(std::string_view key, uint64_t location);

    // Removes the key. Returns the location it had, or nullopt if it was absent.
    std::optional<uint64_t> Erase(std::string_view key);

    // The key's location, or nullopt.
    std::optional<uint64_t> Find(std::string_view key) const;

    // Makes room for `keys` keys in all, so that inserting up to that many does not rehash.
    // (Arena bytes for variable keys are not reserved: their size is not known yet.)
    void Reserve(size_t keys);

    // Calls visit(key, location) once for every entry, in no particular order. visit may assign
    // `location` (rewriting locations after a compaction moved rows) but must not call the index.
    // `key` is valid only during the call.
    void ForEach(const std::function<void(std::string_view key, uint64_t& location)>& visit);

    size_t size() const;
    bool empty() const { return size() == 0; }
    bool uses_fixed_keys() const { return fixed_keys_; }
    // Bytes of memory the index owns: slots, the key arena and the object itself.
    size_t MemoryBytes() const;

private:
    // Fast path: the slot word of an 8-byte key, MixHash64 of its bytes read as a uint64.
    static uint64_t FixedWord(std::string_view key);

    std::optional<uint64_t> UpsertFixed(uint64_t word, uint64_t location);
    std::optional<uint64_t> UpsertVariable(std::string_view key, uint64_t location);
    void CompactArenaIfWasteful();

    bool fixed_keys_;
    RobinHoodSlots slots_;
    // Fast path: the key whose word is 0, which would read as an empty slot, lives here instead.
    std::optional<uint64_t> zero_word_location_;
    // Arena path: the bytes of the keys.
    KeyArena arena_;
};

}  // namespace tributary
