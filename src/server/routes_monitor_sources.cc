// API routes of the monitor_sources subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

std::vector<Route> MonitorSourceRoutes() { return {}; }

}  // namespace minyi
