// FunctionRegistry: the scalar functions (and operators) the binder may call, chosen by name and
// argument types.
//
// A function is registered as a FunctionBinder: given the types of the arguments as written
// (after binding them), it either refuses them with a clear error or returns a FunctionBinding:
// the type each argument must be cast to, the result type, whether the result may be NULL, and
// the kernel. The binder inserts the casts, so a kernel sees exactly the argument types its
// binding asked for and can use FixedReader / StringReader on them without checks.
//
// Kernels are called with `rows` rows; an argument may be constant (see eval_column.h). When
// every argument is constant, the caller passes rows == 1 and marks the result constant, so a
// kernel never needs to special-case "all constant". Kernels produce NULL for bad input
// (division by zero, unparsable text, out-of-range dates) rather than failing, as MySQL does;
// a Status error stops the statement and is reserved for conditions no NULL can express.
//
// Operators are registered under fixed names: "add", "subtract", "multiply", "divide",
// "int_divide", "mod", "negative", "eq", "ne", "lt", "le", "gt", "ge", "eq_for_null" (<=>),
// "like", "regexp", "bitand", "bitor", "bitxor", "bitnot".
//
// Register* functions add one family each (one .cc file per family); the registry lists them in
// function_registry.cc so that nothing depends on static-initialisation order.
//
// Thread safety: the registry is built once (Instance()) and read-only afterwards.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "expr/eval_column.h"
#include "expr/expr_node.h"
#include "types/type_desc.h"
#include "types/value.h"

namespace tributary {

// What the binder knows about one argument when it chooses a function.
struct ArgInfo {
    TypeDesc type;
    bool nullable = true;
    // Set when the argument is a constant (e.g. the format of date_format); null otherwise.
    const Value* constant = nullptr;
};

using ScalarKernel = std::function<StatusOr<EvalColumn>(std::span<const EvalColumn> args,
                                                        size_t rows, const EvalContext& ctx)>;

struct FunctionBinding {
    std::vector<TypeDesc> arg_types;  // one per argument: the binder casts to these
    TypeDesc result_type;
    bool nullable = true;  // false only when the result can never be NULL
    ScalarKernel kernel;
};

// Chooses a binding for these arguments, or fails with InvalidArgument saying why
// ("substr expects 2 or 3 arguments, got 1"). `name` is the function's canonical name.
using FunctionBinder =
    std::function<StatusOr<FunctionBinding>(std::string_view name, std::span<const ArgInfo> args)>;

class FunctionRegistry {
public:
    // The process-wide registry with every built-in function.
    static const FunctionRegistry& Instance();

    // Registers `binder` under `name` (lower case) and its aliases.
    void Register(std::string name, FunctionBinder binder);
    void Alias(std::string alias, std::string_view name);

    // The binder for `name` (any case), or nullptr when there is no such function.
    const FunctionBinder* Find(std::string_view name) const;

private:
    std::unordered_map<std::string, FunctionBinder> binders_;
};

// The families, each defined in its own file.
void RegisterArithmeticFunctions(FunctionRegistry& registry);   // functions_arithmetic.cc
void RegisterComparisonFunctions(FunctionRegistry& registry);   // functions_comparison.cc
void RegisterStringFunctions(FunctionRegistry& registry);       // functions_string.cc
void RegisterDateTimeFunctions(FunctionRegistry& registry);     // functions_datetime.cc
void RegisterMathFunctions(FunctionRegistry& registry);         // functions_math.cc
void RegisterConditionalFunctions(FunctionRegistry& registry);  // functions_conditional.cc

// --- Helpers for binders --------------------------------------------------------------------

// Fails unless args.size() is within [min, max]: "substr expects 2 or 3 arguments, got 1".
Status CheckArity(std::string_view name, std::span<const ArgInfo> args, size_t min, size_t max);

// True when any argument may be NULL.
bool AnyNullable(std::span<const ArgInfo> args);

}  // namespace tributary
