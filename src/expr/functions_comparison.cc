// Comparison operators (= != < <= > >= <=>), LIKE and REGEXP.
//
// Both sides are cast to ComparisonType (type_coercion.h), except that a constant which fits
// the other side's type exactly is cast to that type instead, so `int_col = 5` compares INTs
// and `date_col >= '2023-03-01'` compares DATEs without widening the column. Strings compare
// bytewise (StarRocks' default, case-sensitive); LIKE is case-sensitive too.
#include <fmt/format.h>

#include <regex>

#include "base/string_util.h"
#include "column/type_dispatch.h"
#include "expr/function_registry.h"
#include "expr/kernel_util.h"
#include "expr/type_coercion.h"
#include "types/cast.h"

namespace tributary {

namespace {

enum class CmpOp { kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq };

template <typename T>
inline bool Compare(CmpOp op, const T& a, const T& b) {
    switch (op) {
        case CmpOp::kEq:
        case CmpOp::kNullSafeEq:
            return a == b;
        case CmpOp::kNe:
            return !(a == b);
        case CmpOp::kLt:
            return a < b;
        case CmpOp::kLe:
            return a <= b;
        case CmpOp::kGt:
            return b < a;
        case CmpOp::kGe:
            return b <= a;
    }
    return false;
}

// One loop per operator so that the comparison is inlined into it.
template <typename T, CmpOp Op>
void CompareLoop(const FixedReader<T>& a, const FixedReader<T>& b, size_t rows, uint8_t* out) {
    for (size_t i = 0; i < rows; ++i) out[i] = Compare(Op, a.value(i), b.value(i));
}

template <typename T>
void CompareFixed(CmpOp op, const EvalColumn& x, const EvalColumn& y, size_t rows, uint8_t* out) {
    FixedReader<T> a(x);
    FixedReader<T> b(y);
    switch (op) {
        case CmpOp::kEq:
        case CmpOp::kNullSafeEq:
            CompareLoop<T, CmpOp::kEq>(a, b, rows, out);
            break;
        case CmpOp::kNe:
            CompareLoop<T, CmpOp::kNe>(a, b, rows, out);
            break;
        case CmpOp::kLt:
            CompareLoop<T, CmpOp::kLt>(a, b, rows, out);
            break;
        case CmpOp::kLe:
            CompareLoop<T, CmpOp::kLe>(a, b, rows, out);
            break;
        case CmpOp::kGt:
            CompareLoop<T, CmpOp::kGt>(a, b, rows, out);
            break;
        case CmpOp::kGe:
            CompareLoop<T, CmpOp::kGe>(a, b, rows, out);
            break;
    }
}

void CompareStrings(CmpOp op, const EvalColumn& x, const EvalColumn& y, size_t rows, uint8_t* out) {
    StringReader a(x);
    StringReader b(y);
    for (size_t i = 0; i < rows; ++i) out[i] = Compare(op, a.value(i), b.value(i));
}

ScalarKernel ComparisonKernel(CmpOp op, LogicalType type) {
    return [op, type](std::span<const EvalColumn> args, size_t rows,
                      const EvalContext&) -> StatusOr<EvalColumn> {
        FixedBuilder<uint8_t> out(TypeDesc::Of(LogicalType::kBoolean), rows);
        uint8_t* values = out.data();
        VisitPhysicalType(type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            if constexpr (std::is_same_v<T, std::string_view>) {
                CompareStrings(op, args[0], args[1], rows, values);
            } else {
                CompareFixed<T>(op, args[0], args[1], rows, values);
            }
        });
        const bool a_null = args[0].is_nullable();
        const bool b_null = args[1].is_nullable();
        if (!a_null && !b_null) return std::move(out).Finish(false);
        uint8_t* nulls = out.nulls();
        // Null maps read like FixedReader does: index masked to 0 for a constant.
        static const uint8_t kNotNull = 0;
        const uint8_t* a_nulls = a_null ? args[0].null_map() : &kNotNull;
        const uint8_t* b_nulls = b_null ? args[1].null_map() : &kNotNull;
        const size_t a_mask = (a_null && !args[0].constant) ? ~size_t{0} : 0;
        const size_t b_mask = (b_null && !args[1].constant) ? ~size_t{0} : 0;
        for (size_t i = 0; i < rows; ++i) {
            const bool an = a_nulls[i & a_mask] != 0;
            const bool bn = b_nulls[i & b_mask] != 0;
            if (op == CmpOp::kNullSafeEq) {
                // NULL <=> NULL is TRUE; NULL <=> value is FALSE.
                if (an || bn) values[i] = an && bn;
            } else {
                nulls[i] = an || bn;
                if (nulls[i]) values[i] = 0;
            }
        }
        return std::move(out).Finish(op != CmpOp::kNullSafeEq);
    };
}

// When one side is a constant that converts to the other side's type and back without change,
// compare in the other side's type.
bool ConstantFits(const ArgInfo& constant, const TypeDesc& target) {
    if (constant.constant == nullptr || constant.constant->is_null()) return false;
    if (constant.type == target) return true;
    const bool to_date = target.IsDateLike() && constant.type.IsString();
    const bool int_to_int = target.IsInteger() && constant.type.IsInteger();
    if (!to_date && !int_to_int) return false;
    StatusOr<Value> there = CastValue(*constant.constant, constant.type, target);
    if (!there.ok()) return false;
    if (to_date) {
        // '2023-03-01' fits a DATE; '2023-03-01 10:00' does not (it would be truncated).
        if (target.type == LogicalType::kDateTime) return true;
        StatusOr<Value> as_dt =
            CastValue(*constant.constant, constant.type, TypeDesc::Of(LogicalType::kDateTime));
        StatusOr<Value> back = CastValue(*there, target, TypeDesc::Of(LogicalType::kDateTime));
        return as_dt.ok() && back.ok() && *as_dt == *back;
    }
    StatusOr<Value> back = CastValue(*there, target, constant.type);
    return back.ok() && *back == *constant.constant;
}

StatusOr<FunctionBinding> BindComparison(CmpOp op, std::string_view name,
                                         std::span<const ArgInfo> args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    TypeDesc type;
    if (ConstantFits(args[1], args[0].type) && args[0].constant == nullptr) {
        type = args[0].type;
    } else if (ConstantFits(args[0], args[1].type) && args[1].constant == nullptr) {
        type = args[1].type;
    } else {
        ASSIGN_OR_RETURN(type, ComparisonType(args[0].type, args[1].type));
    }
    if (type.IsString()) type = AnyVarchar();
    const bool nullable = op != CmpOp::kNullSafeEq && AnyNullable(args);
    return FunctionBinding{{type, type},
                           TypeDesc::Of(LogicalType::kBoolean),
                           nullable,
                           ComparisonKernel(op, type.type)};
}

// A LIKE pattern compiled once: the common shapes ('abc', 'abc%', '%abc', '%abc%') use plain
// string searches; anything else uses the general matcher.
class LikePattern {
public:
    explicit LikePattern(std::string pattern) : pattern_(std::move(pattern)) {
        const bool has_escape = pattern_.find('\\') != std::string::npos;
        const bool has_underscore = pattern_.find('_') != std::string::npos;
        if (has_escape || has_underscore) return;
        std::string_view p = pattern_;
        const bool lead = !p.empty() && p.front() == '%';
        const bool trail = p.size() > (lead ? 1u : 0u) && p.back() == '%';
        std::string_view core = p.substr(lead ? 1 : 0);
        if (trail) core.remove_suffix(1);
        if (core.find('%') != std::string_view::npos) return;
        literal_ = std::string(core);
        shape_ = lead ? (trail ? Shape::kContains : Shape::kSuffix)
                      : (trail ? Shape::kPrefix : Shape::kExact);
        if (p == "%" || p == "%%") shape_ = Shape::kAny;
    }

    bool Match(std::string_view text) const {
        switch (shape_) {
            case Shape::kAny:
                return true;
            case Shape::kExact:
                return text == literal_;
            case Shape::kPrefix:
                return text.starts_with(literal_);
            case Shape::kSuffix:
                return text.ends_with(literal_);
            case Shape::kContains:
                return text.find(literal_) != std::string_view::npos;
            case Shape::kGeneral:
                return LikeMatch(text, pattern_, /*ignore_case=*/false);
        }
        return false;
    }

private:
    enum class Shape { kGeneral, kAny, kExact, kPrefix, kSuffix, kContains };
    std::string pattern_;
    std::string literal_;
    Shape shape_ = Shape::kGeneral;
};

StatusOr<FunctionBinding> BindLike(std::string_view name, std::span<const ArgInfo> args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    const TypeDesc s = AnyVarchar();
    const TypeDesc boolean = TypeDesc::Of(LogicalType::kBoolean);
    const bool nullable = AnyNullable(args);
    if (args[1].constant != nullptr && !args[1].constant->is_null() && args[1].type.IsString()) {
        auto pattern =
            std::make_shared<LikePattern>(args[1].constant->Get<LogicalType::kVarchar>());
        return FunctionBinding{{s, s},
                               boolean,
                               nullable,
                               [pattern, boolean](std::span<const EvalColumn> a, size_t rows,
                                                  const EvalContext&) -> StatusOr<EvalColumn> {
                                   return MapStringToFixed<uint8_t>(
                                       a, rows, boolean, a[0].is_nullable() || a[1].is_nullable(),
                                       [&](std::string_view v, uint8_t* out) {
                                           *out = pattern->Match(v);
                                           return true;
                                       });
                               }};
    }
    return FunctionBinding{
        {s, s},
        boolean,
        nullable,
        [boolean](std::span<const EvalColumn> a, size_t rows,
                  const EvalContext&) -> StatusOr<EvalColumn> {
            StringReader text(a[0]);
            StringReader pattern(a[1]);
            FixedBuilder<uint8_t> out(boolean, rows);
            for (size_t i = 0; i < rows; ++i) {
                const bool is_null = text.is_null(i) || pattern.is_null(i);
                out.Set(i, !is_null && LikeMatch(text.value(i), pattern.value(i), false), is_null);
            }
            return std::move(out).Finish(a[0].is_nullable() || a[1].is_nullable());
        }};
}

StatusOr<FunctionBinding> BindRegexp(std::string_view name, std::span<const ArgInfo> args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    const TypeDesc s = AnyVarchar();
    const TypeDesc boolean = TypeDesc::Of(LogicalType::kBoolean);
    std::shared_ptr<std::regex> compiled;
    if (args[1].constant != nullptr && !args[1].constant->is_null() && args[1].type.IsString()) {
        try {
            compiled = std::make_shared<std::regex>(args[1].constant->Get<LogicalType::kVarchar>(),
                                                    std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            return Status::InvalidArgument(
                fmt::format("invalid regular expression '{}': {}",
                            args[1].constant->Get<LogicalType::kVarchar>(), e.what()),
                ErrorCode::kWrongArguments);
        }
    }
    return FunctionBinding{{s, s},
                           boolean,
                           true,
                           [compiled, boolean](std::span<const EvalColumn> a, size_t rows,
                                               const EvalContext&) -> StatusOr<EvalColumn> {
                               StringReader text(a[0]);
                               StringReader pattern(a[1]);
                               FixedBuilder<uint8_t> out(boolean, rows);
                               for (size_t i = 0; i < rows; ++i) {
                                   if (text.is_null(i) || pattern.is_null(i)) {
                                       out.SetNull(i);
                                       continue;
                                   }
                                   const std::string_view v = text.value(i);
                                   if (compiled) {
                                       out.Set(i, std::regex_search(v.begin(), v.end(), *compiled));
                                       continue;
                                   }
                                   try {
                                       std::regex re{std::string(pattern.value(i))};
                                       out.Set(i, std::regex_search(v.begin(), v.end(), re));
                                   } catch (const std::regex_error&) {
                                       out.SetNull(i);  // a bad per-row pattern matches nothing
                                   }
                               }
                               return std::move(out).Finish(true);
                           }};
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
    auto reg = [&](const char* name, CmpOp op) {
        registry.Register(name, [op](std::string_view n, std::span<const ArgInfo> args) {
            return BindComparison(op, n, args);
        });
    };
    reg("eq", CmpOp::kEq);
    reg("ne", CmpOp::kNe);
    reg("lt", CmpOp::kLt);
    reg("le", CmpOp::kLe);
    reg("gt", CmpOp::kGt);
    reg("ge", CmpOp::kGe);
    reg("eq_for_null", CmpOp::kNullSafeEq);
    registry.Register("like", BindLike);
    registry.Register("regexp", BindRegexp);
    registry.Alias("rlike", "regexp");
}

}  // namespace tributary
