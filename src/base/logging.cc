#include "base/logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <filesystem>
#include <vector>

namespace tributary {

Status InitLogging(const std::string& dir, const std::string& level) {
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) return Status::IOError("cannot create log directory " + dir + ": " + ec.message());
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                dir + "/tributary.log", 64 * 1024 * 1024, 5));
        } catch (const spdlog::spdlog_ex& e) {
            return Status::IOError(std::string("cannot open log file: ") + e.what());
        }
    }
    auto logger = std::make_shared<spdlog::logger>("tributary", sinks.begin(), sinks.end());
    auto parsed = spdlog::level::from_str(level);
    logger->set_level(parsed);
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%L%$ %t %s:%# %v");
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::set_level(parsed);
    spdlog::flush_every(std::chrono::seconds(1));
    return Status::OK();
}

void FlushLogs() {
    if (auto logger = spdlog::default_logger()) logger->flush();
}

}  // namespace tributary
