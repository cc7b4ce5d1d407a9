// The Routine Load manager's moving parts: the scheduler thread (splits, partition discovery,
// task timeouts), the workers that run tasks, and the hooks a task's commit runs under the
// transaction manager's writer lock. The registry and the statements are in
// routine_load_manager.cc.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "base/config.h"
#include "base/logging.h"
#include "base/string_util.h"
#include "catalog/catalog.h"
#include "load/routine/routine_load_manager.h"
#include "load/routine/routine_load_manager_internal.h"
#include "load/routine/routine_load_show.h"
#include "load/routine/routine_load_store.h"

namespace tributary {

using namespace routine_load_internal;

// --- Scheduler -------------------------------------------------------------------------------

void RoutineLoadManager::SchedulerLoop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        const int64_t now = Now();
        int64_t wake = now + 1000;
        auto enqueue = [&](TaskRun run) {
            queue_.push_back(std::move(run));
            changed_.notify_all();
        };
        for (auto& [id, entry] : jobs_) {
            JobEntry& e = *entry;
            // Kafka metadata calls (splits, partition discovery) run on the workers, one at a
            // time per job, so a job whose brokers do not answer delays nobody else.
            if (e.job.state == RoutineLoadState::kNeedSchedule && !e.metadata_busy) {
                if (now >= e.next_split_ms) {
                    e.metadata_busy = true;
                    enqueue(TaskRun{TaskRun::Kind::kSplit, id, 0, ""});
                } else {
                    wake = std::min(wake, e.next_split_ms);
                }
                continue;
            }
            if (e.job.state != RoutineLoadState::kRunning) continue;
            if (e.source.partitions.empty() && !e.metadata_busy) {
                if (now >= e.next_discovery_ms) {
                    e.metadata_busy = true;
                    enqueue(TaskRun{TaskRun::Kind::kDiscover, id, 0, ""});
                } else {
                    wake = std::min(wake, e.next_discovery_ms);
                }
            }
            for (size_t s = 0; s < e.slots.size(); ++s) {
                TaskSlot& slot = e.slots[s];
                if (slot.running) {
                    // A task past its timeout is fenced off (its commit will be refused); the
                    // slot's next task starts when its worker is back.
                    const int64_t deadline =
                        slot.execute_start_ms + e.properties.task_timeout_second * 1000;
                    if (!slot.timed_out && now >= deadline) {
                        LOG_WARN("routine load job {} task {} timed out", id, slot.task_id);
                        slot.timed_out = true;
                        slot.message = fmt::format("previous task {} timed out after {} s",
                                                   slot.task_id,
                                                   e.properties.task_timeout_second);
                        e.job.other_msg = fmt::format(
                            "[{}] The task {} timed out after task_timeout_second ({} s)",
                            FormatRoutineLoadTime(now), slot.task_id,
                            e.properties.task_timeout_second);
                    } else if (!slot.timed_out) {
                        wake = std::min(wake, deadline);
                    }
                    continue;
                }
                if (now >= slot.next_run_ms) {
                    slot.running = true;
                    slot.timed_out = false;
                    slot.last_scheduled_ms = now;
                    slot.execute_start_ms = now;
                    slot.txn_id = -1;
                    enqueue(TaskRun{TaskRun::Kind::kTask, id, s, slot.task_id});
                } else {
                    wake = std::min(wake, slot.next_run_ms);
                }
            }
        }
        PurgeFinishedLocked(lock);
        changed_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, wake - Now())));
    }
}

void RoutineLoadManager::SplitJob(int64_t job_id) {
    const int64_t attempt_start = Now();
    // Take what the Kafka calls need.
    std::unique_ptr<KafkaConsumer> metadata;
    KafkaSourceProperties source;
    {
        std::lock_guard lock(mu_);
        auto it = jobs_.find(job_id);
        if (it == jobs_.end() || it->second->job.state != RoutineLoadState::kNeedSchedule) return;
        metadata = std::move(it->second->metadata);
        source = it->second->source;
    }
    StatusOr<std::vector<int32_t>> partitions = std::vector<int32_t>{};
    if (metadata == nullptr) {
        auto opened = KafkaConsumer::Open(EndpointOf(source));
        if (opened.ok()) {
            metadata = std::move(opened).value();
        } else {
            partitions = opened.status();
        }
    }
    if (metadata != nullptr) partitions = metadata->ListPartitions(10000);
    if (partitions.ok() && !source.partitions.empty()) {
        std::vector<int32_t> pinned;
        for (const KafkaPartitionOffset& p : source.partitions) {
            if (std::find(partitions->begin(), partitions->end(), p.partition) ==
                partitions->end()) {
                partitions = Status::NotFound(fmt::format(
                    "partition {} of kafka topic '{}' does not exist (the topic has {})",
                    p.partition, source.topic, partitions->size()));
                break;
            }
            pinned.push_back(p.partition);
        }
        if (partitions.ok()) partitions = pinned;
    }

    std::unique_lock lock(mu_);
    // The commit of a task this split replaces may still be on its way to disk: the new tasks
    // start from what it wrote, or from what stands if it fails, never from progress that is
    // not durable yet.
    changed_.wait(lock, [&] {
        auto found = jobs_.find(job_id);
        return found == jobs_.end() || found->second->in_flight.empty();
    });
    auto it = jobs_.find(job_id);
    if (it == jobs_.end() || it->second->job.state != RoutineLoadState::kNeedSchedule) return;
    JobEntry& e = *it->second;
    e.metadata = std::move(metadata);
    const int64_t now = Now();
    if (!partitions.ok()) {
        e.job.other_msg = fmt::format("[{}] failed to fetch the partitions of kafka topic: {}",
                                      FormatRoutineLoadTime(now), partitions.status().message());
        if (IsKafkaUnreachable(partitions.status())) {
            if (e.kafka_failing_since_ms < 0) e.kafka_failing_since_ms = attempt_start;
            const int64_t limit = config::routine_load_kafka_unreachable_pause_second.Get() * 1000;
            if (now - e.kafka_failing_since_ms < limit) {
                e.next_split_ms = now + e.properties.max_batch_interval_s * 1000;
                return;
            }
        }
        Status st = ChangeStateLocked(
            lock, e, RoutineLoadState::kPaused,
            ErrorReason(kErrPartitions,
                        fmt::format("Job failed to fetch all current partition with error [{}]",
                                    partitions.status().message())));
        if (!st.ok()) LOG_WARN("routine load job {}: {}", job_id, st.ToString());
        return;
    }
    if (partitions->empty()) {
        e.next_split_ms = now + e.properties.max_batch_interval_s * 1000;
        return;
    }
    e.kafka_failing_since_ms = -1;
    e.partitions = *partitions;
    // Every partition the job consumes has a start in its progress. At the first split that is
    // kafka_default_offsets (OFFSET_END unless set, as in StarRocks); a partition that appears
    // later was created after the job started, so all of it is new: it starts at its beginning
    // (StarRocks starts it at the default too, and skips what was produced to it before the
    // job noticed it).
    const bool first_split = e.job.progress.empty();
    bool added = false;
    for (int32_t p : *partitions) {
        if (e.job.progress.contains(p)) continue;
        e.job.progress[p] = first_split ? source.default_offset.value_or(kKafkaOffsetEnd)
                                        : kKafkaOffsetBeginning;
        added = true;
    }
    if (added) {
        if (Status st = PersistLocked(lock, e); !st.ok()) {
            LOG_WARN("routine load job {}: {}", job_id, st.ToString());
        }
        if (e.job.state != RoutineLoadState::kNeedSchedule) return;  // changed meanwhile
    }
    const int64_t n = std::max<int64_t>(
        1, std::min({static_cast<int64_t>(partitions->size()), e.properties.desired_concurrent_number,
                     config::max_routine_load_task_concurrent_num.Get()}));
    e.slots.clear();
    e.slots.resize(static_cast<size_t>(n));
    for (size_t j = 0; j < partitions->size(); ++j) {
        e.slots[j % n].partitions.push_back((*partitions)[j]);
    }
    for (TaskSlot& slot : e.slots) {
        slot.task_id = NewTaskId();
        slot.create_time_ms = now;
        slot.next_run_ms = now;
    }
    e.next_discovery_ms = now + options_.partition_discovery_interval_ms;
    e.job.state = RoutineLoadState::kRunning;  // not persisted: a restart re-splits anyway
    e.job.state_reason.clear();
    LOG_INFO("routine load job {} ({}) runs {} tasks over {} partitions", job_id, e.job.name, n,
             partitions->size());
    changed_.notify_all();
}

void RoutineLoadManager::DiscoverPartitions(int64_t job_id) {
    std::unique_ptr<KafkaConsumer> metadata;
    KafkaSourceProperties source;
    {
        std::lock_guard lock(mu_);
        auto it = jobs_.find(job_id);
        if (it == jobs_.end() || it->second->job.state != RoutineLoadState::kRunning) return;
        it->second->next_discovery_ms = Now() + options_.partition_discovery_interval_ms;
        metadata = std::move(it->second->metadata);
        source = it->second->source;
    }
    if (metadata == nullptr) {
        auto opened = KafkaConsumer::Open(EndpointOf(source));
        if (!opened.ok()) return;  // tasks report Kafka's problems
        metadata = std::move(opened).value();
    }
    auto partitions = metadata->ListPartitions(10000);
    std::unique_lock lock(mu_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return;
    JobEntry& e = *it->second;
    e.metadata = std::move(metadata);
    if (e.job.state != RoutineLoadState::kRunning) return;
    if (!partitions.ok()) {
        // A topic that is gone is a fact to report; anything else the tasks report.
        if (partitions.status().code() == Status::Code::kNotFound) {
            Status st = ChangeStateLocked(
                lock, e, RoutineLoadState::kPaused,
                ErrorReason(kErrPartitions,
                            fmt::format("Job failed to fetch all current partition with error "
                                        "[{}]",
                                        partitions.status().message())));
            if (!st.ok()) LOG_WARN("routine load job {}: {}", job_id, st.ToString());
        }
        return;
    }
    if (*partitions != e.partitions) {
        LOG_INFO("routine load job {} ({}): the topic's partitions changed ({} -> {}); "
                 "splitting again",
                 job_id, e.job.name, e.partitions.size(), partitions->size());
        ClearTasksLocked(e);
        e.job.state = RoutineLoadState::kNeedSchedule;
        e.next_split_ms = 0;
        changed_.notify_all();
    }
}

void RoutineLoadManager::PurgeFinishedLocked(std::unique_lock<std::mutex>& lock) {
    const int64_t keep_ms = config::label_keep_max_second.Get() * 1000;
    const int64_t now = Now();
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        const RoutineLoadJob& job = it->second->job;
        if (IsFinal(job.state) && job.end_time_ms >= 0 && now - job.end_time_ms > keep_ms &&
            it->second->in_flight.empty()) {
            MetaWriteBatch batch;
            RoutineLoadStore::Delete(job.id, &batch);
            if (Status st = options_.meta->Write(batch); !st.ok()) {
                LOG_WARN("purging routine load job {}: {}", job.id, st.ToString());
                ++it;
                continue;
            }
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
}

// --- Workers ---------------------------------------------------------------------------------

void RoutineLoadManager::WorkerLoop() {
    std::unique_lock lock(mu_);
    while (true) {
        changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        TaskRun run = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        switch (run.kind) {
            case TaskRun::Kind::kTask: RunTask(run); break;
            case TaskRun::Kind::kSplit: SplitJob(run.job_id); break;
            case TaskRun::Kind::kDiscover: DiscoverPartitions(run.job_id); break;
        }
        lock.lock();
        if (run.kind != TaskRun::Kind::kTask) {
            auto it = jobs_.find(run.job_id);
            if (it != jobs_.end()) it->second->metadata_busy = false;
        }
    }
}

void RoutineLoadManager::RunTask(const TaskRun& run) {
    // A snapshot of the job for the task; the slot's consumer is the task's while it runs.
    RoutineLoadTaskInput input;
    RoutineLoadJob job;
    std::unique_ptr<KafkaConsumer> consumer;
    std::shared_ptr<KafkaConsumer> mirror;
    int64_t task_start_ms = 0;
    KafkaSourceProperties source;
    {
        std::lock_guard lock(mu_);
        auto it = jobs_.find(run.job_id);
        if (it == jobs_.end()) return;
        JobEntry& e = *it->second;
        if (e.job.state != RoutineLoadState::kRunning || run.slot >= e.slots.size() ||
            e.slots[run.slot].task_id != run.task_id) {
            return;
        }
        TaskSlot& slot = e.slots[run.slot];
        job = e.job;
        source = e.source;
        input.properties = e.properties;
        for (int32_t p : slot.partitions) {
            auto found = job.progress.find(p);
            input.start_offsets[p] = found != job.progress.end()
                                         ? found->second
                                         : source.default_offset.value_or(kKafkaOffsetEnd);
        }
        consumer = std::move(slot.consumer);
        slot.execute_start_ms = Now();
        task_start_ms = slot.execute_start_ms;
        mirror = e.mirror;
        if (e.properties.format == "avro" && e.registry == nullptr) {
            // The URL was checked by CREATE / ALTER; a failure here leaves the source null and
            // the task says why.
            if (auto client = SchemaRegistryClient::Create(source.schema_registry_url); client.ok()) {
                e.registry = std::move(client).value();
            }
        }
        input.schema_source = e.registry;
    }
    input.job = &job;
    input.task_id = run.task_id;
    input.error_log_host = options_.error_log_host;
    input.limits.max_millis = input.properties.task_consume_second * 1000;
    input.limits.max_bytes = config::max_routine_load_batch_size.Get();
    input.limits.cancel = &cancel_tasks_;
    input.table = options_.catalog->GetTableById(job.table_id);

    RoutineLoadTaskOutcome outcome;
    if (input.table == nullptr) {
        outcome.status = Status::NotFound("table not exist");
    } else if (consumer == nullptr) {
        auto opened = KafkaConsumer::Open(EndpointOf(source));
        if (opened.ok()) {
            consumer = std::move(opened).value();
        } else {
            outcome.status = opened.status();
        }
    }
    if (consumer != nullptr && input.table != nullptr) {
        RoutineLoadTaskHooks hooks;
        hooks.on_begin = [this, &run](int64_t txn_id) {
            std::lock_guard lock(mu_);
            auto it = jobs_.find(run.job_id);
            if (it == jobs_.end() || run.slot >= it->second->slots.size()) return;
            TaskSlot& slot = it->second->slots[run.slot];
            if (slot.task_id == run.task_id) slot.txn_id = txn_id;
        };
        hooks.fence = [this, &run] { return FenceTask(run.job_id, run.task_id); };
        hooks.add_progress = [this, &run](const RoutineLoadTaskOutcome& o, MetaWriteBatch* batch) {
            return ApplyCommit(run.job_id, run.task_id, o, batch);
        };
        hooks.undo_progress = [this, &run](const RoutineLoadTaskOutcome& o) {
            UndoCommit(run.job_id, run.task_id, o);
        };
        outcome = RunRoutineLoadTask(input, options_.services, consumer.get(), hooks);
        {
            // The commit is over, durable or not: writers of the job's record may go on.
            std::lock_guard lock(mu_);
            auto it = jobs_.find(run.job_id);
            if (it != jobs_.end() && it->second->in_flight.erase(run.task_id) > 0) {
                changed_.notify_all();
            }
        }
        if (outcome.end == RoutineLoadTaskEnd::kCommitted) {
            MirrorOffsets(run.job_id, source, mirror, outcome);
        }
    }
    // A consumer that was assigned a logical offset (OFFSET_BEGINNING / OFFSET_END) is not
    // reused. librdkafka (2.0.2) keeps looking that offset up after the partition is
    // unassigned: an outdated ListOffsets answer (from a leader that was down) restarts its
    // offset query timer, and the lookup that timer sends later carries the current version, so
    // its answer moves the fetch position of whatever assignment the partition has by then -
    // a later task that assigned it at an explicit offset reads it again from its beginning.
    for (const auto& [partition, offset] : input.start_offsets) {
        if (offset < 0) {
            consumer.reset();
            break;
        }
    }
    FinishTask(run, task_start_ms, outcome, std::move(consumer));
}

void RoutineLoadManager::MirrorOffsets(int64_t job_id, const KafkaSourceProperties& source,
                                       std::shared_ptr<KafkaConsumer> mirror,
                                       const RoutineLoadTaskOutcome& outcome) {
    // The mirror is a client of its own: an offset commit waiting for a coordinator that is
    // down would hold back the next assign() of a task's consumer. One per job, made under the
    // lock (creating a client does no network I/O), so no commit goes to a client that is
    // then dropped.
    if (mirror == nullptr) {
        std::lock_guard lock(mu_);
        auto it = jobs_.find(job_id);
        if (it == jobs_.end()) return;
        if (it->second->mirror == nullptr) {
            auto opened = KafkaConsumer::Open(EndpointOf(source));
            if (!opened.ok()) return;
            it->second->mirror = std::shared_ptr<KafkaConsumer>(std::move(opened).value());
        }
        mirror = it->second->mirror;
    }
    std::map<int32_t, int64_t> next;
    for (const auto& [p, progress] : outcome.partitions) {
        if (progress.next_offset >= 0) next[p] = progress.next_offset;
    }
    mirror->CommitGroupOffsets(next);  // for monitoring tools; best effort
}

void RoutineLoadManager::FinishTask(const TaskRun& run, int64_t task_start_ms,
                                    const RoutineLoadTaskOutcome& outcome,
                                    std::unique_ptr<KafkaConsumer> consumer) {
    std::unique_lock lock(mu_);
    auto it = jobs_.find(run.job_id);
    if (it == jobs_.end()) return;
    JobEntry& e = *it->second;
    for (const auto& [p, latest] : outcome.latest_offsets) e.latest_offsets[p] = latest;
    const bool current = e.job.state == RoutineLoadState::kRunning && run.slot < e.slots.size() &&
                         e.slots[run.slot].task_id == run.task_id;
    if (!current) {
        if (outcome.end == RoutineLoadTaskEnd::kAborted) ++e.job.statistics.aborted_tasks;
        // A commit that paused the job (max_error_number) left its slots behind.
        if (e.job.state != RoutineLoadState::kRunning) ClearTasksLocked(e);
        lock.unlock();  // the consumer closes without the lock
        return;
    }
    const int64_t now = Now();
    TaskSlot& slot = e.slots[run.slot];
    LOG_DEBUG("routine load job {} task {}: {} after {} ms, {} rows, caught up: {}", run.job_id,
              run.task_id, static_cast<int>(outcome.end), outcome.execute_ms,
              outcome.counters.total_rows, outcome.caught_up);
    slot.consumer = std::move(consumer);
    slot.running = false;
    slot.txn_id = outcome.txn_id;
    slot.task_id = NewTaskId();
    slot.create_time_ms = now;
    slot.execute_start_ms = -1;
    const int64_t interval_ms = e.properties.max_batch_interval_s * 1000;
    if (!outcome.stalled_partitions.empty()) {
        std::vector<std::string> names;
        for (int32_t p : outcome.stalled_partitions) names.push_back(std::to_string(p));
        e.job.other_msg = fmt::format(
            "[{}] kafka partitions {} of topic '{}' sent nothing within task_consume_second "
            "({} s): their leader may be down or slow; the other partitions keep loading",
            FormatRoutineLoadTime(now), Join(names, ","), e.source.topic,
            e.properties.task_consume_second);
    }
    switch (outcome.end) {
        case RoutineLoadTaskEnd::kCommitted: {
            e.kafka_failing_since_ms = -1;
            e.registry_failing_since_ms = -1;
            e.registry_failures = 0;
            slot.message.clear();
            slot.next_run_ms = outcome.caught_up ? now + interval_ms : now;
            // UNSTABLE while a partition's newest consumed message is older than the threshold.
            const int64_t threshold_ms = config::routine_load_unstable_threshold_second.Get() * 1000;
            e.unstable = false;
            for (const auto& [p, ts] : e.job.timestamp_progress) {
                if (ts >= 0 && now - ts > threshold_ms) e.unstable = true;
            }
            break;
        }
        case RoutineLoadTaskEnd::kNoData: {
            e.kafka_failing_since_ms = -1;
            e.registry_failing_since_ms = -1;
            e.registry_failures = 0;
            e.unstable = false;
            slot.message = fmt::format(
                "there is no new data in kafka, wait for {} seconds to schedule again",
                e.properties.max_batch_interval_s);
            slot.next_run_ms = now + interval_ms;
            // Logical start offsets are pinned where they were resolved, so data produced
            // before the next task is not skipped (OFFSET_END means "the end at the start").
            bool pinned = false;
            for (const auto& [p, progress] : outcome.partitions) {
                auto found = e.job.progress.find(p);
                if (progress.next_offset >= 0 &&
                    (found == e.job.progress.end() || found->second < 0)) {
                    e.job.progress[p] = progress.next_offset;
                    pinned = true;
                }
            }
            if (pinned) {
                if (Status st = PersistLocked(lock, e); !st.ok()) {
                    LOG_WARN("routine load job {}: {}", run.job_id, st.ToString());
                }
            }
            break;
        }
        case RoutineLoadTaskEnd::kAborted:
        case RoutineLoadTaskEnd::kFailed:
            ++e.job.statistics.aborted_tasks;  // StarRocks' count of failed tasks
            // An aborted batch's error rows (max_filter_ratio) are what the user must read.
            if (!outcome.error_log_url.empty()) AddErrorLogUrl(e.job, outcome.error_log_url);
            e.job.other_msg = fmt::format("[{}] The task {} failed due to: {}", FormatRoutineLoadTime(now),
                                          run.task_id, outcome.status.message());
            slot.message = fmt::format("previous task aborted because of {}",
                                       outcome.status.message());
            slot.next_run_ms = now + interval_ms;
            if (IsSchemaRegistryFailure(outcome.status)) {
                // Retried soon, backing off: a registry blip should not cost a whole interval.
                const int64_t backoff_ms = int64_t{1000} << std::min(e.registry_failures, 16);
                slot.next_run_ms = now + std::min(interval_ms, backoff_ms);
                ++e.registry_failures;
            }
            HandleTaskFailureLocked(lock, e, outcome.status, task_start_ms);
            break;
    }
    changed_.notify_all();
}

void RoutineLoadManager::HandleTaskFailureLocked(std::unique_lock<std::mutex>& lock,
                                                 JobEntry& entry, const Status& status,
                                                 int64_t attempt_start_ms) {
    const int64_t now = Now();
    auto pause = [&](int code, std::string message) {
        Status st = ChangeStateLocked(lock, entry, RoutineLoadState::kPaused,
                                      ErrorReason(code, message));
        if (!st.ok()) LOG_WARN("routine load job {}: {}", entry.job.id, st.ToString());
    };
    const std::string message(status.message());
    if (message.find("too many filtered rows") != std::string::npos) {
        pause(kErrTooManyFailureRows,
              fmt::format("{}. Check ErrorLogUrls for the rows; ALTER ROUTINE LOAD to raise "
                          "max_filter_ratio, then RESUME",
                          message));
    } else if (status.code() == Status::Code::kOutOfRange) {
        pause(kErrTasksAbort, message);
    } else if (IsKafkaUnreachable(status)) {
        if (entry.kafka_failing_since_ms < 0) entry.kafka_failing_since_ms = attempt_start_ms;
        const int64_t limit = config::routine_load_kafka_unreachable_pause_second.Get() * 1000;
        if (now - entry.kafka_failing_since_ms >= limit) {
            pause(kErrTasksAbort,
                  fmt::format("kafka has been unreachable for {} s: {}; RESUME the job once the "
                              "brokers are back",
                              (now - entry.kafka_failing_since_ms) / 1000, message));
        }
    } else if (IsSchemaRegistryFailure(status)) {
        if (entry.registry_failing_since_ms < 0) entry.registry_failing_since_ms = attempt_start_ms;
        const int64_t limit =
            config::routine_load_schema_registry_unreachable_pause_second.Get() * 1000;
        if (now - entry.registry_failing_since_ms >= limit) {
            pause(kErrTasksAbort,
                  fmt::format("the Schema Registry has been failing for {} s ({} attempts): {}; "
                              "RESUME the job once it answers again (or ALTER "
                              "confluent.schema.registry.url)",
                              (now - entry.registry_failing_since_ms) / 1000,
                              entry.registry_failures, message));
        }
    } else if (message == "table not exist") {
        Status st = ChangeStateLocked(lock, entry, RoutineLoadState::kCancelled,
                                      ErrorReason(kErrTable, "table not exist"));
        if (!st.ok()) LOG_WARN("routine load job {}: {}", entry.job.id, st.ToString());
    } else if (status.code() == Status::Code::kAborted ||
               status.code() == Status::Code::kTimedOut) {
        // Fenced off or timed out: the next task starts from the committed offsets.
    } else if (status.code() == Status::Code::kIOError) {
        // Another Kafka or storage hiccup: the next task tries again.
    } else {
        // Unknown topic or partition, a property librdkafka refuses, a load description that no
        // longer binds (the table changed), a label clash: a person must act.
        pause(status.code() == Status::Code::kNotFound ? kErrPartitions : kErrCreateTasks,
              fmt::format("failed to create task: {}", message));
    }
}

// --- Commit hooks (under the transaction manager's writer lock) ----------------------------

Status RoutineLoadManager::FenceTask(int64_t job_id, const std::string& task_id) {
    std::lock_guard lock(mu_);
    return FenceTaskLocked(job_id, task_id);
}

Status RoutineLoadManager::FenceTaskLocked(int64_t job_id, const std::string& task_id) {
    auto it = jobs_.find(job_id);
    if (it != jobs_.end() && it->second->job.state == RoutineLoadState::kRunning) {
        for (const TaskSlot& slot : it->second->slots) {
            if (slot.task_id == task_id && slot.running && !slot.timed_out) return Status::OK();
        }
    }
    return Status::Aborted(fmt::format(
        "txn could not be COMMITTED while task {} has been aborted (the job was paused, "
        "stopped, altered or re-split, or the task timed out)",
        task_id));
}

Status RoutineLoadManager::ApplyCommit(int64_t job_id, const std::string& task_id,
                                       const RoutineLoadTaskOutcome& outcome,
                                       MetaWriteBatch* batch) {
    // The fence and the progress it guards are checked and applied under one hold of the
    // lock: a state change between them would let a fenced-off task commit.
    std::lock_guard lock(mu_);
    RETURN_IF_ERROR(FenceTaskLocked(job_id, task_id));
    JobEntry& e = *jobs_.at(job_id);
    RoutineLoadJob& job = e.job;
    CommitUndo& undo = e.in_flight[task_id];
    undo.statistics = job.statistics;
    undo.state = job.state;
    undo.state_reason = job.state_reason;
    for (const auto& [p, progress] : outcome.partitions) {
        auto old = job.progress.find(p);
        undo.progress[p] = old != job.progress.end() ? old->second : kKafkaOffsetEnd;
        auto old_ts = job.timestamp_progress.find(p);
        undo.timestamps[p] = old_ts != job.timestamp_progress.end() ? old_ts->second : -1;
        job.progress[p] = progress.next_offset;
        if (progress.last_timestamp_ms >= 0) job.timestamp_progress[p] = progress.last_timestamp_ms;
    }
    RoutineLoadStatistics& s = job.statistics;
    s.total_rows += static_cast<int64_t>(outcome.counters.total_rows);
    s.loaded_rows += static_cast<int64_t>(outcome.counters.loaded_rows());
    s.error_rows += static_cast<int64_t>(outcome.counters.filtered_rows);
    s.unselected_rows += static_cast<int64_t>(outcome.counters.unselected_rows);
    s.received_bytes += outcome.received_bytes;
    s.task_execute_ms += outcome.execute_ms;
    ++s.committed_tasks;
    if (!outcome.error_log_url.empty()) AddErrorLogUrl(job, outcome.error_log_url);
    // max_error_number over the window of 10 x max_batch_rows rows (reference §5): the batch
    // commits, and the job pauses in the same write.
    e.window_total_rows += static_cast<int64_t>(outcome.counters.total_rows);
    e.window_error_rows += static_cast<int64_t>(outcome.counters.filtered_rows);
    const bool window_full = e.window_total_rows > 10 * e.properties.max_batch_rows;
    if (e.window_error_rows > e.properties.max_error_number) {
        job.state = RoutineLoadState::kPaused;
        job.pause_time_ms = Now();
        job.state_reason = ErrorReason(
            kErrTooManyFailureRows,
            fmt::format("current error rows: {} is more than max error num: {}. Check "
                        "ErrorLogUrls for the rows (first error: {}); ALTER ROUTINE LOAD to "
                        "raise max_error_number, then RESUME",
                        e.window_error_rows, e.properties.max_error_number, outcome.first_error));
        e.window_total_rows = 0;
        e.window_error_rows = 0;
        LOG_INFO("routine load job {} ({}) paused: {}", job.id, job.name, job.state_reason);
        // The tasks stop after this commit; the slots are cleared when the task returns.
    } else if (window_full) {
        e.window_total_rows = 0;
        e.window_error_rows = 0;
    }
    RoutineLoadStore::Put(job, batch);
    return Status::OK();
}

void RoutineLoadManager::UndoCommit(int64_t job_id, const std::string& task_id,
                                    const RoutineLoadTaskOutcome& outcome) {
    std::unique_lock lock(mu_);
    auto it = jobs_.find(job_id);
    if (it == jobs_.end()) return;
    JobEntry& e = *it->second;
    auto undo = e.in_flight.find(task_id);
    if (undo == e.in_flight.end()) return;
    for (const auto& [p, offset] : undo->second.progress) e.job.progress[p] = offset;
    for (const auto& [p, ts] : undo->second.timestamps) {
        if (ts < 0) {
            e.job.timestamp_progress.erase(p);
        } else {
            e.job.timestamp_progress[p] = ts;
        }
    }
    e.job.statistics = undo->second.statistics;
    e.job.state = undo->second.state;
    e.job.state_reason = undo->second.state_reason;
    e.in_flight.erase(undo);
    changed_.notify_all();
}

}  // namespace tributary
