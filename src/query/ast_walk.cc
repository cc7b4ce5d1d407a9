#include "query/ast_walk.h"

#include <functional>

#include "base/string_util.h"

namespace tributary {

namespace {

// Calls fn on each direct sub-expression of `expr` (not into subqueries).
void ForEachChild(const Expr& expr, const std::function<void(const Expr&)>& fn) {
    auto visit = [&](const ExprPtr& e) {
        if (e) fn(*e);
    };
    switch (expr.kind) {
        case ExprKind::kFunctionCall:
            for (const ExprPtr& a : expr.As<FunctionCallExpr>().args) visit(a);
            break;
        case ExprKind::kCast:
            visit(expr.As<CastExpr>().expr);
            break;
        case ExprKind::kCase: {
            const auto& c = expr.As<CaseExpr>();
            visit(c.operand);
            for (const WhenClause& w : c.whens) {
                visit(w.when);
                visit(w.then);
            }
            visit(c.else_expr);
            break;
        }
        case ExprKind::kUnary:
            visit(expr.As<UnaryExpr>().operand);
            break;
        case ExprKind::kBinary:
            visit(expr.As<BinaryExpr>().left);
            visit(expr.As<BinaryExpr>().right);
            break;
        case ExprKind::kIsNull:
            visit(expr.As<IsNullExpr>().expr);
            break;
        case ExprKind::kIsBool:
            visit(expr.As<IsBoolExpr>().expr);
            break;
        case ExprKind::kIn:
            visit(expr.As<InExpr>().expr);
            for (const ExprPtr& e : expr.As<InExpr>().list) visit(e);
            break;
        case ExprKind::kBetween:
            visit(expr.As<BetweenExpr>().expr);
            visit(expr.As<BetweenExpr>().low);
            visit(expr.As<BetweenExpr>().high);
            break;
        case ExprKind::kLike:
            visit(expr.As<LikeExpr>().expr);
            visit(expr.As<LikeExpr>().pattern);
            visit(expr.As<LikeExpr>().escape);
            break;
        case ExprKind::kInterval:
            visit(expr.As<IntervalExpr>().value);
            break;
        default:
            break;
    }
}

}  // namespace

struct ColumnUsageWalker {
    ColumnUsage* usage;

    void Expr_(const Expr& e) {
        if (const auto* ref = e.TryAs<ColumnRefExpr>()) {
            if (ref->table.empty()) {
                usage->unqualified_.insert(ToLower(ref->column));
            } else {
                usage->qualified_.insert({ToLower(ref->table), ToLower(ref->column)});
            }
        } else if (const auto* star = e.TryAs<StarExpr>()) {
            if (star->table.empty()) {
                usage->all_ = true;
            } else {
                usage->star_tables_.insert(ToLower(star->table));
            }
        } else if (const auto* sub = e.TryAs<SubqueryExpr>()) {
            Query_(*sub->query);
        } else if (const auto* in = e.TryAs<InExpr>(); in && in->subquery) {
            Query_(*in->subquery);
        }
        ForEachChild(e, [&](const Expr& c) { Expr_(c); });
    }

    void Table(const TableRef& t) {
        if (t.subquery) Query_(*t.subquery);
        if (t.left) Table(*t.left);
        if (t.right) Table(*t.right);
        if (t.on) Expr_(*t.on);
    }

    void Body(const QueryBody& b) {
        switch (b.kind) {
            case QueryBodyKind::kSelect: {
                const auto& s = b.As<SelectBody>();
                for (const SelectItem& item : s.items) Expr_(*item.expr);
                if (s.from) Table(*s.from);
                if (s.where) Expr_(*s.where);
                for (const ExprPtr& g : s.group_by) Expr_(*g);
                if (s.having) Expr_(*s.having);
                break;
            }
            case QueryBodyKind::kSetOperation:
                Body(*b.As<SetOperationBody>().left);
                Body(*b.As<SetOperationBody>().right);
                break;
            case QueryBodyKind::kParenthesized:
                Query_(*b.As<ParenthesizedBody>().query);
                break;
        }
    }

    void Query_(const Query& q) {
        Body(*q.body);
        for (const OrderByItem& o : q.order_by) Expr_(*o.expr);
    }
};

ColumnUsage ColumnUsage::Of(const Query& query) {
    ColumnUsage usage;
    ColumnUsageWalker{&usage}.Query_(query);
    return usage;
}

bool ColumnUsage::Uses(std::string_view qualifier, std::string_view column) const {
    if (all_) return true;
    const std::string q = ToLower(qualifier);
    const std::string c = ToLower(column);
    return star_tables_.count(q) > 0 || unqualified_.count(c) > 0 || qualified_.count({q, c}) > 0;
}

bool IsAggregateFunction(std::string_view name) {
    const std::string lower = ToLower(name);
    return lower == "count" || lower == "sum" || lower == "min" || lower == "max" || lower == "avg";
}

bool ContainsAggregate(const Expr& expr) {
    if (const auto* call = expr.TryAs<FunctionCallExpr>();
        call && IsAggregateFunction(call->name)) {
        return true;
    }
    bool found = false;
    ForEachChild(expr, [&](const Expr& c) { found = found || ContainsAggregate(c); });
    return found;
}

void CollectAggregates(const Expr& expr, std::vector<const FunctionCallExpr*>* out) {
    if (const auto* call = expr.TryAs<FunctionCallExpr>();
        call && IsAggregateFunction(call->name)) {
        const std::string sql = call->ToSql();
        for (const FunctionCallExpr* seen : *out) {
            if (seen->ToSql() == sql) return;
        }
        out->push_back(call);
        return;
    }
    ForEachChild(expr, [&](const Expr& c) { CollectAggregates(c, out); });
}

}  // namespace tributary
