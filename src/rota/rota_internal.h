// Internal to src/rota: row mapping and checks shared by the rota's files.
//
// Thread safety: pure functions over the Database passed in.
#pragma once

#include <string>

#include "rota/rota.h"

namespace minyi {

inline constexpr size_t kMaxRotaNoteBytes = 1000;
inline constexpr size_t kMaxHandoverBytes = 8000;

// SELECT list and joins that fill Shift's names; append WHERE/ORDER.
extern const char* const kShiftSelect;
Shift ShiftFromRow(const Rows& rows, size_t i);

// The user, which must exist and be active; the message names `what`.
Result<User> ActiveUser(Database& db, const Clock& clock, int64_t id, std::string_view what);

// Name of the heightened period containing day, "" when none.
std::string HeightenedName(const std::vector<HeightenedPeriod>& periods, DayNumber day);

Result<RotaSettings> ReadRotaSettings(Database& db);

// "{...}" for the audit log.
std::string ShiftAuditJson(const Shift& s);

}  // namespace minyi
