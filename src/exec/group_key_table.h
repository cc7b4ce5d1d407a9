// GroupKeyTable: assigns a dense group id (0, 1, 2, ...) to every distinct key tuple, the hash
// table under hash aggregation and DISTINCT.
//
// Keys are the values of the GROUP BY columns of a row; NULL is a key value like any other
// (all NULLs group together). Three layouts, chosen from the key types:
//   - fixed: every key column is fixed-width and together (with one null byte per nullable
//     column) they fit in 16 bytes: the tuple is packed into one unsigned __int128 and looked
//     up in an open-addressing table with no per-key allocation;
//   - one string: a single CHAR / VARCHAR key is looked up by its own bytes (no encoding, no
//     allocation per row), NULL being a group of its own;
//   - serialized: otherwise each tuple is encoded into bytes kept in an arena, looked up by
//     hash in the same kind of open-addressing table.
// The key columns themselves are kept (one row per group) so that the aggregation can emit
// them, and so that another worker's table can be merged into this one.
//
// Thread safety: none; one table per worker.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "expr/eval_column.h"

namespace tributary {

class GroupKeyTable {
public:
    // `key_schema`: one field per key column (name, type, nullable).
    explicit GroupKeyTable(ChunkSchema key_schema);
    ~GroupKeyTable();
    GroupKeyTable(GroupKeyTable&&) noexcept;
    GroupKeyTable& operator=(GroupKeyTable&&) noexcept;

    // Looks up (inserting new keys) the group of each of `rows` rows of `keys` (one EvalColumn
    // per key column, each full-size or constant) and writes the ids to group_ids.
    void FindOrInsert(std::span<const EvalColumn> keys, size_t rows, uint32_t* group_ids);
    // Looks up without inserting: kNotFound for keys the table does not hold.
    static constexpr uint32_t kNotFound = UINT32_MAX;
    void Find(std::span<const EvalColumn> keys, size_t rows, uint32_t* group_ids) const;

    size_t num_groups() const { return num_groups_; }
    // The keys, row g holding group g's key.
    const Chunk& keys() const { return keys_; }
    Chunk TakeKeys() { return std::move(keys_); }

    bool uses_fixed_layout() const { return fixed_; }
    bool uses_string_layout() const { return single_string_; }

private:
    // The tuples of `rows` rows in the fixed layout / the serialized layout.
    std::vector<unsigned __int128> PackFixed(std::span<const EvalColumn> keys, size_t rows) const;
    std::vector<std::string> Serialize(std::span<const EvalColumn> keys, size_t rows) const;
    uint32_t FindFixed(unsigned __int128 key, uint64_t hash) const;
    uint32_t FindBytes(std::string_view key, uint64_t hash) const;
    uint32_t FindOrInsertFixed(unsigned __int128 key, uint64_t hash,
                               std::span<const EvalColumn> keys, size_t row);
    uint32_t FindOrInsertBytes(std::string_view key, uint64_t hash,
                               std::span<const EvalColumn> keys, size_t row);
    void Grow();
    void AppendKeyRow(std::span<const EvalColumn> keys, size_t row);

    ChunkSchema key_schema_;
    Chunk keys_;
    bool fixed_ = false;
    bool single_string_ = false;
    uint32_t null_group_ = UINT32_MAX;  // one-string layout: the group of NULL, once seen
    size_t num_groups_ = 0;
    // Open addressing: capacity_ slots, a power of two; group id + 1 in each (0 = empty).
    std::vector<uint32_t> slots_;
    std::vector<uint64_t> slot_hashes_;
    size_t capacity_ = 0;
    // Per group: the packed key (fixed layout) or its bytes' offset/length in arena_.
    std::vector<unsigned __int128> fixed_keys_;
    std::vector<uint64_t> byte_offsets_;
    std::vector<uint32_t> byte_lengths_;
    std::string arena_;
};

}  // namespace tributary
