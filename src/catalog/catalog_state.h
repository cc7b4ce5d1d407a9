// CatalogState: one immutable version of everything the catalog knows (internal to src/catalog).
//
// The catalog publishes a new CatalogState for every acknowledged change and readers keep the
// version they took. A change copies the state shallowly: maps of shared pointers are copied,
// the objects they point to are shared and never modified, and only the objects the change
// touches are replaced. A database's tables sit in a DatabaseEntry of their own so that a change
// to one database copies only that database's table map.
//
// Thread safety: immutable once published.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/catalog_observer.h"
#include "catalog/table_info.h"
#include "catalog/user_record.h"

namespace tributary {

struct ValidatedPartition;

// The first id the counter hands out.
inline constexpr int64_t kFirstCatalogId = 10000;

struct DatabaseEntry {
    std::shared_ptr<const DatabaseInfo> info;
    std::map<std::string, std::shared_ptr<const TableInfo>> tables;  // by name (case-sensitive)
};

struct CatalogState {
    std::map<std::string, std::shared_ptr<const DatabaseEntry>> databases;  // by name
    std::map<std::string, std::shared_ptr<const UserRecord>> users;         // by UserKey()
    int64_t next_id = kFirstCatalogId;

    std::shared_ptr<const DatabaseEntry> FindDatabase(std::string_view name) const {
        auto it = databases.find(std::string(name));
        return it == databases.end() ? nullptr : it->second;
    }

    // The database or 1049 "Unknown database 'name'".
    StatusOr<std::shared_ptr<const DatabaseEntry>> RequireDatabase(std::string_view name) const;
    // The table or 1146 "Table 'db.name' doesn't exist" (1049 for an unknown database).
    StatusOr<std::shared_ptr<const TableInfo>> RequireTable(std::string_view db,
                                                            std::string_view name) const;
};

// --- Helpers shared by the catalog's .cc files ------------------------------------------------

// A partition with fresh ids for it and its tablets, taken from *next_id.
PartitionInfo MakePartition(ValidatedPartition validated, int64_t* next_id);
// Sorts RANGE partitions by lower bound. REQUIRES: every partition has a range.
void SortPartitions(std::vector<PartitionInfo>* partitions);
// Replaces (or adds) `table` in database `entry` of `next`.
void PutTable(CatalogState* next, const DatabaseEntry& entry,
              std::shared_ptr<const TableInfo> table);
// Adds `partition`'s id and tablets to `out`.
void CollectPartitionData(const PartitionInfo& partition, DroppedData* out);

}  // namespace tributary
