// The segment file's fixed constants and its footer (docs/formats/segment.md is the byte-level
// reference; keep the two in step).
//
//   [file magic 8][page]...[page][column index 0]...[column index n-1][footer][trailer 16]
//
// Format version rule: a change that an older reader would misread bumps kSegmentFormatVersion;
// a reader refuses versions newer than its own with NotSupported, and keeps reading every older
// version it ever wrote.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "storage/segment/zone_map.h"

namespace tributary {

inline constexpr char kSegmentMagic[8] = {'T', 'R', 'I', 'B', 'S', 'E', 'G', '1'};
inline constexpr uint32_t kFooterMagic = 0x54465354;  // "TSFT" little-endian
inline constexpr uint16_t kSegmentFormatVersion = 1;
inline constexpr size_t kTrailerSize = 16;

// One page of one column, as the column index records it.
struct PageInfo {
    uint64_t offset = 0;     // of the page header in the file
    uint32_t size = 0;       // header + stored body
    uint64_t first_row = 0;  // ordinal of its first row in the segment
    uint32_t num_rows = 0;
    ZoneMap zone_map;
};

struct ColumnMeta {
    uint64_t index_offset = 0;
    uint32_t index_size = 0;
    uint32_t index_crc = 0;
    ZoneMap zone_map;  // of the whole segment column
};

struct SegmentFooter {
    uint16_t format_version = kSegmentFormatVersion;
    uint64_t num_rows = 0;
    ChunkSchema schema;
    uint32_t num_key_columns = 0;
    std::vector<ColumnMeta> columns;
};

void EncodeColumnIndex(const std::vector<PageInfo>& pages, std::string* out);
// Parses a column index; Corruption names what is wrong.
Status DecodeColumnIndex(LogicalType type, std::string_view bytes, std::vector<PageInfo>* pages);

void EncodeFooter(const SegmentFooter& footer, std::string* out);
// Parses a footer; Corruption (or NotSupported for a newer version) names what is wrong.
Status DecodeFooter(std::string_view bytes, SegmentFooter* footer);

}  // namespace tributary
