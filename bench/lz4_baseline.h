// The LZ4 baseline of the storage benchmark: raw LZ4 block compression and decompression of a
// byte string, cut into blocks the size of a segment page (64 KiB of plain values), so the
// segment's speeds can be read as multiples of what LZ4 alone does to the same bytes.
//
// Ownership: Lz4Blocks owns its compressed bytes. Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary::bench {

inline constexpr size_t kLz4BlockSize = 64 * 1024;

struct Lz4Blocks {
    std::string compressed;              // the blocks back to back
    std::vector<uint32_t> raw_sizes;     // bytes of input per block
    std::vector<uint32_t> stored_sizes;  // bytes of `compressed` per block
    uint64_t raw_size = 0;
};

// Compresses `plain` block by block with LZ4_compress_default. Internal if LZ4 fails.
StatusOr<Lz4Blocks> Lz4CompressBlocks(std::string_view plain, size_t block_size = kLz4BlockSize);

// Decompresses every block with LZ4_decompress_safe into `out`, which must already hold
// blocks.raw_size bytes (the caller sizes it once, outside the timed region). Corruption when a
// block does not decompress to its recorded size.
Status Lz4DecompressBlocks(const Lz4Blocks& blocks, std::string* out);

}  // namespace tributary::bench
