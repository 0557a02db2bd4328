// Internal to src/cases: row mapping and event-log helpers shared by the
// service, statistics, reminders and import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cases/cases.h"

namespace minyi {

CaseRecord CaseFromRow(const Rows& r, size_t i);
std::string CaseToAuditJson(const CaseRecord& c);
Result<std::vector<CaseEvent>> LoadCaseEvents(Database& db, int64_t case_id);
// Recomputes the case's clocks from its event log and stores the earliest
// running deadline in cases.due_at (NULL when none runs).
Status RefreshDueAt(Database& tx, const WorkCalendar& cal, int64_t case_id, UnixSeconds now);
Status StoreDueAt(Database& tx, int64_t case_id, UnixSeconds due_at);
Status AppendCaseEvent(Database& tx, const Clock& clock, const Actor& actor, int64_t case_id, std::string_view action,
                       CaseState from, CaseState to, const std::string& note, const std::string& data_json);

}  // namespace minyi
