#include "base/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "base/string_util.h"

namespace tributary {

ConfigItemBase::ConfigItemBase(std::string_view name, ConfigType type, bool is_mutable,
                               std::string_view comment)
    : name_(name), type_(type), is_mutable_(is_mutable), comment_(comment) {
    ConfigRegistry::Instance().Register(this);
}

std::string ConfigInt64::ValueText() const { return std::to_string(Get()); }

Status ConfigInt64::SetFromText(std::string_view text) {
    int64_t v = 0;
    if (!ParseInt64(Trim(text), &v)) {
        return Status::InvalidArgument(
            fmt::format("invalid value '{}' for config '{}': not an integer", text, name()),
            ErrorCode::kInvalidValue);
    }
    if (v < min_ || v > max_) {
        return Status::InvalidArgument(
            fmt::format("invalid value {} for config '{}': must be between {} and {}", v, name(),
                        min_, max_),
            ErrorCode::kInvalidValue);
    }
    value_.store(v, std::memory_order_relaxed);
    return Status::OK();
}

std::string ConfigBool::ValueText() const { return Get() ? "true" : "false"; }

Status ConfigBool::SetFromText(std::string_view text) {
    std::string_view t = Trim(text);
    if (EqualsIgnoreCase(t, "true") || t == "1") {
        value_.store(true);
    } else if (EqualsIgnoreCase(t, "false") || t == "0") {
        value_.store(false);
    } else {
        return Status::InvalidArgument(
            fmt::format("invalid value '{}' for config '{}': expected true or false", text, name()),
            ErrorCode::kInvalidValue);
    }
    return Status::OK();
}

std::string ConfigString::Get() const {
    std::lock_guard lock(mu_);
    return value_;
}

Status ConfigString::SetFromText(std::string_view text) {
    std::lock_guard lock(mu_);
    value_ = std::string(Trim(text));
    return Status::OK();
}

ConfigRegistry& ConfigRegistry::Instance() {
    static ConfigRegistry* registry = new ConfigRegistry();  // never destroyed: items outlive main
    return *registry;
}

void ConfigRegistry::Register(ConfigItemBase* item) {
    std::lock_guard lock(mu_);
    items_.push_back(item);
}

ConfigItemBase* ConfigRegistry::Find(std::string_view name) const {
    std::lock_guard lock(mu_);
    for (ConfigItemBase* item : items_) {
        if (EqualsIgnoreCase(item->name(), name)) return item;
    }
    return nullptr;
}

Status ConfigRegistry::SetMutable(std::string_view name, std::string_view value) {
    ConfigItemBase* item = Find(name);
    if (item == nullptr) {
        return Status::InvalidArgument(fmt::format("Config '{}' does not exist", name),
                                       ErrorCode::kInvalidValue);
    }
    if (!item->is_mutable()) {
        return Status::InvalidArgument(
            fmt::format("Config '{}' is not mutable; set it in the config file and restart", name),
            ErrorCode::kInvalidValue);
    }
    return item->SetFromText(value);
}

Status ConfigRegistry::SetAtStartup(std::string_view name, std::string_view value) {
    ConfigItemBase* item = Find(name);
    if (item == nullptr) {
        return Status::InvalidArgument(fmt::format("unknown config '{}'", name));
    }
    return item->SetFromText(value);
}

Status ConfigRegistry::LoadFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::IOError("cannot read config file " + path);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        std::string_view text = Trim(line);
        if (text.empty() || text[0] == '#') continue;
        size_t eq = text.find('=');
        if (eq == std::string_view::npos) {
            return Status::InvalidArgument(
                fmt::format("{}:{}: expected 'key = value', got '{}'", path, line_no, text));
        }
        Status st = SetAtStartup(Trim(text.substr(0, eq)), Trim(text.substr(eq + 1)));
        if (!st.ok()) return st.Prefixed(fmt::format("{}:{}", path, line_no));
    }
    return Status::OK();
}

std::vector<ConfigEntry> ConfigRegistry::List(std::string_view like_pattern) const {
    std::vector<ConfigEntry> out;
    std::lock_guard lock(mu_);
    for (const ConfigItemBase* item : items_) {
        if (!like_pattern.empty() && !LikeMatch(item->name(), like_pattern, true)) continue;
        static constexpr const char* kTypeNames[] = {"long", "double", "boolean", "String"};
        out.push_back(ConfigEntry{item->name(), item->ValueText(),
                                  kTypeNames[static_cast<int>(item->type())], item->is_mutable(),
                                  item->comment()});
    }
    std::sort(out.begin(), out.end(),
              [](const ConfigEntry& a, const ConfigEntry& b) { return a.name < b.name; });
    return out;
}

namespace config {
constexpr int64_t kMaxInt = INT64_MAX;

ConfigInt64 query_port("query_port", 9030, 0, 65535, false, "MySQL protocol port");
ConfigInt64 http_port("http_port", 8030, 0, 65535, false, "HTTP port (Stream Load, health)");
ConfigString data_dir("data_dir", "data", false, "Directory for metadata, data and logs");
ConfigString sys_log_level("sys_log_level", "info", false,
                           "Log level: trace, debug, info, warn, error");
ConfigInt64 qe_max_connection("qe_max_connection", 4096, 1, 1 << 20, true,
                              "Maximum concurrent MySQL connections");
ConfigInt64 max_allowed_packet("max_allowed_packet", 64 << 20, 1024, 1 << 30, true,
                               "Largest MySQL packet a client may send, in bytes");
ConfigInt64 label_keep_max_second("label_keep_max_second", 259200, 1, kMaxInt, true,
                                  "How long labels of finished transactions stay reserved");
ConfigInt64 load_error_log_reserve_hours("load_error_log_reserve_hours", 48, 1, kMaxInt, false,
                                         "How long load error logs are kept, in hours");
ConfigInt64 max_routine_load_task_concurrent_num("max_routine_load_task_concurrent_num", 5, 1,
                                                 kMaxInt, true,
                                                 "Maximum concurrent tasks per Routine Load job");
ConfigInt64 max_routine_load_task_num_per_be("max_routine_load_task_num_per_be", 16, 1, kMaxInt,
                                             true, "Maximum Routine Load tasks per backend");
ConfigInt64 max_routine_load_batch_size("max_routine_load_batch_size", 4294967296LL, 1, kMaxInt,
                                        true, "Bytes a Routine Load task consumes at most");
ConfigInt64 routine_load_task_consume_second("routine_load_task_consume_second", 15, 1, kMaxInt,
                                             true, "Seconds a Routine Load task consumes at most");
ConfigInt64 routine_load_task_timeout_second("routine_load_task_timeout_second", 60, 1, kMaxInt,
                                             true, "Routine Load task and transaction timeout");
ConfigInt64 routine_load_unstable_threshold_second(
    "routine_load_unstable_threshold_second", 3600, 1, kMaxInt, true,
    "A RUNNING job whose newest consumed message is older than this is shown as UNSTABLE");
ConfigInt64 routine_load_kafka_unreachable_pause_second(
    "routine_load_kafka_unreachable_pause_second", 60, 0, kMaxInt, true,
    "A Routine Load job whose brokers stay unreachable this long is paused with the reason");
ConfigInt64 routine_load_schema_registry_unreachable_pause_second(
    "routine_load_schema_registry_unreachable_pause_second", 60, 0, kMaxInt, true,
    "An Avro Routine Load job whose Schema Registry keeps failing this long is paused with the "
    "reason");
}  // namespace config

}  // namespace tributary
