// Helpers shared by the protocol tests (not part of the library): byte strings written as hex.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace tributary::mysql::testing {

// "0a 35 2E" -> the bytes 0x0A 0x35 0x2E. Whitespace is ignored; REQUIRES: well-formed hex.
inline std::string FromHex(std::string_view hex) {
    auto nibble = [](char c) {
        return std::isdigit(static_cast<unsigned char>(c))
                   ? c - '0'
                   : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    };
    std::string out;
    int high = -1;
    for (char c : hex) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (high < 0) {
            high = nibble(c);
        } else {
            out.push_back(static_cast<char>((high << 4) | nibble(c)));
            high = -1;
        }
    }
    return out;
}

// Bytes as space-separated lower-case hex, for readable failure messages.
inline std::string ToHex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        if (!out.empty()) out.push_back(' ');
        out.push_back(kDigits[static_cast<unsigned char>(c) >> 4]);
        out.push_back(kDigits[static_cast<unsigned char>(c) & 0x0F]);
    }
    return out;
}

}  // namespace tributary::mysql::testing
