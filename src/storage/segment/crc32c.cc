#include "storage/segment/crc32c.h"

#include <array>
#include <cstring>

namespace tributary::crc32c {
namespace {

constexpr uint32_t kPolynomial = 0x82F63B78u;

struct Tables {
    std::array<std::array<uint32_t, 256>, 8> t{};
    Tables() {
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ kPolynomial : c >> 1;
            t[0][i] = c;
        }
        for (uint32_t i = 0; i < 256; ++i) {
            for (size_t s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
        }
    }
};

const Tables& GetTables() {
    static const Tables tables;
    return tables;
}

#if defined(__x86_64__)
// The SSE 4.2 CRC32 instruction computes exactly this polynomial, 8 bytes per instruction.
__attribute__((target("sse4.2"))) uint32_t ExtendHardware(uint32_t crc, const uint8_t* p,
                                                          size_t size) {
    uint64_t c = ~crc;
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        c = __builtin_ia32_crc32di(c, word);
        p += 8;
        size -= 8;
    }
    uint32_t c32 = static_cast<uint32_t>(c);
    while (size-- > 0) c32 = __builtin_ia32_crc32qi(c32, *p++);
    return ~c32;
}

bool HasHardwareCrc() {
    static const bool supported = __builtin_cpu_supports("sse4.2");
    return supported;
}
#endif

}  // namespace

uint32_t Extend(uint32_t crc, const void* data, size_t size) {
#if defined(__x86_64__)
    if (HasHardwareCrc()) return ExtendHardware(crc, static_cast<const uint8_t*>(data), size);
#endif
    const auto& t = GetTables().t;
    const auto* p = static_cast<const uint8_t*>(data);
    uint32_t c = ~crc;
    while (size >= 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);  // the tables assume a little-endian load
        word ^= c;
        c = t[7][word & 0xff] ^ t[6][(word >> 8) & 0xff] ^ t[5][(word >> 16) & 0xff] ^
            t[4][(word >> 24) & 0xff] ^ t[3][(word >> 32) & 0xff] ^ t[2][(word >> 40) & 0xff] ^
            t[1][(word >> 48) & 0xff] ^ t[0][word >> 56];
        p += 8;
        size -= 8;
    }
    while (size-- > 0) c = t[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

}  // namespace tributary::crc32c
