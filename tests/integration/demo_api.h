// A test fixture for API tests against the real `minyi demo` server: starts it
// on a free loopback port with a fresh data location (SQLite directory, or a
// fresh PostgreSQL database in the `pg` pass), logs in demo accounts and sends
// JSON requests with the session cookie and CSRF token.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "integration/process_util.h"

namespace minyi::testing {

class DemoApiTest : public ::testing::Test {
 protected:
  using json = nlohmann::json;

  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"demo", "--data", dir_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server_->running()) << "server did not start";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    // Generous: PDF conversion and a loaded 2-core machine.
    client_->set_read_timeout(240, 0);
    client_->set_write_timeout(60, 0);
  }

  // Logs in a demo account (password minyi2026); later calls act as it.
  void Login(const std::string& name) {
    auto res =
        client_->Post("/api/v1/session", json{{"name", name}, {"password", "minyi2026"}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    cookie_ = res->get_header_value("Set-Cookie");
    cookie_ = cookie_.substr(0, cookie_.find(';'));
    json body = json::parse(res->body);
    csrf_ = body["csrf_token"];
    user_ = body["user"];
  }
  httplib::Headers Auth() const { return {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}}; }

  // Sends GET/PUT/POST/DELETE, expects the status and returns the parsed
  // body (discarded JSON when it is not JSON); the raw body is in last_body_.
  json Call(const std::string& method, const std::string& path, const json& body, int expect) {
    const std::string text = body.is_null() ? "" : body.dump();
    httplib::Result res = method == "GET"      ? client_->Get(path, Auth())
                          : method == "PUT"    ? client_->Put(path, Auth(), text, "application/json")
                          : method == "DELETE" ? client_->Delete(path, Auth())
                                               : client_->Post(path, Auth(), text, "application/json");
    EXPECT_TRUE(res) << method << " " << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expect) << method << " " << path << ": " << res->body;
    last_body_ = res->body;
    return json::parse(res->body, nullptr, false);
  }
  json Get(const std::string& path, int expect = 200) { return Call("GET", path, json(), expect); }
  // A POST whose status the test inspects itself.
  std::pair<int, json> Post(const std::string& path, const json& body) {
    auto res = client_->Post(path, Auth(), body.dump(), "application/json");
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string cookie_, csrf_, last_body_;
  json user_;
};

}  // namespace minyi::testing
