#include "frontend/simple_eval.h"

#include <fmt/format.h>

#include <cmath>

#include "base/string_util.h"
#include "frontend/session.h"
#include "frontend/version.h"

namespace tributary {
namespace {

Status Unsupported(const Expr& expr) {
    return Status::NotSupported(fmt::format(
        "expression '{}' is not supported here yet (at line {}, column {})", expr.ToSql(),
        expr.pos.line, expr.pos.column));
}

bool IsNumeric(const SimpleValue& v) {
    return v.kind == SimpleValue::Kind::kInt || v.kind == SimpleValue::Kind::kDouble;
}

double AsDouble(const SimpleValue& v) {
    if (v.kind == SimpleValue::Kind::kInt) return static_cast<double>(v.int_value);
    if (v.kind == SimpleValue::Kind::kDouble) return v.double_value;
    try {
        return std::stod(v.text);
    } catch (...) {
        return 0;  // MySQL converts non-numeric strings to 0
    }
}

SimpleValue Double(double d) {
    SimpleValue v;
    v.kind = SimpleValue::Kind::kDouble;
    v.double_value = d;
    v.text = fmt::format("{}", d);
    return v;
}

SimpleValue Bool(bool b) { return SimpleValue::Int(b ? 1 : 0); }

// -1, 0, 1; numbers compare numerically, otherwise case-insensitive text.
int Compare(const SimpleValue& a, const SimpleValue& b) {
    if (IsNumeric(a) && IsNumeric(b)) {
        double x = AsDouble(a), y = AsDouble(b);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    std::string x = ToLower(a.text), y = ToLower(b.text);
    return x < y ? -1 : (x > y ? 1 : 0);
}

StatusOr<SimpleValue> EvalFunction(const FunctionCallExpr& call, const Session& session,
                                   const ColumnResolver& columns) {
    std::string name = ToLower(call.name);
    std::vector<SimpleValue> args;
    for (const auto& arg : call.args) {
        ASSIGN_OR_RETURN(SimpleValue v, EvaluateSimple(*arg, session, columns));
        args.push_back(std::move(v));
    }
    auto no_args = [&]() -> Status {
        if (!args.empty()) {
            return Status::InvalidArgument(
                fmt::format("function {}() takes no arguments", call.name),
                ErrorCode::kWrongArguments);
        }
        return Status::OK();
    };
    if (name == "database" || name == "schema") {
        RETURN_IF_ERROR(no_args());
        if (session.current_db().empty()) return SimpleValue::Null();
        return SimpleValue::String(session.current_db());
    }
    if (name == "user" || name == "session_user" || name == "system_user") {
        RETURN_IF_ERROR(no_args());
        return SimpleValue::String(session.login_string());
    }
    if (name == "current_user") {
        RETURN_IF_ERROR(no_args());
        return SimpleValue::String(session.current_user_string());
    }
    if (name == "connection_id") {
        RETURN_IF_ERROR(no_args());
        return SimpleValue::Int(session.connection_id());
    }
    if (name == "version") {
        RETURN_IF_ERROR(no_args());
        return SimpleValue::String(kMysqlServerVersion);
    }
    if (name == "last_insert_id") return SimpleValue::Int(0);
    if (name == "concat") {
        std::string out;
        for (const auto& a : args) {
            if (a.is_null()) return SimpleValue::Null();
            out += a.text;
        }
        return SimpleValue::String(out);
    }
    if ((name == "lower" || name == "upper") && args.size() == 1) {
        if (args[0].is_null()) return SimpleValue::Null();
        return SimpleValue::String(name == "lower" ? ToLower(args[0].text)
                                                   : ToUpper(args[0].text));
    }
    return Unsupported(call);
}

StatusOr<SimpleValue> EvalBinary(const BinaryExpr& bin, const Session& session,
                                 const ColumnResolver& columns) {
    ASSIGN_OR_RETURN(SimpleValue l, EvaluateSimple(*bin.left, session, columns));
    if (bin.op == BinaryOp::kAnd && !l.is_null() && !l.Truthy()) return Bool(false);
    if (bin.op == BinaryOp::kOr && !l.is_null() && l.Truthy()) return Bool(true);
    ASSIGN_OR_RETURN(SimpleValue r, EvaluateSimple(*bin.right, session, columns));
    switch (bin.op) {
        case BinaryOp::kAnd:
            if (!r.is_null() && !r.Truthy()) return Bool(false);
            if (l.is_null() || r.is_null()) return SimpleValue::Null();
            return Bool(true);
        case BinaryOp::kOr:
            if (!r.is_null() && r.Truthy()) return Bool(true);
            if (l.is_null() || r.is_null()) return SimpleValue::Null();
            return Bool(false);
        case BinaryOp::kNullSafeEq:
            if (l.is_null() || r.is_null()) return Bool(l.is_null() && r.is_null());
            return Bool(Compare(l, r) == 0);
        default:
            break;
    }
    if (l.is_null() || r.is_null()) return SimpleValue::Null();
    switch (bin.op) {
        case BinaryOp::kEq: return Bool(Compare(l, r) == 0);
        case BinaryOp::kNe: return Bool(Compare(l, r) != 0);
        case BinaryOp::kLt: return Bool(Compare(l, r) < 0);
        case BinaryOp::kLe: return Bool(Compare(l, r) <= 0);
        case BinaryOp::kGt: return Bool(Compare(l, r) > 0);
        case BinaryOp::kGe: return Bool(Compare(l, r) >= 0);
        case BinaryOp::kAdd:
        case BinaryOp::kSub:
        case BinaryOp::kMul: {
            if (l.kind == SimpleValue::Kind::kInt && r.kind == SimpleValue::Kind::kInt) {
                int64_t out = 0;
                bool overflow = bin.op == BinaryOp::kAdd
                                    ? __builtin_add_overflow(l.int_value, r.int_value, &out)
                                : bin.op == BinaryOp::kSub
                                    ? __builtin_sub_overflow(l.int_value, r.int_value, &out)
                                    : __builtin_mul_overflow(l.int_value, r.int_value, &out);
                if (!overflow) return SimpleValue::Int(out);
            }
            double x = AsDouble(l), y = AsDouble(r);
            return Double(bin.op == BinaryOp::kAdd ? x + y : bin.op == BinaryOp::kSub ? x - y
                                                                                      : x * y);
        }
        case BinaryOp::kDiv: {
            double y = AsDouble(r);
            if (y == 0) return SimpleValue::Null();  // division by zero is NULL, as in MySQL
            return Double(AsDouble(l) / y);
        }
        default:
            return Unsupported(bin);
    }
}

}  // namespace

bool SimpleValue::Truthy() const {
    switch (kind) {
        case Kind::kNull: return false;
        case Kind::kInt: return int_value != 0;
        case Kind::kDouble: return double_value != 0;
        case Kind::kString: return AsDouble(*this) != 0;
    }
    return false;
}

std::optional<std::string> SimpleValue::ToText() const {
    if (kind == Kind::kNull) return std::nullopt;
    return text;
}

StatusOr<SimpleValue> EvaluateSimple(const Expr& expr, const Session& session,
                                     const ColumnResolver& columns) {
    switch (expr.kind) {
        case ExprKind::kLiteral: {
            const auto& lit = expr.As<LiteralExpr>();
            switch (lit.literal_kind) {
                case LiteralKind::kNull: return SimpleValue::Null();
                case LiteralKind::kBool: return Bool(lit.bool_value);
                case LiteralKind::kInt: return SimpleValue::Int(lit.int_value);
                case LiteralKind::kDecimal:
                case LiteralKind::kFloat: {
                    SimpleValue v = Double(std::strtod(lit.text.c_str(), nullptr));
                    v.text = lit.text;
                    return v;
                }
                default: return SimpleValue::String(lit.text);
            }
        }
        case ExprKind::kColumnRef: {
            const auto& ref = expr.As<ColumnRefExpr>();
            if (!columns) {
                return Status::NotFound(fmt::format("Unknown column '{}' in 'field list'",
                                                    ref.column),
                                        ErrorCode::kBadFieldError);
            }
            return columns(ref.column);
        }
        case ExprKind::kVariable: {
            const auto& var = expr.As<VariableExpr>();
            if (!var.is_system) return SimpleValue::Null();  // user variables are not kept yet
            ASSIGN_OR_RETURN(VariableValue v, session.variables().Get(var.name));
            if (v.kind != VariableKind::kString) return SimpleValue::Int(v.number);
            if (v.is_null) return SimpleValue::Null();
            return SimpleValue::String(v.text);
        }
        case ExprKind::kFunctionCall:
            return EvalFunction(expr.As<FunctionCallExpr>(), session, columns);
        case ExprKind::kUnary: {
            const auto& un = expr.As<UnaryExpr>();
            ASSIGN_OR_RETURN(SimpleValue v, EvaluateSimple(*un.operand, session, columns));
            if (v.is_null()) return v;
            switch (un.op) {
                case UnaryOp::kMinus:
                    if (v.kind == SimpleValue::Kind::kInt && v.int_value != INT64_MIN) {
                        return SimpleValue::Int(-v.int_value);
                    }
                    return Double(-AsDouble(v));
                case UnaryOp::kPlus: return v;
                case UnaryOp::kNot: return Bool(!v.Truthy());
                default: return Unsupported(expr);
            }
        }
        case ExprKind::kBinary:
            return EvalBinary(expr.As<BinaryExpr>(), session, columns);
        case ExprKind::kIsNull: {
            const auto& e = expr.As<IsNullExpr>();
            ASSIGN_OR_RETURN(SimpleValue v, EvaluateSimple(*e.expr, session, columns));
            return Bool(v.is_null() != e.negated);
        }
        case ExprKind::kLike: {
            const auto& e = expr.As<LikeExpr>();
            if (e.is_regexp || e.escape) return Unsupported(expr);
            ASSIGN_OR_RETURN(SimpleValue v, EvaluateSimple(*e.expr, session, columns));
            ASSIGN_OR_RETURN(SimpleValue p, EvaluateSimple(*e.pattern, session, columns));
            if (v.is_null() || p.is_null()) return SimpleValue::Null();
            return Bool(LikeMatch(v.text, p.text, true) != e.negated);
        }
        case ExprKind::kIn: {
            const auto& e = expr.As<InExpr>();
            if (e.subquery) return Unsupported(expr);
            ASSIGN_OR_RETURN(SimpleValue v, EvaluateSimple(*e.expr, session, columns));
            if (v.is_null()) return SimpleValue::Null();
            bool saw_null = false;
            for (const auto& item : e.list) {
                ASSIGN_OR_RETURN(SimpleValue c, EvaluateSimple(*item, session, columns));
                if (c.is_null()) {
                    saw_null = true;
                } else if (Compare(v, c) == 0) {
                    return Bool(!e.negated);
                }
            }
            if (saw_null) return SimpleValue::Null();
            return Bool(e.negated);
        }
        default:
            return Unsupported(expr);
    }
}

}  // namespace tributary
