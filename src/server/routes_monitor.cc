// API routes of the monitor subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

struct MonitorModule {};

Result<std::shared_ptr<MonitorModule>> StartMonitorModule(Services&) { return std::shared_ptr<MonitorModule>(); }

std::vector<Route> MonitorRoutes() { return {}; }

}  // namespace minyi
