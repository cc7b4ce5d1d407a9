// ExprNode: a bound, typed expression evaluated a chunk at a time.
//
// The binder (expr_binder.h) turns a parsed sql::Expr into an ExprNode tree: names resolved to
// input column indexes, implicit casts inserted, functions chosen by argument types, constant
// sub-trees folded. Every node knows its result type and whether it may be NULL before it runs.
// SELECT, load-time COLUMNS mappings and WHERE filters all evaluate the same trees, so an
// expression means the same thing everywhere.
//
// Evaluate(chunk) returns one value per row of `chunk` (or a constant; see eval_column.h). Column
// references read `chunk.column(index)`, so a tree is bound against one input layout and may
// only be evaluated on chunks of that layout.
//
// Semantics are MySQL's / StarRocks': NULL in, NULL out, unless a function says otherwise; AND,
// OR and NOT use three-valued logic; division by zero gives NULL; a string that does not parse
// where a number or date is needed gives NULL.
//
// Ownership: a node owns its children. Thread safety: a bound tree is immutable; Evaluate may
// run on many threads at once, each with its own EvalContext.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"
#include "expr/eval_column.h"
#include "types/time_zone.h"
#include "types/type_desc.h"
#include "types/value.h"

namespace tributary {

// Per-statement facts that functions may read. Fixed when the statement starts, so now() is the
// same in every row and on every thread.
struct EvalContext {
    std::shared_ptr<const TimeZone> time_zone;  // the session's time_zone; never null
    int64_t now_unix_micros = 0;                // the statement's start, microseconds since epoch

    // UTC, with the current time; for tests and background work without a session.
    static EvalContext Default();
};

enum class ExprNodeKind : uint8_t {
    kLiteral,
    kColumn,
    kCall,  // a scalar function, operator or cast
    kAnd,
    kOr,
    kNot,
    kIsNull,  // IS [NOT] NULL
    kInList,  // e [NOT] IN (constants...)
    kCase,
};

class ExprNode;
using ExprNodePtr = std::unique_ptr<ExprNode>;

class ExprNode {
public:
    ExprNode(ExprNodeKind kind, TypeDesc type, bool nullable)
        : kind_(kind), type_(type), nullable_(nullable) {}
    virtual ~ExprNode() = default;
    ExprNode(const ExprNode&) = delete;
    ExprNode& operator=(const ExprNode&) = delete;

    ExprNodeKind kind() const { return kind_; }
    const TypeDesc& type() const { return type_; }
    bool nullable() const { return nullable_; }

    // The value over every row of `input`. Errors are for conditions that must stop the
    // statement (out of memory, a value no type can hold), never for bad data, which gives NULL.
    virtual StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const = 0;
    // Readable form for EXPLAIN and messages: columns by name when known, "#3" otherwise.
    virtual std::string ToString() const = 0;
    // A deep copy (plans hand one tree to several worker threads; copies are cheap).
    virtual ExprNodePtr Clone() const = 0;

    // Children in evaluation order (empty for leaves).
    const std::vector<ExprNodePtr>& children() const { return children_; }

protected:
    std::vector<ExprNodePtr> children_;

private:
    ExprNodeKind kind_;
    TypeDesc type_;
    bool nullable_;
};

// A constant.
class LiteralNode final : public ExprNode {
public:
    // REQUIRES: value is NULL or holds type's physical type.
    LiteralNode(TypeDesc type, Value value);
    const Value& value() const { return value_; }
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;

private:
    Value value_;
};

// Column `index` of the input chunk.
class ColumnNode final : public ExprNode {
public:
    ColumnNode(uint32_t index, TypeDesc type, bool nullable, std::string name);
    uint32_t index() const { return index_; }
    const std::string& name() const { return name_; }
    StatusOr<EvalColumn> Evaluate(const Chunk& input, const EvalContext& ctx) const override;
    std::string ToString() const override;
    ExprNodePtr Clone() const override;

private:
    uint32_t index_;
    std::string name_;
};

// True when `node` is a LiteralNode (a constant the binder folded).
inline bool IsLiteral(const ExprNode& node) { return node.kind() == ExprNodeKind::kLiteral; }

// Evaluates a predicate over `input`: mask[i] = 1 exactly when row i is TRUE (NULL and FALSE
// both drop the row, as WHERE and HAVING do). REQUIRES: predicate->type() is BOOLEAN.
StatusOr<RowMask> EvaluatePredicate(const ExprNode& predicate, const Chunk& input,
                                    const EvalContext& ctx);

// Evaluates a constant tree (no column references) to one value.
StatusOr<Value> EvaluateConstant(const ExprNode& node, const EvalContext& ctx);

}  // namespace tributary
