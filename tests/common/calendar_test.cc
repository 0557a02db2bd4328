// Working-day calendar: dates, statutory holidays, adjusted working days,
// office hours and pauses, all in China local time regardless of TZ.
#include "common/calendar.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace minyi {
namespace {

UnixSeconds At(const char* local) { return ParseLocalTime(local).value(); }

WorkCalendar Calendar2026() {
  std::ifstream in(std::string(MINYI_SOURCE_DIR) + "/data/calendar/cn-2026.tsv");
  std::stringstream ss;
  ss << in.rdbuf();
  WorkCalendar cal;
  EXPECT_TRUE(cal.LoadTsv(ss.str()).ok());
  return cal;
}

TEST(CalendarTest, CivilDatesRoundTrip) {
  EXPECT_EQ(DayFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(FormatDate(DayFromCivil({2026, 2, 28})), "2026-02-28");
  EXPECT_EQ(FormatDate(DayFromCivil({2028, 2, 29})), "2028-02-29");
  EXPECT_EQ(Weekday(DayFromCivil({2026, 10, 1})), 4);   // Thursday
  EXPECT_EQ(Weekday(DayFromCivil({2026, 10, 10})), 6);  // Saturday
  EXPECT_FALSE(ParseDate("2026-02-30").ok());
  EXPECT_FALSE(ParseDate("2026-13-01").ok());
  EXPECT_EQ(*ParseDate("2026/3/5"), DayFromCivil({2026, 3, 5}));
}

TEST(CalendarTest, LocalTimeIsUtcPlusEightWhateverTheMachineZone) {
  setenv("TZ", "America/New_York", 1);
  EXPECT_EQ(At("2026-11-23 08:00"), *ParseIsoUtc("2026-11-23T00:00:00Z"));
  EXPECT_EQ(FormatLocalTime(*ParseIsoUtc("2026-11-22T16:30:00Z")), "2026-11-23 00:30");
  EXPECT_EQ(LocalDay(*ParseIsoUtc("2026-11-22T16:00:00Z")), DayFromCivil({2026, 11, 23}));
  EXPECT_EQ(At("2026-11-23T00:00:00Z"), *ParseIsoUtc("2026-11-23T00:00:00Z"));
  unsetenv("TZ");
}

TEST(CalendarTest, StatutoryHolidaysAndAdjustedWorkdays) {
  WorkCalendar cal = Calendar2026();
  EXPECT_FALSE(cal.IsWorkingDay(DayFromCivil({2026, 10, 1})));   // 国庆节, Thursday
  EXPECT_FALSE(cal.IsWorkingDay(DayFromCivil({2026, 10, 7})));   // Wednesday, holiday
  EXPECT_TRUE(cal.IsWorkingDay(DayFromCivil({2026, 10, 10})));   // Saturday, 调休上班
  EXPECT_TRUE(cal.IsWorkingDay(DayFromCivil({2026, 2, 14})));    // Saturday, 调休上班
  EXPECT_FALSE(cal.IsWorkingDay(DayFromCivil({2026, 2, 23})));   // Monday, 春节
  EXPECT_FALSE(cal.IsWorkingDay(DayFromCivil({2026, 11, 21})));  // ordinary Saturday
  EXPECT_TRUE(cal.IsWorkingDay(DayFromCivil({2026, 11, 23})));   // ordinary Monday
}

TEST(CalendarTest, ShippedFilesParseAndAreNotEmpty) {
  for (const char* year : {"2026", "2027"}) {
    std::ifstream in(std::string(MINYI_SOURCE_DIR) + "/data/calendar/cn-" + year + ".tsv");
    std::stringstream ss;
    ss << in.rdbuf();
    WorkCalendar cal;
    ASSERT_TRUE(cal.LoadTsv(ss.str()).ok()) << year;
    EXPECT_GE(cal.entries().size(), 10u) << year;
  }
}

TEST(CalendarTest, BadTsvNamesTheLine) {
  WorkCalendar cal;
  Status st = cal.LoadTsv("# ok\n2026-01-01\tholiday\t元旦\n2026-01-02\tvacation\tx\n");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("第 3 行"), std::string::npos) << st.message();
  EXPECT_EQ(cal.LoadTsv(std::string(70000, '#')).code(), ErrorCode::kResourceExhausted);
}

TEST(CalendarTest, WorkingSecondsFollowOfficeHours) {
  WorkCalendar cal = Calendar2026();
  EXPECT_EQ(cal.office_hours().SecondsPerDay(), 7 * 3600);
  // Monday 2026-11-23: 09:00-12:00 is 3h, lunch break does not count, 14:00-15:00 is 1h.
  EXPECT_EQ(cal.WorkingSecondsBetween(At("2026-11-23 09:00"), At("2026-11-23 15:00")), 4 * 3600);
  // Friday 16:30 to Monday 09:30: 1h + 1h.
  EXPECT_EQ(cal.WorkingSecondsBetween(At("2026-11-20 16:30"), At("2026-11-23 09:30")), 2 * 3600);
  EXPECT_EQ(cal.WorkingSecondsBetween(At("2026-11-23 15:00"), At("2026-11-23 09:00")), 0);
}

// The deadline crosses the National Day holiday (10-01..10-07) and ends on
// the adjusted working Saturday 10-10: 5.5h on 09-30, 7h on 10-08, 7h on
// 10-09, the last 1.5h on Saturday 10-10 from 08:30.
TEST(CalendarTest, DeadlineCrossesHolidayAndAdjustedWorkday) {
  WorkCalendar cal = Calendar2026();
  EXPECT_EQ(FormatLocalTime(cal.AddWorkingDays(At("2026-09-30 10:00"), 3)), "2026-10-10 10:00");
  // Without the table the same arithmetic ends on an ordinary Monday.
  WorkCalendar plain;
  EXPECT_EQ(FormatLocalTime(plain.AddWorkingDays(At("2026-09-30 10:00"), 3)), "2026-10-05 10:00");
  // Received on a Saturday holiday evening: the clock starts on the next working day.
  EXPECT_EQ(FormatLocalTime(cal.AddWorkingSeconds(At("2026-10-03 20:00"), 2 * 3600)), "2026-10-08 10:30");
  // Ending exactly at the end of the afternoon session.
  EXPECT_EQ(FormatLocalTime(cal.AddWorkingDays(At("2026-11-23 08:30"), 1)), "2026-11-23 17:30");
}

TEST(CalendarTest, PausesAreSubtractedAndPushDeadlines) {
  WorkCalendar cal = Calendar2026();
  UnixSeconds start = At("2026-11-23 09:00");
  std::vector<Interval> pauses = {{At("2026-11-23 10:00"), At("2026-11-24 10:00")}};
  // 09:00 -> 11-25 09:00 is 14h of working time; 7h of it was paused.
  EXPECT_EQ(cal.WorkingSecondsExcluding(start, At("2026-11-25 09:00"), pauses), 7 * 3600);
  // One working day: 1h before the pause, then from 11-24 10:00 another 6h:
  // 2h + 3.5h on the 24th, the last 0.5h on the 25th from 08:30.
  EXPECT_EQ(FormatLocalTime(cal.DeadlineWithPauses(start, 7 * 3600, pauses, start)), "2026-11-25 09:00");
  // An open pause lasts until now.
  std::vector<Interval> open = {{At("2026-11-23 10:00"), 0}};
  EXPECT_EQ(cal.WorkingSecondsExcluding(start, At("2026-11-23 15:00"), open), 3600);
  EXPECT_EQ(FormatLocalTime(cal.DeadlineWithPauses(start, 2 * 3600, open, At("2026-11-23 15:00"))), "2026-11-23 16:00");
  // Natural time: 2 hours, 30 minutes of which paused.
  std::vector<Interval> p2 = {{start + 1800, start + 3600}};
  EXPECT_EQ(NaturalDeadlineWithPauses(start, 7200, p2, start), start + 9000);
  EXPECT_EQ(NaturalSecondsExcluding(start, start + 7200, p2), 5400);
}

TEST(CalendarTest, OfficeHoursParseAndReject) {
  auto h = OfficeHours::Parse("09:00-12:00, 13:30-18:00");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->SecondsPerDay(), (3 * 60 + 270) * 60);
  EXPECT_EQ(h->ToString(), "09:00-12:00,13:30-18:00");
  EXPECT_FALSE(OfficeHours::Parse("12:00-09:00").ok());
  EXPECT_FALSE(OfficeHours::Parse("09:00-12:00,11:00-13:00").ok());
  EXPECT_FALSE(OfficeHours::Parse("").ok());
}

}  // namespace
}  // namespace minyi
