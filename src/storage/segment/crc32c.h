// CRC32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), as used by iSCSI, ext4 and
// LevelDB. Table-driven (slicing by 8) and portable; Debian ships no C/C++ CRC32C library.
//
// Thread safety: pure functions (the tables are built once, thread-safely).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tributary::crc32c {

// Continues a CRC: Extend(Extend(0, a), b) == Value(a + b).
uint32_t Extend(uint32_t crc, const void* data, size_t size);

inline uint32_t Value(const void* data, size_t size) { return Extend(0, data, size); }
inline uint32_t Value(std::string_view s) { return Extend(0, s.data(), s.size()); }

}  // namespace tributary::crc32c
