#include "storage/compaction.h"

#include <fmt/format.h>

#include <numeric>

#include "storage/segment/segment_reader.h"
#include "storage/snapshot_reader.h"

namespace tributary {

StatusOr<MergedRowsets> MergeRowsetInputs(const std::vector<RowsetPtr>& inputs,
                                          const KeyMergeSpec& spec, DeleteVectors deletes) {
    MergedRowsets merged;
    // The first segment of the inputs gives the schema; every other one must agree (checked
    // by MergeInputs, which refuses chunks of different schemas).
    const std::string* first_segment = nullptr;
    for (const RowsetPtr& rowset : inputs) {
        merged.input_rows += rowset->meta().num_rows;
        if (first_segment == nullptr && !rowset->segment_paths().empty()) {
            first_segment = &rowset->segment_paths().front();
        }
    }
    if (first_segment == nullptr) return merged;
    size_t num_columns = 0;
    {
        ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader,
                         SegmentReader::Open(*first_segment));
        num_columns = reader->schema().size();
        merged.num_key_columns = reader->num_key_columns();
    }
    if (merged.num_key_columns != spec.num_key_columns) {
        return Status::InvalidArgument(fmt::format("{} has {} key columns but the table has {}",
                                                   *first_segment, merged.num_key_columns,
                                                   spec.num_key_columns));
    }
    std::vector<uint32_t> column_ids(num_columns);
    std::iota(column_ids.begin(), column_ids.end(), 0u);
    TabletSnapshot snapshot{inputs.front()->meta().tablet_id, inputs.back()->end_version(), inputs,
                            std::move(deletes)};
    ASSIGN_OR_RETURN(std::vector<RowsetRows> rows, ReadSnapshotRows(snapshot, column_ids));

    // Oldest first: rowsets in version order, the segments of a rowset in segment order.
    std::vector<Chunk> oldest_first;
    for (RowsetRows& rowset : rows) {
        for (Chunk& segment : rowset.segments) oldest_first.push_back(std::move(segment));
    }
    ASSIGN_OR_RETURN(merged.rows, MergeInputs(std::move(oldest_first), spec));
    merged.has_rows = true;
    return merged;
}

}  // namespace tributary
