// API routes of the cases subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

struct CasesModule {};

Result<std::shared_ptr<CasesModule>> StartCasesModule(Services&) { return std::shared_ptr<CasesModule>(); }

std::vector<Route> CaseRoutes() { return {}; }

}  // namespace minyi
