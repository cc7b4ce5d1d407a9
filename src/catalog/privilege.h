// Privileges and the objects they are granted on.
//
// Five privileges (SELECT, INSERT, ALTER, CREATE, DROP) form a PrivilegeSet; ALL is all five.
// A grant gives a set on one target: every object (`*.*`, global), one database (`db.*`) or one
// table (`db.tbl`). A user holds a privilege on a table when any of the three levels that cover
// it grants it. Holding ALL on `*.*` makes a user an administrator (user management, ADMIN
// statements); `root`@`%` always is one.
//
// Database and table names in targets are case-sensitive, like the names themselves.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace tributary {

enum class Privilege : uint8_t {
    kSelect = 1 << 0,
    kInsert = 1 << 1,
    kAlter = 1 << 2,
    kCreate = 1 << 3,
    kDrop = 1 << 4,
};

// "SELECT", "INSERT", "ALTER", "CREATE", "DROP".
std::string_view PrivilegeName(Privilege p);
// Case-insensitive inverse of PrivilegeName; false when `name` is not one.
bool ParsePrivilegeName(std::string_view name, Privilege* out);

class PrivilegeSet {
public:
    PrivilegeSet() = default;
    static PrivilegeSet All() { return PrivilegeSet(kAllBits); }
    static PrivilegeSet Of(std::initializer_list<Privilege> privileges);

    bool empty() const { return bits_ == 0; }
    bool IsAll() const { return bits_ == kAllBits; }
    bool Contains(Privilege p) const { return (bits_ & static_cast<uint8_t>(p)) != 0; }
    bool ContainsAll(PrivilegeSet other) const { return (bits_ & other.bits_) == other.bits_; }

    PrivilegeSet Union(PrivilegeSet other) const { return PrivilegeSet(bits_ | other.bits_); }
    PrivilegeSet Intersect(PrivilegeSet other) const { return PrivilegeSet(bits_ & other.bits_); }
    PrivilegeSet Minus(PrivilegeSet other) const {
        return PrivilegeSet(static_cast<uint8_t>(bits_ & ~other.bits_));
    }

    // The names in canonical order (SELECT, INSERT, ALTER, CREATE, DROP).
    std::vector<std::string> Names() const;
    // "ALL" when all five are set, else "SELECT, INSERT"; "USAGE" when empty.
    std::string ToSql() const;

    bool operator==(const PrivilegeSet&) const = default;

private:
    static constexpr uint8_t kAllBits = 0x1f;
    explicit PrivilegeSet(uint8_t bits) : bits_(bits) {}
    uint8_t bits_ = 0;
};

enum class GrantLevel : uint8_t { kGlobal, kDatabase, kTable };

struct GrantTarget {
    GrantLevel level = GrantLevel::kGlobal;
    std::string db;     // kDatabase, kTable
    std::string table;  // kTable

    static GrantTarget Global() { return GrantTarget{GrantLevel::kGlobal, {}, {}}; }
    static GrantTarget Database(std::string db) {
        return GrantTarget{GrantLevel::kDatabase, std::move(db), {}};
    }
    static GrantTarget Table(std::string db, std::string table) {
        return GrantTarget{GrantLevel::kTable, std::move(db), std::move(table)};
    }

    // "*.*", "`db`.*", "`db`.`tbl`".
    std::string ToSql() const;
};

}  // namespace tributary
