// Demo records for the cases subsystem (placeholder until it lands).
#include "server/demo_internal.h"

namespace minyi {

Status SeedCasesDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
