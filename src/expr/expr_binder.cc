#include "expr/expr_binder.h"

#include <fmt/format.h>

#include "base/string_util.h"
#include "expr/cast_kernel.h"
#include "expr/expr_nodes.h"
#include "expr/function_registry.h"
#include "expr/type_coercion.h"
#include "sql/ast_query.h"
#include "types/cast.h"
#include "types/decimal.h"

namespace tributary {

namespace {

bool IsNullLiteral(const ExprNode& node) {
    return IsLiteral(node) && static_cast<const LiteralNode&>(node).value().is_null();
}

// Replaces a tree without column references by its value.
StatusOr<ExprNodePtr> Fold(ExprNodePtr node, const EvalContext& ctx) {
    if (IsLiteral(*node)) return node;
    for (const ExprNodePtr& child : node->children()) {
        if (!IsLiteral(*child)) return node;
    }
    ASSIGN_OR_RETURN(Value v, EvaluateConstant(*node, ctx));
    return ExprNodePtr(std::make_unique<LiteralNode>(node->type(), std::move(v)));
}

// A string needs no cast into a string type at least as long: kernels read bytes either way.
bool CastNeeded(const TypeDesc& from, const TypeDesc& to) {
    if (from == to) return false;
    if (from.IsString() && to.IsString() && to.length >= from.length) return false;
    return true;
}

Status NotSupported(std::string_view what) {
    return Status::NotSupported(fmt::format("{} is not supported yet", what),
                                ErrorCode::kNotSupportedYet);
}

const char* OperatorFunction(BinaryOp op) {
    switch (op) {
        case BinaryOp::kEq:
            return "eq";
        case BinaryOp::kNullSafeEq:
            return "eq_for_null";
        case BinaryOp::kNe:
            return "ne";
        case BinaryOp::kLt:
            return "lt";
        case BinaryOp::kLe:
            return "le";
        case BinaryOp::kGt:
            return "gt";
        case BinaryOp::kGe:
            return "ge";
        case BinaryOp::kAdd:
            return "add";
        case BinaryOp::kSub:
            return "subtract";
        case BinaryOp::kMul:
            return "multiply";
        case BinaryOp::kDiv:
            return "divide";
        case BinaryOp::kMod:
            return "mod";
        case BinaryOp::kIntDiv:
            return "int_divide";
        case BinaryOp::kBitOr:
            return "bitor";
        case BinaryOp::kBitAnd:
            return "bitand";
        case BinaryOp::kBitXor:
            return "bitxor";
        default:
            return nullptr;
    }
}

bool IsSessionFunction(std::string_view lower) {
    return lower == "database" || lower == "schema" || lower == "user" || lower == "current_user" ||
           lower == "session_user" || lower == "system_user" || lower == "connection_id" ||
           lower == "version" || lower == "last_insert_id";
}

bool IsAggregateName(std::string_view lower) {
    return lower == "count" || lower == "sum" || lower == "min" || lower == "max" || lower == "avg";
}

class Binder {
public:
    Binder(const BindScope& scope, const EvalContext& ctx) : scope_(scope), ctx_(ctx) {}

    StatusOr<ExprNodePtr> Bind(const Expr& expr) {
        ASSIGN_OR_RETURN(ExprNodePtr intercepted, scope_.Intercept(expr));
        if (intercepted) return intercepted;
        switch (expr.kind) {
            case ExprKind::kLiteral: {
                ASSIGN_OR_RETURN(TypedValue v, BindLiteral(expr.As<LiteralExpr>()));
                return ExprNodePtr(std::make_unique<LiteralNode>(v.type, std::move(v.value)));
            }
            case ExprKind::kColumnRef: {
                ASSIGN_OR_RETURN(BoundColumn c, scope_.ResolveColumn(expr.As<ColumnRefExpr>()));
                return ExprNodePtr(
                    std::make_unique<ColumnNode>(c.index, c.type, c.nullable, std::move(c.name)));
            }
            case ExprKind::kVariable:
                return BindVariable(expr.As<VariableExpr>());
            case ExprKind::kFunctionCall:
                return BindCall(expr.As<FunctionCallExpr>());
            case ExprKind::kCast:
                return BindCast(expr.As<CastExpr>());
            case ExprKind::kCase:
                return BindCase(expr.As<CaseExpr>());
            case ExprKind::kUnary:
                return BindUnary(expr.As<UnaryExpr>());
            case ExprKind::kBinary:
                return BindBinary(expr.As<BinaryExpr>());
            case ExprKind::kIsNull: {
                const auto& e = expr.As<IsNullExpr>();
                ASSIGN_OR_RETURN(ExprNodePtr child, Bind(*e.expr));
                return Fold(std::make_unique<IsNullNode>(std::move(child), e.negated), ctx_);
            }
            case ExprKind::kIsBool:
                return BindIsBool(expr.As<IsBoolExpr>());
            case ExprKind::kIn:
                return BindIn(expr.As<InExpr>());
            case ExprKind::kBetween:
                return BindBetween(expr.As<BetweenExpr>());
            case ExprKind::kLike:
                return BindLike(expr.As<LikeExpr>());
            case ExprKind::kSubquery:
                return NotSupported("A subquery used as a value");
            case ExprKind::kInterval:
                return Status::InvalidArgument(
                    "INTERVAL may only be added to or subtracted from a date",
                    ErrorCode::kParseError);
            case ExprKind::kStar:
                return Status::InvalidArgument("'*' is only allowed in a select list",
                                               ErrorCode::kParseError);
            case ExprKind::kDefault:
                return Status::InvalidArgument("DEFAULT is not allowed in an expression",
                                               ErrorCode::kParseError);
        }
        return Status::Internal("unknown expression kind");
    }

    StatusOr<ExprNodePtr> ToBoolean(ExprNodePtr node) {
        return CastNode(std::move(node), TypeDesc::Of(LogicalType::kBoolean), ctx_);
    }

private:
    StatusOr<ExprNodePtr> Constant(StatusOr<TypedValue> v) {
        RETURN_IF_ERROR(v.status());
        return ExprNodePtr(std::make_unique<LiteralNode>(v->type, std::move(v->value)));
    }

    StatusOr<ExprNodePtr> BindVariable(const VariableExpr& var) {
        std::optional<StatusOr<TypedValue>> v = scope_.Variable(var);
        if (!v) return NotSupported("A variable in this context");
        return Constant(std::move(*v));
    }

    StatusOr<std::vector<ExprNodePtr>> BindAll(const ExprList& exprs) {
        std::vector<ExprNodePtr> out;
        for (const ExprPtr& e : exprs) {
            ASSIGN_OR_RETURN(ExprNodePtr n, Bind(*e));
            out.push_back(std::move(n));
        }
        return out;
    }

    StatusOr<ExprNodePtr> BindCall(const FunctionCallExpr& call) {
        const std::string lower = ToLower(call.name);
        if (IsAggregateName(lower)) {
            return Status::InvalidArgument("Invalid use of group function",
                                           ErrorCode::kInvalidGroupFuncUse);
        }
        if (call.args.empty() && IsSessionFunction(lower)) {
            std::optional<StatusOr<TypedValue>> v = scope_.SessionFunction(lower);
            if (v) return Constant(std::move(*v));
        }
        if (call.distinct || call.star) {
            return Status::InvalidArgument(
                fmt::format("{} does not take {}", call.name, call.star ? "*" : "DISTINCT"),
                ErrorCode::kParseError);
        }
        if (lower == "date_add" || lower == "date_sub" || lower == "adddate" ||
            lower == "subdate") {
            const bool sub = lower == "date_sub" || lower == "subdate";
            if (call.args.size() == 2 && call.args[1]->kind == ExprKind::kInterval) {
                ASSIGN_OR_RETURN(ExprNodePtr date, Bind(*call.args[0]));
                return BindInterval(std::move(date), call.args[1]->As<IntervalExpr>(), sub);
            }
        }
        if (lower == "date_format" && call.args.size() == 2) {
            // date_format(from_unixtime(t), f) is from_unixtime(t, f), without formatting the
            // time as text and parsing it back.
            const auto* inner = call.args[0]->TryAs<FunctionCallExpr>();
            if (inner != nullptr && ToLower(inner->name) == "from_unixtime" &&
                inner->args.size() == 1 && !inner->distinct && !inner->star) {
                std::vector<ExprNodePtr> args;
                ASSIGN_OR_RETURN(ExprNodePtr seconds, Bind(*inner->args[0]));
                ASSIGN_OR_RETURN(ExprNodePtr format, Bind(*call.args[1]));
                args.push_back(std::move(seconds));
                args.push_back(std::move(format));
                return MakeCall("from_unixtime", std::move(args), ctx_);
            }
        }
        std::vector<ExprNodePtr> args;
        for (size_t i = 0; i < call.args.size(); ++i) {
            // timestampdiff(MONTH, a, b): the unit is a bare word, not a column.
            const auto* unit = call.args[i]->TryAs<ColumnRefExpr>();
            if (i == 0 && unit != nullptr && unit->table.empty() &&
                (lower == "timestampdiff" || lower == "timestampadd")) {
                args.push_back(std::make_unique<LiteralNode>(AnyVarchar(),
                                                             Value::String(ToUpper(unit->column))));
                continue;
            }
            ASSIGN_OR_RETURN(ExprNodePtr arg, Bind(*call.args[i]));
            args.push_back(std::move(arg));
        }
        return MakeCall(lower, std::move(args), ctx_);
    }

    // date +/- INTERVAL n unit: date_add(date, n, 'UNIT') / date_sub(...).
    StatusOr<ExprNodePtr> BindInterval(ExprNodePtr date, const IntervalExpr& interval, bool sub) {
        ASSIGN_OR_RETURN(ExprNodePtr amount, Bind(*interval.value));
        std::vector<ExprNodePtr> args;
        args.push_back(std::move(date));
        args.push_back(std::move(amount));
        args.push_back(std::make_unique<LiteralNode>(AnyVarchar(), Value::String(interval.unit)));
        return MakeCall(sub ? "date_sub" : "date_add", std::move(args), ctx_);
    }

    StatusOr<ExprNodePtr> BindCast(const CastExpr& cast) {
        ASSIGN_OR_RETURN(ExprNodePtr input, Bind(*cast.expr));
        ASSIGN_OR_RETURN(TypeDesc type, CastTarget(cast.type));
        if (!CanCast(input->type(), type)) {
            return Status::InvalidArgument(
                fmt::format("Invalid type cast from {} to {} in {}", input->type().ToSql(),
                            type.ToSql(), cast.ToSql()),
                ErrorCode::kWrongArguments);
        }
        return CastNode(std::move(input), type, ctx_);
    }

    // MySQL's CAST targets (SIGNED, UNSIGNED, CHAR) besides the column types.
    StatusOr<TypeDesc> CastTarget(const TypeName& name) {
        const std::string lower = ToLower(name.name);
        if (lower == "signed" || lower == "signed integer" || lower == "unsigned" ||
            lower == "unsigned integer" || lower == "integer") {
            return TypeDesc::Of(LogicalType::kBigInt);
        }
        if (lower == "char" && name.args.empty()) return AnyVarchar();
        if ((lower == "varchar" || lower == "string" || lower == "text") && name.args.empty()) {
            return AnyVarchar();
        }
        if (lower == "decimal" && name.args.empty()) return TypeDesc::Decimal(10, 0);
        if (lower == "time") return NotSupported("CAST AS TIME");
        auto type = TypeDesc::FromSql(name.name, name.args);
        if (!type.ok()) {
            return Status::InvalidArgument(std::string(type.status().message()),
                                           ErrorCode::kParseError);
        }
        return *type;
    }

    StatusOr<ExprNodePtr> BindCase(const CaseExpr& e) {
        std::vector<ExprNodePtr> conditions;
        std::vector<ExprNodePtr> results;
        ExprNodePtr operand;
        if (e.operand) {
            ASSIGN_OR_RETURN(operand, Bind(*e.operand));
        }
        for (const WhenClause& w : e.whens) {
            ASSIGN_OR_RETURN(ExprNodePtr when, Bind(*w.when));
            if (operand) {
                std::vector<ExprNodePtr> args;
                args.push_back(operand->Clone());
                args.push_back(std::move(when));
                ASSIGN_OR_RETURN(when, MakeCall("eq", std::move(args), ctx_));
            }
            ASSIGN_OR_RETURN(when, ToBoolean(std::move(when)));
            conditions.push_back(std::move(when));
            ASSIGN_OR_RETURN(ExprNodePtr then, Bind(*w.then));
            results.push_back(std::move(then));
        }
        const bool has_else = e.else_expr != nullptr;
        if (has_else) {
            ASSIGN_OR_RETURN(ExprNodePtr else_node, Bind(*e.else_expr));
            results.push_back(std::move(else_node));
        }
        ASSIGN_OR_RETURN(TypeDesc type, CommonTypeOf(results));
        bool nullable = !has_else;
        for (ExprNodePtr& r : results) {
            ASSIGN_OR_RETURN(r, CastNode(std::move(r), type, ctx_));
            nullable |= r->nullable();
        }
        std::vector<ExprNodePtr> children;
        for (size_t i = 0; i < conditions.size(); ++i) {
            children.push_back(std::move(conditions[i]));
            children.push_back(std::move(results[i]));
        }
        if (has_else) children.push_back(std::move(results.back()));
        return Fold(std::make_unique<CaseNode>(type, nullable, std::move(children), has_else),
                    ctx_);
    }

    StatusOr<ExprNodePtr> BindUnary(const UnaryExpr& e) {
        // -<integer literal>: the literal itself, so -9223372036854775808 stays BIGINT.
        ASSIGN_OR_RETURN(ExprNodePtr operand, Bind(*e.operand));
        switch (e.op) {
            case UnaryOp::kPlus:
                return operand;
            case UnaryOp::kMinus: {
                std::vector<ExprNodePtr> args;
                args.push_back(std::move(operand));
                return MakeCall("negative", std::move(args), ctx_);
            }
            case UnaryOp::kNot: {
                ASSIGN_OR_RETURN(ExprNodePtr b, ToBoolean(std::move(operand)));
                return Fold(std::make_unique<NotNode>(std::move(b)), ctx_);
            }
            case UnaryOp::kBitNot: {
                std::vector<ExprNodePtr> args;
                args.push_back(std::move(operand));
                return MakeCall("bitnot", std::move(args), ctx_);
            }
        }
        return Status::Internal("unknown unary operator");
    }

    StatusOr<ExprNodePtr> BindBinary(const BinaryExpr& e) {
        if ((e.op == BinaryOp::kAdd || e.op == BinaryOp::kSub) &&
            e.right->kind == ExprKind::kInterval) {
            ASSIGN_OR_RETURN(ExprNodePtr date, Bind(*e.left));
            return BindInterval(std::move(date), e.right->As<IntervalExpr>(),
                                e.op == BinaryOp::kSub);
        }
        if (e.op == BinaryOp::kAdd && e.left->kind == ExprKind::kInterval) {
            ASSIGN_OR_RETURN(ExprNodePtr date, Bind(*e.right));
            return BindInterval(std::move(date), e.left->As<IntervalExpr>(), false);
        }
        ASSIGN_OR_RETURN(ExprNodePtr left, Bind(*e.left));
        ASSIGN_OR_RETURN(ExprNodePtr right, Bind(*e.right));
        switch (e.op) {
            case BinaryOp::kAnd:
            case BinaryOp::kOr: {
                ASSIGN_OR_RETURN(left, ToBoolean(std::move(left)));
                ASSIGN_OR_RETURN(right, ToBoolean(std::move(right)));
                return Fold(std::make_unique<LogicalNode>(
                                e.op == BinaryOp::kAnd ? ExprNodeKind::kAnd : ExprNodeKind::kOr,
                                std::move(left), std::move(right)),
                            ctx_);
            }
            case BinaryOp::kXor: {
                ASSIGN_OR_RETURN(left, ToBoolean(std::move(left)));
                ASSIGN_OR_RETURN(right, ToBoolean(std::move(right)));
                std::vector<ExprNodePtr> args;
                args.push_back(std::move(left));
                args.push_back(std::move(right));
                return MakeCall("ne", std::move(args), ctx_);
            }
            case BinaryOp::kShiftLeft:
            case BinaryOp::kShiftRight:
                return NotSupported("The shift operators");
            default:
                break;
        }
        const char* fn = OperatorFunction(e.op);
        if (fn == nullptr) return Status::Internal("unmapped binary operator");
        std::vector<ExprNodePtr> args;
        args.push_back(std::move(left));
        args.push_back(std::move(right));
        return MakeCall(fn, std::move(args), ctx_);
    }

    StatusOr<ExprNodePtr> BindIsBool(const IsBoolExpr& e) {
        // x IS TRUE = (x <=> TRUE); IS NOT TRUE is its negation; never NULL.
        ASSIGN_OR_RETURN(ExprNodePtr operand, Bind(*e.expr));
        ASSIGN_OR_RETURN(operand, ToBoolean(std::move(operand)));
        std::vector<ExprNodePtr> args;
        args.push_back(std::move(operand));
        args.push_back(std::make_unique<LiteralNode>(TypeDesc::Of(LogicalType::kBoolean),
                                                     Value::Boolean(e.value)));
        ASSIGN_OR_RETURN(ExprNodePtr is, MakeCall("eq_for_null", std::move(args), ctx_));
        if (!e.negated) return is;
        return Fold(std::make_unique<NotNode>(std::move(is)), ctx_);
    }

    StatusOr<ExprNodePtr> BindIn(const InExpr& e) {
        if (e.subquery) return NotSupported("IN (subquery)");
        ASSIGN_OR_RETURN(ExprNodePtr operand, Bind(*e.expr));
        ASSIGN_OR_RETURN(std::vector<ExprNodePtr> items, BindAll(e.list));
        bool all_constant = true;
        TypeDesc type = operand->type();
        for (const ExprNodePtr& item : items) {
            all_constant &= IsLiteral(*item);
            if (IsNullLiteral(*item)) continue;
            ASSIGN_OR_RETURN(type, ComparisonType(type, item->type()));
        }
        if (all_constant) {
            // Compare in the operand's own type when every constant converts to it exactly.
            bool all_fit = true;
            std::vector<Value> values;
            for (const ExprNodePtr& item : items) {
                const auto& lit = static_cast<const LiteralNode&>(*item);
                StatusOr<Value> v = CastValue(lit.value(), lit.type(), operand->type());
                StatusOr<Value> back =
                    v.ok() ? CastValue(*v, operand->type(), lit.type()) : v.status();
                if (!v.ok() || !back.ok() || !(*back == lit.value())) {
                    all_fit = false;
                    break;
                }
                values.push_back(std::move(*v));
            }
            if (!all_fit) {
                values.clear();
                if (type.IsString()) type = AnyVarchar();
                for (const ExprNodePtr& item : items) {
                    const auto& lit = static_cast<const LiteralNode&>(*item);
                    StatusOr<Value> v = CastValue(lit.value(), lit.type(), type);
                    // A constant that cannot take the comparison type matches nothing.
                    values.push_back(v.ok() ? std::move(*v) : Value::Null());
                }
                ASSIGN_OR_RETURN(operand, CastNode(std::move(operand), type, ctx_));
            }
            return Fold(
                std::make_unique<InListNode>(std::move(operand), std::move(values), e.negated),
                ctx_);
        }
        // Non-constant items: a chain of ORed equalities.
        ExprNodePtr result;
        for (ExprNodePtr& item : items) {
            std::vector<ExprNodePtr> args;
            args.push_back(operand->Clone());
            args.push_back(std::move(item));
            ASSIGN_OR_RETURN(ExprNodePtr eq, MakeCall("eq", std::move(args), ctx_));
            if (!result) {
                result = std::move(eq);
            } else {
                ASSIGN_OR_RETURN(
                    result, Fold(std::make_unique<LogicalNode>(ExprNodeKind::kOr, std::move(result),
                                                               std::move(eq)),
                                 ctx_));
            }
        }
        if (e.negated) return Fold(std::make_unique<NotNode>(std::move(result)), ctx_);
        return result;
    }

    StatusOr<ExprNodePtr> BindBetween(const BetweenExpr& e) {
        // a BETWEEN lo AND hi = a >= lo AND a <= hi; NOT BETWEEN = a < lo OR a > hi.
        ASSIGN_OR_RETURN(ExprNodePtr operand, Bind(*e.expr));
        ASSIGN_OR_RETURN(ExprNodePtr low, Bind(*e.low));
        ASSIGN_OR_RETURN(ExprNodePtr high, Bind(*e.high));
        std::vector<ExprNodePtr> lo_args;
        lo_args.push_back(operand->Clone());
        lo_args.push_back(std::move(low));
        std::vector<ExprNodePtr> hi_args;
        hi_args.push_back(std::move(operand));
        hi_args.push_back(std::move(high));
        ASSIGN_OR_RETURN(ExprNodePtr lo,
                         MakeCall(e.negated ? "lt" : "ge", std::move(lo_args), ctx_));
        ASSIGN_OR_RETURN(ExprNodePtr hi,
                         MakeCall(e.negated ? "gt" : "le", std::move(hi_args), ctx_));
        return Fold(
            std::make_unique<LogicalNode>(e.negated ? ExprNodeKind::kOr : ExprNodeKind::kAnd,
                                          std::move(lo), std::move(hi)),
            ctx_);
    }

    StatusOr<ExprNodePtr> BindLike(const LikeExpr& e) {
        if (e.escape) return NotSupported("LIKE ... ESCAPE");
        ASSIGN_OR_RETURN(ExprNodePtr text, Bind(*e.expr));
        ASSIGN_OR_RETURN(ExprNodePtr pattern, Bind(*e.pattern));
        std::vector<ExprNodePtr> args;
        args.push_back(std::move(text));
        args.push_back(std::move(pattern));
        ASSIGN_OR_RETURN(ExprNodePtr match,
                         MakeCall(e.is_regexp ? "regexp" : "like", std::move(args), ctx_));
        if (!e.negated) return match;
        return Fold(std::make_unique<NotNode>(std::move(match)), ctx_);
    }

    StatusOr<TypeDesc> CommonTypeOf(const std::vector<ExprNodePtr>& nodes) {
        std::optional<TypeDesc> type;
        for (const ExprNodePtr& n : nodes) {
            if (IsNullLiteral(*n)) continue;
            if (!type) {
                type = n->type();
            } else {
                ASSIGN_OR_RETURN(type, CommonType(*type, n->type()));
            }
        }
        return type.value_or(TypeDesc::Of(LogicalType::kBoolean));
    }

    const BindScope& scope_;
    const EvalContext& ctx_;
};

}  // namespace

StatusOr<TypedValue> BindLiteral(const LiteralExpr& literal) {
    switch (literal.literal_kind) {
        case LiteralKind::kNull:
            return TypedValue{TypeDesc::Of(LogicalType::kBoolean), Value::Null()};
        case LiteralKind::kBool:
            return TypedValue{TypeDesc::Of(LogicalType::kBoolean),
                              Value::Boolean(literal.bool_value)};
        case LiteralKind::kInt: {
            const int64_t v = literal.int_value;
            if (v >= INT8_MIN && v <= INT8_MAX) {
                return TypedValue{TypeDesc::Of(LogicalType::kTinyInt),
                                  Value::TinyInt(static_cast<int8_t>(v))};
            }
            if (v >= INT16_MIN && v <= INT16_MAX) {
                return TypedValue{TypeDesc::Of(LogicalType::kSmallInt),
                                  Value::SmallInt(static_cast<int16_t>(v))};
            }
            if (v >= INT32_MIN && v <= INT32_MAX) {
                return TypedValue{TypeDesc::Of(LogicalType::kInt),
                                  Value::Int(static_cast<int32_t>(v))};
            }
            return TypedValue{TypeDesc::Of(LogicalType::kBigInt), Value::BigInt(v)};
        }
        case LiteralKind::kDecimal: {
            // The digits as written: DECIMAL(p, s) with p digits and s of them after the point.
            std::string_view text = literal.text;
            const size_t dot = text.find('.');
            int scale = dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
            int digits = 0;
            for (char c : text) digits += (c >= '0' && c <= '9');
            int precision = std::max(digits, scale + 1);
            if (precision > TypeDesc::kMaxDecimalPrecision) {
                // Too many digits for DECIMAL: a DOUBLE, as StarRocks does.
                double d = std::strtod(literal.text.c_str(), nullptr);
                return TypedValue{TypeDesc::Of(LogicalType::kDouble), Value::Double(d)};
            }
            ASSIGN_OR_RETURN(int128_t unscaled, ParseDecimal(text, precision, scale));
            return TypedValue{TypeDesc::Decimal(precision, scale), Value::Decimal(unscaled)};
        }
        case LiteralKind::kFloat:
            return TypedValue{TypeDesc::Of(LogicalType::kDouble),
                              Value::Double(std::strtod(literal.text.c_str(), nullptr))};
        case LiteralKind::kString:
            return TypedValue{TypeDesc::Varchar(std::max<int32_t>(1, literal.text.size())),
                              Value::String(literal.text)};
        case LiteralKind::kDate: {
            auto v = CastValue(Value::String(literal.text), AnyVarchar(),
                               TypeDesc::Of(LogicalType::kDate));
            if (!v.ok()) {
                return Status::InvalidArgument(std::string(v.status().message()),
                                               ErrorCode::kWrongArguments);
            }
            return TypedValue{TypeDesc::Of(LogicalType::kDate), std::move(*v)};
        }
        case LiteralKind::kDateTime: {
            auto v = CastValue(Value::String(literal.text), AnyVarchar(),
                               TypeDesc::Of(LogicalType::kDateTime));
            if (!v.ok()) {
                return Status::InvalidArgument(std::string(v.status().message()),
                                               ErrorCode::kWrongArguments);
            }
            return TypedValue{TypeDesc::Of(LogicalType::kDateTime), std::move(*v)};
        }
    }
    return Status::Internal("unknown literal kind");
}

StatusOr<ExprNodePtr> CastNode(ExprNodePtr node, const TypeDesc& type, const EvalContext& ctx) {
    if (!CastNeeded(node->type(), type)) return node;
    const bool nullable = node->nullable() || CastMayFail(node->type(), type);
    return Fold(std::make_unique<CastExprNode>(std::move(node), type, nullable), ctx);
}

StatusOr<ExprNodePtr> MakeCall(std::string_view name, std::vector<ExprNodePtr> args,
                               const EvalContext& ctx) {
    const std::string lower = ToLower(name);
    const FunctionBinder* binder = FunctionRegistry::Instance().Find(lower);
    if (binder == nullptr) {
        return Status::InvalidArgument(fmt::format("FUNCTION {} does not exist", name),
                                       ErrorCode::kSpDoesNotExist);
    }
    // A NULL literal takes the type of its first typed sibling, so coalesce(NULL, d) is a date.
    auto infos_of = [](const std::vector<ExprNodePtr>& nodes) {
        const ExprNode* typed_sibling = nullptr;
        for (const ExprNodePtr& a : nodes) {
            if (!IsNullLiteral(*a)) {
                typed_sibling = a.get();
                break;
            }
        }
        std::vector<ArgInfo> infos;
        infos.reserve(nodes.size());
        for (const ExprNodePtr& a : nodes) {
            ArgInfo info;
            info.type =
                (IsNullLiteral(*a) && typed_sibling != nullptr) ? typed_sibling->type() : a->type();
            info.nullable = a->nullable();
            if (IsLiteral(*a)) info.constant = &static_cast<const LiteralNode&>(*a).value();
            infos.push_back(info);
        }
        return infos;
    };
    ASSIGN_OR_RETURN(FunctionBinding binding, (*binder)(lower, infos_of(args)));
    if (binding.arg_types.size() != args.size()) {
        return Status::Internal(fmt::format("function {} bound {} argument types for {} arguments",
                                            lower, binding.arg_types.size(), args.size()));
    }
    bool casts_added_nulls = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const bool was_nullable = args[i]->nullable();
        ASSIGN_OR_RETURN(args[i], CastNode(std::move(args[i]), binding.arg_types[i], ctx));
        casts_added_nulls |= args[i]->nullable() && !was_nullable;
    }
    if (casts_added_nulls) {
        // A cast that can fail ('abc' as a number) makes its argument nullable: bind again so
        // the result's nullability accounts for it (the argument types no longer change).
        ASSIGN_OR_RETURN(binding, (*binder)(lower, infos_of(args)));
        for (size_t i = 0; i < args.size(); ++i) {
            ASSIGN_OR_RETURN(args[i], CastNode(std::move(args[i]), binding.arg_types[i], ctx));
        }
    }
    return Fold(std::make_unique<CallNode>(lower, std::move(binding), std::move(args)), ctx);
}

StatusOr<ExprNodePtr> BindExpression(const Expr& expr, const BindScope& scope,
                                     const EvalContext& ctx) {
    Binder binder(scope, ctx);
    return binder.Bind(expr);
}

}  // namespace tributary
