// Internal to src/report: calendar helpers, the facts gathered from each
// subsystem's tables, and small text helpers shared by the writers.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace minyi {

int DaysInMonth(int year, int month);
int64_t DaysFromCivil(const ReportDate& d);
ReportDate CivilFromDays(int64_t days);
ReportDate LocalDate(UnixSeconds t);           // calendar day in China time
std::string FormatDate(const ReportDate& d);   // "2026-09-01"
std::string ChineseDate(const ReportDate& d);  // "2026年9月1日"

// One source area (review desk, monitoring, cases, duty ledger). When its
// tables are missing `installed` is false and `note` says so; the report
// then mentions the area as not installed instead of printing zeros.
struct AreaFacts {
  std::string name;  // "稿件审校"
  bool installed = false;
  std::string note;  // why the area has no figures
  std::vector<Figure> figures;
  std::vector<Chart> charts;
  std::vector<ReportTable> tables;
  // Preformatted values the prose needs beyond integer figures, e.g. the
  // self-check score "92.5" (figures are whole numbers).
  std::map<std::string, std::string> texts;

  const Figure* Get(std::string_view key) const;
  int64_t Value(std::string_view key) const;  // 0 when absent
};

struct ReportFacts {
  AreaFacts review, monitor, cases, duty, rota, briefings;
  std::vector<const AreaFacts*> All() const { return {&review, &monitor, &cases, &duty, &rota, &briefings}; }
};

// Title of the duty area's table of self-check items that lost points; the
// drafting shows it in annual and self-check reports only.
inline constexpr std::string_view kSelfCheckTableTitle = "年度自查扣分情况";

// One gatherer per area; each returns an error only when the database itself
// fails, never because a module is not installed.
Result<AreaFacts> GatherReviewFacts(Database& db, const Period& p);
Result<AreaFacts> GatherMonitorFacts(Database& db, const Period& p);
// "Overdue" figures are judged at min(now, period end): what was late by the
// end of the period, or by now for the current period.
Result<AreaFacts> GatherCaseFacts(Database& db, const Period& p, UnixSeconds now);
Result<AreaFacts> GatherDutyFacts(Database& db, const Period& p, UnixSeconds now);
Result<AreaFacts> GatherRotaFacts(Database& db, const Period& p);      // facts_rota.cc
Result<AreaFacts> GatherBriefingFacts(Database& db, const Period& p);  // facts_briefings.cc
// The sentence of 基本情况 for each of those two areas ("" when not installed).
std::string RotaText(const AreaFacts& rota);
std::string BriefingText(const AreaFacts& briefings);
Result<ReportFacts> GatherFacts(Database& db, const Period& p, UnixSeconds now);

// True when the table exists (probed with SELECT 1 FROM t WHERE 1=0).
bool TableExists(Database& db, std::string_view table);

std::string XmlEscape(std::string_view s);
std::string Base64(std::string_view bytes);
std::string FigureText(const Figure& f);  // "12 篇"

}  // namespace minyi
