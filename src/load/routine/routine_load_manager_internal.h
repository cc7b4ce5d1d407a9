// Internal to the Routine Load manager: the per-job runtime state shared by
// routine_load_manager.cc (the registry and the statements) and routine_load_scheduler.cc (the
// scheduler, the workers and the commit hooks). Not part of any other module's interface.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "load/routine/routine_load_manager.h"
#include "load/routine/schema_registry_client.h"

namespace tributary::routine_load_internal {

// StarRocks' InternalErrorCode numbers, shown in ReasonOfStateChanged.
inline constexpr int kErrPartitions = 4;
inline constexpr int kErrDb = 5;
inline constexpr int kErrTable = 6;
inline constexpr int kErrManualPause = 100;
inline constexpr int kErrManualStop = 101;
inline constexpr int kErrTooManyFailureRows = 102;
inline constexpr int kErrCreateTasks = 103;
inline constexpr int kErrTasksAbort = 104;

// "ErrorReason{errCode = 102, msg='...'}", StarRocks' ReasonOfStateChanged.
std::string ErrorReason(int code, std::string_view message);
// A random UUID, the id of a task (and the tail of its label).
std::string NewTaskId();
KafkaEndpoint EndpointOf(const KafkaSourceProperties& source);
// Keeps `url` as the newest of the job's ErrorLogUrls (the latest three, oldest first).
void AddErrorLogUrl(RoutineLoadJob& job, std::string url);
// Whether `status` is the consumer's "cannot reach kafka_broker_list" or its brokers not
// answering in time (retried for a while, then the job pauses).
bool IsKafkaUnreachable(const Status& status);

}  // namespace tributary::routine_load_internal

namespace tributary {

// A slot of a RUNNING job: a fixed set of partitions, one task at a time.
struct RoutineLoadManager::TaskSlot {
    std::vector<int32_t> partitions;
    std::string task_id;  // of the task running or next to run
    int64_t create_time_ms = 0;
    int64_t last_scheduled_ms = -1;
    int64_t execute_start_ms = -1;
    int64_t next_run_ms = 0;
    bool running = false;
    bool timed_out = false;  // the running task passed task_timeout_second: fenced off
    int64_t txn_id = -1;
    std::string message;
    std::unique_ptr<KafkaConsumer> consumer;  // kept between tasks; null while one runs
};

// What undoes a commit whose write failed after its progress was applied.
struct CommitUndo {
    std::map<int32_t, int64_t> progress;
    std::map<int32_t, int64_t> timestamps;
    RoutineLoadStatistics statistics;
    RoutineLoadState state = RoutineLoadState::kRunning;
    std::string state_reason;
};

struct RoutineLoadManager::JobEntry {
    RoutineLoadJob job;
    RoutineLoadJobProperties properties;
    KafkaSourceProperties source;
    std::vector<int32_t> partitions;  // the partition list the slots were split from
    std::vector<TaskSlot> slots;
    std::map<std::string, CommitUndo> in_flight;  // task id -> undo of a commit being written
    bool unstable = false;
    std::map<int32_t, int64_t> latest_offsets;
    // The error window of max_error_number (10 x max_batch_rows rows).
    int64_t window_total_rows = 0;
    int64_t window_error_rows = 0;
    int64_t next_split_ms = 0;
    int64_t next_discovery_ms = 0;
    int64_t kafka_failing_since_ms = -1;  // first of the current run of unreachable failures
    // An Avro job's Schema Registry client (made on first use, dropped by ALTER) and its run of
    // failures: since when, and how many (the retry backoff).
    std::shared_ptr<SchemaRegistryClient> registry;
    int64_t registry_failing_since_ms = -1;
    int registry_failures = 0;
    std::unique_ptr<KafkaConsumer> metadata;  // for partition lists (splits, discovery)
    bool metadata_busy = false;               // a split or discovery is queued or running
    std::shared_ptr<KafkaConsumer> mirror;    // commits the consumer-group mirror
};

// Work for the worker pool: a task of a slot, or a job's Kafka metadata call.
struct RoutineLoadManager::TaskRun {
    enum class Kind : uint8_t { kTask, kSplit, kDiscover };
    Kind kind = Kind::kTask;
    int64_t job_id = 0;
    size_t slot = 0;
    std::string task_id;
};

}  // namespace tributary
