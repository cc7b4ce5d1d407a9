// CatalogObserver: how later subsystems (Routine Load, storage) hear about dropped objects.
//
// The catalog calls its observers after a change is durable (its MetaStore write returned OK)
// and outside the catalog's lock, so an observer may call back into the catalog. Calls come from
// the thread that made the change; observers must be thread-safe and quick (hand heavy work to
// their own threads). When a database is dropped, OnTableDropped is called for each of its
// tables first, then OnDatabaseDropped.
//
// Ownership: the catalog does not own observers; an observer must stay alive until it is
// removed with Catalog::RemoveObserver or the catalog is destroyed.
#pragma once

#include "base/status.h"
#include "meta/meta_store.h"

#include <cstdint>
#include <vector>

namespace tributary {

class CatalogObserver {
public:
    virtual ~CatalogObserver() = default;

    virtual void OnTableDropped(int64_t db_id, int64_t table_id) {}
    virtual void OnDatabaseDropped(int64_t db_id) {}
    // A partition was dropped with ALTER TABLE ... DROP [TEMPORARY] PARTITION, or replaced by
    // REPLACE PARTITION (not when its table is).
    virtual void OnPartitionDropped(int64_t db_id, int64_t table_id, int64_t partition_id,
                                    const std::vector<int64_t>& tablet_ids) {}
};

// The tablets and partitions whose data a catalog change removes.
struct DroppedData {
    std::vector<int64_t> tablet_ids;
    std::vector<int64_t> partition_ids;
    bool empty() const { return tablet_ids.empty() && partition_ids.empty(); }
};

// TabletDataOwner: the one component that owns the data behind tablets (the storage engine,
// wired by the app). Unlike observers, it takes part in the catalog's own write: when DROP
// DATABASE / TABLE / [TEMPORARY] PARTITION, REPLACE PARTITION or TRUNCATE TABLE removes
// tablets, AddDropRecords adds the deletes of their data records to the catalog's batch, so the
// catalog change and the data removal are durable together (no leaked rowsets after a crash between two writes). It is called under the
// catalog's write lock and must not call back into the catalog. OnDropped follows once the batch
// is durable (outside the lock): release memory, delete files when no reader needs them.
class TabletDataOwner {
public:
    virtual ~TabletDataOwner() = default;
    virtual Status AddDropRecords(const DroppedData& dropped, MetaWriteBatch* batch) = 0;
    virtual void OnDropped(const DroppedData& dropped) = 0;
};

}  // namespace tributary
