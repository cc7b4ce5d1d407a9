#include "storage/merge/key_merge.h"

#include <fmt/format.h>

#include <type_traits>

#include "column/fixed_column.h"
#include "column/nullable_column.h"
#include "column/type_dispatch.h"

namespace tributary {
namespace {

// [begin, end) of each run of rows with equal keys in a key-sorted chunk.
struct Run {
    uint32_t begin;
    uint32_t end;
};

std::vector<Run> FindRuns(const Chunk& sorted, size_t num_key_columns) {
    std::vector<Run> runs;
    const size_t n = sorted.num_rows();
    uint32_t begin = 0;
    for (uint32_t row = 1; row <= n; ++row) {
        if (row == n || CompareRows(sorted, row - 1, sorted, row, num_key_columns) != 0) {
            runs.push_back(Run{begin, row});
            begin = row;
        }
    }
    return runs;
}

// The row of `run` whose value a picking function keeps.
uint32_t PickRow(const Column& column, Run run, AggregateFunction fn) {
    switch (fn) {
        case AggregateFunction::kMax:
        case AggregateFunction::kMin: {
            uint32_t best = run.end - 1;
            bool found = false;
            for (uint32_t row = run.begin; row < run.end; ++row) {
                if (column.IsNullAt(row)) continue;
                int cmp = found ? column.CompareAt(row, column, best) : 0;
                if (!found || (fn == AggregateFunction::kMax ? cmp > 0 : cmp < 0)) best = row;
                found = true;
            }
            return best;
        }
        case AggregateFunction::kReplaceIfNotNull:
            for (uint32_t row = run.end; row-- > run.begin;) {
                if (!column.IsNullAt(row)) return row;
            }
            return run.end - 1;
        default:  // REPLACE, and the SUM placeholder rewritten by ApplySum
            return run.end - 1;
    }
}

template <typename T>
T WrappingAdd(T a, T b) {
    if constexpr (std::is_same_v<T, __int128>) {
        using U = unsigned __int128;  // std::make_unsigned knows no __int128 in strict C++20
        return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
    } else if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
    } else {
        return a + b;
    }
}

// Overwrites row i of `out` (one row per run) with the sum of the run's non-NULL values in `src`.
Status ApplySum(const Column& src, const std::vector<Run>& runs, Column* out) {
    const TypeDesc& type = src.type();
    if (!type.IsNumeric()) {
        return Status::InvalidArgument(
            fmt::format("SUM cannot aggregate a {} column", type.ToSql()));
    }
    const Column* src_data = &src;
    const std::vector<uint8_t>* src_nulls = nullptr;
    Column* out_data = out;
    std::vector<uint8_t>* out_nulls = nullptr;
    if (src.is_nullable()) {
        const auto& nullable = static_cast<const NullableColumn&>(src);
        src_data = nullable.data();
        src_nulls = &nullable.null_map();
        auto& out_nullable = static_cast<NullableColumn&>(*out);
        out_data = out_nullable.data();
        out_nulls = &out_nullable.null_map();
    }
    return VisitPhysicalType(type.type, [&]<typename Tag>(Tag) -> Status {
        using T = typename Tag::type;
        if constexpr (std::is_same_v<T, std::string_view> || std::is_same_v<T, uint8_t>) {
            return Status::InvalidArgument("SUM needs a numeric column");
        } else {
            const auto& in = static_cast<const FixedColumn<T>&>(*src_data).data();
            auto& result = static_cast<FixedColumn<T>&>(*out_data).data();
            for (size_t i = 0; i < runs.size(); ++i) {
                T sum{};
                bool any = false;
                for (uint32_t row = runs[i].begin; row < runs[i].end; ++row) {
                    if (src_nulls && (*src_nulls)[row]) continue;
                    sum = WrappingAdd(sum, in[row]);
                    any = true;
                }
                result[i] = sum;
                if (out_nulls) (*out_nulls)[i] = any ? 0 : 1;
            }
            return Status::OK();
        }
    });
}

Status CheckSpec(const Chunk& rows, const KeyMergeSpec& spec) {
    if (spec.num_key_columns == 0 || spec.num_key_columns > rows.num_columns()) {
        return Status::InvalidArgument(fmt::format("a table with {} columns cannot have {} keys",
                                                   rows.num_columns(), spec.num_key_columns));
    }
    if (spec.model == KeyModel::kAggregate &&
        spec.value_functions.size() != rows.num_columns() - spec.num_key_columns) {
        return Status::InvalidArgument(
            fmt::format("AGGREGATE merge needs {} value functions, got {}",
                        rows.num_columns() - spec.num_key_columns, spec.value_functions.size()));
    }
    return Status::OK();
}

}  // namespace

StatusOr<Chunk> SortAndMerge(const Chunk& rows, const KeyMergeSpec& spec) {
    RETURN_IF_ERROR(CheckSpec(rows, spec));
    Chunk sorted = SortChunkByKey(rows, spec.num_key_columns);
    if (spec.model == KeyModel::kDuplicate || sorted.num_rows() == 0) return sorted;
    const std::vector<Run> runs = FindRuns(sorted, spec.num_key_columns);
    if (runs.size() == sorted.num_rows()) return sorted;  // no equal keys

    std::vector<ColumnPtr> columns;
    std::vector<uint32_t> pick(runs.size());
    for (size_t c = 0; c < sorted.num_columns(); ++c) {
        const Column& column = *sorted.column(c);
        AggregateFunction fn = AggregateFunction::kReplace;  // UNIQUE / PRIMARY: latest row
        if (c < spec.num_key_columns) {
            fn = AggregateFunction::kReplace;  // equal within a run; any row will do
        } else if (spec.model == KeyModel::kAggregate) {
            fn = spec.value_functions[c - spec.num_key_columns];
        }
        for (size_t i = 0; i < runs.size(); ++i) pick[i] = PickRow(column, runs[i], fn);
        ColumnPtr merged = column.Take(pick);
        if (fn == AggregateFunction::kSum) RETURN_IF_ERROR(ApplySum(column, runs, merged.get()));
        if (fn == AggregateFunction::kHllUnion || fn == AggregateFunction::kBitmapUnion) {
            return Status::NotSupported(
                fmt::format("{} is not supported", AggregateFunctionName(fn)));
        }
        columns.push_back(std::move(merged));
    }
    return Chunk(sorted.schema(), std::move(columns));
}

StatusOr<PrimaryKeyOperations> ResolvePrimaryKeyOperations(const Chunk& rows,
                                                           std::span<const uint8_t> ops,
                                                           size_t num_key_columns) {
    if (!ops.empty() && ops.size() != rows.num_rows()) {
        return Status::InvalidArgument(
            fmt::format("{} operations for {} rows", ops.size(), rows.num_rows()));
    }
    const KeyMergeSpec spec{KeyModel::kPrimary, num_key_columns, {}};
    RETURN_IF_ERROR(CheckSpec(rows, spec));
    std::vector<uint32_t> key_columns(num_key_columns);
    for (uint32_t c = 0; c < num_key_columns; ++c) key_columns[c] = c;
    ChunkSchema key_schema;
    for (uint32_t c : key_columns) key_schema.columns.push_back(rows.schema().columns[c]);
    PrimaryKeyOperations result{Chunk(rows.schema()), Chunk(key_schema)};
    if (ops.empty()) {
        ASSIGN_OR_RETURN(result.upserts, SortAndMerge(rows, spec));
        return result;
    }
    // The operation rides along as a last column, so the latest row of a key carries its own.
    ChunkSchema with_op_schema = rows.schema();
    with_op_schema.columns.push_back(
        ColumnSchema{"__op", TypeDesc::Of(LogicalType::kTinyInt), false});
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < rows.num_columns(); ++c) columns.push_back(rows.column(c)->Clone());
    auto op_column = std::make_unique<FixedColumn<int8_t>>(TypeDesc::Of(LogicalType::kTinyInt));
    for (uint8_t op : ops) {
        if (op != kOpUpsert && op != kOpDelete) {
            return Status::InvalidArgument(
                fmt::format("operation {} is neither UPSERT nor DELETE", op));
        }
        op_column->data().push_back(static_cast<int8_t>(op));
    }
    columns.push_back(std::move(op_column));
    ASSIGN_OR_RETURN(Chunk merged,
                     SortAndMerge(Chunk(std::move(with_op_schema), std::move(columns)), spec));
    const auto& merged_ops =
        static_cast<const FixedColumn<int8_t>&>(*merged.column(rows.num_columns())).data();
    std::vector<uint32_t> upserts;
    std::vector<uint32_t> deletes;
    for (uint32_t row = 0; row < merged_ops.size(); ++row) {
        (merged_ops[row] == kOpDelete ? deletes : upserts).push_back(row);
    }
    std::vector<ColumnPtr> merged_columns = std::move(merged).ReleaseColumns();
    merged_columns.pop_back();
    Chunk without_op(rows.schema(), std::move(merged_columns));
    result.upserts = deletes.empty() ? std::move(without_op) : without_op.Take(upserts);
    if (!deletes.empty()) {
        std::vector<ColumnPtr> keys;
        for (uint32_t c : key_columns) keys.push_back(without_op.column(c)->Take(deletes));
        result.deletes = Chunk(std::move(key_schema), std::move(keys));
    }
    return result;
}

StatusOr<Chunk> MergeInputs(std::vector<Chunk> oldest_first, const KeyMergeSpec& spec) {
    if (oldest_first.empty()) return Status::InvalidArgument("nothing to merge");
    Chunk all = std::move(oldest_first.front());
    for (size_t i = 1; i < oldest_first.size(); ++i) {
        if (!(oldest_first[i].schema() == all.schema())) {
            return Status::InvalidArgument("merge inputs have different schemas");
        }
        all.AppendRange(oldest_first[i], 0, oldest_first[i].num_rows());
    }
    // A stable sort keeps older inputs before newer ones within a key, which is what UNIQUE and
    // the REPLACE functions need. (A streaming k-way merge can replace this when readers need
    // bounded memory.)
    return SortAndMerge(all, spec);
}

}  // namespace tributary
