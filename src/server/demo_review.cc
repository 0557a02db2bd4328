// Demo records for the review subsystem (placeholder until it lands).
#include "server/demo_internal.h"

namespace minyi {

Status SeedReviewDemo(DemoContext&) { return Status::Ok(); }

}  // namespace minyi
