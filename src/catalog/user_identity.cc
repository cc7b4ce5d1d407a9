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

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
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

std::string HexEncode(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

StatusOr<std::string> HexDecode(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return Status::InvalidArgument(fmt::format("'{}' is not hex: odd length", hex));
    }
    std::string out;
    out.reserve(hex.size() / 2);
    for (size_t i = 0; i < hex.size(); i += 2) {
        int hi = HexValue(hex[i]);
        int lo = HexValue(hex[i + 1]);
        if (hi < 0 || lo < 0) {
            return Status::InvalidArgument(fmt::format("'{}' is not hex", hex));
        }
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

}  // namespace tributary
