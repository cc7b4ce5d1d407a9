// The `tributary` binary: parses flags, starts the server, and stops it cleanly on SIGINT or
// SIGTERM.
#include <malloc.h>
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "app/options.h"
#include "app/tributary_server.h"
#include "base/config.h"
#include "base/logging.h"

// How long a clean shutdown may take before the process exits regardless.
constexpr int kShutdownGraceSeconds = 10;

int main(int argc, char** argv) {
    using namespace tributary;

    // Query operators allocate column buffers of a few hundred KiB per chunk. glibc serves
    // blocks that large with mmap and returns them with munmap, so every chunk paid page faults
    // and page zeroing (a third of a top-N query's time). Keep them in the heap for reuse.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);

    // Block the stop signals in every thread; the main thread waits for them with sigwait so
    // that shutdown runs in ordinary code, not in a signal handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    auto options = ParseCommandLine(argc, argv);
    if (!options.ok()) {
        std::fprintf(stderr, "tributary: %s\n\n%s", std::string(options.status().message()).c_str(),
                     UsageText());
        return 2;
    }
    if (options->show_help) {
        std::fputs(UsageText(), stdout);
        return 0;
    }
    Status st = InitLogging(config::data_dir.Get() + "/log", config::sys_log_level.Get());
    if (!st.ok()) {
        std::fprintf(stderr, "tributary: %s\n", st.ToString().c_str());
        return 1;
    }

    TributaryServer server;
    st = server.Start();
    if (!st.ok()) {
        LOG_CRITICAL("cannot start: {}", st.ToString());
        server.Stop();
        FlushLogs();
        return 1;
    }
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    LOG_INFO("received {}, shutting down", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    // A clean stop closes Kafka clients, and librdkafka may wait a long time for brokers that
    // are gone. Everything acknowledged is durable already (every commit is a synced write), so
    // after a grace period the process simply exits, as after kill -9.
    std::thread([] {
        std::this_thread::sleep_for(std::chrono::seconds(kShutdownGraceSeconds));
        LOG_WARN("shutdown took longer than {} s; exiting now (committed data is durable)",
                 kShutdownGraceSeconds);
        FlushLogs();
        std::_Exit(0);
    }).detach();
    server.Stop();
    LOG_INFO("stopped");
    FlushLogs();
    return 0;
}
