// ChunkSchema and Chunk: a batch of rows (about 4096) as one column per field.
//
// A ChunkSchema names the fields: name, logical type and nullability. A Chunk owns one column per
// field, all with the same row count; column i is nullable exactly when field i is.
//
// Ownership: a Chunk owns its columns. Thread safety: none; const methods may run concurrently.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "column/column.h"

namespace tributary {

struct ColumnSchema {
    std::string name;
    TypeDesc type;
    bool nullable = false;

    bool operator==(const ColumnSchema&) const = default;
};

struct ChunkSchema {
    std::vector<ColumnSchema> columns;

    size_t size() const { return columns.size(); }
    // Index of the field called `name` (exact match), or -1.
    int FindColumn(std::string_view name) const;
    bool operator==(const ChunkSchema&) const = default;
};

class Chunk {
public:
    Chunk() = default;
    // An empty chunk with one new column per field of `schema`.
    explicit Chunk(ChunkSchema schema);
    // REQUIRES: columns match the schema field by field and have equal sizes.
    Chunk(ChunkSchema schema, std::vector<ColumnPtr> columns);
    Chunk(Chunk&&) noexcept = default;
    Chunk& operator=(Chunk&&) noexcept = default;

    const ChunkSchema& schema() const { return schema_; }
    size_t num_columns() const { return columns_.size(); }
    size_t num_rows() const { return columns_.empty() ? 0 : columns_[0]->size(); }

    Column* column(size_t i) { return columns_[i].get(); }
    const Column* column(size_t i) const { return columns_[i].get(); }

    // Appends rows [offset, offset + count) of `src`. REQUIRES: src.schema() == schema().
    void AppendRange(const Chunk& src, size_t offset, size_t count);
    // Keeps the rows whose mask byte is non-zero. REQUIRES: mask.size() == num_rows().
    void Filter(const RowMask& mask);
    // A new chunk of rows indexes[0], indexes[1], ...
    Chunk Take(std::span<const uint32_t> indexes) const;
    Chunk Clone() const;
    // Gives up the columns (the chunk is left empty), for operators that pass them on as is.
    std::vector<ColumnPtr> ReleaseColumns() && { return std::move(columns_); }
    size_t MemoryUsage() const;

    // Checks the invariants; InvalidArgument says which column is wrong.
    Status Validate() const;
    // "(v0, v1, ...)" for row `row`.
    std::string DebugRow(size_t row) const;

private:
    ChunkSchema schema_;
    std::vector<ColumnPtr> columns_;
};

// Three-way comparison of row `lhs` of `a` and row `rhs` of `b` on their first `key_columns`
// columns, in order. REQUIRES: both chunks have the same schema on those columns.
int CompareRows(const Chunk& a, size_t lhs, const Chunk& b, size_t rhs, size_t key_columns);

// Returns `chunk` with its rows stably sorted ascending by its first `key_columns` columns
// (NULL first), the order SegmentWriter requires.
Chunk SortChunkByKey(const Chunk& chunk, size_t key_columns);

}  // namespace tributary
