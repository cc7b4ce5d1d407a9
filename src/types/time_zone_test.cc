#include "types/time_zone.h"

#include <gtest/gtest.h>

#include "types/date_time.h"

namespace tributary {
namespace {

// Unix seconds of a UTC wall-clock time.
int64_t UtcSeconds(std::string_view text) { return *ParseDateTime(text) / kMicrosPerSecond; }

std::shared_ptr<const TimeZone> Zone(std::string_view name) {
    StatusOr<std::shared_ptr<const TimeZone>> zone = TimeZone::Find(name);
    EXPECT_TRUE(zone.ok()) << zone.status().ToString();
    return zone.ok() ? *zone : TimeZone::Fixed("UTC", 0);
}

std::string Local(const TimeZone& zone, std::string_view utc) {
    StatusOr<int64_t> local = zone.ToDateTime(UtcSeconds(utc));
    EXPECT_TRUE(local.ok()) << local.status().ToString();
    return local.ok() ? FormatDateTime(*local) : "";
}

std::string Utc(const TimeZone& zone, std::string_view local) {
    return FormatDateTime(zone.ToUnixSeconds(*ParseDateTime(local)) * kMicrosPerSecond);
}

TEST(TimeZoneTest, ShanghaiIsEightHoursAhead) {
    auto zone = Zone("Asia/Shanghai");
    EXPECT_EQ(Local(*zone, "1970-01-01 00:00:00"), "1970-01-01 08:00:00");
    EXPECT_EQ(Local(*zone, "2020-05-08 20:00:00"), "2020-05-09 04:00:00");
    EXPECT_EQ(Utc(*zone, "2020-05-09 04:00:00"), "2020-05-08 20:00:00");
}

TEST(TimeZoneTest, NewYorkSpringsForwardOnMarch14th2021) {
    auto zone = Zone("America/New_York");
    EXPECT_EQ(Local(*zone, "2021-03-14 06:59:59"), "2021-03-14 01:59:59");
    EXPECT_EQ(Local(*zone, "2021-03-14 07:00:00"), "2021-03-14 03:00:00");
    EXPECT_EQ(zone->UtcOffsetAt(UtcSeconds("2021-03-14 06:59:59")), -5 * 3600);
    EXPECT_EQ(zone->UtcOffsetAt(UtcSeconds("2021-03-14 07:00:00")), -4 * 3600);
}

TEST(TimeZoneTest, SkippedLocalTimeUsesTheOffsetBeforeTheChange) {
    auto zone = Zone("America/New_York");
    EXPECT_EQ(Utc(*zone, "2021-03-14 02:30:00"), "2021-03-14 07:30:00");
    EXPECT_EQ(Utc(*zone, "2021-03-14 03:30:00"), "2021-03-14 07:30:00");
    EXPECT_EQ(Utc(*zone, "2021-03-14 01:30:00"), "2021-03-14 06:30:00");
}

TEST(TimeZoneTest, RepeatedLocalTimeUsesTheFirstOccurrence) {
    auto zone = Zone("America/New_York");
    EXPECT_EQ(Utc(*zone, "2021-11-07 01:30:00"), "2021-11-07 05:30:00");
    EXPECT_EQ(Local(*zone, "2021-11-07 06:30:00"), "2021-11-07 01:30:00");
    EXPECT_EQ(Utc(*zone, "2021-11-07 02:30:00"), "2021-11-07 07:30:00");
}

TEST(TimeZoneTest, FollowsTheFooterRuleAfterTheLastTransition) {
    auto zone = Zone("America/New_York");
    // The second Sunday of March 2050 is the 13th.
    EXPECT_EQ(Local(*zone, "2050-03-13 06:59:59"), "2050-03-13 01:59:59");
    EXPECT_EQ(Local(*zone, "2050-03-13 07:00:00"), "2050-03-13 03:00:00");
    EXPECT_EQ(Local(*zone, "2050-12-01 12:00:00"), "2050-12-01 07:00:00");
    EXPECT_EQ(Local(*zone, "9999-12-31 12:00:00"), "9999-12-31 07:00:00");
}

TEST(TimeZoneTest, SouthernHemisphereDaylightTimeSpansTheNewYear) {
    auto zone = Zone("Australia/Sydney");
    EXPECT_EQ(zone->UtcOffsetAt(UtcSeconds("2050-01-15 00:00:00")), 11 * 3600);
    EXPECT_EQ(zone->UtcOffsetAt(UtcSeconds("2050-07-15 00:00:00")), 10 * 3600);
    EXPECT_EQ(zone->UtcOffsetAt(UtcSeconds("2021-01-15 00:00:00")), 11 * 3600);
}

TEST(TimeZoneTest, AcceptsFixedOffsetsUtcAndCst) {
    EXPECT_EQ(Local(*Zone("+08:00"), "2020-01-01 00:00:00"), "2020-01-01 08:00:00");
    EXPECT_EQ(Local(*Zone("-05:30"), "2020-01-01 00:00:00"), "2019-12-31 18:30:00");
    EXPECT_EQ(Local(*Zone("+8:00"), "2020-01-01 00:00:00"), "2020-01-01 08:00:00");
    EXPECT_EQ(Local(*Zone("UTC"), "2020-01-01 00:00:00"), "2020-01-01 00:00:00");
    EXPECT_EQ(Local(*Zone("CST"), "2020-01-01 00:00:00"), "2020-01-01 08:00:00");
}

TEST(TimeZoneTest, RejectsUnknownAndUnsafeNames) {
    auto unknown = TimeZone::Find("Mars/Olympus_Mons");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.status().message(), "unknown time zone 'Mars/Olympus_Mons'");
    EXPECT_FALSE(TimeZone::Find("../../etc/passwd").ok());
    EXPECT_FALSE(TimeZone::Find("/etc/passwd").ok());
    EXPECT_FALSE(TimeZone::Find("+15:00").ok());
    EXPECT_FALSE(TimeZone::Find("America").ok());  // a directory
}

TEST(TimeZoneTest, RejectsBytesThatAreNotTzif) {
    auto zone = TimeZone::FromTzif("junk", "hello, world, this is not a zone file at all....");
    ASSERT_FALSE(zone.ok());
    EXPECT_EQ(zone.status().message(), "time zone 'junk': not a TZif file (bad magic)");
    EXPECT_FALSE(TimeZone::FromTzif("short", "TZif2").ok());
}

TEST(TimeZoneTest, ReportsInstantsOutsideTheDatetimeRange) {
    auto zone = Zone("Asia/Shanghai");
    EXPECT_FALSE(zone->ToDateTime(INT64_MAX).ok());
    EXPECT_FALSE(zone->ToDateTime(UtcSeconds("9999-12-31 20:00:00")).ok());
    EXPECT_TRUE(zone->ToDateTime(UtcSeconds("0000-01-01 00:00:00")).ok());
}

}  // namespace
}  // namespace tributary
