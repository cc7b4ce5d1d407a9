#include "exec/operator.h"

#include <mutex>

namespace tributary {

Status Operator::RunParallel(const ChunkSink& sink) {
    while (true) {
        ASSIGN_OR_RETURN(std::optional<Chunk> chunk, Next());
        if (!chunk) return Status::OK();
        RETURN_IF_ERROR(sink(0, std::move(*chunk)));
    }
}

namespace {

void ExplainInto(const Operator& op, int depth, std::string* out) {
    out->append(static_cast<size_t>(depth) * 2, ' ');
    out->append(op.Describe());
    out->push_back('\n');
    for (const Operator* child : op.children()) ExplainInto(*child, depth + 1, out);
}

}  // namespace

std::string ExplainPlan(const Operator& root) {
    std::string out;
    ExplainInto(root, 0, &out);
    return out;
}

StatusOr<std::vector<Chunk>> CollectAll(Operator& op) {
    std::vector<std::vector<Chunk>> per_worker(std::max(1, op.parallelism()));
    RETURN_IF_ERROR(op.RunParallel([&](int worker, Chunk chunk) {
        per_worker[worker].push_back(std::move(chunk));
        return Status::OK();
    }));
    std::vector<Chunk> out;
    for (auto& chunks : per_worker) {
        for (Chunk& c : chunks) out.push_back(std::move(c));
    }
    return out;
}

}  // namespace tributary
