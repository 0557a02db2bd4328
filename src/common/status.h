// Status and Result<T>: errors as values across every subsystem boundary.
//
// Contract: a Status is either OK or carries an ErrorCode plus a Chinese,
// user-facing message. Result<T> holds either a T or a non-OK Status. No
// exception crosses a subsystem boundary; adapters catch library exceptions
// and turn them into a Status. The mapping ErrorCode -> HTTP status lives in
// exactly one place (server/http_errors.cc).
//
// Thread safety: value types; distinct objects may be used concurrently.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace minyi {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong (bad JSON, bad field)
  kNotFound,            // the named thing does not exist
  kAlreadyExists,       // a unique name or key is taken
  kUnauthenticated,     // not logged in, or wrong name/password
  kPermissionDenied,    // logged in but the role or unit does not allow it
  kFailedPrecondition,  // the object is in a state that forbids the action
  kResourceExhausted,   // a size, depth or time limit was hit
  kRateLimited,         // too many attempts; try again later
  kCorruption,          // stored data failed an integrity check
  kUnavailable,         // a dependency (database, peer) is not reachable now
  kUnimplemented,       // the feature is not built yet
  kInternal,            // a bug or an unexpected library failure
  kIoError,             // the filesystem failed
};

// Stable lower-case identifier used in JSON errors and logs ("not_found").
std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "not_found: 找不到用户" — for logs and the CLI.
  std::string ToString() const;

  // Prefixes the message with context, keeping the code.
  Status WithContext(std::string_view context) const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string msg) { return {ErrorCode::kInvalidArgument, std::move(msg)}; }
inline Status NotFound(std::string msg) { return {ErrorCode::kNotFound, std::move(msg)}; }
inline Status AlreadyExists(std::string msg) { return {ErrorCode::kAlreadyExists, std::move(msg)}; }
inline Status Unauthenticated(std::string msg) { return {ErrorCode::kUnauthenticated, std::move(msg)}; }
inline Status PermissionDenied(std::string msg) { return {ErrorCode::kPermissionDenied, std::move(msg)}; }
inline Status FailedPrecondition(std::string msg) { return {ErrorCode::kFailedPrecondition, std::move(msg)}; }
inline Status ResourceExhausted(std::string msg) { return {ErrorCode::kResourceExhausted, std::move(msg)}; }
inline Status RateLimited(std::string msg) { return {ErrorCode::kRateLimited, std::move(msg)}; }
inline Status Corruption(std::string msg) { return {ErrorCode::kCorruption, std::move(msg)}; }
inline Status Unavailable(std::string msg) { return {ErrorCode::kUnavailable, std::move(msg)}; }
inline Status Unimplemented(std::string msg) { return {ErrorCode::kUnimplemented, std::move(msg)}; }
inline Status Internal(std::string msg) { return {ErrorCode::kInternal, std::move(msg)}; }
inline Status IoError(std::string msg) { return {ErrorCode::kIoError, std::move(msg)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace minyi

// Early-return helpers. They keep call sites to one line without hiding
// control flow behind anything more clever than a macro named for it.
#define MINYI_CONCAT_INNER(a, b) a##b
#define MINYI_CONCAT(a, b) MINYI_CONCAT_INNER(a, b)

#define MINYI_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::minyi::Status _minyi_st = (expr);    \
    if (!_minyi_st.ok()) return _minyi_st; \
  } while (0)

#define MINYI_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#define MINYI_ASSIGN_OR_RETURN(lhs, expr) MINYI_ASSIGN_OR_RETURN_IMPL(MINYI_CONCAT(_minyi_res_, __LINE__), lhs, expr)
