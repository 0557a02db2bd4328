// Assess API. Routes are listed in AssessRoutes(); see src/assess/assess.h.
#include "server/api.h"

namespace minyi {

struct AssessModule {};

Result<std::shared_ptr<AssessModule>> StartAssessModule(Services&) { return std::shared_ptr<AssessModule>(); }

std::vector<Route> AssessRoutes() { return {}; }

}  // namespace minyi
