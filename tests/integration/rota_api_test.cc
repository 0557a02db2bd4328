// The on-duty rota over HTTP against the real `minyi demo`: the seeded rota
// and page, acknowledgement by the paged person only, refusals that store
// nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/demo_api.h"
#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

class RotaApiTest : public DemoApiTest {};

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
