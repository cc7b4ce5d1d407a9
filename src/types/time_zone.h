// Named time zones: conversion between unix seconds and wall-clock DATETIME values.
//
// libstdc++ 12 (Debian 12) lacks C++20's <chrono> time-zone database (std::chrono::locate_zone
// arrived in GCC 13), so this file reads the system's compiled tz database itself: the TZif
// files under /usr/share/zoneinfo (RFC 8536, versions 1-4; the 64-bit block is used when
// present). Instants after the last listed transition follow the POSIX TZ rule in the file's
// footer ("EST5EDT,M3.2.0,M11.1.0"). Leap-second ("right/") zones are not supported.
//
// Accepted names: IANA names ("Asia/Shanghai", "America/New_York"), "UTC" / "GMT" / "Z", fixed
// offsets "+08:00", "-05:30", "+8:00" (as StarRocks' time_zone variable accepts), and "CST",
// which StarRocks maps to Asia/Shanghai.
//
// Wall-clock to instant follows StarRocks (which uses cctz's `pre` choice): a time repeated when
// clocks go back uses the earlier offset (the first occurrence); a time skipped when clocks go
// forward uses the offset in force before the change, so 02:30 on a spring-forward day in New
// York becomes 07:30 UTC (03:30 daylight time).
//
// Thread safety: a TimeZone is immutable once loaded and may be shared between threads.
// TimeZone::Find caches zones for the life of the process and is safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace tributary {

namespace internal {
struct ZoneRules;
}  // namespace internal

class TimeZone {
public:
    // Looks up a zone by name (see above), loading it from the system database the first time.
    // Fails with InvalidArgument "unknown time zone 'Mars/Base'" for names it cannot resolve.
    static StatusOr<std::shared_ptr<const TimeZone>> Find(std::string_view name);

    // Loads a zone from a TZif file image; `name` is only for messages. Fails with Corruption
    // naming the problem when the bytes are not a valid TZif file.
    static StatusOr<std::shared_ptr<const TimeZone>> FromTzif(std::string name,
                                                              std::string_view bytes);

    // A zone at a fixed offset east of UTC.
    static std::shared_ptr<const TimeZone> Fixed(std::string name, int32_t utc_offset_seconds);

    const std::string& name() const { return name_; }

    // Offset east of UTC, in seconds, in force at the instant `unix_seconds`.
    int32_t UtcOffsetAt(int64_t unix_seconds) const;

    // Wall-clock DATETIME (microseconds) of an instant given in unix seconds. Fails when the
    // result lies outside 0000-01-01 .. 9999-12-31.
    StatusOr<int64_t> ToDateTime(int64_t unix_seconds) const;
    // Unix seconds of a wall-clock DATETIME (its microseconds are dropped, floor), resolving
    // repeated and skipped times as described at the top of this file.
    int64_t ToUnixSeconds(int64_t datetime) const;

private:
    TimeZone(std::string name, std::shared_ptr<const internal::ZoneRules> rules)
        : name_(std::move(name)), rules_(std::move(rules)) {}

    std::string name_;
    std::shared_ptr<const internal::ZoneRules> rules_;  // never null; defined in time_zone.cc
};

}  // namespace tributary
