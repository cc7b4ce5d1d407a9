#include "load/routine/routine_load_manager.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "base/config.h"
#include "base/logging.h"
#include "base/string_util.h"
#include "catalog/catalog.h"
#include "load/routine/routine_load_show.h"
#include "load/routine/routine_load_store.h"
#include "types/time_zone.h"

namespace tributary {
namespace {

// StarRocks' InternalErrorCode numbers, shown in ReasonOfStateChanged.
constexpr int kErrInternal = 2;
constexpr int kErrPartitions = 4;
constexpr int kErrDb = 5;
constexpr int kErrTable = 6;
constexpr int kErrManualPause = 100;
constexpr int kErrManualStop = 101;
constexpr int kErrTooManyFailureRows = 102;
constexpr int kErrCreateTasks = 103;
constexpr int kErrTasksAbort = 104;

std::string ErrorReason(int code, std::string_view message) {
    return fmt::format("ErrorReason{{errCode = {}, msg='{}'}}", code, message);
}

std::string NewTaskId() {
    static thread_local std::mt19937_64 random(std::random_device{}());
    const uint64_t a = random();
    const uint64_t b = random();
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff,
                       a & 0xffff, b >> 48, b & 0xffffffffffffULL);
}

PropertyList ToPropertyList(const std::vector<std::pair<std::string, std::string>>& pairs) {
    PropertyList list;
    for (const auto& [key, value] : pairs) list.push_back(Property{key, value, {}});
    return list;
}

// Replaces or appends `key` in `pairs` (keys compared case-insensitively).
void SetPair(std::vector<std::pair<std::string, std::string>>* pairs, const std::string& key,
             const std::string& value) {
    for (auto& [k, v] : *pairs) {
        if (EqualsIgnoreCase(k, key)) {
            v = value;
            return;
        }
    }
    pairs->emplace_back(key, value);
}

KafkaEndpoint EndpointOf(const KafkaSourceProperties& source) {
    return KafkaEndpoint{source.broker_list, source.topic, source.custom};
}

// The load properties of a statement, into the job's text form.
void ApplyLoadProperties(const LoadProperties& load, RoutineLoadJob* job) {
    if (load.column_separator) job->column_separator = load.column_separator;
    if (load.row_delimiter) job->row_delimiter = load.row_delimiter;
    if (load.has_columns) {
        job->columns.clear();
        for (const LoadColumn& c : load.columns) job->columns.push_back(c.sql);
    }
    if (load.where) job->where_sql = load.where_sql;
    if (load.has_partitions) {
        job->partitions = load.partitions;
        job->temporary_partitions = false;
    }
    if (load.has_temporary_partitions) {
        job->partitions = load.temporary_partitions;
        job->temporary_partitions = true;
    }
}

bool IsKafkaUnreachable(const Status& status) {
    return status.code() == Status::Code::kIOError &&
           status.message().find("cannot reach kafka_broker_list") != std::string::npos;
}

}  // namespace

// A slot of a RUNNING job: a fixed set of partitions, one task at a time.
struct RoutineLoadManager::TaskSlot {
    std::vector<int32_t> partitions;
    std::string task_id;  // of the task running or next to run
    int64_t create_time_ms = 0;
    int64_t last_scheduled_ms = -1;
    int64_t execute_start_ms = -1;
    int64_t next_run_ms = 0;
    bool running = false;
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
    std::unique_ptr<KafkaConsumer> metadata;  // the scheduler's, for partition lists
};

struct RoutineLoadManager::TaskRun {
    int64_t job_id = 0;
    size_t slot = 0;
    std::string task_id;
};

RoutineLoadManager::RoutineLoadManager(RoutineLoadManagerOptions options)
    : options_(std::move(options)) {}

int64_t RoutineLoadManager::Now() const {
    if (options_.clock_ms) return options_.clock_ms();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

StatusOr<std::unique_ptr<RoutineLoadManager>> RoutineLoadManager::Open(
    RoutineLoadManagerOptions options) {
    std::unique_ptr<RoutineLoadManager> manager(new RoutineLoadManager(std::move(options)));
    ASSIGN_OR_RETURN(StoredRoutineLoadJobs stored, RoutineLoadStore::Load(*manager->options_.meta));
    manager->next_id_ = stored.next_id;
    for (RoutineLoadJob& job : stored.jobs) {
        auto entry = std::make_unique<JobEntry>();
        RoutineLoadDefaults defaults;
        auto properties = ParseRoutineLoadJobProperties(ToPropertyList(job.job_properties), defaults);
        auto source = ParseKafkaSourceProperties(ToPropertyList(job.data_source_properties));
        if (!properties.ok() || !source.ok()) {
            return Status::Corruption(fmt::format(
                "routine load job {} ({}) has properties this version cannot read: {}", job.id,
                job.name, (!properties.ok() ? properties.status() : source.status()).message()));
        }
        entry->properties = std::move(properties).value();
        entry->source = std::move(source).value();
        if (job.state == RoutineLoadState::kRunning) job.state = RoutineLoadState::kNeedSchedule;
        const int64_t id = job.id;
        entry->job = std::move(job);
        manager->jobs_[id] = std::move(entry);
    }
    manager->options_.catalog->AddObserver(manager.get());
    const int64_t workers = std::max<int64_t>(1, config::max_routine_load_task_num_per_be.Get());
    for (int64_t i = 0; i < workers; ++i) {
        manager->workers_.emplace_back([m = manager.get()] { m->WorkerLoop(); });
    }
    manager->scheduler_ = std::thread([m = manager.get()] { m->SchedulerLoop(); });
    return manager;
}

RoutineLoadManager::~RoutineLoadManager() {
    options_.catalog->RemoveObserver(this);
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (scheduler_.joinable()) scheduler_.join();
    for (std::thread& t : workers_) t.join();
}

// --- Lookups and state changes --------------------------------------------------------------

RoutineLoadManager::JobEntry* RoutineLoadManager::FindLocked(const std::string& db,
                                                             const std::string& name,
                                                             bool include_final) {
    JobEntry* found = nullptr;
    for (auto& [id, entry] : jobs_) {
        if (entry->job.db_name != db || entry->job.name != name) continue;
        if (!include_final && IsFinal(entry->job.state)) continue;
        found = entry.get();  // the newest of the name
    }
    return found;
}

const RoutineLoadManager::JobEntry* RoutineLoadManager::FindLocked(const std::string& db,
                                                                   const std::string& name,
                                                                   bool include_final) const {
    return const_cast<RoutineLoadManager*>(this)->FindLocked(db, name, include_final);
}

void RoutineLoadManager::ClearTasksLocked(JobEntry& entry) {
    // Running tasks find their slot gone: their commits are fenced off and their consumers
    // closed when they return.
    entry.slots.clear();
}

Status RoutineLoadManager::PersistLocked(std::unique_lock<std::mutex>& lock, JobEntry& entry) {
    changed_.wait(lock, [&] { return entry.in_flight.empty(); });
    MetaWriteBatch batch;
    RoutineLoadStore::Put(entry.job, &batch);
    return options_.meta->Write(batch);
}

Status RoutineLoadManager::ChangeStateLocked(std::unique_lock<std::mutex>& lock, JobEntry& entry,
                                             RoutineLoadState to, std::string reason) {
    RETURN_IF_ERROR(CheckTransition(entry.job.state, to));
    const int64_t now = Now();
    entry.job.state = to;
    entry.job.state_reason = std::move(reason);
    if (to != RoutineLoadState::kRunning) ClearTasksLocked(entry);
    if (to == RoutineLoadState::kPaused) entry.job.pause_time_ms = now;
    if (IsFinal(to)) entry.job.end_time_ms = now;
    if (to == RoutineLoadState::kNeedSchedule) {
        entry.next_split_ms = 0;
        entry.kafka_failing_since_ms = -1;
    }
    LOG_INFO("routine load job {} ({}) is now {}: {}", entry.job.id, entry.job.name,
             RoutineLoadStateName(to), entry.job.state_reason);
    Status st = PersistLocked(lock, entry);
    changed_.notify_all();
    return st;
}

// --- Statements ------------------------------------------------------------------------------

Status RoutineLoadManager::Create(const CreateRoutineLoadStmt& stmt,
                                  const RoutineLoadCreateContext& context) {
    if (!EqualsIgnoreCase(stmt.data_source, "KAFKA")) {
        return Status::InvalidArgument(
            fmt::format("data source type {} is not supported; use KAFKA", stmt.data_source));
    }
    if (stmt.load.has_partitions && stmt.load.has_temporary_partitions) {
        return Status::InvalidArgument(
            "PARTITION and TEMPORARY PARTITION cannot both be given");
    }
    ASSIGN_OR_RETURN(auto db, options_.catalog->GetDatabase(context.db));
    ASSIGN_OR_RETURN(auto table, options_.catalog->GetTable(context.db, stmt.table));
    ASSIGN_OR_RETURN(RoutineLoadJobProperties properties,
                     ParseRoutineLoadJobProperties(stmt.properties, context.defaults));
    ASSIGN_OR_RETURN(KafkaSourceProperties source,
                     ParseKafkaSourceProperties(stmt.data_source_properties));

    RoutineLoadJob job;
    job.name = stmt.job.name;
    job.db_id = db->id;
    job.db_name = db->name;
    job.table_id = table->id;
    job.table_name = table->name;
    job.user = context.user;
    job.state = RoutineLoadState::kNeedSchedule;
    ApplyLoadProperties(stmt.load, &job);
    for (const Property& p : stmt.properties) job.job_properties.emplace_back(p.key, p.value);
    // The defaults the job was created with stay the job's (a later SET does not change it).
    SetPair(&job.job_properties, "timezone", properties.time_zone);
    if (!std::any_of(job.job_properties.begin(), job.job_properties.end(),
                     [](const auto& p) { return EqualsIgnoreCase(p.first, "desired_concurrent_number"); })) {
        SetPair(&job.job_properties, "desired_concurrent_number",
                std::to_string(properties.desired_concurrent_number));
    }
    for (const Property& p : stmt.data_source_properties) {
        job.data_source_properties.emplace_back(p.key, p.value);
    }
    for (const KafkaPartitionOffset& p : source.partitions) job.progress[p.partition] = p.offset;
    RETURN_IF_ERROR(ValidateRoutineLoadDescription(job, properties, options_.services, table));
    // The client can be created (librdkafka accepts every property.*).
    RETURN_IF_ERROR(KafkaConsumer::Open(EndpointOf(source)).status());

    std::unique_lock lock(mu_);
    if (FindLocked(job.db_name, job.name, false) != nullptr) {
        return Status::AlreadyExists(
            fmt::format("Name {} already used in db {}", job.name, job.db_name));
    }
    // Admission: the tasks of every active job must fit the backend's slots.
    int64_t current = 0;
    for (const auto& [id, entry] : jobs_) {
        if (entry->job.state == RoutineLoadState::kRunning ||
            entry->job.state == RoutineLoadState::kNeedSchedule) {
            current += std::max<int64_t>(1, static_cast<int64_t>(entry->slots.size()));
        }
    }
    const int64_t needed =
        std::min(properties.desired_concurrent_number,
                 config::max_routine_load_task_concurrent_num.Get());
    const int64_t capacity = config::max_routine_load_task_num_per_be.Get();
    if (current + needed > capacity) {
        return Status::InvalidArgument(fmt::format(
            "Current routine load tasks is {}. The new job need {} tasks. But we only support "
            "1*{} tasks. Lower desired_concurrent_number, or stop jobs, or raise "
            "max_routine_load_task_num_per_be",
            current, needed, capacity));
    }
    job.id = next_id_;
    job.create_time_ms = Now();
    MetaWriteBatch batch;
    RoutineLoadStore::Put(job, &batch);
    RoutineLoadStore::PutNextId(job.id + 1, &batch);
    RETURN_IF_ERROR(options_.meta->Write(batch));
    ++next_id_;
    auto entry = std::make_unique<JobEntry>();
    entry->properties = std::move(properties);
    entry->source = std::move(source);
    entry->job = std::move(job);
    LOG_INFO("routine load job {} ({}) created on {}.{}", entry->job.id, entry->job.name,
             entry->job.db_name, entry->job.table_name);
    jobs_[entry->job.id] = std::move(entry);
    changed_.notify_all();
    return Status::OK();
}

StatusOr<std::pair<std::string, std::string>> RoutineLoadManager::JobTable(
    const std::string& db, const std::string& name, bool include_final) const {
    std::lock_guard lock(mu_);
    const JobEntry* entry = FindLocked(db, name, include_final);
    if (entry == nullptr) {
        if (!include_final) {
            return Status::NotFound(
                fmt::format("There is not operable routine load job with name {}", name));
        }
        return Status::NotFound(
            fmt::format("Routine load job [{}] of database [{}] is not found", name, db));
    }
    return std::make_pair(entry->job.db_name, entry->job.table_name);
}

Status RoutineLoadManager::Pause(const std::string& db, const std::string& name,
                                 const std::string& user) {
    std::unique_lock lock(mu_);
    JobEntry* entry = FindLocked(db, name, false);
    if (entry == nullptr) {
        return Status::NotFound(
            fmt::format("There is not operable routine load job with name {}", name));
    }
    return ChangeStateLocked(
        lock, *entry, RoutineLoadState::kPaused,
        ErrorReason(kErrManualPause, fmt::format("User {} pauses routine load job", user)));
}

Status RoutineLoadManager::Resume(const std::string& db, const std::string& name) {
    std::unique_lock lock(mu_);
    JobEntry* entry = FindLocked(db, name, false);
    if (entry == nullptr) {
        return Status::NotFound(
            fmt::format("There is not operable routine load job with name {}", name));
    }
    if (entry->job.state != RoutineLoadState::kPaused) {
        // StarRocks accepts RESUME of a job that is not paused and does nothing.
        return Status::OK();
    }
    entry->window_total_rows = 0;
    entry->window_error_rows = 0;
    return ChangeStateLocked(lock, *entry, RoutineLoadState::kNeedSchedule, "");
}

Status RoutineLoadManager::Stop(const std::string& db, const std::string& name) {
    std::unique_lock lock(mu_);
    JobEntry* entry = FindLocked(db, name, false);
    if (entry == nullptr) {
        return Status::NotFound(
            fmt::format("There is not operable routine load job with name {}", name));
    }
    return ChangeStateLocked(lock, *entry, RoutineLoadState::kStopped,
                             ErrorReason(kErrManualStop, "User stops routine load job"));
}

Status RoutineLoadManager::Alter(const std::string& db, const AlterRoutineLoadStmt& stmt) {
    // What ALTER may change (reference §1.2).
    static const char* const kAlterable[] = {
        "desired_concurrent_number", "max_error_number", "max_batch_interval", "max_batch_rows",
        "max_batch_size", "jsonpaths", "json_root", "strip_outer_array", "strict_mode",
        "pause_on_fatal_parse_error", "timezone", "max_filter_ratio", "task_consume_second",
        "task_timeout_second", "log_rejected_record_num"};
    for (const Property& p : stmt.properties) {
        const std::string key = ToLower(p.key);
        if (std::none_of(std::begin(kAlterable), std::end(kAlterable),
                         [&](const char* k) { return key == k; })) {
            return Status::InvalidArgument(
                fmt::format("{} is invalid property or cannot be changed by ALTER ROUTINE LOAD",
                            p.key));
        }
    }
    if (!stmt.data_source.empty() && !EqualsIgnoreCase(stmt.data_source, "KAFKA")) {
        return Status::InvalidArgument(
            fmt::format("The specified job type is not: {}", stmt.data_source));
    }
    for (const Property& p : stmt.data_source_properties) {
        if (p.key == "kafka_topic") {
            return Status::InvalidArgument(
                "kafka_topic cannot be changed by ALTER ROUTINE LOAD; create a new job");
        }
    }

    std::unique_lock lock(mu_);
    JobEntry* entry = FindLocked(db, stmt.job.name, false);
    if (entry == nullptr) {
        return Status::NotFound(
            fmt::format("There is not operable routine load job with name {}", stmt.job.name));
    }
    if (entry->job.state != RoutineLoadState::kPaused) {
        return Status::InvalidArgument("Only supports modification of PAUSED jobs");
    }
    RoutineLoadJob job = entry->job;
    ApplyLoadProperties(stmt.load, &job);
    for (const Property& p : stmt.properties) SetPair(&job.job_properties, p.key, p.value);
    std::vector<std::pair<std::string, std::string>> source_pairs = job.data_source_properties;
    for (const Property& p : stmt.data_source_properties) {
        if (p.key != "kafka_partitions" && p.key != "kafka_offsets") {
            SetPair(&source_pairs, p.key, p.value);
        }
    }
    RoutineLoadDefaults defaults;
    defaults.time_zone = entry->properties.time_zone;
    auto properties = ParseRoutineLoadJobProperties(ToPropertyList(job.job_properties), defaults);
    if (!properties.ok()) return properties.status();
    auto source = ParseKafkaSourceProperties(ToPropertyList(source_pairs));
    if (!source.ok()) return source.status();
    // kafka_partitions + kafka_offsets: new start offsets for partitions the job consumes.
    PropertyList offsets_list = ToPropertyList({{"kafka_broker_list", source->broker_list},
                                                {"kafka_topic", source->topic}});
    bool has_offsets = false;
    for (const Property& p : stmt.data_source_properties) {
        if (p.key == "kafka_partitions" || p.key == "kafka_offsets") {
            offsets_list.push_back(p);
            has_offsets = true;
        }
    }
    if (has_offsets) {
        ASSIGN_OR_RETURN(KafkaSourceProperties changed, ParseKafkaSourceProperties(offsets_list));
        for (const KafkaPartitionOffset& p : changed.partitions) {
            const bool consumed = job.progress.contains(p.partition) ||
                                  std::find(entry->partitions.begin(), entry->partitions.end(),
                                            p.partition) != entry->partitions.end();
            if (!consumed) {
                return Status::InvalidArgument(fmt::format(
                    "The specified partition {} is not in the consumed partitions", p.partition));
            }
            job.progress[p.partition] = p.offset;
            job.timestamp_progress.erase(p.partition);
        }
    }
    auto table = options_.catalog->GetTableById(job.table_id);
    if (table == nullptr) return Status::NotFound("table not exist");
    RETURN_IF_ERROR(ValidateRoutineLoadDescription(job, *properties, options_.services, table));
    job.data_source_properties = std::move(source_pairs);
    // Commits of this job are fenced off while it is PAUSED, so nothing is in flight.
    RoutineLoadJob previous = std::move(entry->job);
    entry->job = std::move(job);
    if (Status st = PersistLocked(lock, *entry); !st.ok()) {
        entry->job = std::move(previous);
        return st;
    }
    entry->properties = std::move(properties).value();
    entry->source = std::move(source).value();
    entry->metadata.reset();
    LOG_INFO("routine load job {} ({}) altered", entry->job.id, entry->job.name);
    return Status::OK();
}

std::vector<RoutineLoadJobView> RoutineLoadManager::ShowJobs(const std::string& db,
                                                             const std::string& name,
                                                             bool include_final) const {
    std::lock_guard lock(mu_);
    std::vector<RoutineLoadJobView> out;
    for (const auto& [id, entry] : jobs_) {
        if (!db.empty() && entry->job.db_name != db) continue;
        if (!name.empty() && entry->job.name != name) continue;
        if (!include_final && IsFinal(entry->job.state)) continue;
        RoutineLoadJobView view;
        view.job = entry->job;
        view.properties = entry->properties;
        view.source = entry->source;
        view.partitions = entry->partitions;
        if (view.partitions.empty()) {
            for (const KafkaPartitionOffset& p : entry->source.partitions) {
                view.partitions.push_back(p.partition);
            }
        }
        view.current_task_num =
            entry->job.state == RoutineLoadState::kRunning ? static_cast<int64_t>(entry->slots.size()) : 0;
        view.unstable = entry->unstable && entry->job.state == RoutineLoadState::kRunning;
        view.latest_offsets = entry->latest_offsets;
        out.push_back(std::move(view));
    }
    return out;
}

StatusOr<std::vector<RoutineLoadTaskView>> RoutineLoadManager::ShowTasks(
    const std::string& db, const std::string& name) const {
    std::lock_guard lock(mu_);
    const JobEntry* entry = FindLocked(db, name, true);
    if (entry == nullptr) {
        return Status::NotFound(
            fmt::format("Routine load job [{}] of database [{}] is not found", name, db));
    }
    std::vector<RoutineLoadTaskView> out;
    for (const TaskSlot& slot : entry->slots) {
        RoutineLoadTaskView view;
        view.task_id = slot.task_id;
        view.txn_id = slot.running ? slot.txn_id : -1;
        view.txn_status = slot.running && slot.txn_id >= 0 ? "PREPARE" : "UNKNOWN";
        view.job_id = entry->job.id;
        view.create_time_ms = slot.create_time_ms;
        view.last_scheduled_time_ms = slot.last_scheduled_ms;
        view.execute_start_time_ms = slot.running ? slot.execute_start_ms : -1;
        view.timeout_s = entry->properties.task_timeout_second;
        for (int32_t p : slot.partitions) {
            auto it = entry->job.progress.find(p);
            view.progress[p] = it != entry->job.progress.end()
                                   ? it->second
                                   : entry->source.default_offset.value_or(kKafkaOffsetEnd);
            auto latest = entry->latest_offsets.find(p);
            if (latest != entry->latest_offsets.end()) view.latest_offsets[p] = latest->second;
        }
        view.message = slot.message;
        out.push_back(std::move(view));
    }
    return out;
}

// --- Catalog ---------------------------------------------------------------------------------

void RoutineLoadManager::OnTableDropped(int64_t db_id, int64_t table_id) {
    std::unique_lock lock(mu_);
    for (auto& [id, entry] : jobs_) {
        if (entry->job.table_id != table_id || IsFinal(entry->job.state)) continue;
        Status st = ChangeStateLocked(lock, *entry, RoutineLoadState::kCancelled,
                                      ErrorReason(kErrTable, "table not exist"));
        if (!st.ok()) LOG_WARN("cancelling routine load job {}: {}", id, st.ToString());
    }
}

void RoutineLoadManager::OnDatabaseDropped(int64_t db_id) {
    std::unique_lock lock(mu_);
    for (auto& [id, entry] : jobs_) {
        if (entry->job.db_id != db_id || IsFinal(entry->job.state)) continue;
        Status st = ChangeStateLocked(
            lock, *entry, RoutineLoadState::kCancelled,
            ErrorReason(kErrDb, fmt::format("db {} not exist", entry->job.db_name)));
        if (!st.ok()) LOG_WARN("cancelling routine load job {}: {}", id, st.ToString());
    }
}

// --- Scheduler -------------------------------------------------------------------------------

void RoutineLoadManager::SchedulerLoop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        const int64_t now = Now();
        std::vector<int64_t> to_split;
        std::vector<int64_t> to_discover;
        int64_t wake = now + 1000;
        for (auto& [id, entry] : jobs_) {
            JobEntry& e = *entry;
            if (e.job.state == RoutineLoadState::kNeedSchedule) {
                if (now >= e.next_split_ms) {
                    to_split.push_back(id);
                } else {
                    wake = std::min(wake, e.next_split_ms);
                }
                continue;
            }
            if (e.job.state != RoutineLoadState::kRunning) continue;
            if (e.source.partitions.empty() && now >= e.next_discovery_ms) {
                to_discover.push_back(id);
            }
            for (size_t s = 0; s < e.slots.size(); ++s) {
                TaskSlot& slot = e.slots[s];
                if (slot.running) {
                    // A task past its timeout is replaced; its commit will be fenced off.
                    const int64_t deadline =
                        slot.execute_start_ms + e.properties.task_timeout_second * 1000;
                    if (now >= deadline) {
                        LOG_WARN("routine load job {} task {} timed out; renewing it", id,
                                 slot.task_id);
                        slot.message = fmt::format("previous task {} timed out after {} s",
                                                   slot.task_id,
                                                   e.properties.task_timeout_second);
                        slot.task_id = NewTaskId();
                        slot.create_time_ms = now;
                        slot.running = false;
                        slot.txn_id = -1;
                        slot.next_run_ms = now;
                    } else {
                        wake = std::min(wake, deadline);
                        continue;
                    }
                }
                if (now >= slot.next_run_ms) {
                    slot.running = true;
                    slot.last_scheduled_ms = now;
                    slot.execute_start_ms = now;
                    slot.txn_id = -1;
                    queue_.push_back(TaskRun{id, s, slot.task_id});
                    changed_.notify_all();
                } else {
                    wake = std::min(wake, slot.next_run_ms);
                }
            }
        }
        PurgeFinishedLocked(lock);
        if (!to_split.empty() || !to_discover.empty()) {
            lock.unlock();
            for (int64_t id : to_split) SplitJob(id);
            for (int64_t id : to_discover) DiscoverPartitions(id);
            lock.lock();
            continue;
        }
        changed_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, wake - Now())));
    }
}

void RoutineLoadManager::SplitJob(int64_t job_id) {
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
    auto it = jobs_.find(job_id);
    if (it == jobs_.end() || it->second->job.state != RoutineLoadState::kNeedSchedule) return;
    JobEntry& e = *it->second;
    e.metadata = std::move(metadata);
    const int64_t now = Now();
    if (!partitions.ok()) {
        e.job.other_msg = fmt::format("[{}] failed to fetch the partitions of kafka topic: {}",
                                      FormatRoutineLoadTime(now), partitions.status().message());
        if (IsKafkaUnreachable(partitions.status())) {
            if (e.kafka_failing_since_ms < 0) e.kafka_failing_since_ms = now;
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
    if (!partitions.ok() || e.job.state != RoutineLoadState::kRunning) return;
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
        RunTask(run);
        lock.lock();
    }
}

void RoutineLoadManager::RunTask(const TaskRun& run) {
    // A snapshot of the job for the task; the slot's consumer is the task's while it runs.
    RoutineLoadTaskInput input;
    RoutineLoadJob job;
    std::unique_ptr<KafkaConsumer> consumer;
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
    }
    input.job = &job;
    input.task_id = run.task_id;
    input.error_log_host = options_.error_log_host;
    input.limits.max_millis = input.properties.task_consume_second * 1000;
    input.limits.max_bytes = config::max_routine_load_batch_size.Get();
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
        hooks.fence = [this, &run] { return FenceTask(run.job_id, run.task_id); };
        hooks.add_progress = [this, &run](const RoutineLoadTaskOutcome& o, MetaWriteBatch* batch) {
            return ApplyCommit(run.job_id, run.task_id, o, batch);
        };
        hooks.undo_progress = [this, &run](const RoutineLoadTaskOutcome& o) {
            UndoCommit(run.job_id, run.task_id, o);
        };
        outcome = RunRoutineLoadTask(input, options_.services, consumer.get(), hooks);
        if (outcome.end == RoutineLoadTaskEnd::kCommitted) {
            std::map<int32_t, int64_t> next;
            for (const auto& [p, progress] : outcome.partitions) next[p] = progress.next_offset;
            consumer->CommitGroupOffsets(next);  // a mirror for monitoring tools; best effort
        }
    }
    FinishTask(run, outcome, std::move(consumer));
}

void RoutineLoadManager::FinishTask(const TaskRun& run, const RoutineLoadTaskOutcome& outcome,
                                    std::unique_ptr<KafkaConsumer> consumer) {
    std::unique_lock lock(mu_);
    auto it = jobs_.find(run.job_id);
    if (it == jobs_.end()) return;
    JobEntry& e = *it->second;
    if (e.in_flight.erase(run.task_id) > 0) changed_.notify_all();
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
    slot.consumer = std::move(consumer);
    slot.running = false;
    slot.txn_id = outcome.txn_id;
    slot.task_id = NewTaskId();
    slot.create_time_ms = now;
    slot.execute_start_ms = -1;
    const int64_t interval_ms = e.properties.max_batch_interval_s * 1000;
    switch (outcome.end) {
        case RoutineLoadTaskEnd::kCommitted: {
            e.kafka_failing_since_ms = -1;
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
                if (found == e.job.progress.end() || found->second < 0) {
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
            if (outcome.end == RoutineLoadTaskEnd::kAborted) ++e.job.statistics.aborted_tasks;
            e.job.other_msg = fmt::format("[{}] The task {} failed due to: {}", FormatRoutineLoadTime(now),
                                          run.task_id, outcome.status.message());
            slot.message = fmt::format("previous task aborted because of {}",
                                       outcome.status.message());
            slot.next_run_ms = now + interval_ms;
            HandleTaskFailureLocked(lock, e, outcome.status);
            break;
    }
    changed_.notify_all();
}

void RoutineLoadManager::HandleTaskFailureLocked(std::unique_lock<std::mutex>& lock,
                                                 JobEntry& entry, const Status& status) {
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
        if (entry.kafka_failing_since_ms < 0) entry.kafka_failing_since_ms = now;
        const int64_t limit = config::routine_load_kafka_unreachable_pause_second.Get() * 1000;
        if (now - entry.kafka_failing_since_ms >= limit) {
            pause(kErrTasksAbort,
                  fmt::format("kafka has been unreachable for {} s: {}; RESUME the job once the "
                              "brokers are back",
                              (now - entry.kafka_failing_since_ms) / 1000, message));
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
    auto it = jobs_.find(job_id);
    if (it != jobs_.end() && it->second->job.state == RoutineLoadState::kRunning) {
        for (const TaskSlot& slot : it->second->slots) {
            if (slot.task_id == task_id && slot.running) return Status::OK();
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
    RETURN_IF_ERROR(FenceTask(job_id, task_id));
    std::lock_guard lock(mu_);
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
    if (!outcome.error_log_url.empty()) {
        job.error_log_urls.push_back(outcome.error_log_url);
        if (job.error_log_urls.size() > 3) job.error_log_urls.erase(job.error_log_urls.begin());
    }
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
