// Error rows of loads: what each load rejected and why, kept on disk for the user to read.
//
// A LoadErrorLog collects one load's error rows: it counts every one and keeps the first
// kMaxKeptRows lines ("Error: <reason>. Row: <raw text>", StarRocks' shape). When the load ends
// with error rows, ErrorLogStore::Write saves them as one file whose name goes into the error
// URL (http://host:http_port/api/_load_error_log?file=<name>) that Stream Load's ErrorURL and
// SHOW ROUTINE LOAD's ErrorLogUrls report. The store keeps files `load_error_log_reserve_hours`
// (StarRocks' BE setting, default 48) and removes older ones when it opens and, at most every
// ten minutes, when a load writes a new file.
//
// Thread safety: a LoadErrorLog belongs to one load. ErrorLogStore is safe to share.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

class LoadErrorLog {
public:
    static constexpr size_t kMaxKeptRows = 1000;
    static constexpr size_t kMaxRawBytes = 4096;  // longer raw rows are cut, marked "..."

    void Add(std::string_view reason, std::string_view raw_row);

    uint64_t count() const { return count_; }
    bool empty() const { return count_ == 0; }
    // The first error's reason, for messages ("" when none).
    const std::string& first_reason() const { return first_reason_; }
    // The kept lines, oldest first.
    const std::vector<std::string>& lines() const { return lines_; }

private:
    uint64_t count_ = 0;
    std::string first_reason_;
    std::vector<std::string> lines_;
};

class ErrorLogStore {
public:
    // `dir` is created when missing.
    static StatusOr<std::unique_ptr<ErrorLogStore>> Open(std::string dir,
                                                         int64_t reserve_hours);

    // Writes `log` as a new file; returns its name ("error_log_<hex>"), to put in a URL.
    StatusOr<std::string> Write(const LoadErrorLog& log);
    // The content of file `name`; NotFound when it does not exist (or expired), InvalidArgument
    // for names that are not error-log names (so no path can escape the directory).
    StatusOr<std::string> Read(std::string_view name) const;
    // Removes files older than the reserve time; returns how many.
    int64_t PurgeExpired();

    // "http://<host>/api/_load_error_log?file=<name>"; `host` is "host:port".
    static std::string Url(std::string_view host, std::string_view name);

private:
    ErrorLogStore(std::string dir, int64_t reserve_hours)
        : dir_(std::move(dir)), reserve_hours_(reserve_hours) {}

    std::string dir_;
    int64_t reserve_hours_;
    mutable std::mutex mu_;
    std::chrono::steady_clock::time_point last_purge_ = std::chrono::steady_clock::now();
};

}  // namespace tributary
