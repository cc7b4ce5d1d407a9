// Configuration items: the server's named settings, in one place as StarRocks keeps its
// Config.java / config.h.
//
// Each item has a name, a type (integer, double, boolean, string), a default, a mutability flag
// and a comment. Values come from, in increasing priority: the default, the --config file
// (`key = value` lines, `#` comments, as fe.conf), command-line flags, and - for mutable items -
// `ADMIN SET FRONTEND CONFIG ("key" = "value")` at run time. As in StarRocks, run-time changes
// are not persisted: put a setting in the config file to keep it across restarts.
//
// Items are defined in config.cc and declared at the bottom of this header; modules read them
// with `config::label_keep_max_second.Get()`.
//
// Thread safety: Get() and Set() may be called concurrently from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

enum class ConfigType { kInt64, kDouble, kBool, kString };

// One registered item as ADMIN SHOW FRONTEND CONFIG prints it.
struct ConfigEntry {
    std::string name;
    std::string value;  // current value, as text
    std::string type;   // "long", "double", "boolean", "String" (StarRocks' spellings)
    bool is_mutable;
    std::string comment;
};

class ConfigItemBase {
public:
    ConfigItemBase(std::string_view name, ConfigType type, bool is_mutable, std::string_view comment);
    virtual ~ConfigItemBase() = default;
    ConfigItemBase(const ConfigItemBase&) = delete;
    ConfigItemBase& operator=(const ConfigItemBase&) = delete;

    const std::string& name() const { return name_; }
    ConfigType type() const { return type_; }
    bool is_mutable() const { return is_mutable_; }
    const std::string& comment() const { return comment_; }

    virtual std::string ValueText() const = 0;
    // Parses and stores `text`; InvalidArgument (naming the item) when it does not parse or is
    // out of range. Does not check mutability (the registry does).
    virtual Status SetFromText(std::string_view text) = 0;

private:
    std::string name_;
    ConfigType type_;
    bool is_mutable_;
    std::string comment_;
};

class ConfigInt64 final : public ConfigItemBase {
public:
    ConfigInt64(std::string_view name, int64_t def, int64_t min, int64_t max, bool is_mutable,
                std::string_view comment)
        : ConfigItemBase(name, ConfigType::kInt64, is_mutable, comment), value_(def), min_(min),
          max_(max) {}
    int64_t Get() const { return value_.load(std::memory_order_relaxed); }
    std::string ValueText() const override;
    Status SetFromText(std::string_view text) override;

private:
    std::atomic<int64_t> value_;
    int64_t min_, max_;
};

class ConfigBool final : public ConfigItemBase {
public:
    ConfigBool(std::string_view name, bool def, bool is_mutable, std::string_view comment)
        : ConfigItemBase(name, ConfigType::kBool, is_mutable, comment), value_(def) {}
    bool Get() const { return value_.load(std::memory_order_relaxed); }
    std::string ValueText() const override;
    Status SetFromText(std::string_view text) override;

private:
    std::atomic<bool> value_;
};

class ConfigString final : public ConfigItemBase {
public:
    ConfigString(std::string_view name, std::string def, bool is_mutable, std::string_view comment)
        : ConfigItemBase(name, ConfigType::kString, is_mutable, comment), value_(std::move(def)) {}
    std::string Get() const;
    std::string ValueText() const override { return Get(); }
    Status SetFromText(std::string_view text) override;

private:
    mutable std::mutex mu_;
    std::string value_;
};

// All items, by name (names compare case-insensitively).
class ConfigRegistry {
public:
    static ConfigRegistry& Instance();

    // Sets an item at run time (ADMIN SET FRONTEND CONFIG). Fails when the item is unknown or
    // immutable, or the value is invalid.
    Status SetMutable(std::string_view name, std::string_view value);
    // Sets any item (config file, command line).
    Status SetAtStartup(std::string_view name, std::string_view value);
    // Reads `key = value` lines from `path`; errors name the file and line.
    Status LoadFile(const std::string& path);
    // Items whose name matches the LIKE `pattern` (all when empty), sorted by name.
    std::vector<ConfigEntry> List(std::string_view like_pattern = "") const;

private:
    friend class ConfigItemBase;
    void Register(ConfigItemBase* item);
    ConfigItemBase* Find(std::string_view name) const;

    mutable std::mutex mu_;
    std::vector<ConfigItemBase*> items_;
};

namespace config {
// Server
extern ConfigInt64 query_port;
extern ConfigInt64 http_port;
extern ConfigString data_dir;
extern ConfigString sys_log_level;
extern ConfigInt64 qe_max_connection;
extern ConfigInt64 max_allowed_packet;
// Transactions and labels
extern ConfigInt64 label_keep_max_second;
// Loads
extern ConfigInt64 load_error_log_reserve_hours;
// Routine Load
extern ConfigInt64 max_routine_load_task_concurrent_num;
extern ConfigInt64 max_routine_load_task_num_per_be;
extern ConfigInt64 max_routine_load_batch_size;
extern ConfigInt64 routine_load_task_consume_second;
extern ConfigInt64 routine_load_task_timeout_second;
extern ConfigInt64 routine_load_unstable_threshold_second;
extern ConfigInt64 routine_load_kafka_unreachable_pause_second;
extern ConfigInt64 routine_load_schema_registry_unreachable_pause_second;
}  // namespace config

}  // namespace tributary
