#include "catalog/user_identity.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {
namespace {

bool IsLoopback(std::string_view host) {
    return host == "127.0.0.1" || host == "::1" || EqualsIgnoreCase(host, "localhost") ||
           host == "::ffff:127.0.0.1";
}

// Position of the first wildcard, or the pattern's length when it has none.
size_t FirstWildcard(std::string_view pattern) {
    size_t pos = pattern.find_first_of("%_");
    return pos == std::string_view::npos ? pattern.size() : pos;
}

bool HasWildcard(std::string_view pattern) {
    return pattern.find_first_of("%_") != std::string_view::npos;
}

}  // namespace

std::string UserIdentity::ToString() const { return fmt::format("'{}'@'{}'", user, host); }

bool UserIdentity::operator==(const UserIdentity& other) const {
    return user == other.user && EqualsIgnoreCase(host, other.host);
}

bool HostMatches(std::string_view pattern, std::string_view client_host) {
    if (LikeMatch(client_host, pattern, /*ignore_case=*/true)) return true;
    return EqualsIgnoreCase(pattern, "localhost") && IsLoopback(client_host);
}

bool IsMoreSpecificHost(std::string_view a, std::string_view b) {
    bool a_wild = HasWildcard(a);
    bool b_wild = HasWildcard(b);
    if (a_wild != b_wild) return !a_wild;
    size_t a_first = FirstWildcard(a);
    size_t b_first = FirstWildcard(b);
    if (a_first != b_first) return a_first > b_first;
    if (a.size() != b.size()) return a.size() > b.size();
    return a < b;
}


}  // namespace tributary
