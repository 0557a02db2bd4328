// Demo records for rota.
#include "server/demo_internal.h"

namespace minyi {

Status SeedRotaDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
