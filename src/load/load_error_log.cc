#include "load/load_error_log.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/logging.h"
#include "base/string_util.h"

namespace tributary {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "error_log_";
// Writes look for expired files at most this often (and Open always does).
constexpr auto kPurgeInterval = std::chrono::minutes(10);

bool IsErrorLogName(std::string_view name) {
    if (name.size() <= kPrefix.size() || name.size() > 64 || !name.starts_with(kPrefix)) {
        return false;
    }
    for (char c : name.substr(kPrefix.size())) {
        if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return true;
}

}  // namespace

void LoadErrorLog::Add(std::string_view reason, std::string_view raw_row) {
    if (count_ == 0) first_reason_ = std::string(reason);
    ++count_;
    if (lines_.size() >= kMaxKeptRows) return;
    lines_.push_back(
        fmt::format("Error: {}. Row: {}", reason, TruncateUtf8(raw_row, kMaxRawBytes)));
}

StatusOr<std::unique_ptr<ErrorLogStore>> ErrorLogStore::Open(std::string dir,
                                                             int64_t reserve_hours) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        return Status::IOError(fmt::format("cannot create error log directory {}: {}", dir,
                                           ec.message()));
    }
    auto store = std::unique_ptr<ErrorLogStore>(new ErrorLogStore(std::move(dir), reserve_hours));
    store->PurgeExpired();
    return store;
}

StatusOr<std::string> ErrorLogStore::Write(const LoadErrorLog& log) {
    static thread_local std::mt19937_64 random(std::random_device{}());
    const std::string name = fmt::format("{}{:016x}_{:016x}", kPrefix, random(), random());
    std::string content;
    for (const std::string& line : log.lines()) {
        content += line;
        content += '\n';
    }
    if (log.count() > log.lines().size()) {
        content += fmt::format("({} more error rows not kept)\n", log.count() - log.lines().size());
    }
    const fs::path path = fs::path(dir_) / name;
    {
        std::ofstream out(path, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) return Status::IOError(fmt::format("cannot write error log {}", path.string()));
    }
    bool purge = false;
    {
        std::lock_guard lock(mu_);
        const auto now = std::chrono::steady_clock::now();
        purge = now - last_purge_ >= kPurgeInterval;
        if (purge) last_purge_ = now;
    }
    if (purge) PurgeExpired();
    return name;
}

StatusOr<std::string> ErrorLogStore::Read(std::string_view name) const {
    if (!IsErrorLogName(name)) {
        return Status::InvalidArgument(fmt::format("'{}' is not an error log file name", name));
    }
    std::ifstream in(fs::path(dir_) / std::string(name), std::ios::binary);
    if (!in) return Status::NotFound(fmt::format("error log '{}' does not exist (it may have expired)", name));
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

int64_t ErrorLogStore::PurgeExpired() {
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(reserve_hours_);
    int64_t removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
        if (!IsErrorLogName(entry.path().filename().string())) continue;
        std::error_code time_ec;
        const auto written = entry.last_write_time(time_ec);
        if (time_ec || written >= cutoff) continue;
        if (fs::remove(entry.path(), time_ec)) ++removed;
    }
    if (removed > 0) LOG_INFO("removed {} expired load error logs", removed);
    return removed;
}

std::string ErrorLogStore::Url(std::string_view host, std::string_view name) {
    return fmt::format("http://{}/api/_load_error_log?file={}", host, name);
}

}  // namespace tributary
