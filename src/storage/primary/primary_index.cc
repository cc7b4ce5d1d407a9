#include "storage/primary/primary_index.h"

#include <xxhash.h>

#include <cstring>
#include <utility>

#include "base/check.h"
#include "column/hash_util.h"

namespace tributary {
namespace {

using Slot = RobinHoodSlots::Slot;

constexpr size_t kFastPathKeySize = sizeof(uint64_t);
constexpr uint64_t kRefMask = 0xFFFF'FFFFu;
// Compact the arena only once its garbage is worth a pass over every slot.
constexpr size_t kMinGarbageToCompact = 64 * 1024;

// The inverse of an odd number modulo 2^64, by Newton's iteration (each step doubles the number
// of correct low bits, and a * a == 1 mod 8 gives the first three).
constexpr uint64_t InverseOfOdd(uint64_t a) {
    uint64_t x = a;
    for (int i = 0; i < 5; ++i) x *= 2 - a * x;
    return x;
}

// The inverse of MixHash64 (column/hash_util.h): each of its steps is invertible, so the mixed
// word of a fast-path key is the key itself in another guise.
uint64_t UnmixHash64(uint64_t h) {
    constexpr uint64_t kInverse1 = InverseOfOdd(0xff51afd7ed558ccdULL);
    constexpr uint64_t kInverse2 = InverseOfOdd(0xc4ceb9fe1a85ec53ULL);
    static_assert(kInverse1 * 0xff51afd7ed558ccdULL == 1 && kInverse2 * 0xc4ceb9fe1a85ec53ULL == 1);
    h ^= h >> 33;  // x ^ (x >> 33) is its own inverse: the shift is at least half the width
    h *= kInverse2;
    h ^= h >> 33;
    h *= kInverse1;
    h ^= h >> 33;
    return h;
}

uint32_t RefOf(uint64_t word) { return static_cast<uint32_t>(word & kRefMask); }

}  // namespace

PrimaryIndex::PrimaryIndex(size_t fixed_key_size)
    : fixed_keys_(fixed_key_size == kFastPathKeySize) {}

PrimaryIndex::PrimaryIndex(PrimaryIndex&& other) noexcept : fixed_keys_(other.fixed_keys_) {
    *this = std::move(other);
}

PrimaryIndex& PrimaryIndex::operator=(PrimaryIndex&& other) noexcept {
    if (this == &other) return *this;
    fixed_keys_ = other.fixed_keys_;
    slots_ = std::move(other.slots_);
    zero_word_location_ = std::exchange(other.zero_word_location_, std::nullopt);
    arena_ = std::move(other.arena_);
    return *this;
}

uint64_t PrimaryIndex::FixedWord(std::string_view key) {
    TRIBUTARY_CHECK(key.size() == kFastPathKeySize, "fast-path primary key is not 8 bytes");
    uint64_t raw;
    std::memcpy(&raw, key.data(), sizeof(raw));
    return MixHash64(raw);
}

std::optional<uint64_t> PrimaryIndex::Upsert(std::string_view key, uint64_t location) {
    return fixed_keys_ ? UpsertFixed(FixedWord(key), location) : UpsertVariable(key, location);
}

std::optional<uint64_t> PrimaryIndex::UpsertFixed(uint64_t word, uint64_t location) {
    if (word == RobinHoodSlots::kEmptyWord) {
        std::optional<uint64_t> previous = zero_word_location_;
        zero_word_location_ = location;
        return previous;
    }
    auto [slot, inserted] = slots_.FindOrInsert(
        RobinHoodSlots::TagOf(word), [word](const Slot& s) { return s.word == word; },
        [word] { return word; });
    std::optional<uint64_t> previous;
    if (!inserted) previous = slot->location;
    slot->location = location;
    return previous;
}

std::optional<uint64_t> PrimaryIndex::UpsertVariable(std::string_view key, uint64_t location) {
    const uint64_t hash = XXH3_64bits(key.data(), key.size());
    const uint32_t tag = RobinHoodSlots::TagOf(hash);
    auto [slot, inserted] = slots_.FindOrInsert(
        tag, [&](const Slot& s) { return arena_.Get(RefOf(s.word)) == key; },
        [&] { return (uint64_t{tag} << 32) | arena_.Add(key); });
    std::optional<uint64_t> previous;
    if (!inserted) previous = slot->location;
    slot->location = location;
    return previous;
}

std::optional<uint64_t> PrimaryIndex::Find(std::string_view key) const {
    if (fixed_keys_) {
        const uint64_t word = FixedWord(key);
        if (word == RobinHoodSlots::kEmptyWord) return zero_word_location_;
        const Slot* slot = slots_.Find(RobinHoodSlots::TagOf(word),
                                       [word](const Slot& s) { return s.word == word; });
        return slot != nullptr ? std::optional<uint64_t>(slot->location) : std::nullopt;
    }
    const uint64_t hash = XXH3_64bits(key.data(), key.size());
    const Slot* slot = slots_.Find(RobinHoodSlots::TagOf(hash),
                                   [&](const Slot& s) { return arena_.Get(RefOf(s.word)) == key; });
    return slot != nullptr ? std::optional<uint64_t>(slot->location) : std::nullopt;
}

std::optional<uint64_t> PrimaryIndex::Erase(std::string_view key) {
    if (fixed_keys_) {
        const uint64_t word = FixedWord(key);
        if (word == RobinHoodSlots::kEmptyWord)
            return std::exchange(zero_word_location_, std::nullopt);
        Slot* slot = slots_.Find(RobinHoodSlots::TagOf(word),
                                 [word](const Slot& s) { return s.word == word; });
        if (slot == nullptr) return std::nullopt;
        const uint64_t location = slot->location;
        slots_.Erase(slot);
        return location;
    }
    const uint64_t hash = XXH3_64bits(key.data(), key.size());
    Slot* slot = slots_.Find(RobinHoodSlots::TagOf(hash),
                             [&](const Slot& s) { return arena_.Get(RefOf(s.word)) == key; });
    if (slot == nullptr) return std::nullopt;
    const uint64_t location = slot->location;
    arena_.Release(RefOf(slot->word));
    slots_.Erase(slot);
    CompactArenaIfWasteful();
    return location;
}

// Copies the live keys into a fresh arena and points the slots at the copies; the work is paid
// for by the garbage (at least as many bytes as the live keys) that accumulated since the last.
void PrimaryIndex::CompactArenaIfWasteful() {
    const size_t garbage = arena_.garbage_bytes();
    if (garbage < kMinGarbageToCompact || garbage * 2 < arena_.used_bytes()) return;
    KeyArena compacted;
    compacted.ReserveBytes(arena_.used_bytes() - garbage);
    slots_.ForEach([&](Slot& slot) {
        const uint32_t ref = compacted.Add(arena_.Get(RefOf(slot.word)));
        slot.word = (slot.word & ~kRefMask) | ref;
    });
    arena_ = std::move(compacted);
}

void PrimaryIndex::Reserve(size_t keys) { slots_.Reserve(keys); }

void PrimaryIndex::ForEach(
    const std::function<void(std::string_view key, uint64_t& location)>& visit) {
    if (fixed_keys_) {
        char key[kFastPathKeySize];
        if (zero_word_location_.has_value()) {
            std::memset(key, 0, sizeof(key));  // UnmixHash64(0) == 0
            visit(std::string_view(key, sizeof(key)), *zero_word_location_);
        }
        slots_.ForEach([&](Slot& slot) {
            const uint64_t raw = UnmixHash64(slot.word);
            std::memcpy(key, &raw, sizeof(raw));
            visit(std::string_view(key, sizeof(key)), slot.location);
        });
        return;
    }
    slots_.ForEach([&](Slot& slot) { visit(arena_.Get(RefOf(slot.word)), slot.location); });
}

size_t PrimaryIndex::size() const {
    return slots_.size() + (zero_word_location_.has_value() ? 1 : 0);
}

size_t PrimaryIndex::MemoryBytes() const {
    return sizeof(*this) + slots_.MemoryBytes() + arena_.MemoryBytes();
}

}  // namespace tributary
