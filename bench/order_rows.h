// Seed-shaped order rows for the storage benchmark.
//
// The table is the StarRocks Routine Load seed's example_tbl1 (src/sql/testdata/seed_000):
//   order_id BIGINT NOT NULL, pay_dt DATE NOT NULL, customer_name VARCHAR(26) NULL,
//   nationality VARCHAR(26) NULL, price DOUBLE NULL, DUPLICATE KEY (order_id, pay_dt).
// Rows come out in key order, shaped like a real order feed: order ids increase with small gaps,
// pay_dt advances through a few hundred days as the ids grow (with a day or two of lateness),
// names are drawn from a pool of a few thousand "First Last" names, nationalities from about
// twenty with a skew towards a few, prices have cents; about 1% of nationalities and 0.5% of
// prices are NULL. The same options always give the same rows (a fixed-seed generator).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "column/chunk.h"

namespace tributary::bench {

inline constexpr size_t kOrderKeyColumns = 2;  // order_id, pay_dt
inline constexpr uint32_t kPriceColumn = 4;

struct OrderRowsOptions {
    uint64_t rows = 2'000'000;
    size_t chunk_rows = 4096;
    uint64_t seed = 20200508;
    int days = 400;  // pay_dt spans about this many distinct days
};

ChunkSchema OrderSchema();

// The rows as chunks of `chunk_rows` (the last one shorter), sorted by (order_id, pay_dt).
std::vector<Chunk> MakeOrderChunks(const OrderRowsOptions& options);

// The logical bytes of `chunks`: each column's values in the segment format's plain encoding
// (fixed width little-endian; strings as a u32 length then the bytes; NULL rows as the default
// value), column after column. Its size is the "logical size" every speed is measured against.
std::string PlainBytes(const std::vector<Chunk>& chunks);

// The size PlainBytes would have for column `column` alone.
uint64_t PlainSize(const std::vector<Chunk>& chunks, uint32_t column);

}  // namespace tributary::bench
