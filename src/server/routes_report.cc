// API routes of the report subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

struct ReportModule {};

Result<std::shared_ptr<ReportModule>> StartReportModule(Services&) { return std::shared_ptr<ReportModule>(); }

std::vector<Route> ReportRoutes() { return {}; }

}  // namespace minyi
