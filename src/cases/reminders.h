// Deadline reminders: a scan over open cases that records 预警 (warning
// before a deadline), 催办 (to the handling department once a deadline has
// passed) and 督办 (to the leaders once it is overdue by more than a set
// amount).
//
// Contract: idempotent — each (case, stage, level, deadline) is recorded
// once (UNIQUE in case_reminders), so the scan can run every minute; a new
// deadline after an extension can warn again. Paused cases get no
// reminders. The scan also refreshes every open case's cached deadline
// (cases.due_at, used by the overdue list).
// Each new reminder is stored with an audit record, a "remind" event in the
// case timeline and a notification (notify kinds case_warning, case_urge =
// 催办, case_supervise = 督办; link "#/cases/detail?id=N") in one
// transaction, so a reminder is delivered exactly when it is recorded: once.
//
// Thread safety: free functions; as Database.
#pragma once

#include <string>
#include <vector>

#include "cases/cases.h"

namespace minyi {

struct ReminderOptions {
  double warn_fraction = 0.25;                  // warn when less than this share of the limit remains
  int64_t duban_after_work_seconds = 7 * 3600;  // 督办 after one working day overdue
};

struct ReminderScanResult {
  int64_t warnings = 0, cuiban = 0, duban = 0;
};

Result<ReminderScanResult> ScanCaseReminders(Database& db, const Clock& clock, const WorkCalendar& cal,
                                             const ReminderOptions& options);

struct CaseReminder {
  int64_t id = 0, case_id = 0;
  std::string stage, level;  // level: warning | cuiban | duban
  UnixSeconds deadline = 0;
  int64_t target_unit_id = 0;
  std::string target_role, message;
  UnixSeconds created_at = 0;
  std::string case_code, case_title;
};

// Newest first; case_id 0 for all cases.
Result<std::vector<CaseReminder>> ListCaseReminders(Database& db, int64_t case_id, int64_t limit);

}  // namespace minyi
