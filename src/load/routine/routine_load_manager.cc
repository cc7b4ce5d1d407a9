#include "load/routine/routine_load_manager.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "base/config.h"
#include "base/logging.h"
#include "base/string_util.h"
#include "catalog/catalog.h"
#include "load/routine/routine_load_manager_internal.h"
#include "load/routine/routine_load_show.h"
#include "load/routine/routine_load_store.h"
#include "types/time_zone.h"

namespace tributary {

using namespace routine_load_internal;

namespace {

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

}  // namespace

namespace routine_load_internal {

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

KafkaEndpoint EndpointOf(const KafkaSourceProperties& source) {
    return KafkaEndpoint{source.broker_list, source.topic, source.custom};
}

void AddErrorLogUrl(RoutineLoadJob& job, std::string url) {
    job.error_log_urls.push_back(std::move(url));
    if (job.error_log_urls.size() > 3) job.error_log_urls.erase(job.error_log_urls.begin());
}

bool IsKafkaUnreachable(const Status& status) {
    const std::string_view message = status.message();
    return (status.code() == Status::Code::kIOError &&
            message.find("cannot reach kafka_broker_list") != std::string_view::npos) ||
           (status.code() == Status::Code::kTimedOut &&
            message.starts_with("kafka_broker_list '"));
}

}  // namespace routine_load_internal

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
    cancel_tasks_ = true;
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
        entry.registry_failing_since_ms = -1;
        entry.registry_failures = 0;
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
    // Each job mirrors its offsets to a consumer group of its own (StarRocks' default), so two
    // jobs on one topic never overwrite each other's committed offsets.
    if (std::none_of(source.custom.begin(), source.custom.end(),
                     [](const auto& p) { return p.first == "group.id"; })) {
        const std::string group = fmt::format("{}_{}", job.name, NewTaskId());
        job.data_source_properties.emplace_back("property.group.id", group);
        source.custom.emplace_back("group.id", group);
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
    job.data_source_properties = std::move(source_pairs);
    RETURN_IF_ERROR(ValidateRoutineLoadDescription(job, *properties, options_.services, table));
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
    entry->registry.reset();  // the URL may have changed
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

}  // namespace tributary
