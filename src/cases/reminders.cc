#include "cases/reminders.h"

#include <nlohmann/json.hpp>

#include "cases/cases_internal.h"
#include "cases/clocks.h"
#include "notify/notify.h"

namespace minyi {
namespace {

std::string_view LevelLabel(std::string_view level) {
  if (level == "warning") return "临期预警";
  if (level == "cuiban") return "催办";
  return "督办";
}

// warning → case_warning (to the handling department), cuiban → case_urge
// (催办, to the handler), duban → case_supervise (督办, to the leaders); the
// rota routes each kind to whoever is on duty.
Notification ReminderNotification(const CaseRecord& c, const StageClock& s, std::string_view level,
                                  const std::string& message) {
  Notification n;
  n.kind = level == "warning" ? "case_warning" : level == "cuiban" ? "case_urge" : "case_supervise";
  n.title = std::string(LevelLabel(level)) + "：" + c.code + " " + s.label + "时限";
  n.body = message;
  n.link = "#/cases/detail?id=" + std::to_string(c.id);
  n.event_key = c.id;
  n.urgent = level != "warning";
  return n;
}

// Stores one reminder unless it exists; returns whether it was new.
Result<bool> RecordReminder(Database& db, const Clock& clock, const CaseRecord& c, const StageClock& s,
                            std::string_view level, int64_t unit, std::string_view role) {
  std::string message = std::string(LevelLabel(level)) + "：事项 " + c.code + "“" + c.title + "”的" + s.label +
                        "时限为 " + FormatLocalTime(s.deadline) +
                        (level == "warning" ? "，即将到期，请抓紧办理。" : "，已超期，请立即办理并说明情况。");
  bool inserted = false;
  Actor system{0, "系统（时限提醒）"};
  MINYI_RETURN_IF_ERROR(db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        int64_t n,
        tx.Execute("INSERT INTO case_reminders(case_id, stage, level, deadline, target_unit_id, "
                   "target_role, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (case_id, stage, level, deadline) DO NOTHING",
                   {c.id, s.stage, level, s.deadline, unit ? SqlValue(unit) : SqlValue(), role, message, clock.Now()}));
    inserted = n > 0;
    if (!inserted) return Status::Ok();
    nlohmann::json data{{"stage", s.stage}, {"level", level}, {"deadline", s.deadline}};
    MINYI_RETURN_IF_ERROR(AppendCaseEvent(tx, clock, system, c.id, "remind", c.state, c.state, message, data.dump()));
    // Same transaction as the reminder row, so each reminder is sent exactly
    // once: the UNIQUE key above is the deduplication.
    MINYI_RETURN_IF_ERROR(EnqueueNotification(tx, clock, ReminderNotification(c, s, level, message)).status());
    return AppendAudit(tx, clock, system, {"remind", "case", std::to_string(c.id), "null", data.dump()});
  }));
  return inserted;
}

}  // namespace

Result<ReminderScanResult> ScanCaseReminders(Database& db, const Clock& clock, const WorkCalendar& cal,
                                             const ReminderOptions& options) {
  ReminderScanResult out;
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT * FROM cases WHERE state NOT IN ('closed', 'evaluated') "
                                             "ORDER BY id LIMIT 10000"));
  UnixSeconds now = clock.Now();
  for (size_t i = 0; i < rows.size(); ++i) {
    CaseRecord c = CaseFromRow(rows, i);
    MINYI_ASSIGN_OR_RETURN(auto events, LoadCaseEvents(db, c.id));
    MINYI_ASSIGN_OR_RETURN(SlaRule rule, FindSlaRule(db, c.case_type, c.priority));
    CaseClocks clocks = ComputeClocks(c, events, rule, cal, now);
    // Keeps the overdue list's cached deadline current (pauses, calendar and
    // SLA edits move deadlines without a transition).
    UnixSeconds due = EarliestRunningDeadline(c, clocks);
    if ((rows.IsNull(i, "due_at") ? 0 : rows.Int(i, "due_at")) != due) MINYI_RETURN_IF_ERROR(StoreDueAt(db, c.id, due));
    if (c.paused) continue;
    int64_t unit = c.lead_unit_id ? c.lead_unit_id : c.dispatch_unit_id;
    for (const StageClock* s : {&clocks.sign, &clocks.reply, &clocks.close}) {
      if (!s->started() || s->done()) continue;
      int64_t limit = s->limit.Seconds(cal);
      if (s->remaining_seconds > 0) {
        if (s->remaining_seconds <= static_cast<int64_t>(limit * options.warn_fraction)) {
          MINYI_ASSIGN_OR_RETURN(bool added, RecordReminder(db, clock, c, *s, "warning", unit, "handler"));
          out.warnings += added;
        }
        continue;
      }
      MINYI_ASSIGN_OR_RETURN(bool added, RecordReminder(db, clock, c, *s, "cuiban", unit, "handler"));
      out.cuiban += added;
      if (-s->remaining_seconds >= options.duban_after_work_seconds) {
        MINYI_ASSIGN_OR_RETURN(bool escalated, RecordReminder(db, clock, c, *s, "duban", 0, "leader"));
        out.duban += escalated;
      }
    }
  }
  return out;
}

Result<std::vector<CaseReminder>> ListCaseReminders(Database& db, int64_t case_id, int64_t limit) {
  std::string sql = "SELECT r.*, c.code, c.title FROM case_reminders r JOIN cases c ON c.id = r.case_id" +
                    std::string(case_id ? " WHERE r.case_id = ?" : "") +
                    " ORDER BY r.created_at DESC, r.id DESC LIMIT ?";
  SqlParams p;
  if (case_id) p.emplace_back(case_id);
  p.emplace_back(limit);
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query(sql, p));
  std::vector<CaseReminder> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back({r.Int(i, "id"), r.Int(i, "case_id"), r.Text(i, "stage"), r.Text(i, "level"), r.Int(i, "deadline"),
                   r.Int(i, "target_unit_id"), r.Text(i, "target_role"), r.Text(i, "message"), r.Int(i, "created_at"),
                   r.Text(i, "code"), r.Text(i, "title")});
  }
  return out;
}

}  // namespace minyi
