#include <gtest/gtest.h>

#include "expr/function_test_util.h"

namespace tributary {
namespace {

using namespace function_test;

const EvalContext kShanghai = TestContext("Asia/Shanghai");

// --- current time ---------------------------------------------------------------------------

TEST(DateTimeFunctionsTest, NowIsTheStatementTimeInTheSessionZoneToTheSecond) {
    EXPECT_EQ(Eval("now", {}), "2024-02-29 13:14:15");
    EXPECT_EQ(Eval("current_timestamp", {}, kShanghai), "2024-02-29 21:14:15");
    EXPECT_EQ(ResultType("now", {}), "datetime");
    EXPECT_FALSE(MayReturnNull("now", {}));
}

TEST(DateTimeFunctionsTest, CurdateIsTheStatementDateInTheSessionZone) {
    EXPECT_EQ(Eval("curdate", {}), "2024-02-29");
    EXPECT_EQ(Eval("current_date", {}, TestContext("Pacific/Kiritimati")), "2024-03-01");
    EXPECT_EQ(ResultType("curdate", {}), "date");
}

TEST(DateTimeFunctionsTest, UtcTimestampIgnoresTheSessionZone) {
    EXPECT_EQ(Eval("utc_timestamp", {}, kShanghai), "2024-02-29 13:14:15");
}

TEST(DateTimeFunctionsTest, NowTakesNoArguments) {
    EXPECT_EQ(Eval("now", {Int64(1)}), "ERROR: now expects 0 arguments, got 1");
}

// --- unix time ------------------------------------------------------------------------------

TEST(DateTimeFunctionsTest, UnixTimestampWithoutArgumentsIsTheStatementTime) {
    EXPECT_EQ(Eval("unix_timestamp", {}, kShanghai), "1709212455");
    EXPECT_EQ(ResultType("unix_timestamp", {}), "bigint(20)");
}

TEST(DateTimeFunctionsTest, UnixTimestampReadsWallClockTimeInTheSessionZone) {
    EXPECT_EQ(Eval("unix_timestamp", {Str("2007-11-30 10:30:19")}, kShanghai), "1196389819");
    EXPECT_EQ(Eval("unix_timestamp", {DateTime("2007-11-30 02:30:19")}), "1196389819");
    EXPECT_EQ(Eval("unix_timestamp", {Date("1970-01-02")}), "86400");
}

TEST(DateTimeFunctionsTest, UnixTimestampIsZeroOutsideTheUnixEpochRange) {
    EXPECT_EQ(Eval("unix_timestamp", {Str("1969-01-01 00:00:00")}), "0");
    EXPECT_EQ(Eval("unix_timestamp", {Str("2038-01-19 03:14:07")}), "2147483647");
    EXPECT_EQ(Eval("unix_timestamp", {Str("2038-01-19 03:14:08")}), "0");
}

TEST(DateTimeFunctionsTest, UnixTimestampParsesTextWithAFormat) {
    EXPECT_EQ(
        Eval("unix_timestamp", {Str("2007-11-30 10:30-19"), Str("%Y-%m-%d %H:%i-%s")}, kShanghai),
        "1196389819");
    EXPECT_EQ(Eval("unix_timestamp", {Str("2007-11-30 10:30%3A19"), Str("%Y-%m-%d %H:%i%%3A%s")},
                   kShanghai),
              "1196389819");
    EXPECT_EQ(Eval("unix_timestamp", {Str("nonsense"), Str("%Y")}), "NULL");
}

TEST(DateTimeFunctionsTest, UnixTimestampOfUnparsableTextIsNull) {
    EXPECT_EQ(Eval("unix_timestamp", {Str("not a date")}), "NULL");
    EXPECT_EQ(Eval("unix_timestamp", {Null(TypeDesc::Of(LogicalType::kDateTime))}), "NULL");
}

TEST(DateTimeFunctionsTest, FromUnixtimeFormatsInTheSessionZone) {
    EXPECT_EQ(Eval("from_unixtime", {Int64(1196440219)}, kShanghai), "2007-12-01 00:30:19");
    EXPECT_EQ(Eval("from_unixtime", {Int64(1196440219)}), "2007-11-30 16:30:19");
    EXPECT_EQ(ResultType("from_unixtime", {Int64(0)}), AnyVarchar().ToSql());
}

TEST(DateTimeFunctionsTest, FromUnixtimeAcceptsADateFormat) {
    EXPECT_EQ(Eval("from_unixtime", {Int64(1196440219), Str("%Y-%m-%d")}, kShanghai), "2007-12-01");
    EXPECT_EQ(Eval("from_unixtime", {Int64(1196440219), Str("%Y-%m-%d %H:%i:%s")}, kShanghai),
              "2007-12-01 00:30:19");
}

TEST(DateTimeFunctionsTest, FromUnixtimeAcceptsJavaStyleFormats) {
    EXPECT_EQ(Eval("from_unixtime", {Int64(1196440219), Str("yyyy-MM-dd HH:mm:ss")}, kShanghai),
              "2007-12-01 00:30:19");
    EXPECT_EQ(Eval("from_unixtime", {Int64(1196440219), Str("yyyyMMdd")}, kShanghai), "20071201");
}

TEST(DateTimeFunctionsTest, FromUnixtimeIsNullOutsideItsRange) {
    EXPECT_EQ(Eval("from_unixtime", {Int64(-1)}), "NULL");
    EXPECT_EQ(Eval("from_unixtime", {Int64(253402243199)}), "9999-12-31 07:59:59");
    EXPECT_EQ(Eval("from_unixtime", {Int64(253402243200)}), "NULL");
}

TEST(DateTimeFunctionsTest, FromUnixtimeOverColumnsWithPerRowFormats) {
    EXPECT_EQ(EvalRows("from_unixtime", {Int64s({0, 86400, std::nullopt, -5}),
                                         Strings({"%Y", "%d/%m", "%Y", "%Y"})}),
              (Rows{"1970", "02/01", "NULL", "NULL"}));
}

// --- date_format ----------------------------------------------------------------------------

TEST(DateTimeFunctionsTest, DateFormatFollowsMySqlSpecifiers) {
    EXPECT_EQ(Eval("date_format", {DateTime("2009-10-04 22:23:00"), Str("%W %M %Y")}),
              "Sunday October 2009");
    EXPECT_EQ(Eval("date_format", {DateTime("2007-10-04 22:23:00"), Str("%H:%i:%s")}), "22:23:00");
    EXPECT_EQ(Eval("date_format", {DateTime("1900-10-04 22:23:00"), Str("%D %y %a %d %m %b %j")}),
              "4th 00 Thu 04 10 Oct 277");
    EXPECT_EQ(Eval("date_format", {DateTime("1997-10-04 22:23:00"), Str("%H %k %I %r %T %S %w")}),
              "22 22 10 10:23:00 PM 22:23:00 00 6");
    EXPECT_EQ(Eval("date_format", {DateTime("2020-01-02 03:04:05.000123"), Str("%c/%e %f")}),
              "1/2 000123");
    EXPECT_EQ(Eval("date_format", {DateTime("2020-01-02 00:05:00"), Str("%l %h %p")}), "12 12 AM");
}

TEST(DateTimeFunctionsTest, DateFormatWritesOrdinalSuffixes) {
    EXPECT_EQ(Eval("date_format", {Date("2020-01-01"), Str("%D")}), "1st");
    EXPECT_EQ(Eval("date_format", {Date("2020-01-02"), Str("%D")}), "2nd");
    EXPECT_EQ(Eval("date_format", {Date("2020-01-03"), Str("%D")}), "3rd");
    EXPECT_EQ(Eval("date_format", {Date("2020-01-11"), Str("%D")}), "11th");
    EXPECT_EQ(Eval("date_format", {Date("2020-01-22"), Str("%D")}), "22nd");
}

TEST(DateTimeFunctionsTest, DateFormatComputesWeeksAsMySql) {
    EXPECT_EQ(Eval("date_format", {Str("1999-01-01 00:00:00"), Str("%X %V")}), "1998 52");
    EXPECT_EQ(Eval("date_format", {Date("2000-01-01"), Str("%U %u %V %v %X %x")}),
              "00 00 52 52 1999 1999");
    EXPECT_EQ(Eval("date_format", {Date("2008-12-31"), Str("%U %u %v %x")}), "52 53 01 2009");
}

TEST(DateTimeFunctionsTest, DateFormatOfADateIsAtMidnight) {
    EXPECT_EQ(Eval("date_format", {Date("2006-06-01"), Str("%d")}), "01");
    EXPECT_EQ(Eval("date_format", {Date("2006-06-01"), Str("%%%d %H")}), "%01 00");
}

TEST(DateTimeFunctionsTest, DateFormatKeepsUnknownSpecifiersAsText) {
    EXPECT_EQ(Eval("date_format", {Date("2006-06-01"), Str("%Q-%Y%")}), "Q-2006%");
}

TEST(DateTimeFunctionsTest, DateFormatIsNullPast128Bytes) {
    std::string format;
    for (int i = 0; i < 33; ++i) format += "%Y";
    EXPECT_EQ(Eval("date_format", {Date("2006-06-01"), Str(format)}), "NULL");
}

TEST(DateTimeFunctionsTest, DateFormatOverColumnsWithPerRowFormats) {
    EXPECT_EQ(EvalRows("date_format",
                       {DateTimes({"2020-05-08 10:11:12", std::nullopt, "2021-01-01 00:00:00"}),
                        Strings({"%Y", "%Y", "%M %e"})}),
              (Rows{"2020", "NULL", "January 1"}));
    EXPECT_EQ(EvalRows("date_format",
                       {DateTimes({"2020-05-08 10:11:12", std::nullopt}), Const(Str("%Y-%m-%d"))}),
              (Rows{"2020-05-08", "NULL"}));
}

// --- str_to_date ----------------------------------------------------------------------------

TEST(DateTimeFunctionsTest, StrToDateParsesWithAFormat) {
    EXPECT_EQ(Eval("str_to_date", {Str("2014-12-21 12:34:56"), Str("%Y-%m-%d %H:%i:%s")}),
              "2014-12-21 12:34:56");
    EXPECT_EQ(Eval("str_to_date", {Str("10/5/2021 3:04 PM"), Str("%m/%d/%Y %h:%i %p")}),
              "2021-10-05 15:04:00");
    EXPECT_EQ(Eval("str_to_date", {Str("12:00:01 AM, May 3 21"), Str("%r, %b %e %y")}),
              "2021-05-03 00:00:01");
    EXPECT_EQ(Eval("str_to_date", {Str("2021-05-03 01:02:03.45"), Str("%Y-%m-%d %T.%f")}),
              "2021-05-03 01:02:03.450000");
}

TEST(DateTimeFunctionsTest, StrToDateGivesADateForAFormatWithoutTime) {
    EXPECT_EQ(Eval("str_to_date", {Str("20141221"), Str("%Y%m%d")}), "2014-12-21");
    EXPECT_EQ(ResultType("str_to_date", {Str("20141221"), Str("%Y%m%d")}), "date");
    EXPECT_EQ(ResultType("str_to_date", {Str("2014"), Str("%Y %H")}), "datetime");
    EXPECT_EQ(Eval("str_to_date", {Str("May 3rd, 2021"), Str("%M %D, %Y")}), "2021-05-03");
}

TEST(DateTimeFunctionsTest, StrToDateIgnoresTextAfterTheLastField) {
    EXPECT_EQ(Eval("str_to_date", {Str("2014-12-21 12:34:56"), Str("%Y-%m-%d")}), "2014-12-21");
    EXPECT_EQ(Eval("str_to_date", {Str("25,5,2022 extra characters"), Str("%d,%m,%Y")}),
              "2022-05-25");
}

TEST(DateTimeFunctionsTest, StrToDateReadsWeekBasedDates) {
    EXPECT_EQ(Eval("str_to_date", {Str("200442 Monday"), Str("%X%V %W")}), "2004-10-18");
    EXPECT_EQ(Eval("str_to_date", {Str("2021 045"), Str("%Y %j")}), "2021-02-14");
}

TEST(DateTimeFunctionsTest, StrToDateIsNullForTextThatDoesNotMatch) {
    EXPECT_EQ(Eval("str_to_date", {Str("2021-02-30"), Str("%Y-%m-%d")}), "NULL");
    EXPECT_EQ(Eval("str_to_date", {Str("2021-13-01"), Str("%Y-%m-%d")}), "NULL");
    EXPECT_EQ(Eval("str_to_date", {Str("abc"), Str("%Y")}), "NULL");
    EXPECT_EQ(Eval("str_to_date", {Str("2022-05"), Str("%Y-%m-%d")}), "NULL");
    EXPECT_EQ(Eval("str_to_date", {Str("2022/05/01"), Str("%Y-%m-%d")}), "NULL");
    EXPECT_EQ(Eval("str_to_date", {Str("13:00 PM"), Str("%h:%i %p")}), "NULL");
    EXPECT_EQ(Eval("str_to_date", {NullStr(), Str("%Y")}), "NULL");
}

TEST(DateTimeFunctionsTest, StrToDateWithPerRowFormatsGivesDateTime) {
    EXPECT_EQ(EvalRows("str_to_date", {Strings({"2020-01-02", "03:04", "x"}),
                                       Strings({"%Y-%m-%d", "%H:%i", "%Y"})}),
              (Rows{"2020-01-02 00:00:00", "0000-01-01 03:04:00", "NULL"}));
}

// --- parts ----------------------------------------------------------------------------------

TEST(DateTimeFunctionsTest, PartsOfADateTime) {
    const TypedValue t = DateTime("2020-05-08 10:11:12");
    EXPECT_EQ(Eval("year", {t}), "2020");
    EXPECT_EQ(Eval("month", {t}), "5");
    EXPECT_EQ(Eval("day", {t}), "8");
    EXPECT_EQ(Eval("dayofmonth", {t}), "8");
    EXPECT_EQ(Eval("hour", {t}), "10");
    EXPECT_EQ(Eval("minute", {t}), "11");
    EXPECT_EQ(Eval("second", {t}), "12");
    EXPECT_EQ(Eval("quarter", {t}), "2");
    EXPECT_EQ(ResultType("year", {t}), "int(11)");
}

TEST(DateTimeFunctionsTest, PartsOfADateAndOfText) {
    EXPECT_EQ(Eval("year", {Date("1999-12-31")}), "1999");
    EXPECT_EQ(Eval("hour", {Date("1999-12-31")}), "0");
    EXPECT_EQ(Eval("month", {Str("2020-05-08")}), "5");
    EXPECT_EQ(Eval("minute", {Str("2020-05-08 10:11:12")}), "11");
    EXPECT_EQ(Eval("year", {Str("not a date")}), "NULL");
}

TEST(DateTimeFunctionsTest, PartsOfDatesBeforeTheEpoch) {
    EXPECT_EQ(Eval("hour", {DateTime("1969-12-31 23:59:59")}), "23");
    EXPECT_EQ(Eval("day", {DateTime("1969-12-31 23:59:59")}), "31");
    EXPECT_EQ(Eval("year", {DateTime("0000-01-01 00:00:00")}), "0");
}

TEST(DateTimeFunctionsTest, DaysOfTheWeekAndYear) {
    EXPECT_EQ(Eval("dayofweek", {Date("2020-05-08")}), "6");  // Friday; Sunday = 1
    EXPECT_EQ(Eval("weekday", {Date("2020-05-08")}), "4");    // Monday = 0
    EXPECT_EQ(Eval("dayofyear", {Date("2020-12-31")}), "366");
    EXPECT_EQ(Eval("dayname", {Date("2007-02-03")}), "Saturday");
    EXPECT_EQ(Eval("monthname", {Date("2008-02-03")}), "February");
}

TEST(DateTimeFunctionsTest, WeekNumbersFollowMySqlModes) {
    EXPECT_EQ(Eval("weekofyear", {Date("2008-02-20")}), "8");
    EXPECT_EQ(Eval("week", {Date("2008-02-20")}), "7");
    EXPECT_EQ(Eval("week", {Date("2008-02-20"), Int64(1)}), "8");
    EXPECT_EQ(Eval("week", {Date("2008-12-31"), Int64(1)}), "53");
    EXPECT_EQ(Eval("week", {Date("2000-01-01"), Int64(0)}), "0");
    EXPECT_EQ(Eval("week", {Date("2000-01-01"), Int64(2)}), "52");
}

TEST(DateTimeFunctionsTest, PartsOverColumns) {
    EXPECT_EQ(EvalRows("year", {Dates({"2020-01-01", std::nullopt, "1969-12-31"})}),
              (Rows{"2020", "NULL", "1969"}));
    EXPECT_EQ(EvalRows("second", {DateTimes({"2020-01-01 00:00:07", std::nullopt})}),
              (Rows{"7", "NULL"}));
}

TEST(DateTimeFunctionsTest, DateDropsTheTimeOfDay) {
    EXPECT_EQ(Eval("date", {DateTime("2003-12-31 01:02:03")}), "2003-12-31");
    EXPECT_EQ(Eval("to_date", {Str("2020-02-02 00:00:00")}), "2020-02-02");
    EXPECT_EQ(Eval("date", {Date("2003-12-31")}), "2003-12-31");
    EXPECT_EQ(ResultType("date", {DateTime("2003-12-31 01:02:03")}), "date");
}

TEST(DateTimeFunctionsTest, LastDayOfTheMonthQuarterOrYear) {
    EXPECT_EQ(Eval("last_day", {Date("2023-05-10")}), "2023-05-31");
    EXPECT_EQ(Eval("last_day", {Str("2024-02-10 10:00:00")}), "2024-02-29");
    EXPECT_EQ(Eval("last_day", {Date("2023-05-10"), Str("month")}), "2023-05-31");
    EXPECT_EQ(Eval("last_day", {Date("2023-05-10"), Str("quarter")}), "2023-06-30");
    EXPECT_EQ(Eval("last_day", {Date("2023-05-10"), Str("year")}), "2023-12-31");
}

TEST(DateTimeFunctionsTest, LastDayRejectsOtherUnits) {
    EXPECT_EQ(Eval("last_day", {Date("2023-05-10"), Str("week")}),
              "ERROR: last_day: unknown unit 'WEEK'");
}

// --- arithmetic -----------------------------------------------------------------------------

TEST(DateTimeFunctionsTest, DateAddAddsAnIntervalAndGivesDateTime) {
    EXPECT_EQ(Eval("date_add", {DateTime("2010-11-30 23:59:59"), Int64(2), Str("DAY")}),
              "2010-12-02 23:59:59");
    EXPECT_EQ(Eval("date_add", {Date("2010-12-03"), Int64(2), Str("DAY")}), "2010-12-05 00:00:00");
    EXPECT_EQ(Eval("date_add", {Str("2010-11-30 23:59:59"), Int64(2), Str("QUARTER")}),
              "2011-05-30 23:59:59");
    EXPECT_EQ(ResultType("date_add", {Date("2010-12-03"), Int64(2), Str("DAY")}), "datetime");
}

TEST(DateTimeFunctionsTest, DateAddSupportsEveryUnit) {
    const TypedValue t = DateTime("2020-01-31 12:00:00");
    EXPECT_EQ(Eval("date_add", {t, Int64(1), Str("YEAR")}), "2021-01-31 12:00:00");
    EXPECT_EQ(Eval("date_add", {t, Int64(1), Str("MONTH")}), "2020-02-29 12:00:00");
    EXPECT_EQ(Eval("date_add", {t, Int64(1), Str("WEEK")}), "2020-02-07 12:00:00");
    EXPECT_EQ(Eval("date_add", {t, Int64(13), Str("HOUR")}), "2020-02-01 01:00:00");
    EXPECT_EQ(Eval("date_add", {t, Int64(-1), Str("MINUTE")}), "2020-01-31 11:59:00");
    EXPECT_EQ(Eval("date_add", {t, Int64(61), Str("SECOND")}), "2020-01-31 12:01:01");
    EXPECT_EQ(Eval("date_add", {t, Int64(1), Str("MILLISECOND")}), "2020-01-31 12:00:00.001000");
    EXPECT_EQ(Eval("date_add", {t, Int64(5), Str("MICROSECOND")}), "2020-01-31 12:00:00.000005");
}

TEST(DateTimeFunctionsTest, DateAddWithTwoArgumentsAddsDays) {
    EXPECT_EQ(Eval("date_add", {Date("2020-02-28"), Int64(2)}), "2020-03-01 00:00:00");
    EXPECT_EQ(Eval("adddate", {Date("2020-02-28"), Int64(-28)}), "2020-01-31 00:00:00");
}

TEST(DateTimeFunctionsTest, DateSubSubtracts) {
    EXPECT_EQ(Eval("date_sub", {DateTime("2010-11-30 23:59:59"), Int64(2), Str("DAY")}),
              "2010-11-28 23:59:59");
    EXPECT_EQ(Eval("subdate", {Date("2020-03-31"), Int64(1), Str("MONTH")}), "2020-02-29 00:00:00");
    EXPECT_EQ(Eval("date_sub", {Date("2020-03-01"), Int64(1)}), "2020-02-29 00:00:00");
    EXPECT_EQ(Eval("date_sub", {Date("2020-03-01"), Int64(INT64_MIN)}), "NULL");
}

TEST(DateTimeFunctionsTest, DateAddIsNullOutsideTheDateRange) {
    EXPECT_EQ(Eval("date_add", {Date("9999-12-31"), Int64(1), Str("DAY")}), "NULL");
    EXPECT_EQ(Eval("date_sub", {Date("0000-01-01"), Int64(1), Str("SECOND")}), "NULL");
    EXPECT_EQ(Eval("date_add", {Date("2000-01-01"), Int64(INT64_MAX), Str("YEAR")}), "NULL");
    EXPECT_EQ(Eval("date_add", {Date("2000-01-01"), Int64(INT64_MAX), Str("DAY")}), "NULL");
}

TEST(DateTimeFunctionsTest, DateAddOfUnparsableTextIsNull) {
    EXPECT_EQ(Eval("date_add", {Str("garbage"), Int64(1), Str("DAY")}), "NULL");
}

TEST(DateTimeFunctionsTest, DateAddRejectsAnUnknownOrNonConstantUnit) {
    EXPECT_EQ(Eval("date_add", {Date("2020-01-01"), Int64(1), Str("FORTNIGHT")}),
              "ERROR: date_add: unknown unit 'FORTNIGHT'");
    EXPECT_EQ(EvalRows("date_add", {Dates({"2020-01-01"}), Const(Int64(1)), Strings({"DAY"})}),
              (Rows{"ERROR: date_add: the unit must be a constant string"}));
}

TEST(DateTimeFunctionsTest, DateAddOverColumns) {
    EXPECT_EQ(EvalRows("date_add",
                       {DateTimes({"2020-01-31 00:00:00", std::nullopt, "2020-12-31 10:00:00"}),
                        Int64s({1, 1, std::nullopt}), Const(Str("MONTH"))}),
              (Rows{"2020-02-29 00:00:00", "NULL", "NULL"}));
}

TEST(DateTimeFunctionsTest, FixedUnitAddAndSubFunctions) {
    EXPECT_EQ(Eval("days_add", {Str("2023-10-31 23:59:59"), Int64(1)}), "2023-11-01 23:59:59");
    EXPECT_EQ(Eval("days_add", {Date("2023-10-31"), Int64(1)}), "2023-11-01 00:00:00");
    EXPECT_EQ(Eval("months_add", {Date("2023-01-31"), Int64(1)}), "2023-02-28 00:00:00");
    EXPECT_EQ(Eval("add_months", {Date("2023-01-31"), Int64(13)}), "2024-02-29 00:00:00");
    EXPECT_EQ(Eval("years_sub", {Date("2024-02-29"), Int64(1)}), "2023-02-28 00:00:00");
    EXPECT_EQ(Eval("hours_add", {DateTime("2023-01-01 23:00:00"), Int64(2)}),
              "2023-01-02 01:00:00");
    EXPECT_EQ(Eval("weeks_sub", {Date("2023-01-08"), Int64(1)}), "2023-01-01 00:00:00");
}

TEST(DateTimeFunctionsTest, DatediffCountsDaysIgnoringTheTime) {
    EXPECT_EQ(Eval("datediff", {DateTime("2007-12-31 23:59:59"), DateTime("2007-12-30")}), "1");
    EXPECT_EQ(Eval("datediff", {Str("2010-11-30 23:59:59"), Str("2010-12-31")}), "-31");
    EXPECT_EQ(Eval("datediff", {Date("2020-03-01"), Date("2020-02-28")}), "2");
    EXPECT_EQ(ResultType("datediff", {Date("2020-03-01"), Date("2020-02-28")}), "int(11)");
    EXPECT_EQ(Eval("datediff", {Str("bad"), Date("2020-02-28")}), "NULL");
}

TEST(DateTimeFunctionsTest, TimestampdiffCountsWholeUnitsFromTheFirstToTheSecond) {
    EXPECT_EQ(Eval("timestampdiff", {Str("MONTH"), Str("2003-02-01"), Str("2003-05-01")}), "3");
    EXPECT_EQ(Eval("timestampdiff", {Str("YEAR"), Str("2002-05-01"), Str("2001-01-01")}), "-1");
    EXPECT_EQ(Eval("timestampdiff", {Str("MINUTE"), Str("2003-02-01"), Str("2003-05-01 12:05:55")}),
              "128885");
    EXPECT_EQ(Eval("timestampdiff", {Str("MILLISECOND"), Str("2003-02-01"), Str("2003-05-01")}),
              "7689600000");
    EXPECT_EQ(Eval("timestampdiff", {Str("MONTH"), Str("2003-01-31"), Str("2003-02-28")}), "0");
    EXPECT_EQ(Eval("timestampdiff", {Str("MONTH"), Str("2003-02-28"), Str("2003-01-31")}), "0");
    EXPECT_EQ(Eval("timestampdiff", {Str("QUARTER"), Str("2003-01-01"), Str("2003-12-31")}), "3");
    EXPECT_EQ(Eval("timestampdiff", {Str("DAY"), Str("2003-01-02"), Str("2003-01-01 00:00:01")}),
              "0");
}

TEST(DateTimeFunctionsTest, DiffFunctionsTakeTheLaterValueFirst) {
    EXPECT_EQ(Eval("days_diff", {Str("2020-12-25 23:00:00"), Str("2020-12-24 23:00:01")}), "0");
    EXPECT_EQ(Eval("days_diff", {Str("2020-12-25 23:00:00"), Str("2020-12-24 23:00:00")}), "1");
    EXPECT_EQ(Eval("months_diff", {Str("2020-12-25"), Str("2020-01-01")}), "11");
    EXPECT_EQ(Eval("hours_diff", {Str("2020-01-01 00:00:00"), Str("2020-01-01 05:00:00")}), "-5");
}

TEST(DateTimeFunctionsTest, DateTruncKeepsTheStartOfTheUnit) {
    const TypedValue t = DateTime("2020-11-04 11:12:13.5");
    EXPECT_EQ(Eval("date_trunc", {Str("second"), t}), "2020-11-04 11:12:13");
    EXPECT_EQ(Eval("date_trunc", {Str("minute"), t}), "2020-11-04 11:12:00");
    EXPECT_EQ(Eval("date_trunc", {Str("hour"), t}), "2020-11-04 11:00:00");
    EXPECT_EQ(Eval("date_trunc", {Str("day"), t}), "2020-11-04 00:00:00");
    EXPECT_EQ(Eval("date_trunc", {Str("week"), t}), "2020-11-02 00:00:00");
    EXPECT_EQ(Eval("date_trunc", {Str("month"), t}), "2020-11-01 00:00:00");
    EXPECT_EQ(Eval("date_trunc", {Str("quarter"), t}), "2020-10-01 00:00:00");
    EXPECT_EQ(Eval("date_trunc", {Str("YEAR"), t}), "2020-01-01 00:00:00");
    EXPECT_EQ(Eval("date_trunc", {Str("hour"), DateTime("1969-12-31 23:30:00")}),
              "1969-12-31 23:00:00");
}

TEST(DateTimeFunctionsTest, DateTruncOfADateGivesADate) {
    EXPECT_EQ(Eval("date_trunc", {Str("month"), Date("2020-11-04")}), "2020-11-01");
    EXPECT_EQ(ResultType("date_trunc", {Str("month"), Date("2020-11-04")}), "date");
    EXPECT_EQ(Eval("date_trunc", {Str("hour"), Date("2020-11-04")}), "2020-11-04 00:00:00");
    EXPECT_EQ(ResultType("date_trunc", {Str("hour"), Str("2020-11-04")}), "datetime");
}

TEST(DateTimeFunctionsTest, DateTruncRejectsAnUnknownUnit) {
    EXPECT_EQ(Eval("date_trunc", {Str("decade"), Date("2020-11-04")}),
              "ERROR: date_trunc: unknown unit 'DECADE'");
}

TEST(DateTimeFunctionsTest, ConvertTzMovesWallClockTimeBetweenZones) {
    EXPECT_EQ(Eval("convert_tz", {DateTime("2019-08-01 13:21:03"), Str("Asia/Shanghai"),
                                  Str("America/Los_Angeles")}),
              "2019-07-31 22:21:03");
    EXPECT_EQ(Eval("convert_tz", {DateTime("2019-08-01 13:21:03.25"), Str("+08:00"), Str("UTC")}),
              "2019-08-01 05:21:03.250000");
    EXPECT_EQ(Eval("convert_tz", {DateTime("2019-08-01 13:21:03"), Str("Mars/Base"), Str("UTC")}),
              "NULL");
    EXPECT_EQ(EvalRows("convert_tz", {DateTimes({"2019-08-01 00:00:00", "2019-08-01 00:00:00"}),
                                      Const(Str("UTC")), Strings({"+01:00", "Nowhere"})}),
              (Rows{"2019-08-01 01:00:00", "NULL"}));
}

}  // namespace
}  // namespace tributary
