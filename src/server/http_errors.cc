#include "server/http_errors.h"

#include <nlohmann/json.hpp>

namespace minyi {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 413;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnimplemented:
      return 501;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kCorruption:
    case ErrorCode::kIoError:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ErrorBody(const Status& status) {
  nlohmann::json j;
  j["error"]["code"] = std::string(ErrorCodeName(status.code()));
  j["error"]["message"] = status.message();
  return j.dump();
}

}  // namespace minyi
