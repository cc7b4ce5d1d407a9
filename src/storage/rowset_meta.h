// RowsetMeta: the durable description of one rowset - what one transaction wrote to one tablet,
// or (later) what compaction made of several rowsets of a tablet.
//
// A rowset covers the versions [start_version, end_version] of its tablet's partition: a load
// committed at partition version v writes [v, v]; compaction replaces [a, x] + [x+1, b] by one
// [a, b]. It owns 0..n immutable segment files (0 for a load that wrote no row to the tablet).
// Each segment is sorted by the table's key on its own; segments of one rowset may overlap in
// key range, so readers merge them like rowsets.
//
// Persistence: one MetaStore value per committed rowset, JSON, under the key
//
//     storage/rowset/<tablet_id:020>/<start_version:020>/<rowset_id:020>
//
// (decimal, zero-padded to 20 digits so that key order is tablet, then version order). The key
// is written in the same atomic batch that makes the transaction VISIBLE, so a rowset meta
// exists exactly when its data is committed. Decode checks the value against the key.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

inline constexpr std::string_view kRowsetMetaPrefix = "storage/rowset/";

struct RowsetMeta {
    int64_t rowset_id = 0;
    int64_t tablet_id = 0;
    int64_t partition_id = 0;
    int64_t start_version = 0;
    int64_t end_version = 0;
    int64_t txn_id = 0;  // the load's transaction; 0 for a compaction output
    int64_t num_rows = 0;
    int64_t data_bytes = 0;             // sum of the segment file sizes
    int64_t create_time_ms = 0;         // milliseconds since the Unix epoch
    std::vector<int64_t> segment_rows;  // rows of segment i; its size is the segment count

    size_t num_segments() const { return segment_rows.size(); }
    bool operator==(const RowsetMeta&) const = default;
};

// "storage/rowset/<tablet_id:020>/<start_version:020>/<rowset_id:020>".
std::string RowsetMetaKey(int64_t tablet_id, int64_t start_version, int64_t rowset_id);
inline std::string RowsetMetaKey(const RowsetMeta& meta) {
    return RowsetMetaKey(meta.tablet_id, meta.start_version, meta.rowset_id);
}
// "storage/rowset/<tablet_id:020>/": every rowset meta key of the tablet starts with it.
std::string TabletRowsetPrefix(int64_t tablet_id);

std::string EncodeRowsetMeta(const RowsetMeta& meta);
// Parses the value stored under `key`. Corruption, naming the key and what is wrong, when the
// value is not a valid rowset meta or disagrees with the key.
StatusOr<RowsetMeta> DecodeRowsetMeta(std::string_view key, std::string_view value);

}  // namespace tributary
