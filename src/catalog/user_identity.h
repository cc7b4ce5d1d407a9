// UserIdentity ('name'@'host') and how a connecting client is matched to one.
//
// A user is a (name, host pattern) pair, as in MySQL and StarRocks: 'alice'@'%' and
// 'alice'@'10.0.%' are two users with their own password and grants. Names are case-sensitive;
// host patterns compare case-insensitively and use `%` (any run) and `_` (one character).
//
// Login matching (MySQL's order): among the users with the client's name whose host pattern
// matches the client host, the most specific wins: a pattern without wildcards first, then
// patterns whose first wildcard comes later ('10.0.1.%' before '10.%'), '%' last; ties go to the
// longer pattern, then the smaller text. The pattern 'localhost' also matches loopback clients
// (127.0.0.1, ::1), as MySQL treats local connections.
//
// Password hashes are mysql_native_password's SHA1(SHA1(password)): 20 bytes, or empty for no
// password. The catalog stores them as lower-case hex.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary {

struct UserIdentity {
    std::string user;
    std::string host = "%";

    // 'alice'@'%'
    std::string ToString() const;
    // Same name (case-sensitive) and same host pattern (case-insensitive).
    bool operator==(const UserIdentity& other) const;
};

inline constexpr size_t kPasswordHashSize = 20;

// True when `pattern` matches `client_host` (see above).
bool HostMatches(std::string_view pattern, std::string_view client_host);

// True when host pattern `a` is more specific than `b` (login order; see above).
bool IsMoreSpecificHost(std::string_view a, std::string_view b);


}  // namespace tributary
