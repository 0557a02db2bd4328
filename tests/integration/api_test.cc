// Drives the real `minyi serve` binary over HTTP on a loopback port.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"demo", "--data", dir_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server_->running()) << "server did not start";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }

  // Logs in and remembers the cookie and CSRF token.
  void Login(const std::string& name, const std::string& password = "minyi2026") {
    auto res =
        client_->Post("/api/v1/session", json{{"name", name}, {"password", password}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    ASSERT_NE(cookie.find("HttpOnly"), std::string::npos);
    ASSERT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    cookie_ = cookie.substr(0, cookie.find(';'));
    csrf_ = json::parse(res->body)["csrf_token"];
  }

  httplib::Headers Auth(bool with_csrf = true) {
    httplib::Headers h{{"Cookie", cookie_}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf_);
    return h;
  }

  static std::string ErrorCode(const httplib::Result& res) {
    auto j = json::parse(res->body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return "<no error body: " + res->body + ">";
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
    return j["error"]["code"];
  }

  void ExpectHealthy() {
    auto res = client_->Get("/healthz");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_TRUE(server_->Alive());
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string cookie_, csrf_;
};

TEST_F(ApiTest, LoginSessionAndLogout) {
  Login("admin");
  auto me = client_->Get("/api/v1/session", Auth(false));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["user"]["role"], "admin");
  auto dash = client_->Get("/api/v1/dashboard", Auth(false));
  ASSERT_EQ(dash->status, 200);
  EXPECT_EQ(json::parse(dash->body)["organization"]["name"], "清河县融媒体中心");
  auto out = client_->Delete("/api/v1/session", Auth());
  ASSERT_EQ(out->status, 200);
  auto again = client_->Get("/api/v1/session", Auth(false));
  EXPECT_EQ(again->status, 401);
  EXPECT_EQ(ErrorCode(again), "unauthenticated");
}

TEST_F(ApiTest, WrongPasswordAndUnknownUserAreBoth401) {
  auto bad = client_->Post("/api/v1/session", R"({"name":"admin","password":"wrong-pass1"})", "application/json");
  EXPECT_EQ(bad->status, 401);
  EXPECT_EQ(ErrorCode(bad), "unauthenticated");
  auto nobody = client_->Post("/api/v1/session", R"({"name":"nobody","password":"wrong-pass1"})", "application/json");
  EXPECT_EQ(nobody->status, 401);
  EXPECT_EQ(json::parse(bad->body)["error"]["message"], json::parse(nobody->body)["error"]["message"]);
  ExpectHealthy();
}

TEST_F(ApiTest, RepeatedFailuresAreRateLimited) {
  for (int i = 0; i < 5; ++i) {
    auto r = client_->Post("/api/v1/session", R"({"name":"editor","password":"guess-123"})", "application/json");
    EXPECT_EQ(r->status, 401);
  }
  auto limited = client_->Post("/api/v1/session", R"({"name":"editor","password":"minyi2026"})", "application/json");
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(ErrorCode(limited), "rate_limited");
  Login("admin");  // another account from the same address still works
  ExpectHealthy();
}

TEST_F(ApiTest, MissingRoleIs403) {
  Login("reporter");
  auto res = client_->Post("/api/v1/units", Auth(), R"({"name":"越权新增","kind":"department"})", "application/json");
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(ErrorCode(res), "permission_denied");
  auto users = client_->Get("/api/v1/users", Auth(false));
  EXPECT_EQ(users->status, 403);
}

TEST_F(ApiTest, MissingOrWrongCsrfIs403AndChangesNothing) {
  Login("admin");
  auto none =
      client_->Post("/api/v1/units", Auth(false), R"({"name":"无令牌","kind":"department"})", "application/json");
  EXPECT_EQ(none->status, 403);
  httplib::Headers wrong{{"Cookie", cookie_}, {"X-CSRF-Token", "0000"}};
  auto bad = client_->Post("/api/v1/units", wrong, R"({"name":"无令牌","kind":"department"})", "application/json");
  EXPECT_EQ(bad->status, 403);
  auto units = client_->Get("/api/v1/units", Auth(false));
  EXPECT_EQ(units->body.find("无令牌"), std::string::npos);
}

TEST_F(ApiTest, MalformedJsonIs400) {
  Login("admin");
  for (std::string body : {"{\"name\": ", "[1,2,3]", "\"text\"", "", "{\"name\": 12, \"kind\": \"department\"}"}) {
    auto res = client_->Post("/api/v1/units", Auth(), body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(ErrorCode(res), "invalid_argument") << body;
  }
  std::string deep(200000, '[');
  auto res = client_->Post("/api/v1/units", Auth(), deep, "application/json");
  EXPECT_EQ(res->status, 400);
  ExpectHealthy();
}

TEST_F(ApiTest, UnknownRouteIs404Json) {
  auto res = client_->Get("/api/v1/no-such-thing");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorCode(res), "not_found");
  Login("admin");
  auto missing = client_->Put("/api/v1/units/999999", Auth(), R"({"name":"x"})", "application/json");
  EXPECT_EQ(missing->status, 404);
  ExpectHealthy();
}

TEST_F(ApiTest, OversizedUploadIs413) {
  Login("admin");
  std::string big(33u << 20, 'a');
  auto res = client_->Post("/api/v1/units", Auth(), big, "application/json");
  if (res) {
    EXPECT_EQ(res->status, 413);
  }
  ExpectHealthy();
}

TEST_F(ApiTest, UnitsAndUsersCrudIsAudited) {
  Login("admin");
  auto unit = client_->Post("/api/v1/units", Auth(), R"({"name":"应急办","kind":"department"})", "application/json");
  ASSERT_EQ(unit->status, 201) << unit->body;
  int64_t unit_id = json::parse(unit->body)["id"];
  auto dup = client_->Post("/api/v1/units", Auth(), R"({"name":"应急办","kind":"department"})", "application/json");
  EXPECT_EQ(dup->status, 409);
  json user{
      {"name", "zhang3"}, {"display_name", "张三"}, {"role", "editor"}, {"unit_id", unit_id}, {"password", "short"}};
  auto weak = client_->Post("/api/v1/users", Auth(), user.dump(), "application/json");
  EXPECT_EQ(weak->status, 400);
  user["password"] = "Zhang3-pass";
  auto created = client_->Post("/api/v1/users", Auth(), user.dump(), "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(json::parse(created->body)["unit_name"], "应急办");
  auto del = client_->Delete("/api/v1/units/" + std::to_string(unit_id), Auth());
  EXPECT_EQ(del->status, 200);  // in use: deactivated, not deleted
  auto audit = client_->Get("/api/v1/audit?entity=unit", Auth(false));
  ASSERT_EQ(audit->status, 200);
  auto entries = json::parse(audit->body)["entries"];
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries[0]["action"], "deactivate");
  EXPECT_EQ(entries[0]["before"]["name"], "应急办");

  // The new account can log in with its own password.
  auto res = client_->Post("/api/v1/session", R"({"name":"zhang3","password":"Zhang3-pass"})", "application/json");
  EXPECT_EQ(res->status, 200);
}

TEST_F(ApiTest, StaticUiAndOpenApiAndMetrics) {
  auto doc = client_->Get("/api/v1/openapi.json");
  ASSERT_EQ(doc->status, 200);
  EXPECT_EQ(json::parse(doc->body)["openapi"], "3.0.3");
  auto metrics = client_->Get("/metrics");
  ASSERT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("minyi_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics->body.find("minyi_http_request_duration_seconds_bucket"), std::string::npos);
  auto page = client_->Get("/some/ui/route");
  ASSERT_TRUE(page);
  // With the UI staged this is index.html; the security headers are always set.
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace minyi::testing
