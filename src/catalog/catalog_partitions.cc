// Catalog: partitions of RANGE tables (formal and temporary), REPLACE PARTITION and TRUNCATE.
#include <fmt/format.h>

#include <vector>

#include "base/logging.h"
#include "base/string_util.h"
#include "catalog/catalog.h"
#include "catalog/catalog_codec.h"
#include "catalog/catalog_state.h"
#include "catalog/table_validator.h"

namespace tributary {
namespace {

std::string_view KindWord(PartitionKind kind) {
    return kind == PartitionKind::kFormal ? "" : "temporary ";
}

Status UnknownPartition(PartitionKind kind, std::string_view partition, std::string_view table) {
    return Status::NotFound(
        fmt::format("Unknown {}partition '{}' in table '{}'", KindWord(kind), partition, table),
        ErrorCode::kUnknownPartition);
}

}  // namespace

StatusOr<std::shared_ptr<const TableInfo>> Catalog::TruncateTable(
    std::string_view db, std::string_view table_name, const std::vector<std::string>& names) {
    std::shared_ptr<const TableInfo> changed;
    DroppedData dropped;
    {
        std::lock_guard lock(write_mu_);
        std::shared_ptr<const CatalogState> current = Snapshot();
        ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                         current->RequireTable(db, table_name));
        for (const std::string& name : names) {
            if (table->FindPartition(name) == nullptr) {
                return UnknownPartition(PartitionKind::kFormal, name, table_name);
            }
        }
        auto next = std::make_shared<CatalogState>(*current);
        auto copy = std::make_shared<TableInfo>(*table);
        for (PartitionInfo& p : copy->partitions) {
            bool chosen = names.empty();
            for (const std::string& name : names) chosen |= EqualsIgnoreCase(name, p.name);
            if (!chosen) continue;
            CollectPartitionData(p, &dropped);
            p.id = next->next_id++;
            for (int64_t& tablet : p.tablet_ids) tablet = next->next_id++;
        }
        if (names.empty()) {
            for (const PartitionInfo& p : copy->temp_partitions) {
                CollectPartitionData(p, &dropped);
            }
            copy->temp_partitions.clear();
        }
        MetaWriteBatch batch;
        batch.Put(TableKey(copy->db_id, copy->id), EncodeTable(*copy));
        RETURN_IF_ERROR(AddDropRecords(dropped, &batch));
        PutTable(next.get(), *current->FindDatabase(db), copy);
        RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
        changed = std::move(copy);
    }
    AfterDropped(dropped);
    return changed;
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::AddPartition(std::string_view db,
                                                                 std::string_view table,
                                                                 const PartitionDefinition& def,
                                                                 bool if_not_exists) {
    return AddPartitionOfKind(db, table, def, if_not_exists, PartitionKind::kFormal);
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::AddTempPartition(std::string_view db,
                                                                     std::string_view table,
                                                                     const PartitionDefinition& def,
                                                                     bool if_not_exists) {
    return AddPartitionOfKind(db, table, def, if_not_exists, PartitionKind::kTemporary);
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::DropPartition(std::string_view db,
                                                                  std::string_view table,
                                                                  std::string_view partition,
                                                                  bool if_exists) {
    return DropPartitionOfKind(db, table, partition, if_exists, PartitionKind::kFormal);
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::DropTempPartition(std::string_view db,
                                                                      std::string_view table,
                                                                      std::string_view partition,
                                                                      bool if_exists) {
    return DropPartitionOfKind(db, table, partition, if_exists, PartitionKind::kTemporary);
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::AddPartitionOfKind(
    std::string_view db, std::string_view table_name, const PartitionDefinition& def,
    bool if_not_exists, PartitionKind kind) {
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table, current->RequireTable(db, table_name));
    // StarRocks' IF NOT EXISTS looks at both lists, as the duplicate-name check does.
    if (if_not_exists && table->is_range_partitioned() &&
        (table->FindPartition(def.name) != nullptr ||
         table->FindTempPartition(def.name) != nullptr)) {
        return table;
    }
    ASSIGN_OR_RETURN(ValidatedPartition validated, ValidateAddPartition(*table, def, kind));
    auto next = std::make_shared<CatalogState>(*current);
    auto changed = std::make_shared<TableInfo>(*table);
    std::vector<PartitionInfo>& list =
        kind == PartitionKind::kFormal ? changed->partitions : changed->temp_partitions;
    list.push_back(MakePartition(std::move(validated), &next->next_id));
    SortPartitions(&list);
    MetaWriteBatch batch;
    batch.Put(TableKey(changed->db_id, changed->id), EncodeTable(*changed));
    PutTable(next.get(), *current->FindDatabase(db), changed);
    RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
    return std::shared_ptr<const TableInfo>(std::move(changed));
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::DropPartitionOfKind(std::string_view db,
                                                                        std::string_view table_name,
                                                                        std::string_view partition,
                                                                        bool if_exists,
                                                                        PartitionKind kind) {
    std::shared_ptr<const TableInfo> changed;
    PartitionInfo dropped;
    DroppedData data;
    {
        std::lock_guard lock(write_mu_);
        std::shared_ptr<const CatalogState> current = Snapshot();
        ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                         current->RequireTable(db, table_name));
        if (!table->is_range_partitioned()) {
            return Status::InvalidArgument(fmt::format(
                "Table '{}' is not partitioned by RANGE: its only partition cannot be dropped",
                table_name));
        }
        const PartitionInfo* found = table->FindPartition(kind, partition);
        if (found == nullptr) {
            if (if_exists) return table;
            return UnknownPartition(kind, partition, table_name);
        }
        dropped = *found;
        auto copy = std::make_shared<TableInfo>(*table);
        std::erase_if(kind == PartitionKind::kFormal ? copy->partitions : copy->temp_partitions,
                      [&](const PartitionInfo& p) { return p.id == dropped.id; });
        auto next = std::make_shared<CatalogState>(*current);
        MetaWriteBatch batch;
        batch.Put(TableKey(copy->db_id, copy->id), EncodeTable(*copy));
        CollectPartitionData(dropped, &data);
        RETURN_IF_ERROR(AddDropRecords(data, &batch));
        PutTable(next.get(), *current->FindDatabase(db), copy);
        RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
        changed = std::move(copy);
    }
    AfterDropped(data);
    NotifyPartitionsDropped(*changed, {dropped});
    return changed;
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::ReplacePartitions(
    std::string_view db, std::string_view table_name, const PartitionReplacement& replacement) {
    std::shared_ptr<const TableInfo> changed;
    std::vector<PartitionInfo> removed;
    DroppedData data;
    {
        std::lock_guard lock(write_mu_);
        std::shared_ptr<const CatalogState> current = Snapshot();
        ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> table,
                         current->RequireTable(db, table_name));
        ASSIGN_OR_RETURN(ReplacedTable replaced, tributary::ReplacePartitions(*table, replacement));
        auto copy = std::make_shared<TableInfo>(std::move(replaced.table));
        removed = std::move(replaced.removed);
        auto next = std::make_shared<CatalogState>(*current);
        MetaWriteBatch batch;
        batch.Put(TableKey(copy->db_id, copy->id), EncodeTable(*copy));
        for (const PartitionInfo& p : removed) CollectPartitionData(p, &data);
        RETURN_IF_ERROR(AddDropRecords(data, &batch));
        PutTable(next.get(), *current->FindDatabase(db), copy);
        RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
        changed = std::move(copy);
    }
    AfterDropped(data);
    LOG_INFO("catalog: replaced partition(s) {} of {}.{} with temporary partition(s) {}",
             Join(replacement.partitions, ", "), db, table_name,
             Join(replacement.temp_partitions, ", "));
    NotifyPartitionsDropped(*changed, removed);
    return changed;
}

void Catalog::NotifyPartitionsDropped(const TableInfo& table,
                                      const std::vector<PartitionInfo>& partitions) {
    Notify([&](CatalogObserver* observer) {
        for (const PartitionInfo& p : partitions) {
            observer->OnPartitionDropped(table.db_id, table.id, p.id, p.tablet_ids);
        }
    });
}

}  // namespace tributary
