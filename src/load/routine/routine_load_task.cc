#include "load/routine/routine_load_task.h"

#include <fmt/format.h>

#include <chrono>

#include "base/string_util.h"
#include "load/avro/avro_reader.h"
#include "load/csv/csv_reader.h"
#include "load/json/json_reader.h"
#include "load/routine/schema_registry_client.h"
#include "sql/parser.h"
#include "types/time_zone.h"

namespace tributary {
namespace {

using Clock = std::chrono::steady_clock;

// How long a task waits for the metadata request that tells unreachable brokers from
// partitions whose leader is down.
constexpr int64_t kProbeTimeoutMs = 5000;

// Message payloads are copied here and handed to the pipeline this many bytes at a time.
constexpr size_t kArenaBytes = 4 << 20;

// Avro rows are handed to the pipeline this many at a time.
constexpr size_t kAvroBatchRows = 4096;

int64_t MillisSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

CsvOptions JobCsvOptions(const RoutineLoadJob& job, const RoutineLoadJobProperties& properties) {
    CsvOptions csv;
    csv.column_separator = job.column_separator.value_or("\t");
    csv.row_delimiter = job.row_delimiter.value_or("\n");
    csv.enclose = properties.enclose;
    csv.escape = properties.escape;
    csv.trim_space = properties.trim_space;
    return csv;
}

// The paths of a JSON or Avro job's source fields: simple mode reads the source fields as keys;
// jsonpaths must give one path per field.
StatusOr<std::vector<std::string>> JobFieldPaths(const RoutineLoadJobProperties& properties,
                                                 const std::vector<std::string>& source_fields) {
    if (properties.jsonpaths.empty()) return source_fields;
    if (properties.jsonpaths.size() != source_fields.size()) {
        return Status::InvalidArgument(fmt::format(
            "jsonpaths has {} paths but the load has {} source fields (COLUMNS)",
            properties.jsonpaths.size(), source_fields.size()));
    }
    return properties.jsonpaths;
}

StatusOr<JsonOptions> JobJsonOptions(const RoutineLoadJobProperties& properties,
                                     const std::vector<std::string>& source_fields) {
    JsonOptions json;
    ASSIGN_OR_RETURN(json.field_paths, JobFieldPaths(properties, source_fields));
    json.json_root = properties.json_root;
    json.strip_outer_array = properties.strip_outer_array;
    RETURN_IF_ERROR(json.Validate());
    return json;
}

StatusOr<AvroOptions> JobAvroOptions(const RoutineLoadJobProperties& properties,
                                     const std::vector<std::string>& source_fields) {
    AvroOptions avro;
    ASSIGN_OR_RETURN(avro.field_paths, JobFieldPaths(properties, source_fields));
    ASSIGN_OR_RETURN(avro.time_zone, TimeZone::Find(properties.time_zone));
    RETURN_IF_ERROR(avro.Validate());
    return avro;
}

// Turns messages into source rows and feeds them to the pipeline an arena at a time: messages
// are joined, each ending with the row delimiter (CSV) or '\n' (JSON), and the arena is parsed
// as one input at the flush. With an enclose byte a CSV message is parsed on its own as it
// arrives instead (its raw-row views point into the arena, which never moves before the
// flush), so an unterminated quote cannot swallow the next message. Avro messages are decoded
// one by one as they arrive.
class MessageFeeder {
public:
    MessageFeeder(const RoutineLoadJob& job, const RoutineLoadJobProperties& properties,
                  AvroSchemaSource* schemas, LoadPipeline* pipeline)
        : pipeline_(pipeline), batch_(pipeline->source_fields().size()) {
        if (properties.format == "avro") {
            auto avro = JobAvroOptions(properties, pipeline->source_fields());
            status_ = avro.status();
            if (status_.ok() && schemas == nullptr) {
                status_ = Status::InvalidArgument(
                    "confluent.schema.registry.url is a required property");
            }
            if (status_.ok()) avro_ = std::make_unique<AvroReader>(std::move(avro).value(), schemas);
            return;
        }
        arena_.reserve(kArenaBytes);
        if (properties.format == "json") {
            auto json = JobJsonOptions(properties, pipeline->source_fields());
            status_ = json.status();
            if (json.ok()) json_ = std::make_unique<JsonReader>(std::move(json).value());
        } else {
            CsvOptions csv = JobCsvOptions(job, properties);
            status_ = csv.Validate();
            separator_ = csv.row_delimiter;
            parse_each_message_ = csv.enclose != 0;
            csv_ = std::make_unique<CsvReader>(std::move(csv));
        }
    }

    const Status& status() const { return status_; }

    Status Add(const KafkaMessage& message) {
        const std::string_view payload = message.payload;
        if (payload.empty()) return Status::OK();
        if (avro_ != nullptr) {
            origin_.clear();
            fmt::format_to(std::back_inserter(origin_), "partition {}, offset {}",
                           message.partition, message.offset);
            RETURN_IF_ERROR(avro_->Read(payload, origin_, &batch_));
            return batch_.num_rows() + batch_.num_rejected() >= kAvroBatchRows ? Flush()
                                                                                : Status::OK();
        }
        const size_t size = payload.size() + separator_.size();
        if (arena_.size() + size > arena_.capacity()) RETURN_IF_ERROR(Flush());
        if (size > arena_.capacity()) {
            // A message larger than the arena gets its own buffer.
            std::string big(payload);
            Terminate(&big);
            return ParseAndConsume(big);
        }
        const size_t begin = arena_.size();
        arena_.append(payload);
        Terminate(&arena_);
        if (!parse_each_message_) return Status::OK();
        size_t used = 0;
        return csv_->Parse(std::string_view(arena_).substr(begin), true, &batch_, &used);
    }

    Status Flush() {
        if (avro_ != nullptr) {
            Status st = Consume();
            avro_->ReleaseRaw();
            return st;
        }
        Status st = parse_each_message_ ? Consume() : ParseAndConsume(arena_);
        arena_.clear();
        return st;
    }

private:
    // Ends a message that does not end with the separator with one.
    void Terminate(std::string* text) const {
        if (!std::string_view(*text).ends_with(separator_)) *text += separator_;
    }

    Status ParseAndConsume(std::string_view text) {
        if (!text.empty()) {
            if (json_ != nullptr) {
                RETURN_IF_ERROR(json_->Parse(text, &batch_));
            } else {
                size_t used = 0;
                RETURN_IF_ERROR(csv_->Parse(text, true, &batch_, &used));
            }
        }
        return Consume();
    }

    Status Consume() {
        if (batch_.num_rows() == 0 && batch_.num_rejected() == 0) return Status::OK();
        Status st = pipeline_->Consume(batch_);
        batch_.Clear();
        return st;
    }

    LoadPipeline* pipeline_;
    SourceBatch batch_;
    std::string arena_;
    std::unique_ptr<CsvReader> csv_;
    std::unique_ptr<JsonReader> json_;
    std::unique_ptr<AvroReader> avro_;
    std::string origin_;  // "partition 2, offset 17" of the Avro message being read
    std::string separator_ = "\n";    // what ends every message in the arena
    bool parse_each_message_ = false;  // CSV with enclose: parsed message by message
    Status status_;
};

}  // namespace

StatusOr<std::unique_ptr<ParsedLoadDescription>> ParseJobLoadDescription(
    const RoutineLoadJob& job, const RoutineLoadJobProperties& properties) {
    auto parsed = std::make_unique<ParsedLoadDescription>();
    if (!job.columns.empty()) {
        auto columns = ParseLoadColumns(Join(job.columns, ", "));
        if (!columns.ok()) {
            return Status::InvalidArgument(
                fmt::format("COLUMNS of the job: {}", columns.status().message()));
        }
        parsed->columns = std::move(columns).value();
    }
    if (!job.where_sql.empty()) {
        auto where = ParseExpression(job.where_sql);
        if (!where.ok()) {
            return Status::InvalidArgument(
                fmt::format("WHERE of the job: {}", where.status().message()));
        }
        parsed->where = std::move(where).value();
    }
    parsed->description.columns = &parsed->columns;
    parsed->description.where = parsed->where.get();
    parsed->description.partitions = job.partitions;
    parsed->description.temporary_partitions = job.temporary_partitions;
    parsed->description.strict_mode = properties.strict_mode;
    parsed->description.partial_update = properties.partial_update;
    parsed->description.merge_condition = properties.merge_condition;
    return parsed;
}

Status ValidateRoutineLoadDescription(const RoutineLoadJob& job,
                                      const RoutineLoadJobProperties& properties,
                                      const LoadServices& services,
                                      std::shared_ptr<const TableInfo> table) {
    ASSIGN_OR_RETURN(auto parsed, ParseJobLoadDescription(job, properties));
    ASSIGN_OR_RETURN(auto zone, TimeZone::Find(properties.time_zone));
    EvalContext eval;
    eval.time_zone = zone;
    ASSIGN_OR_RETURN(auto pipeline,
                     LoadPipeline::Create(services, std::move(table), parsed->description, eval));
    if (properties.format == "json") {
        return JobJsonOptions(properties, pipeline->source_fields()).status();
    }
    if (properties.format == "avro") {
        RETURN_IF_ERROR(JobAvroOptions(properties, pipeline->source_fields()).status());
        ASSIGN_OR_RETURN(KafkaSourceProperties source,
                         ParseKafkaSourceProperties(ToPropertyList(job.data_source_properties)));
        if (source.schema_registry_url.empty()) {
            return Status::InvalidArgument(
                "confluent.schema.registry.url is a required property when format is avro");
        }
        return ParseSchemaRegistryUrl(source.schema_registry_url).status();
    }
    return JobCsvOptions(job, properties).Validate();
}

RoutineLoadTaskOutcome RunRoutineLoadTask(const RoutineLoadTaskInput& input,
                                          const LoadServices& services, KafkaConsumer* consumer,
                                          const RoutineLoadTaskHooks& hooks) {
    const Clock::time_point start_time = Clock::now();
    const RoutineLoadJob& job = *input.job;
    RoutineLoadTaskOutcome outcome;
    outcome.label = fmt::format("{}-{}-{}", job.name, job.id, input.task_id);
    auto fail = [&](RoutineLoadTaskEnd end, Status status) {
        outcome.end = end;
        outcome.status = std::move(status);
        outcome.execute_ms = MillisSince(start_time);
        return outcome;
    };

    const std::map<int32_t, int64_t>& start = input.start_offsets;
    for (const auto& [partition, offset] : start) outcome.partitions[partition].next_offset = offset;

    // The pipeline, bound against the table as it is now.
    auto parsed = ParseJobLoadDescription(job, input.properties);
    if (!parsed.ok()) return fail(RoutineLoadTaskEnd::kFailed, parsed.status());
    auto zone = TimeZone::Find(input.properties.time_zone);
    if (!zone.ok()) return fail(RoutineLoadTaskEnd::kFailed, zone.status());
    EvalContext eval;
    eval.time_zone = *zone;
    eval.now_unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    auto pipeline = LoadPipeline::Create(services, input.table, (*parsed)->description, eval);
    if (!pipeline.ok()) return fail(RoutineLoadTaskEnd::kFailed, pipeline.status());
    LoadPipeline& load = **pipeline;
    MessageFeeder feeder(job, input.properties, input.schema_source.get(), &load);
    if (!feeder.status().ok()) return fail(RoutineLoadTaskEnd::kFailed, feeder.status());

    // Consume what was there when the task began (StarRocks' rule: a task that got there has
    // caught up, and the next one waits max_batch_interval). No transaction is begun before
    // there is something to commit.
    KafkaConsumeLimits limits = input.limits;
    limits.stop_at_first_high_watermark = true;
    auto consumed = consumer->Consume(start, limits, [&](const KafkaMessage& message) {
        return feeder.Add(message);
    });
    if (!consumed.ok()) return fail(RoutineLoadTaskEnd::kFailed, consumed.status());
    if (Status st = feeder.Flush(); !st.ok()) return fail(RoutineLoadTaskEnd::kFailed, st);
    outcome.counters = load.counters();
    outcome.received_bytes = consumed->bytes;
    outcome.caught_up = true;
    bool moved = false;
    for (const auto& [partition, progress] : consumed->partitions) {
        const int64_t from = start.at(partition);
        // Messages, or a resolved end past control records; resolving a logical offset over
        // an empty partition is not a move.
        if (progress.messages > 0 || (from >= 0 && progress.next_offset > from)) moved = true;
        if (progress.messages == 0 && !progress.reached_end) {
            outcome.stalled_partitions.push_back(partition);  // its leader did not answer
        } else if (!progress.reached_end) {
            outcome.caught_up = false;
        }
        // The latest position: the broker's high watermark, or at least the end the consumer
        // reached.
        int64_t latest = progress.high_watermark;
        if (progress.reached_end) latest = std::max(latest, progress.next_offset);
        if (latest >= 0) outcome.latest_offsets[partition] = latest;
        outcome.partitions[partition] = progress;
    }
    if (!moved && outcome.stalled_partitions.size() == consumed->partitions.size()) {
        // Not one partition answered: tell brokers that cannot be reached (or a topic that is
        // gone) from leaders that are down or slow, with one bounded metadata request. Brokers
        // that are connected but slower than the probe are the stall itself, reported as such.
        auto partitions = consumer->ListPartitions(kProbeTimeoutMs);
        if (!partitions.ok() && partitions.status().code() != Status::Code::kTimedOut) {
            return fail(RoutineLoadTaskEnd::kFailed, partitions.status());
        }
    }
    if (!moved) return fail(RoutineLoadTaskEnd::kNoData, Status::OK());

    // Error rows: logged; max_filter_ratio aborts the batch.
    if (!load.error_log().empty()) {
        outcome.first_error = load.error_log().first_reason();
        if (services.error_logs != nullptr) {
            auto name = services.error_logs->Write(load.error_log());
            if (name.ok()) outcome.error_log_url = ErrorLogStore::Url(input.error_log_host, *name);
        }
    }
    if (Status st = load.CheckFilterRatio(input.properties.max_filter_ratio); !st.ok()) {
        return fail(RoutineLoadTaskEnd::kAborted, st);
    }

    // Commit the rows with the job's progress.
    SinkCommitOptions commit;
    commit.label = outcome.label;
    commit.timeout_seconds = input.properties.task_timeout_second;
    commit.source = TransactionSource::kRoutineLoad;
    auto begun = load.Begin(commit);
    if (!begun.ok()) return fail(RoutineLoadTaskEnd::kFailed, begun.status());
    outcome.txn_id = begun->txn_id;
    if (hooks.on_begin) hooks.on_begin(begun->txn_id);
    outcome.end = RoutineLoadTaskEnd::kCommitted;
    outcome.execute_ms = MillisSince(start_time);
    bool progress_added = false;
    commit.fence = hooks.fence;
    commit.add_extra_ops = [&](MetaWriteBatch* batch) {
        RETURN_IF_ERROR(hooks.add_progress(outcome, batch));
        progress_added = true;
        return Status::OK();
    };
    auto committed = load.Commit(commit);
    if (!committed.ok()) {
        if (progress_added && hooks.undo_progress) hooks.undo_progress(outcome);
        load.Abort(committed.status().message());
        return fail(RoutineLoadTaskEnd::kAborted, committed.status());
    }
    outcome.execute_ms = MillisSince(start_time);
    return outcome;
}

}  // namespace tributary
