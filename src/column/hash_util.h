// Hashing helpers for Column::HashAt: a 64-bit hash of a byte range, mixed with a seed.
//
// Not cryptographic and not stable across versions of Tributary: use only in memory (hash
// tables, bucketing inside one process). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary {

// Final avalanche of MurmurHash3 (fmix64).
inline uint64_t MixHash64(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// FNV-1a over the bytes, seeded, then mixed.
inline uint64_t HashBytes(const void* data, size_t size, uint64_t seed) {
    const auto* p = static_cast<const uint8_t*>(data);
    uint64_t h = 0xcbf29ce484222325ULL ^ MixHash64(seed + size);
    for (size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return MixHash64(h);
}

}  // namespace tributary
