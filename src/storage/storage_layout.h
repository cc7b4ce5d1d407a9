// Where the storage engine keeps its files under the data directory.
//
//     <data_dir>/storage/data/<shard>/<tablet_id>/<rowset_id>_<segment_no>.dat
//
// <shard> is tablet_id % 256 as three decimal digits ("000" .. "255"), so the top directory
// never holds more than 256 entries however many tablets exist; a tablet directory holds its
// own segment files only. SegmentWriter writes "<file>.tmp" and renames it when complete, so a
// "*.tmp" file is always a leftover of a crash.
//
// Thread safety: pure functions, except the filesystem helpers, which are as safe as the calls
// they make.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary {

// "<data_dir>/storage/data".
std::string StorageDataRoot(std::string_view data_dir);
// "<data_dir>/storage/data/<shard>/<tablet_id>".
std::string TabletDir(std::string_view data_dir, int64_t tablet_id);
// "<tablet dir>/<rowset_id>_<segment_no>.dat".
std::string SegmentPath(std::string_view data_dir, int64_t tablet_id, int64_t rowset_id,
                        size_t segment_no);

// The rowset id of a segment file name "<rowset_id>_<segment_no>.dat" (no directory), or
// nullopt when `file_name` does not have that form.
std::optional<int64_t> ParseSegmentFileName(std::string_view file_name);

// Creates `dir` and its missing parents, fsyncing each parent whose entries changed, so that a
// file later synced inside `dir` survives power loss.
Status CreateDirDurably(const std::string& dir);

}  // namespace tributary
