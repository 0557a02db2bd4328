// Internal to src/server: the route table and what a handler sees.
//
// A route is data — method, path template, allowed roles, handler — so the
// OpenAPI test can compare the registered routes with the document, and each
// subsystem's API file contributes its own list (CoreRoutes(), ...).
// Handlers receive an ApiCall and return a Reply or a Status; they never see
// httplib.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "store/org.h"
#include "store/store.h"

namespace minyi {

using Json = nlohmann::json;

class SessionManager;
class LoginLimiter;
struct ServerOptions;

// Long-lived state of each subsystem's API (loaded checkers, schedulers,
// delivery workers). Each is defined in that subsystem's routes_<name>.cc,
// created by its Start<Name>Module() when the server starts (in the order of
// the fields below, so later modules may use earlier ones) and destroyed —
// stopping its threads — when the server stops. A null pointer means the
// module keeps no state.
struct NotifyModule;
struct MonitorModule;
struct CasesModule;
struct DutyModule;
struct RotaModule;
struct AssessModule;
struct ReviewModule;
struct ReportModule;

struct Services {
  Store* store = nullptr;
  const Clock* clock = nullptr;
  SessionManager* sessions = nullptr;
  LoginLimiter* login_limiter = nullptr;
  const ServerOptions* options = nullptr;
  NotifyModule* notify = nullptr;
  MonitorModule* monitor = nullptr;
  CasesModule* cases = nullptr;
  DutyModule* duty = nullptr;
  RotaModule* rota = nullptr;
  AssessModule* assess = nullptr;
  ReviewModule* review = nullptr;
  ReportModule* report = nullptr;
};

Result<std::shared_ptr<NotifyModule>> StartNotifyModule(Services& services);
Result<std::shared_ptr<MonitorModule>> StartMonitorModule(Services& services);
Result<std::shared_ptr<CasesModule>> StartCasesModule(Services& services);
Result<std::shared_ptr<DutyModule>> StartDutyModule(Services& services);
Result<std::shared_ptr<RotaModule>> StartRotaModule(Services& services);
Result<std::shared_ptr<AssessModule>> StartAssessModule(Services& services);
Result<std::shared_ptr<ReviewModule>> StartReviewModule(Services& services);
Result<std::shared_ptr<ReportModule>> StartReportModule(Services& services);

// Owns the module states for the server's lifetime.
struct ModuleSet {
  std::shared_ptr<NotifyModule> notify;
  std::shared_ptr<MonitorModule> monitor;
  std::shared_ptr<CasesModule> cases;
  std::shared_ptr<DutyModule> duty;
  std::shared_ptr<RotaModule> rota;
  std::shared_ptr<AssessModule> assess;
  std::shared_ptr<ReviewModule> review;
  std::shared_ptr<ReportModule> report;
};
// Starts every module in order and fills the Services pointers.
Result<ModuleSet> StartModules(Services& services);

struct SessionInfo {
  User user;
  std::string csrf_token;
};

struct ApiCall {
  Services* services = nullptr;
  std::string method;
  std::string path;
  std::vector<std::string> path_params;      // captured {id} segments, in order
  std::map<std::string, std::string> query;  // ?a=b
  std::string body;
  std::string client_address;
  std::string session_token;           // raw cookie value, "" when none
  std::string bearer_token;            // "Authorization: Bearer <token>" value, "" when none
  std::optional<SessionInfo> session;  // set for authenticated routes

  Actor actor() const;
  // Parses the body as a JSON object (depth- and size-limited).
  Result<Json> JsonBody() const;
  Result<int64_t> PathId(size_t index = 0) const;
  std::string QueryParam(const std::string& key, const std::string& fallback = "") const;
  int64_t QueryInt(const std::string& key, int64_t fallback, int64_t min, int64_t max) const;
};

struct Reply {
  int status = 200;
  Json body = Json::object();
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Set-Cookie
  std::string content_type = "application/json; charset=utf-8";
  std::string raw;  // when non-empty, sent instead of body (files, exports)
};

// A JSON reply with the given status.
Reply JsonReply(Json body, int status = 200);

using Handler = Result<Reply> (*)(ApiCall& call);

// Who may call a route. kPublic needs no session; kAnyUser any logged-in
// account; otherwise the listed roles.
struct Access {
  bool is_public = false;
  std::set<Role> roles;  // empty with is_public=false: any logged-in user
  static Access Public() { return {true, {}}; }
  static Access AnyUser() { return {false, {}}; }
  static Access Only(std::set<Role> roles) { return {false, std::move(roles)}; }
};

struct Route {
  std::string method;  // GET, POST, PUT, PATCH, DELETE
  std::string path;    // "/api/v1/units/{id}"
  Access access;
  Handler handler;
  std::string summary;  // Chinese, for logs and the OpenAPI check
};

// One list per subsystem, each in its own routes_<name>.cc.
std::vector<Route> CoreRoutes();
std::vector<Route> NotifyRoutes();
std::vector<Route> MonitorSourceRoutes();
std::vector<Route> MonitorRoutes();
std::vector<Route> CaseRoutes();
std::vector<Route> DutyRoutes();
std::vector<Route> RotaRoutes();
std::vector<Route> AssessRoutes();
std::vector<Route> AttachmentRoutes();
std::vector<Route> ReviewRoutes();
std::vector<Route> ReportRoutes();
std::vector<Route> AllRoutes();

// JSON helpers that turn wrong types into clear invalid_argument errors.
Result<std::string> RequireString(const Json& obj, const char* key, size_t max_bytes = 1000);
std::string OptionalString(const Json& obj, const char* key, const std::string& fallback = "");
Result<int64_t> OptionalInt(const Json& obj, const char* key, int64_t fallback);
Result<bool> OptionalBool(const Json& obj, const char* key, bool fallback);

// Parses JSON text with a nesting-depth limit checked before parsing, so a
// hostile "[[[[..." cannot exhaust the stack.
Result<Json> ParseJsonLimited(std::string_view text, int max_depth = 64);

Json UserToJson(const User& user, const std::string& unit_name);

}  // namespace minyi
