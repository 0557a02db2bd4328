// Working-day calendar and working-time arithmetic for China (Asia/Shanghai).
//
// Contract: all arithmetic uses a fixed UTC+8 offset (China has no DST), so
// results never depend on the machine's TZ setting. A day is a working day
// when an explicit entry says so (调休上班 on a weekend), or when it is a
// Monday–Friday without a holiday entry. Working time is the part of a
// working day inside the office hours (by default 08:30–12:00 and
// 14:00–17:30). Pause intervals (waiting for the public, for another
// office) are subtracted from elapsed working time and push deadlines out.
// Calendar data come from yearly TSV files (data/calendar/cn-YYYY.tsv) with
// admin overrides layered on top by the caller (later SetDay wins).
//
// Thread safety: a WorkCalendar is immutable after loading; const methods may
// be called from many threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

// Days since 1970-01-01 in China local time.
using DayNumber = int64_t;

constexpr int64_t kChinaUtcOffsetSeconds = 8 * 3600;

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};

DayNumber DayFromCivil(const CivilDate& d);
CivilDate CivilFromDay(DayNumber day);
// 0 = Sunday ... 6 = Saturday.
int Weekday(DayNumber day);
DayNumber LocalDay(UnixSeconds t);
// Local midnight of a day, as UTC seconds.
UnixSeconds DayStart(DayNumber day);
// "2026-10-01".
std::string FormatDate(DayNumber day);
// Parses "2026-10-01"; rejects impossible dates.
Result<DayNumber> ParseDate(std::string_view text);
// "2026-10-01 08:30" in China local time.
std::string FormatLocalTime(UnixSeconds t);
// Parses "2026-10-01 08:30[:00]" or "2026-10-01T08:30[:00]" or "2026/10/1 8:30"
// as China local time; a trailing "Z" means UTC; a bare date is 00:00 local.
Result<UnixSeconds> ParseLocalTime(std::string_view text);

enum class DayKind { kHoliday, kWorkday };

struct CalendarEntry {
  DayKind kind = DayKind::kHoliday;
  std::string name;  // "国庆节", "国庆节调休上班"
};

// Office hours as [start, end) minutes after local midnight, sorted and
// disjoint.
struct OfficeHours {
  std::vector<std::pair<int, int>> spans = {{8 * 60 + 30, 12 * 60}, {14 * 60, 17 * 60 + 30}};
  int64_t SecondsPerDay() const;
  // "08:30-12:00,14:00-17:30".
  std::string ToString() const;
  static Result<OfficeHours> Parse(std::string_view text);
};

struct Interval {
  UnixSeconds start = 0;
  UnixSeconds end = 0;
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(OfficeHours hours) : hours_(std::move(hours)) {}

  // Parses one yearly file: "YYYY-MM-DD<TAB>holiday|workday<TAB>name" per
  // line, '#' comments. Limits: 64 KiB, 1,000 entries. Errors name the line.
  Status LoadTsv(std::string_view text);
  void SetDay(DayNumber day, DayKind kind, std::string name);
  void ClearDay(DayNumber day);

  const OfficeHours& office_hours() const { return hours_; }
  void set_office_hours(OfficeHours h) { hours_ = std::move(h); }
  const std::map<DayNumber, CalendarEntry>& entries() const { return entries_; }

  bool IsWorkingDay(DayNumber day) const;
  // Working seconds in [a, b); 0 when b <= a.
  int64_t WorkingSecondsBetween(UnixSeconds a, UnixSeconds b) const;
  // The instant after `seconds` of working time from t. With seconds == 0
  // returns t. Ranges beyond ~10 years are clamped.
  UnixSeconds AddWorkingSeconds(UnixSeconds t, int64_t seconds) const;
  UnixSeconds AddWorkingDays(UnixSeconds t, int64_t days) const {
    return AddWorkingSeconds(t, days * hours_.SecondsPerDay());
  }
  // Working seconds in [a, b) minus those inside any pause; an open pause
  // has end == 0 and lasts until b.
  int64_t WorkingSecondsExcluding(UnixSeconds a, UnixSeconds b, const std::vector<Interval>& pauses) const;
  // The deadline after `seconds` of working time from start, not counting
  // time spent in pauses (closed ones; an open pause lasts until now).
  UnixSeconds DeadlineWithPauses(UnixSeconds start, int64_t seconds, const std::vector<Interval>& pauses,
                                 UnixSeconds now) const;

 private:
  OfficeHours hours_;
  std::map<DayNumber, CalendarEntry> entries_;
};

// Natural-time counterparts (for limits in plain hours, e.g. urgent 2 h).
int64_t NaturalSecondsExcluding(UnixSeconds a, UnixSeconds b, const std::vector<Interval>& pauses);
UnixSeconds NaturalDeadlineWithPauses(UnixSeconds start, int64_t seconds, const std::vector<Interval>& pauses,
                                      UnixSeconds now);

// Sorted, merged, clipped pause intervals; an open pause (end == 0) is closed at `now`.
std::vector<Interval> NormalizePauses(const std::vector<Interval>& pauses, UnixSeconds now);

}  // namespace minyi
