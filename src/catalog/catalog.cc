// Catalog: opening and loading, the write path, databases and tables. Partitions are in
// catalog_partitions.cc, users and privileges in catalog_users.cc.
#include "catalog/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "base/logging.h"
#include "base/string_util.h"
#include "catalog/catalog_codec.h"
#include "catalog/catalog_state.h"
#include "catalog/name_rules.h"
#include "catalog/table_validator.h"

namespace tributary {
namespace {

constexpr std::string_view kInformationSchema = "information_schema";

int64_t MaxIdOf(const TableInfo& table) {
    int64_t max_id = table.id;
    for (const PartitionInfo* partition : table.AllPartitions()) {
        max_id = std::max(max_id, partition->id);
        for (int64_t tablet : partition->tablet_ids) max_id = std::max(max_id, tablet);
    }
    return max_id;
}

// Scans `prefix`, decoding each value with `decode` and handing it to `add`; stops at the first
// error, which names the key.
template <typename T, typename Decode, typename Add>
Status ScanRecords(MetaStore* store, std::string_view prefix, Decode decode, Add add) {
    Status result;
    RETURN_IF_ERROR(store->Scan(prefix, [&](std::string_view key, std::string_view value) {
        StatusOr<T> record = decode(value);
        if (!record.ok()) {
            result = record.status().Prefixed(key);
            return false;
        }
        result = add(*std::move(record));
        if (!result.ok()) result = result.Prefixed(key);
        return result.ok();
    }));
    return result;
}

// Reads every record of the catalog into `state`.
Status LoadState(MetaStore* store, CatalogState* state) {
    ASSIGN_OR_RETURN(std::optional<std::string> counter, store->Get(kNextIdKey));
    if (counter.has_value()) {
        ASSIGN_OR_RETURN(state->next_id, DecodeNextId(*counter));
    }
    int64_t max_id = kFirstCatalogId - 1;
    std::map<int64_t, std::shared_ptr<DatabaseEntry>> by_id;
    RETURN_IF_ERROR(ScanRecords<DatabaseInfo>(
        store, kDatabaseKeyPrefix, DecodeDatabase, [&](DatabaseInfo db) -> Status {
            auto entry = std::make_shared<DatabaseEntry>();
            entry->info = std::make_shared<const DatabaseInfo>(db);
            if (!state->databases.emplace(db.name, entry).second) {
                return Status::Corruption("two databases are named " + db.name);
            }
            by_id[db.id] = entry;
            max_id = std::max(max_id, db.id);
            return Status::OK();
        }));
    RETURN_IF_ERROR(
        ScanRecords<TableInfo>(store, kTableKeyPrefix, DecodeTable, [&](TableInfo table) -> Status {
            auto it = by_id.find(table.db_id);
            if (it == by_id.end()) {
                return Status::Corruption(
                    fmt::format("table {} belongs to database {}, which "
                                "does not exist",
                                table.name, table.db_id));
            }
            max_id = std::max(max_id, MaxIdOf(table));
            std::string name = table.name;
            if (!it->second->tables
                     .emplace(name, std::make_shared<const TableInfo>(std::move(table)))
                     .second) {
                return Status::Corruption("two tables are named " + name);
            }
            return Status::OK();
        }));
    RETURN_IF_ERROR(
        ScanRecords<UserRecord>(store, kUserKeyPrefix, DecodeUser, [&](UserRecord user) -> Status {
            std::string key = UserKey(user.identity);
            state->users[key] = std::make_shared<const UserRecord>(std::move(user));
            return Status::OK();
        }));
    if (state->next_id <= max_id) {
        // The counter is written in the same batch as the ids it hands out, so this only
        // happens if the store was edited by hand; never hand out an id twice.
        LOG_WARN("catalog id counter {} is not above the largest id in use {}; advancing it",
                 state->next_id, max_id);
        state->next_id = max_id + 1;
    }
    return Status::OK();
}

std::shared_ptr<const UserRecord> MakeRootUser(int64_t now) {
    auto root = std::make_shared<UserRecord>();
    root->identity = UserIdentity{"root", "%"};
    root->create_time = now;
    root->global = PrivilegeSet::All();
    return root;
}

// Applies `forget` to a copy of every user; the users it changed are replaced in `next` and
// written to `batch`. Used to remove the grants on a dropped database or table.
template <typename Forget>
void ForgetGrants(CatalogState* next, MetaWriteBatch* batch, Forget forget) {
    for (auto& [key, user] : next->users) {
        UserRecord copy = *user;
        if (!forget(copy)) continue;
        batch->Put(key, EncodeUser(copy));
        user = std::make_shared<const UserRecord>(std::move(copy));
    }
}

}  // namespace

PartitionInfo MakePartition(ValidatedPartition validated, int64_t* next_id) {
    PartitionInfo partition;
    partition.id = (*next_id)++;
    partition.name = std::move(validated.name);
    partition.range = std::move(validated.range);
    partition.bucket_count = validated.bucket_count;
    for (int32_t i = 0; i < partition.bucket_count; ++i) {
        partition.tablet_ids.push_back((*next_id)++);
    }
    return partition;
}

void SortPartitions(std::vector<PartitionInfo>* partitions) {
    std::sort(partitions->begin(), partitions->end(),
              [](const PartitionInfo& a, const PartitionInfo& b) {
                  return a.range->lower < b.range->lower;
              });
}

void PutTable(CatalogState* next, const DatabaseEntry& entry,
              std::shared_ptr<const TableInfo> table) {
    auto copy = std::make_shared<DatabaseEntry>(entry);
    copy->tables[table->name] = std::move(table);
    next->databases[entry.info->name] = std::move(copy);
}

void CollectPartitionData(const PartitionInfo& partition, DroppedData* out) {
    out->partition_ids.push_back(partition.id);
    out->tablet_ids.insert(out->tablet_ids.end(), partition.tablet_ids.begin(),
                           partition.tablet_ids.end());
}

StatusOr<std::shared_ptr<const DatabaseEntry>> CatalogState::RequireDatabase(
    std::string_view name) const {
    std::shared_ptr<const DatabaseEntry> entry = FindDatabase(name);
    if (entry == nullptr) {
        return Status::NotFound(fmt::format("Unknown database '{}'", name), ErrorCode::kBadDb);
    }
    return entry;
}

StatusOr<std::shared_ptr<const TableInfo>> CatalogState::RequireTable(std::string_view db,
                                                                      std::string_view name) const {
    ASSIGN_OR_RETURN(std::shared_ptr<const DatabaseEntry> entry, RequireDatabase(db));
    auto it = entry->tables.find(std::string(name));
    if (it == entry->tables.end()) {
        return Status::NotFound(fmt::format("Table '{}.{}' doesn't exist", db, name),
                                ErrorCode::kUnknownTable);
    }
    return it->second;
}

Catalog::Catalog(MetaStore* store, CatalogOptions options,
                 std::shared_ptr<const CatalogState> state)
    : store_(store),
      options_(std::move(options)),
      auto_buckets_(options_.auto_buckets > 0 ? options_.auto_buckets : DefaultAutoBucketCount()),
      state_(std::move(state)) {}

Catalog::~Catalog() = default;

StatusOr<std::unique_ptr<Catalog>> Catalog::Open(MetaStore* store, CatalogOptions options) {
    auto state = std::make_shared<CatalogState>();
    RETURN_IF_ERROR(LoadState(store, state.get()));
    std::unique_ptr<Catalog> catalog(new Catalog(store, std::move(options), std::move(state)));
    RETURN_IF_ERROR(catalog->CreateRootIfMissing());
    return catalog;
}

Status Catalog::CreateRootIfMissing() {
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    UserIdentity root{"root", "%"};
    if (current->users.count(UserKey(root)) > 0) return Status::OK();
    std::shared_ptr<const UserRecord> record = MakeRootUser(Now());
    auto next = std::make_shared<CatalogState>(*current);
    next->users[UserKey(root)] = record;
    MetaWriteBatch batch;
    batch.Put(UserKey(root), EncodeUser(*record));
    // Writing the counter on first start makes it part of every store from the beginning.
    batch.Put(std::string(kNextIdKey), EncodeNextId(next->next_id));
    RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
    LOG_INFO("catalog: created user 'root'@'%' on first start");
    return Status::OK();
}

std::shared_ptr<const CatalogState> Catalog::Snapshot() const {
    std::lock_guard lock(snapshot_mu_);
    return state_;
}

Status Catalog::Commit(std::shared_ptr<CatalogState> next, MetaWriteBatch batch) {
    if (next->next_id != Snapshot()->next_id) {
        batch.Put(std::string(kNextIdKey), EncodeNextId(next->next_id));
    }
    RETURN_IF_ERROR(store_->Write(batch));
    std::lock_guard lock(snapshot_mu_);
    state_ = std::move(next);
    return Status::OK();
}

int64_t Catalog::Now() const {
    if (options_.clock) return options_.clock();
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void Catalog::AddObserver(CatalogObserver* observer) {
    std::lock_guard lock(observers_mu_);
    observers_.push_back(observer);
}

void Catalog::RemoveObserver(CatalogObserver* observer) {
    std::lock_guard lock(observers_mu_);
    observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

void Catalog::Notify(const std::function<void(CatalogObserver*)>& fn) {
    std::lock_guard lock(observers_mu_);
    for (CatalogObserver* observer : observers_) fn(observer);
}

// --- Databases ------------------------------------------------------------------------------

StatusOr<std::shared_ptr<const DatabaseInfo>> Catalog::CreateDatabase(std::string_view name,
                                                                      bool if_not_exists) {
    RETURN_IF_ERROR(CheckDatabaseName(name));
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    std::shared_ptr<const DatabaseEntry> existing = current->FindDatabase(name);
    if (existing != nullptr && if_not_exists) return existing->info;
    if (existing != nullptr || EqualsIgnoreCase(name, kInformationSchema)) {
        return Status::AlreadyExists(
            fmt::format("Can't create database '{}'; database exists", name),
            ErrorCode::kDbCreateExists);
    }
    auto next = std::make_shared<CatalogState>(*current);
    auto info = std::make_shared<const DatabaseInfo>(
        DatabaseInfo{next->next_id++, std::string(name), Now()});
    auto entry = std::make_shared<DatabaseEntry>();
    entry->info = info;
    next->databases[info->name] = std::move(entry);
    MetaWriteBatch batch;
    batch.Put(DatabaseKey(info->id), EncodeDatabase(*info));
    RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
    return info;
}

namespace {

// Every partition's data, temporary partitions' included.
void CollectData(const TableInfo& table, DroppedData* out) {
    for (const PartitionInfo* p : table.AllPartitions()) CollectPartitionData(*p, out);
}

}  // namespace

Status Catalog::DropDatabase(std::string_view name, bool if_exists) {
    std::shared_ptr<const DatabaseEntry> dropped;
    DroppedData data;
    {
        std::lock_guard lock(write_mu_);
        std::shared_ptr<const CatalogState> current = Snapshot();
        dropped = current->FindDatabase(name);
        if (dropped == nullptr) {
            if (if_exists) return Status::OK();
            return Status::NotFound(
                fmt::format("Can't drop database '{}'; database doesn't exist", name),
                ErrorCode::kDbDropExists);
        }
        auto next = std::make_shared<CatalogState>(*current);
        MetaWriteBatch batch;
        const int64_t db_id = dropped->info->id;
        batch.Delete(DatabaseKey(db_id));
        for (const auto& [table_name, table] : dropped->tables) {
            batch.Delete(TableKey(db_id, table->id));
        }
        next->databases.erase(std::string(name));
        ForgetGrants(next.get(), &batch,
                     [&](UserRecord& user) { return user.ForgetDatabase(name); });
        for (const auto& [table_name, table] : dropped->tables) CollectData(*table, &data);
        RETURN_IF_ERROR(AddDropRecords(data, &batch));
        RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
    }
    AfterDropped(data);
    LOG_INFO("catalog: dropped database {} (id {}) with {} table(s)", dropped->info->name,
             dropped->info->id, dropped->tables.size());
    Notify([&](CatalogObserver* observer) {
        for (const auto& [table_name, table] : dropped->tables) {
            observer->OnTableDropped(dropped->info->id, table->id);
        }
        observer->OnDatabaseDropped(dropped->info->id);
    });
    return Status::OK();
}

StatusOr<std::shared_ptr<const DatabaseInfo>> Catalog::GetDatabase(std::string_view name) const {
    ASSIGN_OR_RETURN(std::shared_ptr<const DatabaseEntry> entry, Snapshot()->RequireDatabase(name));
    return entry->info;
}

std::vector<std::shared_ptr<const DatabaseInfo>> Catalog::ListDatabases() const {
    std::shared_ptr<const CatalogState> state = Snapshot();
    std::vector<std::shared_ptr<const DatabaseInfo>> out;
    out.reserve(state->databases.size());
    for (const auto& [name, entry] : state->databases) out.push_back(entry->info);
    return out;
}

std::shared_ptr<const DatabaseInfo> Catalog::GetDatabaseById(int64_t db_id) const {
    std::shared_ptr<const CatalogState> state = Snapshot();
    for (const auto& [name, entry] : state->databases) {
        if (entry->info->id == db_id) return entry->info;
    }
    return nullptr;
}

// --- Tables ---------------------------------------------------------------------------------

StatusOr<std::shared_ptr<const TableInfo>> Catalog::CreateTable(std::string_view db,
                                                                const TableDefinition& def,
                                                                bool if_not_exists) {
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    ASSIGN_OR_RETURN(std::shared_ptr<const DatabaseEntry> entry, current->RequireDatabase(db));
    if (auto it = entry->tables.find(def.name); it != entry->tables.end()) {
        if (if_not_exists) return it->second;
        return Status::AlreadyExists(fmt::format("Table '{}' already exists", def.name),
                                     ErrorCode::kTableExists);
    }
    ASSIGN_OR_RETURN(ValidatedTable validated, ValidateCreateTable(def, auto_buckets_));
    auto next = std::make_shared<CatalogState>(*current);
    auto table = std::make_shared<TableInfo>(std::move(validated.table));
    table->id = next->next_id++;
    table->db_id = entry->info->id;
    table->create_time = Now();
    for (ValidatedPartition& partition : validated.partitions) {
        table->partitions.push_back(MakePartition(std::move(partition), &next->next_id));
    }
    if (table->is_range_partitioned()) SortPartitions(&table->partitions);
    MetaWriteBatch batch;
    batch.Put(TableKey(table->db_id, table->id), EncodeTable(*table));
    PutTable(next.get(), *entry, table);
    RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
    return std::shared_ptr<const TableInfo>(std::move(table));
}

Status Catalog::DropTable(std::string_view db, std::string_view name, bool if_exists) {
    DroppedData data;
    std::shared_ptr<const TableInfo> dropped;
    {
        std::lock_guard lock(write_mu_);
        std::shared_ptr<const CatalogState> current = Snapshot();
        ASSIGN_OR_RETURN(std::shared_ptr<const DatabaseEntry> entry, current->RequireDatabase(db));
        auto it = entry->tables.find(std::string(name));
        if (it == entry->tables.end()) {
            if (if_exists) return Status::OK();
            return Status::NotFound(fmt::format("Unknown table '{}'", name), ErrorCode::kBadTable);
        }
        dropped = it->second;
        auto next = std::make_shared<CatalogState>(*current);
        auto copy = std::make_shared<DatabaseEntry>(*entry);
        copy->tables.erase(std::string(name));
        next->databases[entry->info->name] = std::move(copy);
        MetaWriteBatch batch;
        batch.Delete(TableKey(dropped->db_id, dropped->id));
        ForgetGrants(next.get(), &batch,
                     [&](UserRecord& user) { return user.ForgetTable(db, name); });
        CollectData(*dropped, &data);
        RETURN_IF_ERROR(AddDropRecords(data, &batch));
        RETURN_IF_ERROR(Commit(std::move(next), std::move(batch)));
    }
    AfterDropped(data);
    LOG_INFO("catalog: dropped table {}.{} (id {})", db, name, dropped->id);
    Notify(
        [&](CatalogObserver* observer) { observer->OnTableDropped(dropped->db_id, dropped->id); });
    return Status::OK();
}

StatusOr<std::shared_ptr<const TableInfo>> Catalog::GetTable(std::string_view db,
                                                             std::string_view name) const {
    return Snapshot()->RequireTable(db, name);
}

StatusOr<std::vector<std::shared_ptr<const TableInfo>>> Catalog::ListTables(
    std::string_view db) const {
    ASSIGN_OR_RETURN(std::shared_ptr<const DatabaseEntry> entry, Snapshot()->RequireDatabase(db));
    std::vector<std::shared_ptr<const TableInfo>> out;
    out.reserve(entry->tables.size());
    for (const auto& [name, table] : entry->tables) out.push_back(table);
    return out;
}

std::shared_ptr<const TableInfo> Catalog::GetTableById(int64_t table_id) const {
    std::shared_ptr<const CatalogState> state = Snapshot();
    for (const auto& [db_name, entry] : state->databases) {
        for (const auto& [name, table] : entry->tables) {
            if (table->id == table_id) return table;
        }
    }
    return nullptr;
}

std::shared_ptr<const TableInfo> Catalog::FindTableByTabletId(int64_t tablet_id) const {
    std::shared_ptr<const CatalogState> state = Snapshot();
    for (const auto& [db_name, entry] : state->databases) {
        for (const auto& [name, table] : entry->tables) {
            for (const auto* list : {&table->partitions, &table->temp_partitions}) {
                for (const PartitionInfo& p : *list) {
                    for (int64_t id : p.tablet_ids) {
                        if (id == tablet_id) return table;
                    }
                }
            }
        }
    }
    return nullptr;
}

// --- Data of dropped tablets ------------------------------------------------------------------

Status Catalog::AddDropRecords(const DroppedData& dropped, MetaWriteBatch* batch) {
    if (data_owner_ == nullptr || dropped.empty()) return Status::OK();
    return data_owner_->AddDropRecords(dropped, batch);
}

void Catalog::AfterDropped(const DroppedData& dropped) {
    if (data_owner_ != nullptr && !dropped.empty()) data_owner_->OnDropped(dropped);
}

}  // namespace tributary
