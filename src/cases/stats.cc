#include "cases/stats.h"

#include <map>

#include "cases/cases_internal.h"
#include "cases/clocks.h"

namespace minyi {
namespace {

struct Acc {
  DeptKpi k;
  double sign_sum = 0, reply_sum = 0, close_sum = 0, score_sum = 0;
};

bool In(const StatsPeriod& p, UnixSeconds t) { return t >= p.start && t < p.end; }

void Add(Acc& a, const CaseRecord& c, const CaseClocks& clocks, const StatsPeriod& p, UnixSeconds now) {
  DeptKpi& k = a.k;
  if (In(p, c.received_at)) {
    ++k.received;
    if (c.closed_at && *c.closed_at < p.end && !CaseIsOpen(c.state)) ++k.closed_of_received;
  }
  if (!CaseIsOpen(c.state) && In(p, clocks.close.end)) {
    ++k.closed_in_period;
    if (!clocks.close.overdue) ++k.on_time;
    a.close_sum += clocks.close.elapsed_work_seconds / 3600.0;
  }
  if (clocks.sign.done() && In(p, clocks.sign.end)) {
    ++k.signed_count;
    a.sign_sum += clocks.sign.elapsed_work_seconds / 3600.0;
  }
  if (clocks.reply.done() && In(p, clocks.reply.end)) {
    ++k.replied_count;
    a.reply_sum += clocks.reply.elapsed_work_seconds / 3600.0;
  }
  if (c.satisfaction && c.evaluated_at && In(p, *c.evaluated_at)) {
    ++k.evaluated;
    if (*c.satisfaction >= 4) ++k.satisfied;
    a.score_sum += *c.satisfaction;
  }
  if (CaseIsOpen(c.state) && c.received_at < p.end && clocks.close.overdue) ++k.overdue_open;
  (void)now;
}

double Ratio(double n, int64_t d) { return d == 0 ? 0.0 : n / static_cast<double>(d); }

DeptKpi Finish(const Acc& a) {
  DeptKpi k = a.k;
  k.closure_rate = Ratio(k.closed_of_received, k.received);
  k.on_time_rate = Ratio(k.on_time, k.closed_in_period);
  k.avg_sign_hours = Ratio(a.sign_sum, k.signed_count);
  k.avg_reply_hours = Ratio(a.reply_sum, k.replied_count);
  k.avg_close_hours = Ratio(a.close_sum, k.closed_in_period);
  k.satisfaction_avg = Ratio(a.score_sum, k.evaluated);
  k.satisfied_rate = Ratio(k.satisfied, k.evaluated);
  return k;
}

}  // namespace

Result<StatsPeriod> ParseStatsPeriod(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("统计期间格式不正确（示例：2026-11、2026-Q4、2026 或 2026-11-01..2026-11-15）");
  };
  if (text.size() > 40) return bad();
  std::string s(text);
  size_t dots = s.find("..");
  if (dots != std::string::npos) {
    auto a = ParseDate(s.substr(0, dots));
    auto b = ParseDate(s.substr(dots + 2));
    if (!a.ok() || !b.ok() || *b < *a) return bad();
    return StatsPeriod{DayStart(*a), DayStart(*b + 1), FormatDate(*a) + " 至 " + FormatDate(*b)};
  }
  auto num = [](const std::string& t, int& out) {
    if (t.empty() || t.size() > 4 || t.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::stoi(t);
    return true;
  };
  int year = 0;
  if (!num(s.substr(0, 4), year) || year < 1970 || year > 2200) return bad();
  if (s.size() == 4) {
    return StatsPeriod{DayStart(DayFromCivil({year, 1, 1})), DayStart(DayFromCivil({year + 1, 1, 1})),
                       std::to_string(year) + "年"};
  }
  if (s.size() < 6 || s[4] != '-') return bad();
  std::string rest = s.substr(5);
  int m = 0;
  if ((rest[0] == 'Q' || rest[0] == 'q') && rest.size() == 2 && rest[1] >= '1' && rest[1] <= '4') {
    int q = rest[1] - '0';
    CivilDate from{year, (q - 1) * 3 + 1, 1};
    CivilDate to = q == 4 ? CivilDate{year + 1, 1, 1} : CivilDate{year, q * 3 + 1, 1};
    return StatsPeriod{DayStart(DayFromCivil(from)), DayStart(DayFromCivil(to)),
                       std::to_string(year) + "年第" + std::to_string(q) + "季度"};
  }
  if (!num(rest, m) || m < 1 || m > 12 || rest.size() > 2) return bad();
  CivilDate to = m == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, m + 1, 1};
  return StatsPeriod{DayStart(DayFromCivil({year, m, 1})), DayStart(DayFromCivil(to)),
                     std::to_string(year) + "年" + std::to_string(m) + "月"};
}

Result<KpiReport> ComputeKpis(Database& db, const WorkCalendar& cal, const StatsPeriod& period, UnixSeconds now) {
  // Every case received before the period end may contribute (a sign, reply
  // or closure in the period; an overdue open case).
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT * FROM cases WHERE received_at < ? ORDER BY id", {period.end}));
  MINYI_ASSIGN_OR_RETURN(Rows units, db.Query("SELECT id, name FROM units ORDER BY sort_order, id"));
  MINYI_ASSIGN_OR_RETURN(auto rules, ListSlaRules(db));
  std::map<int64_t, Acc> by_unit;
  Acc total;
  for (size_t i = 0; i < rows.size(); ++i) {
    CaseRecord c = CaseFromRow(rows, i);
    // Skip cases that can no longer matter to this period.
    if (!CaseIsOpen(c.state) && c.closed_at && *c.closed_at < period.start &&
        (!c.evaluated_at || *c.evaluated_at < period.start)) {
      continue;
    }
    MINYI_ASSIGN_OR_RETURN(auto events, LoadCaseEvents(db, c.id));
    SlaRule rule;
    bool found = false;
    for (const SlaRule& r : rules) {
      if (r.case_type == c.case_type && r.priority == c.priority) {
        rule = r;
        found = true;
      }
    }
    if (!found) {
      MINYI_ASSIGN_OR_RETURN(rule, FindSlaRule(db, c.case_type, c.priority));
    }
    CaseClocks clocks = ComputeClocks(c, events, rule, cal, now);
    Add(by_unit[c.lead_unit_id], c, clocks, period, now);
    Add(total, c, clocks, period, now);
  }
  KpiReport report;
  report.period = period;
  report.computed_at = now;
  auto emit = [&](int64_t id, const std::string& name) {
    auto it = by_unit.find(id);
    if (it == by_unit.end()) return;
    DeptKpi k = Finish(it->second);
    if (k.received + k.closed_in_period + k.signed_count + k.replied_count + k.evaluated + k.overdue_open == 0) return;
    k.unit_id = id;
    k.unit_name = name;
    report.departments.push_back(k);
  };
  for (size_t i = 0; i < units.size(); ++i) emit(units.Int(i, "id"), units.Text(i, "name"));
  emit(0, "未分派");
  report.total = Finish(total);
  report.total.unit_name = "合计";
  return report;
}

}  // namespace minyi
