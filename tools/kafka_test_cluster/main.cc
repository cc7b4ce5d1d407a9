// kafka_test_cluster: a Kafka cluster for tests, demos and benchmarks (DESIGN.md §7).
//
// Starts librdkafka's mock cluster (N brokers on 127.0.0.1), creates the topics given with
// --topic, opens an HTTP control channel on 127.0.0.1, prints where both are, and runs until
// SIGINT or SIGTERM (or SIGKILL: nothing is on disk, so a kill leaves nothing behind).
//
// Standard output carries exactly these lines, in this order, then nothing else:
//   bootstrap 127.0.0.1:PORT1,127.0.0.1:PORT2,...
//   control 127.0.0.1:PORT
//   ready
// A reader waits for "ready"; at that point the brokers accept connections, the --topic topics
// exist, the control channel answers and the --bootstrap-file / --control-file are in place.
// Logs go to standard error. Exit status: 0 after a stop signal, 2 for a usage error, 1 when
// the cluster or the control channel cannot start.
//
// The files are written whole under a temporary name and renamed, so a reader polling for them
// never sees a partial line: --bootstrap-file holds the bootstrap list, --control-file holds
// "127.0.0.1:PORT", each followed by a newline.

#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/logging.h"
#include "base/string_util.h"
#include "kafka_test_cluster/control_routes.h"
#include "kafka_test_cluster/mock_cluster.h"
#include "server/http_server.h"

namespace tributary::kafka_test_cluster {
namespace {

constexpr const char* kUsage =
    "usage: kafka_test_cluster [--brokers=N] [--topic=NAME:PARTITIONS]... [--bootstrap-file=PATH]\n"
    "                          [--control-file=PATH] [--control-port=PORT] [--log-level=LEVEL]\n"
    "\n"
    "  --brokers=N            brokers, ids 1..N (default 3)\n"
    "  --topic=NAME:P[:R]     create topic NAME with P partitions (and R replicas; default\n"
    "                         min(3, N)) before 'ready'; repeatable\n"
    "  --bootstrap-file=PATH  write the bootstrap list to PATH once ready\n"
    "  --control-file=PATH    write the control channel's host:port to PATH once ready\n"
    "  --control-port=PORT    control channel port on 127.0.0.1 (default 0: any free port)\n"
    "  --log-level=LEVEL      trace, debug, info, warn or error (default info)\n"
    "\n"
    "Prints 'bootstrap LIST', 'control HOST:PORT' and 'ready' on stdout, then runs until\n"
    "SIGINT or SIGTERM. Control API: tools/kafka_test_cluster/README.md.\n";

struct TopicSpec {
    std::string name;
    int partitions = 1;
    int replication_factor = 0;
};

struct Options {
    int brokers = 3;
    std::vector<TopicSpec> topics;
    std::string bootstrap_file;
    std::string control_file;
    int control_port = 0;
    std::string log_level = "info";
    bool help = false;
};

StatusOr<int> ParseIntFlag(std::string_view flag, const std::string& value, int lo, int hi) {
    int64_t n = 0;
    if (!ParseInt64(value, &n) || n < lo || n > hi) {
        return Status::InvalidArgument(std::string(flag) + " must be an integer in " +
                                       std::to_string(lo) + ".." + std::to_string(hi) + ", not '" +
                                       value + "'");
    }
    return static_cast<int>(n);
}

// "name:partitions[:replication]".
StatusOr<TopicSpec> ParseTopic(const std::string& value) {
    std::vector<std::string> parts = Split(value, ":");
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty()) {
        return Status::InvalidArgument("--topic wants NAME:PARTITIONS[:REPLICAS], not '" + value +
                                       "'");
    }
    TopicSpec spec;
    spec.name = parts[0];
    ASSIGN_OR_RETURN(spec.partitions, ParseIntFlag("--topic partitions", parts[1], 1, 10000));
    if (parts.size() == 3) {
        ASSIGN_OR_RETURN(spec.replication_factor,
                         ParseIntFlag("--topic replicas", parts[2], 1, 64));
    }
    return spec;
}

StatusOr<Options> ParseCommandLine(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            options.help = true;
            continue;
        }
        std::string_view flag = arg;
        std::string value;
        size_t eq = arg.find('=');
        if (eq != std::string_view::npos) {
            flag = arg.substr(0, eq);
            value = std::string(arg.substr(eq + 1));
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return Status::InvalidArgument("flag " + std::string(arg) + " needs a value");
        }
        if (flag == "--brokers") {
            ASSIGN_OR_RETURN(options.brokers, ParseIntFlag(flag, value, 1, 64));
        } else if (flag == "--topic") {
            ASSIGN_OR_RETURN(TopicSpec spec, ParseTopic(value));
            options.topics.push_back(std::move(spec));
        } else if (flag == "--bootstrap-file") {
            options.bootstrap_file = value;
        } else if (flag == "--control-file") {
            options.control_file = value;
        } else if (flag == "--control-port") {
            ASSIGN_OR_RETURN(options.control_port, ParseIntFlag(flag, value, 0, 65535));
        } else if (flag == "--log-level") {
            options.log_level = value;
        } else {
            return Status::InvalidArgument("unknown flag " + std::string(flag));
        }
    }
    return options;
}

// Writes `line` and a newline to `path` through a temporary file and a rename.
Status WriteFileAtomically(const std::string& path, const std::string& line) {
    std::string tmp = path + ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << line << "\n";
        out.close();
        if (!out) return Status::IOError("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        return Status::IOError("cannot rename " + tmp + " to " + path);
    }
    return Status::OK();
}

int Run(int argc, char** argv) {
    StatusOr<Options> parsed = ParseCommandLine(argc, argv);
    if (!parsed.ok()) {
        std::cerr << "kafka_test_cluster: " << parsed.status().message() << "\n" << kUsage;
        return 2;
    }
    const Options& options = *parsed;
    if (options.help) {
        std::cout << kUsage;
        return 0;
    }
    // Block the stop signals in every thread before any thread starts (spdlog's flusher,
    // librdkafka's and httplib's threads inherit the mask); the main thread waits for them with
    // sigwait, so shutdown runs in ordinary code.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    Status st = InitLogging("", options.log_level);
    if (!st.ok()) {
        std::cerr << "kafka_test_cluster: " << st.message() << "\n";
        return 2;
    }

    StatusOr<std::unique_ptr<MockKafkaCluster>> created = MockKafkaCluster::Create(options.brokers);
    if (!created.ok()) {
        LOG_ERROR("cannot start the mock cluster: {}", created.status().ToString());
        return 1;
    }
    std::unique_ptr<MockKafkaCluster> cluster = std::move(created).value();
    for (const TopicSpec& topic : options.topics) {
        st = cluster->CreateTopic(topic.name, topic.partitions, topic.replication_factor);
        if (!st.ok()) {
            LOG_ERROR("--topic {}: {}", topic.name, st.ToString());
            return 1;
        }
    }

    // Declared after the cluster so that it is destroyed (stopped) first: handlers use it.
    HttpServer control;
    RegisterControlRoutes(&control, cluster.get());
    st = control.Start("127.0.0.1", options.control_port);
    if (!st.ok()) {
        LOG_ERROR("cannot start the control channel: {}", st.ToString());
        return 1;
    }
    std::string control_address = "127.0.0.1:" + std::to_string(control.port());

    for (const auto& [path, line] :
         {std::pair{options.bootstrap_file, cluster->bootstrap_servers()},
          std::pair{options.control_file, control_address}}) {
        if (path.empty()) continue;
        st = WriteFileAtomically(path, line);
        if (!st.ok()) {
            LOG_ERROR("{}", st.ToString());
            return 1;
        }
    }
    std::cout << "bootstrap " << cluster->bootstrap_servers() << "\n"
              << "control " << control_address << "\n"
              << "ready" << std::endl;
    LOG_INFO("{} brokers at {}; control channel at {}", options.brokers,
             cluster->bootstrap_servers(), control_address);

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    LOG_INFO("received {}, shutting down", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
    control.Stop();
    cluster.reset();
    FlushLogs();
    return 0;
}

}  // namespace
}  // namespace tributary::kafka_test_cluster

int main(int argc, char** argv) { return tributary::kafka_test_cluster::Run(argc, argv); }
