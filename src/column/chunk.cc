#include "column/chunk.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "base/check.h"

namespace tributary {

int ChunkSchema::FindColumn(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == name) return static_cast<int>(i);
    }
    return -1;
}

Chunk::Chunk(ChunkSchema schema) : schema_(std::move(schema)) {
    columns_.reserve(schema_.size());
    for (const ColumnSchema& c : schema_.columns) columns_.push_back(MakeColumn(c.type, c.nullable));
}

Chunk::Chunk(ChunkSchema schema, std::vector<ColumnPtr> columns)
    : schema_(std::move(schema)), columns_(std::move(columns)) {
    TRIBUTARY_CHECK(columns_.size() == schema_.size(), "chunk has a column count unlike its schema");
}

void Chunk::AppendRange(const Chunk& src, size_t offset, size_t count) {
    for (size_t i = 0; i < columns_.size(); ++i) {
        columns_[i]->AppendRange(*src.columns_[i], offset, count);
    }
}

void Chunk::Filter(const RowMask& mask) {
    for (ColumnPtr& c : columns_) c->Filter(mask);
}

Chunk Chunk::Take(std::span<const uint32_t> indexes) const {
    std::vector<ColumnPtr> out;
    out.reserve(columns_.size());
    for (const ColumnPtr& c : columns_) out.push_back(c->Take(indexes));
    return Chunk(schema_, std::move(out));
}

Chunk Chunk::Clone() const {
    std::vector<ColumnPtr> out;
    out.reserve(columns_.size());
    for (const ColumnPtr& c : columns_) out.push_back(c->Clone());
    return Chunk(schema_, std::move(out));
}

size_t Chunk::MemoryUsage() const {
    size_t total = 0;
    for (const ColumnPtr& c : columns_) total += c->MemoryUsage();
    return total;
}

Status Chunk::Validate() const {
    if (columns_.size() != schema_.size()) {
        return Status::InvalidArgument(fmt::format("chunk has {} columns but its schema has {}",
                                                   columns_.size(), schema_.size()));
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
        const ColumnSchema& f = schema_.columns[i];
        if (columns_[i]->size() != num_rows()) {
            return Status::InvalidArgument(fmt::format("column {} has {} rows, column 0 has {}",
                                                       f.name, columns_[i]->size(), num_rows()));
        }
        if (columns_[i]->is_nullable() != f.nullable || !(columns_[i]->type() == f.type)) {
            return Status::InvalidArgument(
                fmt::format("column {} does not match its schema type {}{}", f.name,
                            f.type.ToSql(), f.nullable ? " NULL" : " NOT NULL"));
        }
    }
    return Status::OK();
}

std::string Chunk::DebugRow(size_t row) const {
    std::string out = "(";
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (i > 0) out += ", ";
        out += columns_[i]->DebugString(row);
    }
    return out + ")";
}

int CompareRows(const Chunk& a, size_t lhs, const Chunk& b, size_t rhs, size_t key_columns) {
    for (size_t i = 0; i < key_columns; ++i) {
        int c = a.column(i)->CompareAt(lhs, *b.column(i), rhs);
        if (c != 0) return c;
    }
    return 0;
}

Chunk SortChunkByKey(const Chunk& chunk, size_t key_columns) {
    // Loads often arrive in key order (an order feed, a sorted file): one linear check first.
    bool sorted = true;
    for (size_t row = 1; row < chunk.num_rows() && sorted; ++row) {
        sorted = CompareRows(chunk, row - 1, chunk, row, key_columns) <= 0;
    }
    if (sorted) return chunk.Clone();
    std::vector<uint32_t> order(chunk.num_rows());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t l, uint32_t r) {
        return CompareRows(chunk, l, chunk, r, key_columns) < 0;
    });
    return chunk.Take(order);
}

}  // namespace tributary
