// A small scalar evaluator for the expressions the frontend answers itself: the constant SELECTs
// clients send on connect (`SELECT @@version_comment LIMIT 1`, `SELECT DATABASE()`, ...) and the
// `WHERE` of SHOW statements (`SHOW VARIABLES WHERE Variable_name = 'x' OR ...`).
//
// Values are text with a kind; comparisons between strings are case-insensitive, as MySQL's
// default collation compares. Supported: literals, column references (resolved by the caller),
// system and user variables, unary -, NOT, + - * /, comparisons, AND / OR, [NOT] LIKE, [NOT] IN,
// IS [NOT] NULL, and the functions DATABASE/SCHEMA, USER/SESSION_USER/SYSTEM_USER,
// CURRENT_USER, CONNECTION_ID, VERSION, LAST_INSERT_ID, CONCAT, LOWER, UPPER. Anything else is
// NotSupported: queries over tables belong to the query engine (src/exec).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "sql/ast.h"

namespace tributary {

class Session;

struct SimpleValue {
    enum class Kind { kNull, kInt, kDouble, kString };
    Kind kind = Kind::kNull;
    int64_t int_value = 0;
    double double_value = 0;
    std::string text;

    static SimpleValue Null() { return SimpleValue{}; }
    static SimpleValue Int(int64_t v) { return SimpleValue{Kind::kInt, v, 0, std::to_string(v)}; }
    static SimpleValue String(std::string s) { return SimpleValue{Kind::kString, 0, 0, std::move(s)}; }
    bool is_null() const { return kind == Kind::kNull; }
    bool Truthy() const;
    std::optional<std::string> ToText() const;
};

// Resolves a column reference by name; NotFound when the name is unknown.
using ColumnResolver = std::function<StatusOr<SimpleValue>(const std::string& column)>;

StatusOr<SimpleValue> EvaluateSimple(const Expr& expr, const Session& session,
                                     const ColumnResolver& columns);

}  // namespace tributary
