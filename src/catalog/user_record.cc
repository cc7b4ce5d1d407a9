#include "catalog/user_record.h"

#include <fmt/format.h>

namespace tributary {

PrivilegeSet UserRecord::GrantedAt(const GrantTarget& target) const {
    switch (target.level) {
        case GrantLevel::kGlobal:
            return global;
        case GrantLevel::kDatabase: {
            auto it = databases.find(target.db);
            return it == databases.end() ? PrivilegeSet() : it->second;
        }
        case GrantLevel::kTable: {
            auto it = tables.find({target.db, target.table});
            return it == tables.end() ? PrivilegeSet() : it->second;
        }
    }
    return PrivilegeSet();
}

void UserRecord::SetGrantedAt(const GrantTarget& target, PrivilegeSet privileges) {
    switch (target.level) {
        case GrantLevel::kGlobal:
            global = privileges;
            return;
        case GrantLevel::kDatabase:
            if (privileges.empty()) {
                databases.erase(target.db);
            } else {
                databases[target.db] = privileges;
            }
            return;
        case GrantLevel::kTable:
            if (privileges.empty()) {
                tables.erase({target.db, target.table});
            } else {
                tables[{target.db, target.table}] = privileges;
            }
            return;
    }
}

bool UserRecord::HasPrivilege(Privilege p, std::string_view db, std::string_view table) const {
    if (global.Contains(p)) return true;
    if (auto it = databases.find(std::string(db));
        it != databases.end() && it->second.Contains(p)) {
        return true;
    }
    if (table.empty()) return false;
    auto it = tables.find({std::string(db), std::string(table)});
    return it != tables.end() && it->second.Contains(p);
}

bool UserRecord::HasAnyPrivilegeOn(std::string_view db, std::string_view table) const {
    if (!global.empty()) return true;
    if (databases.count(std::string(db)) > 0) return true;
    for (const auto& [key, privileges] : tables) {
        if (key.first == db && (table.empty() || key.second == table)) return true;
    }
    return false;
}

bool UserRecord::ForgetDatabase(std::string_view db) {
    bool removed = databases.erase(std::string(db)) > 0;
    for (auto it = tables.begin(); it != tables.end();) {
        if (it->first.first == db) {
            it = tables.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    return removed;
}

bool UserRecord::ForgetTable(std::string_view db, std::string_view table) {
    return tables.erase({std::string(db), std::string(table)}) > 0;
}

std::vector<std::string> UserRecord::ShowGrants() const {
    std::vector<std::string> lines;
    std::string to = identity.ToString();
    lines.push_back(
        fmt::format("GRANT {} ON {} TO {}", global.ToSql(), GrantTarget::Global().ToSql(), to));
    for (const auto& [db, privileges] : databases) {
        lines.push_back(fmt::format("GRANT {} ON {} TO {}", privileges.ToSql(),
                                    GrantTarget::Database(db).ToSql(), to));
    }
    for (const auto& [key, privileges] : tables) {
        lines.push_back(fmt::format("GRANT {} ON {} TO {}", privileges.ToSql(),
                                    GrantTarget::Table(key.first, key.second).ToSql(), to));
    }
    return lines;
}

}  // namespace tributary
