// RoutineLoadStore: where Routine Load jobs live in the MetaStore.
//
// Keys (docs/architecture.md lists every owner's prefix):
//   routine_load/job/<id, 20 digits>   one job's record (routine_load_job.h's JSON)
//   routine_load/next_id               the next job id; ids are never reused, even after a
//                                      finished job is purged
// The manager adds a job's record to whatever batch changes it: its own (CREATE, PAUSE, ...) or
// a task's commit batch (TransactionManager's add_extra_ops), which is how the rows and the
// job's progress become durable in one write.
//
// Thread safety: the static functions are pure; Load reads a consistent snapshot.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "load/routine/routine_load_job.h"
#include "meta/meta_store.h"

namespace tributary {

struct StoredRoutineLoadJobs {
    std::vector<RoutineLoadJob> jobs;  // by id
    int64_t next_id = 1;               // greater than every id ever used
};

class RoutineLoadStore {
public:
    // Every stored job and the next id. Corruption names the key of a record it cannot read.
    static StatusOr<StoredRoutineLoadJobs> Load(const MetaStore& store);

    // Adds `job`'s record to `batch` (a new job's batch also carries PutNextId(job.id + 1)).
    static void Put(const RoutineLoadJob& job, MetaWriteBatch* batch);
    static void PutNextId(int64_t next_id, MetaWriteBatch* batch);
    static void Delete(int64_t job_id, MetaWriteBatch* batch);

    static std::string JobKey(int64_t job_id);
};

}  // namespace tributary
