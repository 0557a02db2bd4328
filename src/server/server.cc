// Wires the route table onto cpp-httplib. Nothing outside this file sees
// httplib types.
#include "server/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>

#include "common/crypto.h"
#include "common/strings.h"
#include "server/api.h"
#include "server/auth.h"
#include "server/http_errors.h"
#include "server/metrics.h"

namespace minyi {
namespace {

const char* kSecurityHeaders[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    // The Vue global build compiles templates at run time, hence 'unsafe-eval';
    // Element Plus sets inline styles.
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline';"
     " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"},
};

bool CsrfMatches(const std::string& sent, const std::string& expected) {
  return !sent.empty() && ConstantTimeEquals(sent, expected);
}

bool IsStateChanging(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

// "/api/v1/units/{id}" -> "^/api/v1/units/([^/]+)$"
std::string PathPattern(const std::string& path) {
  static const std::regex kParam(R"(\{[a-z_]+\})");
  return std::regex_replace(path, kParam, "([^/]+)");
}

void SendError(httplib::Response& res, const Status& st) {
  res.status = HttpStatusFor(st.code());
  res.set_content(ErrorBody(st), "application/json; charset=utf-8");
}

class HttpServer final : public Server {
 public:
  explicit HttpServer(const ServerOptions& o)
      : options_(o),
        sessions_(o.store->db(), *o.clock, o.session_ttl_seconds),
        limiter_(o.store->db(), *o.clock, o.max_login_failures, o.login_window_seconds) {
    services_ = Services{o.store, o.clock, &sessions_, &limiter_, &options_};
  }

  Status Run(const std::function<void(int)>& on_ready) override {
    MINYI_ASSIGN_OR_RETURN(modules_, StartModules(services_));
    Configure();
    int port = options_.port;
    if (port == 0) {
      port = http_.bind_to_any_port(options_.host);
      if (port < 0) return Unavailable("无法监听 " + options_.host);
    } else if (!http_.bind_to_port(options_.host, port)) {
      return Unavailable("无法监听 " + options_.host + ":" + std::to_string(port) + "（端口被占用或地址无效）");
    }
    if (on_ready) on_ready(port);
    if (!http_.listen_after_bind()) return Internal("HTTP 服务异常退出");
    return Status::Ok();
  }

  void Stop() override { http_.stop(); }

 private:
  void Configure() {
    http_.new_task_queue = [n = options_.threads] { return new httplib::ThreadPool(static_cast<size_t>(n)); };
    http_.set_payload_max_length(options_.max_body_bytes);
    http_.set_read_timeout(30, 0);
    http_.set_write_timeout(30, 0);
    httplib::Headers defaults;
    for (auto& h : kSecurityHeaders) defaults.emplace(h[0], h[1]);
    http_.set_default_headers(defaults);
    for (const Route& route : AllRoutes()) Register(route);
    http_.Get("/healthz",
              [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
    http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics_.Render(), "text/plain; version=0.0.4");
    });
    if (!options_.web_root.empty()) http_.set_mount_point("/", options_.web_root);
    http_.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) { return OnError(req, res); }));
    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      SendError(res, Internal("服务器内部错误"));
    });
  }

  // Fills in bodies for errors httplib produced itself (no route, payload
  // too large) and serves the single-page app for unknown UI paths.
  httplib::Server::HandlerResponse OnError(const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    bool api = req.path.rfind("/api/", 0) == 0;
    if (res.status == 404 && !api && req.method == "GET" && !options_.web_root.empty()) {
      std::string index = options_.web_root + "/index.html";
      std::error_code ec;
      if (std::filesystem::exists(index, ec)) {
        std::ifstream in(index, std::ios::binary);
        std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        res.status = 200;
        res.set_content(html, "text/html; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    if (res.status == 404) {
      SendError(res, NotFound("没有这个接口：" + req.method + " " + req.path));
    } else if (res.status == 413) {
      SendError(res,
                ResourceExhausted("请求内容过大（JSON 与上传上限 " + std::to_string(options_.max_body_bytes >> 20) +
                                  " MB；表单编码请求上限 8 KB，请使用 Content-Type: application/json）"));
      res.status = 413;
    } else {
      res.set_content(ErrorBody(InvalidArgument("请求无效")), "application/json; charset=utf-8");
    }
    metrics_.Record(req.method, "unmatched", res.status, 0);
    return httplib::Server::HandlerResponse::Handled;
  }

  void Register(const Route& route) {
    auto handler = [this, route](const httplib::Request& req, httplib::Response& res) { Handle(route, req, res); };
    std::string pattern = PathPattern(route.path);
    if (route.method == "GET")
      http_.Get(pattern, handler);
    else if (route.method == "POST")
      http_.Post(pattern, handler);
    else if (route.method == "PUT")
      http_.Put(pattern, handler);
    else if (route.method == "PATCH")
      http_.Patch(pattern, handler);
    else if (route.method == "DELETE")
      http_.Delete(pattern, handler);
  }

  Status Authorize(const Route& route, ApiCall& call, const httplib::Request& req) {
    if (route.access.is_public) {
      return Status::Ok();
    }
    MINYI_ASSIGN_OR_RETURN(SessionInfo info, sessions_.Lookup(call.session_token));
    call.session = std::move(info);
    if (IsStateChanging(call.method) && !CsrfMatches(req.get_header_value("X-CSRF-Token"), call.session->csrf_token)) {
      return PermissionDenied("缺少或错误的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试");
    }
    if (!route.access.roles.empty() && !route.access.roles.count(call.session->user.role)) {
      return PermissionDenied("当前角色（" + std::string(RoleLabel(call.session->user.role)) + "）无权执行此操作");
    }
    return Status::Ok();
  }

  void Handle(const Route& route, const httplib::Request& req, httplib::Response& res) {
    int64_t start = options_.clock->MonotonicNanos();
    ApiCall call;
    call.services = &services_;
    call.method = req.method;
    call.path = req.path;
    for (size_t i = 1; i < req.matches.size(); ++i) call.path_params.push_back(req.matches[i].str());
    for (const auto& [k, v] : req.params) call.query.emplace(k, v);
    call.body = req.body;
    call.client_address =
        ClientAddress(req.remote_addr, req.get_header_value("X-Forwarded-For"), options_.trusted_proxies);
    call.session_token = CookieValue(req.get_header_value("Cookie"), "minyi_session");
    if (std::string auth = req.get_header_value("Authorization"); auth.rfind("Bearer ", 0) == 0) {
      call.bearer_token = auth.substr(7);
    }
    Status st = Authorize(route, call, req);
    if (st.ok()) {
      Result<Reply> reply = Invoke(route, call);
      if (reply.ok()) {
        Write(*reply, res);
      } else {
        st = reply.status();
      }
    }
    if (!st.ok()) {
      SendError(res, st);
      if (res.status >= 500) spdlog::error("{} {}: {}", req.method, req.path, st.ToString());
    }
    double seconds = static_cast<double>(options_.clock->MonotonicNanos() - start) / 1e9;
    metrics_.Record(route.method, route.path, res.status, seconds);
  }

  static Result<Reply> Invoke(const Route& route, ApiCall& call) {
    try {
      return route.handler(call);
    } catch (const std::exception& e) {
      return Internal(std::string("服务器内部错误：") + e.what());
    }
  }

  static void Write(const Reply& reply, httplib::Response& res) {
    res.status = reply.status;
    for (const auto& [k, v] : reply.headers) res.set_header(k, v);
    if (!reply.raw.empty()) {
      res.set_content(reply.raw, reply.content_type);
    } else {
      res.set_content(reply.body.dump(-1, ' ', false, Json::error_handler_t::replace), reply.content_type);
    }
    res.set_header("Cache-Control", "no-store");
  }

  ServerOptions options_;
  SessionManager sessions_;
  LoginLimiter limiter_;
  Services services_;
  ModuleSet modules_;  // after services_: stopped before what they use goes away
  Metrics metrics_;
  httplib::Server http_;
};

}  // namespace

namespace {

// An IPv4 or IPv6 literal as proxies write them; anything else is refused
// rather than becoming a limiter bucket or a session record.
bool LooksLikeAddress(std::string_view a) {
  if (a.empty() || a.size() > 45) return false;
  for (char ch : a) {
    if (!std::isxdigit(static_cast<unsigned char>(ch)) && ch != '.' && ch != ':') return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  if (options.store == nullptr || options.clock == nullptr) return InvalidArgument("ServerOptions 缺少 store 或 clock");
  if (options.port < 0 || options.port > 65535) return InvalidArgument("端口无效：" + std::to_string(options.port));
  for (const std::string& proxy : options.trusted_proxies) {
    if (!LooksLikeAddress(proxy)) return InvalidArgument("--trusted-proxy 应为反向代理的 IP 地址：" + proxy);
  }
  return std::unique_ptr<Server>(new HttpServer(options));
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (!trusted(peer)) return std::string(peer);
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view entry =
        TrimBlank(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (!LooksLikeAddress(entry)) return std::string(peer);
    if (!trusted(entry)) return std::string(entry);
  }
  return std::string(peer);
}

Status ParseListenAddress(const std::string& listen, std::string* host, int* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return InvalidArgument("监听地址应写成 主机:端口，例如 127.0.0.1:8080");
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  std::string p = listen.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument("端口无效：" + p);
  }
  *port = std::stoi(p);
  if (*port > 65535) return InvalidArgument("端口无效：" + p);
  return Status::Ok();
}

std::vector<std::string> RegisteredRoutes() {
  std::vector<std::string> out;
  for (const Route& r : AllRoutes()) out.push_back(r.method + " " + r.path);
  return out;
}

}  // namespace minyi
