// RoutineLoadTask: one batch of a Routine Load job - Kafka messages in, one transaction out
// (reference §3, §4; docs/routine_load.md).
//
//   consume until task_consume_second, max_routine_load_batch_size or every partition reaching
//   what was there when the task began -> CSV / JSON / Avro readers -> LoadPipeline
//   -> max_filter_ratio -> begin (label {job}-{job_id}-{task_id}) and commit with the fence
//   and the job's new progress in the same MetaStore write
//
// The task knows nothing of the job registry: the manager hands it a snapshot of what it needs
// (RoutineLoadTaskInput) and two callbacks that run inside TransactionManager::Commit, under its
// writer lock - `fence` (is this task still current and the job RUNNING?) and `add_progress`
// (apply the outcome to the job and add the job's record to the commit batch). So the rows and
// the offsets that produced them become durable together, or neither does.
//
// Messages. Each CSV message is one or more rows (parsed on its own, so a message boundary
// always ends a row); each JSON message is one document (or an array with strip_outer_array),
// parsed as newline-separated documents in batches. Payloads are copied into a 4 MB arena and
// handed to the pipeline an arena at a time. Each Avro message is one record, decoded as it
// arrives with the writer schema its header names (avro_reader.h); rows go to the pipeline
// kAvroBatchRows at a time. Empty messages (Kafka tombstones) carry no row and are skipped.
// When the Schema Registry cannot be asked the task fails as a whole - nothing is committed and
// the next task reads the same messages again.
//
// Offsets. A start of OFFSET_BEGINNING / OFFSET_END is resolved by the broker as the consumer
// starts; the outcome's next offsets are where the next task starts: after the last message
// read, or the end of the partition when the consumer reached it (which steps over transaction
// control records). An empty batch whose offsets moved commits with no rows; one whose offsets
// did not move begins no transaction at all (kNoData, with logical offsets resolved when the
// broker answered). No call blocks past the task's limits: a partition whose leader is down
// delivers nothing and is reported in stalled_partitions.
//
// Thread safety: RunRoutineLoadTask may run concurrently for different tasks; the consumer is
// the caller's and used by this call only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"
#include "load/avro/avro_reader.h"
#include "load/load_pipeline.h"
#include "load/routine/kafka_consumer.h"
#include "load/routine/routine_load_job.h"
#include "load/routine/routine_load_properties.h"
#include "meta/meta_store.h"

namespace tributary {

struct RoutineLoadTaskInput {
    const RoutineLoadJob* job = nullptr;  // the job as it was when the task was scheduled
    RoutineLoadJobProperties properties;  // parsed from job->job_properties
    std::shared_ptr<const TableInfo> table;
    std::string task_id;                  // a UUID; the label is {job}-{job_id}-{task_id}
    // partition -> first offset to read: >= 0, kKafkaOffsetBeginning or kKafkaOffsetEnd.
    std::map<int32_t, int64_t> start_offsets;
    KafkaConsumeLimits limits;
    std::string error_log_host;           // "host:port" for the error-log URL
    // Writer schemas of an Avro job (its Schema Registry client); null for CSV and JSON.
    std::shared_ptr<AvroSchemaSource> schema_source;
};

// How a task ended.
enum class RoutineLoadTaskEnd : uint8_t {
    kCommitted,  // rows and offsets committed (possibly no rows when only offsets moved)
    kNoData,     // nothing new in any partition: nothing begun
    kAborted,    // the transaction was aborted; `status` says why
    kFailed,     // nothing begun or consumed usefully; `status` says why (Kafka, the table ...)
};

struct RoutineLoadTaskOutcome {
    RoutineLoadTaskEnd end = RoutineLoadTaskEnd::kFailed;
    Status status;  // kAborted / kFailed: the reason
    int64_t txn_id = -1;
    std::string label;
    LoadCounters counters;
    int64_t received_bytes = 0;
    int64_t execute_ms = 0;
    // Per consumed partition: the next offset to read and the last message's time.
    std::map<int32_t, KafkaPartitionProgress> partitions;
    // The latest high watermarks the brokers reported (LatestSourcePosition).
    std::map<int32_t, int64_t> latest_offsets;
    // Every partition reached what was there when the task began (or did not answer): the
    // next task waits max_batch_interval. Otherwise it starts at once.
    bool caught_up = false;
    // Partitions that delivered nothing and never reached their end within
    // task_consume_second: their leader is down or unreachable.
    std::vector<int32_t> stalled_partitions;
    std::string error_log_url;  // empty when no row was filtered
    std::string first_error;    // the first error row's reason
};

struct RoutineLoadTaskHooks {
    // After the transaction began (SHOW ROUTINE LOAD TASK's TxnId); may be empty.
    std::function<void(int64_t txn_id)> on_begin;
    // Under the transaction manager's writer lock: OK while the task may still commit.
    std::function<Status()> fence;
    // Under the same lock, after the fence: apply `outcome` (with end == kCommitted) to the job
    // and add the job's record to `batch`. A failure refuses the commit.
    std::function<Status(const RoutineLoadTaskOutcome& outcome, MetaWriteBatch* batch)>
        add_progress;
    // After a failed commit whose add_progress had run: undo what it applied.
    std::function<void(const RoutineLoadTaskOutcome& outcome)> undo_progress;
};

RoutineLoadTaskOutcome RunRoutineLoadTask(const RoutineLoadTaskInput& input,
                                          const LoadServices& services, KafkaConsumer* consumer,
                                          const RoutineLoadTaskHooks& hooks);

// The load description of a job (COLUMNS, WHERE, PARTITION, strict mode), parsed from the
// text the job keeps. InvalidArgument when the text no longer parses.
struct ParsedLoadDescription {
    std::vector<LoadColumn> columns;
    ExprPtr where;
    LoadDescription description;  // points into the members above
};
StatusOr<std::unique_ptr<ParsedLoadDescription>> ParseJobLoadDescription(
    const RoutineLoadJob& job, const RoutineLoadJobProperties& properties);

// Checks what every task will build - the load description bound against `table`, the CSV
// separators, the jsonpaths against the source fields, an Avro job's Schema Registry URL - so
// CREATE and ALTER refuse a job that could never load a row.
Status ValidateRoutineLoadDescription(const RoutineLoadJob& job,
                                      const RoutineLoadJobProperties& properties,
                                      const LoadServices& services,
                                      std::shared_ptr<const TableInfo> table);

}  // namespace tributary
