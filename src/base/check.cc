#include "base/check.h"

#include <cstdio>
#include <cstdlib>

#include "base/logging.h"

namespace tributary::internal {

void CheckFailed(const char* condition, const char* what, const char* file, int line) {
    LOG_CRITICAL("check failed at {}:{}: {} ({})", file, line, what, condition);
    FlushLogs();
    std::fprintf(stderr, "check failed at %s:%d: %s (%s)\n", file, line, what, condition);
    std::abort();
}

}  // namespace tributary::internal
