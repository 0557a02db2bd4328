// The review desk over HTTP on the real `minyi demo` server: role
// enforcement across the three stages, stale-version 409, and bad uploads
// answered with a clear 400/413 while nothing is stored.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

class ReviewApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"demo", "--data", dir_.path(), "--listen", "127.0.0.1:0"});
    ASSERT_TRUE(server_->running()) << "server did not start";
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }

  void Login(const std::string& name) {
    auto res =
        client_->Post("/api/v1/session", json{{"name", name}, {"password", "minyi2026"}}.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    cookie_ = cookie.substr(0, cookie.find(';'));
    csrf_ = json::parse(res->body)["csrf_token"];
  }
  httplib::Headers Auth() { return {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}}; }

  httplib::Result Post(const std::string& path, const json& body) {
    return client_->Post(path, Auth(), body.dump(), "application/json");
  }
  json Get(const std::string& path) {
    auto res = client_->Get(path, Auth());
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body, nullptr, false);
  }
  static std::string Message(const httplib::Result& res) {
    auto j = json::parse(res->body, nullptr, false);
    return j.is_discarded() ? "" : j["error"].value("message", "");
  }
  size_t DraftCount() { return Get("/api/v1/review/drafts").at("drafts").size(); }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string cookie_, csrf_;
};

TEST_F(ReviewApiTest, RolesAcrossTheThreeStages) {
  Login("editor");
  json channels = Get("/api/v1/review/channels");
  ASSERT_GE(channels["channels"].size(), 2u);
  int64_t channel = channels["channels"][0]["id"];
  auto created = Post("/api/v1/review/drafts",
                      {{"channel_id", channel}, {"title", "测试稿件"}, {"text", "各单位要按步就班落实责任。"}});
  ASSERT_EQ(created->status, 201) << created->body;
  json d = json::parse(created->body);
  int64_t id = d["draft"]["id"];
  int64_t v1 = d["version"]["id"];
  EXPECT_EQ(d["draft"]["stage"], "first");
  EXPECT_EQ(d["version"]["findings"][0]["rule"], "typo.word");
  std::string path = "/api/v1/review/drafts/" + std::to_string(id);

  // A reporter cannot review at all (route-level role check).
  Login("reporter");
  auto r = Post(path + "/decisions", {{"stage", "first"}, {"version_id", v1}, {"decision", "approve"}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(client_->Get(path, Auth())->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/review/channels", Auth())->status, 200);  // everyone sees the channels

  // The leader may not do 初审.
  Login("leader");
  r = Post(path + "/decisions", {{"stage", "first"}, {"version_id", v1}, {"decision", "approve"}});
  EXPECT_EQ(r->status, 403) << r->body;
  Login("editor");
  r = Post(path + "/decisions", {{"stage", "first"}, {"version_id", v1}, {"decision", "approve"}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["draft"]["stage"], "second");

  // The author edits after 初审: back to 初审, and approving the old version is 409.
  auto edited = Post(path + "/versions", {{"text", "各单位要按部就班落实责任。"}, {"base_version_id", v1}});
  ASSERT_EQ(edited->status, 201) << edited->body;
  int64_t v2 = json::parse(edited->body)["version"]["id"];
  EXPECT_EQ(json::parse(edited->body)["draft"]["stage"], "first");
  r = Post(path + "/decisions", {{"stage", "first"}, {"version_id", v1}, {"decision", "approve"}});
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_NE(Message(r).find("最新版本"), std::string::npos) << Message(r);
  r = Post(path + "/decisions", {{"stage", "first"}, {"version_id", v2}, {"decision", "approve"}});
  ASSERT_EQ(r->status, 200) << r->body;

  Login("reviewer");
  r = Post(path + "/decisions", {{"stage", "second"}, {"version_id", v2}, {"decision", "approve"}});
  ASSERT_EQ(r->status, 200) << r->body;
  r = Post(path + "/decisions", {{"stage", "final"}, {"version_id", v2}, {"decision", "approve"}});
  EXPECT_EQ(r->status, 403);

  Login("leader");
  r = Post(path + "/decisions", {{"stage", "final"}, {"version_id", v2}, {"decision", "approve"}});
  ASSERT_EQ(r->status, 200) << r->body;
  json done = json::parse(r->body);
  EXPECT_EQ(done["draft"]["status"], "approved");
  EXPECT_EQ(done["decisions"].size(), 4u);
  EXPECT_EQ(done["decisions"][3]["version_sha256"], done["version"]["sha256"]);

  Login("editor");
  r = Post(path + "/publish", {{"published_on", "2026-11-23"}, {"url", "http://www.qinghe.gov.cn/t.html"}});
  ASSERT_EQ(r->status, 200) << r->body;
  json ledger = Get("/api/v1/review/ledger?from=2026-11-23&to=2026-11-23");
  bool found = false;
  for (const auto& e : ledger["entries"]) {
    if (e["draft_id"] == id) {
      found = true;
      EXPECT_EQ(e["findings_first"], 1);
      EXPECT_EQ(e["findings_fixed"], 1);
      EXPECT_EQ(e["version_count"], 2);
    }
  }
  EXPECT_TRUE(found) << ledger.dump();
}

TEST_F(ReviewApiTest, AuthorWithdrawsADraftInReview) {
  Login("editor");
  int64_t channel = Get("/api/v1/review/channels")["channels"][0]["id"];
  auto created =
      Post("/api/v1/review/drafts", {{"channel_id", channel}, {"title", "撤回测试"}, {"text", "关于召开会议的通知。"}});
  ASSERT_EQ(created->status, 201) << created->body;
  json d = json::parse(created->body);
  EXPECT_EQ(d["draft"]["can"]["withdraw"], true);
  std::string path = "/api/v1/review/drafts/" + std::to_string(d["draft"]["id"].get<int64_t>());
  // Someone else cannot withdraw it, nor pass "withdraw" off as a decision.
  Login("reviewer");
  auto r = Post(path + "/withdraw", json::object());
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(json::parse(Get(path).dump())["draft"]["can"]["withdraw"], false);
  Login("editor");
  r = Post(path + "/decisions",
           {{"stage", "first"}, {"version_id", d["version"]["id"]}, {"decision", "withdraw"}, {"comment", "撤"}});
  EXPECT_EQ(r->status, 400) << r->body;
  r = Post(path + "/withdraw", {{"reason", "会议时间待定"}});
  ASSERT_EQ(r->status, 200) << r->body;
  json w = json::parse(r->body);
  EXPECT_EQ(w["draft"]["status"], "withdrawn");
  EXPECT_EQ(w["draft"]["status_label"], "已撤回");
  ASSERT_EQ(w["decisions"].size(), 1u);
  EXPECT_EQ(w["decisions"][0]["decision"], "withdraw");
  EXPECT_EQ(w["decisions"][0]["comment"], "会议时间待定");
  // Twice is a conflict with a clear message; an edit resubmits it.
  r = Post(path + "/withdraw", json::object());
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_NE(Message(r).find("才能撤回"), std::string::npos) << Message(r);
  auto edited = Post(path + "/versions", {{"text", "关于召开会议的通知（时间另行通知）。"}});
  ASSERT_EQ(edited->status, 201) << edited->body;
  EXPECT_EQ(json::parse(edited->body)["draft"]["status"], "in_review");
}

TEST_F(ReviewApiTest, BadUploadsAreClearErrorsAndStoreNothing) {
  Login("editor");
  int64_t channel = Get("/api/v1/review/channels")["channels"][0]["id"];
  size_t before = DraftCount();
  struct Case {
    json body;
    int status;
  } cases[] = {
      {{{"channel_id", channel}, {"title", "坏"}, {"filename", "a.txt"}, {"content_base64", "@@@"}}, 400},
      {{{"channel_id", channel}, {"title", "坏"}, {"filename", "a.doc"}, {"content_base64", "YWJj"}}, 400},
      {{{"channel_id", channel}, {"title", "坏"}, {"filename", "a.docx"}, {"content_base64", "UEsDBGJhZA=="}}, 400},
      {{{"channel_id", channel}, {"title", "坏"}, {"filename", "a.txt"}, {"content_base64", ""}}, 400},
      {{{"channel_id", channel}, {"title", "坏"}}, 400},
      {{{"channel_id", 99999}, {"title", "坏"}, {"text", "正文"}}, 404},
      {{{"channel_id", channel},
        {"title", "大"},
        {"filename", "big.txt"},
        {"content_base64", std::string((11u << 20) / 3 * 4, 'Q')}},
       413},
  };
  for (const Case& c : cases) {
    auto r = Post("/api/v1/review/drafts", c.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.status) << r->body.substr(0, 300);
    std::string msg = Message(r);
    EXPECT_FALSE(msg.empty());
    EXPECT_TRUE(msg.find("\xE6") != std::string::npos || msg.find("\xE4") != std::string::npos ||
                msg.find("\xE5") != std::string::npos || msg.find("\xE7") != std::string::npos)
        << "not Chinese: " << msg;
  }
  EXPECT_EQ(DraftCount(), before);
  // A good upload still works afterwards.
  auto ok = Post("/api/v1/review/drafts",
                 {{"channel_id", channel}, {"filename", "通知.txt"}, {"content_base64", "5rWL6K+V56i/5Lu2"}});
  ASSERT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["draft"]["title"], "通知");
  EXPECT_EQ(DraftCount(), before + 1);
}

}  // namespace
}  // namespace minyi::testing
