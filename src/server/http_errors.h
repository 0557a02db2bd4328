// The one place where error codes become HTTP statuses and JSON bodies.
#pragma once

#include <string>

#include "common/status.h"

namespace minyi {

int HttpStatusFor(ErrorCode code);
// {"error": {"code": "...", "message": "..."}}
std::string ErrorBody(const Status& status);

}  // namespace minyi
