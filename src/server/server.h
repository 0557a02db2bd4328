// The HTTP server: JSON API under /api/v1, the static web UI at /, /healthz
// and /metrics.
//
// Contract: every API answer is JSON; errors are {"error": {"code",
// "message"}} with the HTTP status chosen in http_errors.cc. Sessions are
// HttpOnly SameSite=Strict cookies; every state-changing request after login
// must carry the session's X-CSRF-Token. Roles are checked for every route
// before its handler runs. Malformed, oversized or hostile requests are
// answered with an error and never stop the server.
//
// Thread safety: Run() blocks and serves requests on a thread pool; Stop()
// may be called from any thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "store/store.h"

namespace minyi {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;               // 0: pick a free port
  std::string web_root;          // directory with index.html; empty: no UI
  Store* store = nullptr;        // required
  const Clock* clock = nullptr;  // required
  int64_t session_ttl_seconds = 8 * 3600;
  size_t max_body_bytes = 32u << 20;   // uploads above this get 413
  int max_login_failures = 5;          // per name and address ...
  int64_t login_window_seconds = 900;  // ... within this window
  int threads = 8;
  // Reverse proxies (exact addresses) whose X-Forwarded-For is believed:
  // behind one, every request comes from the proxy, and login limits and
  // session records need the user's own address.
  std::vector<std::string> trusted_proxies;
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  virtual ~Server() = default;

  // Binds and serves until Stop(). on_ready is called once listening, with the
  // actual port.
  virtual Status Run(const std::function<void(int port)>& on_ready) = 0;
  virtual void Stop() = 0;
};

// The client's address: the peer, or — when the peer is a trusted proxy —
// the right-most X-Forwarded-For entry that is not itself a trusted proxy
// (entries to its left are whatever the client claimed). A malformed entry
// yields the peer.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// "127.0.0.1:8080" -> host and port.
Status ParseListenAddress(const std::string& listen, std::string* host, int* port);

// Argon2id password hashing (encoded PHC string) and verification.
Result<std::string> HashPassword(const std::string& password);
bool VerifyPassword(const std::string& password, const std::string& encoded_hash);
// Length and content rules for new passwords; a Chinese message when broken.
Status CheckPasswordPolicy(const std::string& password);

// Seeds an empty store with the demo organization (a county bureau with
// departments and villages), one account per role (password `password`)
// and sample records. Does nothing when the organization already exists.
Status SeedDemo(Store& store, const Clock& clock, const std::string& password);

// The OpenAPI 3 document describing every route (served at
// /api/v1/openapi.json).
const std::string& OpenApiDocument();
// "GET /api/v1/units/{id}" for every route the server registers.
std::vector<std::string> RegisteredRoutes();

}  // namespace minyi
