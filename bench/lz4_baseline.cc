#include "bench/lz4_baseline.h"

#include <fmt/format.h>
#include <lz4.h>

#include <algorithm>

namespace tributary::bench {

StatusOr<Lz4Blocks> Lz4CompressBlocks(std::string_view plain, size_t block_size) {
    Lz4Blocks blocks;
    blocks.raw_size = plain.size();
    size_t bound = 0;
    for (size_t at = 0; at < plain.size(); at += block_size) {
        bound += LZ4_compressBound(static_cast<int>(std::min(block_size, plain.size() - at)));
    }
    blocks.compressed.resize(bound);
    size_t written = 0;
    for (size_t at = 0; at < plain.size(); at += block_size) {
        int raw = static_cast<int>(std::min(block_size, plain.size() - at));
        int room = static_cast<int>(std::min<size_t>(LZ4_compressBound(raw), bound - written));
        int n =
            LZ4_compress_default(plain.data() + at, blocks.compressed.data() + written, raw, room);
        if (n <= 0) return Status::Internal(fmt::format("LZ4 failed on the block at {}", at));
        blocks.raw_sizes.push_back(static_cast<uint32_t>(raw));
        blocks.stored_sizes.push_back(static_cast<uint32_t>(n));
        written += static_cast<size_t>(n);
    }
    blocks.compressed.resize(written);
    return blocks;
}

Status Lz4DecompressBlocks(const Lz4Blocks& blocks, std::string* out) {
    if (out->size() != blocks.raw_size) {
        return Status::InvalidArgument(
            fmt::format("output holds {} bytes, blocks hold {}", out->size(), blocks.raw_size));
    }
    size_t in = 0;
    size_t at = 0;
    for (size_t i = 0; i < blocks.raw_sizes.size(); ++i) {
        int n = LZ4_decompress_safe(blocks.compressed.data() + in, out->data() + at,
                                    static_cast<int>(blocks.stored_sizes[i]),
                                    static_cast<int>(blocks.raw_sizes[i]));
        if (n != static_cast<int>(blocks.raw_sizes[i])) {
            return Status::Corruption(fmt::format("LZ4 block {} decompressed to {} bytes", i, n));
        }
        in += blocks.stored_sizes[i];
        at += blocks.raw_sizes[i];
    }
    return Status::OK();
}

}  // namespace tributary::bench
