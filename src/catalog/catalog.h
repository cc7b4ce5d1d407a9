// Catalog: the durable registry of databases, tables, partitions, users and privileges.
//
// Durability. Every acknowledged change is exactly one synced MetaWriteBatch (see
// catalog_codec.h for the keys and values). A change is validated against the current state,
// written, and applied in memory only after MetaStore::Write returned OK; a change that fails
// validation or whose write fails leaves both the store and memory untouched. Open() rebuilds
// everything from the store, so whatever was acknowledged survives kill -9. Ids (databases,
// tables, partitions, tablets) come from one persisted counter, advanced in the same batch as
// the objects that use them, and are never reused.
//
// Concurrency. All methods are thread-safe. Changes are serialised by one mutex held across
// validate + write + apply. Readers never wait for a write: they take the current immutable
// snapshot and get std::shared_ptr<const ...> objects that stay valid and unchanged for as long
// as they are held. Observers are called after the write, outside that mutex.
//
// Names. Database and table names are case-sensitive (StarRocks' default); column and partition
// names are not. See name_rules.h. Grants on a database or table are removed when it is dropped
// (in the same batch), so a re-created object starts without grants. Grants may only name
// objects that exist (StarRocks' rule).
//
// Partitions. A table without PARTITION BY has one partition named after the table. A RANGE
// table may have its partitions dropped down to none (as in StarRocks; rows then have no
// partition to go to). Every partition has one tablet per bucket. A RANGE table may also have
// temporary partitions (table_info.h): created, dropped and swapped for formal ones with
// REPLACE PARTITION (partition_replacement.h); whatever removes a table's data (DROP TABLE /
// DATABASE, TRUNCATE TABLE without PARTITION) removes theirs too.
//
// Users. `root`@`%` is created on first start with an empty password and ALL on *.*; it cannot
// be dropped and its grants cannot be changed (its password can).
//
// Error codes: 1007 database exists, 1008 / 1049 unknown database, 1050 table exists,
// 1051 / 1146 unknown table, 1060 duplicate column, 1102 / 1103 / 1166 bad names, 1517
// duplicate partition, 1735 unknown (temporary) partition, 1396 CREATE / DROP USER failed,
// 1133 unknown user, 1141 no such grant; other validation errors are 1105 with StarRocks'
// message.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "catalog/catalog_observer.h"
#include "catalog/partition_replacement.h"
#include "catalog/privilege.h"
#include "catalog/table_definition.h"
#include "catalog/table_info.h"
#include "catalog/user_identity.h"
#include "catalog/user_record.h"
#include "meta/meta_store.h"

namespace tributary {

struct CatalogState;

struct CatalogOptions {
    // Buckets of a table created without BUCKETS; 0 means DefaultAutoBucketCount() (one per
    // hardware thread, 1..16).
    int32_t auto_buckets = 0;
    // Seconds since the Unix epoch, for create times; empty means the system clock.
    std::function<int64_t()> clock;
};

// The user a login resolves to, and the hash its password must match.
struct LoginUser {
    UserIdentity identity;
    std::string password_hash;  // SHA1(SHA1(password)), or empty for no password
};

class Catalog {
public:
    // Loads the catalog from `store` (not owned; must outlive the catalog), creating `root`@`%`
    // on first start. Fails with Corruption when a stored record cannot be decoded.
    static StatusOr<std::unique_ptr<Catalog>> Open(MetaStore* store, CatalogOptions options = {});
    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    // --- Databases -------------------------------------------------------------------------
    // Returns the new database, or the existing one when `if_not_exists` and it exists.
    StatusOr<std::shared_ptr<const DatabaseInfo>> CreateDatabase(std::string_view name,
                                                                 bool if_not_exists);
    // Drops the database with all its tables and the grants on them, in one batch.
    Status DropDatabase(std::string_view name, bool if_exists);
    StatusOr<std::shared_ptr<const DatabaseInfo>> GetDatabase(std::string_view name) const;
    std::vector<std::shared_ptr<const DatabaseInfo>> ListDatabases() const;  // sorted by name

    // --- Tables ----------------------------------------------------------------------------
    // Validates `def` (table_validator.h) and creates the table with its partitions and tablets.
    // Returns the new table, or the existing one when `if_not_exists` and it exists.
    StatusOr<std::shared_ptr<const TableInfo>> CreateTable(std::string_view db,
                                                           const TableDefinition& def,
                                                           bool if_not_exists);
    Status DropTable(std::string_view db, std::string_view name, bool if_exists);
    StatusOr<std::shared_ptr<const TableInfo>> GetTable(std::string_view db,
                                                        std::string_view name) const;
    // Sorted by name.
    StatusOr<std::vector<std::shared_ptr<const TableInfo>>> ListTables(std::string_view db) const;
    // nullptr when no table has this id (for subsystems that remember ids, e.g. Routine Load).
    std::shared_ptr<const TableInfo> GetTableById(int64_t table_id) const;
    std::shared_ptr<const DatabaseInfo> GetDatabaseById(int64_t db_id) const;
    // The table one of whose partitions holds `tablet_id`; nullptr when none does (dropped).
    std::shared_ptr<const TableInfo> FindTableByTabletId(int64_t tablet_id) const;

    // --- Partitions (RANGE tables) ----------------------------------------------------------
    // All return the table as it is after the change. Dropped or replaced partitions' data goes
    // through the TabletDataOwner in the same write, and observers hear OnPartitionDropped.
    //
    // ALTER TABLE ADD PARTITION (ValidateAddPartition). With `if_not_exists`, a name already
    // used by a formal or temporary partition returns the table unchanged.
    StatusOr<std::shared_ptr<const TableInfo>> AddPartition(std::string_view db,
                                                            std::string_view table,
                                                            const PartitionDefinition& def,
                                                            bool if_not_exists);
    // ALTER TABLE DROP PARTITION: formal partitions only (1735 for other names).
    StatusOr<std::shared_ptr<const TableInfo>> DropPartition(std::string_view db,
                                                             std::string_view table,
                                                             std::string_view partition,
                                                             bool if_exists);
    // ALTER TABLE ADD TEMPORARY PARTITION, as AddPartition.
    StatusOr<std::shared_ptr<const TableInfo>> AddTempPartition(std::string_view db,
                                                                std::string_view table,
                                                                const PartitionDefinition& def,
                                                                bool if_not_exists);
    // ALTER TABLE DROP TEMPORARY PARTITION: temporary partitions only.
    StatusOr<std::shared_ptr<const TableInfo>> DropTempPartition(std::string_view db,
                                                                 std::string_view table,
                                                                 std::string_view partition,
                                                                 bool if_exists);
    // ALTER TABLE REPLACE PARTITION (...) WITH TEMPORARY PARTITION (...): one write moves the
    // temporary partitions into the formal list (ids, tablets and data kept) and drops the
    // replaced partitions with their data. Rules in partition_replacement.h.
    StatusOr<std::shared_ptr<const TableInfo>> ReplacePartitions(
        std::string_view db, std::string_view table, const PartitionReplacement& replacement);

    // --- Users and privileges ---------------------------------------------------------------
    // `password_hash` is SHA1(SHA1(password)) (kPasswordHashSize bytes) or empty.
    Status CreateUser(const UserIdentity& identity, std::string_view password_hash,
                      bool if_not_exists);
    // Also removes the user's grants. `root`@`%` cannot be dropped.
    Status DropUser(const UserIdentity& identity, bool if_exists);
    Status SetPassword(const UserIdentity& identity, std::string_view password_hash);

    // The user `name` logging in from `client_host` is (user_identity.h has the order), or
    // NotFound (1045) when no user matches.
    StatusOr<LoginUser> FindUserForLogin(std::string_view name, std::string_view client_host) const;

    // Grants `privileges` (not empty) on `target`, which must exist.
    Status Grant(const UserIdentity& identity, PrivilegeSet privileges, const GrantTarget& target);
    // Revokes those of `privileges` granted at exactly `target`; 1141 when none of them is.
    Status Revoke(const UserIdentity& identity, PrivilegeSet privileges, const GrantTarget& target);

    // False for unknown users. With an empty `table`, checks the database level (global and
    // database grants); else any level covering `db`.`table`.
    bool HasPrivilege(const UserIdentity& identity, Privilege p, std::string_view db,
                      std::string_view table) const;
    // Whether the user holds any privilege reaching `db` (or `db`.`table`); see UserRecord.
    bool HasAnyPrivilegeOn(const UserIdentity& identity, std::string_view db,
                           std::string_view table) const;
    // ALL on *.* (needed for user management and ADMIN statements).
    bool IsAdmin(const UserIdentity& identity) const;
    // SHOW GRANTS FOR identity; 1141 for unknown users.
    StatusOr<std::vector<std::string>> ShowGrants(const UserIdentity& identity) const;
    std::shared_ptr<const UserRecord> GetUser(const UserIdentity& identity) const;
    std::vector<UserIdentity> ListUsers() const;  // sorted by name, then host

    // Empties a table: every partition (or the named formal ones) is replaced by an empty
    // partition with the same name, range and buckets under new ids, and the old data goes
    // through the TabletDataOwner in the same write (StarRocks' TRUNCATE TABLE). Truncating the
    // whole table also drops its temporary partitions, as StarRocks does. Returns the new table.
    StatusOr<std::shared_ptr<const TableInfo>> TruncateTable(
        std::string_view db, std::string_view table, const std::vector<std::string>& partitions);

    // Sets the owner of tablet data (see TabletDataOwner). REQUIRES: called once, before the
    // catalog serves DDL; `owner` outlives the catalog.
    void SetTabletDataOwner(TabletDataOwner* owner) { data_owner_ = owner; }

    // --- Observers --------------------------------------------------------------------------
    // See catalog_observer.h. An observer may call the catalog from a callback, but must not
    // add or remove observers there.
    void AddObserver(CatalogObserver* observer);
    // After it returns, `observer` is not called again and no call to it is running.
    void RemoveObserver(CatalogObserver* observer);

private:
    Catalog(MetaStore* store, CatalogOptions options, std::shared_ptr<const CatalogState> state);

    // Creates `root`@`%` with ALL on *.* when the store has no such user (first start).
    Status CreateRootIfMissing();
    std::shared_ptr<const CatalogState> Snapshot() const;
    // Writes `batch` plus the id counter when `next` advanced it, then publishes `next`.
    // REQUIRES: write_mu_ held; `next` derives from the current snapshot.
    Status Commit(std::shared_ptr<CatalogState> next, MetaWriteBatch batch);
    int64_t Now() const;
    // Calls `fn` on every observer, outside write_mu_.
    void Notify(const std::function<void(CatalogObserver*)>& fn);

    MetaStore* const store_;
    const CatalogOptions options_;
    const int32_t auto_buckets_;

    std::mutex write_mu_;  // serialises changes: validate + write + apply

    mutable std::mutex snapshot_mu_;  // guards state_ (the pointer, not the state)
    std::shared_ptr<const CatalogState> state_;

    StatusOr<std::shared_ptr<const TableInfo>> AddPartitionOfKind(std::string_view db,
                                                                  std::string_view table,
                                                                  const PartitionDefinition& def,
                                                                  bool if_not_exists,
                                                                  PartitionKind kind);
    StatusOr<std::shared_ptr<const TableInfo>> DropPartitionOfKind(std::string_view db,
                                                                   std::string_view table,
                                                                   std::string_view partition,
                                                                   bool if_exists,
                                                                   PartitionKind kind);
    // Tells the observers that `partitions` of `table` were dropped.
    void NotifyPartitionsDropped(const TableInfo& table,
                                 const std::vector<PartitionInfo>& partitions);

    // Adds the owner's drop records to `batch` (no-op without an owner). REQUIRES: write_mu_.
    Status AddDropRecords(const DroppedData& dropped, MetaWriteBatch* batch);
    void AfterDropped(const DroppedData& dropped);

    TabletDataOwner* data_owner_ = nullptr;

    std::recursive_mutex observers_mu_;  // held while observers run (see RemoveObserver)
    std::vector<CatalogObserver*> observers_;
};

}  // namespace tributary
