#include "app/storage_data_owner.h"

#include "base/logging.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"

namespace tributary {

Status StorageDataOwner::AddDropRecords(const DroppedData& dropped, MetaWriteBatch* batch) {
    return storage_->AddDropTabletRecords(dropped.tablet_ids, batch);
}

void StorageDataOwner::OnDropped(const DroppedData& dropped) {
    storage_->ForgetTablets(dropped.tablet_ids);
    for (int64_t partition_id : dropped.partition_ids) {
        // Only frees the version counter; partition ids are never reused, so a failure leaves a
        // harmless key behind.
        Status st = txns_->DropPartition(partition_id);
        if (!st.ok()) LOG_WARN("forgetting partition {}: {}", partition_id, st.ToString());
    }
}

}  // namespace tributary
