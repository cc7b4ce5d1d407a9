// RobinHoodSlots: the open-addressing table under PrimaryIndex (primary_index.h).
//
// A slot is 16 bytes: a 64-bit `word` naming an entry, and the entry's 64-bit `location`. Word 0
// marks an empty slot. The high 32 bits of a word are the entry's hash tag, and its home slot is
// (tag * capacity) >> 32: multiply-shift range reduction, so that the capacity need not be a
// power of two and can follow the entry count closely (memory per key is what matters here). What
// the low 32 bits mean is the owner's business: PrimaryIndex stores a whole mixed 64-bit key in the
// word, or a tag and a reference into its key arena.
//
// Linear probing in Robin Hood order: an insert passing an entry that sits closer to its home
// than the insert's probe has come takes that slot and carries the displaced entry on. Hence a
// lookup stops at an empty slot or at an entry closer to its home than the probe (its key would
// have displaced that entry), and misses cost about what hits do even when the table is full.
// Erase shifts the entries after it back by one until an empty slot or an entry at its home:
// there are no tombstones. The table holds at most 7/8 of its capacity; beyond that it grows by
// half (a rehash), so it is between 7/12 and 7/8 full after the first growths.
//
// Ownership: owns its slots. Thread safety: none; const methods may run concurrently with each
// other but not with a non-const one. Slot pointers are valid until the next non-const call.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

#include "base/check.h"

namespace tributary {

class RobinHoodSlots {
public:
    struct Slot {
        uint64_t word;
        uint64_t location;
    };
    static constexpr uint64_t kEmptyWord = 0;
    // The largest table: homes are computed in 64 bits from 32-bit tags.
    static constexpr size_t kMaxCapacity = size_t{1} << 32;

    RobinHoodSlots() = default;
    // A moved-from table is empty (and has no slots).
    RobinHoodSlots(RobinHoodSlots&& other) noexcept { *this = std::move(other); }
    RobinHoodSlots& operator=(RobinHoodSlots&& other) noexcept {
        if (this == &other) return *this;
        slots_ = std::move(other.slots_);
        capacity_ = std::exchange(other.capacity_, 0);
        size_ = std::exchange(other.size_, 0);
        max_size_ = std::exchange(other.max_size_, 0);
        return *this;
    }

    static uint32_t TagOf(uint64_t word) { return static_cast<uint32_t>(word >> 32); }

    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    size_t MemoryBytes() const { return capacity_ * sizeof(Slot); }

    // The slot of the entry with hash tag `tag` for which matches(slot) holds, or nullptr.
    template <typename Matches>
    const Slot* Find(uint32_t tag, Matches&& matches) const {
        if (size_ == 0) return nullptr;
        size_t i = Home(tag);
        for (size_t distance = 0;; ++distance, i = Next(i)) {
            const Slot& slot = slots_[i];
            if (slot.word == kEmptyWord) return nullptr;
            if (TagOf(slot.word) == tag && matches(slot)) return &slot;
            if (DistanceFromHome(i) < distance) return nullptr;
        }
    }
    template <typename Matches>
    Slot* Find(uint32_t tag, Matches&& matches) {
        return const_cast<Slot*>(std::as_const(*this).Find(tag, matches));
    }

    // The slot of the entry with hash tag `tag` for which matches(slot) holds (second: false);
    // otherwise a new entry's slot (second: true), whose word is make_word() and location 0.
    // make_word runs only when the entry is new. May grow the table.
    // REQUIRES: make_word() returns a non-zero word whose tag is `tag`.
    template <typename Matches, typename MakeWord>
    std::pair<Slot*, bool> FindOrInsert(uint32_t tag, Matches&& matches, MakeWord&& make_word) {
        if (capacity_ == 0) Rehash(CapacityFor(1));
        size_t i = Home(tag);
        size_t distance = 0;
        for (;; ++distance, i = Next(i)) {
            Slot& slot = slots_[i];
            if (slot.word == kEmptyWord) break;
            if (TagOf(slot.word) == tag && matches(slot)) return {&slot, false};
            if (DistanceFromHome(i) < distance) break;
        }
        const uint64_t word = make_word();
        TRIBUTARY_DCHECK(word != kEmptyWord && TagOf(word) == tag, "new word breaks its contract");
        if (size_ >= max_size_) {
            Rehash(GrownCapacity());
            return {InsertAbsent(word, 0), true};
        }
        return {PlaceAt(i, distance, word, 0), true};
    }

    // Removes the entry in `slot`. REQUIRES: slot came from Find / FindOrInsert since the last
    // non-const call.
    void Erase(Slot* slot) {
        size_t i = static_cast<size_t>(slot - slots_.get());
        TRIBUTARY_DCHECK(i < capacity_ && slot->word != kEmptyWord, "erasing an empty slot");
        for (size_t next = Next(i); slots_[next].word != kEmptyWord && DistanceFromHome(next) > 0;
             i = next, next = Next(next)) {
            slots_[i] = slots_[next];
        }
        slots_[i] = Slot{kEmptyWord, 0};
        --size_;
    }

    // Calls visit(Slot&) for every entry, in slot order. visit may change the location and the
    // low 32 bits of the word, never the tag, and must not call other methods of the table.
    template <typename Visit>
    void ForEach(Visit&& visit) {
        for (size_t i = 0; i < capacity_; ++i) {
            if (slots_[i].word != kEmptyWord) visit(slots_[i]);
        }
    }

    // Makes room for `entries` entries without growing. Growing a table that holds entries
    // grows it by half at least, so that reserving a little more before every batch stays
    // amortized like growth on insert.
    void Reserve(size_t entries) {
        if (entries <= max_size_) return;
        Rehash(std::max(CapacityFor(entries), size_ == 0 ? 0 : capacity_ + capacity_ / 2));
    }

private:
    static constexpr size_t kMinCapacity = 16;

    // The smallest capacity holding `entries` at a load of at most 7/8.
    static size_t CapacityFor(size_t entries) {
        return std::max(kMinCapacity, (entries * 8 + 6) / 7);
    }
    size_t GrownCapacity() const {
        return std::max(CapacityFor(size_ + 1), capacity_ + capacity_ / 2);
    }

    size_t Home(uint32_t tag) const {
        return static_cast<size_t>((uint64_t{tag} * capacity_) >> 32);
    }
    size_t Next(size_t i) const { return i + 1 == capacity_ ? 0 : i + 1; }
    size_t DistanceFromHome(size_t i) const {
        const size_t home = Home(TagOf(slots_[i].word));
        return i >= home ? i - home : i + capacity_ - home;
    }

    // Inserts an entry known to be absent. REQUIRES: size() < capacity().
    Slot* InsertAbsent(uint64_t word, uint64_t location) {
        size_t i = Home(TagOf(word));
        size_t distance = 0;
        while (slots_[i].word != kEmptyWord && DistanceFromHome(i) >= distance) {
            i = Next(i);
            ++distance;
        }
        return PlaceAt(i, distance, word, location);
    }

    // Puts the entry in slot i, `distance` from its home, where it belongs in Robin Hood order,
    // carrying displaced entries on to the next empty slot. Returns the entry's slot.
    Slot* PlaceAt(size_t i, size_t distance, uint64_t word, uint64_t location) {
        Slot* placed = &slots_[i];
        Slot carry{word, location};
        while (slots_[i].word != kEmptyWord) {
            const size_t resident_distance = DistanceFromHome(i);
            if (resident_distance < distance) {
                std::swap(carry, slots_[i]);
                distance = resident_distance;
            }
            i = Next(i);
            ++distance;
        }
        slots_[i] = carry;
        ++size_;
        return placed;
    }

    void Rehash(size_t capacity) {
        TRIBUTARY_CHECK(capacity <= kMaxCapacity, "primary index would exceed 2^32 slots");
        TRIBUTARY_CHECK(capacity > size_, "rehash to a table too small for its entries");
        std::unique_ptr<Slot[]> old = std::move(slots_);
        const size_t old_capacity = capacity_;
        slots_ = std::make_unique<Slot[]>(capacity);  // value-initialised: every word is empty
        capacity_ = capacity;
        max_size_ = capacity * 7 / 8;
        size_ = 0;
        for (size_t i = 0; i < old_capacity; ++i) {
            if (old[i].word != kEmptyWord) InsertAbsent(old[i].word, old[i].location);
        }
    }

    std::unique_ptr<Slot[]> slots_;
    size_t capacity_ = 0;
    size_t size_ = 0;
    size_t max_size_ = 0;  // an insert beyond this many entries grows the table first
};

}  // namespace tributary
