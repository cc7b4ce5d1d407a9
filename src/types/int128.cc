#include "types/int128.h"

#include <algorithm>
#include <array>

#include "base/check.h"

namespace tributary {

std::string Int128ToString(int128_t v) {
    // Work on the magnitude as unsigned so that the minimum value needs no special case.
    unsigned __int128 magnitude =
        v < 0 ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    std::string out;
    do {
        out.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude != 0);
    if (v < 0) out.push_back('-');
    std::reverse(out.begin(), out.end());
    return out;
}

bool ParseInt128(std::string_view text, int128_t* out) {
    bool negative = false;
    size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        negative = text[i] == '-';
        ++i;
    }
    if (i == text.size()) return false;
    const unsigned __int128 limit = negative ? static_cast<unsigned __int128>(kInt128Max) + 1
                                             : static_cast<unsigned __int128>(kInt128Max);
    unsigned __int128 magnitude = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return false;
        unsigned digit = static_cast<unsigned>(c - '0');
        if (magnitude > (limit - digit) / 10) return false;
        magnitude = magnitude * 10 + digit;
    }
    *out = negative ? static_cast<int128_t>(-magnitude) : static_cast<int128_t>(magnitude);
    return true;
}

int128_t PowerOfTen(int n) {
    static const auto kPowers = [] {
        std::array<int128_t, 39> powers{};
        powers[0] = 1;
        for (size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
        return powers;
    }();
    TRIBUTARY_CHECK(n >= 0 && n <= 38, "power of ten outside the range of DECIMAL precision");
    return kPowers[static_cast<size_t>(n)];
}

}  // namespace tributary
