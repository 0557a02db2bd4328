#include "common/calendar.h"

#include <algorithm>
#include <cstdio>

#include "common/strings.h"

namespace minyi {
namespace {

constexpr int64_t kDay = 86400;
// About ten years: no deadline or duration in this system is longer.
constexpr int64_t kMaxDaysScanned = 3700;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Reads an unsigned decimal of 1..max_digits digits at s[pos].
bool ReadNumber(std::string_view s, size_t& pos, int max_digits, int& out) {
  int n = 0, digits = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && digits < max_digits) {
    n = n * 10 + (s[pos] - '0');
    ++pos;
    ++digits;
  }
  out = n;
  return digits > 0;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Parses "YYYY-MM-DD" or "YYYY/M/D" at the start of s; pos is left after it.
bool ParseDatePrefix(std::string_view s, size_t& pos, DayNumber& out) {
  int y, m, d;
  if (!ReadNumber(s, pos, 4, y) || pos >= s.size() || (s[pos] != '-' && s[pos] != '/')) return false;
  ++pos;
  if (!ReadNumber(s, pos, 2, m) || pos >= s.size() || (s[pos] != '-' && s[pos] != '/')) return false;
  ++pos;
  if (!ReadNumber(s, pos, 2, d)) return false;
  if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  out = DayFromCivil({y, m, d});
  return true;
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days.
DayNumber DayFromCivil(const CivilDate& c) {
  int64_t y = c.year - (c.month <= 2 ? 1 : 0);
  int64_t era = FloorDiv(y, 400);
  int64_t yoe = y - era * 400;
  int64_t mp = (c.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + c.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDay(DayNumber z) {
  z += 719468;
  int64_t era = FloorDiv(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(DayNumber day) { return static_cast<int>(((day % 7) + 11) % 7); }  // 1970-01-01 was a Thursday

DayNumber LocalDay(UnixSeconds t) { return FloorDiv(t + kChinaUtcOffsetSeconds, kDay); }

UnixSeconds DayStart(DayNumber day) { return day * kDay - kChinaUtcOffsetSeconds; }

std::string FormatDate(DayNumber day) {
  CivilDate c = CivilFromDay(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

Result<DayNumber> ParseDate(std::string_view text) {
  text = TrimBlank(text);
  size_t pos = 0;
  DayNumber day = 0;
  if (!ParseDatePrefix(text, pos, day) || pos != text.size()) {
    return InvalidArgument("日期格式不正确（应为 YYYY-MM-DD）：" + std::string(text.substr(0, 40)));
  }
  return day;
}

std::string FormatLocalTime(UnixSeconds t) {
  DayNumber day = LocalDay(t);
  int64_t sec = t - DayStart(day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", FormatDate(day).c_str(), static_cast<int>(sec / 3600),
                static_cast<int>(sec % 3600 / 60));
  return buf;
}

Result<UnixSeconds> ParseLocalTime(std::string_view text) {
  text = TrimBlank(text);
  size_t pos = 0;
  DayNumber day = 0;
  auto bad = [&] {
    return InvalidArgument("时间格式不正确（应为 YYYY-MM-DD HH:MM）：" + std::string(text.substr(0, 40)));
  };
  if (!ParseDatePrefix(text, pos, day)) return bad();
  if (pos == text.size()) return DayStart(day);
  if (text[pos] != ' ' && text[pos] != 'T') return bad();
  ++pos;
  int h = 0, m = 0, s = 0;
  if (!ReadNumber(text, pos, 2, h) || pos >= text.size() || text[pos] != ':') return bad();
  ++pos;
  if (!ReadNumber(text, pos, 2, m)) return bad();
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadNumber(text, pos, 2, s)) return bad();
  }
  bool utc = false;
  if (pos < text.size() && text[pos] == 'Z') {
    utc = true;
    ++pos;
  }
  if (pos != text.size() || h > 23 || m > 59 || s > 59) return bad();
  UnixSeconds t = DayStart(day) + h * 3600 + m * 60 + s;
  return utc ? t + kChinaUtcOffsetSeconds : t;
}

int64_t OfficeHours::SecondsPerDay() const {
  int64_t total = 0;
  for (auto [a, b] : spans) total += (b - a) * 60;
  return total;
}

std::string OfficeHours::ToString() const {
  std::string out;
  char buf[16];
  for (auto [a, b] : spans) {
    if (!out.empty()) out += ",";
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
    out += buf;
  }
  return out;
}

Result<OfficeHours> OfficeHours::Parse(std::string_view text) {
  OfficeHours h;
  h.spans.clear();
  auto bad = [&] { return InvalidArgument("办公时间格式不正确（示例：08:30-12:00,14:00-17:30）"); };
  if (text.size() > 200) return bad();
  size_t pos = 0;
  text = TrimBlank(text);
  while (pos < text.size()) {
    int h1, m1, h2, m2;
    if (!ReadNumber(text, pos, 2, h1) || pos >= text.size() || text[pos++] != ':') return bad();
    if (!ReadNumber(text, pos, 2, m1) || pos >= text.size() || text[pos++] != '-') return bad();
    if (!ReadNumber(text, pos, 2, h2) || pos >= text.size() || text[pos++] != ':') return bad();
    if (!ReadNumber(text, pos, 2, m2)) return bad();
    if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) return bad();
    int a = h1 * 60 + m1, b = h2 * 60 + m2;
    if (b <= a || b > 24 * 60 || (!h.spans.empty() && a < h.spans.back().second)) return bad();
    h.spans.emplace_back(a, b);
    while (pos < text.size() && (text[pos] == ',' || text[pos] == ' ')) ++pos;
  }
  if (h.spans.empty() || h.spans.size() > 6) return bad();
  return h;
}

Status WorkCalendar::LoadTsv(std::string_view text) {
  if (text.size() > 64 * 1024) return ResourceExhausted("日历文件过大（上限 64 KiB）");
  size_t line_no = 0, count = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    line = TrimBlank(line);
    if (line.empty() || line.front() == '#') continue;
    auto where = "日历第 " + std::to_string(line_no) + " 行：";
    size_t t1 = line.find('\t');
    if (t1 == std::string_view::npos) return InvalidArgument(where + "缺少制表符分隔的类型");
    auto day = ParseDate(line.substr(0, t1));
    if (!day.ok()) return InvalidArgument(where + day.status().message());
    std::string_view rest = line.substr(t1 + 1);
    size_t t2 = rest.find('\t');
    std::string_view kind = TrimBlank(rest.substr(0, t2));
    std::string name(t2 == std::string_view::npos ? std::string_view() : TrimBlank(rest.substr(t2 + 1)));
    if (kind == "holiday") {
      SetDay(*day, DayKind::kHoliday, name);
    } else if (kind == "workday") {
      SetDay(*day, DayKind::kWorkday, name);
    } else {
      return InvalidArgument(where + "类型应为 holiday 或 workday");
    }
    if (++count > 1000) return ResourceExhausted("日历条目过多（上限 1000）");
  }
  return Status::Ok();
}

void WorkCalendar::SetDay(DayNumber day, DayKind kind, std::string name) {
  entries_[day] = CalendarEntry{kind, std::move(name)};
}

void WorkCalendar::ClearDay(DayNumber day) { entries_.erase(day); }

bool WorkCalendar::IsWorkingDay(DayNumber day) const {
  auto it = entries_.find(day);
  if (it != entries_.end()) return it->second.kind == DayKind::kWorkday;
  int wd = Weekday(day);
  return wd != 0 && wd != 6;
}

int64_t WorkCalendar::WorkingSecondsBetween(UnixSeconds a, UnixSeconds b) const {
  if (b <= a) return 0;
  DayNumber first = LocalDay(a), last = LocalDay(b);
  if (last - first > kMaxDaysScanned) last = first + kMaxDaysScanned;
  int64_t total = 0;
  for (DayNumber d = first; d <= last; ++d) {
    if (!IsWorkingDay(d)) continue;
    UnixSeconds base = DayStart(d);
    for (auto [s, e] : hours_.spans) {
      UnixSeconds lo = std::max(a, base + s * 60), hi = std::min(b, base + e * 60);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

UnixSeconds WorkCalendar::AddWorkingSeconds(UnixSeconds t, int64_t seconds) const {
  if (seconds <= 0) return t;
  if (hours_.spans.empty()) return t + seconds;
  int64_t left = seconds;
  DayNumber first = LocalDay(t);
  for (DayNumber d = first; d <= first + kMaxDaysScanned; ++d) {
    if (!IsWorkingDay(d)) continue;
    UnixSeconds base = DayStart(d);
    for (auto [s, e] : hours_.spans) {
      UnixSeconds lo = std::max(t, base + s * 60), hi = base + e * 60;
      if (hi <= lo) continue;
      if (hi - lo >= left) return lo + left;
      left -= hi - lo;
    }
  }
  return DayStart(first + kMaxDaysScanned);
}

std::vector<Interval> NormalizePauses(const std::vector<Interval>& pauses, UnixSeconds now) {
  std::vector<Interval> v;
  for (Interval p : pauses) {
    if (p.end == 0) p.end = std::max(now, p.start);
    if (p.end > p.start) v.push_back(p);
  }
  std::sort(v.begin(), v.end(), [](const Interval& x, const Interval& y) { return x.start < y.start; });
  std::vector<Interval> merged;
  for (const Interval& p : v) {
    if (!merged.empty() && p.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, p.end);
    } else {
      merged.push_back(p);
    }
  }
  return merged;
}

namespace {

// Shared by the working-time and natural-time variants: `between` measures
// time in [a, b), `add` moves forward by an amount of that time.
template <typename Between, typename Add>
int64_t ExcludingImpl(UnixSeconds a, UnixSeconds b, const std::vector<Interval>& pauses, Between between) {
  if (b <= a) return 0;
  int64_t total = between(a, b);
  for (const Interval& p : NormalizePauses(pauses, b)) {
    UnixSeconds lo = std::max(a, p.start), hi = std::min(b, p.end);
    if (hi > lo) total -= between(lo, hi);
  }
  return std::max<int64_t>(total, 0);
}

template <typename Between, typename Add>
UnixSeconds DeadlineImpl(UnixSeconds start, int64_t seconds, const std::vector<Interval>& pauses, UnixSeconds now,
                         Between between, Add add) {
  UnixSeconds t = start;
  int64_t left = seconds;
  for (const Interval& p : NormalizePauses(pauses, now)) {
    if (p.end <= t) continue;
    if (p.start > t) {
      int64_t avail = between(t, p.start);
      if (avail >= left) return add(t, left);
      left -= avail;
    }
    t = std::max(t, p.end);
  }
  return add(t, left);
}

}  // namespace

int64_t WorkCalendar::WorkingSecondsExcluding(UnixSeconds a, UnixSeconds b, const std::vector<Interval>& pauses) const {
  auto between = [this](UnixSeconds x, UnixSeconds y) { return WorkingSecondsBetween(x, y); };
  return ExcludingImpl<decltype(between), int>(a, b, pauses, between);
}

UnixSeconds WorkCalendar::DeadlineWithPauses(UnixSeconds start, int64_t seconds, const std::vector<Interval>& pauses,
                                             UnixSeconds now) const {
  return DeadlineImpl(
      start, seconds, pauses, now, [this](UnixSeconds x, UnixSeconds y) { return WorkingSecondsBetween(x, y); },
      [this](UnixSeconds x, int64_t s) { return AddWorkingSeconds(x, s); });
}

int64_t NaturalSecondsExcluding(UnixSeconds a, UnixSeconds b, const std::vector<Interval>& pauses) {
  auto between = [](UnixSeconds x, UnixSeconds y) { return y > x ? y - x : 0; };
  return ExcludingImpl<decltype(between), int>(a, b, pauses, between);
}

UnixSeconds NaturalDeadlineWithPauses(UnixSeconds start, int64_t seconds, const std::vector<Interval>& pauses,
                                      UnixSeconds now) {
  return DeadlineImpl(
      start, seconds, pauses, now, [](UnixSeconds x, UnixSeconds y) { return y > x ? y - x : 0; },
      [](UnixSeconds x, int64_t s) { return x + s; });
}

}  // namespace minyi
