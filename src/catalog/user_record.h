// UserRecord: one user as the catalog stores it: identity, password hash and grants.
//
// Privilege resolution lives here so that it reads one record: a privilege on a table is held
// when the global set, the table's database set or the table's own set contains it.
// `root`@`%` is stored like any user; it holds ALL on *.* from the first start and the catalog
// refuses to change its grants or drop it.
//
// Thread safety: plain value; the catalog shares records as std::shared_ptr<const UserRecord>.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/privilege.h"
#include "catalog/user_identity.h"

namespace tributary {

struct UserRecord {
    UserIdentity identity;
    std::string password_hash;  // kPasswordHashSize bytes, or empty for no password
    int64_t create_time = 0;    // seconds since the Unix epoch
    PrivilegeSet global;
    std::map<std::string, PrivilegeSet> databases;                       // db -> set
    std::map<std::pair<std::string, std::string>, PrivilegeSet> tables;  // (db, table) -> set

    bool IsAdmin() const { return global.IsAll(); }

    // The set granted exactly at `target` (empty when none).
    PrivilegeSet GrantedAt(const GrantTarget& target) const;
    // Replaces the set granted at `target`; an empty set removes the grant.
    void SetGrantedAt(const GrantTarget& target, PrivilegeSet privileges);

    // `p` on `db`.`table` through any level; with an empty `table`, on the database itself
    // (global or database grants only).
    bool HasPrivilege(Privilege p, std::string_view db, std::string_view table) const;

    // Any privilege at all that reaches `db` (with an empty `table`: the database or any table
    // in it) or `db`.`table`. Used to filter SHOW DATABASES / SHOW TABLES and USE.
    bool HasAnyPrivilegeOn(std::string_view db, std::string_view table) const;

    // Removes the grants on database `db` and on its tables; true when something was removed.
    bool ForgetDatabase(std::string_view db);
    // Removes the grants on `db`.`table`; true when something was removed.
    bool ForgetTable(std::string_view db, std::string_view table);

    // SHOW GRANTS lines: "GRANT ALL ON *.* TO 'root'@'%'", "GRANT SELECT ON `db`.* TO ...".
    // A user without global privileges gets "GRANT USAGE ON *.* TO ..." first, as in MySQL.
    std::vector<std::string> ShowGrants() const;
};

}  // namespace tributary
