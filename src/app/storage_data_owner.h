// StorageDataOwner: connects the catalog's drops to the storage engine and the transaction
// manager (the catalog sits above neither, so the app wires them together).
//
// DROP DATABASE / TABLE / PARTITION and TRUNCATE TABLE delete the dropped tablets' rowset
// records in the catalog's own write; afterwards the engine forgets the tablets (files go when
// the last reader lets go) and the transaction manager forgets the partitions' versions.
//
// Thread safety: as the engine's and the transaction manager's (both thread-safe).
#pragma once

#include "catalog/catalog_observer.h"

namespace tributary {

class StorageEngine;
class TransactionManager;

class StorageDataOwner final : public TabletDataOwner {
public:
    StorageDataOwner(StorageEngine* storage, TransactionManager* txns)
        : storage_(storage), txns_(txns) {}

    Status AddDropRecords(const DroppedData& dropped, MetaWriteBatch* batch) override;
    void OnDropped(const DroppedData& dropped) override;

private:
    StorageEngine* storage_;
    TransactionManager* txns_;
};

}  // namespace tributary
