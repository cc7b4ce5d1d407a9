// Aggregate functions: count, sum, min, max, avg and count(DISTINCT ...), as columnar states.
//
// An AggregateState holds the running state of one aggregate for every group of a hash
// aggregation, indexed by group id (0, 1, 2, ... in the order groups were first seen). Update
// folds a chunk's rows into their groups; Merge folds another worker's states into this one;
// Finalize appends one result per group.
//
// Result types follow StarRocks: count -> BIGINT NOT NULL; sum of integers -> BIGINT (LARGEINT
// for LARGEINT), of FLOAT / DOUBLE -> DOUBLE, of DECIMAL(p, s) -> DECIMAL(38, s); avg ->
// DOUBLE, or DECIMAL(38, DecimalDivisionScale(s)) for DECIMAL (type_coercion.h); min / max ->
// the argument's type. Every aggregate but count is NULL for a group with no non-NULL input.
// count(DISTINCT a, b) counts distinct tuples that contain no NULL.
//
// Thread safety: a state belongs to one worker; Merge reads the other state, which must no
// longer change.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/column.h"
#include "expr/eval_column.h"
#include "types/type_desc.h"

namespace tributary {

enum class AggregateKind : uint8_t { kCountStar, kCount, kSum, kMin, kMax, kAvg, kCountDistinct };

// What the planner resolved for one aggregate call.
struct AggregateSignature {
    AggregateKind kind = AggregateKind::kCount;
    std::vector<TypeDesc> arg_types;  // the arguments as evaluated (casts already applied)
    TypeDesc result_type;
    bool nullable = true;
};

// Resolves `name` (lower case: count, sum, min, max, avg) over argument types; `distinct` for
// count(DISTINCT ...). InvalidArgument for a bad combination ("sum of VARCHAR is not
// supported"), NotSupported for DISTINCT other than count.
StatusOr<AggregateSignature> ResolveAggregate(std::string_view name, bool star, bool distinct,
                                              std::span<const TypeDesc> arg_types);

// The type an argument must be cast to before the aggregate sees it (sum / avg of a string
// works on DOUBLE, as MySQL does), or the type itself.
TypeDesc AggregateInputType(std::string_view name, const TypeDesc& arg);

class AggregateState {
public:
    virtual ~AggregateState() = default;
    // Makes room for groups [0, groups).
    virtual void Resize(size_t groups) = 0;
    // Adds row i of `args` to group group_ids[i], for i in [0, rows).
    virtual void Update(const uint32_t* group_ids, std::span<const EvalColumn> args,
                        size_t rows) = 0;
    // Adds `other`'s group g to this state's group group_map[g], for every group of other.
    // REQUIRES: other was made by the same signature.
    virtual void Merge(AggregateState& other, std::span<const uint32_t> group_map) = 0;
    // Appends the results of groups [0, groups) to `out` (a column of the result type,
    // nullable exactly when the signature is).
    virtual Status Finalize(size_t groups, Column* out) = 0;
};

std::unique_ptr<AggregateState> MakeAggregateState(const AggregateSignature& signature);

}  // namespace tributary
