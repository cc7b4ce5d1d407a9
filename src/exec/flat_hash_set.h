// FlatHashSet: a set of fixed-width keys in one open-addressing array (linear probing, power-of-
// two capacity, at most half full), for count(DISTINCT ...) over numbers and dates.
//
// Compared with std::unordered_set it allocates nothing per key and keeps keys contiguous, so
// inserting millions of keys costs a few cache misses each instead of a node allocation. Key 0
// is tracked outside the array (the array uses 0 to mark an empty slot).
//
// Thread safety: none; one set per worker and group.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "column/hash_util.h"

namespace tributary {

template <typename Key>  // uint64_t or unsigned __int128
class FlatHashSet {
public:
    void Insert(Key key) {
        if (key == 0) {
            has_zero_ = true;
            return;
        }
        if ((size_ + 1) * 2 > slots_.size()) Grow();
        InsertNonZero(key);
    }

    // Inserts every key of `other`.
    void InsertAll(const FlatHashSet& other) {
        if (other.has_zero_) has_zero_ = true;
        for (Key k : other.slots_) {
            if (k != 0) Insert(k);
        }
    }

    size_t size() const { return size_ + (has_zero_ ? 1 : 0); }

    void Swap(FlatHashSet& other) {
        slots_.swap(other.slots_);
        std::swap(size_, other.size_);
        std::swap(has_zero_, other.has_zero_);
    }

private:
    static uint64_t Hash(Key k) {
        if constexpr (sizeof(Key) > 8) {
            return MixHash64(static_cast<uint64_t>(k) ^ MixHash64(static_cast<uint64_t>(k >> 64)));
        } else {
            return MixHash64(k);
        }
    }

    void InsertNonZero(Key key) {
        const size_t mask = slots_.size() - 1;
        for (size_t pos = Hash(key) & mask;; pos = (pos + 1) & mask) {
            if (slots_[pos] == key) return;
            if (slots_[pos] == 0) {
                slots_[pos] = key;
                ++size_;
                return;
            }
        }
    }

    void Grow() {
        std::vector<Key> old;
        old.swap(slots_);
        slots_.assign(old.empty() ? 8 : old.size() * 2, 0);
        size_ = 0;
        for (Key k : old) {
            if (k != 0) InsertNonZero(k);
        }
    }

    std::vector<Key> slots_;
    size_t size_ = 0;  // keys in slots_
    bool has_zero_ = false;
};

}  // namespace tributary
