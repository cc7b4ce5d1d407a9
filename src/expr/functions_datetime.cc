// Date and time functions: extraction (year, hour, ...), arithmetic (date_add, datediff,
// date_trunc, ...), unix time conversion, and MySQL format strings (date_format, str_to_date,
// from_unixtime).
//
// DATE and DATETIME are wall-clock values (types/date_time.h); the session time zone
// (EvalContext::time_zone) only enters where unix time does: now(), unix_timestamp(),
// from_unixtime(). Arguments of other types are cast by the bindings: text to DATETIME (so
// year('2020-05-08') works, and unparsable text is NULL), numbers to BIGINT. Results leaving
// 0000-01-01 .. 9999-12-31 are NULL. Units (date_trunc's, INTERVAL's) must be constants; a bad
// unit fails the statement when it is bound.
//
// Format strings follow MySQL's DATE_FORMAT specifiers (date_format.h); a constant
// format is compiled once per binding, not once per row. StarRocks' Java-style spellings
// 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd' and 'yyyyMMdd' are accepted as whole formats.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <memory>

#include "base/string_util.h"
#include "expr/date_format.h"
#include "expr/function_registry.h"
#include "expr/function_util.h"
#include "expr/kernel_util.h"
#include "expr/type_coercion.h"
#include "types/date_time.h"
#include "types/time_zone.h"

namespace tributary {

namespace {

using Args = std::span<const ArgInfo>;
using Cols = std::span<const EvalColumn>;

TypeDesc DateType() { return TypeDesc::Of(LogicalType::kDate); }
TypeDesc DateTimeType() { return TypeDesc::Of(LogicalType::kDateTime); }
TypeDesc BigInt() { return TypeDesc::Of(LogicalType::kBigInt); }
TypeDesc Int() { return TypeDesc::Of(LogicalType::kInt); }
TypeDesc Varchar() { return AnyVarchar(); }

// A format known when binding (compiled once), or compiled per row from a column.
class FormatSource {
public:
    FormatSource(Args args, size_t index) {
        if (const Value* v = ConstantArg(args, index);
            v != nullptr && args[index].type.IsString()) {
            constant_ = std::make_shared<const DateFormat>(v->Get<LogicalType::kVarchar>());
        }
    }
    const DateFormat* constant() const { return constant_.get(); }

private:
    std::shared_ptr<const DateFormat> constant_;
};

// StarRocks' date_format gives NULL for results longer than this.
constexpr size_t kMaxFormattedBytes = 128;

// --- Binding helpers ------------------------------------------------------------------------

// True when argument i is a DATE, which a binding may read as is instead of casting to DATETIME.
bool IsDateArg(Args args, size_t i) { return args[i].type.type == LogicalType::kDate; }

// A constant unit argument, upper-cased, or an error naming the function.
StatusOr<std::string> ConstantUnit(std::string_view name, Args args, size_t i) {
    const Value* v = ConstantArg(args, i);
    if (v == nullptr || !args[i].type.IsString()) {
        return Status::InvalidArgument(fmt::format("{}: the unit must be a constant string", name),
                                       ErrorCode::kParseError);
    }
    return ToUpper(v->Get<LogicalType::kVarchar>());
}

Status BadUnit(std::string_view name, std::string_view unit) {
    return Status::InvalidArgument(fmt::format("{}: unknown unit '{}'", name, unit),
                                   ErrorCode::kParseError);
}

// A part of a DATE or DATETIME that depends on the day only, as INT.
// A date part (year, month, ...) of many days, each distinct day computed once: a column of
// dates spans few distinct days, so a small direct-mapped cache turns the calendar arithmetic
// into a load and a compare.
class DayPartCache {
public:
    explicit DayPartCache(int32_t (*part)(int32_t days)) : part_(part) { days_.fill(kEmpty); }
    int32_t Get(int32_t day) {
        const size_t slot = static_cast<uint32_t>(day) & (kSlots - 1);
        if (days_[slot] != day) {
            days_[slot] = day;
            values_[slot] = part_(day);
        }
        return values_[slot];
    }

private:
    static constexpr size_t kSlots = 1024;
    static constexpr int32_t kEmpty = INT32_MIN;  // not a valid DATE
    int32_t (*part_)(int32_t);
    std::array<int32_t, kSlots> days_;
    std::array<int32_t, kSlots> values_{};
};

FunctionBinder DatePart(int32_t (*part)(int32_t days)) {
    return [part](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        if (IsDateArg(args, 0)) {
            return MakeBinding(args, {DateType()}, Int(), false,
                               [part](Cols a, size_t rows, const EvalContext&, bool nullable) {
                                   auto cache = std::make_unique<DayPartCache>(part);
                                   return MapUnary<int32_t, int32_t>(
                                       a, rows, Int(), nullable, [&](int32_t d, int32_t* out) {
                                           *out = cache->Get(d);
                                           return true;
                                       });
                               });
        }
        return MakeBinding(args, {DateTimeType()}, Int(), false,
                           [part](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               auto cache = std::make_unique<DayPartCache>(part);
                               return MapUnary<int64_t, int32_t>(
                                   a, rows, Int(), nullable, [&](int64_t t, int32_t* out) {
                                       *out = cache->Get(DateOfDateTime(t));
                                       return true;
                                   });
                           });
    };
}

// A part of the time of day (hour, minute, second) as INT; a DATE is midnight.
FunctionBinder TimePart(int64_t divisor, int64_t modulus) {
    return [divisor, modulus](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        return MakeBinding(
            args, {DateTimeType()}, Int(), false,
            [divisor, modulus](Cols a, size_t rows, const EvalContext&, bool nullable) {
                return MapUnary<int64_t, int32_t>(
                    a, rows, Int(), nullable, [=](int64_t t, int32_t* out) {
                        const int64_t of_day = t - DateTimeOfDate(DateOfDateTime(t));
                        *out = static_cast<int32_t>(of_day / divisor % modulus);
                        return true;
                    });
            });
    };
}

// A DATE computed from a DATE (date(), last_day(), ...); DATETIME arguments use their day.
FunctionBinder DateToDate(
    size_t max_args, std::function<StatusOr<int32_t (*)(int32_t)>(std::string_view, Args)> choose) {
    return [max_args, choose](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, max_args));
        ASSIGN_OR_RETURN(int32_t(*fn)(int32_t), choose(name, args));
        std::vector<TypeDesc> types{IsDateArg(args, 0) ? DateType() : DateTimeType()};
        if (args.size() == 2) types.push_back(Varchar());
        const bool from_date = IsDateArg(args, 0);
        return MakeBinding(args, std::move(types), DateType(), false,
                           [fn, from_date](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               if (from_date) {
                                   return MapUnary<int32_t, int32_t>(a, rows, DateType(), nullable,
                                                                     [fn](int32_t d, int32_t* out) {
                                                                         *out = fn(d);
                                                                         return true;
                                                                     });
                               }
                               return MapUnary<int64_t, int32_t>(a, rows, DateType(), nullable,
                                                                 [fn](int64_t t, int32_t* out) {
                                                                     *out = fn(DateOfDateTime(t));
                                                                     return true;
                                                                 });
                           });
    };
}

int32_t LastDayOfMonth(int32_t days) {
    const CivilDate d = CivilFromDays(days);
    return DaysFromCivil({d.year, d.month, DaysInMonth(d.year, d.month)});
}
int32_t LastDayOfQuarter(int32_t days) {
    const CivilDate d = CivilFromDays(days);
    const int32_t month = (d.month - 1) / 3 * 3 + 3;
    return DaysFromCivil({d.year, month, DaysInMonth(d.year, month)});
}
int32_t LastDayOfYear(int32_t days) { return DaysFromCivil({CivilFromDays(days).year, 12, 31}); }

StatusOr<int32_t (*)(int32_t)> ChooseLastDay(std::string_view name, Args args) {
    if (args.size() == 1) return &LastDayOfMonth;
    ASSIGN_OR_RETURN(std::string unit, ConstantUnit(name, args, 1));
    if (unit == "MONTH") return &LastDayOfMonth;
    if (unit == "QUARTER") return &LastDayOfQuarter;
    if (unit == "YEAR") return &LastDayOfYear;
    return BadUnit(name, unit);
}

// --- Current time ---------------------------------------------------------------------------

// now(), curdate(), unix_timestamp(), utc_timestamp(): one value per statement.
FunctionBinder Current(TypeDesc type, Value (*fn)(const EvalContext&)) {
    return [type, fn](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 0, 0));
        ScalarKernel kernel = [type, fn](Cols, size_t,
                                         const EvalContext& ctx) -> StatusOr<EvalColumn> {
            return MakeConstant(type, fn(ctx));
        };
        return FunctionBinding{{}, type, false, std::move(kernel)};
    };
}

int64_t NowSeconds(const EvalContext& ctx) {
    return ctx.now_unix_micros / kMicrosPerSecond -
           (ctx.now_unix_micros % kMicrosPerSecond < 0 ? 1 : 0);
}

Value NowInZone(const EvalContext& ctx) {
    StatusOr<int64_t> t = ctx.time_zone->ToDateTime(NowSeconds(ctx));
    return Value::DateTime(t.ok() ? *t : 0);
}

// --- Unix time ------------------------------------------------------------------------------

// StarRocks' unix_timestamp gives 0 outside 1970-01-01 .. 2038-01-19 03:14:07 UTC.
int64_t ClampUnixTimestamp(int64_t seconds) {
    return seconds < 0 || seconds > INT32_MAX ? 0 : seconds;
}

StatusOr<FunctionBinding> BindUnixTimestamp(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 0, 2));
    if (args.empty()) {
        return Current(BigInt(), [](const EvalContext& ctx) {
            return Value::BigInt(ClampUnixTimestamp(NowSeconds(ctx)));
        })(name, args);
    }
    if (args.size() == 1) {
        return MakeBinding(args, {DateTimeType()}, BigInt(), false,
                           [](Cols a, size_t rows, const EvalContext& ctx, bool nullable) {
                               const TimeZone& zone = *ctx.time_zone;
                               return MapUnary<int64_t, int64_t>(
                                   a, rows, BigInt(), nullable, [&](int64_t t, int64_t* out) {
                                       *out = ClampUnixTimestamp(zone.ToUnixSeconds(t));
                                       return true;
                                   });
                           });
    }
    FormatSource format(args, 1);
    return MakeBinding(args, {Varchar(), Varchar()}, BigInt(), true,
                       [format](Cols a, size_t rows, const EvalContext& ctx, bool nullable) {
                           const TimeZone& zone = *ctx.time_zone;
                           StringReader text(a[0]);
                           StringReader fmt_text(a[1]);
                           return MapRows<int64_t>(
                               a, rows, BigInt(), nullable, [&](size_t i, int64_t* out) {
                                   const std::optional<int64_t> t =
                                       format.constant() != nullptr
                                           ? format.constant()->Parse(text.value(i))
                                           : DateFormat(fmt_text.value(i)).Parse(text.value(i));
                                   if (!t.has_value()) return false;
                                   *out = ClampUnixTimestamp(zone.ToUnixSeconds(*t));
                                   return true;
                               });
                       });
}

// Largest unix time from_unixtime accepts (9999-12-31 23:59:59 less a day, as StarRocks).
constexpr int64_t kMaxFromUnixTime = 253'402'243'199;

StatusOr<FunctionBinding> BindFromUnixTime(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 2));
    std::vector<TypeDesc> types{BigInt()};
    if (args.size() == 2) types.push_back(Varchar());
    const auto standard = std::make_shared<const DateFormat>("%Y-%m-%d %H:%i:%s");
    FormatSource format(args, 1);
    return MakeBinding(
        args, std::move(types), Varchar(), true,
        [format, standard](Cols a, size_t rows, const EvalContext& ctx, bool nullable) {
            const TimeZone& zone = *ctx.time_zone;
            FixedReader<int64_t> seconds(a[0]);
            const bool has_format = a.size() == 2;
            std::optional<StringReader> fmt_text;
            if (has_format) fmt_text.emplace(a[1]);
            const DateFormat* fixed = has_format ? format.constant() : standard.get();
            std::optional<DateFormatter> formatter;
            if (fixed != nullptr) formatter.emplace(*fixed);
            return MapRowsToString(
                a, rows, nullable,
                [&](size_t i, std::string& out) -> std::optional<std::string_view> {
                    const int64_t s = seconds.value(i);
                    if (s < 0 || s > kMaxFromUnixTime) return std::nullopt;
                    StatusOr<int64_t> t = zone.ToDateTime(s);
                    if (!t.ok()) return std::nullopt;
                    std::string_view text;
                    if (formatter) {
                        text = formatter->Format(*t);
                    } else {
                        out.clear();
                        DateFormat(fmt_text->value(i)).Format(*t, out);
                        text = out;
                    }
                    if (text.size() > kMaxFormattedBytes) return std::nullopt;
                    return text;
                });
        });
}

// --- Format strings -------------------------------------------------------------------------

StatusOr<FunctionBinding> BindDateFormat(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    FormatSource format(args, 1);
    return MakeBinding(args, {DateTimeType(), Varchar()}, Varchar(), true,
                       [format](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           FixedReader<int64_t> t(a[0]);
                           StringReader fmt_text(a[1]);
                           std::optional<DateFormatter> formatter;
                           if (format.constant() != nullptr) formatter.emplace(*format.constant());
                           return MapRowsToString(
                               a, rows, nullable,
                               [&](size_t i, std::string& out) -> std::optional<std::string_view> {
                                   std::string_view text;
                                   if (formatter) {
                                       text = formatter->Format(t.value(i));
                                   } else {
                                       out.clear();
                                       DateFormat(fmt_text.value(i)).Format(t.value(i), out);
                                       text = out;
                                   }
                                   if (text.size() > kMaxFormattedBytes) return std::nullopt;
                                   return text;
                               });
                       });
}

// str_to_date(text, format): DATETIME, or DATE when the format is a constant without time
// fields (as StarRocks types it).
StatusOr<FunctionBinding> BindStrToDate(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    FormatSource format(args, 1);
    const bool as_date = format.constant() != nullptr && !format.constant()->has_time();
    const TypeDesc result = as_date ? DateType() : DateTimeType();
    return MakeBinding(
        args, {Varchar(), Varchar()}, result, true,
        [format, as_date, result](Cols a, size_t rows, const EvalContext&, bool nullable) {
            StringReader text(a[0]);
            StringReader fmt_text(a[1]);
            auto parse = [&](size_t i) {
                return format.constant() != nullptr
                           ? format.constant()->Parse(text.value(i))
                           : DateFormat(fmt_text.value(i)).Parse(text.value(i));
            };
            if (as_date) {
                return MapRows<int32_t>(a, rows, result, nullable, [&](size_t i, int32_t* out) {
                    const std::optional<int64_t> t = parse(i);
                    if (t.has_value()) *out = DateOfDateTime(*t);
                    return t.has_value();
                });
            }
            return MapRows<int64_t>(a, rows, result, nullable, [&](size_t i, int64_t* out) {
                const std::optional<int64_t> t = parse(i);
                if (t.has_value()) *out = *t;
                return t.has_value();
            });
        });
}

// --- Arithmetic -----------------------------------------------------------------------------

enum class Unit { kYear, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kSecond, kMilli, kMicro };

std::optional<Unit> ParseUnit(std::string_view upper) {
    static constexpr std::pair<std::string_view, Unit> kUnits[] = {
        {"YEAR", Unit::kYear},        {"QUARTER", Unit::kQuarter}, {"MONTH", Unit::kMonth},
        {"WEEK", Unit::kWeek},        {"DAY", Unit::kDay},         {"HOUR", Unit::kHour},
        {"MINUTE", Unit::kMinute},    {"SECOND", Unit::kSecond},   {"MILLISECOND", Unit::kMilli},
        {"MICROSECOND", Unit::kMicro}};
    for (const auto& [text, unit] : kUnits) {
        if (upper == text) return unit;
    }
    return std::nullopt;
}

// Months in one unit for calendar units, 0 otherwise.
int64_t MonthsPer(Unit u) {
    return u == Unit::kYear ? 12 : u == Unit::kQuarter ? 3 : u == Unit::kMonth ? 1 : 0;
}

// Microseconds in one unit for fixed-length units.
int64_t MicrosPer(Unit u) {
    switch (u) {
        case Unit::kWeek:
            return 7 * kMicrosPerDay;
        case Unit::kDay:
            return kMicrosPerDay;
        case Unit::kHour:
            return 3600 * kMicrosPerSecond;
        case Unit::kMinute:
            return 60 * kMicrosPerSecond;
        case Unit::kSecond:
            return kMicrosPerSecond;
        case Unit::kMilli:
            return 1000;
        case Unit::kMicro:
            return 1;
        default:
            return 0;
    }
}

// datetime + n units, nullopt outside the valid range.
std::optional<int64_t> AddUnits(int64_t t, int64_t n, Unit u) {
    if (const int64_t months = MonthsPer(u); months != 0) {
        int64_t total;
        if (__builtin_mul_overflow(n, months, &total)) return std::nullopt;
        StatusOr<int64_t> r = AddMonthsToDateTime(t, total);
        return r.ok() ? std::optional<int64_t>(*r) : std::nullopt;
    }
    int64_t micros;
    if (__builtin_mul_overflow(n, MicrosPer(u), &micros)) return std::nullopt;
    StatusOr<int64_t> r = AddMicros(t, micros);
    return r.ok() ? std::optional<int64_t>(*r) : std::nullopt;
}

ScalarKernel AddKernel(Unit unit, bool subtract, size_t datetime_arg, size_t amount_arg) {
    return [=](Cols a, size_t rows, const EvalContext&) -> StatusOr<EvalColumn> {
        FixedReader<int64_t> t(a[datetime_arg]);
        FixedReader<int64_t> n(a[amount_arg]);
        return MapRows<int64_t>(a, rows, DateTimeType(), true, [&](size_t i, int64_t* out) {
            const int64_t amount = n.value(i);
            if (subtract && amount == INT64_MIN) return false;
            const std::optional<int64_t> r =
                AddUnits(t.value(i), subtract ? -amount : amount, unit);
            if (r.has_value()) *out = *r;
            return r.has_value();
        });
    };
}

// date_add(d, n) adds days; date_add(d, n, unit) is what the binder makes of
// date_add(d, INTERVAL n unit). The result is DATETIME, as StarRocks types it.
FunctionBinder DateAddBinder(bool subtract) {
    return [subtract](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 3));
        Unit unit = Unit::kDay;
        std::vector<TypeDesc> types{DateTimeType(), BigInt()};
        if (args.size() == 3) {
            ASSIGN_OR_RETURN(std::string text, ConstantUnit(name, args, 2));
            const std::optional<Unit> parsed = ParseUnit(text);
            if (!parsed.has_value()) return BadUnit(name, text);
            unit = *parsed;
            types.push_back(Varchar());
        }
        return FunctionBinding{std::move(types), DateTimeType(), true,
                               AddKernel(unit, subtract, 0, 1)};
    };
}

// years_add(d, n), days_sub(d, n), ...
FunctionBinder FixedUnitAdd(Unit unit, bool subtract) {
    return [unit, subtract](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
        return FunctionBinding{
            {DateTimeType(), BigInt()}, DateTimeType(), true, AddKernel(unit, subtract, 0, 1)};
    };
}

// timestampadd(unit, n, d).
StatusOr<FunctionBinding> BindTimestampAdd(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    ASSIGN_OR_RETURN(std::string text, ConstantUnit(name, args, 0));
    const std::optional<Unit> unit = ParseUnit(text);
    if (!unit.has_value()) return BadUnit(name, text);
    return FunctionBinding{
        {Varchar(), BigInt(), DateTimeType()}, DateTimeType(), true, AddKernel(*unit, false, 2, 1)};
}

// to - from in whole units, truncated toward zero; calendar units count complete months as
// MySQL's TIMESTAMPDIFF does (2003-01-31 to 2003-02-28 is 0 months).
int64_t DiffUnits(int64_t from, int64_t to, Unit u) {
    if (const int64_t per = MonthsPer(u); per != 0) {
        const CivilDateTime a = CivilFromDateTime(from);
        const CivilDateTime b = CivilFromDateTime(to);
        int64_t months = (int64_t{b.date.year} - a.date.year) * 12 + (b.date.month - a.date.month);
        const int64_t a_rest = from - DateTimeOfDate(DaysFromCivil({a.date.year, a.date.month, 1}));
        const int64_t b_rest = to - DateTimeOfDate(DaysFromCivil({b.date.year, b.date.month, 1}));
        if (months > 0 && b_rest < a_rest) --months;
        if (months < 0 && b_rest > a_rest) ++months;
        return months / per;
    }
    return (to - from) / MicrosPer(u);
}

ScalarKernel DiffKernel(Unit unit, size_t from_arg, size_t to_arg, bool nullable) {
    return [=](Cols a, size_t rows, const EvalContext&) -> StatusOr<EvalColumn> {
        FixedReader<int64_t> from(a[from_arg]);
        FixedReader<int64_t> to(a[to_arg]);
        return MapRows<int64_t>(a, rows, BigInt(), nullable, [&](size_t i, int64_t* out) {
            *out = DiffUnits(from.value(i), to.value(i), unit);
            return true;
        });
    };
}

// timestampdiff(unit, from, to) = to - from.
StatusOr<FunctionBinding> BindTimestampDiff(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    ASSIGN_OR_RETURN(std::string text, ConstantUnit(name, args, 0));
    const std::optional<Unit> unit = ParseUnit(text);
    if (!unit.has_value()) return BadUnit(name, text);
    std::vector<TypeDesc> types{Varchar(), DateTimeType(), DateTimeType()};
    const bool nullable = MayBeNullAfterCast(args, types);
    return FunctionBinding{std::move(types), BigInt(), nullable, DiffKernel(*unit, 1, 2, nullable)};
}

// years_diff(to, from), days_diff(to, from), ...: StarRocks' argument order.
FunctionBinder FixedUnitDiff(Unit unit) {
    return [unit](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
        std::vector<TypeDesc> types{DateTimeType(), DateTimeType()};
        const bool nullable = MayBeNullAfterCast(args, types);
        return FunctionBinding{std::move(types), BigInt(), nullable,
                               DiffKernel(unit, 1, 0, nullable)};
    };
}

StatusOr<FunctionBinding> BindDateDiff(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    return MakeBinding(args, {DateTimeType(), DateTimeType()}, Int(), false,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           return MapBinary<int64_t, int64_t, int32_t>(
                               a, rows, Int(), nullable, [](int64_t x, int64_t y, int32_t* out) {
                                   *out = DateOfDateTime(x) - DateOfDateTime(y);
                                   return true;
                               });
                       });
}

// date_trunc(unit, d): DATE for a DATE truncated to a day or coarser, DATETIME otherwise.
int32_t TruncDays(int32_t days, Unit u) {
    const CivilDate d = CivilFromDays(days);
    switch (u) {
        case Unit::kYear:
            return DaysFromCivil({d.year, 1, 1});
        case Unit::kQuarter:
            return DaysFromCivil({d.year, (d.month - 1) / 3 * 3 + 1, 1});
        case Unit::kMonth:
            return DaysFromCivil({d.year, d.month, 1});
        case Unit::kWeek:
            return days - WeekdayOf(days);
        default:
            return days;
    }
}

StatusOr<FunctionBinding> BindDateTrunc(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    ASSIGN_OR_RETURN(std::string text, ConstantUnit(name, args, 0));
    const std::optional<Unit> unit = ParseUnit(text);
    if (!unit.has_value() || *unit == Unit::kMilli || *unit == Unit::kMicro) {
        return BadUnit(name, text);
    }
    const Unit u = *unit;
    const bool coarse = MonthsPer(u) != 0 || u == Unit::kWeek || u == Unit::kDay;
    if (coarse && IsDateArg(args, 1)) {
        return MakeBinding(args, {Varchar(), DateType()}, DateType(), false,
                           [u](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               FixedReader<int32_t> d(a[1]);
                               return MapRows<int32_t>(a, rows, DateType(), nullable,
                                                       [&](size_t i, int32_t* out) {
                                                           *out = TruncDays(d.value(i), u);
                                                           return true;
                                                       });
                           });
    }
    return MakeBinding(args, {Varchar(), DateTimeType()}, DateTimeType(), false,
                       [u, coarse](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           FixedReader<int64_t> t(a[1]);
                           const int64_t step = coarse ? 0 : MicrosPer(u);
                           return MapRows<int64_t>(
                               a, rows, DateTimeType(), nullable, [&](size_t i, int64_t* out) {
                                   const int64_t v = t.value(i);
                                   if (coarse) {
                                       *out = DateTimeOfDate(TruncDays(DateOfDateTime(v), u));
                                   } else {
                                       *out = v - ((v % step) + step) % step;
                                   }
                                   return true;
                               });
                       });
}

// convert_tz(datetime, from_zone, to_zone); NULL for unknown zones.
StatusOr<FunctionBinding> BindConvertTz(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    auto zone_of = [&](size_t i) -> std::shared_ptr<const TimeZone> {
        const Value* v = ConstantArg(args, i);
        if (v == nullptr || !args[i].type.IsString()) return nullptr;
        StatusOr<std::shared_ptr<const TimeZone>> z =
            TimeZone::Find(v->Get<LogicalType::kVarchar>());
        return z.ok() ? *z : nullptr;
    };
    std::shared_ptr<const TimeZone> from_const = zone_of(1);
    std::shared_ptr<const TimeZone> to_const = zone_of(2);
    return MakeBinding(
        args, {DateTimeType(), Varchar(), Varchar()}, DateTimeType(), true,
        [from_const, to_const](Cols a, size_t rows, const EvalContext&, bool nullable) {
            FixedReader<int64_t> t(a[0]);
            StringReader from_name(a[1]);
            StringReader to_name(a[2]);
            auto find = [](std::string_view zone_name) -> std::shared_ptr<const TimeZone> {
                StatusOr<std::shared_ptr<const TimeZone>> z = TimeZone::Find(zone_name);
                return z.ok() ? *z : nullptr;
            };
            return MapRows<int64_t>(a, rows, DateTimeType(), nullable, [&](size_t i, int64_t* out) {
                std::shared_ptr<const TimeZone> from =
                    from_const ? from_const : find(from_name.value(i));
                std::shared_ptr<const TimeZone> to = to_const ? to_const : find(to_name.value(i));
                if (from == nullptr || to == nullptr) return false;
                const int64_t v = t.value(i);
                const int64_t micros =
                    ((v % kMicrosPerSecond) + kMicrosPerSecond) % kMicrosPerSecond;
                StatusOr<int64_t> r = to->ToDateTime(from->ToUnixSeconds(v));
                if (!r.ok()) return false;
                *out = *r + micros;
                return true;
            });
        });
}

// week(d[, mode]) with MySQL's modes 0..7 (default 0).
StatusOr<FunctionBinding> BindWeek(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 2));
    std::vector<TypeDesc> types{DateTimeType()};
    if (args.size() == 2) types.push_back(BigInt());
    return MakeBinding(args, std::move(types), Int(), false,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           FixedReader<int64_t> t(a[0]);
                           std::optional<FixedReader<int64_t>> mode;
                           if (a.size() == 2) mode.emplace(a[1]);
                           return MapRows<int32_t>(
                               a, rows, Int(), nullable, [&](size_t i, int32_t* out) {
                                   const int32_t days = DateOfDateTime(t.value(i));
                                   int32_t year;
                                   *out = CalcWeek(days, CivilFromDays(days),
                                                   WeekBehaviour(mode ? mode->value(i) : 0), &year);
                                   return true;
                               });
                       });
}

// dayname / monthname.
FunctionBinder NameOf(bool month) {
    return [month](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        return MakeBinding(args, {DateTimeType()}, Varchar(), false,
                           [month](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               FixedReader<int64_t> t(a[0]);
                               return MapRowsToString(
                                   a, rows, nullable, [&](size_t i, std::string&) {
                                       const int32_t days = DateOfDateTime(t.value(i));
                                       return std::optional<std::string_view>(
                                           month ? kMonthNames[CivilFromDays(days).month - 1]
                                                 : kDayNames[WeekdayOf(days)]);
                                   });
                           });
    };
}

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& registry) {
    // Current time.
    registry.Register("now", Current(DateTimeType(), NowInZone));
    registry.Alias("current_timestamp", "now");
    registry.Alias("localtime", "now");
    registry.Alias("localtimestamp", "now");
    registry.Register(
        "curdate", Current(DateType(), [](const EvalContext& ctx) {
            return Value::Date(DateOfDateTime(NowInZone(ctx).Get<LogicalType::kDateTime>()));
        }));
    registry.Alias("current_date", "curdate");
    registry.Register("utc_timestamp", Current(DateTimeType(), [](const EvalContext& ctx) {
                          return Value::DateTime(NowSeconds(ctx) * kMicrosPerSecond);
                      }));
    registry.Register("unix_timestamp", BindUnixTimestamp);
    registry.Register("from_unixtime", BindFromUnixTime);

    // Parts.
    registry.Register("year", DatePart([](int32_t d) { return CivilFromDays(d).year; }));
    registry.Register("month", DatePart([](int32_t d) { return CivilFromDays(d).month; }));
    registry.Register("day", DatePart([](int32_t d) { return CivilFromDays(d).day; }));
    registry.Alias("dayofmonth", "day");
    registry.Register("quarter",
                      DatePart([](int32_t d) { return (CivilFromDays(d).month - 1) / 3 + 1; }));
    registry.Register("dayofweek", DatePart([](int32_t d) { return DayOfWeek(d); }));
    registry.Register("weekday", DatePart([](int32_t d) { return WeekdayOf(d); }));
    registry.Register("dayofyear",
                      DatePart([](int32_t d) { return DayOfYear(d, CivilFromDays(d)); }));
    registry.Register("weekofyear", DatePart([](int32_t d) {
                          int32_t year;
                          return CalcWeek(d, CivilFromDays(d), kWeekMondayFirst | kWeekYear, &year);
                      }));
    registry.Register("week", BindWeek);
    registry.Register("hour", TimePart(3600 * kMicrosPerSecond, 24));
    registry.Register("minute", TimePart(60 * kMicrosPerSecond, 60));
    registry.Register("second", TimePart(kMicrosPerSecond, 60));
    registry.Register("dayname", NameOf(false));
    registry.Register("monthname", NameOf(true));
    registry.Register("date", DateToDate(1, [](std::string_view, Args) {
                          return StatusOr<int32_t (*)(int32_t)>(+[](int32_t d) { return d; });
                      }));
    registry.Alias("to_date", "date");
    registry.Register("last_day", DateToDate(2, ChooseLastDay));

    // Formats.
    registry.Register("date_format", BindDateFormat);
    registry.Register("str_to_date", BindStrToDate);

    // Arithmetic.
    registry.Register("date_add", DateAddBinder(false));
    registry.Alias("adddate", "date_add");
    registry.Register("date_sub", DateAddBinder(true));
    registry.Alias("subdate", "date_sub");
    registry.Register("timestampadd", BindTimestampAdd);
    registry.Register("timestampdiff", BindTimestampDiff);
    registry.Register("datediff", BindDateDiff);
    registry.Register("date_trunc", BindDateTrunc);
    registry.Register("convert_tz", BindConvertTz);
    static constexpr std::pair<std::string_view, Unit> kFixedUnits[] = {
        {"years", Unit::kYear},        {"quarters", Unit::kQuarter}, {"months", Unit::kMonth},
        {"weeks", Unit::kWeek},        {"days", Unit::kDay},         {"hours", Unit::kHour},
        {"minutes", Unit::kMinute},    {"seconds", Unit::kSecond},   {"milliseconds", Unit::kMilli},
        {"microseconds", Unit::kMicro}};
    for (const auto& [prefix, unit] : kFixedUnits) {
        registry.Register(std::string(prefix) + "_add", FixedUnitAdd(unit, false));
        registry.Register(std::string(prefix) + "_sub", FixedUnitAdd(unit, true));
        registry.Register(std::string(prefix) + "_diff", FixedUnitDiff(unit));
    }
    registry.Alias("add_months", "months_add");
}

}  // namespace tributary
