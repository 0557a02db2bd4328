// Report kinds and periods. Periods are parsed by hand (no regex, no locale)
// so the accepted language is exactly the five documented forms.
#include <array>
#include <cstdio>

#include "report/report.h"
#include "report/report_internal.h"

namespace minyi {
namespace {

constexpr const char* kPeriodHelp =
    "报告期应写作 2026-09（月）、2026Q3（季度）、2026H1（半年）、2026（年）或 2026-09-01..2026-09-30（起止日期）";

Status BadPeriod(std::string_view why) {
  return InvalidArgument("报告期格式不正确：" + std::string(why) + "。" + kPeriodHelp);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Result<int> ParseYear(std::string_view s) {
  if (s.size() != 4 || !AllDigits(s)) return BadPeriod("年份应为四位数字");
  int y = ToInt(s);
  if (y < 2000 || y > 2099) return BadPeriod("年份应在 2000 至 2099 之间");
  return y;
}

Result<ReportDate> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2))) {
    return BadPeriod("日期应写作 2026-09-01");
  }
  MINYI_ASSIGN_OR_RETURN(int y, ParseYear(s.substr(0, 4)));
  ReportDate d{y, ToInt(s.substr(5, 2)), ToInt(s.substr(8, 2))};
  if (d.month < 1 || d.month > 12) return BadPeriod("月份应在 1 至 12 之间");
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return BadPeriod("日期“" + std::string(s) + "”不存在");
  return d;
}

Period Make(std::string text, std::string label, ReportDate first, ReportDate last) {
  Period p;
  p.text = std::move(text);
  p.label = std::move(label);
  p.first = first;
  p.last = last;
  p.begin = DaysFromCivil(first) * 86400 - kReportUtcOffsetSeconds;
  p.end = (DaysFromCivil(last) + 1) * 86400 - kReportUtcOffsetSeconds;
  return p;
}

std::string Ymd(int y) { return std::to_string(y) + "年"; }

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil: days since 1970-01-01.
int64_t DaysFromCivil(const ReportDate& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (d.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

ReportDate CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return ReportDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

ReportDate LocalDate(UnixSeconds t) {
  int64_t s = t + kReportUtcOffsetSeconds;
  int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  return CivilFromDays(days);
}

std::string FormatDate(const ReportDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string ChineseDate(const ReportDate& d) {
  return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string Period::FromDate() const { return FormatDate(first); }
std::string Period::ToDate() const { return FormatDate(last); }

Result<Period> ParsePeriod(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty()) return BadPeriod("未填写报告期");
  if (text.size() > 64) return BadPeriod("内容过长");
  if (size_t dots = text.find(".."); dots != std::string_view::npos) {
    MINYI_ASSIGN_OR_RETURN(ReportDate a, ParseDate(text.substr(0, dots)));
    MINYI_ASSIGN_OR_RETURN(ReportDate b, ParseDate(text.substr(dots + 2)));
    int64_t da = DaysFromCivil(a), db = DaysFromCivil(b);
    if (db < da) return BadPeriod("结束日期早于开始日期");
    if (db - da > 3 * 366) return BadPeriod("起止日期跨度不能超过三年");
    std::string label = ChineseDate(a) + "至" + ChineseDate(b);
    return Make(FormatDate(a) + ".." + FormatDate(b), label, a, b);
  }
  if (text.size() < 4) return BadPeriod("“" + std::string(text) + "”不是可识别的报告期");
  MINYI_ASSIGN_OR_RETURN(int year, ParseYear(text.substr(0, 4)));
  std::string_view rest = text.substr(4);
  std::string y = std::to_string(year);
  if (rest.empty()) return Make(y, Ymd(year), {year, 1, 1}, {year, 12, 31});
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
    int q = rest[1] - '0';
    if (q < 1 || q > 4) return BadPeriod("季度应为 Q1 至 Q4");
    static constexpr std::array<const char*, 4> kQ = {"一", "二", "三", "四"};
    int m0 = (q - 1) * 3 + 1;
    return Make(y + "Q" + std::to_string(q), Ymd(year) + "第" + kQ[q - 1] + "季度", {year, m0, 1},
                {year, m0 + 2, DaysInMonth(year, m0 + 2)});
  }
  if (rest.size() == 2 && (rest[0] == 'H' || rest[0] == 'h')) {
    int h = rest[1] - '0';
    if (h < 1 || h > 2) return BadPeriod("半年应为 H1（上半年）或 H2（下半年）");
    return h == 1 ? Make(y + "H1", Ymd(year) + "上半年", {year, 1, 1}, {year, 6, 30})
                  : Make(y + "H2", Ymd(year) + "下半年", {year, 7, 1}, {year, 12, 31});
  }
  if (rest.size() == 3 && rest[0] == '-' && AllDigits(rest.substr(1))) {
    int m = ToInt(rest.substr(1));
    if (m < 1 || m > 12) return BadPeriod("月份应在 01 至 12 之间");
    char canon[16];
    std::snprintf(canon, sizeof canon, "%04d-%02d", year, m);
    return Make(canon, Ymd(year) + std::to_string(m) + "月", {year, m, 1}, {year, m, DaysInMonth(year, m)});
  }
  return BadPeriod("“" + std::string(text) + "”不是可识别的报告期");
}

// Kinds ------------------------------------------------------------------------

namespace {
struct KindInfo {
  ReportKind kind;
  const char* name;
  const char* label;
};
constexpr KindInfo kKinds[] = {
    {ReportKind::kBriefing, "briefing", "工作简报"},
    {ReportKind::kMonthly, "monthly", "月度工作报告"},
    {ReportKind::kQuarterly, "quarterly", "季度工作报告"},
    {ReportKind::kHalfYear, "half-year", "半年工作总结"},
    {ReportKind::kAnnual, "annual", "年度工作总结"},
    {ReportKind::kSelfCheck, "self-check", "责任制落实情况自查报告"},
};
}  // namespace

std::string_view ReportKindName(ReportKind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "monthly";
}

std::string_view ReportKindLabel(ReportKind kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

Result<ReportKind> ParseReportKind(std::string_view name) {
  for (const KindInfo& k : kKinds) {
    if (name == k.name) return k.kind;
  }
  return InvalidArgument(
      "报告类型“" + std::string(name.substr(0, 40)) +
      "”无效，应为 briefing（简报）、monthly（月报）、quarterly（季报）、half-year（半年）、annual（年度）或 "
      "self-check（自查）");
}

const std::vector<ReportKind>& AllReportKinds() {
  static const std::vector<ReportKind> kAll = {ReportKind::kBriefing, ReportKind::kMonthly, ReportKind::kQuarterly,
                                               ReportKind::kHalfYear, ReportKind::kAnnual,  ReportKind::kSelfCheck};
  return kAll;
}

std::string_view ReportStatusName(ReportStatus s) { return s == ReportStatus::kFinal ? "final" : "draft"; }
std::string_view ReportStatusLabel(ReportStatus s) { return s == ReportStatus::kFinal ? "定稿" : "草稿"; }

const Figure* ReportDraft::FindFigure(std::string_view key) const {
  for (const Figure& f : figures) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

}  // namespace minyi
