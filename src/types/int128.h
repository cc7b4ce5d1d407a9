// Text conversion for 128-bit integers (LARGEINT, and DECIMAL's unscaled values).
//
// The C++ library has no to_chars/from_chars for __int128 in strict C++20 mode, so these are
// ours. Parsing is strict: an optional sign, then decimal digits only; no spaces, no junk.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "types/physical_type.h"

namespace tributary {

inline constexpr int128_t kInt128Max =
    static_cast<int128_t>(~static_cast<unsigned __int128>(0) >> 1);
inline constexpr int128_t kInt128Min = -kInt128Max - 1;

// Decimal digits of `v`, with a leading '-' when negative
// ("-170141183460469231731687303715884105728" for the minimum).
std::string Int128ToString(int128_t v);

// Parses `text` ("[+-]digits") into *out. False on an empty string, any non-digit or a value
// outside [kInt128Min, kInt128Max]; *out is unspecified then.
bool ParseInt128(std::string_view text, int128_t* out);

// 10^n for 0 <= n <= 38.
int128_t PowerOfTen(int n);

}  // namespace tributary
