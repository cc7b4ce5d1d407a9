// Command-line options of the `tributary` binary.
//
//   tributary [--data-dir DIR] [--query-port 9030] [--http-port 8030] [--config FILE]
//             [--log-level info] [--help]
//
// Options override the config file, which overrides built-in defaults (base/config.h).
#pragma once

#include <string>

#include "base/status.h"

namespace tributary {

struct ServerOptions {
    bool show_help = false;
};

// Applies argv to the config registry: --config FILE is read first, then the other flags.
// Returns InvalidArgument naming the bad flag.
StatusOr<ServerOptions> ParseCommandLine(int argc, char** argv);

const char* UsageText();

}  // namespace tributary
