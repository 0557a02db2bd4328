// The duty ledger (台账): the responsibility system, recurring obligations and
// their occurrences, meetings/study sessions/trainings, monthly zero-reports
// from units, yearly self-checks with scoring, and rectifications.
//
// Contract:
// - Every mutation takes an Actor, runs in one transaction and appends an
//   audit record in it (entity names "duty_member", "duty_task",
//   "duty_obligation", "duty_occurrence", "duty_record", "duty_zero_report",
//   "duty_template", "duty_selfcheck", "duty_rectification").
// - Calendar arithmetic (periods, due dates, months) is China local time
//   (fixed UTC+8, common/calendar.h); stored times are Unix seconds.
// - Occurrence generation is idempotent per (obligation, period): running it
//   again, or from two threads, never creates a second occurrence.
// - Late/due-soon status is computed from the Clock on read, never stored, so
//   it is right whatever the job schedule; the stored status is only
//   open/done.
// - Record-level rules (a reporter reports only for their own unit) are
//   checked here, so every caller gets them.
// - Reminders are stored as rows in duty_reminders (deduplicated by key) and
//   shown in the UI, and each new one is enqueued in the same transaction
//   through notify (kind "duty_reminder") for the subscribed channels.
//
// Thread safety: DutyService holds references only; use one per call or share
// it — it has no mutable state of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "store/audit.h"
#include "store/org.h"
#include "store/store.h"

namespace minyi {

// ---- periods ---------------------------------------------------------------

enum class Recurrence { kMonthly, kQuarterly, kHalfYear, kYearly, kEveryNMonths, kCountPerYear };
std::string_view RecurrenceName(Recurrence r);  // "monthly", ..., "count_per_year"
Result<Recurrence> ParseRecurrence(std::string_view name);

// One period of an obligation, in China local time.
struct DutyPeriod {
  std::string key;    // "2026-03", "2026Q1", "2026H1", "2026", "2026-01+3" (every 3 months from Jan)
  std::string label;  // "2026年3月", "2026年第一季度", ...
  UnixSeconds begin = 0;
  UnixSeconds end = 0;  // exclusive
};

// The period of the recurrence that contains t. interval_months is used by
// kEveryNMonths only (1–12; periods are counted from January of anchor_year).
DutyPeriod PeriodContaining(Recurrence r, int interval_months, int anchor_year, UnixSeconds t);
// Due instant within a period: due_day 0 = end of the period's last day;
// 1–31 = end of that day (clamped to the month's length) in the period's
// last month; a negative value -n = n days after the period ends (e.g. -5:
// a monthly report due on the 5th of the following month).
UnixSeconds DueAt(const DutyPeriod& p, int due_day);

// ---- responsibility (责任体系) ------------------------------------------------

struct GroupMember {
  int64_t id = 0;
  std::string position;  // "leader" 组长, "deputy" 分管, "member" 成员
  std::string name;      // as written in documents
  std::string title;     // 职务
  int64_t user_id = 0;
  int64_t unit_id = 0;
  std::string area;  // area of responsibility (一岗双责)
  int64_t sort_order = 0;
  bool active = true;
};

struct DutyTask {
  int64_t id = 0;
  int64_t member_id = 0;
  std::string task;
  UnixSeconds deadline = 0;     // 0: none
  std::string status = "open";  // open, done
  UnixSeconds done_at = 0;
};

// ---- obligations (工作任务) --------------------------------------------------

struct Obligation {
  int64_t id = 0;
  std::string name;
  // meeting 研判会, special_session 专题会, zero_report, self_check,
  // channel_check 阵地安全检查, study 学习, training 培训, other.
  std::string kind = "other";
  Recurrence recurrence = Recurrence::kMonthly;
  int interval_months = 1;  // kEveryNMonths
  int due_day = 0;          // see DueAt
  int min_count = 1;        // kCountPerYear: records needed per year
  int remind_days = 3;      // remind this many days before due
  int64_t assignee_user_id = 0;
  int64_t assignee_unit_id = 0;
  int start_year = 2026;  // no occurrences before this year
  std::string note;
  bool active = true;
};

struct Occurrence {
  int64_t id = 0;
  int64_t obligation_id = 0;
  std::string obligation_name, kind;
  DutyPeriod period;
  UnixSeconds due_at = 0;
  std::string stored_status;  // open, done
  // Computed with the Clock: open, due_soon, late, done, done_late.
  std::string status;
  UnixSeconds done_at = 0;
  std::string done_by_name;
  int64_t record_id = 0;
  int64_t channel_id = 0;  // channel_check: the channel this occurrence is for
  std::string channel_name;
  int64_t assignee_user_id = 0;
  int64_t assignee_unit_id = 0;
  std::string note;
  int required = 1;  // kCountPerYear: min_count; otherwise 1
  int achieved = 0;  // records linked (count-based) or 1 when done
};

struct GenerateResult {
  int created = 0;
  int reminders = 0;
};

// ---- records (会议与学习) ------------------------------------------------------

struct DutyRecord {
  int64_t id = 0;
  std::string kind;  // meeting, special_session, study, training, self_check, channel_check, other
  UnixSeconds held_at = 0;
  std::string topic;
  std::string location;
  std::string host;
  std::vector<std::string> attendees;  // names and/or units
  std::string minutes;
  int64_t obligation_id = 0;
  int64_t occurrence_id = 0;
  std::vector<int64_t> attachment_ids;  // evidence, on input: uploads to link
  std::string created_by_name;
};

struct RecordFilter {
  std::string kind;              // "" all
  UnixSeconds from = 0, to = 0;  // 0: open
};

// ---- zero-reports (零报告) -----------------------------------------------------

struct ZeroReportMatter {
  std::string title;
  std::string detail;
};

struct ZeroReport {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_name;
  std::string month;  // "2026-10"
  bool nothing_to_report = true;
  std::vector<ZeroReportMatter> matters;
  std::string note;
  std::string submitted_by_name;
  UnixSeconds submitted_at = 0;
  std::vector<int64_t> attachment_ids;
};

struct CompletenessRow {
  int64_t unit_id = 0;
  std::string unit_name;
  std::string unit_kind;
  // One entry per month asked for: "" missing, "zero" nothing to report,
  // "matters" reported matters. report_ids parallel (0 when missing).
  std::vector<std::string> cells;
  std::vector<int64_t> report_ids;
};

struct Completeness {
  std::vector<std::string> months;
  std::vector<CompletenessRow> rows;
  std::vector<int> submitted;  // per month
  int expected = 0;            // units that must report (per month)
};

// ---- self-check and rectification (自查整改) ---------------------------------

struct ChecklistItem {
  int64_t id = 0;
  std::string category;
  std::string content;
  std::string criteria;  // 评分标准
  double max_score = 0;
  int64_t sort_order = 0;
};

struct ChecklistTemplate {
  int64_t id = 0;
  std::string name;
  std::string description;
  bool active = true;
  std::vector<ChecklistItem> items;
  double total = 0;
};

struct SelfCheckItem {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string category, content, criteria;
  double max_score = 0;
  double deduction = 0;
  double score = 0;
  std::string finding;  // the problem found (empty: none)
  std::string note;
};

struct SelfCheck {
  int64_t id = 0;
  int64_t template_id = 0;
  int year = 0;
  std::string title;
  std::string status = "draft";  // draft, submitted
  double total_max = 0;
  double total_score = 0;
  std::string created_by_name;
  UnixSeconds submitted_at = 0;
  std::vector<SelfCheckItem> items;
};

struct Rectification {
  int64_t id = 0;
  int64_t selfcheck_id = 0;
  int64_t selfcheck_item_id = 0;
  std::string problem;  // 问题
  std::string measure;  // 措施
  int64_t responsible_user_id = 0;
  std::string responsible_name;        // 责任人
  UnixSeconds deadline = 0;            // 时限
  std::string stored_status = "open";  // open, done
  std::string status;                  // computed: open, overdue, done, done_late
  UnixSeconds completed_at = 0;
  std::string completion_note;  // 完成情况
  std::vector<int64_t> attachment_ids;
};

// ---- the service -------------------------------------------------------------

class DutyService {
 public:
  DutyService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Responsibility.
  Result<std::vector<GroupMember>> ListMembers();
  Result<int64_t> SaveMember(const Actor& actor, const GroupMember& m);  // id 0: create
  Status DeleteMember(const Actor& actor, int64_t id);                   // deactivates; history stays
  Result<std::vector<DutyTask>> ListTasks(int64_t member_id);            // 0: all
  Result<int64_t> SaveTask(const Actor& actor, const DutyTask& t);

  // Obligations and occurrences.
  Result<std::vector<Obligation>> ListObligations();
  Result<Obligation> GetObligation(int64_t id);
  Result<int64_t> SaveObligation(const Actor& actor, const Obligation& o);
  // Creates the occurrences of every active obligation for the period
  // containing now and the next period when it starts within remind_days;
  // channel_check obligations get one occurrence per active registered
  // channel (review_channels) when that table exists. Stores reminders for
  // occurrences due soon or late, and for units missing the previous month's
  // zero-report after the 5th. Idempotent.
  Result<GenerateResult> RunSchedule(const Actor& actor);
  Result<std::vector<Occurrence>> ListOccurrences(UnixSeconds from, UnixSeconds to, int64_t obligation_id);
  Result<Occurrence> GetOccurrence(int64_t id);
  Status CompleteOccurrence(const Actor& actor, int64_t id, int64_t record_id, const std::string& note);

  // Meetings, study sessions, trainings.
  Result<int64_t> SaveRecord(const Actor& actor, const DutyRecord& r);  // id 0: create
  Result<DutyRecord> GetRecord(int64_t id);
  Result<std::vector<DutyRecord>> ListRecords(const RecordFilter& f);

  // Zero-reports. `reporter` is the submitting user: a reporter (信息员) may
  // submit only for their own unit.
  Result<int64_t> SubmitZeroReport(const Actor& actor, const User& reporter, const ZeroReport& r);
  Result<std::vector<ZeroReport>> ListZeroReports(const std::string& month, int64_t unit_id);
  Result<ZeroReport> GetZeroReport(int64_t id);
  // Units × months for the active units of the kinds that must report
  // (setting duty.zero_report_kinds; default all kinds except "other").
  Result<Completeness> ZeroReportCompleteness(const std::vector<std::string>& months);
  Result<std::vector<std::string>> ZeroReportKinds();
  Status SetZeroReportKinds(const Actor& actor, const std::vector<std::string>& kinds);
  // Stores a reminder for each unit missing the month's report; returns how many.
  Result<int> RemindMissingZeroReports(const Actor& actor, const std::string& month);

  // Self-check.
  Result<std::vector<ChecklistTemplate>> ListTemplates();
  Result<ChecklistTemplate> GetTemplate(int64_t id);
  Result<int64_t> SaveTemplate(const Actor& actor, const ChecklistTemplate& t);  // items replaced by id
  Result<int64_t> StartSelfCheck(const Actor& actor, int64_t template_id, int year);
  Result<SelfCheck> GetSelfCheck(int64_t id);
  Result<std::vector<SelfCheck>> ListSelfChecks();  // without items
  // Updates deductions/findings/notes of the items listed (by SelfCheckItem id).
  Status ScoreSelfCheck(const Actor& actor, int64_t id, const std::vector<SelfCheckItem>& items, bool submit);

  // Rectifications.
  Result<int64_t> CreateRectification(const Actor& actor, const Rectification& r);
  Status UpdateRectification(const Actor& actor, const Rectification& r);  // problem/measure/responsible/deadline
  Status CompleteRectification(const Actor& actor, int64_t id, const std::string& note,
                               const std::vector<int64_t>& attachment_ids);
  Result<Rectification> GetRectification(int64_t id);
  // status "" all, "open" (incl. overdue), "overdue", "done".
  Result<std::vector<Rectification>> ListRectifications(int64_t selfcheck_id, const std::string& status);

  // Reminder rows, newest first.
  struct Reminder {
    int64_t id = 0;
    std::string kind, message;
    int64_t user_id = 0, unit_id = 0;
    std::string ref_kind;
    int64_t ref_id = 0;
    UnixSeconds created_at = 0;
  };
  Result<std::vector<Reminder>> ListReminders(int64_t limit);

 private:
  Result<int> GenerateFor(Database& tx, const Actor& actor, const Obligation& o, UnixSeconds now);
  Result<int> RemindOccurrences(Database& tx, UnixSeconds now);
  Result<bool> AddReminder(Database& tx, const std::string& key, const Reminder& r);
  Status LinkAttachments(Database& tx, const Actor& actor, const std::vector<int64_t>& ids, std::string_view kind,
                         int64_t owner);

  Database& db_;
  const Clock& clock_;
};

// Month keys ("2026-10") for the n months ending with the month containing t.
std::vector<std::string> RecentMonths(UnixSeconds t, int n);
// Validates "YYYY-MM".
Status CheckMonthKey(std::string_view month);

}  // namespace minyi
