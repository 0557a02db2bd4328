// Case clocks: time to sign, to first reply and to closure, each against the
// SLA deadline, computed from the case's event log only.
//
// Contract (definitions):
// - sign:  from the latest 分派 (dispatch) to the first 签收 after it.
// - reply: from receipt (received_at) to the first 答复 (reply) event.
// - close: from receipt to the latest 办结 (approve) while the case is closed;
//   a reopened case's closure clock runs again from receipt.
// - Pauses are the intervals between 暂停计时 and 恢复计时 events (an open one
//   lasts until now); paused time counts neither as elapsed time nor towards
//   the deadline, which moves out accordingly.
// - Deadlines: start + limit (in working time on the calendar, or natural
//   hours for "hours" limits), skipping pauses. Approved extensions add their
//   working days to the reply and closure deadlines. A 上级交办 deadline
//   replaces the computed closure deadline when it is earlier.
// - Elapsed times are always reported in working seconds (statistics
//   average them); remaining time is in the limit's own measure.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "cases/cases.h"
#include "common/calendar.h"

namespace minyi {

struct StageClock {
  std::string stage;  // sign | reply | close
  std::string label;  // 签收 | 首次答复 | 办结
  TimeLimit limit;
  UnixSeconds start = 0;  // 0: not started (e.g. not dispatched yet)
  UnixSeconds end = 0;    // 0: still running
  UnixSeconds deadline = 0;
  int64_t elapsed_work_seconds = 0;  // pauses excluded
  int64_t remaining_seconds = 0;     // at `now` (or at end); negative when overdue
  bool started() const { return start != 0; }
  bool done() const { return end != 0; }
  bool overdue = false;  // done after the deadline, or running past it
};

struct CaseClocks {
  StageClock sign, reply, close;
  std::vector<Interval> pauses;
  int64_t extension_days = 0;
};

// The earliest deadline of a clock still running (0 when none runs): what
// cases.due_at caches for the overdue list.
UnixSeconds EarliestRunningDeadline(const CaseRecord& c, const CaseClocks& k);

CaseClocks ComputeClocks(const CaseRecord& c, const std::vector<CaseEvent>& events, const SlaRule& rule,
                         const WorkCalendar& cal, UnixSeconds now);

}  // namespace minyi
