// Demo records for the monitor subsystem (placeholder until it lands).
#include "server/demo_internal.h"

namespace minyi {

Status SeedMonitorDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
