// PrimaryKeyTablet: the merge-on-write state of one PRIMARY KEY tablet - its primary index
// (key -> the one live row of the key) and the delete vectors of its segments (the rows a later
// load replaced or deleted). Readers then see each key's latest row without merging rowsets.
//
// Apply (one per committed rowset, inside the commit's synced write - docs/primary_key.md):
// for each row of the new rowset, the index points the key at the new row and the row it
// pointed at before is added to its segment's delete vector; each deleted key leaves the index
// and its row is added likewise. Every changed delete vector becomes a new version (the
// commit's partition version) in memory and one MetaStore record in the commit's batch:
//
//     storage/delvec/<tablet_id:020>/<rowset_id:020>/<segment:010>  ->  "<version>\n" + bytes
//
// (bytes: DeleteVector::Serialize). Only the newest version is durable; memory keeps the
// versions superseded in the last kDeleteVectorHistoryMs too, for a reader that picked its
// version just before a commit. Undo() reverts the last Apply (the commit did not happen).
//
// The index lives in memory only. It is built on first need from the tablet's live rowsets and
// its delete vectors (after a restart, or kill -9, it is rebuilt from what is durable, so it is
// always consistent with the data); a row location packs a segment ordinal of this tablet and
// the row: (ordinal << 32) | row.
//
// Compaction replaces live rowsets by one output holding their live rows: SwapCompacted points
// the keys whose rows moved at the output, and the output's rows whose key has since moved on
// (a load committed while compaction merged) get a delete vector at the current version.
//
// Thread safety: every method locks the tablet's own mutex.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "meta/meta_store.h"
#include "storage/primary/delete_vector.h"
#include "storage/primary/primary_index.h"
#include "storage/primary/primary_key_encoder.h"
#include "storage/rowset.h"
#include "storage/rowset_writer.h"

namespace tributary {

inline constexpr std::string_view kDeleteVectorPrefix = "storage/delvec/";
inline constexpr int64_t kDeleteVectorHistoryMs = 10'000;

struct SegmentId {
    int64_t rowset_id = 0;
    uint32_t segment = 0;
    auto operator<=>(const SegmentId&) const = default;
};

// The delete vector of each segment that has one, as of one version.
using DeleteVectors = std::map<SegmentId, std::shared_ptr<const DeleteVector>>;

std::string DeleteVectorKey(int64_t tablet_id, SegmentId segment);
// "storage/delvec/<tablet_id:020>/".
std::string TabletDeleteVectorPrefix(int64_t tablet_id);
std::string EncodeDeleteVectorRecord(int64_t version, const DeleteVector& deletes);
// Corruption naming `key` when the value is not a delete vector record.
struct DeleteVectorRecord {
    int64_t tablet_id = 0;
    SegmentId segment;
    int64_t version = 0;
    DeleteVector deletes;
};
StatusOr<DeleteVectorRecord> DecodeDeleteVectorRecord(std::string_view key, std::string_view value);

class PrimaryKeyTablet {
public:
    PrimaryKeyTablet(int64_t tablet_id, std::function<int64_t()> now_ms);

    // Startup: the durable delete vector of a segment.
    void Restore(SegmentId segment, int64_t version, DeleteVector deletes);

    // The delete vectors a reader at `version` applies.
    DeleteVectors DeletesAt(int64_t version) const;

    // Builds the index unless it exists, from the rowsets `live_rowsets()` returns (the
    // tablet's live rowsets in version order; called under the tablet's lock, so a compaction
    // swap is either wholly before or after). `key_schema`: the table's key columns. Reads the
    // key columns of every segment; Corruption naming a damaged file.
    // Then makes room for `new_keys` more keys, so the apply inside the commit does not rehash.
    Status EnsureIndex(const std::function<std::vector<RowsetPtr>()>& live_rowsets,
                       const ChunkSchema& key_schema, size_t new_keys = 0);

    // Applies `pending` (with its `primary` delta) at `version`, adding the changed delete
    // vectors' records to `batch`. REQUIRES: the index exists (EnsureIndex).
    Status Apply(const PendingRowset& pending, int64_t version, MetaWriteBatch* batch);
    // Reverts the last Apply. REQUIRES: no Apply or SwapCompacted since.
    void Undo();

    // Compaction swaps `inputs` for `output`, whose rows (in order over its segments) have the
    // keys `output_keys`: see the header comment. Adds the output's delete vector record (if
    // any) and the deletes of the inputs' records to `batch`, then runs
    // `swap(batch, readable_from)` - the durable write and the in-memory swap of the tablet,
    // readers using the output from version `readable_from` on - all under the tablet's lock,
    // so neither an apply nor an index build slips in between. When `swap` fails the index is
    // dropped (rebuilt on next need) and its status returned.
    Status SwapCompacted(const std::vector<RowsetPtr>& inputs, const PendingRowset& output,
                         const Chunk& output_keys, MetaWriteBatch* batch,
                         const std::function<Status(MetaWriteBatch*, int64_t)>& swap);

    // Where the live row of each key of `keys` (the key columns, in the table's order) is;
    // nullopt for a key the tablet does not hold. REQUIRES: the index exists (EnsureIndex).
    StatusOr<std::vector<std::optional<std::pair<SegmentId, uint32_t>>>> Lookup(
        const Chunk& keys) const;

    // Forgets the delete vectors of rowsets that left the tablet for good.
    void ForgetRowsets(const std::vector<int64_t>& rowset_ids);

    size_t index_keys() const;
    size_t index_memory_bytes() const;

private:
    struct Version {
        int64_t version = 0;
        int64_t superseded_at_ms = -1;  // -1: the newest
        std::shared_ptr<const DeleteVector> deletes;
    };
    struct UndoEntry {
        std::string key;
        std::optional<uint64_t> previous;  // where the key pointed before; none: absent
    };

    uint32_t OrdinalOfLocked(SegmentId segment);
    std::shared_ptr<const DeleteVector> LatestLocked(SegmentId segment) const;
    void AddVersionLocked(SegmentId segment, int64_t version, std::shared_ptr<const DeleteVector>);
    // Drops, in every segment, the versions superseded more than kDeleteVectorHistoryMs ago.
    void PruneHistoryLocked();

    const int64_t tablet_id_;
    const std::function<int64_t()> now_ms_;
    mutable std::mutex mu_;
    std::map<SegmentId, std::vector<Version>> deletes_;  // oldest first
    std::optional<PrimaryIndex> index_;
    std::optional<PrimaryKeyEncoder> encoder_;
    std::vector<SegmentId> segments_;  // by ordinal
    std::map<SegmentId, uint32_t> ordinal_of_;
    int64_t applied_version_ = 0;
    // The last Apply: index changes (in order) and the delete vector versions it added.
    std::vector<UndoEntry> undo_index_;
    std::vector<SegmentId> undo_versions_;
    int64_t undo_applied_version_ = 0;
};

}  // namespace tributary
