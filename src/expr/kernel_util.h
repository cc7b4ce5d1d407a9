// Row loops that turn a per-value function into a kernel (function_registry.h).
//
//   return MapBinary<int64_t, int64_t, int64_t>(args, rows, type, may_null,
//                                               [](int64_t a, int64_t b, int64_t* out) {
//                                                   if (b == 0) return false;  // NULL
//                                                   *out = a % b;
//                                                   return true;
//                                               });
//
// The function reads the argument values (args[0], args[1] through FixedReader / StringReader,
// so constants cost nothing) and returns false for a row whose result is NULL (division by
// zero, bad input). A row where any argument is NULL is NULL as well; the function still runs
// on it (the value underneath a NULL is the type's default) and its result is discarded, so
// the loop has no branch on NULLs. `nullable` says whether the result column gets a null map;
// it must be true whenever some row can be NULL.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "expr/eval_column.h"

namespace tributary {

namespace internal {

// Rows where some argument is NULL or the function failed, as a null map of `rows` bytes.
inline std::vector<uint8_t> StartNulls(std::span<const EvalColumn> args, size_t rows) {
    std::vector<uint8_t> nulls = UnionNulls(args, rows);
    if (nulls.empty()) nulls.assign(rows, 0);
    return nulls;
}

// Fills a fixed-width result: row(i, &value) computes row i and returns false for NULL; rows
// where an argument is NULL are NULL whatever it returns (and hold the default value).
template <typename R, typename RowFn>
EvalColumn FillFixed(std::span<const EvalColumn> args, size_t rows, const TypeDesc& type,
                     bool nullable, RowFn&& row) {
    const std::vector<uint8_t> arg_nulls = StartNulls(args, rows);
    FixedBuilder<R> out(type, rows);
    R* data = out.data();
    uint8_t* nulls = out.nulls();
    for (size_t i = 0; i < rows; ++i) {
        const bool ok = row(i, &data[i]);
        nulls[i] = arg_nulls[i] | static_cast<uint8_t>(!ok);
        if (nulls[i] != 0) data[i] = R{};
    }
    return std::move(out).Finish(nullable);
}

}  // namespace internal

// out = fn(args[0]) per row. `fn` is `bool(A value, R* out)`.
template <typename A, typename R, typename Fn>
EvalColumn MapUnary(std::span<const EvalColumn> args, size_t rows, const TypeDesc& type,
                    bool nullable, Fn&& fn) {
    FixedReader<A> a(args[0]);
    return internal::FillFixed<R>(args, rows, type, nullable,
                                  [&](size_t i, R* out) { return fn(a.value(i), out); });
}

// out = fn(args[0], args[1]) per row. `fn` is `bool(A a, B b, R* out)`.
template <typename A, typename B, typename R, typename Fn>
EvalColumn MapBinary(std::span<const EvalColumn> args, size_t rows, const TypeDesc& type,
                     bool nullable, Fn&& fn) {
    FixedReader<A> a(args[0]);
    FixedReader<B> b(args[1]);
    return internal::FillFixed<R>(args, rows, type, nullable, [&](size_t i, R* out) {
        return fn(a.value(i), b.value(i), out);
    });
}

// out = fn(args[0]) per row for a string argument. `fn` is `bool(std::string_view, R* out)`.
// Other arguments (a constant pattern the function captured) only contribute their NULLs.
template <typename R, typename Fn>
EvalColumn MapStringToFixed(std::span<const EvalColumn> args, size_t rows, const TypeDesc& type,
                            bool nullable, Fn&& fn) {
    StringReader a(args[0]);
    return internal::FillFixed<R>(args, rows, type, nullable,
                                  [&](size_t i, R* out) { return fn(a.value(i), out); });
}

}  // namespace tributary
