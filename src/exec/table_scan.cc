#include "exec/table_scan.h"

#include <numeric>

#include "storage/merge/key_merge.h"
#include "storage/snapshot_reader.h"
#include "storage/storage_engine.h"

namespace tributary {

StatusOr<std::vector<Chunk>> ScanTable(const LoadServices& services,
                                       const std::shared_ptr<const TableInfo>& table) {
    std::vector<int64_t> partition_ids;
    for (const PartitionInfo& p : table->partitions) partition_ids.push_back(p.id);
    const auto versions = services.txns->Snapshot(partition_ids);

    const KeyMergeSpec spec = KeyMergeSpecOf(*table);
    std::vector<uint32_t> all_columns(table->columns.size());
    std::iota(all_columns.begin(), all_columns.end(), 0u);

    std::vector<Chunk> out;
    for (const PartitionInfo& partition : table->partitions) {
        auto it = versions.find(partition.id);
        const int64_t version = it == versions.end() ? 1 : it->second;
        if (version <= 1) continue;  // nothing loaded yet
        for (int64_t tablet_id : partition.tablet_ids) {
            ASSIGN_OR_RETURN(TabletSnapshot snapshot,
                             services.storage->Snapshot(tablet_id, version));
            ASSIGN_OR_RETURN(std::vector<RowsetRows> rowsets,
                             ReadSnapshotRows(snapshot, all_columns));
            std::vector<Chunk> inputs;
            for (RowsetRows& rowset : rowsets) {
                for (Chunk& segment : rowset.segments) inputs.push_back(std::move(segment));
            }
            if (inputs.empty()) continue;
            ASSIGN_OR_RETURN(Chunk merged, MergeInputs(std::move(inputs), spec));
            if (merged.num_rows() > 0) out.push_back(std::move(merged));
        }
    }
    return out;
}

}  // namespace tributary
