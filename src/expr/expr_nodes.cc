#include "expr/expr_nodes.h"

#include <fmt/format.h>

#include <unordered_set>

#include "column/type_dispatch.h"
#include "expr/cast_kernel.h"

namespace tributary {

namespace {

// Makes `result` nullable exactly when `nullable` says, so chunks built from expression results
// match the schema the planner derived from ExprNode::nullable().
StatusOr<EvalColumn> ConformNullability(EvalColumn result, bool nullable) {
    if (result.is_nullable() == nullable) return result;
    if (nullable) {
        const size_t n = result.column->size();
        ColumnPtr data = std::move(result).Materialize(n);
        const bool constant = result.constant;
        EvalColumn out{
            std::make_unique<NullableColumn>(std::move(data), std::vector<uint8_t>(n, 0)),
            constant};
        return out;
    }
    const auto& nc = static_cast<const NullableColumn&>(*result.column);
    if (nc.has_null()) {
        return Status::Internal("an expression typed NOT NULL produced a NULL");
    }
    return EvalColumn{nc.data()->Clone(), result.constant};
}

std::string JoinChildren(const std::vector<ExprNodePtr>& children) {
    std::string out;
    for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) out += ", ";
        out += children[i]->ToString();
    }
    return out;
}

std::vector<ExprNodePtr> CloneAll(const std::vector<ExprNodePtr>& nodes) {
    std::vector<ExprNodePtr> out;
    out.reserve(nodes.size());
    for (const ExprNodePtr& n : nodes) out.push_back(n->Clone());
    return out;
}

bool AllConstant(const std::vector<EvalColumn>& args) {
    for (const EvalColumn& a : args) {
        if (!a.constant) return false;
    }
    return true;
}

}  // namespace

StatusOr<std::vector<EvalColumn>> EvaluateChildren(const ExprNode& node, const Chunk& input,
                                                   const EvalContext& ctx) {
    std::vector<EvalColumn> out;
    out.reserve(node.children().size());
    for (const ExprNodePtr& child : node.children()) {
        ASSIGN_OR_RETURN(EvalColumn c, child->Evaluate(input, ctx));
        out.push_back(std::move(c));
    }
    return out;
}

// --- CallNode -----------------------------------------------------------------------------

CallNode::CallNode(std::string name, FunctionBinding binding, std::vector<ExprNodePtr> args)
    : ExprNode(ExprNodeKind::kCall, binding.result_type, binding.nullable),
      name_(std::move(name)),
      binding_(std::move(binding)) {
    children_ = std::move(args);
}

StatusOr<EvalColumn> CallNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(std::vector<EvalColumn> args, EvaluateChildren(*this, input, ctx));
    const bool constant = AllConstant(args);
    const size_t rows = constant ? 1 : input.num_rows();
    ASSIGN_OR_RETURN(EvalColumn result, binding_.kernel(args, rows, ctx));
    result.constant = constant;
    return ConformNullability(std::move(result), nullable());
}

std::string CallNode::ToString() const {
    return fmt::format("{}({})", name_, JoinChildren(children_));
}

ExprNodePtr CallNode::Clone() const {
    return std::make_unique<CallNode>(name_, binding_, CloneAll(children_));
}

// --- CastExprNode -------------------------------------------------------------------------

CastExprNode::CastExprNode(ExprNodePtr input, TypeDesc type, bool nullable)
    : ExprNode(ExprNodeKind::kCall, type, nullable) {
    children_.push_back(std::move(input));
}

StatusOr<EvalColumn> CastExprNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(EvalColumn arg, children_[0]->Evaluate(input, ctx));
    ASSIGN_OR_RETURN(EvalColumn result, CastColumn(arg, type(), input.num_rows()));
    return ConformNullability(std::move(result), nullable());
}

std::string CastExprNode::ToString() const {
    return fmt::format("CAST({} AS {})", children_[0]->ToString(), type().ToSql());
}

ExprNodePtr CastExprNode::Clone() const {
    return std::make_unique<CastExprNode>(children_[0]->Clone(), type(), nullable());
}

// --- LogicalNode --------------------------------------------------------------------------

LogicalNode::LogicalNode(ExprNodeKind kind, ExprNodePtr left, ExprNodePtr right)
    : ExprNode(kind, TypeDesc::Of(LogicalType::kBoolean), left->nullable() || right->nullable()) {
    children_.push_back(std::move(left));
    children_.push_back(std::move(right));
}

StatusOr<EvalColumn> LogicalNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(std::vector<EvalColumn> args, EvaluateChildren(*this, input, ctx));
    const bool constant = AllConstant(args);
    const size_t rows = constant ? 1 : input.num_rows();
    FixedReader<uint8_t> a(args[0]);
    FixedReader<uint8_t> b(args[1]);
    FixedBuilder<uint8_t> out(type(), rows);
    uint8_t* values = out.data();
    uint8_t* nulls = out.nulls();
    const bool is_and = kind() == ExprNodeKind::kAnd;
    if (!a.may_have_null() && !b.may_have_null()) {
        for (size_t i = 0; i < rows; ++i) {
            values[i] = is_and ? (a.value(i) & b.value(i)) : (a.value(i) | b.value(i));
        }
    } else {
        for (size_t i = 0; i < rows; ++i) {
            const bool an = a.is_null(i);
            const bool bn = b.is_null(i);
            const bool av = a.value(i) != 0;
            const bool bv = b.value(i) != 0;
            if (is_and) {
                // FALSE wins over NULL.
                const bool is_false = (!an && !av) || (!bn && !bv);
                nulls[i] = !is_false && (an || bn);
                values[i] = !is_false && !nulls[i];
            } else {
                // TRUE wins over NULL.
                const bool is_true = (!an && av) || (!bn && bv);
                nulls[i] = !is_true && (an || bn);
                values[i] = is_true;
            }
        }
    }
    EvalColumn result = std::move(out).Finish(nullable());
    result.constant = constant;
    return result;
}

std::string LogicalNode::ToString() const {
    return fmt::format("({} {} {})", children_[0]->ToString(),
                       kind() == ExprNodeKind::kAnd ? "AND" : "OR", children_[1]->ToString());
}

ExprNodePtr LogicalNode::Clone() const {
    return std::make_unique<LogicalNode>(kind(), children_[0]->Clone(), children_[1]->Clone());
}

// --- NotNode ------------------------------------------------------------------------------

NotNode::NotNode(ExprNodePtr child)
    : ExprNode(ExprNodeKind::kNot, TypeDesc::Of(LogicalType::kBoolean), child->nullable()) {
    children_.push_back(std::move(child));
}

StatusOr<EvalColumn> NotNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(EvalColumn arg, children_[0]->Evaluate(input, ctx));
    const size_t rows = arg.constant ? 1 : input.num_rows();
    FixedReader<uint8_t> a(arg);
    FixedBuilder<uint8_t> out(type(), rows);
    for (size_t i = 0; i < rows; ++i) out.Set(i, a.value(i) == 0, a.is_null(i));
    EvalColumn result = std::move(out).Finish(nullable());
    result.constant = arg.constant;
    return result;
}

std::string NotNode::ToString() const { return fmt::format("NOT {}", children_[0]->ToString()); }

ExprNodePtr NotNode::Clone() const { return std::make_unique<NotNode>(children_[0]->Clone()); }

// --- IsNullNode ---------------------------------------------------------------------------

IsNullNode::IsNullNode(ExprNodePtr child, bool negated)
    : ExprNode(ExprNodeKind::kIsNull, TypeDesc::Of(LogicalType::kBoolean), false),
      negated_(negated) {
    children_.push_back(std::move(child));
}

StatusOr<EvalColumn> IsNullNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(EvalColumn arg, children_[0]->Evaluate(input, ctx));
    const size_t rows = arg.constant ? 1 : input.num_rows();
    const uint8_t* nulls = arg.null_map();
    FixedBuilder<uint8_t> out(type(), rows);
    for (size_t i = 0; i < rows; ++i) {
        const bool is_null = nulls != nullptr && nulls[i] != 0;
        out.Set(i, is_null != negated_);
    }
    EvalColumn result = std::move(out).Finish(false);
    result.constant = arg.constant;
    return result;
}

std::string IsNullNode::ToString() const {
    return fmt::format("{} IS {}NULL", children_[0]->ToString(), negated_ ? "NOT " : "");
}

ExprNodePtr IsNullNode::Clone() const {
    return std::make_unique<IsNullNode>(children_[0]->Clone(), negated_);
}

// --- InListNode ---------------------------------------------------------------------------

// The list's values in a hash set of the physical type; Probe marks the rows found.
struct InListNode::Set {
    std::function<void(const EvalColumn&, size_t rows, uint8_t* found)> probe;
};

namespace {

template <typename T>
struct ValueHash {
    size_t operator()(const T& v) const {
        if constexpr (std::is_same_v<T, __int128>) {
            return std::hash<uint64_t>()(static_cast<uint64_t>(v) ^
                                         static_cast<uint64_t>(v >> 64) * 0x9E3779B97F4A7C15ull);
        } else {
            return std::hash<T>()(v);
        }
    }
};

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view v) const { return std::hash<std::string_view>()(v); }
};

}  // namespace

InListNode::InListNode(ExprNodePtr child, std::vector<Value> values, bool negated)
    : ExprNode(ExprNodeKind::kInList, TypeDesc::Of(LogicalType::kBoolean), true),
      values_(std::move(values)),
      negated_(negated),
      set_(std::make_unique<Set>()) {
    const TypeDesc type = child->type();
    children_.push_back(std::move(child));
    for (const Value& v : values_) list_has_null_ |= v.is_null();
    VisitLogicalType(type.type, [&]<LogicalType T>() {
        if constexpr (IsFixedWidth(T)) {
            using P = PhysicalTypeOf<T>;
            auto set = std::make_shared<std::unordered_set<P, ValueHash<P>>>();
            for (const Value& v : values_) {
                if (!v.is_null()) set->insert(v.Get<T>());
            }
            set_->probe = [set](const EvalColumn& c, size_t rows, uint8_t* found) {
                FixedReader<P> r(c);
                for (size_t i = 0; i < rows; ++i) found[i] = set->count(r.value(i)) != 0;
            };
        } else {
            auto set =
                std::make_shared<std::unordered_set<std::string, StringHash, std::equal_to<>>>();
            for (const Value& v : values_) {
                if (!v.is_null()) set->insert(v.Get<T>());
            }
            set_->probe = [set](const EvalColumn& c, size_t rows, uint8_t* found) {
                StringReader r(c);
                for (size_t i = 0; i < rows; ++i) found[i] = set->find(r.value(i)) != set->end();
            };
        }
    });
}

InListNode::~InListNode() = default;

StatusOr<EvalColumn> InListNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(EvalColumn arg, children_[0]->Evaluate(input, ctx));
    const size_t rows = arg.constant ? 1 : input.num_rows();
    FixedBuilder<uint8_t> out(type(), rows);
    uint8_t* values = out.data();
    uint8_t* nulls = out.nulls();
    set_->probe(arg, rows, values);
    const uint8_t* arg_nulls = arg.null_map();
    for (size_t i = 0; i < rows; ++i) {
        const bool arg_null = arg_nulls != nullptr && arg_nulls[i] != 0;
        const bool found = values[i] != 0 && !arg_null;
        nulls[i] = arg_null || (!found && list_has_null_);
        values[i] = !nulls[i] && (found != negated_);
    }
    EvalColumn result = std::move(out).Finish(true);
    result.constant = arg.constant;
    return result;
}

std::string InListNode::ToString() const {
    std::string list;
    for (size_t i = 0; i < values_.size(); ++i) {
        if (i > 0) list += ", ";
        list += LiteralNode(children_[0]->type(), values_[i]).ToString();
    }
    return fmt::format("{} {}IN ({})", children_[0]->ToString(), negated_ ? "NOT " : "", list);
}

ExprNodePtr InListNode::Clone() const {
    return std::make_unique<InListNode>(children_[0]->Clone(), values_, negated_);
}

// --- CaseNode -----------------------------------------------------------------------------

CaseNode::CaseNode(TypeDesc type, bool nullable, std::vector<ExprNodePtr> children, bool has_else)
    : ExprNode(ExprNodeKind::kCase, type, nullable), has_else_(has_else) {
    children_ = std::move(children);
}

StatusOr<EvalColumn> CaseNode::Evaluate(const Chunk& input, const EvalContext& ctx) const {
    ASSIGN_OR_RETURN(std::vector<EvalColumn> args, EvaluateChildren(*this, input, ctx));
    const bool constant = AllConstant(args);
    const size_t rows = constant ? 1 : input.num_rows();
    const size_t branches = (children_.size() - (has_else_ ? 1 : 0)) / 2;
    // The branch each row takes: its result's index in args, or -1 for NULL (no ELSE).
    std::vector<int32_t> pick(rows, has_else_ ? static_cast<int32_t>(children_.size() - 1) : -1);
    std::vector<uint8_t> decided(rows, 0);
    for (size_t b = 0; b < branches; ++b) {
        FixedReader<uint8_t> cond(args[2 * b]);
        for (size_t i = 0; i < rows; ++i) {
            if (!decided[i] && !cond.is_null(i) && cond.value(i) != 0) {
                decided[i] = 1;
                pick[i] = static_cast<int32_t>(2 * b + 1);
            }
        }
    }
    ColumnPtr out = MakeColumn(type(), nullable());
    out->Reserve(rows);
    for (size_t i = 0; i < rows; ++i) {
        if (pick[i] < 0) {
            out->AppendDefault(1);  // nullable: NULL
            continue;
        }
        const EvalColumn& src = args[pick[i]];
        const size_t row = src.constant ? 0 : i;
        if (out->is_nullable() && !src.is_nullable()) {
            auto* nc = static_cast<NullableColumn*>(out.get());
            nc->data()->AppendRange(*src.column, row, 1);
            nc->AppendNotNullMark();
        } else {
            out->AppendRange(*src.column, row, 1);
        }
    }
    return EvalColumn{std::move(out), constant};
}

std::string CaseNode::ToString() const {
    std::string out = "CASE";
    const size_t branches = (children_.size() - (has_else_ ? 1 : 0)) / 2;
    for (size_t b = 0; b < branches; ++b) {
        out += fmt::format(" WHEN {} THEN {}", children_[2 * b]->ToString(),
                           children_[2 * b + 1]->ToString());
    }
    if (has_else_) out += fmt::format(" ELSE {}", children_.back()->ToString());
    return out + " END";
}

ExprNodePtr CaseNode::Clone() const {
    return std::make_unique<CaseNode>(type(), nullable(), CloneAll(children_), has_else_);
}

}  // namespace tributary
