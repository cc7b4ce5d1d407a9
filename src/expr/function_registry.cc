#include "expr/function_registry.h"

#include <fmt/format.h>

#include "base/string_util.h"

namespace tributary {

const FunctionRegistry& FunctionRegistry::Instance() {
    static const FunctionRegistry* registry = [] {
        auto* r = new FunctionRegistry();
        RegisterArithmeticFunctions(*r);
        RegisterComparisonFunctions(*r);
        RegisterStringFunctions(*r);
        RegisterDateTimeFunctions(*r);
        RegisterMathFunctions(*r);
        RegisterConditionalFunctions(*r);
        return r;
    }();
    return *registry;
}

void FunctionRegistry::Register(std::string name, FunctionBinder binder) {
    binders_[ToLower(name)] = std::move(binder);
}

void FunctionRegistry::Alias(std::string alias, std::string_view name) {
    const FunctionBinder* binder = Find(name);
    TRIBUTARY_CHECK(binder != nullptr, "FunctionRegistry::Alias of an unregistered function");
    binders_[ToLower(alias)] = *binder;
}

const FunctionBinder* FunctionRegistry::Find(std::string_view name) const {
    auto it = binders_.find(ToLower(name));
    return it == binders_.end() ? nullptr : &it->second;
}

Status CheckArity(std::string_view name, std::span<const ArgInfo> args, size_t min, size_t max) {
    if (args.size() >= min && args.size() <= max) return Status::OK();
    std::string expected = min == max ? std::to_string(min)
                                      : (max == min + 1 ? fmt::format("{} or {}", min, max)
                                                        : fmt::format("{} to {}", min, max));
    return Status::InvalidArgument(fmt::format("{} expects {} argument{}, got {}", name, expected,
                                               (min == max && min == 1) ? "" : "s", args.size()),
                                   ErrorCode::kParseError);
}

bool AnyNullable(std::span<const ArgInfo> args) {
    for (const ArgInfo& a : args) {
        if (a.nullable) return true;
    }
    return false;
}

}  // namespace tributary
