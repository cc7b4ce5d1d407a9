// Operator: one step of a query plan, producing chunks of rows.
//
// Operators form a tree; each owns its children. A consumer reads an operator in one of two
// ways:
//   - Next(): the chunks one at a time on the calling thread, until nullopt. Used where order
//     or early stopping matters (LIMIT without ORDER BY, the probe of a join's build side).
//   - RunParallel(sink): all chunks, pushed to `sink` from up to `workers` threads at once, each
//     call tagged with its worker number (0 .. workers - 1). Scans split their tablets and
//     segments between workers; filters and projections run on the worker that produced the
//     chunk; consumers that need all rows (aggregation, sort, top-N, the result) keep one
//     partial state per worker and merge them at the end. The default implementation calls
//     Next() on one worker.
// A plan is read once, by exactly one of the two.
//
// Chunks passed on are never empty, and follow schema(). Errors stop the query: the first
// failing worker's Status is returned, the other workers stop at their next chunk.
//
// Thread safety: an operator is used by one query; RunParallel's sink must be safe to call
// concurrently for different worker numbers (calls for the same worker never overlap).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "column/chunk.h"

namespace tributary {

// Rows per chunk that operators aim for.
inline constexpr size_t kChunkRows = 4096;

using ChunkSink = std::function<Status(int worker, Chunk chunk)>;

class Operator;
using OperatorPtr = std::unique_ptr<Operator>;

class Operator {
public:
    explicit Operator(ChunkSchema schema) : schema_(std::move(schema)) {}
    virtual ~Operator() = default;
    Operator(const Operator&) = delete;
    Operator& operator=(const Operator&) = delete;

    const ChunkSchema& schema() const { return schema_; }

    // The next non-empty chunk, or nullopt when there are no more.
    virtual StatusOr<std::optional<Chunk>> Next() = 0;

    // How many workers RunParallel will use (1 unless the operator reads a scan).
    virtual int parallelism() const { return 1; }
    // Pushes every chunk to `sink` (see the file comment).
    virtual Status RunParallel(const ChunkSink& sink);

    // EXPLAIN: the operator's name and its details ("SCAN example_tbl1 columns: a, b").
    virtual std::string Describe() const = 0;
    virtual std::vector<const Operator*> children() const { return {}; }

protected:
    ChunkSchema schema_;
};

// The plan as indented text, one operator per line, children below their parent.
std::string ExplainPlan(const Operator& root);

// Reads every chunk of `op` (in parallel when it can) and returns them; order is unspecified
// when parallel.
StatusOr<std::vector<Chunk>> CollectAll(Operator& op);

}  // namespace tributary
