// API routes of the duty subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

struct DutyModule {};

Result<std::shared_ptr<DutyModule>> StartDutyModule(Services&) { return std::shared_ptr<DutyModule>(); }

std::vector<Route> DutyRoutes() { return {}; }

}  // namespace minyi
