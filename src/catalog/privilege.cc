#include "catalog/privilege.h"

#include <array>

#include "base/string_util.h"

namespace tributary {
namespace {

constexpr std::array kAllPrivileges = {Privilege::kSelect, Privilege::kInsert, Privilege::kAlter,
                                       Privilege::kCreate, Privilege::kDrop};

}  // namespace

std::string_view PrivilegeName(Privilege p) {
    switch (p) {
        case Privilege::kSelect:
            return "SELECT";
        case Privilege::kInsert:
            return "INSERT";
        case Privilege::kAlter:
            return "ALTER";
        case Privilege::kCreate:
            return "CREATE";
        case Privilege::kDrop:
            return "DROP";
    }
    return "UNKNOWN";
}

bool ParsePrivilegeName(std::string_view name, Privilege* out) {
    for (Privilege p : kAllPrivileges) {
        if (EqualsIgnoreCase(PrivilegeName(p), name)) {
            *out = p;
            return true;
        }
    }
    return false;
}

PrivilegeSet PrivilegeSet::Of(std::initializer_list<Privilege> privileges) {
    uint8_t bits = 0;
    for (Privilege p : privileges) bits |= static_cast<uint8_t>(p);
    return PrivilegeSet(bits);
}

std::vector<std::string> PrivilegeSet::Names() const {
    std::vector<std::string> names;
    for (Privilege p : kAllPrivileges) {
        if (Contains(p)) names.emplace_back(PrivilegeName(p));
    }
    return names;
}

std::string PrivilegeSet::ToSql() const {
    if (IsAll()) return "ALL";
    if (empty()) return "USAGE";
    return Join(Names(), ", ");
}

std::string GrantTarget::ToSql() const {
    switch (level) {
        case GrantLevel::kGlobal:
            return "*.*";
        case GrantLevel::kDatabase:
            return QuoteIdentifier(db) + ".*";
        case GrantLevel::kTable:
            return QuoteIdentifier(db) + "." + QuoteIdentifier(table);
    }
    return "*.*";
}

}  // namespace tributary
