// Demo records for the duty subsystem (placeholder until it lands).
#include "server/demo_internal.h"

namespace minyi {

Status SeedDutyDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
