// The on-duty rota over HTTP against the real `minyi demo`: the seeded rota
// and page, acknowledgement by the paged person only, refusals that store
// nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

class RotaApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"demo", "--data", dir_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server_->running()) << "server did not start";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(60, 0);
  }

  void Login(const std::string& name) {
    auto res =
        client_->Post("/api/v1/session", json{{"name", name}, {"password", "minyi2026"}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    cookie_ = res->get_header_value("Set-Cookie");
    cookie_ = cookie_.substr(0, cookie_.find(';'));
    csrf_ = json::parse(res->body)["csrf_token"];
    user_ = json::parse(res->body)["user"];
  }
  httplib::Headers Auth() { return {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}}; }
  json Get(const std::string& path, int expect = 200) {
    auto res = client_->Get(path, Auth());
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  std::pair<int, json> Post(const std::string& path, const json& body) {
    auto res = client_->Post(path, Auth(), body.dump(), "application/json");
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string cookie_, csrf_;
  json user_;
};

TEST_F(RotaApiTest, SeededPageIsAcknowledgedOnlyByThePagedPerson) {
  Login("admin");
  json rota = Get("/api/v1/rota/shifts");
  ASSERT_FALSE(rota["items"].empty());
  json now = Get("/api/v1/rota/now");
  ASSERT_TRUE(now["on_duty"].is_object()) << now.dump();
  json pages = Get("/api/v1/rota/pages?scope=all&status=pending");
  ASSERT_FALSE(pages["items"].empty()) << pages.dump();
  json page = pages["items"][0];
  EXPECT_EQ(page["user_id"], now["on_duty"]["user_id"]);
  EXPECT_EQ(pages["ack_timeout_minutes"], 15);

  // Who is that? Try the demo's staff accounts.
  std::string paged_login, other_login;
  for (const char* name : {"handler", "editor", "reviewer"}) {
    Login(name);
    if (user_["id"] == page["user_id"]) {
      paged_login = name;
    } else {
      other_login = name;
    }
  }
  ASSERT_FALSE(paged_login.empty());
  Login(other_login);
  auto [denied, body] =
      Post("/api/v1/rota/pages/" + std::to_string(page["id"].get<int64_t>()) + "/ack", json::object());
  EXPECT_EQ(denied, 403);
  EXPECT_NE(body["error"]["message"].get<std::string>().find("值班人员"), std::string::npos) << body.dump();

  Login(paged_login);
  EXPECT_GE(Get("/api/v1/rota/now")["my_pending_pages"].get<int>(), 1);
  auto [ok, acked] =
      Post("/api/v1/rota/pages/" + std::to_string(page["id"].get<int64_t>()) + "/ack", {{"note", "已研判，无需升级"}});
  ASSERT_EQ(ok, 200) << acked.dump();
  EXPECT_EQ(acked["status"], "acked");
  EXPECT_EQ(acked["ack_note"], "已研判，无需升级");
  EXPECT_GE(acked["ack_seconds"].get<int64_t>(), 0);
  auto [again, again_body] =
      Post("/api/v1/rota/pages/" + std::to_string(page["id"].get<int64_t>()) + "/ack", json::object());
  EXPECT_EQ(again, 409) << again_body.dump();
}

TEST_F(RotaApiTest, BadInputAndRolesAreRefusedWithoutStoring) {
  Login("reporter");
  EXPECT_FALSE(Get("/api/v1/rota/shifts")["items"].empty());  // everyone sees the rota
  auto [forbidden, fb] =
      Post("/api/v1/rota/shifts", {{"user_id", 1}, {"starts_at", "2026-12-01 08:30"}, {"ends_at", "2026-12-01 17:30"}});
  EXPECT_EQ(forbidden, 403) << fb.dump();

  Login("admin");
  size_t before = Get("/api/v1/rota/shifts")["items"].size();
  auto [bad_month, bm] = Post("/api/v1/rota/generate", {{"month", "2026-13"}, {"people", {user_["id"]}}});
  EXPECT_EQ(bad_month, 400);
  EXPECT_NE(bm["error"]["message"].get<std::string>().find("月份"), std::string::npos) << bm.dump();
  auto [bad_time, bt] = Post("/api/v1/rota/shifts",
                             {{"user_id", user_["id"]}, {"starts_at", "明天早上"}, {"ends_at", "2026-12-01 17:30"}});
  EXPECT_EQ(bad_time, 400);
  EXPECT_NE(bt["error"]["message"].get<std::string>().find("时间格式无效"), std::string::npos) << bt.dump();
  auto [taken, tk] =
      Post("/api/v1/rota/generate",
           {{"month", Get("/api/v1/rota/shifts")["from"].get<std::string>().substr(0, 7)}, {"people", {user_["id"]}}});
  EXPECT_EQ(taken, 409);
  EXPECT_NE(tk["error"]["message"].get<std::string>().find("覆盖"), std::string::npos) << tk.dump();
  auto settings =
      client_->Put("/api/v1/rota/settings", Auth(), json{{"ack_timeout_minutes", 0}}.dump(), "application/json");
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->status, 400);
  EXPECT_EQ(Get("/api/v1/rota/settings")["ack_timeout_minutes"], 15);
  EXPECT_EQ(Get("/api/v1/rota/shifts")["items"].size(), before);

  // A heightened period shows on the rota; the demo's hand-over note is there.
  auto [created, period] =
      Post("/api/v1/rota/periods", {{"name", "元旦假期"}, {"first_day", "2027-01-01"}, {"last_day", "2027-01-03"}});
  EXPECT_EQ(created, 201) << period.dump();
  EXPECT_FALSE(Get("/api/v1/rota/handovers")["items"].empty());
}

}  // namespace
}  // namespace minyi::testing
