#include "load/routine/routine_load_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/string_util.h"

namespace tributary {
namespace {

constexpr std::string_view kJobPrefix = "routine_load/job/";
constexpr std::string_view kNextIdKey = "routine_load/next_id";

}  // namespace

std::string RoutineLoadStore::JobKey(int64_t job_id) {
    return fmt::format("{}{:020d}", kJobPrefix, job_id);
}

StatusOr<StoredRoutineLoadJobs> RoutineLoadStore::Load(const MetaStore& store) {
    StoredRoutineLoadJobs stored;
    Status problem;
    RETURN_IF_ERROR(store.Scan(kJobPrefix, [&](std::string_view key, std::string_view value) {
        auto job = DecodeRoutineLoadJob(value);
        if (!job.ok()) {
            problem = Status::Corruption(fmt::format("{}: {}", key, job.status().message()));
            return false;
        }
        stored.next_id = std::max(stored.next_id, job->id + 1);
        stored.jobs.push_back(std::move(job).value());
        return true;
    }));
    RETURN_IF_ERROR(problem);
    ASSIGN_OR_RETURN(std::optional<std::string> next, store.Get(kNextIdKey));
    if (next) {
        int64_t id = 0;
        if (!ParseInt64(*next, &id) || id < 1) {
            return Status::Corruption(fmt::format("{}: '{}' is not an id", kNextIdKey, *next));
        }
        stored.next_id = std::max(stored.next_id, id);
    }
    return stored;
}

void RoutineLoadStore::Put(const RoutineLoadJob& job, MetaWriteBatch* batch) {
    batch->Put(JobKey(job.id), EncodeRoutineLoadJob(job));
}

void RoutineLoadStore::PutNextId(int64_t next_id, MetaWriteBatch* batch) {
    batch->Put(std::string(kNextIdKey), std::to_string(next_id));
}

void RoutineLoadStore::Delete(int64_t job_id, MetaWriteBatch* batch) {
    batch->Delete(JobKey(job_id));
}

}  // namespace tributary
