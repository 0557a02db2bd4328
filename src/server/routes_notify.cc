// API routes of the notify subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

struct NotifyModule {};

Result<std::shared_ptr<NotifyModule>> StartNotifyModule(Services&) { return std::shared_ptr<NotifyModule>(); }

std::vector<Route> NotifyRoutes() { return {}; }

}  // namespace minyi
