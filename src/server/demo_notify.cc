// Demo records for the notify subsystem (placeholder until it lands).
#include "server/demo_internal.h"

namespace minyi {

Status SeedNotifyDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
