// Stopwatch and Median: wall-clock timing of benchmark repetitions.
//
// A benchmark runs each step a few times, times each run with a Stopwatch around only the work
// being measured (setup and cleanup stay outside), and reports the median run, which one slow
// run on a shared machine does not move.
//
// Thread safety: a Stopwatch belongs to one thread; Median is pure.
#pragma once

#include <algorithm>
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

// The median of `values` (the mean of the middle two for an even count). REQUIRES: not empty.
inline double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    size_t mid = values.size() / 2;
    return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace tributary::bench
