// Process-wide logging on top of spdlog.
//
// Before InitLogging() runs, messages go to stderr only. InitLogging(dir) adds a rotating file
// `dir/tributary.log`. The LOG_* macros take fmt-style format strings:
//   LOG_INFO("opened {} tablets in {} ms", count, ms);
// Thread safety: all functions may be called from any thread.
#pragma once

#include <spdlog/spdlog.h>

#include <string>

#include "base/status.h"

namespace tributary {

// Sends logs to stderr and, when `dir` is not empty, to `dir/tributary.log` (rotated at 64 MB,
// five files kept). `level` is one of trace, debug, info, warn, error, critical.
Status InitLogging(const std::string& dir, const std::string& level = "info");

void FlushLogs();

}  // namespace tributary

#define LOG_TRACE(...) SPDLOG_TRACE(__VA_ARGS__)
#define LOG_DEBUG(...) SPDLOG_DEBUG(__VA_ARGS__)
#define LOG_INFO(...) SPDLOG_INFO(__VA_ARGS__)
#define LOG_WARN(...) SPDLOG_WARN(__VA_ARGS__)
#define LOG_ERROR(...) SPDLOG_ERROR(__VA_ARGS__)
#define LOG_CRITICAL(...) SPDLOG_CRITICAL(__VA_ARGS__)
