#include "frontend/session_variables.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "base/config.h"
#include "base/string_util.h"
#include "frontend/version.h"

namespace tributary {
namespace {

struct VariableSpec {
    const char* name;
    VariableKind kind;
    const char* default_value;
};

// Variables drivers read on connect (mysql CLI, Connector/J, MariaDB Connector/C and /J, pymysql,
// MySQLdb) plus the StarRocks session settings that later issues use.
constexpr VariableSpec kVariables[] = {
    {"auto_increment_increment", VariableKind::kInt, "1"},
    {"auto_increment_offset", VariableKind::kInt, "1"},
    {"autocommit", VariableKind::kBool, "1"},
    {"character_set_client", VariableKind::kString, "utf8mb4"},
    {"character_set_connection", VariableKind::kString, "utf8mb4"},
    {"character_set_database", VariableKind::kString, "utf8mb4"},
    {"character_set_results", VariableKind::kString, "utf8mb4"},
    {"character_set_server", VariableKind::kString, "utf8mb4"},
    {"character_set_system", VariableKind::kString, "utf8"},
    {"collation_connection", VariableKind::kString, "utf8mb4_general_ci"},
    {"collation_database", VariableKind::kString, "utf8mb4_general_ci"},
    {"collation_server", VariableKind::kString, "utf8mb4_general_ci"},
    {"default_storage_engine", VariableKind::kString, "OLAP"},
    {"div_precision_increment", VariableKind::kInt, "4"},
    {"group_concat_max_len", VariableKind::kInt, "65535"},
    {"init_connect", VariableKind::kString, ""},
    {"interactive_timeout", VariableKind::kInt, "3600"},
    {"language", VariableKind::kString, "/tributary/share/english/"},
    {"license", VariableKind::kString, "Apache License 2.0"},
    {"lower_case_table_names", VariableKind::kInt, "0"},
    {"max_allowed_packet", VariableKind::kInt, ""},  // from config
    {"net_buffer_length", VariableKind::kInt, "16384"},
    {"net_read_timeout", VariableKind::kInt, "60"},
    {"net_write_timeout", VariableKind::kInt, "60"},
    {"performance_schema", VariableKind::kBool, "0"},
    {"query_cache_size", VariableKind::kInt, "1048576"},
    {"query_cache_type", VariableKind::kString, "OFF"},
    {"query_timeout", VariableKind::kInt, "300"},
    {"sql_auto_is_null", VariableKind::kBool, "0"},
    {"sql_mode", VariableKind::kString, "ONLY_FULL_GROUP_BY"},
    {"sql_safe_updates", VariableKind::kBool, "0"},
    {"sql_select_limit", VariableKind::kInt, "9223372036854775807"},
    {"system_time_zone", VariableKind::kString, ""},  // from the OS
    {"time_zone", VariableKind::kString, ""},         // defaults to system_time_zone
    {"transaction_isolation", VariableKind::kString, "REPEATABLE-READ"},
    {"transaction_read_only", VariableKind::kBool, "0"},
    {"tx_isolation", VariableKind::kString, "REPEATABLE-READ"},
    {"tx_read_only", VariableKind::kBool, "0"},
    {"version", VariableKind::kString, kMysqlServerVersion},
    {"version_comment", VariableKind::kString, kVersionComment},
    {"wait_timeout", VariableKind::kInt, "28800"},
};

std::string SystemTimeZone() {
    std::ifstream in("/etc/timezone");
    std::string tz;
    if (in && std::getline(in, tz) && !Trim(tz).empty()) return std::string(Trim(tz));
    std::error_code ec;
    auto target = std::filesystem::read_symlink("/etc/localtime", ec);
    if (!ec) {
        std::string path = target.string();
        size_t pos = path.find("zoneinfo/");
        if (pos != std::string::npos) return path.substr(pos + 9);
    }
    return "UTC";
}

bool ParseBool(std::string_view text, int64_t* out) {
    if (EqualsIgnoreCase(text, "on") || EqualsIgnoreCase(text, "true") || text == "1") {
        *out = 1;
        return true;
    }
    if (EqualsIgnoreCase(text, "off") || EqualsIgnoreCase(text, "false") || text == "0") {
        *out = 0;
        return true;
    }
    return false;
}

VariableValue FromSpec(const VariableSpec& spec) {
    VariableValue v;
    v.kind = spec.kind;
    std::string text = spec.default_value;
    if (std::string_view(spec.name) == "max_allowed_packet") {
        text = std::to_string(config::max_allowed_packet.Get());
    } else if (std::string_view(spec.name) == "system_time_zone" ||
               std::string_view(spec.name) == "time_zone") {
        text = SystemTimeZone();
    }
    if (spec.kind == VariableKind::kString) {
        v.text = text;
    } else {
        ParseInt64(text, &v.number);
    }
    return v;
}

// The defaults every new session copies; SET GLOBAL changes them.
class GlobalDefaults {
public:
    static GlobalDefaults& Instance() {
        static GlobalDefaults* instance = new GlobalDefaults();
        return *instance;
    }
    std::map<std::string, VariableValue> Snapshot() {
        std::lock_guard lock(mu_);
        return values_;
    }
    template <typename Fn>
    Status Update(Fn&& fn) {
        std::lock_guard lock(mu_);
        return fn(values_);
    }

private:
    GlobalDefaults() {
        for (const auto& spec : kVariables) values_[spec.name] = FromSpec(spec);
    }
    std::mutex mu_;
    std::map<std::string, VariableValue> values_;
};

// MySQL 5.7 names and their 8.0 twins: setting one sets both.
constexpr std::pair<const char*, const char*> kTwins[] = {
    {"tx_isolation", "transaction_isolation"},
    {"tx_read_only", "transaction_read_only"},
};

const char* TwinOf(std::string_view name) {
    for (const auto& [a, b] : kTwins) {
        if (name == a) return b;
        if (name == b) return a;
    }
    return nullptr;
}

const VariableSpec* FindSpec(std::string_view name) {
    for (const auto& spec : kVariables) {
        if (EqualsIgnoreCase(spec.name, name)) return &spec;
    }
    return nullptr;
}

Status UnknownVariable(std::string_view name) {
    return Status::NotFound(fmt::format("Unknown system variable '{}'", name),
                            ErrorCode::kUnknownSystemVariable);
}

Status AssignOne(std::map<std::string, VariableValue>& values, std::string_view name,
                 const std::string& text, bool is_number, bool is_null, bool is_default);

// Validates and stores a new value into `values` (and into its twin's).
Status Assign(std::map<std::string, VariableValue>& values, std::string_view name,
              const std::string& text, bool is_number, bool is_null, bool is_default) {
    RETURN_IF_ERROR(AssignOne(values, name, text, is_number, is_null, is_default));
    const VariableSpec* spec = FindSpec(name);
    if (const char* twin = TwinOf(spec->name)) values[twin] = values[spec->name];
    return Status::OK();
}

Status AssignOne(std::map<std::string, VariableValue>& values, std::string_view name,
                 const std::string& text, bool is_number, bool is_null, bool is_default) {
    const VariableSpec* spec = FindSpec(name);
    if (spec == nullptr) return UnknownVariable(name);
    VariableValue& target = values[spec->name];
    if (is_default) {
        target = FromSpec(*spec);
        return Status::OK();
    }
    auto wrong_value = [&]() {
        return Status::InvalidArgument(
            fmt::format("Variable '{}' can't be set to the value of '{}'", spec->name,
                        is_null ? "NULL" : text),
            ErrorCode::kWrongValueForVar);
    };
    switch (spec->kind) {
        case VariableKind::kBool: {
            int64_t b = 0;
            if (is_null || !ParseBool(text, &b)) return wrong_value();
            target.number = b;
            return Status::OK();
        }
        case VariableKind::kInt: {
            int64_t n = 0;
            if (is_null || !ParseInt64(Trim(text), &n) || n < 0) return wrong_value();
            target.number = n;
            return Status::OK();
        }
        case VariableKind::kString:
            // Connector/J sends `SET character_set_results = NULL` (meaning "no conversion").
            target.is_null = is_null;
            target.text = is_null ? "" : text;
            (void)is_number;
            return Status::OK();
    }
    return Status::Internal("unhandled variable kind");
}

}  // namespace

std::string VariableValue::ShowText() const {
    switch (kind) {
        case VariableKind::kBool: return number ? "ON" : "OFF";
        case VariableKind::kInt: return std::to_string(number);
        case VariableKind::kString: return is_null ? "" : text;
    }
    return text;
}

std::optional<std::string> VariableValue::SelectText() const {
    switch (kind) {
        case VariableKind::kBool:
        case VariableKind::kInt: return std::to_string(number);
        case VariableKind::kString:
            if (is_null) return std::nullopt;
            return text;
    }
    return text;
}

SessionVariables::SessionVariables() : values_(GlobalDefaults::Instance().Snapshot()) {}

StatusOr<VariableValue> SessionVariables::Get(std::string_view name) const {
    auto it = values_.find(ToLower(name));
    if (it == values_.end()) return UnknownVariable(name);
    return it->second;
}

Status SessionVariables::Set(std::string_view name, const std::string& text, bool is_number,
                             bool is_null, bool is_default) {
    return Assign(values_, name, text, is_number, is_null, is_default);
}

Status SessionVariables::SetGlobal(std::string_view name, const std::string& text,
                                   bool is_number, bool is_null, bool is_default) {
    return GlobalDefaults::Instance().Update([&](std::map<std::string, VariableValue>& values) {
        return Assign(values, name, text, is_number, is_null, is_default);
    });
}

std::vector<std::pair<std::string, std::string>> SessionVariables::All() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, value] : values_) out.emplace_back(name, value.ShowText());
    return out;
}

}  // namespace tributary
