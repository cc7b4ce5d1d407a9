#include "exec/group_key_table.h"

#include <cstring>

#include "column/hash_util.h"
#include "column/type_dispatch.h"

namespace tributary {

namespace {

constexpr size_t kFixedKeyBytes = sizeof(unsigned __int128);

// Bytes a key column takes in the fixed layout (value + null byte), or 0 when it cannot.
size_t FixedWidthInKey(const ColumnSchema& c) {
    const size_t width = FixedWidthOf(c.type.type);
    if (width == 0) return 0;
    return width + (c.nullable ? 1 : 0);
}

// A fast hash of short strings: 8 bytes at a time, and the last up-to-8 bytes read as two
// overlapping fixed-size loads (no variable-length memcpy call per key).
uint64_t HashString(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);
    while (n > 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        h = (h ^ word) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    uint64_t tail = 0;
    if (n >= 4) {
        uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);
        tail = (uint64_t{hi} << 32) | lo;
    } else if (n > 0) {
        tail = uint64_t{static_cast<uint8_t>(p[0])} |
               (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) |
               (uint64_t{static_cast<uint8_t>(p[n - 1])} << 16);
    }
    return MixHash64(h ^ tail);
}

// memcmp that accepts the null pointers of empty buffers.
bool BytesEqual(const char* a, const char* b, size_t n) {
    return n == 0 || std::memcmp(a, b, n) == 0;
}

uint64_t HashFixedKey(unsigned __int128 key) {
    return MixHash64(static_cast<uint64_t>(key) ^ MixHash64(static_cast<uint64_t>(key >> 64)));
}

}  // namespace

GroupKeyTable::GroupKeyTable(ChunkSchema key_schema)
    : key_schema_(std::move(key_schema)), keys_(key_schema_) {
    size_t width = 0;
    bool all_fixed = true;
    for (const ColumnSchema& c : key_schema_.columns) {
        const size_t w = FixedWidthInKey(c);
        all_fixed &= w != 0;
        width += w;
    }
    fixed_ = all_fixed && width <= kFixedKeyBytes;
    single_string_ = key_schema_.size() == 1 && key_schema_.columns[0].type.IsString();
    capacity_ = 1024;
    slots_.assign(capacity_, 0);
    slot_hashes_.assign(capacity_, 0);
}

GroupKeyTable::~GroupKeyTable() = default;
GroupKeyTable::GroupKeyTable(GroupKeyTable&&) noexcept = default;
GroupKeyTable& GroupKeyTable::operator=(GroupKeyTable&&) noexcept = default;

void GroupKeyTable::AppendKeyRow(std::span<const EvalColumn> keys, size_t row) {
    for (size_t c = 0; c < keys.size(); ++c) {
        keys_.column(c)->AppendRange(*keys[c].column, keys[c].constant ? 0 : row, 1);
    }
}

void GroupKeyTable::Grow() {
    const size_t new_capacity = capacity_ * 2;
    std::vector<uint32_t> slots(new_capacity, 0);
    std::vector<uint64_t> hashes(new_capacity, 0);
    const size_t mask = new_capacity - 1;
    for (size_t i = 0; i < capacity_; ++i) {
        if (slots_[i] == 0) continue;
        size_t pos = slot_hashes_[i] & mask;
        while (slots[pos] != 0) pos = (pos + 1) & mask;
        slots[pos] = slots_[i];
        hashes[pos] = slot_hashes_[i];
    }
    slots_ = std::move(slots);
    slot_hashes_ = std::move(hashes);
    capacity_ = new_capacity;
}

uint32_t GroupKeyTable::FindOrInsertFixed(unsigned __int128 key, uint64_t hash,
                                          std::span<const EvalColumn> keys, size_t row) {
    const size_t mask = capacity_ - 1;
    size_t pos = hash & mask;
    while (true) {
        const uint32_t slot = slots_[pos];
        if (slot == 0) break;
        if (slot_hashes_[pos] == hash && fixed_keys_[slot - 1] == key) return slot - 1;
        pos = (pos + 1) & mask;
    }
    const uint32_t id = static_cast<uint32_t>(num_groups_++);
    slots_[pos] = id + 1;
    slot_hashes_[pos] = hash;
    fixed_keys_.push_back(key);
    AppendKeyRow(keys, row);
    if (num_groups_ * 2 > capacity_) Grow();
    return id;
}

uint32_t GroupKeyTable::FindOrInsertBytes(std::string_view key, uint64_t hash,
                                          std::span<const EvalColumn> keys, size_t row) {
    const size_t mask = capacity_ - 1;
    size_t pos = hash & mask;
    while (true) {
        const uint32_t slot = slots_[pos];
        if (slot == 0) break;
        if (slot_hashes_[pos] == hash) {
            const uint32_t g = slot - 1;
            if (byte_lengths_[g] == key.size() &&
                BytesEqual(arena_.data() + byte_offsets_[g], key.data(), key.size())) {
                return g;
            }
        }
        pos = (pos + 1) & mask;
    }
    const uint32_t id = static_cast<uint32_t>(num_groups_++);
    slots_[pos] = id + 1;
    slot_hashes_[pos] = hash;
    byte_offsets_.push_back(arena_.size());
    byte_lengths_.push_back(static_cast<uint32_t>(key.size()));
    arena_.append(key);
    AppendKeyRow(keys, row);
    if (num_groups_ * 2 > capacity_) Grow();
    return id;
}

std::vector<unsigned __int128> GroupKeyTable::PackFixed(std::span<const EvalColumn> keys,
                                                        size_t rows) const {
    std::vector<unsigned __int128> packed(rows, 0);
    size_t offset = 0;
    for (size_t c = 0; c < keys.size(); ++c) {
        const EvalColumn& key = keys[c];
        const uint8_t* nulls = key.null_map();
        const size_t mask = key.constant ? 0 : ~size_t{0};
        if (key_schema_.columns[c].nullable) {
            for (size_t i = 0; i < rows; ++i) {
                const unsigned __int128 is_null = nulls != nullptr && nulls[i & mask] != 0;
                packed[i] |= is_null << (offset * 8);
            }
            ++offset;
        }
        VisitPhysicalType(key.type().type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            if constexpr (!std::is_same_v<T, std::string_view>) {
                FixedReader<T> r(key);
                for (size_t i = 0; i < rows; ++i) {
                    unsigned __int128 bits = 0;
                    T v = r.value(i);
                    if constexpr (std::is_floating_point_v<T>) {
                        if (v == 0) v = 0;  // -0.0 groups with 0.0
                    }
                    std::memcpy(&bits, &v, sizeof(T));
                    packed[i] |= bits << (offset * 8);
                }
                offset += sizeof(T);
            }
        });
    }
    return packed;
}

std::vector<std::string> GroupKeyTable::Serialize(std::span<const EvalColumn> keys,
                                                  size_t rows) const {
    std::vector<std::string> encoded(rows);
    for (size_t c = 0; c < keys.size(); ++c) {
        const EvalColumn& key = keys[c];
        VisitPhysicalType(key.type().type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            if constexpr (std::is_same_v<T, std::string_view>) {
                StringReader r(key);
                for (size_t i = 0; i < rows; ++i) {
                    std::string& out = encoded[i];
                    if (r.is_null(i)) {
                        out.push_back('\1');
                        continue;
                    }
                    const std::string_view v = r.value(i);
                    const uint32_t len = static_cast<uint32_t>(v.size());
                    out.push_back('\0');
                    out.append(reinterpret_cast<const char*>(&len), sizeof(len));
                    out.append(v);
                }
            } else {
                FixedReader<T> r(key);
                for (size_t i = 0; i < rows; ++i) {
                    std::string& out = encoded[i];
                    if (r.is_null(i)) {
                        out.push_back('\1');
                        continue;
                    }
                    T v = r.value(i);
                    if constexpr (std::is_floating_point_v<T>) {
                        if (v == 0) v = 0;  // -0.0 groups with 0.0
                    }
                    out.push_back('\0');
                    out.append(reinterpret_cast<const char*>(&v), sizeof(T));
                }
            }
        });
    }
    return encoded;
}

uint32_t GroupKeyTable::FindFixed(unsigned __int128 key, uint64_t hash) const {
    const size_t mask = capacity_ - 1;
    for (size_t pos = hash & mask;; pos = (pos + 1) & mask) {
        const uint32_t slot = slots_[pos];
        if (slot == 0) return kNotFound;
        if (slot_hashes_[pos] == hash && fixed_keys_[slot - 1] == key) return slot - 1;
    }
}

uint32_t GroupKeyTable::FindBytes(std::string_view key, uint64_t hash) const {
    const size_t mask = capacity_ - 1;
    for (size_t pos = hash & mask;; pos = (pos + 1) & mask) {
        const uint32_t slot = slots_[pos];
        if (slot == 0) return kNotFound;
        const uint32_t g = slot - 1;
        if (slot_hashes_[pos] == hash && byte_lengths_[g] == key.size() &&
            BytesEqual(arena_.data() + byte_offsets_[g], key.data(), key.size())) {
            return g;
        }
    }
}

void GroupKeyTable::FindOrInsert(std::span<const EvalColumn> keys, size_t rows,
                                 uint32_t* group_ids) {
    if (keys.empty()) {
        // Global aggregation: one group.
        if (num_groups_ == 0) num_groups_ = 1;
        std::fill(group_ids, group_ids + rows, 0);
        return;
    }
    if (fixed_) {
        const std::vector<unsigned __int128> packed = PackFixed(keys, rows);
        for (size_t i = 0; i < rows; ++i) {
            group_ids[i] = FindOrInsertFixed(packed[i], HashFixedKey(packed[i]), keys, i);
        }
        return;
    }
    if (single_string_) {
        StringReader r(keys[0]);
        for (size_t i = 0; i < rows; ++i) {
            if (r.is_null(i)) {
                if (null_group_ == UINT32_MAX) {
                    null_group_ = static_cast<uint32_t>(num_groups_++);
                    byte_offsets_.push_back(0);  // keeps per-group arrays aligned with ids
                    byte_lengths_.push_back(UINT32_MAX);
                    AppendKeyRow(keys, i);
                }
                group_ids[i] = null_group_;
                continue;
            }
            const std::string_view v = r.value(i);
            group_ids[i] = FindOrInsertBytes(v, HashString(v), keys, i);
        }
        return;
    }
    const std::vector<std::string> encoded = Serialize(keys, rows);
    for (size_t i = 0; i < rows; ++i) {
        const std::string& k = encoded[i];
        group_ids[i] = FindOrInsertBytes(k, HashBytes(k.data(), k.size(), 0x5eed), keys, i);
    }
}

void GroupKeyTable::Find(std::span<const EvalColumn> keys, size_t rows, uint32_t* group_ids) const {
    if (fixed_) {
        const std::vector<unsigned __int128> packed = PackFixed(keys, rows);
        for (size_t i = 0; i < rows; ++i)
            group_ids[i] = FindFixed(packed[i], HashFixedKey(packed[i]));
        return;
    }
    if (single_string_) {
        StringReader r(keys[0]);
        for (size_t i = 0; i < rows; ++i) {
            if (r.is_null(i)) {
                group_ids[i] = null_group_ == UINT32_MAX ? kNotFound : null_group_;
                continue;
            }
            const std::string_view v = r.value(i);
            group_ids[i] = FindBytes(v, HashString(v));
        }
        return;
    }
    const std::vector<std::string> encoded = Serialize(keys, rows);
    for (size_t i = 0; i < rows; ++i) {
        const std::string& k = encoded[i];
        group_ids[i] = FindBytes(k, HashBytes(k.data(), k.size(), 0x5eed));
    }
}

}  // namespace tributary
