// Internal to src/review: helpers shared by the desk's source files
// (channels.cc, desk.cc, lexicon.cc, ledger.cc).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "review/desk.h"
#include "store/audit.h"

namespace minyi::review_internal {

inline Actor ActorOf(const User& u) { return Actor{u.id, u.display_name.empty() ? u.name : u.display_name}; }
inline SqlValue OptionalId(int64_t id) { return id == 0 ? SqlValue() : SqlValue(id); }

// Stored findings <-> JSON text.
std::string FindingsToJsonText(const std::vector<Finding>& findings);
std::vector<Finding> FindingsFromJsonText(const std::string& text);

// The channel's stage list as stored; falls back to all three stages.
std::vector<ReviewStage> StagesOrDefault(const std::string& csv);

}  // namespace minyi::review_internal
