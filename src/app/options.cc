#include "app/options.h"

#include <string_view>
#include <utility>
#include <vector>

#include "base/config.h"

namespace tributary {

const char* UsageText() {
    return "usage: tributary [--data-dir DIR] [--query-port PORT] [--http-port PORT]\n"
           "                 [--config FILE] [--log-level LEVEL]\n"
           "\n"
           "  --data-dir DIR     metadata, data and logs (default ./data)\n"
           "  --query-port PORT  MySQL protocol port (default 9030)\n"
           "  --http-port PORT   HTTP port: health, Stream Load, error logs (default 8030)\n"
           "  --config FILE      'key = value' settings, as StarRocks' fe.conf\n"
           "  --log-level LEVEL  trace, debug, info, warn or error (default info)\n";
}

StatusOr<ServerOptions> ParseCommandLine(int argc, char** argv) {
    static constexpr std::pair<std::string_view, std::string_view> kFlags[] = {
        {"--data-dir", "data_dir"},
        {"--query-port", "query_port"},
        {"--http-port", "http_port"},
        {"--log-level", "sys_log_level"},
    };
    ServerOptions options;
    std::string config_file;
    std::vector<std::pair<std::string_view, std::string>> settings;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            options.show_help = true;
            continue;
        }
        std::string value;
        std::string_view flag = arg;
        size_t eq = arg.find('=');
        if (eq != std::string_view::npos) {
            flag = arg.substr(0, eq);
            value = std::string(arg.substr(eq + 1));
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return Status::InvalidArgument("flag " + std::string(arg) + " needs a value");
        }
        if (flag == "--config") {
            config_file = value;
            continue;
        }
        bool known = false;
        for (const auto& [name, item] : kFlags) {
            if (flag == name) {
                settings.emplace_back(item, value);
                known = true;
            }
        }
        if (!known) return Status::InvalidArgument("unknown flag " + std::string(flag));
    }
    if (!config_file.empty()) RETURN_IF_ERROR(ConfigRegistry::Instance().LoadFile(config_file));
    for (const auto& [item, value] : settings) {
        Status st = ConfigRegistry::Instance().SetAtStartup(item, value);
        if (!st.ok()) return st.Prefixed("command line");
    }
    return options;
}

}  // namespace tributary
