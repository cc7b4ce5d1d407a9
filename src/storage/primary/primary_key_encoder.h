// PrimaryKeyEncoder: turns the key columns of rows into byte strings, the keys of PrimaryIndex.
//
// A PRIMARY KEY table's key is its leading `num_key_columns` columns. For one encoder:
//   - two rows encode to equal bytes exactly when their key columns hold equal values;
//   - memcmp order of two encodings is the order of CompareRows (chunk.h) on the key columns.
// Encodings of encoders built for different key schemas are not comparable.
//
// Key column types: BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, CHAR, VARCHAR (STRING),
// DATE, DATETIME. This is the catalog's PRIMARY KEY rule (catalog/table_validator.cc) plus CHAR,
// which the encoder handles like VARCHAR. FLOAT, DOUBLE, DECIMAL and JSON are refused.
//
// Encoding (in memory only today; it becomes a format once a persistent index stores it):
//   - One NOT NULL key column of an integer-like type of at most 8 bytes (BOOLEAN, TINYINT,
//     SMALLINT, INT, BIGINT, DATE, DATETIME): 8 bytes, the value widened to int64 with its sign
//     bit flipped, big-endian. fixed_size() == 8, so PrimaryIndex takes its uint64 fast path.
//   - Otherwise each key column in order:
//       * when the column is nullable, one marker byte: 0x00 NULL, 0x01 a value. A NULL row then
//         encodes the column's default value (0 or ""), so NULL is distinct from every value and
//         all NULLs are equal. PRIMARY KEY columns are NOT NULL; this is only a defence.
//       * a fixed-width value in its own width (BOOLEAN and TINYINT 1, SMALLINT 2, INT and DATE
//         4, BIGINT and DATETIME 8, LARGEINT 16), sign bit flipped (not for BOOLEAN), big-endian;
//       * a string that is the last key column: its bytes as they are (they run to the end);
//       * a string followed by more key columns: its bytes with each 0x00 written 0x00 0x01,
//         then 0x00 0x00. Neither length prefixes nor ambiguity: ("ab","c") != ("a","bc").
//     fixed_size() is the sum of the widths (and markers) when no key column is a string, else 0.
//
// Thread safety: an encoder is immutable after Create; EncodeAll may run concurrently on
// distinct outputs. PrimaryKeys: none; const methods may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "base/status.h"
#include "column/chunk.h"

namespace tributary {

// The encoded keys of the rows of one chunk, in one buffer: no allocation per key.
// With a fixed key size key i is bytes [i * fixed_size, (i + 1) * fixed_size); otherwise
// offsets delimit the keys. Views returned by operator[] live until the next EncodeAll or Clear.
class PrimaryKeys {
public:
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // The size of every key, or 0 when keys vary in length.
    size_t fixed_size() const { return fixed_size_; }

    // REQUIRES: i < size().
    std::string_view operator[](size_t i) const {
        TRIBUTARY_DCHECK(i < size_, "primary key index past the end of the batch");
        if (fixed_size_ != 0) return std::string_view(bytes_.data() + i * fixed_size_, fixed_size_);
        return std::string_view(bytes_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
    }

    // Forgets the keys, keeping the buffers for the next batch.
    void Clear();
    // Bytes of heap memory held (capacity).
    size_t MemoryUsage() const;

private:
    friend class PrimaryKeyEncoder;

    size_t fixed_size_ = 0;
    size_t size_ = 0;
    std::vector<char> bytes_;
    std::vector<uint64_t> offsets_;  // size() + 1 entries when fixed_size_ == 0, else empty
    std::vector<uint64_t> cursors_;  // EncodeAll's scratch: where each key's next column goes
};

class PrimaryKeyEncoder {
public:
    // An encoder for the first `num_key_columns` columns of `schema`. InvalidArgument when
    // num_key_columns is 0 or more than the schema has, or a key column's type is not allowed
    // (the message names the column and its type).
    [[nodiscard]] static StatusOr<PrimaryKeyEncoder> Create(const ChunkSchema& schema,
                                                            size_t num_key_columns);

    size_t num_key_columns() const { return key_columns_.size(); }
    // > 0 when every key encodes to exactly this many bytes; 0 when key sizes vary.
    size_t fixed_size() const { return fixed_size_; }

    // Replaces the contents of `out` with the encodings of every row of `chunk`, in row order.
    // REQUIRES: the key columns of chunk.schema() have the types and nullability of the schema
    // given to Create (checked: a mismatch would misread the columns).
    void EncodeAll(const Chunk& chunk, PrimaryKeys* out) const;

private:
    struct KeyColumn {
        ColumnSchema schema;
        size_t width = 0;      // bytes of a fixed-width value; 0 for a string
        bool escaped = false;  // a string followed by more key columns
    };

    PrimaryKeyEncoder() = default;

    void CheckSchema(const ChunkSchema& schema) const;
    void EncodeFixed(const Chunk& chunk, PrimaryKeys* out) const;
    void EncodeVariable(const Chunk& chunk, PrimaryKeys* out) const;

    std::vector<KeyColumn> key_columns_;
    size_t fixed_size_ = 0;
    // Bytes every key has whatever its strings: markers, fixed-width values, terminators.
    size_t constant_bytes_ = 0;
    bool widened_integer_ = false;  // the one-integer-column 8-byte encoding
};

}  // namespace tributary
