// RoutineLoadManager: the registry of Routine Load jobs, their scheduler and the workers that
// run their tasks (DESIGN §7, reference §2-§5, docs/routine_load.md). The frontend's statements
// call it; nothing else does.
//
// Jobs. CREATE validates the statement (properties with StarRocks' messages, the load
// description bound against the table) and stores the job as NEED_SCHEDULE. The scheduler
// thread splits a NEED_SCHEDULE job into min(partitions, desired_concurrent_number,
// max_routine_load_task_concurrent_num) task slots - partition at list index j goes to slot
// j mod n - and makes it RUNNING; a slot runs one task (one transaction) at a time on the
// worker pool (max_routine_load_task_num_per_be threads): at once when its last task had not
// caught up, else max_batch_interval after it. Partitions of jobs without kafka_partitions are
// rediscovered every few seconds; a change re-splits the job (RUNNING -> NEED_SCHEDULE). The
// Kafka metadata calls of splits and discovery run on the workers too, never on the scheduler
// thread, so brokers that do not answer hold up only their own job.
//
// Exactly once. A task's rows and the job's new progress are written by the same MetaStore
// batch (routine_load_task.h). The fence refuses the commit of a task that is no longer one of
// its job's current tasks (paused, stopped, altered, re-split, timed out and renewed) or whose
// job is not RUNNING. Between a task's progress being applied in memory and its commit being
// durable, the job's record is not written by anyone else: state changes wait for in-flight
// commits (so a PAUSE never persists a progress older than one a commit wrote).
//
// Errors (reference §5). A batch whose error rows exceed max_filter_ratio is aborted and pauses
// the job; error rows over max_error_number within the 10 x max_batch_rows window pause it
// after the batch commits (in the same write). Kafka failures that cannot heal (unknown topic
// or partition, offset out of range, a property librdkafka refuses) pause at once with a reason
// that says what to do; brokers that cannot be reached are retried each max_batch_interval and
// pause the job when they stay unreachable for routine_load_kafka_unreachable_pause_second. An
// Avro job's Schema Registry that cannot be asked fails the task; it is retried after 1, 2, 4 ...
// seconds (at most max_batch_interval) and the job pauses, naming the URL and the error, when the
// registry keeps failing for routine_load_schema_registry_unreachable_pause_second. A job is
// never silently stuck RUNNING: every failed task leaves its reason in OtherMsg.
// Dropping the table or the database cancels the job (a CatalogObserver).
//
// Restart. Open() loads every job; RUNNING ones become NEED_SCHEDULE and start again from the
// persisted progress. Transactions of tasks that died are aborted by the TransactionManager.
//
// Thread safety: every public method may be called concurrently. Lock order: the transaction
// manager's writer lock, then this manager's mutex; the manager never holds its mutex while it
// calls into the transaction manager or Kafka.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "catalog/catalog_observer.h"
#include "load/routine/kafka_consumer.h"
#include "load/routine/routine_load_job.h"
#include "load/routine/routine_load_properties.h"
#include "load/routine/routine_load_task.h"
#include "load/table_sink.h"
#include "meta/meta_store.h"
#include "sql/ast_routine_load.h"

namespace tributary {

class Catalog;

struct RoutineLoadManagerOptions {
    Catalog* catalog = nullptr;
    MetaStore* meta = nullptr;
    LoadServices services;
    std::string error_log_host;  // "host:port" of the HTTP server, for ErrorLogUrls
    // Wall-clock milliseconds since the epoch; empty: the system clock.
    std::function<int64_t()> clock_ms;
    // How often jobs without kafka_partitions look for new partitions.
    int64_t partition_discovery_interval_ms = 5000;
};

// Who is asking, for CREATE.
struct RoutineLoadCreateContext {
    std::string db;            // the job's database (resolved by the frontend)
    std::string user;          // 'name'@'host'
    RoutineLoadDefaults defaults;
};

// A job as SHOW ROUTINE LOAD sees it: the record plus what only the running manager knows.
struct RoutineLoadJobView {
    RoutineLoadJob job;
    RoutineLoadJobProperties properties;
    KafkaSourceProperties source;
    std::vector<int32_t> partitions;       // being consumed now (or the pinned list)
    int64_t current_task_num = 0;
    bool unstable = false;
    std::map<int32_t, int64_t> latest_offsets;  // LatestSourcePosition
};

// One row of SHOW ROUTINE LOAD TASK.
struct RoutineLoadTaskView {
    std::string task_id;
    int64_t txn_id = -1;
    std::string txn_status;  // "UNKNOWN" before the transaction begins
    int64_t job_id = 0;
    int64_t create_time_ms = 0;
    int64_t last_scheduled_time_ms = -1;
    int64_t execute_start_time_ms = -1;
    int64_t timeout_s = 0;
    std::map<int32_t, int64_t> progress;        // its partitions' next offsets
    std::map<int32_t, int64_t> latest_offsets;  // their high watermarks when last seen
    std::string message;
};

class RoutineLoadManager : public CatalogObserver {
public:
    // Loads the stored jobs (RUNNING ones become NEED_SCHEDULE) and starts the scheduler and
    // the workers. Registers itself as a catalog observer.
    static StatusOr<std::unique_ptr<RoutineLoadManager>> Open(RoutineLoadManagerOptions options);
    ~RoutineLoadManager() override;  // stops the threads; running tasks are abandoned
    RoutineLoadManager(const RoutineLoadManager&) = delete;
    RoutineLoadManager& operator=(const RoutineLoadManager&) = delete;

    // --- Statements (the frontend checks privileges first) -------------------------------
    Status Create(const CreateRoutineLoadStmt& stmt, const RoutineLoadCreateContext& context);
    Status Pause(const std::string& db, const std::string& name, const std::string& user);
    Status Resume(const std::string& db, const std::string& name);
    Status Stop(const std::string& db, const std::string& name);
    Status Alter(const std::string& db, const AlterRoutineLoadStmt& stmt);

    // The table a job loads, to check privileges: (db, table). NotFound with StarRocks'
    // message when there is no such job ("Routine load job [x] of database [d] is not
    // found" / "There is not operable routine load job with name x").
    StatusOr<std::pair<std::string, std::string>> JobTable(const std::string& db,
                                                           const std::string& name,
                                                           bool include_final) const;

    // Jobs of `db` (every database when empty) named `name` (all when empty); final ones only
    // with `include_final`. By id.
    std::vector<RoutineLoadJobView> ShowJobs(const std::string& db, const std::string& name,
                                             bool include_final) const;
    // The current tasks of the job `name` in `db`.
    StatusOr<std::vector<RoutineLoadTaskView>> ShowTasks(const std::string& db,
                                                         const std::string& name) const;

    // --- CatalogObserver ---------------------------------------------------------------------
    void OnTableDropped(int64_t db_id, int64_t table_id) override;
    void OnDatabaseDropped(int64_t db_id) override;

private:
    struct TaskSlot;
    struct JobEntry;
    struct TaskRun;

    explicit RoutineLoadManager(RoutineLoadManagerOptions options);
    int64_t Now() const;

    // Lookups. REQUIRE: mu_ held.
    JobEntry* FindLocked(const std::string& db, const std::string& name, bool include_final);
    const JobEntry* FindLocked(const std::string& db, const std::string& name,
                               bool include_final) const;

    // Moves `entry` to `to` with `reason`, clearing its tasks when it leaves RUNNING, and
    // persists it. REQUIRES: mu_ held through `lock`.
    Status ChangeStateLocked(std::unique_lock<std::mutex>& lock, JobEntry& entry,
                             RoutineLoadState to, std::string reason);
    // Writes the job's record once no commit of it is in flight. REQUIRES: mu_ held.
    Status PersistLocked(std::unique_lock<std::mutex>& lock, JobEntry& entry);
    void ClearTasksLocked(JobEntry& entry);

    // The scheduler thread and its steps.
    void SchedulerLoop();
    void SplitJob(int64_t job_id);
    void DiscoverPartitions(int64_t job_id);
    void PurgeFinishedLocked(std::unique_lock<std::mutex>& lock);

    // The workers.
    void WorkerLoop();
    void RunTask(const TaskRun& run);
    void FinishTask(const TaskRun& run, int64_t task_start_ms,
                    const RoutineLoadTaskOutcome& outcome, std::unique_ptr<KafkaConsumer> consumer);
    // Commits a committed task's offsets to the job's consumer group (best effort).
    void MirrorOffsets(int64_t job_id, const KafkaSourceProperties& source,
                       std::shared_ptr<KafkaConsumer> mirror,
                       const RoutineLoadTaskOutcome& outcome);
    // What a failed task (begun at `attempt_start_ms`) does to its job: pause, cancel, or
    // retry later.
    void HandleTaskFailureLocked(std::unique_lock<std::mutex>& lock, JobEntry& entry,
                                 const Status& status, int64_t attempt_start_ms);

    // The hooks a task's commit runs (under the transaction manager's writer lock).
    Status FenceTask(int64_t job_id, const std::string& task_id);
    Status FenceTaskLocked(int64_t job_id, const std::string& task_id);
    Status ApplyCommit(int64_t job_id, const std::string& task_id,
                       const RoutineLoadTaskOutcome& outcome, MetaWriteBatch* batch);
    void UndoCommit(int64_t job_id, const std::string& task_id,
                    const RoutineLoadTaskOutcome& outcome);

    const RoutineLoadManagerOptions options_;

    mutable std::mutex mu_;
    std::condition_variable changed_;  // job states, slots, in-flight commits, the task queue
    std::map<int64_t, std::unique_ptr<JobEntry>> jobs_;  // by id
    int64_t next_id_ = 1;
    std::deque<TaskRun> queue_;  // tasks ready to run
    bool stopping_ = false;
    std::atomic<bool> cancel_tasks_{false};  // set when stopping: running tasks end early

    std::thread scheduler_;
    std::vector<std::thread> workers_;
};

}  // namespace tributary
