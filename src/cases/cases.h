// Cases (处置): events and complaints become cases that departments sign for,
// answer and close against working-day deadlines.
//
// Contract:
// - Workflow: 受理(received) → 分派(dispatched) → 签收(processing, 办理/核实)
//   → 答复(replied) → 审核通过 = 办结(closed) → 回访评价(evaluated). Also
//   退回 (returned, back to the dispatcher with a reason), 审核退回 (replied →
//   processing), 延期 (request by the lead department, decision by a leader;
//   adds working days to the reply and closure deadlines), 重办 (reopen a
//   closed case), 暂停计时/恢复计时 (pause intervals for waiting periods).
// - Every transition checks the actor's role AND unit here, in the service
//   (routes only check the coarse role): dispatcher = admin, leader, or a
//   handler of the case's dispatching office; the lead department's handlers
//   sign, return, reply and ask for extensions; co-departments' handlers add
//   progress notes; a leader approves or rejects replies and extensions.
// - Each transition appends one row to case_events and one audit record in the
//   same transaction as the change; the event log is what clocks are computed
//   from (clocks.h).
//
// Thread safety: CaseService holds references only; use one per request or
// thread. The Database must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/env.h"
#include "common/status.h"
#include "store/org.h"
#include "store/store.h"

namespace minyi {

enum class CaseState { kReceived, kDispatched, kProcessing, kReplied, kClosed, kEvaluated, kReturned };

std::string_view CaseStateName(CaseState s);   // "processing"
std::string_view CaseStateLabel(CaseState s);  // "办理中"
Result<CaseState> ParseCaseState(std::string_view name);
bool CaseIsOpen(CaseState s);  // not closed/evaluated

// Actions as stored in case_events.action and used by the API.
// create dispatch sign return progress reply approve reject evaluate
// extend_request extend_approve extend_reject reopen pause resume
std::string_view CaseActionLabel(std::string_view action);  // "分派"

// Valid values: origin monitor_event|monitor_item|superior|complaint|manual;
// case_type general|complex; priority normal|urgent.
std::string_view CaseOriginLabel(std::string_view origin);
std::string_view CaseTypeLabel(std::string_view case_type);
std::string_view CasePriorityLabel(std::string_view priority);
std::string_view SatisfactionLabel(int score);  // 1..5

struct CaseRecord {
  int64_t id = 0;
  std::string code;  // "SJ-2026-0001"
  std::string title, description;
  std::string origin, origin_ref, channel, category, region;
  std::string case_type = "general";
  std::string priority = "normal";
  CaseState state = CaseState::kReceived;
  int64_t dispatch_unit_id = 0;
  int64_t lead_unit_id = 0;
  std::vector<int64_t> co_unit_ids;
  std::optional<UnixSeconds> superior_deadline;
  int64_t extension_days = 0;
  bool extension_pending = false;
  bool paused = false;
  std::optional<int> satisfaction;
  UnixSeconds received_at = 0;
  std::optional<UnixSeconds> signed_at, first_reply_at, closed_at, evaluated_at;
  int64_t created_by = 0;
  UnixSeconds updated_at = 0;
};

struct CaseEvent {
  int64_t id = 0;
  int64_t case_id = 0;
  UnixSeconds at = 0;
  int64_t actor_id = 0;
  std::string actor_name, action, from_state, to_state, note;
  std::string data_json = "{}";  // e.g. {"days":3}, {"attachments":[4,5]}, {"lead_unit_id":2}
};

// The person acting, with the role and unit the permission rules look at.
struct CaseActor {
  Actor actor;
  Role role = Role::kReporter;
  int64_t unit_id = 0;
};

struct NewCase {
  std::string origin = "manual";
  std::string origin_ref;  // monitor event/item id, 上级交办 reference number, 12345 ticket number
  std::string channel;     // complaints: mailbox (县长信箱), hotline (12345)
  std::string category;    // 诉求类型 and the like
  std::string region;
  std::string title, description;
  std::string case_type = "general";
  std::string priority = "normal";
  std::optional<UnixSeconds> superior_deadline;  // 上级交办 required deadline
  std::optional<UnixSeconds> received_at;        // default: now
  int64_t dispatch_unit_id = 0;                  // 0: the actor's unit
};

// A time limit: amount in natural hours, working hours or working days.
struct TimeLimit {
  int64_t amount = 0;
  std::string unit = "work_days";  // hours | work_hours | work_days
  bool natural() const { return unit == "hours"; }
  int64_t Seconds(const WorkCalendar& cal) const;  // natural or working seconds
  std::string Label() const;                       // "3个工作日"
};

struct SlaRule {
  std::string case_type, priority;
  TimeLimit sign, reply, close;
};

struct CaseFilter {
  std::optional<CaseState> state;
  bool open_only = false;
  int64_t unit_id = 0;       // lead, co- or dispatching unit
  int64_t lead_unit_id = 0;  // department queue
  std::string text;          // in title/code/description
  // 我的待办: open cases on which this actor can act (not only add notes or
  // pause); exactly the cases where AllowedActions offers such an action.
  std::optional<CaseActor> actionable_for;
  // Overdue candidates: a running clock's deadline (cached) at or before this
  // time; callers confirm with the exact clocks.
  std::optional<UnixSeconds> due_by;
  int64_t limit = 50, offset = 0;
};

class CaseService {
 public:
  CaseService(Database& db, const Clock& clock, const WorkCalendar& calendar)
      : db_(db), clock_(clock), calendar_(calendar) {}

  Result<int64_t> Create(const CaseActor& a, const NewCase& c);
  Status Dispatch(const CaseActor& a, int64_t id, int64_t lead_unit_id, const std::vector<int64_t>& co_unit_ids,
                  const std::string& note);
  Status Sign(const CaseActor& a, int64_t id);
  Status Return(const CaseActor& a, int64_t id, const std::string& reason);
  Status AddProgress(const CaseActor& a, int64_t id, const std::string& note);
  // Evidence files are attachment ids of the shared attachments store.
  Status Reply(const CaseActor& a, int64_t id, const std::string& text, const std::vector<int64_t>& attachment_ids);
  Status Approve(const CaseActor& a, int64_t id, const std::string& note);
  Status RejectReply(const CaseActor& a, int64_t id, const std::string& reason);
  Status Evaluate(const CaseActor& a, int64_t id, int satisfaction, const std::string& note);
  Status RequestExtension(const CaseActor& a, int64_t id, int64_t days, const std::string& reason);
  Status DecideExtension(const CaseActor& a, int64_t id, bool approve, const std::string& note);
  Status Reopen(const CaseActor& a, int64_t id, const std::string& reason);
  Status Pause(const CaseActor& a, int64_t id, const std::string& reason);
  Status Resume(const CaseActor& a, int64_t id, const std::string& note);

  Result<CaseRecord> Get(int64_t id);
  Result<std::vector<CaseEvent>> Events(int64_t id);
  // Sees everything: admin, leader, reviewer. Others: cases their unit
  // dispatches, leads or co-handles, and cases they created.
  bool CanView(const CaseActor& a, const CaseRecord& c) const;
  // Actions the actor may take on the case now (drives the UI buttons; the
  // transitions check again).
  std::vector<std::string> AllowedActions(const CaseActor& a, const CaseRecord& c) const;
  Result<std::vector<CaseRecord>> List(const CaseFilter& f, int64_t* total = nullptr);

 private:
  Result<CaseRecord> GetIn(Database& tx, int64_t id);
  Status Transition(const CaseActor& a, int64_t id, std::string_view action, const std::string& note,
                    const std::string& data_json, const std::function<Status(Database&, CaseRecord&)>& apply);

  Database& db_;
  const Clock& clock_;
  const WorkCalendar& calendar_;
};

// Case configuration kept in the database.
Result<std::vector<SlaRule>> ListSlaRules(Database& db);
// The rule for a case type and priority (general/normal when none matches).
Result<SlaRule> FindSlaRule(Database& db, const std::string& case_type, const std::string& priority);
Status SaveSlaRule(Database& db, const Clock& clock, const Actor& actor, const SlaRule& rule);

// The shipped yearly tables (<resource_dir>/data/calendar/cn-*.tsv), then the
// admin overrides from calendar_days, then the office hours setting.
Result<WorkCalendar> LoadWorkCalendar(Database& db, const std::string& resource_dir);
// Admin overrides: kind "holiday" or "workday"; "default" removes the override.
Status SetCalendarOverride(Database& db, const Clock& clock, const Actor& actor, DayNumber day, const std::string& kind,
                           const std::string& name);
struct CalendarOverride {
  std::string day, kind, name, updated_by;
  UnixSeconds updated_at = 0;
};
Result<std::vector<CalendarOverride>> ListCalendarOverrides(Database& db);
Status SaveOfficeHours(Database& db, const Clock& clock, const Actor& actor, const OfficeHours& hours);

}  // namespace minyi
