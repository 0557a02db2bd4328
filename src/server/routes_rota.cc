// Rota API. Routes are listed in RotaRoutes(); see src/rota/rota.h.
#include "server/api.h"

namespace minyi {

struct RotaModule {};

Result<std::shared_ptr<RotaModule>> StartRotaModule(Services&) { return std::shared_ptr<RotaModule>(); }

std::vector<Route> RotaRoutes() { return {}; }

}  // namespace minyi
