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

#include <cstdint>
#include <vector>

namespace tributary {

class CatalogObserver {
public:
    virtual ~CatalogObserver() = default;

    virtual void OnTableDropped(int64_t db_id, int64_t table_id) {}
    virtual void OnDatabaseDropped(int64_t db_id) {}
    // A partition was dropped with ALTER TABLE ... DROP PARTITION (not when its table is).
    virtual void OnPartitionDropped(int64_t db_id, int64_t table_id, int64_t partition_id,
                                    const std::vector<int64_t>& tablet_ids) {}
};

}  // namespace tributary
