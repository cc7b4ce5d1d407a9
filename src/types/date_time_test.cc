#include "types/date_time.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

int32_t Date(std::string_view text) {
    StatusOr<int32_t> d = ParseDate(text);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : 0;
}

int64_t DateTime(std::string_view text) {
    StatusOr<int64_t> d = ParseDateTime(text);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : 0;
}

std::string DateError(std::string_view text) {
    StatusOr<int32_t> d = ParseDate(text);
    EXPECT_FALSE(d.ok()) << text;
    return std::string(d.status().message());
}

std::string DateTimeError(std::string_view text) {
    StatusOr<int64_t> d = ParseDateTime(text);
    EXPECT_FALSE(d.ok()) << text;
    return std::string(d.status().message());
}

TEST(DateTimeTest, DaysAndCivilDatesRoundTripOverTheWholeRange) {
    for (int32_t days = kMinDate; days <= kMaxDate; days += 97) {
        EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
    }
    EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
    EXPECT_EQ(DaysFromCivil({0, 1, 1}), kMinDate);
    EXPECT_EQ(DaysFromCivil({9999, 12, 31}), kMaxDate);
    EXPECT_EQ(CivilFromDays(-1), (CivilDate{1969, 12, 31}));
    EXPECT_EQ(CivilFromDays(18'390), (CivilDate{2020, 5, 8}));
}

TEST(DateTimeTest, ParsesStarRocksDateSpellings) {
    EXPECT_EQ(Date("2020-05-08"), 18'390);
    EXPECT_EQ(Date("2020-5-8"), 18'390);
    EXPECT_EQ(Date("20200508"), 18'390);
    EXPECT_EQ(Date("2020/05/08"), 18'390);
    EXPECT_EQ(Date("  2020-05-08 "), 18'390);
}

TEST(DateTimeTest, DatetimeTextIntoDateKeepsTheDate) {
    EXPECT_EQ(Date("2020-05-08 23:59:59.999999"), 18'390);
}

TEST(DateTimeTest, ParsesStarRocksDatetimeSpellings) {
    const int64_t expected = 18'390 * kMicrosPerDay + (10 * 3600 + 11 * 60 + 12) * kMicrosPerSecond;
    EXPECT_EQ(DateTime("2020-05-08 10:11:12"), expected);
    EXPECT_EQ(DateTime("2020-05-08T10:11:12"), expected);
    EXPECT_EQ(DateTime("20200508101112"), expected);
    EXPECT_EQ(DateTime("2020-5-8 10:11:12.5"), expected + 500'000);
    EXPECT_EQ(DateTime("2020-05-08 10:11:12.000001"), expected + 1);
    EXPECT_EQ(DateTime("20200508101112.123456"), expected + 123'456);
    EXPECT_EQ(DateTime("2020-05-08 10:11"), expected - 12 * kMicrosPerSecond);
}

TEST(DateTimeTest, DateTextIntoDatetimeIsMidnight) {
    EXPECT_EQ(DateTime("2020-05-08"), 18'390 * kMicrosPerDay);
}

TEST(DateTimeTest, AcceptsLeapDayOnlyInLeapYears) {
    EXPECT_EQ(FormatDate(Date("2000-02-29")), "2000-02-29");
    EXPECT_EQ(FormatDate(Date("2024-02-29")), "2024-02-29");
    EXPECT_EQ(DateError("1900-02-29"),
              "'1900-02-29' is not a valid DATE: day 29 is not valid in 1900-02");
    EXPECT_EQ(DateError("2021-02-29"),
              "'2021-02-29' is not a valid DATE: day 29 is not valid in 2021-02");
}

TEST(DateTimeTest, RejectsOutOfRangeFields) {
    EXPECT_EQ(DateError("2020-13-01"),
              "'2020-13-01' is not a valid DATE: month 13 is out of range");
    EXPECT_EQ(DateError("2020-04-31"),
              "'2020-04-31' is not a valid DATE: day 31 is not valid in 2020-04");
    EXPECT_EQ(DateError("2020-00-10"), "'2020-00-10' is not a valid DATE: month 0 is out of range");
    EXPECT_EQ(DateTimeError("2020-05-08 24:00:00"),
              "'2020-05-08 24:00:00' is not a valid DATETIME: hour 24 is out of range");
    EXPECT_EQ(DateTimeError("2020-05-08 10:60:00"),
              "'2020-05-08 10:60:00' is not a valid DATETIME: minute 60 is out of range");
    EXPECT_EQ(DateTimeError("2020-05-08 10:00:60"),
              "'2020-05-08 10:00:60' is not a valid DATETIME: second 60 is out of range");
}

TEST(DateTimeTest, RejectsMalformedText) {
    EXPECT_EQ(DateError(""), "'' is not a valid DATE: empty value");
    EXPECT_EQ(DateError("20-05-08"), "'20-05-08' is not a valid DATE: the year must have 4 digits");
    EXPECT_EQ(DateError("2020.05.08"),
              "'2020.05.08' is not a valid DATE: expected '-' or '/' after the year");
    EXPECT_EQ(DateError("2020-05/08"),
              "'2020-05/08' is not a valid DATE: expected '-' after the month");
    EXPECT_EQ(DateError("2020-05-08x"),
              "'2020-05-08x' is not a valid DATE: unexpected characters after the day");
    EXPECT_EQ(DateTimeError("2020-05-08 10"),
              "'2020-05-08 10' is not a valid DATETIME: expected ':' after the hour");
    EXPECT_EQ(DateTimeError("2020-05-08 10:11:12 junk"),
              "'2020-05-08 10:11:12 junk' is not a valid DATETIME: unexpected characters after "
              "the time");
    EXPECT_EQ(DateTimeError("2020-05-08 10:11:12.1234567"),
              "'2020-05-08 10:11:12.1234567' is not a valid DATETIME: more than 6 fractional "
              "second digits");
    EXPECT_EQ(DateError("2020050"),
              "'2020050' is not a valid DATE: expected '-' or '/' after the year");
}

TEST(DateTimeTest, FormatsRangeEnds) {
    EXPECT_EQ(FormatDate(kMinDate), "0000-01-01");
    EXPECT_EQ(FormatDate(kMaxDate), "9999-12-31");
    EXPECT_EQ(FormatDateTime(kMinDateTime), "0000-01-01 00:00:00");
    EXPECT_EQ(FormatDateTime(kMaxDateTime), "9999-12-31 23:59:59.999999");
    EXPECT_EQ(DateTime("0000-01-01 00:00:00"), kMinDateTime);
    EXPECT_EQ(DateTime("9999-12-31 23:59:59.999999"), kMaxDateTime);
}

TEST(DateTimeTest, PrintsMicrosecondsOnlyWhenNonZero) {
    EXPECT_EQ(FormatDateTime(DateTime("2020-05-08 10:11:12")), "2020-05-08 10:11:12");
    EXPECT_EQ(FormatDateTime(DateTime("2020-05-08 10:11:12.0005")), "2020-05-08 10:11:12.000500");
    EXPECT_EQ(FormatDateTime(DateTime("1969-12-31 23:59:59.5")), "1969-12-31 23:59:59.500000");
}

TEST(DateTimeTest, ComputesDayOfWeek) {
    EXPECT_EQ(WeekdayOf(0), 3);                   // 1970-01-01 was a Thursday
    EXPECT_EQ(DayOfWeek(Date("2020-05-08")), 6);  // Friday
    EXPECT_EQ(DayOfWeek(Date("2020-05-10")), 1);  // Sunday
    EXPECT_EQ(WeekdayOf(Date("0000-01-01")), 5);  // Saturday in the proleptic calendar
}

TEST(DateTimeTest, AddsDaysWithinRange) {
    EXPECT_EQ(FormatDate(*AddDays(Date("2020-02-28"), 1)), "2020-02-29");
    EXPECT_EQ(FormatDate(*AddDays(Date("2020-12-31"), 1)), "2021-01-01");
    StatusOr<int32_t> past = AddDays(kMaxDate, 1);
    ASSERT_FALSE(past.ok());
    EXPECT_EQ(past.status().message(), "9999-12-31 + 1 days is outside the DATE range");
    EXPECT_FALSE(AddDays(0, INT64_MAX).ok());
}

TEST(DateTimeTest, AddsMonthsClampingToTheEndOfTheMonth) {
    EXPECT_EQ(FormatDate(*AddMonths(Date("2020-01-31"), 1)), "2020-02-29");
    EXPECT_EQ(FormatDate(*AddMonths(Date("2021-01-31"), 1)), "2021-02-28");
    EXPECT_EQ(FormatDate(*AddMonths(Date("2020-03-31"), -1)), "2020-02-29");
    EXPECT_EQ(FormatDate(*AddMonths(Date("2020-05-08"), -17)), "2018-12-08");
    EXPECT_EQ(FormatDate(*AddMonths(Date("2020-02-29"), 12)), "2021-02-28");
    EXPECT_FALSE(AddMonths(Date("9999-12-01"), 1).ok());
    EXPECT_EQ(FormatDateTime(*AddMonthsToDateTime(DateTime("2020-01-31 10:00:00"), 1)),
              "2020-02-29 10:00:00");
}

TEST(DateTimeTest, AddsMicrosWithinRange) {
    EXPECT_EQ(*AddMicros(kMaxDateTime - 1, 1), kMaxDateTime);
    EXPECT_FALSE(AddMicros(kMaxDateTime, 1).ok());
    EXPECT_FALSE(AddMicros(kMinDateTime, -1).ok());
}

TEST(DateTimeTest, MakeDateNamesTheBadField) {
    EXPECT_EQ(*MakeDate(2020, 5, 8), 18'390);
    EXPECT_EQ(MakeDate(10000, 1, 1).status().message(), "invalid DATE: year 10000 is out of range");
    CivilDateTime fields{{2020, 5, 8}, 10, 11, 12, 1'000'000};
    EXPECT_EQ(MakeDateTime(fields).status().message(),
              "invalid DATETIME: microsecond 1000000 is out of range");
}

}  // namespace
}  // namespace tributary
