// Invariant checks that say what broke.
//
// CHECK(cond) << is not supported; instead each check takes a sentence:
//   TRIBUTARY_CHECK(offset <= size, "page offset lies past the end of the segment");
// TRIBUTARY_CHECK is always on and aborts the process with the sentence, the condition and the
// location: use it for invariants whose violation means memory or data would be corrupted.
// TRIBUTARY_DCHECK is compiled only in debug builds: use it for costly or hot-path checks.
//
// User input must never reach a check: it gets a Status that says what was wrong.
#pragma once

namespace tributary::internal {
[[noreturn]] void CheckFailed(const char* condition, const char* what, const char* file, int line);
}  // namespace tributary::internal

#define TRIBUTARY_CHECK(cond, what)                                                 \
    do {                                                                            \
        if (!(cond)) [[unlikely]] {                                                 \
            ::tributary::internal::CheckFailed(#cond, what, __FILE__, __LINE__);   \
        }                                                                           \
    } while (0)

#ifdef NDEBUG
#define TRIBUTARY_DCHECK(cond, what) \
    do {                             \
        (void)sizeof(cond);          \
    } while (0)
#else
#define TRIBUTARY_DCHECK(cond, what) TRIBUTARY_CHECK(cond, what)
#endif
