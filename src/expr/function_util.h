// Helpers for the binders and kernels of the scalar function families (functions_string.cc,
// functions_datetime.cc, functions_math.cc, functions_conditional.cc) that kernel_util.h's
// fixed-width loops do not cover: string results, rows of any arity, and the nullability rule.
//
// MapRows / MapRowsToString call the row function only on rows where no argument is NULL
// (string work on a default value would be wasted); the function returns false (fixed) or
// std::nullopt (string) for bad input, which gives NULL. `nullable` must be true whenever some
// row can be NULL.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expr/cast_kernel.h"
#include "expr/eval_column.h"
#include "expr/function_registry.h"
#include "expr/type_coercion.h"

namespace tributary {

// True when an argument may reach the kernel as NULL: it is nullable as written, or the cast to
// the type the binding asks for can fail (text into DATETIME). REQUIRES: same sizes.
inline bool MayBeNullAfterCast(std::span<const ArgInfo> args, std::span<const TypeDesc> types) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].nullable || CastMayFail(args[i].type, types[i])) return true;
    }
    return false;
}

// Fails unless there are at least `min` arguments: "concat expects at least 1 argument, got 0".
inline Status CheckMinArity(std::string_view name, std::span<const ArgInfo> args, size_t min) {
    if (args.size() >= min) return Status::OK();
    return Status::InvalidArgument(std::string(name) + " expects at least " + std::to_string(min) +
                                       (min == 1 ? " argument, got " : " arguments, got ") +
                                       std::to_string(args.size()),
                                   ErrorCode::kParseError);
}

// The binder's constant for argument `i`, or nullptr when it is not constant or is NULL.
inline const Value* ConstantArg(std::span<const ArgInfo> args, size_t i) {
    if (i >= args.size() || args[i].constant == nullptr || args[i].constant->is_null()) {
        return nullptr;
    }
    return args[i].constant;
}

// A kernel body that is also told whether the result column must be nullable (the binding's
// `nullable`, which the kernel's result has to match exactly; see eval_column.h).
using KernelBody = std::function<StatusOr<EvalColumn>(std::span<const EvalColumn> args, size_t rows,
                                                      const EvalContext& ctx, bool nullable)>;

// The binding that casts the arguments to `types` and runs `body`. The result is nullable when
// an argument may be NULL after its cast or when the function itself gives NULL for some input
// (`may_fail`: an out-of-range position, an invalid date).
inline FunctionBinding MakeBinding(std::span<const ArgInfo> args, std::vector<TypeDesc> types,
                                   const TypeDesc& result, bool may_fail, KernelBody body) {
    const bool nullable = may_fail || MayBeNullAfterCast(args, types);
    ScalarKernel kernel = [body = std::move(body), nullable](std::span<const EvalColumn> a,
                                                             size_t rows, const EvalContext& ctx) {
        return body(a, rows, ctx, nullable);
    };
    return FunctionBinding{std::move(types), result, nullable, std::move(kernel)};
}

// A fixed-width result of any arity: row i is fn(i, &out), NULL where an argument is NULL or
// fn returns false. `fn` is `bool(size_t row, T* out)` and reads the arguments itself.
template <typename T, typename Fn>
EvalColumn MapRows(std::span<const EvalColumn> args, size_t rows, const TypeDesc& type,
                   bool nullable, Fn&& fn) {
    const std::vector<uint8_t> arg_nulls = UnionNulls(args, rows);
    FixedBuilder<T> out(type, rows);
    T* data = out.data();
    uint8_t* nulls = out.nulls();
    if (arg_nulls.empty()) {
        for (size_t i = 0; i < rows; ++i) nulls[i] = fn(i, &data[i]) ? 0 : 1;
    } else {
        for (size_t i = 0; i < rows; ++i) {
            nulls[i] = (arg_nulls[i] != 0 || !fn(i, &data[i])) ? 1 : 0;
        }
    }
    for (size_t i = 0; i < rows; ++i) {
        if (nulls[i] != 0) data[i] = T{};
    }
    return std::move(out).Finish(nullable);
}

// A VARCHAR result: row i is fn(i, scratch), NULL where an argument is NULL or fn returns
// nullopt. `fn` is `std::optional<std::string_view>(size_t row, std::string& scratch)`; the view
// may point into an argument or into `scratch`, which is reused from row to row.
template <typename Fn>
EvalColumn MapRowsToString(std::span<const EvalColumn> args, size_t rows, bool nullable, Fn&& fn) {
    const std::vector<uint8_t> arg_nulls = UnionNulls(args, rows);
    StringBuilder out(AnyVarchar(), rows);
    std::string scratch;
    for (size_t i = 0; i < rows; ++i) {
        if (!arg_nulls.empty() && arg_nulls[i] != 0) {
            out.AppendNull();
            continue;
        }
        const std::optional<std::string_view> v = fn(i, scratch);
        if (v.has_value()) {
            out.Append(*v);
        } else {
            out.AppendNull();
        }
    }
    return std::move(out).Finish(nullable);
}

}  // namespace tributary
