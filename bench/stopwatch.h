// Stopwatch, Timer and Median: timing of benchmark repetitions.
//
// A benchmark runs each step a few times, times each run with a Stopwatch around only the work
// being measured (setup and cleanup stay outside), and reports the median run, which one slow
// run on a shared machine does not move.
//
// Thread safety: a Stopwatch or Timer belongs to one thread; Median is pure.
#pragma once

#include <algorithm>
#include <time.h>

#include <chrono>
#include <vector>

namespace tributary::bench {

class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    // Seconds since construction.
    double Seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_;
};

// Wall and this thread's CPU time of a step. On a shared machine the CPU time leaves out what
// other processes took from the thread; the wall time also counts waiting (fsync).
inline double ThreadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Time {
    double wall = 0;
    double cpu = 0;
    Time& operator+=(const Time& other) {
        wall += other.wall;
        cpu += other.cpu;
        return *this;
    }
};

class Timer {
public:
    Timer() : cpu_start_(ThreadCpuSeconds()) {}
    Time Elapsed() const { return Time{wall_.Seconds(), ThreadCpuSeconds() - cpu_start_}; }

private:
    Stopwatch wall_;
    double cpu_start_;
};

// The median of `values` (the mean of the middle two for an even count). REQUIRES: not empty.
inline double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    size_t mid = values.size() / 2;
    return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace tributary::bench
