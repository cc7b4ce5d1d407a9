#include "load/stream_load.h"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>

#include "base/string_util.h"
#include "catalog/catalog.h"
#include "load/csv/csv_reader.h"
#include "load/json/json_reader.h"
#include "load/load_error_log.h"
#include "load/load_pipeline.h"
#include "sql/parser.h"
#include "types/time_zone.h"

namespace tributary {
namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// Rows of CSV are handed to the pipeline this many input bytes at a time, so memory holds one
// slice of source fields rather than the whole body.
constexpr size_t kCsvSliceBytes = 4 << 20;

// JSON bodies go to the reader in pieces of at least this many bytes, cut between documents.
constexpr size_t kJsonSliceBytes = 4 << 20;

int64_t MillisSince(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The response skeleton: every key StarRocks sends, in its order.
struct Report {
    int64_t txn_id = -1;
    std::string label;
    std::string status = "Fail";
    std::string message;
    std::optional<std::string> existing_job_status;
    LoadCounters counters;
    uint64_t load_bytes = 0;
    int64_t load_time_ms = 0, begin_txn_ms = 0, plan_ms = 0, read_ms = 0, write_ms = 0,
            commit_ms = 0;
    std::string error_url;

    StreamLoadResponse ToResponse(int http_status = 200) const {
        Json j;
        j["TxnId"] = txn_id;
        j["Label"] = label;
        j["Status"] = status;
        if (existing_job_status) j["ExistingJobStatus"] = *existing_job_status;
        j["Message"] = message;
        j["NumberTotalRows"] = counters.total_rows;
        j["NumberLoadedRows"] = counters.loaded_rows();
        j["NumberFilteredRows"] = counters.filtered_rows;
        j["NumberUnselectedRows"] = counters.unselected_rows;
        j["LoadBytes"] = load_bytes;
        j["LoadTimeMs"] = load_time_ms;
        j["BeginTxnTimeMs"] = begin_txn_ms;
        j["StreamLoadPlanTimeMs"] = plan_ms;
        j["ReadDataTimeMs"] = read_ms;
        j["WriteDataTimeMs"] = write_ms;
        j["CommitAndPublishTimeMs"] = commit_ms;
        if (!error_url.empty()) j["ErrorURL"] = error_url;
        return StreamLoadResponse{http_status, j.dump(4)};
    }
};

// The load's headers, parsed and checked.
struct Options {
    std::string format = "csv";
    CsvOptions csv;
    std::vector<LoadColumn> columns;
    ExprPtr where;
    std::vector<std::string> partitions;
    bool temporary_partitions = false;
    double max_filter_ratio = 0;
    bool strict_mode = false;
    bool partial_update = false;
    std::string merge_condition;
    std::string time_zone;
    int64_t timeout_seconds = 600;
    std::vector<std::string> jsonpaths;
    std::string json_root;
    bool strip_outer_array = false;
};

std::optional<std::string_view> Header(const StreamLoadRequest& request, std::string_view name) {
    auto it = request.headers.find(std::string(name));
    if (it == request.headers.end()) return std::nullopt;
    return std::string_view(it->second);
}

StatusOr<bool> ParseBool(std::string_view name, std::string_view text) {
    if (EqualsIgnoreCase(text, "true")) return true;
    if (EqualsIgnoreCase(text, "false")) return false;
    return Status::InvalidArgument(
        fmt::format("header '{}' must be true or false, not '{}'", name, text));
}

StatusOr<char> ParseSingleByte(std::string_view name, std::string_view text) {
    ASSIGN_OR_RETURN(std::string bytes, UnescapeSeparator(text));
    if (bytes.size() != 1) {
        return Status::InvalidArgument(
            fmt::format("header '{}' must be one byte, not '{}'", name, text));
    }
    return bytes[0];
}

std::vector<std::string> SplitNames(std::string_view text) {
    std::vector<std::string> names;
    for (const std::string& part : Split(text, ",")) {
        std::string_view name = Trim(part);
        if (!name.empty()) names.emplace_back(name);
    }
    return names;
}

StatusOr<Options> ParseOptions(const StreamLoadRequest& request, const std::string& default_tz) {
    Options o;
    o.time_zone = default_tz;
    for (const auto& [name, raw] : request.headers) {
        const std::string_view value = Trim(raw);
        if (name == "format") {
            o.format = ToLower(value);
            if (o.format != "csv" && o.format != "json") {
                return Status::InvalidArgument(fmt::format(
                    "format '{}' is not supported; use csv or json", value));
            }
        } else if (name == "column_separator") {
            ASSIGN_OR_RETURN(o.csv.column_separator, UnescapeSeparator(raw));
        } else if (name == "row_delimiter") {
            ASSIGN_OR_RETURN(o.csv.row_delimiter, UnescapeSeparator(raw));
        } else if (name == "enclose") {
            ASSIGN_OR_RETURN(o.csv.enclose, ParseSingleByte(name, value));
        } else if (name == "escape") {
            ASSIGN_OR_RETURN(o.csv.escape, ParseSingleByte(name, value));
        } else if (name == "trim_space") {
            ASSIGN_OR_RETURN(o.csv.trim_space, ParseBool(name, value));
        } else if (name == "skip_header") {
            int64_t n = 0;
            if (!ParseInt64(value, &n) || n < 0) {
                return Status::InvalidArgument(fmt::format(
                    "header 'skip_header' must be a number of lines, not '{}'", value));
            }
            o.csv.skip_header = n;
        } else if (name == "columns") {
            auto columns = ParseLoadColumns(value);
            if (!columns.ok()) {
                return Status::InvalidArgument(fmt::format("header 'columns': {}",
                                                           columns.status().message()));
            }
            o.columns = std::move(columns).value();
        } else if (name == "where") {
            auto where = ParseExpression(value);
            if (!where.ok()) {
                return Status::InvalidArgument(fmt::format("header 'where': {}",
                                                           where.status().message()));
            }
            o.where = std::move(where).value();
        } else if (name == "partitions") {
            o.partitions = SplitNames(value);
        } else if (name == "temporary_partitions") {
            o.partitions = SplitNames(value);
            o.temporary_partitions = true;
        } else if (name == "max_filter_ratio") {
            double ratio = 0;
            if (!ParseDouble(value, &ratio) || ratio < 0 || ratio > 1) {
                return Status::InvalidArgument(fmt::format(
                    "header 'max_filter_ratio' must be a number from 0 to 1, not '{}'", value));
            }
            o.max_filter_ratio = ratio;
        } else if (name == "strict_mode") {
            ASSIGN_OR_RETURN(o.strict_mode, ParseBool(name, value));
        } else if (name == "partial_update") {
            ASSIGN_OR_RETURN(o.partial_update, ParseBool(name, value));
        } else if (name == "merge_condition") {
            o.merge_condition = std::string(value);
        } else if (name == "timezone") {
            o.time_zone = std::string(value);
        } else if (name == "timeout") {
            int64_t seconds = 0;
            if (!ParseInt64(value, &seconds) || seconds <= 0) {
                return Status::InvalidArgument(fmt::format(
                    "header 'timeout' must be a positive number of seconds, not '{}'", value));
            }
            o.timeout_seconds = seconds;
        } else if (name == "jsonpaths") {
            ASSIGN_OR_RETURN(o.jsonpaths, ParseJsonPathsProperty(value));
        } else if (name == "json_root") {
            o.json_root = std::string(value);
        } else if (name == "strip_outer_array") {
            ASSIGN_OR_RETURN(o.strip_outer_array, ParseBool(name, value));
        }
    }
    RETURN_IF_ERROR(o.csv.Validate());
    return o;
}

std::string NewLabel() {
    static thread_local std::mt19937_64 random(std::random_device{}());
    return fmt::format("stream_load_{:016x}{:016x}", random(), random());
}

}  // namespace

size_t NextJsonDocumentBoundary(std::string_view body, size_t from) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    for (size_t nl = body.find('\n', std::min(from, body.size())); nl != std::string_view::npos;
         nl = body.find('\n', nl + 1)) {
        size_t before = nl;
        while (before > 0 && blank(body[before - 1])) --before;
        if (before == 0 || (body[before - 1] != '}' && body[before - 1] != ']')) continue;
        size_t after = nl + 1;
        while (after < body.size() && blank(body[after])) ++after;
        if (after == body.size()) return body.size();
        if (body[after] == '{' || body[after] == '[') return nl + 1;
    }
    return body.size();
}

StatusOr<std::string> UnescapeSeparator(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char next = text[i + 1];
        if (next == 't') {
            out += '\t';
        } else if (next == 'n') {
            out += '\n';
        } else if (next == 'r') {
            out += '\r';
        } else if (next == '\\') {
            out += '\\';
        } else if (next == 'x') {
            if (i + 3 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 2])) ||
                !std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
                return Status::InvalidArgument(
                    fmt::format("'{}' has a \\x escape without two hex digits", text));
            }
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 2, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
            continue;
        }
        ++i;
    }
    return out;
}

StreamLoadResponse StreamLoad::Execute(const StreamLoadRequest& request) const {
    const Clock::time_point start = Clock::now();
    Report report;
    report.load_bytes = request.body.size();
    auto header_label = Header(request, "label");
    report.label = header_label ? std::string(Trim(*header_label)) : NewLabel();
    auto fail = [&](const Status& status, int http_status = 200) {
        report.status = "Fail";
        report.message = status.message();
        report.load_time_ms = MillisSince(start);
        return report.ToResponse(http_status);
    };

    // Who is loading, and may they?
    if (!request.has_credentials) {
        return fail(Status::InvalidArgument(
                        "no valid Basic authorization: pass the user with curl -u user:password"),
                    401);
    }
    auto login = env_.catalog->FindUserForLogin(request.user, request.client_host);
    if (!login.ok() || login->password_hash != (request.password.empty()
                                                    ? std::string()
                                                    : env_.password_hash(request.password))) {
        return fail(Status::InvalidArgument(fmt::format(
                        "Access denied for user '{}'@'{}' (using password: {})", request.user,
                        request.client_host, request.password.empty() ? "NO" : "YES")),
                    401);
    }
    auto table = env_.catalog->GetTable(request.db, request.table);
    if (!table.ok()) return fail(table.status());
    if (!env_.catalog->HasPrivilege(login->identity, Privilege::kInsert, request.db,
                                    request.table)) {
        return fail(Status::InvalidArgument(fmt::format(
                        "Access denied; you need (at least one of) the INSERT privilege(s) on "
                        "TABLE {} for this operation",
                        request.table)),
                    403);
    }

    // The load's description.
    auto options = ParseOptions(request, env_.default_time_zone());
    if (!options.ok()) return fail(options.status());
    auto zone = TimeZone::Find(options->time_zone);
    if (!zone.ok()) return fail(zone.status());
    EvalContext eval;
    eval.time_zone = *zone;
    eval.now_unix_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    LoadDescription description;
    description.columns = &options->columns;
    description.where = options->where.get();
    description.partitions = options->partitions;
    description.temporary_partitions = options->temporary_partitions;
    description.strict_mode = options->strict_mode;
    description.partial_update = options->partial_update;
    description.merge_condition = options->merge_condition;
    auto pipeline = LoadPipeline::Create(env_.services, *table, description, eval);
    if (!pipeline.ok()) return fail(pipeline.status());
    LoadPipeline& load = **pipeline;
    report.plan_ms = MillisSince(start);

    // The label, reserved before reading.
    SinkCommitOptions commit;
    commit.label = report.label;
    commit.timeout_seconds = options->timeout_seconds;
    commit.source = TransactionSource::kStreamLoad;
    const Clock::time_point begin_start = Clock::now();
    auto begun = load.Begin(commit);
    if (!begun.ok()) {
        if (begun.status().error_code() == ErrorCode::kLabelAlreadyExists ||
            begun.status().code() == Status::Code::kAlreadyExists) {
            report.status = "Label Already Exists";
            report.message = begun.status().message();
            auto existing = env_.services.txns->FindByLabel((*table)->db_id, report.label);
            if (existing.ok()) {
                report.existing_job_status =
                    existing->state == TransactionState::kPrepare ? "RUNNING" : "FINISHED";
            }
            report.load_time_ms = MillisSince(start);
            return report.ToResponse();
        }
        return fail(begun.status());
    }
    report.txn_id = begun->txn_id;
    report.begin_txn_ms = MillisSince(begin_start);

    // Read and load the body.
    const Clock::time_point read_start = Clock::now();
    Status consumed = Status::OK();
    SourceBatch batch(load.source_fields().size());
    if (options->format == "csv") {
        CsvReader reader(options->csv);
        std::string_view rest = request.body;
        while (consumed.ok()) {
            const bool last = rest.size() <= kCsvSliceBytes;
            std::string_view slice = last ? rest : rest.substr(0, kCsvSliceBytes);
            size_t used = 0;
            batch.Clear();
            consumed = reader.Parse(slice, last, &batch, &used);
            if (consumed.ok()) consumed = load.Consume(batch);
            rest.remove_prefix(used);
            if (last) break;
            if (used == 0) {
                // A row longer than a slice: give the reader all of it.
                batch.Clear();
                consumed = reader.Parse(rest, true, &batch, &used);
                if (consumed.ok()) consumed = load.Consume(batch);
                break;
            }
        }
    } else {
        JsonOptions json;
        json.field_paths = options->jsonpaths.empty() ? load.source_fields() : options->jsonpaths;
        json.json_root = options->json_root;
        json.strip_outer_array = options->strip_outer_array;
        consumed = json.Validate();
        if (consumed.ok() && json.field_paths.size() != load.source_fields().size()) {
            consumed = Status::InvalidArgument(fmt::format(
                "jsonpaths has {} paths but the load has {} source fields (columns)",
                json.field_paths.size(), load.source_fields().size()));
        }
        if (consumed.ok()) {
            JsonReader reader(std::move(json));
            std::string_view rest = request.body;
            while (consumed.ok() && !rest.empty()) {
                const size_t end = NextJsonDocumentBoundary(rest, kJsonSliceBytes);
                batch.Clear();
                consumed = reader.Parse(rest.substr(0, end), &batch);
                if (consumed.ok()) consumed = load.Consume(batch);
                rest.remove_prefix(std::min(end, rest.size()));
            }
        }
    }
    report.counters = load.counters();
    report.read_ms = MillisSince(read_start);
    if (!load.error_log().empty() && env_.services.error_logs != nullptr) {
        auto name = env_.services.error_logs->Write(load.error_log());
        if (name.ok()) report.error_url = ErrorLogStore::Url(request.server_host, *name);
    }
    if (consumed.ok()) consumed = load.CheckFilterRatio(options->max_filter_ratio);
    if (!consumed.ok()) {
        load.Abort(consumed.message());
        return fail(consumed);
    }

    const Clock::time_point commit_start = Clock::now();
    auto committed = load.Commit(commit);
    report.commit_ms = MillisSince(commit_start);
    report.write_ms = report.commit_ms;
    if (!committed.ok()) return fail(committed.status());
    report.status = "Success";
    report.message = "OK";
    report.load_time_ms = MillisSince(start);
    return report.ToResponse();
}

}  // namespace tributary
