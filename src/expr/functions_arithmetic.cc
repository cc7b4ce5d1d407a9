// The arithmetic operators: + - * / DIV % and unary minus, over BIGINT, LARGEINT, DOUBLE and
// DECIMAL (the operand types meet as type_coercion.h says).
//
// Integer overflow wraps (two's complement), as StarRocks' BIGINT arithmetic does; DECIMAL
// overflow past 38 digits gives NULL; division or modulo by zero gives NULL. `/` on integers
// gives DOUBLE (5 / 2 = 2.5); on DECIMAL it gives DECIMAL with DecimalDivisionScale's
// fractional digits, as StarRocks does.
#include <fmt/format.h>

#include <cmath>

#include "expr/function_registry.h"
#include "expr/kernel_util.h"
#include "expr/type_coercion.h"
#include "types/decimal.h"
#include "types/int128.h"

namespace tributary {

namespace {

enum class ArithOp { kAdd, kSub, kMul, kDiv, kIntDiv, kMod };

constexpr int128_t Pow10(int n) {
    int128_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

const int128_t kDecimalLimit = Pow10(38);

bool DecimalFits(int128_t v) { return v < kDecimalLimit && v > -kDecimalLimit; }

int DecimalScaleOf(const TypeDesc& t) { return t.type == LogicalType::kDecimal ? t.scale : 0; }

TypeDesc Decimal38(int scale) { return TypeDesc::Decimal(38, std::min(scale, 38)); }

template <typename T>
using UnsignedOf = std::conditional_t<
    std::is_same_v<T, int128_t>, unsigned __int128,
    std::make_unsigned_t<std::conditional_t<std::is_same_v<T, int128_t>, int64_t, T>>>;

template <typename T>
bool IntegerOp(ArithOp op, T a, T b, T* out) {
    using U = UnsignedOf<T>;
    switch (op) {
        case ArithOp::kAdd:
            *out = static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
            return true;
        case ArithOp::kSub:
            *out = static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
            return true;
        case ArithOp::kMul:
            *out = static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
            return true;
        case ArithOp::kIntDiv:
            if (b == 0) return false;
            if (b == -1) {  // avoid the INT_MIN / -1 trap
                *out = static_cast<T>(U{0} - static_cast<U>(a));
                return true;
            }
            *out = a / b;
            return true;
        case ArithOp::kMod:
            if (b == 0) return false;
            *out = b == -1 ? 0 : a % b;
            return true;
        case ArithOp::kDiv:
            return false;  // bound as DOUBLE
    }
    return false;
}

// a op b in T (BIGINT, LARGEINT or DOUBLE); false makes the row NULL.
template <ArithOp Op, typename T>
inline bool ApplyOp(T a, T b, T* out) {
    if constexpr (std::is_floating_point_v<T>) {
        switch (Op) {
            case ArithOp::kAdd:
                *out = a + b;
                return true;
            case ArithOp::kSub:
                *out = a - b;
                return true;
            case ArithOp::kMul:
                *out = a * b;
                return true;
            case ArithOp::kDiv:
                *out = b == 0 ? 0 : a / b;
                return b != 0;
            case ArithOp::kMod:
                *out = b == 0 ? 0 : std::fmod(a, b);
                return b != 0;
            case ArithOp::kIntDiv:
                return false;  // bound on DOUBLE -> BIGINT separately
        }
        return false;
    } else {
        return IntegerOp(Op, a, b, out);
    }
}

// The kernel of `op` over two T arguments; one loop per operator so the operation inlines.
template <typename T>
ScalarKernel NumericKernel(ArithOp op, TypeDesc type) {
    return [op, type](std::span<const EvalColumn> args, size_t rows,
                      const EvalContext&) -> StatusOr<EvalColumn> {
        const bool may_null = op == ArithOp::kDiv || op == ArithOp::kIntDiv ||
                              op == ArithOp::kMod || args[0].is_nullable() || args[1].is_nullable();
        auto run = [&]<ArithOp Op>() {
            return MapBinary<T, T, T>(args, rows, type, may_null,
                                      [](T a, T b, T* out) { return ApplyOp<Op>(a, b, out); });
        };
        switch (op) {
            case ArithOp::kAdd:
                return run.template operator()<ArithOp::kAdd>();
            case ArithOp::kSub:
                return run.template operator()<ArithOp::kSub>();
            case ArithOp::kMul:
                return run.template operator()<ArithOp::kMul>();
            case ArithOp::kDiv:
                return run.template operator()<ArithOp::kDiv>();
            case ArithOp::kMod:
                return run.template operator()<ArithOp::kMod>();
            case ArithOp::kIntDiv:
                return run.template operator()<ArithOp::kIntDiv>();
        }
        return Status::Internal("unknown arithmetic operator");
    };
}

// DECIMAL kernels. Arguments arrive as DECIMAL(38, sa) and DECIMAL(38, sb); the result has
// scale `rs`.
ScalarKernel DecimalKernel(ArithOp op, int sa, int sb, TypeDesc result) {
    return [op, sa, sb, result](std::span<const EvalColumn> args, size_t rows,
                                const EvalContext&) -> StatusOr<EvalColumn> {
        const int rs = result.scale;
        const int128_t scale_a = Pow10(std::max(0, std::max(sa, sb) - sa));
        const int128_t scale_b = Pow10(std::max(0, std::max(sa, sb) - sb));
        auto fn = [&](int128_t a, int128_t b, int128_t* out) -> bool {
            switch (op) {
                case ArithOp::kAdd:
                case ArithOp::kSub: {
                    int128_t x, y;
                    if (__builtin_mul_overflow(a, scale_a, &x) ||
                        __builtin_mul_overflow(b, scale_b, &y)) {
                        return false;
                    }
                    if (op == ArithOp::kAdd ? __builtin_add_overflow(x, y, out)
                                            : __builtin_sub_overflow(x, y, out)) {
                        return false;
                    }
                    return DecimalFits(*out);
                }
                case ArithOp::kMul:
                    return !__builtin_mul_overflow(a, b, out) && DecimalFits(*out);
                case ArithOp::kMod: {
                    if (b == 0) return false;
                    int128_t x, y;
                    if (__builtin_mul_overflow(a, scale_a, &x) ||
                        __builtin_mul_overflow(b, scale_b, &y)) {
                        return false;
                    }
                    *out = x % y;
                    return true;
                }
                case ArithOp::kDiv: {
                    if (b == 0) return false;
                    // a / 10^sa / (b / 10^sb) * 10^rs = a * 10^(rs - sa + sb) / b, rounded half
                    // away from zero.
                    int128_t num;
                    if (__builtin_mul_overflow(a, Pow10(rs - sa + sb), &num)) return false;
                    int128_t q = num / b;
                    int128_t r = num % b;
                    if (r != 0) {
                        const int128_t ar = r < 0 ? -r : r;
                        const int128_t ab = b < 0 ? -b : b;
                        if (ar * 2 >= ab) q += ((num < 0) != (b < 0)) ? -1 : 1;
                    }
                    *out = q;
                    return DecimalFits(q);
                }
                case ArithOp::kIntDiv: {
                    if (b == 0) return false;
                    int128_t x, y;
                    if (__builtin_mul_overflow(a, scale_a, &x) ||
                        __builtin_mul_overflow(b, scale_b, &y)) {
                        return false;
                    }
                    *out = x / y;
                    return true;
                }
            }
            return false;
        };
        return MapBinary<int128_t, int128_t, int128_t>(args, rows, result, true, fn);
    };
}

bool IsFloatingOrString(const TypeDesc& t) {
    return t.type == LogicalType::kFloat || t.type == LogicalType::kDouble || t.IsString() ||
           t.IsDateLike() || t.type == LogicalType::kJson;
}

StatusOr<FunctionBinding> BindArithmetic(ArithOp op, std::string_view name,
                                         std::span<const ArgInfo> args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    const TypeDesc& a = args[0].type;
    const TypeDesc& b = args[1].type;
    const bool nullable =
        AnyNullable(args) || op == ArithOp::kDiv || op == ArithOp::kIntDiv || op == ArithOp::kMod;
    const bool decimal = (a.type == LogicalType::kDecimal || b.type == LogicalType::kDecimal) &&
                         !IsFloatingOrString(a) && !IsFloatingOrString(b);
    if (decimal) {
        const int sa = DecimalScaleOf(a);
        const int sb = DecimalScaleOf(b);
        if (op == ArithOp::kIntDiv) {
            // DIV truncates the exact quotient: an integral DECIMAL.
            const TypeDesc result = Decimal38(0);
            return FunctionBinding{
                {Decimal38(sa), Decimal38(sb)}, result, true, DecimalKernel(op, sa, sb, result)};
        }
        int rs = std::max(sa, sb);
        if (op == ArithOp::kMul) rs = sa + sb;
        if (op == ArithOp::kDiv) rs = DecimalDivisionScale(sa);
        if (rs > 38) {
            return Status::InvalidArgument(
                fmt::format("{}: the result scale {} exceeds 38", name, rs),
                ErrorCode::kWrongArguments);
        }
        const TypeDesc result = Decimal38(rs);
        return FunctionBinding{
            {Decimal38(sa), Decimal38(sb)}, result, true, DecimalKernel(op, sa, sb, result)};
    }
    TypeDesc type = ArithmeticType(a, b);
    if (op == ArithOp::kDiv) type = TypeDesc::Of(LogicalType::kDouble);
    if (op == ArithOp::kIntDiv && type.type == LogicalType::kDouble) {
        // 7.5 DIV 2 = 3: the quotient computed in DOUBLE, truncated toward zero.
        type = TypeDesc::Of(LogicalType::kBigInt);
        const TypeDesc dbl = TypeDesc::Of(LogicalType::kDouble);
        ScalarKernel kernel = [type](std::span<const EvalColumn> args, size_t rows,
                                     const EvalContext&) -> StatusOr<EvalColumn> {
            return MapBinary<double, double, int64_t>(
                args, rows, type, true, [](double a, double b, int64_t* out) {
                    if (b == 0) return false;
                    const double q = std::trunc(a / b);
                    if (!std::isfinite(q) || std::fabs(q) >= 9.2e18) return false;
                    *out = static_cast<int64_t>(q);
                    return true;
                });
        };
        return FunctionBinding{{dbl, dbl}, type, true, std::move(kernel)};
    }
    ScalarKernel kernel;
    switch (type.type) {
        case LogicalType::kBigInt:
            kernel = NumericKernel<int64_t>(op, type);
            break;
        case LogicalType::kLargeInt:
            kernel = NumericKernel<int128_t>(op, type);
            break;
        default:
            kernel = NumericKernel<double>(op, type);
            break;
    }
    return FunctionBinding{{type, type}, type, nullable, std::move(kernel)};
}

// -x in type T (integers wrap: -(-2^63) is -2^63, as in StarRocks).
template <typename T>
FunctionBinding NegateBinding(const TypeDesc& type, bool nullable) {
    ScalarKernel kernel = [type](std::span<const EvalColumn> args, size_t rows,
                                 const EvalContext&) -> StatusOr<EvalColumn> {
        return MapUnary<T, T>(args, rows, type, args[0].is_nullable(), [](T v, T* out) {
            if constexpr (std::is_floating_point_v<T>) {
                *out = -v;
            } else {
                *out = static_cast<T>(UnsignedOf<T>{0} - static_cast<UnsignedOf<T>>(v));
            }
            return true;
        });
    };
    return FunctionBinding{{type}, type, nullable, std::move(kernel)};
}

StatusOr<FunctionBinding> BindNegative(std::string_view name, std::span<const ArgInfo> args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
    const TypeDesc& a = args[0].type;
    const bool nullable = args[0].nullable;
    if (a.type == LogicalType::kDecimal || a.type == LogicalType::kLargeInt) {
        return NegateBinding<int128_t>(a, nullable);
    }
    if (a.IsInteger() || a.type == LogicalType::kBoolean) {
        return NegateBinding<int64_t>(TypeDesc::Of(LogicalType::kBigInt), nullable);
    }
    // Strings are parsed as DOUBLE; text that does not parse is NULL.
    return NegateBinding<double>(TypeDesc::Of(LogicalType::kDouble), nullable || a.IsString());
}

enum class BitOp { kAnd, kOr, kXor };

StatusOr<FunctionBinding> BindBitwise(BitOp op, std::string_view name,
                                      std::span<const ArgInfo> args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    const TypeDesc t = TypeDesc::Of(LogicalType::kBigInt);
    return FunctionBinding{
        {t, t},
        t,
        AnyNullable(args),
        [op, t](std::span<const EvalColumn> args, size_t rows,
                const EvalContext&) -> StatusOr<EvalColumn> {
            const bool n = args[0].is_nullable() || args[1].is_nullable();
            return MapBinary<int64_t, int64_t, int64_t>(
                args, rows, t, n, [op](int64_t a, int64_t b, int64_t* out) {
                    *out = op == BitOp::kAnd ? (a & b) : op == BitOp::kOr ? (a | b) : (a ^ b);
                    return true;
                });
        }};
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
    auto reg = [&](const char* name, ArithOp op) {
        registry.Register(name, [op](std::string_view n, std::span<const ArgInfo> args) {
            return BindArithmetic(op, n, args);
        });
    };
    reg("add", ArithOp::kAdd);
    reg("subtract", ArithOp::kSub);
    reg("multiply", ArithOp::kMul);
    reg("divide", ArithOp::kDiv);
    reg("int_divide", ArithOp::kIntDiv);
    reg("mod", ArithOp::kMod);
    registry.Register("negative", BindNegative);
    auto bit = [&](const char* name, BitOp op) {
        registry.Register(name, [op](std::string_view n, std::span<const ArgInfo> args) {
            return BindBitwise(op, n, args);
        });
    };
    bit("bitand", BitOp::kAnd);
    bit("bitor", BitOp::kOr);
    bit("bitxor", BitOp::kXor);
    registry.Register(
        "bitnot",
        [](std::string_view n, std::span<const ArgInfo> args) -> StatusOr<FunctionBinding> {
            RETURN_IF_ERROR(CheckArity(n, args, 1, 1));
            const TypeDesc t = TypeDesc::Of(LogicalType::kBigInt);
            return FunctionBinding{{t},
                                   t,
                                   args[0].nullable,
                                   [t](std::span<const EvalColumn> a, size_t rows,
                                       const EvalContext&) -> StatusOr<EvalColumn> {
                                       return MapUnary<int64_t, int64_t>(
                                           a, rows, t, a[0].is_nullable(),
                                           [](int64_t v, int64_t* out) {
                                               *out = ~v;
                                               return true;
                                           });
                                   }};
        });
}

}  // namespace tributary
