// Monthly zero-reports and situation reports from units: submission (with
// the reporter's own-unit rule), completeness per month, reminders.
#include <algorithm>
#include <map>
#include <set>

#include "duty/duty_internal.h"
#include "store/attachments.h"

namespace minyi {

using namespace duty_internal;  // NOLINT(google-build-using-namespace): .cc only

namespace {

constexpr const char* kKindsSetting = "duty.zero_report_kinds";
constexpr size_t kMaxMatters = 50;

Json MattersJson(const std::vector<ZeroReportMatter>& ms) {
  Json out = Json::array();
  for (const auto& m : ms) out.push_back({{"title", m.title}, {"detail", m.detail}});
  return out;
}

std::vector<ZeroReportMatter> MattersFrom(const std::string& text) {
  std::vector<ZeroReportMatter> out;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_object()) out.push_back({e.value("title", ""), e.value("detail", "")});
  }
  return out;
}

ZeroReport ReportFromRow(const Rows& rows, size_t i) {
  ZeroReport r;
  r.id = rows.Int(i, "id");
  r.unit_id = rows.Int(i, "unit_id");
  r.unit_name = rows.Text(i, "unit_name");
  r.month = rows.Text(i, "month");
  r.nothing_to_report = rows.Int(i, "nothing_to_report") != 0;
  r.matters = MattersFrom(rows.Text(i, "matters_json"));
  r.note = rows.Text(i, "note");
  r.submitted_by_name = rows.Text(i, "submitted_by_name");
  r.submitted_at = rows.Int(i, "submitted_at");
  return r;
}

Json ReportJson(const ZeroReport& r) {
  return Json{{"unit_id", r.unit_id},
              {"month", r.month},
              {"nothing_to_report", r.nothing_to_report},
              {"matters", MattersJson(r.matters)},
              {"note", r.note}};
}

Status ValidateReport(const ZeroReport& r) {
  MINYI_RETURN_IF_ERROR(CheckMonthKey(r.month));
  MINYI_RETURN_IF_ERROR(CheckText(r.note, "备注", 3000, false));
  if (r.nothing_to_report && !r.matters.empty()) return InvalidArgument("选择“本月无情况”时不能同时填写情况");
  if (!r.nothing_to_report && r.matters.empty()) return InvalidArgument("请填写至少一条情况，或选择“本月无情况”");
  if (r.matters.size() > kMaxMatters) return InvalidArgument("情况条目过多（上限 50 条）");
  for (const auto& m : r.matters) {
    MINYI_RETURN_IF_ERROR(CheckText(m.title, "情况标题", 300, true));
    MINYI_RETURN_IF_ERROR(CheckText(m.detail, "情况说明", 6000, false));
  }
  return Status::Ok();
}

constexpr const char* kReportSelect =
    "SELECT z.*, u.name AS unit_name FROM duty_zero_reports z JOIN units u ON u.id = z.unit_id ";

}  // namespace

Result<int64_t> DutyService::SubmitZeroReport(const Actor& actor, const User& reporter, const ZeroReport& r) {
  MINYI_RETURN_IF_ERROR(ValidateReport(r));
  if (r.month > MonthKeyOf(clock_.Now())) return InvalidArgument("不能报送未来月份（" + r.month + "）的零报告");
  OrgRepo org(db_, clock_);
  if (reporter.role == Role::kReporter) {
    if (reporter.unit_id == 0) return PermissionDenied("您的账号未关联单位，不能报送零报告，请联系管理员");
    if (r.unit_id != reporter.unit_id) {
      auto own = org.GetUnit(reporter.unit_id);
      return PermissionDenied("信息员只能报送本单位（" + (own.ok() ? own->name : std::string("本单位")) + "）的零报告");
    }
  }
  MINYI_ASSIGN_OR_RETURN(Unit unit, org.GetUnit(r.unit_id));
  if (!unit.active) return FailedPrecondition("单位“" + unit.name + "”已停用，不能报送");
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        Rows old, tx.Query(std::string(kReportSelect) + "WHERE z.unit_id = ? AND z.month = ?", {r.unit_id, r.month}));
    Json before = old.empty() ? Json(nullptr) : ReportJson(ReportFromRow(old, 0));
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId(
                "INSERT INTO duty_zero_reports(unit_id, month, nothing_to_report, matters_json, note, submitted_by, "
                "submitted_by_name, submitted_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (unit_id, month) DO UPDATE SET nothing_to_report = excluded.nothing_to_report, "
                "matters_json = excluded.matters_json, note = excluded.note, submitted_by = excluded.submitted_by, "
                "submitted_by_name = excluded.submitted_by_name, updated_at = excluded.updated_at RETURNING id",
                {r.unit_id, r.month, r.nothing_to_report, MattersJson(r.matters).dump(), r.note, OptId(reporter.id),
                 actor.name, now, now}));
    MINYI_RETURN_IF_ERROR(LinkAttachments(tx, actor, r.attachment_ids, "zero_report", id));
    return Audit(tx, clock_, actor, old.empty() ? "submit" : "update", "duty_zero_report", id, before, ReportJson(r));
  }));
  return id;
}

Result<std::vector<ZeroReport>> DutyService::ListZeroReports(const std::string& month, int64_t unit_id) {
  std::string sql = std::string(kReportSelect) + "WHERE 1 = 1";
  SqlParams p;
  if (!month.empty()) {
    MINYI_RETURN_IF_ERROR(CheckMonthKey(month));
    sql += " AND z.month = ?";
    p.push_back(month);
  }
  if (unit_id != 0) {
    sql += " AND z.unit_id = ?";
    p.push_back(unit_id);
  }
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql + " ORDER BY z.month DESC, u.sort_order, u.id LIMIT 5000", p));
  std::vector<ZeroReport> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReportFromRow(rows, i));
  return out;
}

Result<ZeroReport> DutyService::GetZeroReport(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne(std::string(kReportSelect) + "WHERE z.id = ?", {id},
                                                 "找不到零报告 " + std::to_string(id)));
  ZeroReport r = ReportFromRow(rows, 0);
  r.attachment_ids = AttachmentIds(db_, "zero_report", id);
  return r;
}

Result<std::vector<std::string>> DutyService::ZeroReportKinds() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT value FROM settings WHERE key = ?", {kKindsSetting}));
  if (rows.empty()) return std::vector<std::string>{"department", "village", "community", "school", "enterprise"};
  return StringsFrom(rows.Text(0, "value"));
}

Status DutyService::SetZeroReportKinds(const Actor& actor, const std::vector<std::string>& kinds) {
  for (const std::string& k : kinds) {
    if (!IsValidUnitKind(k)) return InvalidArgument("单位类别无效：" + k);
  }
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(std::vector<std::string> before, DutyService(tx, clock_).ZeroReportKinds());
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                     "value = excluded.value",
                                     {kKindsSetting, StringsJson(kinds).dump()})
                              .status());
    return Audit(tx, clock_, actor, "update", "setting", 0, Json{{kKindsSetting, before}},
                 Json{{kKindsSetting, kinds}});
  });
}

Result<Completeness> DutyService::ZeroReportCompleteness(const std::vector<std::string>& months) {
  if (months.empty() || months.size() > 36) return InvalidArgument("月份数量应为 1–36");
  for (const auto& m : months) MINYI_RETURN_IF_ERROR(CheckMonthKey(m));
  MINYI_ASSIGN_OR_RETURN(std::vector<std::string> kinds_list, ZeroReportKinds());
  std::set<std::string> kinds(kinds_list.begin(), kinds_list.end());
  MINYI_ASSIGN_OR_RETURN(auto units, OrgRepo(db_, clock_).ListUnits(false));
  std::vector<std::string> sorted = months;
  std::sort(sorted.begin(), sorted.end());
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id, unit_id, month, nothing_to_report FROM duty_zero_reports "
                                              "WHERE month >= ? AND month <= ?",
                                              {sorted.front(), sorted.back()}));
  std::map<std::pair<int64_t, std::string>, std::pair<int64_t, bool>> got;
  for (size_t i = 0; i < rows.size(); ++i) {
    got[{rows.Int(i, "unit_id"), rows.Text(i, "month")}] = {rows.Int(i, "id"), rows.Int(i, "nothing_to_report") != 0};
  }
  Completeness c;
  c.months = months;
  c.submitted.assign(months.size(), 0);
  for (const Unit& u : units) {
    if (!kinds.count(u.kind)) continue;
    CompletenessRow row{u.id, u.name, u.kind, {}, {}};
    for (size_t m = 0; m < months.size(); ++m) {
      auto it = got.find({u.id, months[m]});
      if (it == got.end()) {
        row.cells.emplace_back("");
        row.report_ids.push_back(0);
      } else {
        row.cells.emplace_back(it->second.second ? "zero" : "matters");
        row.report_ids.push_back(it->second.first);
        ++c.submitted[m];
      }
    }
    c.rows.push_back(std::move(row));
  }
  c.expected = static_cast<int>(c.rows.size());
  return c;
}

Result<int> DutyService::RemindMissingZeroReports(const Actor& actor, const std::string& month) {
  MINYI_ASSIGN_OR_RETURN(Completeness c, ZeroReportCompleteness({month}));
  int added = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    DutyService svc(tx, clock_);
    for (const CompletenessRow& row : c.rows) {
      if (!row.cells[0].empty()) continue;
      Reminder r{0,
                 "zero_report_missing",
                 row.unit_name + "尚未报送 " + month + " 零报告，请尽快报送",
                 0,
                 row.unit_id,
                 "unit",
                 row.unit_id,
                 0};
      MINYI_ASSIGN_OR_RETURN(bool fresh, svc.AddReminder(tx, "zero:" + std::to_string(row.unit_id) + ":" + month, r));
      added += fresh ? 1 : 0;
    }
    if (added > 0) {
      MINYI_RETURN_IF_ERROR(
          Audit(tx, clock_, actor, "remind", "duty_zero_report", 0, nullptr, Json{{"month", month}, {"units", added}}));
    }
    return Status::Ok();
  }));
  return added;
}

}  // namespace minyi
