// Math functions: abs, round / truncate / floor / ceil, sqrt / pow / log / exp and the
// trigonometric functions, sign, pi, greatest / least, pmod.
//
// Typing follows StarRocks: the floating-point functions take and give DOUBLE (text arguments
// are parsed, unparsable text is NULL); floor / ceil and one-argument round of a DOUBLE give
// BIGINT; round / truncate keep DECIMAL as DECIMAL (exactly, rounding half away from zero) and
// integers as integers; abs widens integers by one size so that abs(INT_MIN) fits. A result
// that is not a real number (sqrt(-1), ln(0), asin(2)) or does not fit its type is NULL.
//
// mod(a, b) is the `%` operator, registered with the arithmetic operators.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "column/type_dispatch.h"
#include "expr/function_registry.h"
#include "expr/function_util.h"
#include "expr/kernel_util.h"
#include "expr/type_coercion.h"
#include "types/cast.h"
#include "types/decimal.h"

namespace tributary {

namespace {

using Args = std::span<const ArgInfo>;
using Cols = std::span<const EvalColumn>;

TypeDesc Double() { return TypeDesc::Of(LogicalType::kDouble); }
TypeDesc BigInt() { return TypeDesc::Of(LogicalType::kBigInt); }
TypeDesc LargeInt() { return TypeDesc::Of(LogicalType::kLargeInt); }

// How a numeric function computes on an argument of some type.
enum class NumKind { kInteger, kLargeInt, kDecimal, kFloat, kDouble };

StatusOr<NumKind> Classify(std::string_view name, const TypeDesc& t) {
    switch (t.type) {
        case LogicalType::kBoolean:
        case LogicalType::kTinyInt:
        case LogicalType::kSmallInt:
        case LogicalType::kInt:
        case LogicalType::kBigInt:
            return NumKind::kInteger;
        case LogicalType::kLargeInt:
            return NumKind::kLargeInt;
        case LogicalType::kDecimal:
            return NumKind::kDecimal;
        case LogicalType::kFloat:
            return NumKind::kFloat;
        case LogicalType::kDouble:
        case LogicalType::kChar:
        case LogicalType::kVarchar:
            return NumKind::kDouble;
        default:
            return Status::InvalidArgument(
                fmt::format("{} expects a number, got {}", name, t.ToSql()),
                ErrorCode::kParseError);
    }
}

constexpr int128_t Pow10(int n) {
    int128_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

// Rounds (or truncates) `v` to a multiple of 10^digits, half away from zero. nullopt when the
// rounded value overflows int128 (only possible near its limits).
std::optional<int128_t> RoundToPow10(int128_t v, int64_t digits, bool truncate) {
    if (digits <= 0) return v;
    if (digits > 38) return int128_t{0};
    const int128_t p = Pow10(static_cast<int>(digits));
    int128_t q = v / p;
    const int128_t r = v % p;
    if (!truncate && (r >= 0 ? r : -r) * 2 >= p) q += v < 0 ? -1 : 1;
    int128_t out;
    if (__builtin_mul_overflow(q, p, &out)) return std::nullopt;
    return out;
}

// A double to an integer type, nullopt when it is NaN or out of range.
template <typename T>
std::optional<T> DoubleToInteger(double v) {
    constexpr double kLimit = std::is_same_v<T, int64_t> ? 9223372036854775808.0 : 1.7e38;
    if (!(v >= -kLimit && v < kLimit)) return std::nullopt;
    return static_cast<T>(v);
}

// --- Floating-point functions ---------------------------------------------------------------

// f(x) -> DOUBLE; NULL when the result is NaN or infinite.
FunctionBinder UnaryDouble(double (*fn)(double)) {
    return [fn](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        RETURN_IF_ERROR(Classify(name, args[0].type).status());
        return MakeBinding(args, {Double()}, Double(), true,
                           [fn](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               return MapUnary<double, double>(a, rows, Double(), nullable,
                                                               [fn](double x, double* out) {
                                                                   *out = fn(x);
                                                                   return std::isfinite(*out);
                                                               });
                           });
    };
}

// f(x, y) -> DOUBLE; NULL when the result is NaN or infinite.
FunctionBinder BinaryDouble(double (*fn)(double, double)) {
    return [fn](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
        RETURN_IF_ERROR(Classify(name, args[0].type).status());
        RETURN_IF_ERROR(Classify(name, args[1].type).status());
        return MakeBinding(args, {Double(), Double()}, Double(), true,
                           [fn](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               return MapBinary<double, double, double>(
                                   a, rows, Double(), nullable,
                                   [fn](double x, double y, double* out) {
                                       *out = fn(x, y);
                                       return std::isfinite(*out);
                                   });
                           });
    };
}

// log(x) is ln(x); log(base, x) is NULL for a base <= 0 or 1 and for x <= 0.
StatusOr<FunctionBinding> BindLog(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 2));
    if (args.size() == 1) return UnaryDouble([](double x) { return std::log(x); })(name, args);
    return BinaryDouble([](double base, double x) {
        if (base <= 0 || base == 1 || x <= 0) return std::nan("");
        return std::log(x) / std::log(base);
    })(name, args);
}

// A function of no arguments with a constant DOUBLE value (pi(), e()).
FunctionBinder ConstantDouble(double v) {
    return [v](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 0, 0));
        ScalarKernel kernel = [v](Cols, size_t, const EvalContext&) -> StatusOr<EvalColumn> {
            return MakeConstant(Double(), Value::Double(v));
        };
        return FunctionBinding{{}, Double(), false, std::move(kernel)};
    };
}

// sign(x) -> FLOAT (-1, 0, 1), as StarRocks types it.
StatusOr<FunctionBinding> BindSign(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
    RETURN_IF_ERROR(Classify(name, args[0].type).status());
    const TypeDesc result = TypeDesc::Of(LogicalType::kFloat);
    return MakeBinding(args, {Double()}, result, false,
                       [result](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           return MapUnary<double, float>(
                               a, rows, result, nullable, [](double x, float* out) {
                                   *out = x > 0 ? 1.0f : (x < 0 ? -1.0f : 0.0f);
                                   return true;
                               });
                       });
}

// --- abs ------------------------------------------------------------------------------------

template <typename A, typename R>
KernelBody AbsBody(TypeDesc result) {
    return [result](Cols a, size_t rows, const EvalContext&, bool nullable) {
        return MapUnary<A, R>(a, rows, result, nullable, [](A v, R* out) {
            if constexpr (std::is_same_v<A, int128_t>) {
                if (v == std::numeric_limits<int128_t>::min()) return false;  // LARGEINT min
            }
            if constexpr (std::is_floating_point_v<A>) {
                *out = std::fabs(v);
            } else {
                *out = v < 0 ? -static_cast<R>(v) : static_cast<R>(v);
            }
            return true;
        });
    };
}

StatusOr<FunctionBinding> BindAbs(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
    ASSIGN_OR_RETURN(NumKind kind, Classify(name, args[0].type));
    const TypeDesc t = args[0].type;
    switch (kind) {
        case NumKind::kInteger: {
            // One size wider, so abs(-128) fits: TINYINT -> SMALLINT ... BIGINT -> LARGEINT.
            switch (t.type) {
                case LogicalType::kBoolean:
                case LogicalType::kTinyInt:
                    return MakeBinding(
                        args, {TypeDesc::Of(LogicalType::kTinyInt)},
                        TypeDesc::Of(LogicalType::kSmallInt), false,
                        AbsBody<int8_t, int16_t>(TypeDesc::Of(LogicalType::kSmallInt)));
                case LogicalType::kSmallInt:
                    return MakeBinding(args, {t}, TypeDesc::Of(LogicalType::kInt), false,
                                       AbsBody<int16_t, int32_t>(TypeDesc::Of(LogicalType::kInt)));
                case LogicalType::kInt:
                    return MakeBinding(args, {t}, BigInt(), false,
                                       AbsBody<int32_t, int64_t>(BigInt()));
                default:
                    return MakeBinding(args, {t}, LargeInt(), false,
                                       AbsBody<int64_t, int128_t>(LargeInt()));
            }
        }
        case NumKind::kLargeInt:
            return MakeBinding(args, {t}, t, true, AbsBody<int128_t, int128_t>(t));
        case NumKind::kDecimal:
            return MakeBinding(args, {t}, t, false, AbsBody<int128_t, int128_t>(t));
        case NumKind::kFloat:
            return MakeBinding(args, {t}, t, false, AbsBody<float, float>(t));
        case NumKind::kDouble:
            return MakeBinding(args, {Double()}, Double(), false,
                               AbsBody<double, double>(Double()));
    }
    return Status::Internal("abs: unhandled argument kind");
}

// --- round / truncate / floor / ceil --------------------------------------------------------

enum class RoundMode { kRound, kTruncate, kFloor, kCeil };

double RoundDouble(double x, RoundMode mode) {
    switch (mode) {
        case RoundMode::kRound:
            return std::round(x);
        case RoundMode::kTruncate:
            return std::trunc(x);
        case RoundMode::kFloor:
            return std::floor(x);
        case RoundMode::kCeil:
            return std::ceil(x);
    }
    return x;
}

// x rounded to `digits` decimal places (negative: to the left of the point).
double RoundDoubleTo(double x, int64_t digits, RoundMode mode) {
    if (digits > 308 || !std::isfinite(x)) return x;
    if (digits < -308) return 0;
    const double p = std::pow(10.0, static_cast<double>(std::abs(digits)));
    if (digits >= 0) {
        const double scaled = x * p;
        if (!std::isfinite(scaled)) return x;
        return RoundDouble(scaled, mode) / p;
    }
    return RoundDouble(x / p, mode) * p;
}

// Decimal scale of a DECIMAL(p, s) rounded to `digits` places: s when unknown (not constant);
// more places than s widen the scale (round(1.5, 3) = 1.500, as StarRocks and MySQL print it).
int RoundedScale(int scale, const Value* digits) {
    if (digits == nullptr) return scale;
    return static_cast<int>(std::clamp<int64_t>(digits->Get<LogicalType::kBigInt>(), 0, 30));
}

// round(x[, d]) and truncate(x, d), typed as StarRocks types them (see the top of the file).
FunctionBinder RoundBinder(RoundMode mode, size_t min_args) {
    return [mode, min_args](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, min_args, 2));
        ASSIGN_OR_RETURN(NumKind kind, Classify(name, args[0].type));
        const bool has_digits = args.size() == 2;
        if (has_digits) RETURN_IF_ERROR(Classify(name, args[1].type).status());
        // The digits as a BIGINT constant when the binder knows them.
        std::optional<Value> digits_value;
        if (const Value* v = ConstantArg(args, 1); v != nullptr) {
            StatusOr<Value> c = CastValue(*v, args[1].type, BigInt());
            if (c.ok()) digits_value = *c;
        }
        const Value* digits = digits_value ? &*digits_value : nullptr;
        auto types = [&](const TypeDesc& x) {
            std::vector<TypeDesc> t{x};
            if (has_digits) t.push_back(BigInt());
            return t;
        };
        if (kind == NumKind::kDecimal) {
            const TypeDesc in = args[0].type;
            const int scale = has_digits ? RoundedScale(in.scale, digits) : 0;
            const int carry = mode == RoundMode::kRound ? 1 : 0;
            const TypeDesc result = TypeDesc::Decimal(
                std::clamp(in.precision - in.scale + scale + carry, 1, 38), scale);
            return MakeBinding(
                args, types(in), result, true,
                [in, result, mode](Cols a, size_t rows, const EvalContext&, bool nullable) {
                    FixedReader<int128_t> x(a[0]);
                    std::optional<FixedReader<int64_t>> d;
                    if (a.size() == 2) d.emplace(a[1]);
                    // The rounded value is at the input's scale; move it to the result's.
                    const int128_t down = Pow10(std::max(0, in.scale - result.scale));
                    const int128_t up = Pow10(std::max(0, result.scale - in.scale));
                    return MapRows<int128_t>(
                        a, rows, result, nullable, [&](size_t i, int128_t* out) {
                            const int64_t places =
                                d ? std::clamp<int64_t>(d->value(i), -100, in.scale) : 0;
                            const std::optional<int128_t> r =
                                RoundToPow10(x.value(i), int64_t{in.scale} - places,
                                             mode == RoundMode::kTruncate);
                            if (!r.has_value()) return false;
                            *out = *r / down * up;
                            return FitsDecimalPrecision(*out, result.precision);
                        });
                });
        }
        if (kind == NumKind::kInteger || kind == NumKind::kLargeInt) {
            const TypeDesc result = kind == NumKind::kLargeInt ? LargeInt() : BigInt();
            return MakeBinding(
                args, types(result), result, has_digits,
                [result, mode](Cols a, size_t rows, const EvalContext&, bool nullable) {
                    return VisitPhysicalType(result.type, [&]<typename Tag>(Tag) {
                        using T = typename Tag::type;
                        if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, int128_t>) {
                            FixedReader<T> x(a[0]);
                            std::optional<FixedReader<int64_t>> d;
                            if (a.size() == 2) d.emplace(a[1]);
                            return MapRows<T>(a, rows, result, nullable, [&](size_t i, T* out) {
                                const int64_t places = d ? std::max<int64_t>(d->value(i), -100) : 0;
                                if (places >= 0) {
                                    *out = x.value(i);
                                    return true;
                                }
                                const std::optional<int128_t> r =
                                    RoundToPow10(x.value(i), -places, mode == RoundMode::kTruncate);
                                if (!r.has_value()) return false;
                                if constexpr (std::is_same_v<T, int64_t>) {
                                    if (*r > INT64_MAX || *r < INT64_MIN) return false;
                                }
                                *out = static_cast<T>(*r);
                                return true;
                            });
                        } else {
                            return EvalColumn{};  // unreachable: result is BIGINT or LARGEINT
                        }
                    });
                });
        }
        if (!has_digits) {
            // round(DOUBLE) -> BIGINT.
            return MakeBinding(args, {Double()}, BigInt(), true,
                               [mode](Cols a, size_t rows, const EvalContext&, bool nullable) {
                                   return MapUnary<double, int64_t>(
                                       a, rows, BigInt(), nullable, [mode](double x, int64_t* out) {
                                           const std::optional<int64_t> v =
                                               DoubleToInteger<int64_t>(RoundDouble(x, mode));
                                           if (v.has_value()) *out = *v;
                                           return v.has_value();
                                       });
                               });
        }
        return MakeBinding(args, {Double(), BigInt()}, Double(), false,
                           [mode](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               return MapBinary<double, int64_t, double>(
                                   a, rows, Double(), nullable,
                                   [mode](double x, int64_t d, double* out) {
                                       *out = RoundDoubleTo(x, d, mode);
                                       return true;
                                   });
                           });
    };
}

// floor(x) / ceil(x) -> BIGINT (LARGEINT stays LARGEINT); NULL when out of range.
FunctionBinder FloorCeilBinder(RoundMode mode) {
    return [mode](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        ASSIGN_OR_RETURN(NumKind kind, Classify(name, args[0].type));
        if (kind == NumKind::kInteger || kind == NumKind::kLargeInt) {
            const TypeDesc t = kind == NumKind::kLargeInt ? LargeInt() : BigInt();
            return MakeBinding(
                args, {t}, t, false, [t](Cols a, size_t rows, const EvalContext&, bool nullable) {
                    return VisitPhysicalType(t.type, [&]<typename Tag>(Tag) {
                        using T = typename Tag::type;
                        if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) {
                            return MapUnary<T, T>(a, rows, t, nullable, [](T v, T* out) {
                                *out = v;
                                return true;
                            });
                        } else {
                            return EvalColumn{};  // unreachable
                        }
                    });
                });
        }
        if (kind == NumKind::kDecimal) {
            const TypeDesc in = args[0].type;
            return MakeBinding(args, {in}, BigInt(), true,
                               [in, mode](Cols a, size_t rows, const EvalContext&, bool nullable) {
                                   const int128_t p = Pow10(in.scale);
                                   return MapUnary<int128_t, int64_t>(
                                       a, rows, BigInt(), nullable, [&](int128_t v, int64_t* out) {
                                           int128_t q = v / p;
                                           const int128_t r = v % p;
                                           if (mode == RoundMode::kFloor && r < 0) --q;
                                           if (mode == RoundMode::kCeil && r > 0) ++q;
                                           if (q > INT64_MAX || q < INT64_MIN) return false;
                                           *out = static_cast<int64_t>(q);
                                           return true;
                                       });
                               });
        }
        return MakeBinding(args, {Double()}, BigInt(), true,
                           [mode](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               return MapUnary<double, int64_t>(
                                   a, rows, BigInt(), nullable, [mode](double x, int64_t* out) {
                                       const std::optional<int64_t> v =
                                           DoubleToInteger<int64_t>(RoundDouble(x, mode));
                                       if (v.has_value()) *out = *v;
                                       return v.has_value();
                                   });
                           });
    };
}

// pmod(a, b): the non-negative-divisor modulo ((a % b) + b) % b on BIGINT or DOUBLE; NULL for 0.
StatusOr<FunctionBinding> BindPmod(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    ASSIGN_OR_RETURN(NumKind ka, Classify(name, args[0].type));
    ASSIGN_OR_RETURN(NumKind kb, Classify(name, args[1].type));
    if (ka == NumKind::kInteger && kb == NumKind::kInteger) {
        return MakeBinding(args, {BigInt(), BigInt()}, BigInt(), true,
                           [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               return MapBinary<int64_t, int64_t, int64_t>(
                                   a, rows, BigInt(), nullable,
                                   [](int64_t x, int64_t y, int64_t* out) {
                                       if (y == 0) return false;
                                       if (y == -1) {
                                           *out = 0;
                                           return true;
                                       }
                                       const int64_t m = x % y;
                                       *out = (m != 0 && ((m < 0) != (y < 0))) ? m + y : m;
                                       return true;
                                   });
                           });
    }
    return BinaryDouble([](double x, double y) {
        if (y == 0) return std::nan("");
        const double m = std::fmod(x, y);
        return (m != 0 && ((m < 0) != (y < 0))) ? m + y : m;
    })(name, args);
}

// --- greatest / least -----------------------------------------------------------------------

FunctionBinder ExtremeBinder(bool greatest) {
    return [greatest](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckMinArity(name, args, 1));
        TypeDesc common = args[0].type;
        for (size_t i = 1; i < args.size(); ++i) {
            ASSIGN_OR_RETURN(common, CommonType(common, args[i].type));
        }
        return MakeBinding(
            args, std::vector<TypeDesc>(args.size(), common), common, false,
            [common, greatest](Cols a, size_t rows, const EvalContext&, bool nullable) {
                return VisitPhysicalType(common.type, [&]<typename Tag>(Tag) {
                    using T = typename Tag::type;
                    auto better = [greatest](const T& x, const T& best) {
                        return greatest ? best < x : x < best;
                    };
                    if constexpr (std::is_same_v<T, std::string_view>) {
                        std::vector<StringReader> readers(a.begin(), a.end());
                        return MapRowsToString(a, rows, nullable, [&](size_t i, std::string&) {
                            std::string_view best = readers[0].value(i);
                            for (size_t k = 1; k < readers.size(); ++k) {
                                if (better(readers[k].value(i), best)) best = readers[k].value(i);
                            }
                            return std::optional<std::string_view>(best);
                        });
                    } else {
                        std::vector<FixedReader<T>> readers(a.begin(), a.end());
                        return MapRows<T>(a, rows, common, nullable, [&](size_t i, T* out) {
                            T best = readers[0].value(i);
                            for (size_t k = 1; k < readers.size(); ++k) {
                                if (better(readers[k].value(i), best)) best = readers[k].value(i);
                            }
                            *out = best;
                            return true;
                        });
                    }
                });
            });
    };
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
    registry.Register("abs", BindAbs);
    registry.Register("round", RoundBinder(RoundMode::kRound, 1));
    registry.Alias("dround", "round");
    registry.Register("truncate", RoundBinder(RoundMode::kTruncate, 2));
    registry.Register("floor", FloorCeilBinder(RoundMode::kFloor));
    registry.Alias("dfloor", "floor");
    registry.Register("ceil", FloorCeilBinder(RoundMode::kCeil));
    registry.Alias("ceiling", "ceil");
    registry.Alias("dceil", "ceil");
    registry.Register("sqrt", UnaryDouble([](double x) { return std::sqrt(x); }));
    registry.Alias("dsqrt", "sqrt");
    registry.Register("cbrt", UnaryDouble([](double x) { return std::cbrt(x); }));
    registry.Register("exp", UnaryDouble([](double x) { return std::exp(x); }));
    registry.Alias("dexp", "exp");
    registry.Register("ln",
                      UnaryDouble([](double x) { return x > 0 ? std::log(x) : std::nan(""); }));
    registry.Alias("dlog1", "ln");
    registry.Register("log10",
                      UnaryDouble([](double x) { return x > 0 ? std::log10(x) : std::nan(""); }));
    registry.Alias("dlog10", "log10");
    registry.Register("log2",
                      UnaryDouble([](double x) { return x > 0 ? std::log2(x) : std::nan(""); }));
    registry.Register("log", BindLog);
    registry.Register("sin", UnaryDouble([](double x) { return std::sin(x); }));
    registry.Register("cos", UnaryDouble([](double x) { return std::cos(x); }));
    registry.Register("tan", UnaryDouble([](double x) { return std::tan(x); }));
    registry.Register("asin", UnaryDouble([](double x) { return std::asin(x); }));
    registry.Register("acos", UnaryDouble([](double x) { return std::acos(x); }));
    registry.Register("atan", UnaryDouble([](double x) { return std::atan(x); }));
    registry.Register("degrees",
                      UnaryDouble([](double x) { return x * 180.0 / std::numbers::pi; }));
    registry.Register("radians",
                      UnaryDouble([](double x) { return x * std::numbers::pi / 180.0; }));
    registry.Register("pow", BinaryDouble([](double x, double y) { return std::pow(x, y); }));
    registry.Alias("power", "pow");
    registry.Alias("dpow", "pow");
    registry.Register("atan2", BinaryDouble([](double y, double x) { return std::atan2(y, x); }));
    registry.Register("sign", BindSign);
    registry.Register("pi", ConstantDouble(std::numbers::pi));
    registry.Register("e", ConstantDouble(std::numbers::e));
    registry.Register("pmod", BindPmod);
    registry.Register("greatest", ExtremeBinder(true));
    registry.Register("least", ExtremeBinder(false));
}

}  // namespace tributary
