// Case configuration in the database: SLA rules, calendar overrides and
// office hours.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cases/cases.h"

namespace minyi {
namespace {

constexpr const char* kOfficeHoursKey = "cases.office_hours";

SlaRule RuleFromRow(const Rows& r, size_t i) {
  SlaRule s;
  s.case_type = r.Text(i, "case_type");
  s.priority = r.Text(i, "priority");
  s.sign = {r.Int(i, "sign_amount"), r.Text(i, "sign_unit")};
  s.reply = {r.Int(i, "reply_amount"), r.Text(i, "reply_unit")};
  s.close = {r.Int(i, "close_amount"), r.Text(i, "close_unit")};
  return s;
}

Status ValidateLimit(const TimeLimit& t, const char* what) {
  if (t.unit != "hours" && t.unit != "work_hours" && t.unit != "work_days") {
    return InvalidArgument(std::string(what) +
                           "的单位应为 hours（小时）、work_hours（工作小时）或 work_days（工作日）");
  }
  int64_t max = t.unit == "work_days" ? 365 : 24 * 365;
  if (t.amount < 1 || t.amount > max) {
    return InvalidArgument(std::string(what) + "应为 1 到 " + std::to_string(max) + " 之间的整数");
  }
  return Status::Ok();
}

nlohmann::json RuleJson(const SlaRule& s) {
  return {{"sign", s.sign.Label()}, {"reply", s.reply.Label()}, {"close", s.close.Label()}};
}

}  // namespace

Result<std::vector<SlaRule>> ListSlaRules(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT * FROM case_sla ORDER BY case_type, priority"));
  std::vector<SlaRule> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(RuleFromRow(r, i));
  return out;
}

Result<SlaRule> FindSlaRule(Database& db, const std::string& case_type, const std::string& priority) {
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db.Query("SELECT * FROM case_sla WHERE case_type = ? AND priority = ?", {case_type, priority}));
  if (!r.empty()) return RuleFromRow(r, 0);
  MINYI_ASSIGN_OR_RETURN(r, db.Query("SELECT * FROM case_sla WHERE case_type = 'general' AND priority = 'normal'"));
  if (!r.empty()) return RuleFromRow(r, 0);
  return SlaRule{case_type, priority, {1, "work_days"}, {3, "work_days"}, {5, "work_days"}};
}

Status SaveSlaRule(Database& db, const Clock& clock, const Actor& actor, const SlaRule& s) {
  if (s.case_type != "general" && s.case_type != "complex") return InvalidArgument("事项类型应为 general 或 complex");
  if (s.priority != "normal" && s.priority != "urgent") return InvalidArgument("紧急程度应为 normal 或 urgent");
  MINYI_RETURN_IF_ERROR(ValidateLimit(s.sign, "签收时限"));
  MINYI_RETURN_IF_ERROR(ValidateLimit(s.reply, "答复时限"));
  MINYI_RETURN_IF_ERROR(ValidateLimit(s.close, "办结时限"));
  return db.InTransaction([&](Database& tx) -> Status {
    auto before = FindSlaRule(tx, s.case_type, s.priority);
    MINYI_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO case_sla(case_type, priority, sign_amount, sign_unit, reply_amount, reply_unit, "
                   "close_amount, close_unit, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (case_type, priority) DO UPDATE SET sign_amount = excluded.sign_amount, "
                   "sign_unit = excluded.sign_unit, reply_amount = excluded.reply_amount, "
                   "reply_unit = excluded.reply_unit, close_amount = excluded.close_amount, "
                   "close_unit = excluded.close_unit, updated_at = excluded.updated_at",
                   {s.case_type, s.priority, s.sign.amount, s.sign.unit, s.reply.amount, s.reply.unit, s.close.amount,
                    s.close.unit, clock.Now()})
            .status());
    return AppendAudit(tx, clock, actor,
                       {"update", "case_sla", s.case_type + "/" + s.priority,
                        before.ok() ? RuleJson(*before).dump() : "null", RuleJson(s).dump()});
  });
}

Result<WorkCalendar> LoadWorkCalendar(Database& db, const std::string& resource_dir) {
  WorkCalendar cal;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::path(resource_dir) / "data" / "calendar";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("cn-", 0) == 0 && entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    Status st = cal.LoadTsv(ss.str());
    if (!st.ok()) return st.WithContext(f.filename().string());
  }
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT day, kind, name FROM calendar_days"));
  for (size_t i = 0; i < r.size(); ++i) {
    auto day = ParseDate(r.Text(i, "day"));
    if (!day.ok()) continue;
    cal.SetDay(*day, r.Text(i, "kind") == "workday" ? DayKind::kWorkday : DayKind::kHoliday, r.Text(i, "name"));
  }
  MINYI_ASSIGN_OR_RETURN(Rows h, db.Query("SELECT value FROM settings WHERE key = ?", {kOfficeHoursKey}));
  if (!h.empty()) {
    auto hours = OfficeHours::Parse(h.Text(0, "value"));
    if (hours.ok()) cal.set_office_hours(*hours);
  }
  return cal;
}

Status SetCalendarOverride(Database& db, const Clock& clock, const Actor& actor, DayNumber day, const std::string& kind,
                           const std::string& name) {
  if (kind != "holiday" && kind != "workday" && kind != "default") {
    return InvalidArgument("日期类型应为 holiday（放假）、workday（上班）或 default（恢复默认）");
  }
  if (name.size() > 200) return InvalidArgument("名称过长");
  std::string date = FormatDate(day);
  return db.InTransaction([&](Database& tx) -> Status {
    if (kind == "default") {
      MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM calendar_days WHERE day = ?", {date}).status());
    } else {
      MINYI_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO calendar_days(day, kind, name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                     "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                     {date, kind, name, clock.Now(), actor.name})
              .status());
    }
    nlohmann::json after{{"day", date}, {"kind", kind}, {"name", name}};
    return AppendAudit(tx, clock, actor, {"update", "calendar_day", date, "null", after.dump()});
  });
}

Result<std::vector<CalendarOverride>> ListCalendarOverrides(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT * FROM calendar_days ORDER BY day"));
  std::vector<CalendarOverride> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back(
        {r.Text(i, "day"), r.Text(i, "kind"), r.Text(i, "name"), r.Text(i, "updated_by"), r.Int(i, "updated_at")});
  }
  return out;
}

Status SaveOfficeHours(Database& db, const Clock& clock, const Actor& actor, const OfficeHours& hours) {
  if (hours.spans.empty() || hours.SecondsPerDay() < 3600) return InvalidArgument("每天办公时间至少 1 小时");
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                     "value = excluded.value",
                                     {kOfficeHoursKey, hours.ToString()})
                              .status());
    return AppendAudit(tx, clock, actor,
                       {"update", "setting", kOfficeHoursKey, "null", nlohmann::json(hours.ToString()).dump()});
  });
}

}  // namespace minyi
