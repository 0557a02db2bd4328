// Internal to src/duty: helpers shared by the area files.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "duty/duty.h"

namespace minyi::duty_internal {

using Json = nlohmann::json;

inline constexpr int64_t kDay = 86400;

inline SqlValue OptId(int64_t id) { return id == 0 ? SqlValue() : SqlValue(id); }
inline SqlValue OptTime(UnixSeconds t) { return t == 0 ? SqlValue() : SqlValue(t); }

inline Status Audit(Database& tx, const Clock& clock, const Actor& actor, const char* action, const char* entity,
                    int64_t id, const Json& before, const Json& after) {
  return AppendAudit(tx, clock, actor, {action, entity, std::to_string(id), before.dump(), after.dump()});
}

// Limits on free text so one form cannot store megabytes.
inline Status CheckText(std::string_view value, const char* label, size_t max_bytes, bool required) {
  if (required && value.empty()) return InvalidArgument(std::string("请填写") + label);
  if (value.size() > max_bytes) {
    return InvalidArgument(std::string(label) + "过长（上限 " + std::to_string(max_bytes / 3) + " 字）");
  }
  return Status::Ok();
}

// Whether another subsystem's table exists (channels of the review desk).
inline Result<bool> TableExists(Database& db, std::string_view name) {
  if (db.Dialect() == "sqlite") {
    MINYI_ASSIGN_OR_RETURN(int64_t n,
                           db.QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", {name}));
    return n > 0;
  }
  MINYI_ASSIGN_OR_RETURN(int64_t n,
                         db.QueryInt("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?", {name}));
  return n > 0;
}

inline std::string MonthKeyOf(UnixSeconds t) {
  CivilDate d = CivilFromDay(LocalDay(t));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

inline Json StringsJson(const std::vector<std::string>& v) { return Json(v); }
inline std::vector<std::string> StringsFrom(const std::string& text) {
  std::vector<std::string> out;
  Json j = Json::parse(text, nullptr, false);
  if (j.is_array()) {
    for (const auto& e : j) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

std::vector<int64_t> AttachmentIds(Database& db, std::string_view kind, int64_t owner);

}  // namespace minyi::duty_internal
