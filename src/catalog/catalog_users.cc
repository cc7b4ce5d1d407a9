// Catalog: users, passwords and privileges.
#include <fmt/format.h>

#include <algorithm>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "catalog/catalog_codec.h"
#include "catalog/catalog_state.h"
#include "catalog/name_rules.h"

namespace tributary {
namespace {

bool IsRoot(const UserIdentity& identity) { return identity == UserIdentity{"root", "%"}; }

Status CheckIdentity(const UserIdentity& identity) {
    RETURN_IF_ERROR(CheckUserName(identity.user));
    return CheckHostPattern(identity.host);
}

Status CheckPasswordHash(std::string_view hash) {
    if (!hash.empty() && hash.size() != kPasswordHashSize) {
        return Status::InvalidArgument(
            fmt::format("A password hash is {} bytes (SHA1(SHA1(password))), not {}",
                        kPasswordHashSize, hash.size()));
    }
    return Status::OK();
}

std::shared_ptr<const UserRecord> FindUser(const CatalogState& state,
                                           const UserIdentity& identity) {
    auto it = state.users.find(UserKey(identity));
    return it == state.users.end() ? nullptr : it->second;
}

Status NoSuchGrant(const UserIdentity& identity) {
    return Status::NotFound(fmt::format("There is no such grant defined for user '{}' on host '{}'",
                                        identity.user, identity.host),
                            ErrorCode::kNonexistingGrant);
}

Status UnknownUser(const UserIdentity& identity) {
    return Status::NotFound(
        fmt::format("Can't find any matching row in the user table for {}", identity.ToString()),
        ErrorCode::kPasswordNoMatch);
}

Status RootIsFixed() {
    return Status::InvalidArgument("The privileges of 'root'@'%' cannot be changed",
                                   ErrorCode::kWrongArguments);
}

// Grants may only name objects that exist (StarRocks' rule).
Status CheckTargetExists(const CatalogState& state, const GrantTarget& target) {
    switch (target.level) {
        case GrantLevel::kGlobal:
            return Status::OK();
        case GrantLevel::kDatabase:
            return state.RequireDatabase(target.db).status();
        case GrantLevel::kTable:
            return state.RequireTable(target.db, target.table).status();
    }
    return Status::OK();
}

}  // namespace

Status Catalog::CreateUser(const UserIdentity& identity, std::string_view password_hash,
                           bool if_not_exists) {
    RETURN_IF_ERROR(CheckIdentity(identity));
    RETURN_IF_ERROR(CheckPasswordHash(password_hash));
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    if (FindUser(*current, identity) != nullptr) {
        if (if_not_exists) return Status::OK();
        return Status::AlreadyExists(
            fmt::format("Operation CREATE USER failed for {}", identity.ToString()),
            ErrorCode::kCannotUser);
    }
    auto user = std::make_shared<UserRecord>();
    user->identity = identity;
    user->password_hash = std::string(password_hash);
    user->create_time = Now();
    auto next = std::make_shared<CatalogState>(*current);
    MetaWriteBatch batch;
    batch.Put(UserKey(identity), EncodeUser(*user));
    next->users[UserKey(identity)] = std::move(user);
    return Commit(std::move(next), std::move(batch));
}

Status Catalog::DropUser(const UserIdentity& identity, bool if_exists) {
    if (IsRoot(identity)) {
        return Status::InvalidArgument(
            fmt::format("Operation DROP USER failed for {}: the root user cannot be dropped",
                        identity.ToString()),
            ErrorCode::kCannotUser);
    }
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    if (FindUser(*current, identity) == nullptr) {
        if (if_exists) return Status::OK();
        return Status::NotFound(
            fmt::format("Operation DROP USER failed for {}", identity.ToString()),
            ErrorCode::kCannotUser);
    }
    auto next = std::make_shared<CatalogState>(*current);
    MetaWriteBatch batch;
    batch.Delete(UserKey(identity));
    next->users.erase(UserKey(identity));
    return Commit(std::move(next), std::move(batch));
}

Status Catalog::SetPassword(const UserIdentity& identity, std::string_view password_hash) {
    RETURN_IF_ERROR(CheckPasswordHash(password_hash));
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    std::shared_ptr<const UserRecord> user = FindUser(*current, identity);
    if (user == nullptr) return UnknownUser(identity);
    auto changed = std::make_shared<UserRecord>(*user);
    changed->password_hash = std::string(password_hash);
    auto next = std::make_shared<CatalogState>(*current);
    MetaWriteBatch batch;
    batch.Put(UserKey(identity), EncodeUser(*changed));
    next->users[UserKey(identity)] = std::move(changed);
    return Commit(std::move(next), std::move(batch));
}

StatusOr<LoginUser> Catalog::FindUserForLogin(std::string_view name,
                                              std::string_view client_host) const {
    std::shared_ptr<const CatalogState> state = Snapshot();
    const UserRecord* best = nullptr;
    for (const auto& [key, user] : state->users) {
        if (user->identity.user != name || !HostMatches(user->identity.host, client_host)) {
            continue;
        }
        if (best == nullptr || IsMoreSpecificHost(user->identity.host, best->identity.host)) {
            best = user.get();
        }
    }
    if (best == nullptr) {
        return Status::NotFound(fmt::format("Access denied for user '{}'@'{}'", name, client_host),
                                ErrorCode::kAccessDenied);
    }
    return LoginUser{best->identity, best->password_hash};
}

Status Catalog::Grant(const UserIdentity& identity, PrivilegeSet privileges,
                      const GrantTarget& target) {
    if (privileges.empty()) return Status::InvalidArgument("GRANT needs at least one privilege");
    if (IsRoot(identity)) return RootIsFixed();
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    std::shared_ptr<const UserRecord> user = FindUser(*current, identity);
    if (user == nullptr) return UnknownUser(identity);
    RETURN_IF_ERROR(CheckTargetExists(*current, target));
    PrivilegeSet held = user->GrantedAt(target);
    if (held.ContainsAll(privileges)) return Status::OK();
    auto changed = std::make_shared<UserRecord>(*user);
    changed->SetGrantedAt(target, held.Union(privileges));
    auto next = std::make_shared<CatalogState>(*current);
    MetaWriteBatch batch;
    batch.Put(UserKey(identity), EncodeUser(*changed));
    next->users[UserKey(identity)] = std::move(changed);
    return Commit(std::move(next), std::move(batch));
}

Status Catalog::Revoke(const UserIdentity& identity, PrivilegeSet privileges,
                       const GrantTarget& target) {
    if (privileges.empty()) return Status::InvalidArgument("REVOKE needs at least one privilege");
    if (IsRoot(identity)) return RootIsFixed();
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const CatalogState> current = Snapshot();
    std::shared_ptr<const UserRecord> user = FindUser(*current, identity);
    if (user == nullptr) return NoSuchGrant(identity);
    PrivilegeSet held = user->GrantedAt(target);
    if (held.Intersect(privileges).empty()) return NoSuchGrant(identity);
    auto changed = std::make_shared<UserRecord>(*user);
    changed->SetGrantedAt(target, held.Minus(privileges));
    auto next = std::make_shared<CatalogState>(*current);
    MetaWriteBatch batch;
    batch.Put(UserKey(identity), EncodeUser(*changed));
    next->users[UserKey(identity)] = std::move(changed);
    return Commit(std::move(next), std::move(batch));
}

bool Catalog::HasPrivilege(const UserIdentity& identity, Privilege p, std::string_view db,
                           std::string_view table) const {
    std::shared_ptr<const UserRecord> user = FindUser(*Snapshot(), identity);
    return user != nullptr && user->HasPrivilege(p, db, table);
}

bool Catalog::HasAnyPrivilegeOn(const UserIdentity& identity, std::string_view db,
                                std::string_view table) const {
    std::shared_ptr<const UserRecord> user = FindUser(*Snapshot(), identity);
    return user != nullptr && user->HasAnyPrivilegeOn(db, table);
}

bool Catalog::IsAdmin(const UserIdentity& identity) const {
    std::shared_ptr<const UserRecord> user = FindUser(*Snapshot(), identity);
    return user != nullptr && user->IsAdmin();
}

StatusOr<std::vector<std::string>> Catalog::ShowGrants(const UserIdentity& identity) const {
    std::shared_ptr<const UserRecord> user = FindUser(*Snapshot(), identity);
    if (user == nullptr) return NoSuchGrant(identity);
    return user->ShowGrants();
}

std::shared_ptr<const UserRecord> Catalog::GetUser(const UserIdentity& identity) const {
    return FindUser(*Snapshot(), identity);
}

std::vector<UserIdentity> Catalog::ListUsers() const {
    std::shared_ptr<const CatalogState> state = Snapshot();
    std::vector<UserIdentity> out;
    out.reserve(state->users.size());
    for (const auto& [key, user] : state->users) out.push_back(user->identity);
    std::sort(out.begin(), out.end(), [](const UserIdentity& a, const UserIdentity& b) {
        return a.user != b.user ? a.user < b.user : ToLower(a.host) < ToLower(b.host);
    });
    return out;
}

}  // namespace tributary
