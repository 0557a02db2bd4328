// The duty-ledger area of a report (责任制落实): meetings and study sessions,
// work tasks and channel security checks, zero-report completeness, the
// year's self-check score and rectifications. Tables: migration 0040.
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "report/facts_internal.h"

namespace minyi {
namespace {

// Units expected to send zero-reports: the kinds in the duty setting
// (src/duty/zero_reports.cc), by default every kind except "other".
Result<std::set<std::string>> ZeroReportKinds(AreaBuilder& b) {
  std::set<std::string> kinds = {"department", "village", "community", "school", "enterprise"};
  MINYI_ASSIGN_OR_RETURN(Rows rows, b.Rows("SELECT value FROM settings WHERE key = ?", {"duty.zero_report_kinds"}));
  if (rows.empty()) return kinds;
  auto j = nlohmann::json::parse(rows.Text(0, "value"), nullptr, false);
  if (!j.is_array()) return kinds;
  kinds.clear();
  for (const auto& k : j) {
    if (k.is_string()) kinds.insert(k.get<std::string>());
  }
  return kinds;
}

std::vector<std::string> MonthsOf(const Period& p) {
  std::vector<std::string> out;
  for (int ym = p.first.year * 12 + p.first.month - 1; ym <= p.last.year * 12 + p.last.month - 1; ++ym) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", ym / 12, ym % 12 + 1);
    out.push_back(buf);
  }
  return out;
}

void ZeroReports(AreaBuilder& b) {
  auto kinds = ZeroReportKinds(b);
  auto units = b.Rows("SELECT id, name, kind FROM units WHERE active = 1 ORDER BY sort_order, id", {});
  if (!kinds.ok() || !units.ok()) return;
  std::vector<std::string> months = MonthsOf(b.period());
  std::map<int64_t, std::string> expected;
  for (size_t i = 0; i < units->size(); ++i) {
    if (kinds->count(units->Text(i, "kind"))) expected[units->Int(i, "id")] = units->Text(i, "name");
  }
  auto rows = b.Rows("SELECT id, unit_id, month FROM duty_zero_reports WHERE month >= ? AND month <= ? ORDER BY id",
                     {months.front(), months.back()});
  if (!rows.ok()) return;
  Figure submitted{"duty.zero_submitted", "零报告实报", 0, "次", "duty_zero_reports", b.Link("/duty/zero"), {}};
  std::map<int64_t, int64_t> per_unit;
  for (size_t i = 0; i < rows->size(); ++i) {
    if (!expected.count(rows->Int(i, "unit_id"))) continue;
    ++submitted.value;
    ++per_unit[rows->Int(i, "unit_id")];
    if (submitted.record_ids.size() < kMaxRecordIds) submitted.record_ids.push_back(rows->Int(i, "id"));
  }
  int64_t want = static_cast<int64_t>(expected.size() * months.size());
  b.area().figures.push_back(Figure{"duty.zero_expected", "零报告应报", want, "次", "units", b.Link("/duty/zero"), {}});
  b.area().figures.push_back(submitted);
  b.Percent({"duty.zero_completeness", "零报告报送完整率", "%", "duty_zero_reports", b.Link("/duty/zero")},
            submitted.value, want);
  ReportTable t{"零报告未报送单位", {"单位", "应报", "实报"}, {}};
  for (const auto& [id, name] : expected) {
    int64_t got = per_unit.count(id) ? per_unit[id] : 0;
    if (got < static_cast<int64_t>(months.size())) {
      t.rows.push_back({name, std::to_string(months.size()), std::to_string(got)});
    }
  }
  if (!t.rows.empty() && t.rows.size() <= 50) b.area().tables.push_back(std::move(t));
}

// "92.5", "100": scores are kept to one decimal.
std::string Score(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// The self-check of the period's (last) year: the submitted one when there
// is one, else the latest draft. Its score and deductions, and the items
// that lost points.
void SelfCheckOfYear(AreaBuilder& b) {
  auto rows = b.Rows(
      "SELECT id, title, status, total_max, total_score FROM duty_selfchecks WHERE year = ? "
      "ORDER BY CASE WHEN status = 'submitted' THEN 0 ELSE 1 END, id DESC",
      {static_cast<int64_t>(b.period().last.year)});
  if (!rows.ok() || rows->empty()) return;
  int64_t id = rows->Int(0, "id");
  double max = rows->Double(0, "total_max"), score = rows->Double(0, "total_score");
  std::string link = "#/duty/selfcheck/detail?id=" + std::to_string(id);
  auto round = [](double v) { return static_cast<int64_t>(v + 0.5); };
  b.area().figures.push_back(
      Figure{"duty.selfcheck_score", "年度自查得分", round(score), "分", "duty_selfchecks", link, {id}});
  b.area().figures.push_back(
      Figure{"duty.selfcheck_deduction", "年度自查扣分", round(max - score), "分", "duty_selfchecks", link, {id}});
  AreaFacts& a = b.area();
  a.texts["selfcheck.title"] = rows->Text(0, "title");
  a.texts["selfcheck.submitted"] = rows->Text(0, "status") == "submitted" ? "1" : "";
  a.texts["selfcheck.score"] = Score(score);
  a.texts["selfcheck.max"] = Score(max);
  a.texts["selfcheck.deduction"] = Score(max - score);
  auto items = b.Rows(
      "SELECT category, content, max_score, deduction, finding FROM duty_selfcheck_items "
      "WHERE selfcheck_id = ? AND deduction > 0 ORDER BY sort_order, id",
      {id});
  if (!items.ok() || items->empty()) return;
  ReportTable t{std::string(kSelfCheckTableTitle), {"类别", "检查内容", "分值", "扣分", "存在问题"}, {}};
  for (size_t i = 0; i < items->size(); ++i) {
    t.rows.push_back({items->Text(i, "category"), items->Text(i, "content"), Score(items->Double(i, "max_score")),
                      Score(items->Double(i, "deduction")), items->Text(i, "finding")});
  }
  a.tables.push_back(std::move(t));
}

// Rectifications: raised in the period (and how many of those are done),
// completed in the period, and overdue at `at` (deadline passed, not done by
// then).
void Rectifications(AreaBuilder& b, UnixSeconds at) {
  const Period& p = b.period();
  SqlParams range{p.begin, p.end};
  b.Ids({"duty.rectifications", "发现问题（整改事项）", "个", "duty_rectifications", b.Link("/duty/selfcheck")},
        "SELECT id FROM duty_rectifications WHERE created_at >= ? AND created_at < ? ORDER BY id", range);
  b.Ids({"duty.rectified", "已完成整改", "个", "duty_rectifications", b.Link("/duty/selfcheck", "status=done")},
        "SELECT id FROM duty_rectifications WHERE created_at >= ? AND created_at < ? AND status = 'done' ORDER BY id",
        range);
  b.Ids({"duty.rect_closed", "期内完成整改", "个", "duty_rectifications", b.Link("/duty/selfcheck", "status=done")},
        "SELECT id FROM duty_rectifications WHERE status = 'done' AND completed_at >= ? AND completed_at < ? "
        "ORDER BY id",
        range);
  b.Ids({"duty.rect_overdue", "逾期未完成整改", "个", "duty_rectifications", "#/duty/selfcheck?status=overdue"},
        "SELECT id FROM duty_rectifications WHERE created_at < ? AND deadline > 0 AND deadline <= ? "
        "AND (status <> 'done' OR completed_at >= ?) ORDER BY id",
        {at, at, at});
}

// Work tasks (occurrences of obligations) due in the period, and of those
// the channel security checks (阵地安全检查, one occurrence per channel).
// due_at is the exclusive end of the due day, so "due in the period" is
// begin < due_at <= end; late means not done by min(now, end).
void Tasks(AreaBuilder& b, UnixSeconds at) {
  const Period& p = b.period();
  SqlParams range{p.begin, p.end};
  b.Ids({"duty.tasks_due", "到期工作任务", "项", "duty_occurrences", b.Link("/duty/tasks")},
        "SELECT id FROM duty_occurrences WHERE due_at > ? AND due_at <= ? ORDER BY id", range);
  b.Ids({"duty.tasks_done", "已完成工作任务", "项", "duty_occurrences", b.Link("/duty/tasks", "status=done")},
        "SELECT id FROM duty_occurrences WHERE due_at > ? AND due_at <= ? AND status = 'done' ORDER BY id", range);
  b.Ids({"duty.tasks_late", "逾期未完成工作任务", "项", "duty_occurrences", b.Link("/duty/tasks", "status=late")},
        "SELECT id FROM duty_occurrences WHERE due_at > ? AND due_at <= ? AND (status <> 'done' OR done_at >= ?) "
        "ORDER BY id",
        {p.begin, at, at});
  const char* kChecks =
      "SELECT o.id FROM duty_occurrences o JOIN duty_obligations g ON g.id = o.obligation_id "
      "WHERE g.kind = 'channel_check' AND o.due_at > ? AND o.due_at <= ?";
  b.Ids({"duty.channel_checks", "应开展阵地安全检查", "次", "duty_occurrences",
         b.Link("/duty/tasks", "kind=channel_check")},
        std::string(kChecks) + " ORDER BY o.id", range);
  b.Ids({"duty.channel_checks_done", "已完成阵地安全检查", "次", "duty_occurrences",
         b.Link("/duty/tasks", "kind=channel_check&status=done")},
        std::string(kChecks) + " AND o.status = 'done' ORDER BY o.id", range);
}

}  // namespace

// Duty ledger: migration 0040 (records, zero-reports, self-checks,
// rectifications, obligation occurrences).
Result<AreaFacts> GatherDutyFacts(Database& db, const Period& p, UnixSeconds now) {
  AreaBuilder b(db, p, "责任制落实");
  if (!b.Require({"duty_records", "duty_zero_reports", "duty_rectifications", "duty_selfchecks", "duty_occurrences"})) {
    return b.Finish();
  }
  SqlParams range{p.begin, p.end};
  b.Ids({"duty.meetings", "专题会议", "次", "duty_records", b.Link("/duty/records", "kind=meeting,special_session")},
        "SELECT id FROM duty_records WHERE kind IN ('meeting', 'special_session') AND held_at >= ? AND held_at < ? "
        "ORDER BY id",
        range);
  b.Ids({"duty.studies", "集中学习与培训", "次", "duty_records", b.Link("/duty/records", "kind=study,training")},
        "SELECT id FROM duty_records WHERE kind IN ('study', 'training') AND held_at >= ? AND held_at < ? ORDER BY id",
        range);
  UnixSeconds at = std::min(now, p.end);
  Tasks(b, at);
  ZeroReports(b);
  b.Ids({"duty.selfchecks", "提交自查", "次", "duty_selfchecks", b.Link("/duty/selfcheck")},
        "SELECT id FROM duty_selfchecks WHERE submitted_at >= ? AND submitted_at < ? ORDER BY id", range);
  Rectifications(b, at);
  SelfCheckOfYear(b);
  return b.Finish();
}

}  // namespace minyi
