// Demo records for assess.
#include "server/demo_internal.h"

namespace minyi {

Status SeedAssessDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
