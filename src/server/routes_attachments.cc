// API routes of the attachments subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

std::vector<Route> AttachmentRoutes() { return {}; }

}  // namespace minyi
