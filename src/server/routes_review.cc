// API routes of the review subsystem (placeholder until it lands).
#include "server/api.h"

namespace minyi {

struct ReviewModule {};

Result<std::shared_ptr<ReviewModule>> StartReviewModule(Services&) { return std::shared_ptr<ReviewModule>(); }

std::vector<Route> ReviewRoutes() { return {}; }

}  // namespace minyi
