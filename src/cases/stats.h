// Case statistics: the KPIs the responsibility system is judged by, per lead
// department and period, and their export to .xlsx.
//
// Definitions (period = [start, end) in China local time; a case counts for
// its current lead department, "未分派" when it has none):
// - 受理数 received: cases with received_at in the period.
// - 办结数 closed_of_received: of those, cases closed (办结, not reopened
//   since) before the period end.
// - 办结率 closure_rate = closed_of_received / received. We chose "received in
//   the period" as the denominator (not "due in the period") because every
//   case is counted exactly once, in the month it came in, and the rate of a
//   past month only rises as late cases are closed.
// - 期内办结 closed_in_period: cases whose closure (closed_at) falls in the period.
// - 按期办结 on_time: of those, closed no later than the closure deadline
//   (clocks.h: SLA, extensions, 上级交办 deadline, pauses).
// - 按时办结率 on_time_rate = on_time / closed_in_period.
// - 平均签收/首次答复/办结用时 avg_*_hours: mean elapsed WORKING hours (pauses
//   excluded) of the signings / first replies / closures that fall in the
//   period.
// - 满意度 satisfaction_avg: mean score (1..5) of evaluations recorded in the
//   period; satisfied_rate = share of scores >= 4.
// - 当前逾期 overdue_open: cases received before the period end that are
//   still open now and past their closure deadline now.
// Rates are 0 when their denominator is 0 (the xlsx and UI show "—").
//
// Thread safety: free functions; as Database.
#pragma once

#include <string>
#include <vector>

#include "cases/cases.h"

namespace minyi {

struct StatsPeriod {
  UnixSeconds start = 0, end = 0;
  std::string label;  // "2026年11月"
};

// "2026-11" (month), "2026-Q4" (quarter), "2026" (year) or
// "2026-11-01..2026-11-15" (inclusive days).
Result<StatsPeriod> ParseStatsPeriod(std::string_view text);

struct DeptKpi {
  int64_t unit_id = 0;
  std::string unit_name;
  int64_t received = 0, closed_of_received = 0, closed_in_period = 0, on_time = 0, overdue_open = 0;
  double closure_rate = 0, on_time_rate = 0;
  int64_t signed_count = 0, replied_count = 0;
  double avg_sign_hours = 0, avg_reply_hours = 0, avg_close_hours = 0;
  int64_t evaluated = 0, satisfied = 0;
  double satisfaction_avg = 0, satisfied_rate = 0;
};

struct KpiReport {
  StatsPeriod period;
  std::vector<DeptKpi> departments;  // by unit sort order; only units with cases
  DeptKpi total;                     // unit_id 0, "合计"
  UnixSeconds computed_at = 0;
};

Result<KpiReport> ComputeKpis(Database& db, const WorkCalendar& cal, const StatsPeriod& period, UnixSeconds now);

// An .xlsx workbook: sheet 部门指标 (one row per department and 合计) and
// sheet 事项清单 (cases received in the period with their clocks).
Result<std::string> ExportKpisXlsx(Database& db, const WorkCalendar& cal, const KpiReport& report, UnixSeconds now);

}  // namespace minyi
