// The main() every benchmark shares: --help prints the usage, bad flags exit 2 with the usage,
// a failed step exits 1 naming the benchmark; slowness never fails.
#pragma once

#include <fmt/format.h>

#include <string_view>

#include "base/status.h"

namespace tributary::bench {

// `parse(argc, argv)` returns StatusOr<Flags>; `run(flags)` returns Status.
template <typename ParseFn, typename RunFn>
int BenchMain(int argc, char** argv, std::string_view name, std::string_view usage,
              ParseFn parse, RunFn run) {
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
            fmt::print("{}", usage);
            return 0;
        }
    }
    auto flags = parse(argc, argv);
    if (!flags.ok()) {
        fmt::print(stderr, "{}\n{}", flags.status().ToString(), usage);
        return 2;
    }
    const Status st = run(*flags);
    if (!st.ok()) {
        fmt::print(stderr, "{} failed: {}\n", name, st.ToString());
        return 1;
    }
    return 0;
}

}  // namespace tributary::bench
