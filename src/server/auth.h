// Internal to src/server: sessions and login throttling.
//
// Sessions: a random 256-bit token goes to the browser in an HttpOnly
// cookie; only its SHA-256 is stored. Each session has its own CSRF token.
// Sessions expire after a period without use.
//
// LoginLimiter: failed logins are counted per (name, address) and per
// address in a sliding window; past the limit, logins are refused with
// kRateLimited until the window passes. Counted in the store, so the limit
// holds across web server processes and restarts.
//
// Thread safety: both classes are thread-safe.
#pragma once

#include <optional>
#include <string>

#include "common/env.h"
#include "server/api.h"
#include "store/store.h"

namespace minyi {

class SessionManager {
 public:
  SessionManager(Database& db, const Clock& clock, int64_t ttl_seconds) : db_(db), clock_(clock), ttl_(ttl_seconds) {}

  struct Created {
    std::string token;
    std::string csrf_token;
  };
  Result<Created> Create(int64_t user_id, const std::string& client);
  // The session's user and CSRF token; kUnauthenticated when unknown,
  // expired, or the account is disabled.
  Result<SessionInfo> Lookup(const std::string& token);
  Status Destroy(const std::string& token);

 private:
  Database& db_;
  const Clock& clock_;
  int64_t ttl_;
};

// Counting problems never lock anyone out: a failed read lets the login go
// on to the password check, and the error is logged.
class LoginLimiter {
 public:
  LoginLimiter(Database& db, const Clock& clock, int max_failures, int64_t window_seconds)
      : db_(db), clock_(clock), max_failures_(max_failures), window_(window_seconds) {}

  // kRateLimited when this name or address must wait.
  Status Check(const std::string& name, const std::string& address);
  void RecordFailure(const std::string& name, const std::string& address);
  void RecordSuccess(const std::string& name, const std::string& address);

 private:
  Database& db_;
  const Clock& clock_;
  int max_failures_;
  int64_t window_;
};

}  // namespace minyi
