// Helpers shared by the operator tests (test-only; not part of tributary_exec): an in-memory
// source operator, chunks built from rows of Values, expressions bound by name against a chunk
// layout, and results read back as text.
//
//   ChunkSchema schema{{Field("k", BigInt()), Field("s", Varchar())}};
//   auto source = std::make_unique<ChunksOperator>(
//       schema, SplitRows(schema, {{Value::BigInt(1), Value::String("a")}, ...}, 100),
//       /*workers=*/4);
//   FilterOperator filter(std::move(source), Bind("k > 1", schema), Ctx());
//   EXPECT_EQ(SortedRows(filter), (Rows{"(2, b)", "(3, NULL)"}));
//
// Rows are compared as Chunk::DebugRow text: "(v0, v1, ...)", NULL as "NULL".
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "column/value_append.h"
#include "exec/operator.h"
#include "expr/expr_binder.h"
#include "sql/ast_query.h"  // ast_expr.h (via expr_binder.h) needs Query complete
#include "sql/parser.h"

namespace tributary::exec_test {

using Rows = std::vector<std::string>;
using ValueRow = std::vector<Value>;

// --- Types and layouts ----------------------------------------------------------------------

inline TypeDesc Boolean() { return TypeDesc::Of(LogicalType::kBoolean); }
inline TypeDesc Int() { return TypeDesc::Of(LogicalType::kInt); }
inline TypeDesc BigInt() { return TypeDesc::Of(LogicalType::kBigInt); }
inline TypeDesc LargeInt() { return TypeDesc::Of(LogicalType::kLargeInt); }
inline TypeDesc Double() { return TypeDesc::Of(LogicalType::kDouble); }
inline TypeDesc Date() { return TypeDesc::Of(LogicalType::kDate); }
inline TypeDesc Varchar(int32_t length = 64) { return TypeDesc::Varchar(length); }
inline TypeDesc Decimal(int32_t precision, int32_t scale) {
    return TypeDesc::Decimal(precision, scale);
}

inline ColumnSchema Field(std::string name, TypeDesc type, bool nullable = true) {
    return ColumnSchema{std::move(name), type, nullable};
}

// --- Chunks ---------------------------------------------------------------------------------

// A chunk of `schema` holding `rows` (each row one Value per field, NULL where nullable).
inline Chunk MakeChunk(const ChunkSchema& schema, const std::vector<ValueRow>& rows) {
    Chunk chunk(schema);
    for (const ValueRow& row : rows) {
        EXPECT_EQ(row.size(), schema.size()) << "row width differs from the schema";
        for (size_t c = 0; c < schema.size() && c < row.size(); ++c) {
            const Status st = AppendValue(chunk.column(c), row[c]);
            EXPECT_TRUE(st.ok()) << schema.columns[c].name << ": " << st.ToString();
        }
    }
    return chunk;
}

// `rows` cut into chunks of at most `rows_per_chunk` rows (none when there are no rows).
inline std::vector<Chunk> SplitRows(const ChunkSchema& schema, const std::vector<ValueRow>& rows,
                                    size_t rows_per_chunk) {
    std::vector<Chunk> chunks;
    for (size_t begin = 0; begin < rows.size(); begin += rows_per_chunk) {
        const size_t end = std::min(rows.size(), begin + rows_per_chunk);
        chunks.push_back(
            MakeChunk(schema, std::vector<ValueRow>(rows.begin() + static_cast<ptrdiff_t>(begin),
                                                    rows.begin() + static_cast<ptrdiff_t>(end))));
    }
    return chunks;
}

// --- Results --------------------------------------------------------------------------------

// Every row of `chunk` / `chunks` as DebugRow text, in order.
inline Rows RowsOf(const Chunk& chunk) {
    Rows out;
    for (size_t r = 0; r < chunk.num_rows(); ++r) out.push_back(chunk.DebugRow(r));
    return out;
}

inline Rows RowsOf(const std::vector<Chunk>& chunks) {
    Rows out;
    for (const Chunk& chunk : chunks) {
        const Rows rows = RowsOf(chunk);
        out.insert(out.end(), rows.begin(), rows.end());
    }
    return out;
}

inline Rows Sorted(Rows rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
}

// Compares long row lists, reporting the sizes and the first difference rather than both lists.
inline ::testing::AssertionResult SameRows(const Rows& actual, const Rows& expected) {
    for (size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        if (actual[i] != expected[i]) {
            return ::testing::AssertionFailure()
                   << "row " << i << " is " << actual[i] << ", expected " << expected[i];
        }
    }
    if (actual.size() != expected.size()) {
        return ::testing::AssertionFailure()
               << actual.size() << " rows, expected " << expected.size();
    }
    return ::testing::AssertionSuccess();
}

// Reads `op` with RunParallel (all its workers) and returns its rows, sorted.
inline Rows SortedRows(Operator& op) {
    StatusOr<std::vector<Chunk>> chunks = CollectAll(op);
    EXPECT_TRUE(chunks.ok()) << chunks.status().ToString();
    if (!chunks.ok()) return {};
    for (const Chunk& c : *chunks)
        EXPECT_GT(c.num_rows(), 0u) << "operators never pass empty chunks";
    return Sorted(RowsOf(*chunks));
}

// Reads `op` with Next() and returns its chunks in order.
inline std::vector<Chunk> ChunksInOrder(Operator& op) {
    std::vector<Chunk> out;
    while (true) {
        StatusOr<std::optional<Chunk>> next = op.Next();
        EXPECT_TRUE(next.ok()) << next.status().ToString();
        if (!next.ok() || !next->has_value()) return out;
        EXPECT_GT((*next)->num_rows(), 0u) << "operators never return empty chunks";
        out.push_back(std::move(**next));
    }
}

// Reads `op` with Next() and returns its rows in order.
inline Rows RowsInOrder(Operator& op) { return RowsOf(ChunksInOrder(op)); }

// --- Source ---------------------------------------------------------------------------------

// ChunksOperator: yields the chunks it was given. Next() returns them in order on the calling
// thread; RunParallel pushes chunk i from worker i % workers, each worker on its own thread
// (when workers > 1), so that consumers exercise their per-worker states and merging.
// pulled() counts the chunks handed out, and stays readable after the operator is moved into
// a parent.
class ChunksOperator final : public Operator {
public:
    ChunksOperator(ChunkSchema schema, std::vector<Chunk> chunks, int workers = 1)
        : Operator(std::move(schema)),
          chunks_(std::move(chunks)),
          workers_(workers),
          pulled_(std::make_shared<std::atomic<size_t>>(0)) {}

    StatusOr<std::optional<Chunk>> Next() override {
        if (next_ >= chunks_.size()) return std::optional<Chunk>();
        pulled_->fetch_add(1);
        return std::optional<Chunk>(std::move(chunks_[next_++]));
    }

    int parallelism() const override { return workers_; }

    Status RunParallel(const ChunkSink& sink) override {
        std::mutex mu;
        Status first_error;
        std::atomic<bool> failed{false};
        auto work = [&](int worker) {
            for (size_t i = static_cast<size_t>(worker); i < chunks_.size();
                 i += static_cast<size_t>(workers_)) {
                if (failed.load()) return;
                pulled_->fetch_add(1);
                Status st = sink(worker, std::move(chunks_[i]));
                if (!st.ok()) {
                    std::lock_guard<std::mutex> lock(mu);
                    if (!failed.exchange(true)) first_error = std::move(st);
                    return;
                }
            }
        };
        std::vector<std::thread> threads;
        for (int w = 1; w < workers_; ++w) threads.emplace_back(work, w);
        work(0);
        for (std::thread& t : threads) t.join();
        next_ = chunks_.size();
        return first_error;
    }

    std::string Describe() const override { return "CHUNKS"; }

    std::shared_ptr<const std::atomic<size_t>> pulled() const { return pulled_; }

private:
    std::vector<Chunk> chunks_;
    int workers_;
    size_t next_ = 0;
    std::shared_ptr<std::atomic<size_t>> pulled_;
};

// A ChunksOperator over `rows` in chunks of `rows_per_chunk`.
inline std::unique_ptr<ChunksOperator> Source(const ChunkSchema& schema,
                                              const std::vector<ValueRow>& rows,
                                              size_t rows_per_chunk = kChunkRows, int workers = 1) {
    return std::make_unique<ChunksOperator>(schema, SplitRows(schema, rows, rows_per_chunk),
                                            workers);
}

// --- Expressions ----------------------------------------------------------------------------

inline EvalContext Ctx() { return EvalContext::Default(); }

// Resolves column names (exact, unqualified) to the fields of one chunk layout.
class SchemaScope final : public BindScope {
public:
    explicit SchemaScope(const ChunkSchema& schema) : schema_(schema) {}
    StatusOr<BoundColumn> ResolveColumn(const ColumnRefExpr& ref) const override {
        const int i = schema_.FindColumn(ref.column);
        if (i < 0) {
            return Status::NotFound("Unknown column '" + ref.column + "' in 'field list'",
                                    ErrorCode::kBadFieldError);
        }
        const ColumnSchema& c = schema_.columns[static_cast<size_t>(i)];
        return BoundColumn{static_cast<uint32_t>(i), c.type, c.nullable, c.name};
    }

private:
    const ChunkSchema& schema_;
};

// Parses `sql` and binds it against `schema`. A failure fails the test and returns null.
inline ExprNodePtr Bind(std::string_view sql, const ChunkSchema& schema) {
    StatusOr<std::unique_ptr<Expr>> parsed = ParseExpression(sql);
    EXPECT_TRUE(parsed.ok()) << sql << ": " << parsed.status().ToString();
    if (!parsed.ok()) return nullptr;
    StatusOr<ExprNodePtr> bound = BindExpression(**parsed, SchemaScope(schema), Ctx());
    EXPECT_TRUE(bound.ok()) << sql << ": " << bound.status().ToString();
    if (!bound.ok()) return nullptr;
    return std::move(bound).value();
}

// Binds each of `sqls` against `schema`.
inline std::vector<ExprNodePtr> BindAll(const std::vector<std::string>& sqls,
                                        const ChunkSchema& schema) {
    std::vector<ExprNodePtr> out;
    for (const std::string& sql : sqls) out.push_back(Bind(sql, schema));
    return out;
}

}  // namespace tributary::exec_test
