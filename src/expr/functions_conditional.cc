// Conditional functions: if, ifnull / nvl, coalesce, nullif, isnull / isnotnull.
//
// The value arguments meet in their CommonType (type_coercion.h), which is the result type.
// Every argument arrives already evaluated (these are functions, not CASE): a kernel only
// chooses, row by row, which argument's value to copy. A NULL condition counts as false, as in
// MySQL. Only isnull / isnotnull look at NULLs instead of propagating them.
#include "column/type_dispatch.h"
#include "expr/function_registry.h"
#include "expr/function_util.h"
#include "expr/kernel_util.h"
#include "expr/type_coercion.h"

namespace tributary {

namespace {

using Args = std::span<const ArgInfo>;
using Cols = std::span<const EvalColumn>;

TypeDesc Boolean() { return TypeDesc::Of(LogicalType::kBoolean); }

// Reads only the null map of an argument, without a virtual call per row.
class NullView {
public:
    explicit NullView(const EvalColumn& c)
        : nulls_(c.null_map()), mask_(c.constant ? 0 : ~size_t{0}) {}
    bool is_null(size_t i) const { return nulls_ != nullptr && nulls_[i & mask_] != 0; }

private:
    const uint8_t* nulls_;
    size_t mask_;
};

// Row i of the result is row i of argument choose(i) (NULL when that is NULL, or when choose
// gives -1). Only the arguments listed in `values` are read, all of type `type`.
template <typename Choose>
EvalColumn SelectRows(Cols a, std::span<const size_t> values, size_t rows, const TypeDesc& type,
                      bool nullable, Choose&& choose) {
    return VisitPhysicalType(type.type, [&]<typename Tag>(Tag) -> EvalColumn {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view>) {
            std::vector<std::optional<StringReader>> readers(a.size());
            for (size_t k : values) readers[k].emplace(a[k]);
            StringBuilder out(type, rows);
            for (size_t i = 0; i < rows; ++i) {
                const int k = choose(i);
                if (k < 0 || readers[k]->is_null(i)) {
                    out.AppendNull();
                } else {
                    out.Append(readers[k]->value(i));
                }
            }
            return std::move(out).Finish(nullable);
        } else {
            std::vector<std::optional<FixedReader<T>>> readers(a.size());
            for (size_t k : values) readers[k].emplace(a[k]);
            FixedBuilder<T> out(type, rows);
            for (size_t i = 0; i < rows; ++i) {
                const int k = choose(i);
                if (k < 0 || readers[k]->is_null(i)) {
                    out.SetNull(i);
                } else {
                    out.Set(i, readers[k]->value(i));
                }
            }
            return std::move(out).Finish(nullable);
        }
    });
}

// The CommonType of args[first..].
StatusOr<TypeDesc> CommonTypeOf(Args args, size_t first) {
    TypeDesc common = args[first].type;
    for (size_t i = first + 1; i < args.size(); ++i) {
        ASSIGN_OR_RETURN(common, CommonType(common, args[i].type));
    }
    return common;
}

// True when argument i may be NULL once cast to `type`.
bool MayBeNull(const ArgInfo& arg, const TypeDesc& type) {
    return arg.nullable || CastMayFail(arg.type, type);
}

// if(cond, a, b): a where cond is TRUE, b where it is FALSE or NULL.
StatusOr<FunctionBinding> BindIf(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    ASSIGN_OR_RETURN(TypeDesc common, CommonTypeOf(args, 1));
    const bool nullable = MayBeNull(args[1], common) || MayBeNull(args[2], common);
    ScalarKernel kernel = [common, nullable](Cols a, size_t rows,
                                             const EvalContext&) -> StatusOr<EvalColumn> {
        FixedReader<uint8_t> cond(a[0]);
        static constexpr size_t kValues[] = {1, 2};
        return SelectRows(a, kValues, rows, common, nullable,
                          [&](size_t i) { return !cond.is_null(i) && cond.value(i) != 0 ? 1 : 2; });
    };
    return FunctionBinding{{Boolean(), common, common}, common, nullable, std::move(kernel)};
}

// ifnull(a, b) / nvl(a, b): a unless it is NULL.
StatusOr<FunctionBinding> BindIfNull(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    ASSIGN_OR_RETURN(TypeDesc common, CommonTypeOf(args, 0));
    const bool nullable = MayBeNull(args[0], common) && MayBeNull(args[1], common);
    ScalarKernel kernel = [common, nullable](Cols a, size_t rows,
                                             const EvalContext&) -> StatusOr<EvalColumn> {
        const NullView first(a[0]);
        static constexpr size_t kValues[] = {0, 1};
        return SelectRows(a, kValues, rows, common, nullable,
                          [&](size_t i) { return first.is_null(i) ? 1 : 0; });
    };
    return FunctionBinding{{common, common}, common, nullable, std::move(kernel)};
}

// coalesce(a, ...): the first argument that is not NULL; NULL only when all are.
StatusOr<FunctionBinding> BindCoalesce(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckMinArity(name, args, 1));
    ASSIGN_OR_RETURN(TypeDesc common, CommonTypeOf(args, 0));
    bool nullable = true;
    for (const ArgInfo& arg : args) nullable = nullable && MayBeNull(arg, common);
    ScalarKernel kernel = [common, nullable](Cols a, size_t rows,
                                             const EvalContext&) -> StatusOr<EvalColumn> {
        std::vector<size_t> values(a.size());
        std::vector<NullView> nulls;
        for (size_t k = 0; k < a.size(); ++k) {
            values[k] = k;
            nulls.emplace_back(a[k]);
        }
        return SelectRows(a, values, rows, common, nullable, [&](size_t i) {
            for (size_t k = 0; k < nulls.size(); ++k) {
                if (!nulls[k].is_null(i)) return static_cast<int>(k);
            }
            return -1;
        });
    };
    return FunctionBinding{std::vector<TypeDesc>(args.size(), common), common, nullable,
                           std::move(kernel)};
}

// nullif(a, b): NULL where a = b, a otherwise (a NULL b never matches).
StatusOr<FunctionBinding> BindNullIf(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    ASSIGN_OR_RETURN(TypeDesc common, CommonTypeOf(args, 0));
    ScalarKernel kernel = [common](Cols a, size_t rows,
                                   const EvalContext&) -> StatusOr<EvalColumn> {
        return VisitPhysicalType(common.type, [&]<typename Tag>(Tag) {
            using T = typename Tag::type;
            using Reader = std::conditional_t<std::is_same_v<T, std::string_view>, StringReader,
                                              FixedReader<T>>;
            Reader x(a[0]);
            Reader y(a[1]);
            static constexpr size_t kValues[] = {0};
            return SelectRows(a, kValues, rows, common, true, [&](size_t i) {
                return !y.is_null(i) && x.value(i) == y.value(i) ? -1 : 0;
            });
        });
    };
    return FunctionBinding{{common, common}, common, true, std::move(kernel)};
}

// isnull(x) / isnotnull(x): BOOLEAN, never NULL.
FunctionBinder IsNullBinder(bool want_null) {
    return [want_null](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        ScalarKernel kernel = [want_null](Cols a, size_t rows,
                                          const EvalContext&) -> StatusOr<EvalColumn> {
            FixedBuilder<uint8_t> out(Boolean(), rows);
            uint8_t* data = out.data();
            const uint8_t* nulls = a[0].null_map();
            const uint8_t absent = want_null ? 0 : 1;
            if (nulls == nullptr) {
                std::fill(data, data + rows, absent);
            } else if (a[0].constant) {
                std::fill(data, data + rows, (nulls[0] != 0) == want_null ? 1 : 0);
            } else {
                for (size_t i = 0; i < rows; ++i) data[i] = (nulls[i] != 0) == want_null ? 1 : 0;
            }
            return std::move(out).Finish(false);
        };
        return FunctionBinding{{args[0].type}, Boolean(), false, std::move(kernel)};
    };
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& registry) {
    registry.Register("if", BindIf);
    registry.Register("ifnull", BindIfNull);
    registry.Alias("nvl", "ifnull");
    registry.Register("coalesce", BindCoalesce);
    registry.Register("nullif", BindNullIf);
    registry.Register("isnull", IsNullBinder(true));
    registry.Register("isnotnull", IsNullBinder(false));
}

}  // namespace tributary
