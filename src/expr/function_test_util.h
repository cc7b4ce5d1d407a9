// Test helpers for the scalar function families: call a registered function the way a bound
// CallNode would (bind on the argument types, cast the arguments to the binding's types, run the
// kernel) without going through the parser.
//
//   EXPECT_EQ(Eval("substr", {Str("starrocks"), Int64(-5), Int64(5)}), "rocks");
//   EXPECT_EQ(ResultType("round", {Dec("3.14", 3, 2)}), "decimal(2, 0)");
//   EXPECT_EQ(EvalRows("upper", {Strings({"a", std::nullopt})}),
//             (std::vector<std::string>{"A", "NULL"}));
//
// Eval runs on constant arguments (one row, as the binder folds constants); EvalRows runs on
// full columns of several rows, mixed with constants, and checks every row against Eval of the
// same values so that the per-row and the constant paths must agree. Results are compared as
// text (Value::Format, "NULL" for NULL); a binding error comes back as "ERROR: <message>".
//
// The evaluation context is UTC unless a test passes its own, with a fixed statement time
// (kTestNowMicros, 2024-02-29 13:14:15.123456 UTC) so that now() is reproducible.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "column/value_append.h"
#include "expr/cast_kernel.h"
#include "expr/expr_binder.h"
#include "expr/function_registry.h"
#include "expr/type_coercion.h"
#include "sql/ast_query.h"  // ast_expr.h (via expr_binder.h) needs Query complete
#include "types/date_time.h"
#include "types/decimal.h"
#include "types/time_zone.h"

namespace tributary::function_test {

// 2024-02-29 13:14:15.123456 UTC.
inline constexpr int64_t kTestNowMicros = 1'709'212'455'123'456;

inline EvalContext TestContext(std::string_view zone = "UTC") {
    EvalContext ctx;
    StatusOr<std::shared_ptr<const TimeZone>> z = TimeZone::Find(zone);
    EXPECT_TRUE(z.ok()) << z.status().ToString();
    ctx.time_zone = z.ok() ? *z : TimeZone::Fixed("UTC", 0);
    ctx.now_unix_micros = kTestNowMicros;
    return ctx;
}

// --- Typed arguments ------------------------------------------------------------------------

inline TypedValue Str(std::string s) { return {AnyVarchar(), Value::String(std::move(s))}; }
inline TypedValue Int64(int64_t v) {
    return {TypeDesc::Of(LogicalType::kBigInt), Value::BigInt(v)};
}
inline TypedValue Int32(int32_t v) { return {TypeDesc::Of(LogicalType::kInt), Value::Int(v)}; }
inline TypedValue Int8(int8_t v) {
    return {TypeDesc::Of(LogicalType::kTinyInt), Value::TinyInt(v)};
}
inline TypedValue Dbl(double v) { return {TypeDesc::Of(LogicalType::kDouble), Value::Double(v)}; }
inline TypedValue Bool(bool v) { return {TypeDesc::Of(LogicalType::kBoolean), Value::Boolean(v)}; }
inline TypedValue Null(TypeDesc type) { return {type, Value::Null()}; }
inline TypedValue NullStr() { return Null(AnyVarchar()); }

// DECIMAL(p, s) from its text ("3.14").
inline TypedValue Dec(std::string_view text, int p, int s) {
    StatusOr<int128_t> v = ParseDecimal(text, p, s);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return {TypeDesc::Decimal(p, s), v.ok() ? Value::Decimal(*v) : Value::Null()};
}
inline TypedValue Date(std::string_view text) {
    StatusOr<int32_t> v = ParseDate(text);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return {TypeDesc::Of(LogicalType::kDate), v.ok() ? Value::Date(*v) : Value::Null()};
}
inline TypedValue DateTime(std::string_view text) {
    StatusOr<int64_t> v = ParseDateTime(text);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return {TypeDesc::Of(LogicalType::kDateTime), v.ok() ? Value::DateTime(*v) : Value::Null()};
}

// --- Scalar calls ---------------------------------------------------------------------------

struct CallResult {
    TypeDesc type;
    Value value;
    bool nullable = true;  // the binding's
};

// Binds `name` on `infos`, failing with NotFound for an unknown function.
inline StatusOr<FunctionBinding> BindFunction(std::string_view name,
                                              const std::vector<ArgInfo>& infos) {
    const FunctionBinder* binder = FunctionRegistry::Instance().Find(name);
    if (binder == nullptr) return Status::NotFound("no function " + std::string(name));
    return (*binder)(name, infos);
}

// Casts `input` to the type the binding asks for, as the binder's CastNode would.
inline StatusOr<EvalColumn> CastArg(EvalColumn input, const TypeDesc& to, size_t rows) {
    if (input.type() == to) return input;
    return CastColumn(input, to, rows);
}

// Checks what every kernel result must satisfy: the binding's type, its nullability, the rows.
inline void CheckResultShape(std::string_view name, const FunctionBinding& binding,
                             const EvalColumn& result, size_t rows) {
    EXPECT_EQ(result.type().ToSql(), binding.result_type.ToSql()) << name << ": result type";
    if (!binding.nullable) {
        EXPECT_FALSE(result.is_nullable()) << name << ": binding says the result is never NULL";
    }
    if (!result.constant) {
        EXPECT_EQ(result.column->size(), rows) << name << ": result rows";
    }
}

// Calls `name` on constant arguments (one row).
inline StatusOr<CallResult> Call(std::string_view name, const std::vector<TypedValue>& args,
                                 const EvalContext& ctx = TestContext()) {
    std::vector<ArgInfo> infos;
    for (const TypedValue& a : args) infos.push_back({a.type, a.value.is_null(), &a.value});
    ASSIGN_OR_RETURN(FunctionBinding binding, BindFunction(name, infos));
    EXPECT_EQ(binding.arg_types.size(), args.size()) << name << ": one type per argument";
    std::vector<EvalColumn> columns;
    for (size_t i = 0; i < args.size(); ++i) {
        ASSIGN_OR_RETURN(EvalColumn c, CastArg(MakeConstant(args[i].type, args[i].value),
                                               binding.arg_types[i], 1));
        columns.push_back(std::move(c));
    }
    ASSIGN_OR_RETURN(EvalColumn result, binding.kernel(columns, 1, ctx));
    CheckResultShape(name, binding, result, 1);
    return CallResult{binding.result_type, result.ValueAt(0), binding.nullable};
}

inline std::string Text(const TypeDesc& type, const Value& v) {
    return v.is_null() ? "NULL" : v.Format(type);
}

// The result of `name` on constant arguments as text: "NULL", or "ERROR: <message>".
inline std::string Eval(std::string_view name, const std::vector<TypedValue>& args,
                        const EvalContext& ctx = TestContext()) {
    StatusOr<CallResult> r = Call(name, args, ctx);
    if (!r.ok()) return "ERROR: " + std::string(r.status().message());
    return Text(r->type, r->value);
}

// The result type of `name` on these arguments, in SQL spelling ("bigint(20)").
inline std::string ResultType(std::string_view name, const std::vector<TypedValue>& args) {
    StatusOr<CallResult> r = Call(name, args);
    if (!r.ok()) return "ERROR: " + std::string(r.status().message());
    return r->type.ToSql();
}

// Whether the binding says `name` may return NULL for arguments of these types, none of which
// is NULL or constant.
inline bool MayReturnNull(std::string_view name, const std::vector<TypeDesc>& types) {
    std::vector<ArgInfo> infos;
    for (const TypeDesc& t : types) infos.push_back({t, false, nullptr});
    StatusOr<FunctionBinding> b = BindFunction(name, infos);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() && b->nullable;
}

// --- Column calls ---------------------------------------------------------------------------

// One argument of a column call: a column of values, or a constant.
struct ColumnArg {
    TypeDesc type;
    std::vector<Value> values;  // one per row; exactly one when constant
    bool constant = false;
};

inline ColumnArg Const(TypedValue v) { return {v.type, {v.value}, true}; }

template <typename T, typename Make>
ColumnArg MakeColumnArg(TypeDesc type, const std::vector<std::optional<T>>& values, Make make) {
    ColumnArg arg{type, {}, false};
    for (const auto& v : values) arg.values.push_back(v ? make(*v) : Value::Null());
    return arg;
}
inline ColumnArg Strings(const std::vector<std::optional<std::string>>& v) {
    return MakeColumnArg(AnyVarchar(), v, [](const std::string& s) { return Value::String(s); });
}
inline ColumnArg Int64s(const std::vector<std::optional<int64_t>>& v) {
    return MakeColumnArg(TypeDesc::Of(LogicalType::kBigInt), v, Value::BigInt);
}
inline ColumnArg Doubles(const std::vector<std::optional<double>>& v) {
    return MakeColumnArg(TypeDesc::Of(LogicalType::kDouble), v, Value::Double);
}
inline ColumnArg Bools(const std::vector<std::optional<bool>>& v) {
    return MakeColumnArg(TypeDesc::Of(LogicalType::kBoolean), v, Value::Boolean);
}
inline ColumnArg DateTimes(const std::vector<std::optional<std::string>>& v) {
    return MakeColumnArg(TypeDesc::Of(LogicalType::kDateTime), v,
                         [](const std::string& s) { return DateTime(s).value; });
}
inline ColumnArg Dates(const std::vector<std::optional<std::string>>& v) {
    return MakeColumnArg(TypeDesc::Of(LogicalType::kDate), v,
                         [](const std::string& s) { return Date(s).value; });
}

// Runs `name` over full columns (NULL rows included) and constants, returning each row as
// text. Every row is also checked against Eval of that row's values when both bindings give the
// same type, so the column path and the constant path must agree.
inline std::vector<std::string> EvalRows(std::string_view name, const std::vector<ColumnArg>& args,
                                         const EvalContext& ctx = TestContext()) {
    size_t rows = 1;
    for (const ColumnArg& a : args) {
        if (!a.constant) rows = a.values.size();
    }
    std::vector<ArgInfo> infos;
    for (const ColumnArg& a : args) {
        bool has_null = false;
        for (const Value& v : a.values) has_null = has_null || v.is_null();
        infos.push_back({a.type, has_null, a.constant ? &a.values[0] : nullptr});
    }
    StatusOr<FunctionBinding> binding = BindFunction(name, infos);
    if (!binding.ok()) return {"ERROR: " + std::string(binding.status().message())};
    std::vector<EvalColumn> columns;
    for (size_t i = 0; i < args.size(); ++i) {
        EvalColumn input;
        if (args[i].constant) {
            input = MakeConstant(args[i].type, args[i].values[0]);
        } else {
            EXPECT_EQ(args[i].values.size(), rows) << name << ": columns of different lengths";
            ColumnPtr column = MakeColumn(args[i].type, infos[i].nullable);
            for (const Value& v : args[i].values) {
                const Status st = AppendValue(column.get(), v);
                EXPECT_TRUE(st.ok()) << st.ToString();
            }
            input = EvalColumn(std::move(column), false);
        }
        StatusOr<EvalColumn> cast = CastArg(std::move(input), binding->arg_types[i], rows);
        if (!cast.ok()) return {"ERROR: " + std::string(cast.status().message())};
        columns.push_back(std::move(cast).value());
    }
    StatusOr<EvalColumn> result = binding->kernel(columns, rows, ctx);
    if (!result.ok()) return {"ERROR: " + std::string(result.status().message())};
    CheckResultShape(name, *binding, *result, rows);
    std::vector<std::string> out;
    for (size_t row = 0; row < rows; ++row) {
        out.push_back(Text(binding->result_type, result->ValueAt(row)));
        std::vector<TypedValue> scalars;
        for (const ColumnArg& a : args) {
            scalars.push_back({a.type, a.constant ? a.values[0] : a.values[row]});
        }
        StatusOr<CallResult> scalar = Call(name, scalars, ctx);
        if (scalar.ok() && scalar->type == binding->result_type) {
            EXPECT_EQ(out.back(), Text(scalar->type, scalar->value))
                << name << ": row " << row << " differs between the column and constant paths";
        }
    }
    return out;
}

using Rows = std::vector<std::string>;

}  // namespace tributary::function_test
